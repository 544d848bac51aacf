/// The nucleolus of a game over its imputations (`TransferableUtilityGame.nucleolus`).
public struct Nucleolus: Sendable, Equatable {
    /// The allocation, one amount per player.
    public var allocation: [Double]
    /// Whether Kohlberg's criterion was checked in exact rationals and holds
    /// (`TransferableUtilityGame.kohlbergCriterion`); `false` when it was not checked (more
    /// players than `verificationLimit`) or failed.
    public var verified: Bool
    /// The number of LPs solved: the stages with their constraint-generation rounds, plus the
    /// verification's.
    public var linearPrograms: Int
    /// The number of stages (distinct excess levels fixed).
    public var stages: Int
}

extension TransferableUtilityGame {
    /// The nucleolus over the imputations `I(v) = {x : Σ x_i = v(N), x_i ≥ v({i})}`: the
    /// imputation whose vector of excesses `e(S, x) = v(S) − x(S)` (over the proper nonempty
    /// coalitions), sorted decreasingly, is lexicographically smallest (Schmeidler 1969). It
    /// exists and is unique when `I(v)` is nonempty, lies in the least core (so in the core when
    /// the core is nonempty) and is symmetric and covariant.
    ///
    /// Computed by the sequence of LPs of Maschler, Peleg and Shapley (1979): each stage
    /// maximizes the smallest slack `t` of the coalitions not yet fixed, then fixes the
    /// coalitions whose row has a nonzero dual at `t` (tight at every optimum); a stage fixes at
    /// least one coalition independent of the fixed ones, so there are at most n − 1 stages.
    /// Each stage uses constraint generation (`ExcessProgram`): rows join when a scan of all
    /// 2^n excesses finds them violated. Then, when `n ≤ verificationLimit`, Kohlberg's criterion
    /// is checked exactly at the allocation rationalized (simplest fractions within 1e-12 … 1e-9
    /// relative, tightest first): `verified` when one of them passes, and the allocation is then
    /// that exact nucleolus rounded to doubles. An allocation whose exact value has a large
    /// denominator (beyond ~10^5, e.g. a game of arbitrary doubles) is not verified.
    ///
    /// Fails with `noImputation` when `v(N) < Σ v({i})`, with `solver` when GLPK has no optimum.
    /// - Complexity: at most n − 1 stages, each of a few LP rounds and O(2^n · n) scans.
    ///   Measured in a debug build (`TUGameTests.timing20`): 20 players in 2.2 s (47 LPs, 18
    ///   stages) and 0.5 s (5 LPs) on two random games; the exact verification at 20 players
    ///   (`verificationLimit: 20`) takes 75–85 s there, hence the default limit of 12.
    public func nucleolus(verificationLimit: Int = 12) -> Result<Nucleolus, GameSolverError> {
        let n = playerCount
        let singletons = (0..<n).map { value(Coalition(bits: 1 << UInt64($0))) }
        let grand = value(grandCoalition)
        guard grand >= singletons.reduce(0, +) - 1e-9 * valueScale else { return .failure(.noImputation) }
        if n == 1 {
            return .success(Nucleolus(allocation: [grand], verified: kohlbergCriterion(at: [exactValue(grandCoalition)]).holds,
                                      linearPrograms: 0, stages: 0))
        }
        var program = ExcessProgram(self, imputations: true)
        var x = singletons
        var stages = 0
        while program.span.rank < n {
            switch program.solveStage() {
            case .failure(let error): return .failure(error)
            case .success(let optimum):
                x = optimum.x
                stages += 1
                program.fixTight(optimum)
            }
            // A stage fixes at least one independent coalition; this guard only stops a
            // numerical failure from looping.
            if stages > n { return .failure(.solver("the nucleolus stages did not converge")) }
        }
        var result = Nucleolus(allocation: x, verified: false, linearPrograms: program.linearPrograms, stages: stages)
        if n <= verificationLimit {
            // Each distinct rationalization is a candidate; a passing check is a proof for it.
            var tried: [[ExactRational]] = []
            for tolerance in Self.rationalizationTolerances {
                guard let exact = rationalized(x, tolerance: tolerance), !tried.contains(exact) else { continue }
                tried.append(exact)
                let check = kohlbergCriterion(at: exact)
                result.linearPrograms += check.linearPrograms
                if check.holds {
                    result.verified = true
                    result.allocation = exact.map(\.doubleValue)
                    break
                }
            }
        }
        return .success(result)
    }
}
