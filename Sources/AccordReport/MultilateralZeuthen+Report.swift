import AccordDynamics
import AccordModel
import AccordSolutions

extension MultilateralZeuthenReport {
    /// The `dynamics` document (DESIGN.md §2.4) for three or more parties: `{"protocol",
    /// "first_proposer", "agreement": {"package", "utilities"}, "path": [{"round", "proposer",
    /// "package", "utilities", "risk", "weighted_risk", "concedes", "accepted"}], "rounds",
    /// "nash", "converged_to_nash"}`, every party's offer in every round.
    public var json: JSONValue {
        let ids = scenario.parties.map(\.id)
        func point(_ utilities: [Double], _ package: [IssueValue]) -> JSONValue {
            .object([("package", scenario.json(package: package)), ("utilities", .numbers(utilities))])
        }
        var members: [(String, JSONValue)] = [
            ("scenario", .string(scenario.name)),
            ("parties", .array(ids.map(JSONValue.string))),
            ("disagreement", .numbers(disagreement)),
            ("protocol", .string(DynamicsProtocol.zeuthen.rawValue)),
            ("first_proposer", .string(ids[firstProposer])),
            ("power", .numbers(scenario.parties.map(\.power))),
            ("offers", .number(Double(offerCount))),
            ("agreement", path.map { point($0.agreement.utilities, $0.agreement.package) } ?? .null),
            ("path", .array((path?.offers ?? []).map { offer in
                .object([
                    ("round", .number(Double(offer.round))), ("proposer", .string(ids[offer.proposer])),
                    ("package", scenario.json(package: offer.offer.package)), ("utilities", .numbers(offer.offer.utilities)),
                    ("risk", .number(offer.risk)), ("weighted_risk", .number(offer.weightedRisk)),
                    ("concedes", .bool(offer.concedes)), ("accepted", .bool(offer.accepted)),
                ])
            })),
            ("rounds", .number(Double(path?.rounds ?? 0))),
            ("nash", nash.map { nash in .object([nash.outcome.jsonMember(in: scenario), ("utilities", .numbers(nash.utilities))]) } ?? .null),
        ]
        if let path, let nash { members.append(("converged_to_nash", .bool(path.agreement.utilities == nash.utilities))) }
        if let noAgreementReason { members.append(("reason", .string(noAgreementReason.text(in: scenario)))) }
        return .object(members)
    }

    /// Who concedes in each round and to what, and the agreement against the Nash solution.
    public var text: String {
        let ids = scenario.parties.map(\.id)
        var lines = ["\(scenario.name) — Zeuthen's concession process among \(ids.count) parties, \(ids[firstProposer]) first"]
        if let legend = scenario.partyLegend() { lines.append(legend) }
        guard let path else {
            lines.append("")
            lines.append(noAgreementReason.map { $0.text(in: scenario) } ?? "no package is acceptable to every party")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("Offers: the \(offerCount) Pareto-optimal acceptable packages; each party opens with its best.")
        lines.append("Each round the party whose offer has the smallest Nash product Π(u − d)^p concedes to its best offer that beats every offer on the table (or accepts the best one).")
        lines.append("")
        var rows = [["round", "concedes", "its offer then gives"]]
        let rounds = Dictionary(grouping: path.offers, by: \.round)
        for round in rounds.keys.sorted() {
            guard let offers = rounds[round], let conceder = offers.first(where: \.concedes) else { continue }
            let next = rounds[round + 1]?.first { $0.proposer == conceder.proposer }
            rows.append(["\(round)", ids[conceder.proposer], next.map { scenario.partyValues($0.offer.utilities) } ?? ""])
        }
        let shown = rows.count > 25 ? Array(rows.prefix(13)) + [["…", "", ""]] + Array(rows.suffix(11)) : rows
        lines += BargainText.alignedRows(shown).map { "  " + $0 }
        lines.append("")
        lines.append("Agreement after \(path.rounds) round\(path.rounds == 1 ? "" : "s"): every party makes the same offer")
        for (j, value) in path.agreement.package.enumerated() { lines.append("  \(scenario.issues[j].id) = \(scenario.describe(value, issue: j))") }
        lines.append("  utilities: " + scenario.partyValues(path.agreement.utilities))
        if let nash {
            lines.append(nash.utilities == path.agreement.utilities ? "= the Nash solution with the scenario's power" : "The Nash solution differs (an exact tie of Nash products): u " + scenario.partyValues(nash.utilities))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
