import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace

/// One issue on which the linked package differs from the separate settlement: who gives way
/// on it and who gains, and at what rate (DESIGN.md §1.4).
///
/// A *logroll* is a trade of concessions across issues: a party gives way on an issue it cares
/// little about in exchange for gains on an issue it cares more about. Reading the list per party
/// — the issues it concedes against the issues it gains on — gives sentences like "A accepts a 45%
/// revenue share for B in exchange for joint fisheries management".
public struct Logroll: Sendable, Equatable {
    /// The issue index.
    public var issue: Int
    /// Option in the separate settlement.
    public var from: Int
    /// Option in the linked package.
    public var to: Int
    /// Each party's change of utility from this issue alone: `w_ij · (v_ij(to) − v_ij(from))`
    /// (interaction terms are reported separately, see `LinkageReport.interactionChange`).
    public var change: [Double]
    /// Parties whose utility from this issue falls (they concede it), in party order.
    public var concedes: [Int]
    /// Parties whose utility from this issue rises, in party order.
    public var gains: [Int]
    /// `Σ gains / Σ |losses|` on this issue: utility the gainers receive per unit of utility the
    /// conceders give up — the ratio of their marginal values of the move. Above 1 the
    /// concession creates value; `nil` when nobody concedes (a free gain).
    public var exchangeRate: Double?
    /// With exactly one conceder `c` and one gainer `g`: `w_g / w_c`, the ratio of their weights
    /// on the issue (the textbook logroll rate for linear values); otherwise `nil`.
    public var weightRatio: Double?
}

extension LinkageContext {
    /// The logrolls of `linked` against `separate`, in issue order, and the change of each
    /// party's interaction terms (the part of the utility change no single issue explains).
    ///
    /// - Complexity: O(issues · parties + interactions).
    func logrolls(linked: LinkageOutcome, separate: LinkageOutcome) -> (logrolls: [Logroll], interactions: [Double]) {
        let n = partyCount
        var explained = [Int64](repeating: 0, count: n)
        var result: [Logroll] = []
        for j in scenario.issues.indices where linked.options[j] != separate.options[j] {
            let from = separate.options[j], to = linked.options[j]
            let delta = (0..<n).map { space.terms[j][to * n + $0] - space.terms[j][from * n + $0] }
            for i in 0..<n { explained[i] += delta[i] }
            let change = (0..<n).map { space.quantizer.utility(delta[$0], party: $0) }
            let concedes = (0..<n).filter { delta[$0] < 0 }
            let gains = (0..<n).filter { delta[$0] > 0 }
            let lost = concedes.reduce(0.0) { $0 - change[$1] }
            let won = gains.reduce(0.0) { $0 + change[$1] }
            var weightRatio: Double? = nil
            if concedes.count == 1, gains.count == 1 {
                let wc = scenario.preferences[concedes[0]].weights[j], wg = scenario.preferences[gains[0]].weights[j]
                if wc > 0 { weightRatio = wg / wc }
            }
            result.append(Logroll(
                issue: j, from: from, to: to, change: change, concedes: concedes, gains: gains,
                exchangeRate: concedes.isEmpty ? nil : won / lost, weightRatio: weightRatio))
        }
        let interactions = (0..<n).map { i in
            space.quantizer.utility(linked.exact[i] - separate.exact[i] - explained[i], party: i)
        }
        return (result, interactions)
    }
}
