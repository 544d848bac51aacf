import AccordOptimize

/// The outcome of `TransferableUtilityGame.kohlbergCriterion(at:)`.
public struct KohlbergCheck: Sendable, Equatable {
    /// Whether the allocation is the nucleolus by Kohlberg's criterion.
    public var holds: Bool
    /// The excess levels checked (each one exact LP).
    public var linearPrograms: Int
    /// Why it failed (`nil` when it holds).
    public var failure: String?
}

extension TransferableUtilityGame {
    /// Kohlberg's criterion (Kohlberg 1971, in its form for the nucleolus over imputations),
    /// in exact rationals: an imputation `x` is the nucleolus iff,
    /// with the proper coalitions grouped into levels `B_1, B_2, …` of equal excess
    /// `e(S, x) = v(S) − x(S)` in decreasing order and `B_0 = {{i} : x_i = v({i})}`, every
    /// collection `B_0 ∪ B_1 ∪ … ∪ B_k` is balanced with positive weights on `B_1 ∪ … ∪ B_k`:
    /// some `λ` with `Σ λ_S 1_S = 1_N`, `λ_S > 0` on `B_1..B_k`, `λ_S ≥ 0` on `B_0`.
    ///
    /// Each level is one LP, `max t` s.t. `Σ λ_S 1_S = 1_N`, `λ_S ≥ t` on `B_1..B_k`,
    /// `λ_S ≥ 0`, with 0/1 data, solved by GLPK with `glp_exact` (rational simplex), so the sign
    /// of `t*` is decided exactly; balanced iff `t* > 0`. Levels are checked until
    /// `B_1 ∪ … ∪ B_k ∪ {N}` spans `R^n`: by the sufficiency half of the proof, any imputation `y`
    /// lexicographically no worse than `x` then has `y(S) = x(S)` on a spanning family, so `y = x`
    /// (the later levels cannot fail for the nucleolus, which satisfies all of them).
    ///
    /// Also fails when `x` is not an imputation or `Σ x_i ≠ v(N)` exactly, and (without
    /// checking) beyond `maximumExactPlayers` players.
    /// - Complexity: O(2^n · n) rational operations for the excesses, O(2^n log 2^n) to sort
    ///   them, and at most one LP per level (rarely more than n). Meant for n ≤ 12 or so: the
    ///   exact excesses of 2^20 coalitions cost seconds.
    public func kohlbergCriterion(at x: [ExactRational]) -> KohlbergCheck {
        let n = playerCount
        guard x.count == n else { return KohlbergCheck(holds: false, linearPrograms: 0, failure: "\(x.count) amounts for \(n) players") }
        func fail(_ why: String, _ lps: Int = 0) -> KohlbergCheck { KohlbergCheck(holds: false, linearPrograms: lps, failure: why) }
        guard n <= Self.maximumExactPlayers else { return fail("more than \(Self.maximumExactPlayers) players") }
        let sums = Self.coalitionSums(x)
        let full = (1 << n) - 1
        guard sums[full] == exactValue(grandCoalition) else { return fail("the amounts do not sum to v(N)") }
        var lowerBound: [Int] = []  // B_0
        for i in 0..<n {
            let v = exactValue(Coalition(bits: 1 << UInt64(i)))
            if x[i] < v { return fail("player \(i) gets less than v({\(i)})") }
            if x[i] == v { lowerBound.append(1 << i) }
        }
        if n == 1 { return KohlbergCheck(holds: true, linearPrograms: 0, failure: nil) }
        let excess = (0...full).map { $0 == 0 || $0 == full ? ExactRational.zero : exactValue(Coalition(bits: UInt64($0))) - sums[$0] }
        let order = (1..<full).sorted { excess[$0] > excess[$1] }
        var span = CoalitionSpan<ExactRational>(playerCount: n)
        span.add(grandCoalition)
        var collection: [Int] = []
        var start = 0
        var lps = 0
        while start < order.count && span.rank < n {
            var end = start
            while end < order.count && excess[order[end]] == excess[order[start]] { end += 1 }
            for bits in order[start..<end] {
                collection.append(bits)
                span.add(Coalition(bits: UInt64(bits)))
            }
            lps += 1
            guard Self.balancedWithPositiveWeights(collection, zeroAllowed: lowerBound, n: n) else {
                return fail("the \(lps)-th excess level (excess \(excess[order[start]])) is not balanced", lps)
            }
            start = end
        }
        return KohlbergCheck(holds: true, linearPrograms: lps, failure: nil)
    }

    /// `kohlbergCriterion(at:)` at `x` rationalized: each amount as the simplest fraction within
    /// `1e-9 · max(1, |x_i|)`, the last one shifted so that the sum is exactly `v(N)`.
    public func kohlbergCriterion(atApproximately x: [Double]) -> KohlbergCheck {
        guard let exact = rationalized(x) else { return KohlbergCheck(holds: false, linearPrograms: 0, failure: "not finite") }
        return kohlbergCriterion(at: exact)
    }

    /// Whether some `λ` has `Σ λ_S 1_S = 1_N`, `λ_S > 0` on `positive`, `λ_S ≥ 0` on the rest of
    /// `zeroAllowed`, decided by an exact LP.
    static func balancedWithPositiveWeights(_ positive: [Int], zeroAllowed: [Int], n: Int) -> Bool {
        let positiveSet = Set(positive)
        let others = zeroAllowed.filter { !positiveSet.contains($0) }
        var lp = LinearProgram(sense: .maximize)
        do {
            let columns = positive + others
            for _ in columns { try lp.addColumn(.lower(0)) }
            let t = try lp.addColumn(.upper(1), objective: 1)
            for i in 0..<n {
                let terms = columns.enumerated().compactMap { $0.element >> i & 1 == 1 ? LinearProgram.Term($0.offset, 1) : nil }
                try lp.addRow(terms, .fixed(1))
            }
            for k in positive.indices { try lp.addRow([LinearProgram.Term(k, 1), LinearProgram.Term(t, -1)], .lower(0)) }
        } catch {
            return false
        }
        var settings = LinearProgram.Settings()
        settings.exact = true
        let solution = lp.solve(settings)
        guard solution.status == .optimal, let value = solution.objective else { return false }
        return value > 0
    }
}
