import AccordFrontier
import AccordModel
import AccordSpace
import Foundation

/// Picks the point of a finite set of outcomes (usually a Pareto frontier) that a solution
/// concept selects, with the tie rule of DESIGN.md §1.3: objectives equal within
/// `SolverSettings.tieTolerance` (10^-12) relative tie; then the larger `Σ u_i` wins (same
/// tolerance); then the earlier package. This is the one selection rule of Accord.
///
/// Over a Pareto frontier this gives the same answer as over all acceptable packages: a dominated
/// package never beats its dominator on objective and always loses on `Σ u_i`.
public struct SolutionSelector {
    public let partyCount: Int
    /// Outcome utilities, flat: outcome `k`, party `i` at `k * partyCount + i`.
    public let utilities: [Double]
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
        partyCount = disagreement.count
        self.utilities = utilities
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
        let ideal = concept == .kalaiSmorodinsky ? (given ?? self.ideal) : []
        let nash = NashObjective(disagreement: disagreement, power: power)
        var scores = [Double?](repeating: nil, count: count)
        for k in 0..<count {
            let u = utilities[(k * n)..<((k + 1) * n)]
            switch concept {
            case .nash:
                scores[k] = nash.value(u)
            case .kalaiSmorodinsky:
                scores[k] = (0..<n).map { i in
                    let span = ideal[i] - disagreement[i]
                    return span > 0 ? (u[k * n + i] - disagreement[i]) / span : 1
                }.min()
            case .egalitarian:
                scores[k] = (0..<n).map { u[k * n + $0] - disagreement[$0] }.min()
            case .utilitarian:
                scores[k] = u.reduce(0, +)
            }
        }
        guard let best = scores.compactMap({ $0 }).max() else { return nil }
        // Nash scores are logarithms: an absolute tolerance there is a relative one on the product.
        let tolerance = concept == .nash ? settings.tieTolerance : settings.tieTolerance * abs(best)
        let tied = scores.indices.filter { scores[$0].map { $0 >= best - tolerance } ?? false }
        let sums = tied.map { k in utilities[(k * n)..<((k + 1) * n)].reduce(0, +) }
        guard let bestSum = sums.max() else { return nil }
        let finalists = zip(tied, sums).filter { $0.1 >= bestSum - settings.tieTolerance * abs(bestSum) }.map(\.0)
        return finalists.min { precedes($0, $1) }
    }
}
