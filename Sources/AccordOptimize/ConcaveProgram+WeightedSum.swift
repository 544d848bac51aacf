extension ConcaveProgram {
    /// The point of the feasible set with every `u_i ≥ d_i` that maximizes `Σ_i w_i u_i`: the
    /// linear oracle of a Frank–Wolfe or column-generation scheme over the program's utility set
    /// (the LP of `ConcaveProgram+LinearSolutions.swift`, with the objective `Σ w_i u_i`). With
    /// `w = (1, …, 1)` it is the utilitarian solution.
    ///
    /// The solution's `objective` is `Σ w_i u_i` at the returned point (its utilities recomputed
    /// with the value functions); `info.lp.dualityGap` bounds, in the same units, how far the LP's
    /// answer may lie below the optimum. No tie stage: any maximizer is returned.
    ///
    /// - Parameter weights: one finite weight per party (a weight of the wrong count or not
    ///   finite is `invalid`).
    /// - Complexity: one LP of the program's size.
    public func weightedSum(_ weights: [Double], settings: LinearProgram.Settings = LinearProgram.Settings()) -> LinearSolution {
        let model: LinearModel
        switch LinearModel.make(self) {
        case .failure(let error): return .unsolved(error.status)
        case .success(let built): model = built
        }
        guard weights.count == parties, weights.allSatisfy(\.isFinite) else {
            return .unsolved(.invalid("weights: \(parties) finite values needed, one per party"))
        }
        let objective = model.objective(weights: weights)
        guard objective.allSatisfy(\.coefficient.isFinite) else {
            return .unsolved(.invalid("weights: Σ w_i · slope overflows"))
        }
        var lp = model.lp
        for term in objective { try? lp.setObjective(term.column, term.coefficient) }  // columns of lp, finite: cannot fail
        return model.solution(lp.solve(settings), stages: 1) { u in zip(u, weights).reduce(0) { $0 + $1.0 * $1.1 } }
    }
}
