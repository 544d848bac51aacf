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
    /// The party that proposes in round 1 (index into `parties`).
    public var firstProposer: Int
    /// `δ_i` per party.
    public var discount: [Double]
    /// The first proposer's stationary offer, accepted at once: the equilibrium agreement.
    public var agreement: BargainingCurve.Point
    /// The second party's stationary offer — what it would propose after a rejection (off the
    /// equilibrium path).
    public var counterOffer: BargainingCurve.Point
    /// Bisection steps taken (0 for a corner solution).
    public var iterations: Int
}

public enum Rubinstein {
    /// The closed form for one divisible unit with linear values and `d = 0`: the first
    /// proposer's share `(1 − δ_2)/(1 − δ_1 δ_2)`.
    public static func firstProposerShare(first δ1: Double, second δ2: Double) -> Double {
        (1 - δ2) / (1 - δ1 * δ2)
    }

    /// The stationary subgame-perfect agreement on a concave bargaining curve.
    ///
    /// With `1` the first proposer and `2` the responder, the stationary offers `x` (by 1) and
    /// `y` (by 2) make the responder indifferent between accepting and waiting a round:
    /// `u_2(x) − d_2 = δ_2 (u_2(y) − d_2)` and `u_1(y) − d_1 = δ_1 (u_1(x) − d_1)`. Writing the
    /// curve as `u_2 = f(u_1)` (concave, decreasing), `y(x) = max(a_min, d_1 + δ_1 (x − d_1))` —
    /// party 2 offers 1 just its continuation value, or its own best point when that already
    /// gives 1 more — and `x` is the largest `u_1` with
    /// `g(x) = f(x) − d_2 − δ_2 (f(y(x)) − d_2) ≥ 0`. `g` decreases (concavity of `f`), is
    /// `≥ 0` at `a_min`, so the root is found by **bisection** to 1e-15 relative (at most 200
    /// steps); when `g(a_max) ≥ 0` the first proposer gets its best point (corner solution).
    ///
    /// For one divisible unit with linear values this is the closed form
    /// `(1 − δ_2)/(1 − δ_1 δ_2)`; as both `δ → 1` the agreement tends to the Nash solution on
    /// the curve (Binmore–Rubinstein–Wolinsky).
    ///
    /// - Precondition: every curve point gives each party at least its disagreement utility, and
    ///   at least one `δ_i < 1`.
    /// - Complexity: O(log V) per bisection step.
    public static func solve(on curve: BargainingCurve, disagreement d: [Double], discount δ: [Double], first: Int) -> RubinsteinSolution {
        let second = 1 - first
        let range = curve.range(of: first)
        func f(_ x: Double) -> Double { curve.point(party: first, utility: x).utilities[second] }
        func y(_ x: Double) -> Double { max(range.lowerBound, d[first] + δ[first] * (x - d[first])) }
        func g(_ x: Double) -> Double { f(x) - d[second] - δ[second] * (f(y(x)) - d[second]) }

        var x = range.upperBound
        var iterations = 0
        if g(x) < 0 {
            var lo = range.lowerBound, hi = range.upperBound
            while iterations < 200, hi - lo > 1e-15 * max(1, abs(hi)) {
                let mid = (lo + hi) / 2
                if g(mid) >= 0 { lo = mid } else { hi = mid }
                iterations += 1
            }
            x = lo
        }
        return RubinsteinSolution(
            firstProposer: first, discount: δ, agreement: curve.point(party: first, utility: x),
            counterOffer: curve.point(party: first, utility: y(x)), iterations: iterations)
    }
}
