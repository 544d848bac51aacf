/// A vertex of the exact two-party frontier of a `ConcaveProgram`: the utilities and the point
/// of the feasible set that gives them.
public struct FrontierVertex: Sendable, Equatable {
    public var utilities: [Double]
    /// `shares[k]` = the two parties' shares of good `k`.
    public var shares: [[Double]]
    /// The value of each range.
    public var rangeValues: [Double]
}

extension ConcaveProgram {
    /// The Pareto frontier of a two-party program with concave values, exactly: a polyline
    /// through the returned vertices, from the first party's best point to the second party's,
    /// cut to `u_i ≥ d_i`, each vertex with its shares and range values (between two vertices
    /// the point moves linearly). Empty when no feasible point gives both parties `u_i ≥ d_i`.
    ///
    /// The utility set is the Minkowski sum of one convex set per good and range (each party's
    /// value of its share `s` and of the other's `1 − s`, or both values of `y`, concave
    /// piecewise linear, trace a concave curve), so its frontier is the sum of the per-issue
    /// frontiers: start from every issue's point best for the first party, then take the edges
    /// of all issues in order of their exchange rate (second party's gain per unit the first
    /// gives up), largest first — for linear values on goods, the goods in order of the ratio
    /// of the parties' values. Each issue's frontier is the upper-right convex chain of its
    /// curve's vertices, which lie on the curve as the curve is concave.
    ///
    /// - Returns: `nil` unless there are two parties, every value is concave and every bound
    ///   admits a point (see `validate`).
    /// - Complexity: O(E log E) for E breakpoints over all value functions.
    public func twoPartyFrontier() -> [FrontierVertex]? {
        guard parties == 2, power.count == 2, disagreement.count == 2, constant.count == 2 else { return nil }
        for good in goods { guard good.value.allSatisfy({ $0?.isConcave ?? true }) else { return nil } }
        for range in ranges { guard range.value.allSatisfy({ $0?.isConcave ?? true }) else { return nil } }

        // Each issue's chain: parameter values (the first party's share, or the range's value)
        // from the first party's best point to the second's.
        var chains: [Chain] = []
        for good in goods {
            let lower = max(good.lower[0], 1 - good.upper[1]), upper = min(good.upper[0], 1 - good.lower[1])
            guard lower <= upper else { return nil }
            let first = good.value[0], second = good.value[1]
            var breaks = [lower, upper]
            breaks += (first?.x ?? []).filter { $0 > lower && $0 < upper }
            breaks += (second?.x ?? []).map { 1 - $0 }.filter { $0 > lower && $0 < upper }
            chains.append(Chain(parameters: breaks) { s in [first?(s) ?? 0, second?(1 - s) ?? 0] })
        }
        for range in ranges {
            guard range.lower <= range.upper else { return nil }
            var breaks = [range.lower, range.upper]
            for value in range.value { breaks += (value?.x ?? []).filter { $0 > range.lower && $0 < range.upper } }
            let first = range.value[0], second = range.value[1]
            chains.append(Chain(parameters: breaks) { y in [first?(y) ?? 0, second?(y) ?? 0] })
        }

        // Merge: all edges by exchange rate, largest first (ties: issue order, then chain order).
        var edges: [(rate: Double, chain: Int, step: Int)] = []
        for (c, chain) in chains.enumerated() {
            for step in 1..<max(1, chain.points.count) {
                let a = chain.points[step - 1].utilities, b = chain.points[step].utilities
                edges.append(((b[1] - a[1]) / (a[0] - b[0]), c, step))
            }
        }
        edges.sort { ($0.rate, -$0.chain, -$0.step) > ($1.rate, -$1.chain, -$1.step) }
        var position = chains.map { _ in 0 }
        func vertex() -> FrontierVertex {
            var u = constant
            for (c, chain) in chains.enumerated() {
                for i in 0..<2 { u[i] += chain.points[position[c]].utilities[i] }
            }
            let values = chains.indices.map { chains[$0].points[position[$0]].parameter }
            return FrontierVertex(
                utilities: u, shares: values.prefix(goods.count).map { [$0, 1 - $0] }, rangeValues: Array(values.dropFirst(goods.count)))
        }
        var polyline = [vertex()]
        for edge in edges {
            position[edge.chain] = edge.step
            polyline.append(vertex())
        }
        return Self.clip(polyline, to: disagreement)
    }

    /// The part of a Pareto polyline (first party's utility falling, second's rising) with
    /// `u_i ≥ d_i`, cut exactly where it crosses `d`.
    static func clip(_ polyline: [FrontierVertex], to d: [Double]) -> [FrontierVertex] {
        func between(_ a: FrontierVertex, _ b: FrontierVertex, _ t: Double) -> FrontierVertex {
            func mix(_ x: Double, _ y: Double) -> Double { x + t * (y - x) }
            return FrontierVertex(
                utilities: zip(a.utilities, b.utilities).map(mix),
                shares: zip(a.shares, b.shares).map { zip($0, $1).map(mix) },
                rangeValues: zip(a.rangeValues, b.rangeValues).map(mix))
        }
        let slack = d.map { 1e-12 * max(1, abs($0)) }
        func inside(_ v: FrontierVertex, tolerance: Bool) -> Bool {
            (0..<2).allSatisfy { v.utilities[$0] >= d[$0] - (tolerance ? slack[$0] : 0) }
        }
        var result: [FrontierVertex] = []
        func keep(_ v: FrontierVertex) { if result.last != v { result.append(v) } }
        for (k, point) in polyline.enumerated() {
            if k > 0 {
                let previous = polyline[k - 1]
                // Where the edge crosses u_i = d_i, in order along it.
                let crossings = (0..<2).compactMap { i -> Double? in
                    let (from, to) = (previous.utilities[i] - d[i], point.utilities[i] - d[i])
                    guard (from < 0) != (to < 0) else { return nil }
                    return from / (from - to)
                }.sorted()
                for t in crossings where t > 0 && t < 1 {
                    let crossing = between(previous, point, t)
                    if inside(crossing, tolerance: true) { keep(crossing) }
                }
            }
            if inside(point, tolerance: false) { keep(point) }
        }
        return result
    }
}

/// One issue's frontier chain: vertices of its curve (parameter and both utilities), from the
/// first party's best point to the second party's, on the upper-right convex hull.
private struct Chain {
    var points: [(parameter: Double, utilities: [Double])]

    init(parameters: [Double], utilities: (Double) -> [Double]) {
        let candidates = Set(parameters).sorted().map { (parameter: $0, utilities: utilities($0)) }
        // First party's utility descending, then second's descending: the Pareto staircase.
        let order = candidates.sorted {
            ($0.utilities[0], $0.utilities[1]) > ($1.utilities[0], $1.utilities[1])
        }
        var staircase: [(parameter: Double, utilities: [Double])] = []
        for point in order where staircase.last.map({ point.utilities[1] > $0.utilities[1] }) ?? true {
            staircase.append(point)
        }
        // Upper hull (concave chain): drop a middle point on or below the chord of its neighbours.
        var hull: [(parameter: Double, utilities: [Double])] = []
        for point in staircase {
            while hull.count >= 2 {
                let a = hull[hull.count - 2].utilities, b = hull[hull.count - 1].utilities, c = point.utilities
                let cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
                if cross <= 0 { hull.removeLast() } else { break }
            }
            hull.append(point)
        }
        points = hull
    }
}
