import AccordDynamics
import AccordModel

extension BaronFerejohnSolution {
    /// `{"protocol": "baron-ferejohn", "quota", "recognition", "discount", "expected": {"shares",
    /// "utilities"}, "proposals": [{"proposer", "package", "utilities", "partners"}]}`, arrays in
    /// party order; a proposal's package holds each party's expected share (partners chosen by
    /// chance where votes cost the same).
    public var json: JSONValue {
        let ids = scenario.parties.map(\.id)
        let issue = scenario.issues[0].id
        func package(_ shares: [Double]) -> JSONValue { .object([(issue, .object(zip(ids, shares).map { ($0, .number($1)) }))]) }
        return .object([
            ("scenario", .string(scenario.name)),
            ("parties", .array(ids.map(JSONValue.string))),
            ("disagreement", .numbers(disagreement)),
            ("protocol", .string(DynamicsProtocol.baronFerejohn.rawValue)),
            ("quota", .number(Double(quota))),
            ("recognition", .numbers(recognition)),
            ("discount", .numbers(discount)),
            ("expected", .object([("package", package(expectedShares)), ("utilities", .numbers(expectedUtilities))])),
            ("proposals", .array(proposals.map { proposal in
                .object([
                    ("proposer", .string(ids[proposal.proposer])),
                    ("package", package(proposal.shares)),
                    ("utilities", .numbers(proposal.utilities)),
                    ("partners", .object(ids.indices.filter { proposal.partnerProbability[$0] > 0 }.map { (ids[$0], .number(proposal.partnerProbability[$0])) })),
                ])
            })),
            ("converged", .bool(converged)),
            ("iterations", .number(Double(iterations))),
            ("residual", .number(residual)),
        ])
    }

    /// Each proposer's split, and what each party expects before anyone is recognized.
    public var text: String {
        let ids = scenario.parties.map(\.id)
        let n = ids.count
        var lines = ["\(scenario.name) — Baron–Ferejohn bargaining: \(n) parties, a proposal passes with \(quota) of \(n) (the proposer included)"]
        if let legend = scenario.partyLegend() { lines.append(legend) }
        lines.append("Recognition: " + zip(ids, recognition).map { "\($0) \(formatNumber($1))" }.joined(separator: ", "))
        lines.append("Discount per round: " + zip(ids, discount).map { "\($0) \(formatNumber($1))" }.joined(separator: ", "))
        lines.append("")
        let status = converged ? "the first proposal passes at once" : "not converged: the equilibrium mixes the proposers' partners and the averaging stopped at this residual"
        lines.append("Stationary equilibrium (\(iterations) iteration\(iterations == 1 ? "" : "s"), residual \(formatNumber(residual))): \(status).")
        var rows = [["proposer", "keeps", "buys the votes of"]]
        let shown = n > Scenario.partiesListedInFull ? Array(proposals.sorted { recognition[$0.proposer] > recognition[$1.proposer] }.prefix(Scenario.partiesListedInFull)) : proposals
        for proposal in shown {
            let partners = ids.indices.filter { proposal.partnerProbability[$0] > 0 }
            let text = partners.prefix(6).map { j in
                let share = formatNumber(proposal.shares[j] / proposal.partnerProbability[j])
                return proposal.partnerProbability[j] < 1 ? "\(ids[j]) \(share) (chance \(formatNumber(proposal.partnerProbability[j])))" : "\(ids[j]) \(share)"
            }.joined(separator: ", ") + (partners.count > 6 ? " and \(partners.count - 6) more" : "")
            rows.append([ids[proposal.proposer], formatNumber(proposal.shares[proposal.proposer]), partners.isEmpty ? "nobody" : text])
        }
        lines += BargainText.alignedRows(rows).map { "  " + $0 }
        if shown.count < n { lines.append("  (the \(shown.count) most often recognized of \(n) proposers; --format json gives every one)") }
        lines.append("")
        lines.append("Expected share before recognition: " + scenario.partyValues(expectedShares))
        return lines.joined(separator: "\n") + "\n"
    }
}
