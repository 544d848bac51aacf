import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

/// The stationary subgame-perfect equilibrium of Rubinstein's alternating-offers game (DESIGN.md
/// §1.3): two parties take turns proposing a point of the bargaining set; after each rejection
/// the pie shrinks by the responder's discount factor `δ_i` per round (utilities above the
/// disagreement point are multiplied by `δ_i`).
public struct RubinsteinSolution: Sendable, Equatable {
    /// How the root search ended.
    public enum Status: String, Sendable {
        /// The bracket shrank to adjacent doubles at the scale of the utilities (or the
        /// solution is a corner, found without a search).
        case solved
        /// The bisection used `SolverSettings.bisectionSteps` halvings before its bracket shrank
        /// that far: the agreement is within `gap` of the equilibrium in the first proposer's
        /// utility, not exact.
        case iterationLimit = "iteration-limit"
    }

    /// The party that proposes in round 1 (index into `parties`).
    public var firstProposer: Int
    /// `δ_i` per party.
    public var discount: [Double]
    /// The first proposer's stationary offer, accepted at once: the equilibrium agreement.
    public var agreement: BargainingCurve.Point
    /// The second party's stationary offer — what it would propose after a rejection (off the
    /// equilibrium path).
    public var counterOffer: BargainingCurve.Point
    public var status: Status
    /// Bisection steps taken (0 for a corner solution).
    public var iterations: Int
    /// Width of the final bisection bracket in the first proposer's utility (0 for a corner).
    public var gap: Double
}

/// Where Rubinstein's agreement goes as offers come ever faster: with `δ_i = e^{−r_i Δ}` (`r_i`
/// the party's rate of impatience, `Δ` the time between offers) and `Δ → 0`, the agreement tends
/// to the asymmetric Nash solution with powers `∝ 1/r_i` (Binmore, Rubinstein and Wolinsky 1986)
/// — whatever the scenario's `power:` says.
public struct RubinsteinLimit: Sendable, Equatable {
    /// `r_i = −ln δ_i`: each party's impatience per round (0 for a party with `δ_i = 1`).
    public var rates: [Double]
    /// The powers of the limit, normalized to sum to 1: `p_1 = r_2/(r_1 + r_2)`,
    /// `p_2 = r_1/(r_1 + r_2)` (the same ratio as `1/r_1 : 1/r_2`).
    public var power: [Double]
    /// The asymmetric Nash solution on the curve with those powers; with some `r_i = 0`, party
    /// i's best point (its power is 1, the other's 0).
    public var point: BargainingCurve.Point
}

public enum Rubinstein {
    /// The stationary subgame-perfect agreement on a concave bargaining curve.
    ///
    /// With `1` the first proposer and `2` the responder, the stationary offers `x` (by 1) and
    /// `y` (by 2) make the responder indifferent between accepting and waiting a round:
    /// `u_2(x) − d_2 = δ_2 (u_2(y) − d_2)` and `u_1(y) − d_1 = δ_1 (u_1(x) − d_1)`. Writing the
    /// curve as `u_2 = f(u_1)` (concave, decreasing), `y(x) = max(a_min, d_1 + δ_1 (x − d_1))` —
    /// party 2 offers 1 just its continuation value, or its own best point when that already
    /// gives 1 more — and `x` is the largest `u_1` with
    /// `g(x) = f(x) − d_2 − δ_2 (f(y(x)) − d_2) ≥ 0`. `g` decreases (concavity of `f`), is
    /// `≥ 0` at `a_min`, so the root is found by **bisection** until the bracket is one unit in
    /// the last place of the largest `|u_1|` on the curve (at least 1), which takes at most about
    /// 54 halvings; `settings.bisectionSteps` caps them, and a search stopped by the cap says so
    /// (`status == .iterationLimit`, `gap` the bracket's width). When `g(a_max) ≥ 0` the first
    /// proposer gets its best point (corner solution).
    ///
    /// For one divisible unit with linear values and `d = 0` this is the closed form: the first
    /// proposer gets `(1 − δ_2)/(1 − δ_1 δ_2)`. For the limit of fast offers see `limit`.
    ///
    /// - Precondition: every curve point gives each party at least its disagreement utility, and
    ///   at least one `δ_i < 1`.
    /// - Complexity: O(log V) per bisection step.
    public static func solve(
        on curve: BargainingCurve, disagreement d: [Double], discount δ: [Double], first: Int,
        settings: SolverSettings = SolverSettings()
    ) -> RubinsteinSolution {
        let second = 1 - first
        let range = curve.range(of: first)
        func f(_ x: Double) -> Double { curve.point(party: first, utility: x).utilities[second] }
        func y(_ x: Double) -> Double { max(range.lowerBound, d[first] + δ[first] * (x - d[first])) }
        func g(_ x: Double) -> Double { f(x) - d[second] - δ[second] * (f(y(x)) - d[second]) }

        var x = range.upperBound
        var iterations = 0
        var status = RubinsteinSolution.Status.solved
        var gap = 0.0
        if g(x) < 0 {
            // Adjacent doubles at the curve's scale: no halving can narrow the bracket further.
            let resolution = max(1, abs(range.lowerBound), abs(range.upperBound)).ulp
            var lo = range.lowerBound, hi = range.upperBound
            while hi - lo > resolution {
                guard iterations < settings.bisectionSteps else {
                    status = .iterationLimit
                    break
                }
                let mid = (lo + hi) / 2
                if g(mid) >= 0 { lo = mid } else { hi = mid }
                iterations += 1
            }
            x = lo
            gap = hi - lo
        }
        return RubinsteinSolution(
            firstProposer: first, discount: δ, agreement: curve.point(party: first, utility: x),
            counterOffer: curve.point(party: first, utility: y(x)), status: status, iterations: iterations, gap: gap)
    }

    /// The limit of the agreement as the time between offers shrinks: `δ_i = e^{−r_i Δ}`,
    /// `Δ → 0`, with `r_i = −ln δ_i` read off the given factors (the factors are the `Δ = 1`
    /// member of the family).
    ///
    /// Derivation. Write `g_i = u_i − d_i` and `N(u) = (1/r_1) ln g_1 + (1/r_2) ln g_2`. The
    /// stationary conditions of `solve` read `ln g_1(y) = ln g_1(x) − r_1 Δ` and
    /// `ln g_2(x) = ln g_2(y) − r_2 Δ`, so `N(y) = N(x) − Δ + Δ = N(x)`: for every `Δ` the
    /// agreement `x` and the counter-offer `y` are two points of the curve with the same value of
    /// `N`. Along the curve `N` is a strictly concave function of `u_1` (`ln` of a positive concave
    /// function is concave), so its maximizer lies between `x` and `y`; both tend to the same point as `Δ → 0` (`g_1(y)/g_1(x) = e^{−r_1 Δ}
    /// → 1`). The limit is therefore the maximizer of `N`: the asymmetric Nash solution with
    /// powers `∝ 1/r_i`. A party with `δ_i = 1` (`r_i = 0`) loses nothing by waiting and gets its
    /// best point in the limit (and already at every `Δ`).
    ///
    /// - Returns: `nil` when no curve point gives both parties more than `d` (and no `r_i = 0`).
    /// - Complexity: O(V).
    public static func limit(
        on curve: BargainingCurve, disagreement d: [Double], discount δ: [Double]
    ) -> RubinsteinLimit? {
        let rates = δ.map { $0 < 1 ? -log($0) : 0 }
        let total = rates[0] + rates[1]
        guard total > 0 else { return nil }
        let power = [rates[1] / total, rates[0] / total]
        if let patient = rates.firstIndex(of: 0) {
            let best = curve.point(party: patient, utility: curve.range(of: patient).upperBound)
            return RubinsteinLimit(rates: rates, power: power, point: best)
        }
        return curve.nash(disagreement: d, power: power).map { RubinsteinLimit(rates: rates, power: power, point: $0) }
    }
}
