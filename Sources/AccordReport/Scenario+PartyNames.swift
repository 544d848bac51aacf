import AccordModel

extension Scenario {
    /// The most parties whose names, shares of a divisible issue, utilities and gains text lists
    /// one by one; with more (a climate goal among 195 states) text summarizes them
    /// (`partySummary(_:format:)`, the largest shares), and JSON, CSV and Markdown carry every one.
    static let partiesListedInFull = 12

    /// The line that introduces the parties by name in text and Markdown reports, e.g.
    /// `Parties: A = Country A, B = Country B`; `nil` when no party has a `name` (ids alone are
    /// then all there is to show). Tables and columns keep the short ids; this line says who they
    /// are. With more than `partiesListedInFull` parties, text says how many and where the names
    /// are (`every: true`, for a Markdown report, lists them all).
    package func partyLegend(every: Bool = false) -> String? {
        guard parties.contains(where: { $0.name != nil }) else { return nil }
        guard every || parties.count <= Self.partiesListedInFull else {
            return "Parties: \(parties.count), shown by id (the scenario file names each one; so does the Markdown report of solve)"
        }
        return "Parties: " + parties.map(\.legendEntry).joined(separator: ", ")
    }

    /// One number per party for people: each party's id and value, or with more than
    /// `partiesListedInFull` parties the lowest and highest value with the parties that have it
    /// (all of them up to four, else three and how many others) and the median: `lowest 0.3391 (AF04, AF09, AF21 and 9 others), median
    /// 0.4152, highest 0.6705 (AF16, AF24, AF50 and WE04)`. Values that read the same once
    /// formatted are ties.
    func partyValues(_ values: [Double], format: (Double) -> String = formatNumber) -> String {
        guard parties.count > Self.partiesListedInFull else {
            return zip(parties, values).map { "\($0.id) \(format($1))" }.joined(separator: ", ")
        }
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        guard let first = order.first, let last = order.last else { return "" }
        func holders(_ text: String) -> String {
            let ids = parties.indices.filter { format(values[$0]) == text }.map { parties[$0].id }
            return ids.count > 4 ? ids.prefix(3).joined(separator: ", ") + " and \(ids.count - 3) others" : BargainText.listed(ids)
        }
        let lowest = format(values[first]), highest = format(values[last])
        let median = format(values[order[(order.count - 1) / 2]])
        return "lowest \(lowest) (\(holders(lowest))), median \(median), highest \(highest) (\(holders(highest)))"
    }
}

extension Party {
    /// How a legend introduces the party: `A = Country A`, or its id when it has no name.
    var legendEntry: String { name.map { "\(id) = \($0)" } ?? id }
}
