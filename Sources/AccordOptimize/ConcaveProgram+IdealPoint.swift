extension ConcaveProgram {
    /// `ideal_i = max u_i` over the feasible points with every `u_j ≥ d_j`.
    ///
    /// Bound and point first: `u_i` is at most `bound_i` = its constant plus the most each of
    /// its value functions reaches over the item's bounds (for a good, the share interval the
    /// other parties' bounds leave to `i`). A point that reaches the bound and keeps every other
    /// party at or above `d_j` proves `ideal_i = bound_i` without an LP. It is built from
    /// `reference` (a feasible point with every `u_j ≥ d_j`, such as the Nash solution): each of
    /// `i`'s ranges moved to the maximizer of `i`'s value nearest the reference, each of `i`'s
    /// shares to its best, and the difference spread over the other parties' shares of the good
    /// within what keeps each of them at or above its `d_j` (`ConcaveProgram.spread`). The point
    /// is then checked as a whole: every bound, every good's sum (to `1e-12 · n`) and every
    /// `u_j ≥ d_j` evaluated with the value functions. Where that point fails and every good is
    /// shared linearly, the compensation point (`compensationPoint`: the others compensated
    /// from `i`'s goods, proved by a Lagrangian bound). Without a reference, and for the parties
    /// whose points fail, one LP each (`LinearModel`): with a reference, each on the shares the
    /// reference uses and the party's own, pricing the others in (`startingColumns`); without,
    /// every LP after the first started from the previous optimal basis.
    ///
    /// The solution's `utilities` is the ideal point (no single point attains it), `shares` and
    /// `rangeValues` are empty, `objective` is `nil`; `info.idealDualityGap` is the largest of the
    /// LPs' duality gaps and of `bound_i − u_i(point)`, `info.linearPrograms` the LPs solved.
    ///
    /// - Complexity: O(n² · (goods + ranges) · K) for the points (functions of at most K points),
    ///   then one LP per party whose point fails.
    public func idealPoint(
        reference: (shares: [[Double]], rangeValues: [Double])? = nil,
        settings: LinearProgram.Settings = LinearProgram.Settings(),
        progress: ((_ solved: Int, _ of: Int) -> Void)? = nil
    ) -> LinearSolution {
        let model: LinearModel
        switch LinearModel.make(self) {
        case .failure(let error): return .unsolved(error.status)
        case .success(let built): model = built
        }
        var ideal = [Double](repeating: 0, count: parties)
        var gap = 0.0
        var unproven = Array(0..<parties)
        var startingColumns: [Int]?
        if let reference, reference.shares.count == goods.count, reference.rangeValues.count == ranges.count,
           zip(reference.shares, goods).allSatisfy({ $0.count == $1.lower.count }) {
            startingColumns = Self.startingColumns(model, reference: reference.shares)
            unproven = []
            for i in 0..<parties {
                guard let (value, bound) = boundPoint(of: i, from: reference, model: model)
                        ?? compensationPoint(of: i, model: model) else {
                    unproven.append(i)
                    continue
                }
                ideal[i] = value
                gap = max(gap, bound - value)
            }
        }
        var linearPrograms = 0
        if !unproven.isEmpty {
            progress?(0, unproven.count)
            var solved = 0
            let solutions: [LinearProgram.Solution]
            if let startingColumns {
                // One LP each, on the reference's columns and the party's own shares: a party's
                // optimum is far from the previous party's, so a cold start on a few columns
                // beats a warm one on many (200 × 200, 170 LPs: 6 s against 36 s).
                solutions = unproven.map { i in
                    let own = model.share.map { $0[i] }
                    let columns = startingColumns + own
                    let solution = model.lp.solve(objectives: [model.utility[i]], settings, startingColumns: columns)
                    solved += 1
                    progress?(solved, unproven.count)
                    return solution.first ?? .failure("no solution")
                }
            } else {
                let objectives = unproven.map { model.utility[$0] }
                solutions = model.lp.solve(objectives: objectives, settings) {
                    solved += 1
                    progress?(solved, unproven.count)
                }
            }
            if let failed = solutions.first(where: { $0.status != .optimal }) { return .unsolved(model.status(of: failed)) }
            for (i, solution) in zip(unproven, solutions) {
                ideal[i] = model.constant[i] + (solution.objective ?? 0)
                gap = max(gap, solution.info.dualityGap)
            }
            linearPrograms = solutions.count
        }
        var result = LinearSolution.unsolved(.solved)
        result.utilities = ideal
        result.info.idealDualityGap = gap
        result.info.linearPrograms = linearPrograms
        return result
    }

    /// The columns the ideal point's LPs start with (`LinearProgram.solve(objectives:
    /// startingColumns:)`): every column but the shares, and the shares that are positive at the
    /// reference point, so that the reference stays feasible; the other shares join when their
    /// reduced costs price them in.
    private static func startingColumns(_ model: LinearModel, reference shares: [[Double]]) -> [Int] {
        var isShare = [Bool](repeating: false, count: model.lp.columnCount)
        var starting: [Int] = []
        for (k, columns) in model.share.enumerated() {
            for (i, column) in columns.enumerated() {
                isShare[column] = true
                if shares[k][i] > 0 { starting.append(column) }
            }
        }
        return starting + isShare.indices.filter { !isShare[$0] }
    }

    /// Party `i`'s utility at a feasible point that reaches its bound, with the bound, or `nil`
    /// when the point built from `reference` (see `idealPoint`) fails the check.
    private func boundPoint(
        of i: Int, from reference: (shares: [[Double]], rangeValues: [Double]), model: LinearModel
    ) -> (value: Double, bound: Double)? {
        var bound = constant[i]
        var values = reference.rangeValues
        for (r, range) in ranges.enumerated() {
            guard let f = range.value[i] else { continue }
            let (lower, upper) = (model.rangeBounds[r].lowerValue, model.rangeBounds[r].upperValue)
            let best = f.maximizers(lower, upper)
            values[r] = min(max(values[r], best.lower), best.upper)
            bound += best.value
        }
        var shares = reference.shares
        // What each party may still lose and stay at or above its d_j, after the ranges moved.
        var slack = utilities(shares: shares, rangeValues: values)
        for j in 0..<parties { slack[j] -= disagreement[j] }
        // Every good, also those i has no value for: there the others' shares only make up for
        // what the ranges took from them.
        for (k, good) in goods.enumerated() {
            let bounds = model.shareBounds[k]
            let others = bounds.indices.filter { $0 != i }
            var own = shares[k][i]
            if let f = good.value[i] {
                let othersLeast = others.reduce(0.0) { $0 + bounds[$1].lowerValue }
                let othersMost = others.reduce(0.0) { $0 + bounds[$1].upperValue }
                let best = f.maximizers(max(bounds[i].lowerValue, 1 - othersMost), min(bounds[i].upperValue, 1 - othersLeast))
                bound += best.value
                own = min(max(own, best.lower), best.upper)
            }
            guard let spread = spread(good: k, total: 1 - own, except: i, shares: shares[k], slack: slack, bounds: bounds) else {
                return nil
            }
            for j in others {
                if let g = good.value[j] { slack[j] += g(spread[j]) - g(shares[k][j]) }
            }
            shares[k] = spread
            shares[k][i] = own
        }
        // The check, as a whole and with the value functions.
        let tolerance = 1e-12 * Double(parties)
        for (k, good) in goods.enumerated() {
            guard shares[k].indices.allSatisfy({ good.lower[$0] <= shares[k][$0] && shares[k][$0] <= good.upper[$0] }),
                  abs(shares[k].reduce(0, +) - 1) <= tolerance else { return nil }
        }
        guard zip(values, ranges).allSatisfy({ $1.lower <= $0 && $0 <= $1.upper }) else { return nil }
        let u = utilities(shares: shares, rangeValues: values)
        for j in 0..<parties where j != i && !(u[j] >= disagreement[j]) { return nil }
        guard u[i] >= disagreement[i] else { return nil }
        return (u[i], max(bound, u[i]))
    }

    /// The other parties' shares of good `k` (party `except`'s entry left as it is) summing to
    /// `total`, each within its bounds and within what keeps its party at or above `d_j`
    /// (`slack[j]`: how much utility it may lose from `shares`): every share first moved into its
    /// allowed interval, then all of them moved together toward the ends of their intervals by
    /// the same fraction of the room left; `nil` when the intervals cannot sum to `total`.
    private func spread(
        good k: Int, total: Double, except: Int, shares: [Double], slack: [Double], bounds: [LinearProgram.Bounds]
    ) -> [Double]? {
        var allowed: [(lower: Double, upper: Double)] = []
        var result = shares
        var sum = 0.0, least = 0.0, most = 0.0
        for j in shares.indices where j != except {
            var interval = (lower: bounds[j].lowerValue, upper: bounds[j].upperValue)
            if let g = goods[k].value[j] {
                guard let level = g.superlevel(g(shares[j]) - slack[j], interval.lower, interval.upper) else { return nil }
                interval = level
            }
            allowed.append(interval)
            result[j] = min(max(shares[j], interval.lower), interval.upper)
            sum += result[j]
            least += interval.lower
            most += interval.upper
        }
        guard least <= total, total <= most else { return nil }
        var index = 0
        for j in shares.indices where j != except {
            let interval = allowed[index]
            index += 1
            if total > sum, most > sum {
                result[j] += (interval.upper - result[j]) * ((total - sum) / (most - sum))
            } else if total < sum, sum > least {
                result[j] -= (result[j] - interval.lower) * ((sum - total) / (sum - least))
            }
        }
        return result
    }
}

extension PiecewiseLinear {
    /// The largest value on `[lower, upper]` (inside the domain) and the interval of its
    /// maximizers (an interval, as the function is concave; for a non-concave one the first and
    /// last maximizing breakpoints or ends).
    func maximizers(_ lower: Double, _ upper: Double) -> (value: Double, lower: Double, upper: Double) {
        var best = (value: self(lower), lower: lower, upper: lower)
        func visit(_ t: Double) {
            let v = self(t)
            if v > best.value {
                best = (v, t, t)
            } else if v == best.value {
                best.upper = t
            }
        }
        for t in x where t > lower && t < upper { visit(t) }
        if upper > lower { visit(upper) }
        return best
    }

    /// The interval of `[lower, upper]` where the function is at least `level` (concave: an
    /// interval), or `nil` when it is nowhere that high. An end inside `[lower, upper]` is
    /// interpolated on the piece that crosses `level` and then moved inward by `1e-12` relative
    /// (its value would otherwise equal `level` only up to rounding, and a utility summed from it
    /// could land an ulp below the disagreement point it must reach).
    func superlevel(_ level: Double, _ lower: Double, _ upper: Double) -> (lower: Double, upper: Double)? {
        let points = [lower] + x.filter { $0 > lower && $0 < upper } + (upper > lower ? [upper] : [])
        let values = points.map { self($0) }
        guard let first = values.firstIndex(where: { $0 >= level }), let last = values.lastIndex(where: { $0 >= level }) else {
            return nil
        }
        func crossing(_ a: Int, _ b: Int) -> Double {
            points[a] + (level - values[a]) * (points[b] - points[a]) / (values[b] - values[a])
        }
        func inward(_ t: Double, _ direction: Double) -> Double { t + direction * 1e-12 * max(1, abs(t)) }
        let from = first == 0 ? points[0] : min(points[first], inward(max(points[first - 1], crossing(first - 1, first)), 1))
        let to = last == points.count - 1 ? points[last] : max(points[last], inward(min(points[last + 1], crossing(last, last + 1)), -1))
        guard from <= to else { return nil }
        return (from, to)
    }
}

