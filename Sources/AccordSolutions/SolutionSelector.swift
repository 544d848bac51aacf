import AccordFrontier
import AccordModel
import AccordSpace
import Foundation

/// Picks the point of a finite set of outcomes (usually a Pareto frontier) that a solution
/// concept selects, with the tie rule of DESIGN.md §1.3: objectives equal within
/// `SolverSettings.tieTolerance` (10^-12) relative tie; then the larger `Σ u_i` wins (same
/// tolerance); then the earlier package. This is the one selection rule of Accord. Where the
/// outcomes' utilities are exact integers (`exact`), a tie within the tolerance is settled
/// exactly wherever the objective can be compared exactly (`exactlyBest`, `exactlyLargestSum`):
/// only outcomes whose objective, then `Σ u_i`, is exactly the largest remain.
///
/// Over a Pareto frontier this gives the same answer as over all acceptable packages: a dominated
/// package never beats its dominator on objective and always loses on `Σ u_i`.
public struct SolutionSelector {
    public let partyCount: Int
    /// Outcome utilities, flat: outcome `k`, party `i` at `k * partyCount + i`.
    public let utilities: [Double]
    /// Gains over the disagreement point, same layout: `u − d`, or computed exactly by the caller
    /// (a discrete frontier's integer utilities), so that "positive" is decided exactly.
    public let gains: [Double]
    /// The outcomes' utilities and gains as exact integers, when the caller has them: ties
    /// within the tolerance are then settled exactly where the objective is exact
    /// (`exactlyBest`).
    public let exact: ExactOutcomes?
    public let disagreement: [Double]
    public let power: [Double]
    /// `precedes(a, b)`: outcome `a`'s package comes before `b`'s in issue and option order.
    public let precedes: (Int, Int) -> Bool
    /// Supplies `tieTolerance`.
    public let settings: SolverSettings

    public init(
        utilities: [Double], disagreement: [Double], power: [Double], settings: SolverSettings = SolverSettings(),
        precedes: @escaping (Int, Int) -> Bool
    ) {
        let n = disagreement.count
        self.init(
            utilities: utilities, gains: utilities.indices.map { utilities[$0] - disagreement[$0 % max(n, 1)] },
            disagreement: disagreement, power: power, settings: settings, precedes: precedes)
    }

    /// A selector whose gains the caller computed (`gains[k * n + i]` for outcome `k`, party `i`),
    /// and where it has them, exact utilities and gains.
    public init(
        utilities: [Double], gains: [Double], exact: ExactOutcomes? = nil, disagreement: [Double], power: [Double],
        settings: SolverSettings = SolverSettings(), precedes: @escaping (Int, Int) -> Bool
    ) {
        partyCount = disagreement.count
        self.utilities = utilities
        self.gains = gains
        self.exact = exact
        self.disagreement = disagreement
        self.power = power
        self.settings = settings
        self.precedes = precedes
    }

    public var count: Int { utilities.count / max(partyCount, 1) }

    /// Best utility of each party over the outcomes (`ideal_i` of Kalai–Smorodinsky).
    public var ideal: [Double] {
        (0..<partyCount).map { i in stride(from: i, to: utilities.count, by: partyCount).map { utilities[$0] }.max() ?? -.infinity }
    }

    /// The index of the selected outcome, or `nil` when no outcome qualifies.
    ///
    /// - Parameter ideal: Kalai–Smorodinsky's ideal point when the outcomes are candidates drawn
    ///   from a larger set (continuous issues: one optimum per discrete package); `nil`: the
    ///   outcomes' own best utilities.
    /// - Complexity: O(count · n).
    public func select(_ concept: SolutionConcept, ideal given: [Double]? = nil) -> Int? {
        let n = partyCount
        // Kalai–Smorodinsky: each party's span `ideal_i − d_i`, the largest gain unless given.
        let span: [Double] = concept != .kalaiSmorodinsky ? [] : (0..<n).map { i in
            if let given { return given[i] - disagreement[i] }
            return stride(from: i, to: gains.count, by: n).map { gains[$0] }.max() ?? 0
        }
        let nash = NashObjective(disagreement: disagreement, power: power)
        var scores = [Double?](repeating: nil, count: count)
        for k in 0..<count {
            let g = gains[(k * n)..<((k + 1) * n)]
            switch concept {
            case .nash:
                scores[k] = nash.value(gains: g)
            case .kalaiSmorodinsky:
                scores[k] = (0..<n).map { i in span[i] > 0 ? g[k * n + i] / span[i] : 1 }.min()
            case .egalitarian:
                scores[k] = g.min()
            case .utilitarian:
                scores[k] = utilities[(k * n)..<((k + 1) * n)].reduce(0, +)
            }
        }
        guard let best = scores.compactMap({ $0 }).max() else { return nil }
        // Nash scores are logarithms: an absolute tolerance there is a relative one on the product.
        let tolerance = concept == .nash ? settings.tieTolerance : settings.tieTolerance * abs(best)
        var tied = scores.indices.filter { scores[$0].map { $0 >= best - tolerance } ?? false }
        if let exact, tied.count > 1 { tied = exactlyBest(tied, concept, exact: exact, ideal: given) }
        if let exact, tied.count > 1, let largest = exactlyLargestSum(tied, exact: exact) {
            return largest.min { precedes($0, $1) }
        }
        let sums = tied.map { k in utilities[(k * n)..<((k + 1) * n)].reduce(0, +) }
        guard let bestSum = sums.max() else { return nil }
        let finalists = zip(tied, sums).filter { $0.1 >= bestSum - settings.tieTolerance * abs(bestSum) }.map(\.0)
        return finalists.min { precedes($0, $1) }
    }
}
