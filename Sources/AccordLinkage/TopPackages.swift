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
    /// The ranking applies `SolutionSelector` (DESIGN.md §1.3) to the points not yet ranked: the
    /// Nash selection, or, once no remaining point gives every party more than `d_i` (Nash product
    /// 0), the utilitarian one (the larger `Σ u_i`, then the earlier package), both with
    /// `settings.tieTolerance`. Packages with identical utilities appear once, as on the frontier.
    ///
    /// - Complexity: O(k · F · n) on a frontier of F points.
    func topPackages(on frontier: Frontier, k: Int) -> [RankedPackage] {
        let outcomes = (0..<frontier.count).map { outcome(of: frontier.package(at: $0)) }
        var remaining = Array(outcomes.indices)
        var ranked: [LinkageOutcome] = []
        while ranked.count < k, !remaining.isEmpty {
            let candidates = remaining
            let selector = SolutionSelector(
                utilities: candidates.flatMap { outcomes[$0].utilities }, disagreement: space.disagreement,
                power: objective.power, settings: settings
            ) { outcomes[candidates[$0]].options.lexicographicallyPrecedes(outcomes[candidates[$1]].options) }
            guard let pick = selector.select(.nash) ?? selector.select(.utilitarian) else { break }
            ranked.append(outcomes[candidates[pick]])
            remaining.remove(at: pick)
        }
        guard let nash = ranked.first else { return [] }
        return ranked.map { outcome in
            RankedPackage(outcome: outcome, differences: outcome.options.indices.filter { outcome.options[$0] != nash.options[$0] })
        }
    }
}
