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
    /// The value in the separate settlement: an option, a number or shares.
    public var from: IssueValue
    /// The value in the linked package.
    public var to: IssueValue
    /// Each party's change of utility from this issue alone: `w_ij · (v_ij(to) − v_ij(from))`
    /// (of the party's own share, for a divisible issue; interaction terms are reported
    /// separately, see `LinkageReport.interactionChange`).
    public var change: [Double]
    /// Parties whose utility from this issue falls (they concede it), in party order. On a
    /// range or divisible issue a party concedes when it gets less value from the issue than at
    /// the separate settlement (by more than `LinkageTolerance.utility`).
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
    /// The logrolls of `linked` against `separate`, in issue order (the issues whose values
    /// differ, `Scenario.linkageValuesDiffer`), and the change of each party's interaction terms
    /// (the part of the utility change no single issue explains).
    ///
    /// A discrete scenario's changes are exact (its compiled terms); with range or divisible
    /// issues they are the weighted values of the scenario (`Scenario.contributions`), a change
    /// within the tolerance counting as none.
    ///
    /// - Complexity: O(issues · parties + interactions).
    func logrolls(linked: LinkageOutcome, separate: LinkageOutcome) -> (logrolls: [Logroll], interactions: [Double]) {
        let n = partyCount
        let moved = differences(linked.package, separate.package)
        // Per moved issue and party: the change and its sign (exact for a discrete scenario).
        var changes: [(change: [Double], sign: [Int])] = []
        let interactions: [Double]
        if let space, let linkedExact = linked.exact, let separateExact = separate.exact {
            var explained = [Int64](repeating: 0, count: n)
            for j in moved {
                let from = separate.package[j].option ?? 0, to = linked.package[j].option ?? 0
                let delta = (0..<n).map { space.terms[j][to * n + $0] - space.terms[j][from * n + $0] }
                for i in 0..<n { explained[i] += delta[i] }
                changes.append(((0..<n).map { space.quantizer.utility(delta[$0], party: $0) }, delta.map { $0 < 0 ? -1 : $0 > 0 ? 1 : 0 }))
            }
            interactions = (0..<n).map { i in space.quantizer.utility(linkedExact[i] - separateExact[i] - explained[i], party: i) }
        } else {
            let after = scenario.contributions(of: linked.package), before = scenario.contributions(of: separate.package)
            for j in moved {
                // A change within the tolerance is rounding of the solves: none.
                let delta = (0..<n).map { i in
                    let d = after.issues[j][i] - before.issues[j][i]
                    return abs(d) <= LinkageTolerance.utility * max(1, abs(linked.utilities[i])) ? 0 : d
                }
                changes.append((delta, delta.map { $0 < 0 ? -1 : $0 > 0 ? 1 : 0 }))
            }
            interactions = (0..<n).map { after.interactions[$0] - before.interactions[$0] }
        }
        let result = zip(moved, changes).map { j, entry -> Logroll in
            let concedes = (0..<n).filter { entry.sign[$0] < 0 }
            let gains = (0..<n).filter { entry.sign[$0] > 0 }
            let lost = concedes.reduce(0.0) { $0 - entry.change[$1] }
            let won = gains.reduce(0.0) { $0 + entry.change[$1] }
            var weightRatio: Double? = nil
            if concedes.count == 1, gains.count == 1 {
                let wc = scenario.preferences[concedes[0]].weights[j], wg = scenario.preferences[gains[0]].weights[j]
                if wc > 0 { weightRatio = wg / wc }
            }
            return Logroll(
                issue: j, from: separate.package[j], to: linked.package[j], change: entry.change, concedes: concedes, gains: gains,
                exchangeRate: concedes.isEmpty ? nil : won / lost, weightRatio: weightRatio)
        }
        return (result, interactions)
    }
}
