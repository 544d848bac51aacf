import AccordModel
import Foundation

/// The Nash objective `Σ_i p_i log(u_i − d_i)`, defined where every gain `u_i − d_i` is positive:
/// the one place Accord computes it (pure packages, lotteries, linkage, dynamics).
///
/// Its maximizer is the (asymmetric) Nash bargaining solution; it is invariant, up to an additive
/// constant, under positive affine rescaling of any party's utility.
public struct NashObjective: Sendable, Equatable {
    /// `d_i`, in party order.
    public let disagreement: [Double]
    /// `p_i > 0`, in party order.
    public let power: [Double]

    public init(disagreement: [Double], power: [Double]) {
        self.disagreement = disagreement
        self.power = power
    }

    /// The objective of a scenario's parties at the disagreement point `d`.
    public init(scenario: Scenario, disagreement: [Double]) {
        self.init(disagreement: disagreement, power: scenario.parties.map(\.power))
    }

    public var partyCount: Int { disagreement.count }

    /// `Σ p_i log(u_i − d_i)`; `nil` unless every `u_i > d_i`.
    /// - Complexity: O(n).
    @inlinable
    public func value<Utilities: Collection<Double>>(_ utilities: Utilities) -> Double? {
        value(gains: zip(utilities, disagreement).lazy.map { $0 - $1 })
    }

    /// `Σ p_i log g_i` of the gains `g_i = u_i − d_i` (in party order), where the caller computed
    /// them (exactly, from integer utilities); `nil` unless every gain is positive.
    /// - Complexity: O(n).
    @inlinable
    public func value<Gains: Sequence<Double>>(gains: Gains) -> Double? {
        var total = 0.0
        var i = 0
        for gain in gains {
            guard gain > 0 else { return nil }
            total += power[i] * log(gain)
            i += 1
        }
        return total
    }

    /// The gradient `∂/∂u_i = p_i / (u_i − d_i)` at `utilities` (every gain positive): the
    /// weights under which a Frank–Wolfe step looks for the point that raises the objective most.
    /// - Complexity: O(n).
    public func gradient(at utilities: [Double]) -> [Double] {
        utilities.indices.map { power[$0] / (utilities[$0] - disagreement[$0]) }
    }

    /// `Π g_i^{p_i}` of the gains `g_i`, 0 when some gain is not positive.
    public static func product(gains: [Double], power: [Double]) -> Double {
        guard gains.allSatisfy({ $0 > 0 }) else { return 0 }
        return zip(gains, power).reduce(1.0) { $0 * Foundation.pow($1.0, $1.1) }
    }
}
