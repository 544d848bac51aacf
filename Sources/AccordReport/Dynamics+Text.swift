import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace

extension DynamicsReport {
    /// A readable account: the protocol and its parameters, the bargaining set, the agreement
    /// (and for Zeuthen the concession path), and the Nash solution on the same set.
    public var text: String {
        let parties = scenario.parties
        let firstId = parties[firstProposer].id
        var lines: [String] = []
        switch protocolName {
        case .rubinstein:
            let factors = discount.map { " (δ " + zip(parties, $0).map { "\($0.id) \(formatNumber($1))" }.joined(separator: ", ") + ")" } ?? ""
            lines.append("\(scenario.name) — Rubinstein alternating offers, \(firstId) proposes first\(factors)")
        case .zeuthen:
            lines.append("\(scenario.name) — Zeuthen monotonic concession, \(firstId) opens")
        }
        let setText: String
        switch bargainingSet.kind {
        case .frontierHull:
            setText = protocolName == .rubinstein
                ? "convex hull of the \(bargainingSet.offers.count) Pareto-optimal packages (lotteries between neighbours on it)"
                : "the \(bargainingSet.offers.count) Pareto-optimal packages"
        case .divisible: setText = "shares of divisible issue '\(scenario.issues[0].id)'" + (protocolName == .zeuthen ? " (\(bargainingSet.offers.count) offers on a grid)" : "")
        case .range: setText = "values of range issue '\(scenario.issues[0].id)'" + (protocolName == .zeuthen ? " (\(bargainingSet.offers.count) offers on a grid)" : "")
        }
        lines.append("Bargaining set: " + setText)
        lines.append("Disagreement point (\(scenario.disagreement.rawValue)): " + values(disagreement))
        if let reason = bargainingSet.noAgreementReason?.text(in: scenario) {
            lines.append("")
            lines.append(reason.prefix(1).uppercased() + reason.dropFirst())
            return lines.joined(separator: "\n") + "\n"
        }

        if let rubinstein {
            lines.append("")
            lines.append("Subgame-perfect agreement: \(firstId)'s opening offer, accepted at once")
            lines += describe(rubinstein.agreement)
            lines.append("")
            lines.append("\(parties[1 - firstProposer].id)'s stationary counter-offer (off the equilibrium path)")
            lines += describe(rubinstein.counterOffer)
            if let nash {
                lines.append("")
                lines.append("Nash solution on the same set (the limit as every δ → 1)")
                lines += describe(nash)
            }
        }
        if let zeuthen {
            lines.append("")
            var rows = [["round", "proposer", "utilities", "risk", ""]]
            for offer in zeuthen.offers {
                let acceptsOther = zeuthen.offers.contains { $0.round == offer.round && $0.proposer != offer.proposer && $0.accepted }
                let note = offer.accepted ? "accepted" : acceptsOther ? "accepts \(parties[1 - offer.proposer].id)'s offer" : (offer.concedes ? "concedes next round" : "")
                rows.append(["\(offer.round)", parties[offer.proposer].id, values(offer.offer.utilities),
                             String(format: "%.3f", offer.risk), note])
            }
            lines += BargainText.alignedRows(rows).map { "  " + $0 }
            lines.append("")
            lines.append("Agreement after \(zeuthen.rounds) round\(zeuthen.rounds == 1 ? "" : "s")")
            lines += describe(BargainingCurve.Point(utilities: zeuthen.agreement.utilities, outcome: .package(zeuthen.agreement.package)))
            if let nash {
                let same = nash.utilities == zeuthen.agreement.utilities
                lines.append(same
                    ? "  = the Nash solution (Zeuthen's process converges to it)"
                    : "  Nash solution: u " + values(nash.utilities) + " (a tie within 1e-12 of the agreement's Nash product)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func values(_ numbers: [Double]) -> String {
        zip(scenario.parties, numbers).map { "\($0.id) \(formatNumber($1))" }.joined(separator: ", ")
    }

    /// The package (or lottery) of a point, then utilities, gains and Nash product.
    private func describe(_ point: BargainingCurve.Point) -> [String] {
        let gains = zip(point.utilities, disagreement).map { $0 - $1 }
        return scenario.agreementLines(
            point.outcome, utilities: point.utilities, gains: gains, nashProduct: NashObjective.product(gains: gains, power: power))
    }
}
