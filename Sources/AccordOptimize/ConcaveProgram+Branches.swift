extension PiecewiseLinear {
    /// The function on `[lower, upper]` only (`lower < upper` inside the domain): the points
    /// strictly inside, with the values at the two ends interpolated. Equal on that interval.
    public func restricted(to lower: Double, _ upper: Double) -> PiecewiseLinear {
        let inside = x.indices.filter { x[$0] > lower && x[$0] < upper }
        return PiecewiseLinear(x: [lower] + inside.map { x[$0] } + [upper], y: [self(lower)] + inside.map { y[$0] } + [self(upper)])
    }

    /// The inner points where the slope increases (the function is convex there): splitting the
    /// domain at them leaves pieces on which the function is concave.
    public var convexKinks: [Double] {
        x.count < 3 ? [] : (1..<(x.count - 1)).filter { rises(at: $0) }.map { x[$0] }
    }
}

extension ConcaveProgram {
    /// The program as a union of concave programs over the same utilities: every value function
    /// cut to its issue's bounds (a divisible good: the party's share bounds; a range: its
    /// bounds), then every range and every party's share bounds split at the convex kinks of
    /// the functions on them, so that on each part every function is concave. The feasible set
    /// is the union of the parts' (which overlap only at their boundaries), so the best of the
    /// parts' solutions is the program's.
    ///
    /// - Returns: the parts (one, the program with cut functions, when every function is
    ///   concave within its bounds), or `nil` when there would be more than `limit`.
    /// - Complexity: O(parts · size of the program).
    public func concaveBranches(limit: Int) -> [ConcaveProgram]? {
        // Each splittable interval: the cut points of one party's share of a good, or of a range.
        enum Slot { case share(good: Int, party: Int), range(Int) }
        var slots: [(slot: Slot, cuts: [Double])] = []
        for (k, good) in goods.enumerated() {
            for i in 0..<parties {
                guard let f = good.value[i], good.lower[i] < good.upper[i] else { continue }
                let cuts = f.convexKinks.filter { $0 > good.lower[i] && $0 < good.upper[i] }
                if !cuts.isEmpty { slots.append((.share(good: k, party: i), cuts)) }
            }
        }
        for (r, range) in ranges.enumerated() where range.lower < range.upper {
            let cuts = Set(range.value.flatMap { $0?.convexKinks ?? [] }.filter { $0 > range.lower && $0 < range.upper }).sorted()
            if !cuts.isEmpty { slots.append((.range(r), cuts)) }
        }
        var count = 1
        for slot in slots {
            let (product, overflow) = count.multipliedReportingOverflow(by: slot.cuts.count + 1)
            guard !overflow, product <= limit else { return nil }
            count = product
        }
        var parts: [ConcaveProgram] = []
        parts.reserveCapacity(count)
        for index in 0..<count {
            var part = self
            var rest = index
            for (slot, cuts) in slots {
                let piece = rest % (cuts.count + 1)
                rest /= cuts.count + 1
                switch slot {
                case .share(let k, let i):
                    if piece > 0 { part.goods[k].lower[i] = cuts[piece - 1] }
                    if piece < cuts.count { part.goods[k].upper[i] = cuts[piece] }
                case .range(let r):
                    if piece > 0 { part.ranges[r].lower = cuts[piece - 1] }
                    if piece < cuts.count { part.ranges[r].upper = cuts[piece] }
                }
            }
            parts.append(part.cutToBounds())
        }
        return parts
    }

    /// Every value function cut to its bounds (where they leave an interval).
    func cutToBounds() -> ConcaveProgram {
        var program = self
        for k in goods.indices {
            for i in 0..<parties {
                let (lower, upper) = (goods[k].lower[i], goods[k].upper[i])
                guard let f = goods[k].value[i], lower < upper, let first = f.x.first, let last = f.x.last,
                      lower >= first, upper <= last, lower > first || upper < last else { continue }
                program.goods[k].value[i] = f.restricted(to: lower, upper)
            }
        }
        for r in ranges.indices {
            let (lower, upper) = (ranges[r].lower, ranges[r].upper)
            guard lower < upper else { continue }
            program.ranges[r].value = ranges[r].value.map { f in
                guard let f, let first = f.x.first, let last = f.x.last, lower >= first, upper <= last,
                      lower > first || upper < last else { return f }
                return f.restricted(to: lower, upper)
            }
        }
        return program
    }

    /// The Kalai–Smorodinsky solution against a given ideal point (for a union of programs, the
    /// ideal of the union): `max t` subject to `u_i − d_i ≥ t (ideal_i − d_i)` for the parties
    /// with `ideal_i − d_i > lexicographicTolerance · max(1, |ideal_i|)`, and `u_i ≥ d_i`, ties to
    /// the larger `Σ u_i`.
    public func kalaiSmorodinsky(ideal: [Double], settings: LinearProgram.Settings = LinearProgram.Settings()) -> LinearSolution {
        let scale = zip(ideal, disagreement).map { ideal, d in
            ideal - d > settings.lexicographicTolerance * max(1, abs(ideal)) ? ideal - d : 0
        }
        var result = directional(scale: scale, settings: settings)
        result.ideal = ideal
        return result
    }
}

extension ConcaveProgram {
    /// The point furthest out along a direction: `max t` subject to `u_i − d_i ≥ t · scale_i`
    /// for the parties with `scale_i > 0` and `u_i ≥ d_i` (ties to the larger `Σ u_i`, so the
    /// point is Pareto optimal). With `scale_i = w_i (ideal_i − d_i)` for weights `w` on the
    /// simplex scaled to `max w = 1`, the points of many directions spread over the frontier
    /// (Kalai–Smorodinsky is the direction `w = (1, …, 1)`).
    public func directional(scale: [Double], settings: LinearProgram.Settings = LinearProgram.Settings()) -> LinearSolution {
        let d = disagreement
        return minimumSolution(scale: scale, settings: settings) { u in
            u.indices.filter { scale[$0] > 0 }.map { (u[$0] - d[$0]) / scale[$0] }.min() ?? 1
        }
    }
}
