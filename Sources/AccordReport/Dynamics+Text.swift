import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

extension DynamicsReport {
    /// A readable account: the protocol and its parameters, who the parties are, the bargaining
    /// set, the agreement (for Zeuthen the concession path and the rule deciding who concedes; for
    /// Rubinstein its limit as offers come ever faster), and the Nash solution on the same set.
    public var text: String {
        let parties = scenario.parties
        let firstId = parties[firstProposer].id
        var lines: [String] = []
        switch protocolName {
        case .rubinstein:
            let factors = discount.map { " (δ " + values($0) + ")" } ?? ""
            lines.append("\(scenario.name) — Rubinstein alternating offers, \(firstId) proposes first\(factors)")
        case .zeuthen, .baronFerejohn:
            lines.append("\(scenario.name) — Zeuthen monotonic concession, \(firstId) opens")
        }
        if let legend = scenario.partyLegend() { lines.append(legend) }
        let setText: String
        switch bargainingSet.kind {
        case .frontierHull:
            setText = protocolName == .rubinstein
                ? "convex hull of the \(bargainingSet.offers.count) Pareto-optimal packages (lotteries between neighbours on it)"
                : "the \(bargainingSet.offers.count) Pareto-optimal packages"
        case .divisible: setText = "shares of divisible issue '\(scenario.issues[0].id)'" + (protocolName == .zeuthen ? " (\(bargainingSet.offers.count) offers on a grid)" : "")
        case .range: setText = "values of range issue '\(scenario.issues[0].id)'" + (protocolName == .zeuthen ? " (\(bargainingSet.offers.count) offers on a grid)" : "")
        case .continuousCurve:
            setText = "the exact frontier curve of the \(scenario.issues.count) continuous issues (\(bargainingSet.curve.vertices.count) vertices)"
                + (protocolName == .zeuthen ? ", \(bargainingSet.offers.count) offers along it" : "")
        case .curveEnvelope:
            let continuous = scenario.issues.filter { $0.options == nil }.count
            let curves = "\(bargainingSet.curveCount) exact frontier curve\(bargainingSet.curveCount == 1 ? "" : "s") of the \(continuous) continuous issue\(continuous == 1 ? "" : "s")"
            let each = scenario.issues.contains { $0.options != nil }
                ? ", one per Pareto-optimal package of the discrete issues" : ", one per concave part of the values"
            setText = protocolName == .rubinstein
                ? "convex hull of \(curves)\(each) (\(bargainingSet.curve.vertices.count) vertices; lotteries where it bridges two curves)"
                : "upper envelope of \(curves)\(each) (\(bargainingSet.offers.count) offers along it)"
        }
        lines.append("Bargaining set: " + setText)
        lines.append("Disagreement point (\(scenario.disagreement.rawValue)): " + values(disagreement))
        if let reason = bargainingSet.noAgreementReason?.text(in: scenario) {
            lines.append("")
            lines.append(reason.prefix(1).uppercased() + reason.dropFirst())
            return lines.joined(separator: "\n") + "\n"
        }
        if let rubinstein { lines += rubinsteinLines(rubinstein) }
        if let zeuthen { lines += zeuthenLines(zeuthen) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The agreement, the counter-offer, a warning when the bisection hit its cap, the limit of
    /// fast offers (with `r_i` and the powers it implies), and the Nash solution with the
    /// scenario's own powers.
    private func rubinsteinLines(_ solution: RubinsteinSolution) -> [String] {
        let parties = scenario.parties
        var lines = ["", "Subgame-perfect agreement: \(parties[solution.firstProposer].id)'s opening offer, accepted at once"]
        lines += describe(solution.agreement)
        if solution.status == .iterationLimit {
            lines.append("  Approximate: the bisection stopped at its limit of \(solution.iterations) steps with the bracket "
                + "\(formatNumber(solution.gap)) wide in \(parties[solution.firstProposer].id)'s utility")
        }
        lines.append("")
        lines.append("\(parties[1 - solution.firstProposer].id)'s stationary counter-offer (off the equilibrium path)")
        lines += describe(solution.counterOffer)
        if let limit {
            lines.append("")
            lines.append("Limit as the time between offers shrinks (δ_i = e^(−r_i·Δ), Δ → 0): the Nash solution with power ∝ 1/r_i")
            lines.append("  r = −ln δ: " + values(limit.rates) + "; power " + values(limit.power))
            lines += describe(limit.point, power: limit.power)
        }
        if let nash {
            let scenarioPower = "(" + values(power) + ")"
            if let limit, proportional(limit.power, power) {
                lines.append("  = the Nash solution with the scenario's power \(scenarioPower)")
            } else {
                lines.append("")
                lines.append("The scenario's power \(scenarioPower) plays no part in this game; the Nash solution with it: u " + values(nash.utilities))
            }
        }
        return lines
    }

    /// The concession path (risk, and the weighted risk that is compared when powers differ),
    /// the rule, and the agreement.
    private func zeuthenLines(_ path: ZeuthenPath) -> [String] {
        let parties = scenario.parties
        let equalPower = power.allSatisfy { $0 == power[0] }
        var lines = [""]
        lines.append(equalPower
            ? "Each round the party with the smaller risk (u_i(own) − u_i(other))/(u_i(own) − d_i) concedes"
            : "Each round the party with the smaller weighted risk 1 − (1 − risk)^(p_i/p̄) concedes (power p: \(values(power)); p̄ their mean)")
        var rows = [["round", "proposer", "utilities", "risk"] + (equalPower ? [] : ["weighted risk"]) + [""]]
        for offer in path.offers {
            let acceptsOther = path.offers.contains { $0.round == offer.round && $0.proposer != offer.proposer && $0.accepted }
            let note = offer.accepted ? "accepted" : acceptsOther ? "accepts \(parties[1 - offer.proposer].id)'s offer" : (offer.concedes ? "concedes next round" : "")
            rows.append(["\(offer.round)", parties[offer.proposer].id, values(offer.offer.utilities), String(format: "%.3f", offer.risk)]
                + (equalPower ? [] : [String(format: "%.3f", offer.weightedRisk)]) + [note])
        }
        lines += BargainText.alignedRows(rows).map { "  " + $0 }
        lines.append("")
        lines.append("Agreement after \(path.rounds) round\(path.rounds == 1 ? "" : "s")")
        lines += describe(BargainingCurve.Point(utilities: path.agreement.utilities, outcome: .package(path.agreement.package)))
        if let nash {
            let same = nash.utilities == path.agreement.utilities
            lines.append(same
                ? "  = the Nash solution (Zeuthen's process converges to it)"
                : "  Nash solution: u " + values(nash.utilities) + " (a tie within \(formatNumber(settings.tieTolerance)) of the agreement's Nash product)")
        }
        return lines
    }

    /// Whether two positive power vectors are proportional, within the tie tolerance.
    private func proportional(_ p: [Double], _ q: [Double]) -> Bool {
        let (a, b) = (p[0] * q[1], p[1] * q[0])
        return settings.atLeast(a, b) && settings.atLeast(b, a)
    }

    private func values(_ numbers: [Double]) -> String {
        zip(scenario.parties, numbers).map { "\($0.id) \(formatNumber($1))" }.joined(separator: ", ")
    }

    /// The package (or lottery) of a point, then utilities, gains and Nash product (with the
    /// scenario's power unless `power` says otherwise).
    private func describe(_ point: BargainingCurve.Point, power: [Double]? = nil) -> [String] {
        let gains = zip(point.utilities, disagreement).map { $0 - $1 }
        return scenario.agreementLines(
            point.outcome, utilities: point.utilities, gains: gains,
            nashProduct: NashObjective.product(gains: gains, power: power ?? self.power))
    }
}
