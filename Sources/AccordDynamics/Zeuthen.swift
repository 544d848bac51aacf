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
    /// The proposer's Zeuthen risk `(u_i(own) − u_i(other's offer)) / (u_i(own) − d_i)`: the
    /// largest probability of conflict it would rather risk than accept the other's offer.
    public var risk: Double
    /// The proposer concedes after this round (it has the smaller risk, or risks tie).
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
    /// Zeuthen's concession process over a finite set of Pareto-optimal offers (two parties).
    ///
    /// Each party opens with its best offer. In every round each party's *risk* is
    /// `Z_i = (u_i(own) − u_i(other)) / (u_i(own) − d_i)`; the party with the smaller risk
    /// concedes — `Z_1 < Z_2` exactly when the Nash product `Π (u_i − d_i)^{p_i}` of 1's offer is
    /// smaller than that of 2's (with unequal power the products carry the powers, the asymmetric
    /// generalisation); on a tie both concede. A conceder makes the *smallest* concession that
    /// reverses the comparison: its nearest offer (towards the other's) whose Nash product
    /// exceeds that of the other's current offer; when there is none it accepts the other's
    /// offer. Each concession moves one offer strictly towards the other, so the path ends within
    /// F rounds, and the interval between the offers always contains a Nash-product maximizer:
    /// the agreement is the Nash solution (Harsanyi 1956), up to exact ties.
    ///
    /// When risks tie and no offer between them beats both, the offer with the larger `Σ u_i`
    /// is agreed (the first proposer's on a further tie).
    ///
    /// - Parameter offers: Pareto-optimal acceptable outcomes with distinct utilities.
    /// - Returns: `nil` when `offers` is empty.
    /// - Complexity: O(F²) for F offers in the worst case, usually far less.
    public static func run(offers: [BargainingCurve.Vertex], disagreement d: [Double], power p: [Double], first: Int) -> ZeuthenPath? {
        // Party 0's best first: u_0 decreasing, u_1 increasing along the list.
        let sorted = offers.sorted { a, b in
            a.utilities[0] != b.utilities[0] ? a.utilities[0] > b.utilities[0] : a.utilities[1] < b.utilities[1]
        }
        guard !sorted.isEmpty else { return nil }
        func score(_ k: Int) -> Double {
            let u = sorted[k].utilities
            guard u[0] > d[0], u[1] > d[1] else { return -.infinity }
            return p[0] * log(u[0] - d[0]) + p[1] * log(u[1] - d[1])
        }
        func beats(_ a: Double, _ b: Double) -> Bool { a > b + 1e-12 && a > -.infinity }
        func risk(_ party: Int, own: Int, other: Int) -> Double {
            let mine = sorted[own].utilities[party], theirs = sorted[other].utilities[party]
            let stake = mine - d[party]
            return stake > 0 ? (mine - theirs) / stake : 0
        }

        var current = [0, sorted.count - 1]  // offer index of party 0 and party 1
        var offers: [ZeuthenOffer] = []
        var round = 1
        func record(concedes: [Bool], accepted: Int?) {
            for party in [first, 1 - first] {
                offers.append(ZeuthenOffer(
                    round: round, proposer: party, offer: sorted[current[party]],
                    risk: risk(party, own: current[party], other: current[1 - party]),
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
            let tie = (sa == -.infinity && sb == -.infinity) || abs(sa - sb) <= 1e-12
            let zeroConcedes = tie || sa < sb
            let oneConcedes = tie || sb < sa
            // Party 0's smallest sufficient concession: the nearest offer beyond `a` that beats b.
            let step0 = zeroConcedes ? ((a + 1)..<b).first { beats(score($0), sb) } : nil
            let step1 = oneConcedes ? ((a + 1)..<b).reversed().first { beats(score($0), sa) } : nil
            if tie, step0 == nil || step1 == nil {
                // Neither can concede profitably: the better offer by Σ u_i is agreed.
                let sum = { (k: Int) in sorted[k].utilities.reduce(0, +) }
                let chosen = sum(a) == sum(b) ? first : (sum(a) > sum(b) ? 0 : 1)
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
