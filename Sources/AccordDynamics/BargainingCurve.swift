import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

/// A two-party bargaining set given by its efficient boundary: a concave, decreasing polyline in
/// the plane of the two parties' utilities — the north-east boundary of the convex hull of the
/// feasible outcomes.
///
/// Points between two adjacent vertices are reached either by *pure* packages (the vertices lie
/// on one linear piece of a continuous or divisible issue, so interpolating the issue's value
/// interpolates both utilities) or by a *lottery* between the two vertices' packages (discrete
/// packages, or a non-concave stretch of a continuous frontier).
public struct BargainingCurve: Sendable, Equatable {
    /// A feasible outcome: a package and its utilities (party order).
    public struct Vertex: Sendable, Equatable {
        public var utilities: [Double]
        public var package: [IssueValue]

        public init(utilities: [Double], package: [IssueValue]) {
            self.utilities = utilities
            self.package = package
        }
    }

    /// A point of the curve.
    public struct Point: Sendable, Equatable {
        public var utilities: [Double]
        public var outcome: Outcome

        public init(utilities: [Double], outcome: Outcome) {
            self.utilities = utilities
            self.outcome = outcome
        }
    }

    /// The vertices, the first party's utility strictly increasing, the second's strictly decreasing.
    public let vertices: [Vertex]
    /// `pure[k]`: the segment from vertex `k` to `k + 1` is made of pure packages.
    public let pure: [Bool]
    /// Supplies `tieTolerance`: the rounding allowed in the hull's turn test, in snapping a
    /// fraction of a segment to its ends, and in the Nash solution's ties.
    public let settings: SolverSettings

    /// The efficient boundary of the convex hull of `pieces`: each piece is a polyline whose
    /// consecutive vertices are joined by pure packages (a single vertex for a discrete package).
    ///
    /// Andrew's monotone chain gives the upper hull (collinear vertices are kept, so a pure
    /// stretch keeps its breakpoints); it is cut to the part from the second party's best point
    /// to the first party's best point, where both utilities trade off. A turn counts as
    /// counter-clockwise when its cross product exceeds `settings.tieTolerance · scale²` (`scale`
    /// the largest utility magnitude, at least 1).
    ///
    /// - Complexity: O(V log V) for V vertices.
    public init(pieces: [[Vertex]], settings: SolverSettings = SolverSettings()) {
        self.settings = settings
        struct Tagged { var vertex: Vertex; var piece: Int; var position: Int }
        var points: [Tagged] = []
        for (p, piece) in pieces.enumerated() {
            for (k, vertex) in piece.enumerated() where vertex.utilities.count == 2 {
                points.append(Tagged(vertex: vertex, piece: p, position: k))
            }
        }
        points.sort { a, b in
            let (u, v) = (a.vertex.utilities, b.vertex.utilities)
            return u[0] != v[0] ? u[0] < v[0] : u[1] < v[1]
        }
        var unique: [Tagged] = []
        for point in points where unique.last?.vertex.utilities != point.vertex.utilities { unique.append(point) }

        let scale = unique.reduce(1.0) { max($0, abs($1.vertex.utilities[0]), abs($1.vertex.utilities[1])) }
        func cross(_ o: [Double], _ a: [Double], _ b: [Double]) -> Double {
            (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
        }
        var hull: [Tagged] = []
        for point in unique {
            // Upper hull, left to right: pop while the turn is counter-clockwise (beyond rounding).
            while hull.count >= 2,
                  cross(hull[hull.count - 2].vertex.utilities, hull[hull.count - 1].vertex.utilities, point.vertex.utilities) > settings.tieTolerance * scale * scale {
                hull.removeLast()
            }
            hull.append(point)
        }
        // Keep the efficient part: from the (rightmost) highest point on.
        if let top = hull.map({ $0.vertex.utilities[1] }).max(), let start = hull.lastIndex(where: { $0.vertex.utilities[1] == top }) {
            hull.removeFirst(start)
        }
        var efficient: [Tagged] = []
        for point in hull {
            // Drop points weakly dominated by the previous one (rounding at collinear stretches).
            if let last = efficient.last, point.vertex.utilities[1] >= last.vertex.utilities[1] || point.vertex.utilities[0] <= last.vertex.utilities[0] {
                continue
            }
            efficient.append(point)
        }
        vertices = efficient.map(\.vertex)
        pure = zip(efficient, efficient.dropFirst()).map { a, b in a.piece == b.piece && abs(a.position - b.position) == 1 }
    }

    public var isEmpty: Bool { vertices.isEmpty }

    /// The range of party `party`'s utility on the curve.
    public func range(of party: Int) -> ClosedRange<Double> {
        guard let first = vertices.first, let last = vertices.last else { return 0...0 }
        let (a, b) = (first.utilities[party], last.utilities[party])
        return min(a, b)...max(a, b)
    }

    /// The point of the curve where `party` gets utility `x` (clamped to the curve's range).
    ///
    /// - Complexity: O(log V).
    public func point(party: Int, utility x: Double) -> Point {
        guard let first = vertices.first else { return Point(utilities: [], outcome: .lottery([])) }
        guard vertices.count > 1 else { return Point(utilities: first.utilities, outcome: .package(first.package)) }
        // Vertices ascend in party 0's utility and descend in party 1's.
        let ascending = party == 0
        func value(_ k: Int) -> Double { vertices[ascending ? k : vertices.count - 1 - k].utilities[party] }
        var lo = 0, hi = vertices.count - 1
        if x <= value(0) { return vertex(ascending ? 0 : vertices.count - 1) }
        if x >= value(hi) { return vertex(ascending ? hi : 0) }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if value(mid) <= x { lo = mid } else { hi = mid }
        }
        // In curve order: segment from vertex k to k + 1, fraction λ along it.
        let k = ascending ? lo : vertices.count - 1 - hi
        let (a, b) = (vertices[k].utilities[party], vertices[k + 1].utilities[party])
        let lambda = b == a ? 0 : (x - a) / (b - a)
        return interpolate(segment: k, lambda: lambda)
    }

    /// The point at fraction `lambda` ∈ [0, 1] of the segment from vertex `k` to `k + 1`; a
    /// fraction within `settings.tieTolerance` of an end is that end's vertex (a pure package).
    public func interpolate(segment k: Int, lambda: Double) -> Point {
        let a = vertices[k], b = vertices[k + 1]
        if lambda <= settings.tieTolerance { return vertex(k) }
        if lambda >= 1 - settings.tieTolerance { return vertex(k + 1) }
        let utilities = zip(a.utilities, b.utilities).map { $0 + lambda * ($1 - $0) }
        if pure[k] {
            return Point(utilities: utilities, outcome: .package(Self.interpolate(a.package, b.package, lambda)))
        }
        return Point(utilities: utilities, outcome: .lottery([
            LotteryShare(probability: 1 - lambda, package: a.package), LotteryShare(probability: lambda, package: b.package),
        ]))
    }

    private func vertex(_ k: Int) -> Point {
        Point(utilities: vertices[k].utilities, outcome: .package(vertices[k].package))
    }

    /// Linear interpolation of two packages that differ only in continuous values.
    static func interpolate(_ a: [IssueValue], _ b: [IssueValue], _ lambda: Double) -> [IssueValue] {
        zip(a, b).map { x, y in
            switch (x, y) {
            case (.number(let p), .number(let q)): return .number(p + lambda * (q - p))
            case (.shares(let p), .shares(let q)): return .shares(zip(p, q).map { $0 + lambda * ($1 - $0) })
            default: return x
            }
        }
    }

    /// The Nash solution on the curve (lotteries allowed): the point maximizing the
    /// `NashObjective` `Σ p_i log(u_i − d_i)` among points with every `u_i > d_i`.
    ///
    /// On a segment `u(λ) = a + λ(b − a)` the objective is concave in λ; its stationary point is
    /// `λ* = −(p_1 s_1 g_2 + p_2 s_2 g_1) / ((p_1 + p_2) s_1 s_2)` with `g = a − d`, `s = b − a`,
    /// clamped to the segment. The best over all segments and vertices is returned; a later
    /// candidate replaces an earlier one only when it is better by more than
    /// `settings.tieTolerance` (log units).
    ///
    /// - Complexity: O(V).
    public func nash(disagreement d: [Double], power p: [Double]) -> Point? {
        let objective = NashObjective(disagreement: d, power: p)
        var best: (score: Double, point: Point)? = nil
        func consider(_ point: Point) {
            guard let s = objective.value(point.utilities) else { return }
            if s > (best?.score ?? -.infinity) + settings.tieTolerance { best = (s, point) }  // earliest wins ties
        }
        for k in vertices.indices {
            consider(vertex(k))
            guard k + 1 < vertices.count else { continue }
            let a = vertices[k].utilities, b = vertices[k + 1].utilities
            let g = [a[0] - d[0], a[1] - d[1]], s = [b[0] - a[0], b[1] - a[1]]
            let denominator = (p[0] + p[1]) * s[0] * s[1]
            guard denominator != 0 else { continue }
            let lambda = -(p[0] * s[0] * g[1] + p[1] * s[1] * g[0]) / denominator
            if lambda > 0, lambda < 1 { consider(interpolate(segment: k, lambda: lambda)) }
        }
        return best?.point
    }
}
