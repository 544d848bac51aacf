/// Whether a game's core is empty, with a least-core allocation (`TransferableUtilityGame.core`).
public struct CoreResult: Sendable, Equatable {
    /// Whether no allocation satisfies `Σ x_i = v(N)` and `x(S) ≥ v(S)` for every coalition.
    public var isEmpty: Bool
    /// A least-core allocation: `Σ x_i = v(N)` and `x(S) ≥ v(S) − ε*` for every proper `S`, so a
    /// core allocation (every coalition's slack at least `−ε* ≥ 0`, the smallest slack as large
    /// as possible) when the core is nonempty.
    public var allocation: [Double]
    /// The least-core value `ε* = min_x max_{S ≠ ∅, N} (v(S) − x(S))` over `x(N) = v(N)`: the core
    /// is nonempty iff `ε* ≤ 0`. `nil` for one player (no proper coalition).
    public var leastCoreValue: Double?
    /// Whether `isEmpty` was decided exactly: nonempty by checking the rationalized allocation
    /// against every coalition in exact rationals, or empty because the exact optimum (glp_exact)
    /// of the least-core LP over a subset of the coalitions is already positive.
    public var exact: Bool

    public init(isEmpty: Bool, allocation: [Double], leastCoreValue: Double?, exact: Bool) {
        self.isEmpty = isEmpty
        self.allocation = allocation
        self.leastCoreValue = leastCoreValue
        self.exact = exact
    }
}

extension TransferableUtilityGame {
    /// The core `{x : Σ x_i = v(N), x(S) ≥ v(S) for all S}` by the least-core LP
    ///
    ///     minimize ε  subject to  x(N) = v(N),  x(S) + ε ≥ v(S) for every proper S ≠ ∅,
    ///
    /// (Maschler, Peleg and Shapley 1979) solved by constraint generation (`ExcessProgram`): the
    /// core is nonempty iff `ε* ≤ 0` (Bondareva–Shapley: iff the game is balanced), and the
    /// optimal `x` is then a core allocation.
    ///
    /// The sign of `ε*` is decided exactly for `n ≤ exactLimit` where possible (`exact`): the
    /// allocation, rationalized (simplest fractions within 1e-12 … 1e-9 relative), is checked against all 2^n
    /// coalitions in rational arithmetic; when that fails, the working-set LP is solved again with
    /// `glp_exact` — a relaxation of the full LP, so a positive exact optimum proves emptiness.
    /// Otherwise the sign is the double's, with tolerance `1e-9 · max |v|`.
    ///
    /// - Complexity: a few LP rounds and O(2^n · n) scans; the exact check O(2^n · n) rationals.
    public func core(exactLimit: Int = 12) -> Result<CoreResult, GameSolverError> {
        let n = playerCount
        if n == 1 {
            return .success(CoreResult(isEmpty: false, allocation: [value(grandCoalition)], leastCoreValue: nil, exact: true))
        }
        var program = ExcessProgram(self, imputations: false)
        let optimum: ExcessProgram.StageOptimum
        switch program.solveStage() {
        case .failure(let error): return .failure(error)
        case .success(let o): optimum = o
        }
        let epsilon = -optimum.t
        var result = CoreResult(isEmpty: epsilon > program.tolerance, allocation: optimum.x, leastCoreValue: epsilon, exact: false)
        guard n <= exactLimit else { return .success(result) }
        for tolerance in Self.rationalizationTolerances {
            if let exact = rationalized(optimum.x, tolerance: tolerance), isInCore(exact) {
                result.isEmpty = false
                result.exact = true
                result.allocation = exact.map(\.doubleValue)
                return .success(result)
            }
        }
        if case .success(let relaxed) = program.solveWorkingSet(exact: true), relaxed.t < 0 {
            result.isEmpty = true
            result.exact = true
        }
        return .success(result)
    }

    /// Whether `x(N) = v(N)` and `x(S) ≥ v(S)` for every coalition, exactly; `false` (unchecked)
    /// beyond `maximumExactPlayers` players.
    ///
    /// - Complexity: O(2^n) rational additions and comparisons.
    public func isInCore(_ x: [ExactRational]) -> Bool {
        guard x.count == playerCount, playerCount <= Self.maximumExactPlayers else { return false }
        let sums = Self.coalitionSums(x)
        guard sums[sums.count - 1] == exactValue(grandCoalition) else { return false }
        for bits in 1..<sums.count where sums[bits] < exactValue(Coalition(bits: UInt64(bits))) { return false }
        return true
    }
}
