import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

extension BargainingSolution {
    /// "8,448 packages, 212 acceptable", or for continuous issues "continuous: 1 divisible issue
    /// × 36 packages of the discrete issues".
    var outcomeSpaceText: String {
        guard isContinuous else {
            return "\(formatCount(packages ?? 0)) packages" + (acceptable.map { ", \(groupedInteger($0)) acceptable" } ?? "")
        }
        let kinds = scenario.issues.filter { $0.options == nil }
        let divisible = kinds.filter { $0.domain == .divisible }.count, ranges = kinds.count - divisible
        var parts: [String] = []
        if divisible > 0 { parts.append("\(divisible) divisible issue\(divisible == 1 ? "" : "s")") }
        if ranges > 0 { parts.append("\(ranges) range issue\(ranges == 1 ? "" : "s")") }
        let discrete = scenario.issues.count - kinds.count
        let packages = scenario.issues.compactMap { $0.options.map { Double($0.count) } }.reduce(1, *)
        return "continuous: " + parts.joined(separator: " and ")
            + (discrete > 0 ? " × \(formatCount(packages)) packages of the \(discrete) discrete issue\(discrete == 1 ? "" : "s")" : "")
    }

    /// The frontier method, or for continuous issues the solvers.
    var methodText: String { isContinuous ? "interior point and LPs" + (frontier == nil ? "" : " on the \(info.method.rawValue) frontier") : info.method.rawValue }

    /// "14 packages", or for continuous issues what was solved.
    var frontierText: String {
        guard isContinuous else { return "\(groupedInteger(frontierSize)) packages" }
        if let curve { return "a curve of \(groupedInteger(curve.count)) vertices (accord frontier lists them)" }
        if let frontier { return "\(groupedInteger(frontier.count)) discrete packages, each completed by a concave solve" }
        return "a surface (one concave solve per solution)"
    }

    /// The line that says why `--lotteries` gave pure packages (`lotteriesArePure`).
    static let pureLotteriesText = "Lotteries: none beats the pure solutions (concave values on one discrete package: the utility set is convex)"

    /// A readable summary: the parties' names, outcome space, disagreement point, frontier size
    /// and each solution.
    public var text: String {
        var lines: [String] = []
        lines.append("\(scenario.name) — \(scenario.sizeSummary)")
        if let legend = scenario.partyLegend() { lines.append(legend) }
        lines.append("Outcome space: \(outcomeSpaceText)")
        lines.append("Disagreement point (\(scenario.disagreement.rawValue)): " + scenario.partyValues(disagreement))
        lines.append("Pareto frontier: \(frontierText) (\(methodText), \(String(format: "%.3f", info.seconds)) s)")
        if lotteriesArePure { lines.append(Self.pureLotteriesText) }
        if let noAgreementReason = noAgreementReason?.text(in: scenario) {
            lines.append("")
            lines.append(noAgreementReason.prefix(1).uppercased() + noAgreementReason.dropFirst())
            return lines.joined(separator: "\n") + "\n"
        }
        for (concept, result) in solutions {
            lines.append("")
            switch result {
            case .noAgreement(let reason):
                lines.append("\(concept.title): none — \(reason.text(in: scenario))")
            case .agreement(let agreement):
                lines.append("\(concept.title) solution" + (agreement.lottery == nil ? "" : " (a lottery)"))
                lines += scenario.agreementLines(
                    agreement.outcome, utilities: agreement.utilities, gains: agreement.gains, nashProduct: agreement.nashProduct)
            }
        }
        if let gap = info.gap, let iterations = info.iterations {
            let stop = status == .iterationLimit ? " (stopped at the iteration limit before reaching the gap tolerance)" : ""
            lines.append("  certificate: duality gap \(formatNumber(gap)) after \(iterations) iterations" + stop)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Markdown report: the parties' names, one table of solutions (issues as rows), then
    /// utilities and gains.
    public var markdown: String {
        let parties = scenario.parties
        var lines: [String] = ["# \(scenario.name)", ""]
        if let description = scenario.description { lines += [description.trimmingCharacters(in: .whitespacesAndNewlines), ""] }
        if let legend = scenario.partyLegend(every: true) { lines.append("- \(legend)") }
        lines.append("- Outcome space: \(outcomeSpaceText)")
        lines.append("- Disagreement point (\(scenario.disagreement.rawValue)): "
            + zip(parties, disagreement).map { "\($0.id) \(formatNumber($1))" }.joined(separator: ", "))
        lines.append("- Pareto frontier: \(frontierText) (\(methodText))")
        if lotteriesArePure { lines.append("- \(Self.pureLotteriesText)") }
        lines.append("")
        if let noAgreementReason = noAgreementReason?.text(in: scenario) {
            lines.append("**\(noAgreementReason.prefix(1).uppercased() + noAgreementReason.dropFirst())**")
            return lines.joined(separator: "\n") + "\n"
        }
        let columns = solutions.map { $0.concept.title }
        lines.append("| | " + columns.joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---|", count: columns.count))
        for (j, issue) in scenario.issues.enumerated() {
            let cells = solutions.map { $0.result.agreement.map { scenario.describe($0.package[j], issue: j) } ?? "—" }
            lines.append("| \(issue.name ?? issue.id) | " + cells.joined(separator: " | ") + " |")
        }
        for (i, party) in parties.enumerated() {
            let cells = solutions.map { entry in
                entry.result.agreement.map { "\(formatNumber($0.utilities[i])) (\(signed($0.gains[i])))" } ?? "—"
            }
            lines.append("| **u \(party.id)** (gain) | " + cells.joined(separator: " | ") + " |")
        }
        let products = solutions.map { $0.result.agreement.map { formatNumber($0.nashProduct) } ?? "—" }
        lines.append("| **Nash product** | " + products.joined(separator: " | ") + " |")
        for case (let concept, .noAgreement(let reason)) in solutions {
            lines.append("")
            lines.append("\(concept.title): \(reason.text(in: scenario)).")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A gain or other difference of utilities as people read it, signed: `+0.12` / `-0.3`; within
/// 1e-12 of 0 it is `+0` (a solver's point at a party's reservation lands a rounding error away
/// from it, as a share does from its bound: `-1.11022e-16` would read as a loss).
func signed(_ value: Double) -> String {
    let shown = abs(value) < 1e-12 ? 0 : value
    return (shown >= 0 ? "+" : "") + formatNumber(shown)
}
