import AccordFrontier
import AccordModel
import AccordOptimize
import AccordSpace

/// The Nash solutions of the best discrete packages of a continuous problem (`Solver.nashRanking`).
public struct NashRanking: Sendable {
    /// `.solved` (also when the ranking is empty: no discrete package has a Nash solution),
    /// `.noAgreementZone`, `.refused`, `.invalidSettings`, `.numericalTrouble` or
    /// `.iterationLimit` (the answers are the last iterates).
    public var status: SolveStatus
    /// Best first; the first is the problem's Nash solution.
    public var agreements: [Agreement]
}

extension Solver {
    /// The `count` discrete packages with the largest Nash products, each completed by its own
    /// Nash solution over the range and divisible issues, best first — the menu near the Nash
    /// solution of a problem whose continuous issues have a continuum of packages: every
    /// discrete package of the ranking is one Pareto-optimal package of the discrete issues
    /// (`ConcavePart.discrete`), its continuous issues settled as Nash would settle them given
    /// it. The first is `solve`'s Nash solution. With every issue continuous there is one
    /// discrete package (the empty one): the ranking is the Nash solution alone.
    ///
    /// Ties as in `solve` (larger `Σ u`, then the earlier discrete package); packages whose
    /// program gives no party-wise positive gain are not listed.
    ///
    /// - Returns: `nil` for a problem whose issues are all discrete (rank its frontier instead).
    /// - Complexity: one interior-point solve per discrete frontier package and concave part
    ///   whose upper bound (`u_i ≤ c_i + best_i`) reaches the `count`-th best Nash product.
    public static func nashRanking(
        of problem: BargainingProblem, count: Int, settings: SolverSettings = SolverSettings(), progress: ProgressCounter? = nil
    ) -> NashRanking? {
        guard let part = problem.concave else { return nil }
        if let invalid = settings.problem {
            return NashRanking(status: .invalidSettings(setting: invalid.setting, requirement: invalid.requirement), agreements: [])
        }
        var search: ConcaveSearch
        switch ConcaveSearch.make(part, scenario: problem.scenario, settings: settings, progress: progress) {
        case .failure(let refusal): return NashRanking(status: .refused(refusal), agreements: [])
        case .success(let made): search = made.search
        }
        if part.discrete != nil, search.points.isEmpty { return NashRanking(status: .noAgreementZone, agreements: []) }
        switch search.ranked(.nash, count: count) {
        case .failure(.numerical(let detail)):
            return NashRanking(status: .numericalTrouble(detail: detail), agreements: [])
        case .failure(.infeasible):
            return NashRanking(status: .noAgreementZone, agreements: [])
        case .success(let candidates):
            let agreements = candidates.map { candidate in
                Agreement(
                    package: part.package(options: search.points[candidate.point].options, shares: candidate.shares, ranges: candidate.rangeValues),
                    utilities: candidate.utilities, disagreement: part.disagreement, power: part.program.power)
            }
            return NashRanking(status: search.reachedIterationLimit ? .iterationLimit : .solved, agreements: agreements)
        }
    }
}
