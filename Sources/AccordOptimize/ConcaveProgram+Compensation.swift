extension ConcaveProgram {
    /// Party `i`'s ideal `max u_i` (over the points with every `u_j ≥ d_j`) proved without an LP
    /// when every good is shared linearly and freely: no ranges, every share bound `[0, 1]`,
    /// every value function linear on `[0, 1]` (or absent); `nil` otherwise, or when the point
    /// below is not proved optimal (the caller then solves an LP).
    ///
    /// The point: `i` takes every good it does not value negatively (those go whole to the other
    /// party that values them most); then each other party `j` short of `d_j` is compensated
    /// from `i`'s goods, cheapest first — good `k` costs `i` `a_ik / a_jk` of its utility per
    /// unit of `j`'s, nothing for a good `i` values at 0 — and `λ_j` is the cost of the last
    /// good used (0 for a party not short).
    ///
    /// The proof is weak duality of the Lagrangian relaxation of the rows `u_j ≥ d_j`: for any
    /// `λ ≥ 0`, `ideal_i ≤ L(λ) = max over all share splits of u_i + Σ_{j≠i} λ_j (u_j − d_j)`
    /// (the split that attains `ideal_i` keeps every `u_j − d_j ≥ 0`), and `L` splits by good:
    /// each good goes whole to the party with the largest weighted slope (`1` for `i`, `λ_j` for
    /// `j`). The point is accepted when `L(λ) − u_i(point) ≤ 1e-9` (the bound on every duality gap
    /// Accord reports); that difference is the returned gap. It holds whenever no good runs out (then
    /// `λ_j a_jk ≤ a_ik` for every good, so `L = u_i`); where a good that several parties find
    /// cheapest runs out, the greedy point may fall short, and the LP answers.
    ///
    /// - Complexity: O(n · m · log m) for n parties and m goods.
    func compensationPoint(of i: Int, model: LinearModel) -> (value: Double, bound: Double)? {
        guard ranges.isEmpty, parties > 1 else { return nil }
        // slope[k][j], start[k][j] = a_jk and f_jk(0); 0 where j has no value for good k.
        var slope = [[Double]](), start = [[Double]]()
        slope.reserveCapacity(goods.count)
        start.reserveCapacity(goods.count)
        for (k, good) in goods.enumerated() {
            guard model.shareBounds[k].allSatisfy({ $0.lowerValue == 0 && $0.upperValue == 1 }) else { return nil }
            var a = [Double](repeating: 0, count: parties), b = a
            for (j, f) in good.value.enumerated() {
                guard let f else { continue }
                guard f.x.count == 2, f.x[0] <= 0, f.x[1] >= 1 else { return nil }
                a[j] = f.slope(0)
                b[j] = f(0)
            }
            slope.append(a)
            start.append(b)
        }
        var shares = [[Double]](repeating: [Double](repeating: 0, count: parties), count: goods.count)
        for k in goods.indices {
            var owner = i
            if slope[k][i] < 0 {
                owner = (0..<parties).filter { $0 != i }.max { slope[k][$0] < slope[k][$1] } ?? i
            }
            shares[k][owner] = 1
        }
        var u = utilities(shares: shares, rangeValues: [])
        var lambda = [Double](repeating: 0, count: parties)
        for j in 0..<parties where j != i && u[j] < disagreement[j] {
            var costs = goods.indices.compactMap { k in
                slope[k][j] > 0 && shares[k][i] > 0 ? (cost: slope[k][i] / slope[k][j], good: k) : nil
            }
            var short = disagreement[j] - u[j]
            // Cheapest first: usually one good suffices, so the cheapest is picked a few times
            // before the rest is sorted.
            var picked = 0
            while short > 0, !costs.isEmpty {
                if picked == 4 { costs.sort { $0.cost > $1.cost } }
                let next = picked >= 4 ? costs.count - 1 : costs.indices.min { costs[$0].cost < costs[$1].cost } ?? 0
                let k = costs[next].good
                costs.swapAt(next, costs.count - 1)
                costs.removeLast()
                picked += 1
                guard shares[k][i] > 0 else { continue }
                // A hair more than the shortfall, so that rounding cannot leave j an ulp below d_j.
                let moved = min(shares[k][i], short / slope[k][j] * (1 + 1e-12))
                shares[k][i] -= moved
                shares[k][j] += moved
                short -= moved * slope[k][j]
                lambda[j] = slope[k][i] / slope[k][j]
            }
            guard short <= 0 else { return nil }
        }
        u = utilities(shares: shares, rangeValues: [])
        for j in 0..<parties where !(u[j] >= disagreement[j]) { return nil }
        var bound = constant[i]
        for j in 0..<parties where j != i { bound += lambda[j] * (constant[j] - disagreement[j]) }
        for k in goods.indices {
            var best = -Double.infinity
            for j in 0..<parties {
                let weight = j == i ? 1 : lambda[j]
                bound += weight * start[k][j]
                best = max(best, weight * slope[k][j])
            }
            bound += best
        }
        guard bound.isFinite, bound - u[i] <= 1e-9 else { return nil }
        return (u[i], max(bound, u[i]))
    }
}
