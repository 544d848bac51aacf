import AccordGames
import AccordModel

extension DecisionRule {
    /// The rule in words for `parties` parties: `weighted: at least 65% of the weight and at
    /// least 55% of the parties (5 of 9)`.
    public func text(parties n: Int) -> String {
        func share(_ q: Double) -> String { formatNumber(q * 100) + "%" }
        func partiesShare(_ q: Double) -> String {
            guard let needed = Self.ceilingShare(q, of: n) else { return "at least \(share(q)) of the parties" }
            return "at least \(share(q)) of the parties (\(needed) of \(n))"
        }
        var parts: [String] = []
        switch kind {
        case .unanimity: return "unanimity (all \(n) parties)"
        case .majority: parts.append(quota.map(partiesShare) ?? "more than half of the parties (\(n / 2 + 1) of \(n))")
        case .weighted: parts.append("at least \(share(quota ?? 1)) of the weight")
        }
        if let members { parts.append(partiesShare(members)) }
        if let minParties { parts.append("at least \(minParties) parties") }
        return "\(kind.rawValue): " + BargainText.listed(parts)
    }

    /// The rule as in the scenario file, with its words.
    public func json(parties n: Int) -> JSONValue {
        var fields: [(String, JSONValue)] = [("kind", .string(kind.rawValue))]
        if let quota { fields.append(("quota", .scenarioNumber(quota))) }
        if let members { fields.append(("members", .scenarioNumber(members))) }
        if let minParties { fields.append(("min_parties", .number(Double(minParties)))) }
        fields.append(("text", .string(text(parties: n))))
        return .object(fields)
    }
}
