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
        let outcomes = (0..<frontier.count).map { outcome(of: frontier.package(at: $0).map { .option($0) }) }
        var remaining = Array(outcomes.indices)
        var ranked: [LinkageOutcome] = []
        while ranked.count < k, !remaining.isEmpty {
            let candidates = remaining
            let selector = SolutionSelector(
                utilities: candidates.flatMap { outcomes[$0].utilities }, disagreement: disagreement,
                power: objective.power, settings: settings
            ) { frontier.package(at: candidates[$0]).lexicographicallyPrecedes(frontier.package(at: candidates[$1])) }
            guard let pick = selector.select(.nash) ?? selector.select(.utilitarian) else { break }
            ranked.append(outcomes[candidates[pick]])
            remaining.remove(at: pick)
        }
        return ranking(ranked)
    }

    /// With range or divisible issues: the `k` discrete packages with the largest Nash products,
    /// each completed by its own Nash solution over the continuous issues
    /// (`Solver.nashRanking`), best first; the first is the Nash solution. The continuum of
    /// packages around the Nash solution has no finite top-k; the discrete deals do, and each is
    /// shown as Nash would settle its continuous issues. With every issue continuous the list is
    /// the Nash solution alone.
    ///
    /// - Complexity: one concave search of the whole scenario (see `Solver.nashRanking`).
    func rankedPackages(k: Int) throws(ScenarioError) -> [RankedPackage] {
        guard let problem, let ranking = Solver.nashRanking(of: problem, count: k, settings: settings) else { return [] }
        try check(ranking.status)
        return self.ranking(ranking.agreements.map { outcome(of: $0.package) })
    }

    /// The outcomes as a ranking: each with the issues on which it differs from the first.
    private func ranking(_ outcomes: [LinkageOutcome]) -> [RankedPackage] {
        guard let nash = outcomes.first else { return [] }
        return outcomes.map { RankedPackage(outcome: $0, differences: differences($0.package, nash.package)) }
    }
}
