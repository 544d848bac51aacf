import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

/// One offer on a Zeuthen concession path.
public struct ZeuthenOffer: Sendable, Equatable {
    public var round: Int
    /// The party making the offer.
    public var proposer: Int
    public var offer: BargainingCurve.Vertex
    /// The proposer's Zeuthen risk `Z_i = (u_i(own) − u_i(other's offer)) / (u_i(own) − d_i)`:
    /// the largest probability of conflict it would rather risk than accept the other's offer
    /// (0 when its own offer gives it no more than `d_i`).
    public var risk: Double
    /// What is compared: `W_i = 1 − (1 − Z_i)^{p_i/p̄}` with `p_i` the proposer's power and `p̄`
    /// the mean power (1 when `Z_i ≥ 1`). With equal power `W_i = Z_i`.
    public var weightedRisk: Double
    /// The proposer concedes after this round (it has the smaller weighted risk, or they tie).
    public var concedes: Bool
    /// This offer is accepted: the path ends here.
    public var accepted: Bool
}

/// A Zeuthen / monotonic concession path and where it ends.
public struct ZeuthenPath: Sendable, Equatable {
    /// Both parties' offers in every round, the first proposer's first.
    public var offers: [ZeuthenOffer]
    /// The agreed package.
    public var agreement: BargainingCurve.Vertex
    public var rounds: Int
}

public enum Zeuthen {
    /// Zeuthen's concession process over a finite set of Pareto-optimal offers (two parties),
    /// with bargaining power.
    ///
    /// Each party opens with its best offer. In every round each party's *risk* is
    /// `Z_i = (u_i(own) − u_i(other)) / (u_i(own) − d_i)` and its *weighted risk*
    /// `W_i = 1 − (1 − Z_i)^{p_i/p̄}` (`p̄` the mean power); the party with the smaller weighted
    /// risk concedes, both on a tie. With `g_i = u_i − d_i`, party 1 offering `a` and party 2
    /// offering `b`, `1 − W_1 = (g_1(b)/g_1(a))^{p_1/p̄}` and `1 − W_2 = (g_2(a)/g_2(b))^{p_2/p̄}`,
    /// so `W_1 < W_2` exactly when `g_1(a)^{p_1} g_2(a)^{p_2} < g_1(b)^{p_1} g_2(b)^{p_2}`: the
    /// conceder is the party whose offer has the smaller power-weighted Nash product, and this is
    /// how the comparison is computed (`NashObjective`, ties within `settings.tieTolerance` in
    /// log units). With equal power `W_i = Z_i`: Zeuthen's own rule (Harsanyi 1956).
    ///
    /// A conceder makes the *smallest* concession that reverses the comparison: its nearest offer
    /// (towards the other's) whose Nash product exceeds that of the other's current offer; when
    /// there is none it accepts the other's offer. Each concession moves one offer strictly
    /// towards the other, so the path ends within F rounds, and the interval between the offers
    /// always contains a Nash-product maximizer: the agreement is the (power-weighted) Nash
    /// solution, up to exact ties.
    ///
    /// When weighted risks tie and no offer between them beats both, the offer with the larger
    /// `Σ u_i` is agreed (the first proposer's when the sums tie within `settings.tieTolerance`,
    /// relative).
    ///
    /// - Parameter offers: Pareto-optimal acceptable outcomes with distinct utilities.
    /// - Returns: `nil` when `offers` is empty.
    /// - Complexity: O(F²) for F offers in the worst case, usually far less.
    public static func run(
        offers: [BargainingCurve.Vertex], disagreement d: [Double], power p: [Double], first: Int,
        settings: SolverSettings = SolverSettings()
    ) -> ZeuthenPath? {
        // Party 0's best first: u_0 decreasing, u_1 increasing along the list.
        let sorted = offers.sorted { a, b in
            a.utilities[0] != b.utilities[0] ? a.utilities[0] > b.utilities[0] : a.utilities[1] < b.utilities[1]
        }
        guard !sorted.isEmpty else { return nil }
        let objective = NashObjective(disagreement: d, power: p)
        func score(_ k: Int) -> Double { objective.value(sorted[k].utilities) ?? -.infinity }
        func beats(_ a: Double, _ b: Double) -> Bool { a > b + settings.tieTolerance && a > -.infinity }
        func risk(_ party: Int, own: Int, other: Int) -> Double {
            let mine = sorted[own].utilities[party], theirs = sorted[other].utilities[party]
            let stake = mine - d[party]
            return stake > 0 ? (mine - theirs) / stake : 0
        }
        let meanPower = (p[0] + p[1]) / 2
        func weighted(_ risk: Double, _ party: Int) -> Double { risk >= 1 ? 1 : 1 - pow(1 - risk, p[party] / meanPower) }

        var current = [0, sorted.count - 1]  // offer index of party 0 and party 1
        var offers: [ZeuthenOffer] = []
        var round = 1
        func record(concedes: [Bool], accepted: Int?) {
            for party in [first, 1 - first] {
                let z = risk(party, own: current[party], other: current[1 - party])
                offers.append(ZeuthenOffer(
                    round: round, proposer: party, offer: sorted[current[party]], risk: z, weightedRisk: weighted(z, party),
                    concedes: concedes[party], accepted: accepted == party))
            }
        }
        while true {
            let (a, b) = (current[0], current[1])
            if a >= b {  // the same offer: agreed
                record(concedes: [false, false], accepted: first)
                return ZeuthenPath(offers: offers, agreement: sorted[b], rounds: round)
            }
            let (sa, sb) = (score(a), score(b))
            let tie = (sa == -.infinity && sb == -.infinity) || abs(sa - sb) <= settings.tieTolerance
            let zeroConcedes = tie || sa < sb
            let oneConcedes = tie || sb < sa
            // Party 0's smallest sufficient concession: the nearest offer beyond `a` that beats b.
            let step0 = zeroConcedes ? ((a + 1)..<b).first { beats(score($0), sb) } : nil
            let step1 = oneConcedes ? ((a + 1)..<b).reversed().first { beats(score($0), sa) } : nil
            if tie, step0 == nil || step1 == nil {
                // Neither can concede profitably: the better offer by Σ u_i is agreed.
                let (sumA, sumB) = (sorted[a].utilities.reduce(0, +), sorted[b].utilities.reduce(0, +))
                let sumsTie = settings.atLeast(sumA, sumB) && settings.atLeast(sumB, sumA)
                let chosen = sumsTie ? first : (sumA > sumB ? 0 : 1)
                record(concedes: [false, false], accepted: chosen)
                return ZeuthenPath(offers: offers, agreement: sorted[current[chosen]], rounds: round)
            }
            if zeroConcedes, !tie, step0 == nil {
                record(concedes: [false, false], accepted: 1)  // party 0 accepts party 1's offer
                return ZeuthenPath(offers: offers, agreement: sorted[b], rounds: round)
            }
            if oneConcedes, !tie, step1 == nil {
                record(concedes: [false, false], accepted: 0)  // party 1 accepts party 0's offer
                return ZeuthenPath(offers: offers, agreement: sorted[a], rounds: round)
            }
            record(concedes: [zeroConcedes, oneConcedes], accepted: nil)
            if let step0 { current[0] = step0 }
            if let step1 { current[1] = step1 }
            round += 1
        }
    }
}
