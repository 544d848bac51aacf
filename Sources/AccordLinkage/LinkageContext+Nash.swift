import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace

/// The Nash solution of a scenario derived from the analysed one (a bundle of tracks alone, a
/// red line dropped), issues in the same order.
struct LinkageNash {
    /// `nil` when there is no Nash agreement.
    var package: [IssueValue]?
    /// No package is acceptable at all.
    var zoneIsEmpty: Bool
    /// Why there is no agreement, when the solve said so (range or divisible issues); `nil`
    /// otherwise.
    var reason: NoAgreementReason?
    /// Why the solve gave no certified answer (numerical trouble or the iteration limit), when
    /// the caller tolerates that; `nil` otherwise.
    var unsolved: String? = nil
}

extension LinkageContext {
    /// Nash over a derived scenario, by the solver `solve` uses: the Pareto frontier and the
    /// selection rule when every issue is discrete, the concave search (`Solver.solve`) when some
    /// are continuous; in the latter a no-agreement reason names only the red lines in
    /// `explainable` (`nil`: all; for a bundle held by `holdingAtStatusQuo`, the analysed
    /// scenario's own, as those it adds are part of the problem).
    ///
    /// - Throws: `ScenarioError` when the solve is refused (enumeration or memory limits, too
    ///   many concave parts) or fails numerically.
    func nash(of derived: Scenario, explainable: [RedLineReference]? = nil, tolerant: Bool = false) throws(ScenarioError) -> LinkageNash {
        if derived.issues.allSatisfy({ $0.options != nil }) {
            return nash(on: try frontier(of: try DiscreteSpace(derived, file: file)))
        }
        var problem = try BargainingProblem(derived, file: file, concepts: [.nash])
        problem.explainableRedLines = explainable
        let solution = Solver.solve(problem, settings: settings)
        if tolerant, let detail = unsolvedDetail(solution.status) {
            return LinkageNash(package: nil, zoneIsEmpty: false, reason: nil, unsolved: detail)
        }
        try check(solution.status)
        guard let agreement = solution.solutions.first?.result.agreement else {
            return LinkageNash(package: nil, zoneIsEmpty: solution.status == .noAgreementZone, reason: solution.noAgreementReason ?? .noPositiveGain)
        }
        return LinkageNash(package: agreement.package, zoneIsEmpty: false, reason: nil)
    }

    /// Nash on a discrete frontier (`Solver.solutions`).
    func nash(on frontier: Frontier) -> LinkageNash {
        let agreement = Solver.solutions(on: frontier, concepts: [.nash], noAgreementReason: nil, settings: settings)[0].result.agreement
        return LinkageNash(package: agreement?.package, zoneIsEmpty: frontier.isEmpty, reason: nil)
    }

    /// Whether some package of a derived scenario is acceptable: a non-empty frontier, or with
    /// range or divisible issues an egalitarian solution (the LPs find one exactly when some
    /// point gives every party `u_i ≥ d_i`).
    func hasZone(_ derived: Scenario) throws(ScenarioError) -> Bool {
        if derived.issues.allSatisfy({ $0.options != nil }) {
            return try !frontier(of: try DiscreteSpace(derived, file: file)).isEmpty
        }
        let solution = Solver.solve(try BargainingProblem(derived, file: file, concepts: [.egalitarian]), settings: settings)
        try check(solution.status)
        return solution.status != .noAgreementZone
    }

    /// Turns a solve that gave no usable answer into the error the command reports.
    func check(_ status: SolveStatus) throws(ScenarioError) {
        if let detail = unsolvedDetail(status) {
            throw .unsupported(file: file, reason: "the continuous issues could not be solved to a certified answer (\(detail)); rescale the weights and values (e.g. to [0, 1]) and try again")
        }
        switch status {
        case .refused(let refusal): throw .refused(file: file, refusal)
        case .invalidSettings(let setting, let requirement): throw .unsupported(file: file, reason: "setting \(setting) must be \(requirement)")
        default: return
        }
    }

    /// What kept a solve from a certified answer: numerical trouble or the iteration limit.
    func unsolvedDetail(_ status: SolveStatus) -> String? {
        switch status {
        case .numericalTrouble(let detail): return "numerical trouble: \(detail)"
        case .iterationLimit: return "the interior point stopped at its limit of \(settings.maxIterations) iterations"
        default: return nil
        }
    }
}
