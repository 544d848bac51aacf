import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace

/// One of the packages a mediator can bring to the table: an acceptable Pareto-optimal package
/// near the Nash solution.
public struct RankedPackage: Sendable, Equatable {
    public var outcome: LinkageOutcome
    /// Issues on which the package differs from the Nash package (the first of the ranking), ascending.
    public var differences: [Int]
}

extension LinkageContext {
    /// The `k` Pareto-optimal acceptable packages with the largest Nash products, best first; the
    /// first is the Nash solution.
    ///
    /// The ranking repeats the selection rule of `SolutionSelector` (DESIGN.md §1.3) on the points
    /// not yet ranked: the largest `Σ p_i log(u_i − d_i)` (ties within 1e-12), then the larger
    /// `Σ u_i` (1e-12 relative), then the earlier package. Points with some `u_i = d_i` (Nash
    /// product 0) come last, by the same two tie rules. Packages with identical utilities appear
    /// once, as on the frontier.
    ///
    /// - Complexity: O(k · F · n) on a frontier of F points.
    func topPackages(on frontier: Frontier, k: Int) -> [RankedPackage] {
        let outcomes = (0..<frontier.count).map { outcome(of: frontier.package(at: $0)) }
        let sums = outcomes.map { $0.utilities.reduce(0, +) }
        var remaining = Array(outcomes.indices)
        var ranked: [LinkageOutcome] = []
        while ranked.count < k, !remaining.isEmpty {
            let eligible = remaining.filter { outcomes[$0].score != nil }
            var pool = remaining
            if let best = eligible.compactMap({ outcomes[$0].score }).max() {
                pool = eligible.filter { (outcomes[$0].score ?? -.infinity) >= best - 1e-12 }
            }
            guard let bestSum = pool.map({ sums[$0] }).max() else { break }
            let finalists = pool.filter { sums[$0] >= bestSum - 1e-12 * abs(bestSum) }
            guard let pick = finalists.min(by: { outcomes[$0].options.lexicographicallyPrecedes(outcomes[$1].options) }) else { break }
            ranked.append(outcomes[pick])
            remaining.removeAll { $0 == pick }
        }
        guard let nash = ranked.first else { return [] }
        return ranked.map { outcome in
            RankedPackage(outcome: outcome, differences: outcome.options.indices.filter { outcome.options[$0] != nash.options[$0] })
        }
    }
}
