import AccordModel

extension Scenario {
    /// The line that introduces the parties by name in text and Markdown reports, e.g.
    /// `Parties: A = Country A, B = Country B`; `nil` when no party has a `name` (ids alone are
    /// then all there is to show). Tables and columns keep the short ids; this line says who they are.
    package var partyLegend: String? {
        guard parties.contains(where: { $0.name != nil }) else { return nil }
        return "Parties: " + parties.map { party in party.name.map { "\(party.id) = \($0)" } ?? party.id }.joined(separator: ", ")
    }
}
