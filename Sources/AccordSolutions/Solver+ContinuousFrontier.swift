import Foundation
import AccordFrontier
import AccordModel
import AccordOptimize
import AccordSpace

/// The Pareto frontier of a scenario with range or divisible issues: a list of points, each
/// with its utilities and package, either the exact curve (two parties, every issue continuous
/// and every value concave: the vertices of a polyline, the frontier between them linear) or a
/// sample of frontier points.
public struct ContinuousFrontier: Sendable {
    public enum Kind: String, Sendable {
        /// The vertices of the exact frontier curve (`ConcaveProgram.twoPartyFrontier`).
        case curve
        /// Pareto-optimal points along spread directions (`ConcaveProgram.directional`); the
        /// frontier has more points between them.
        case sample
    }

    public var kind: Kind
    public var scenario: Scenario
    public var points: [(utilities: [Double], package: [IssueValue])]
}

extension Solver {
    /// The frontier of a continuous problem (see `ContinuousFrontier`): the exact curve where it
    /// exists; otherwise about `samples` points, Pareto optimal and acceptable, each the point
    /// furthest along a direction `w` of the simplex from `d` toward the ideal point, over every
    /// discrete frontier package and concave part, the dominated ones removed. The directions are
    /// the n corners (each party's best, ties to the larger `Σ u`), the centre (Kalai–Smorodinsky)
    /// and a low-discrepancy (Halton) sequence mapped onto the simplex, so the same input always
    /// gives the same sample.
    ///
    /// - Returns: `nil` when the problem is discrete (use `frontier(of:)`).
    /// - Complexity: O(samples × discrete packages × parts) LPs.
    public static func continuousFrontier(
        of problem: BargainingProblem, samples: Int = 100, settings: SolverSettings = SolverSettings(), progress: ProgressCounter? = nil
    ) -> Result<ContinuousFrontier, Refusal>? {
        guard let part = problem.concave else { return nil }
        let scenario = problem.scenario
        let n = scenario.parties.count
        var search: ConcaveSearch
        switch ConcaveSearch.make(part, scenario: scenario, settings: settings, progress: progress) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let made): search = made.search
        }
        var result = ContinuousFrontier(kind: .sample, scenario: scenario, points: [])
        if let curve = search.exactCurve {
            result.kind = .curve
            result.points = curve.map { ($0.utilities, part.package(options: [], shares: $0.shares, ranges: $0.rangeValues)) }
            return .success(result)
        }
        let points = search.points, branches = search.branches
        guard case .success(let ideal?) = search.idealPoint() else { return .success(result) }
        let d = part.disagreement
        var found: [(utilities: [Double], package: [IssueValue])] = []
        for w in Self.directions(parties: n, count: max(samples, n + 1)) {
            let scale = (0..<n).map { w[$0] * max(0, ideal[$0] - d[$0]) }
            for p in points.indices {
                for b in branches.indices {
                    let solution = search.program(p, b).directional(scale: scale)
                    guard solution.status == .solved else { continue }
                    found.append((solution.utilities, part.package(options: points[p].options, shares: solution.shares, ranges: solution.rangeValues)))
                }
            }
        }
        // Keep the points no other covers (equal within the LPs' accuracy, 1e-9: the first).
        let tolerance = 1e-9
        func covers(_ a: [Double], _ b: [Double]) -> Bool {
            zip(a, b).allSatisfy { $0 >= $1 - tolerance * max(1, abs($1)) }
        }
        var kept: [(utilities: [Double], package: [IssueValue])] = []
        for (k, point) in found.enumerated() {
            let dominated = found.indices.contains { other in
                other != k && covers(found[other].utilities, point.utilities)
                    && (!covers(point.utilities, found[other].utilities) || other < k)
            }
            if !dominated { kept.append(point) }
        }
        result.points = Self.spread(kept, count: samples)
        result.points.sort { $0.utilities.lexicographicallyPrecedes($1.utilities, by: >) }
        return .success(result)
    }

    /// At most `count` of the points, spread out: the first point, then repeatedly the point
    /// farthest (Euclidean, in utilities) from those chosen (farthest-point sampling).
    ///
    /// - Complexity: O(points · count · n).
    static func spread(_ points: [(utilities: [Double], package: [IssueValue])], count: Int) -> [(utilities: [Double], package: [IssueValue])] {
        guard points.count > count, count > 0 else { return points }
        func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
        var chosen = [0]
        var nearest = points.map { distance($0.utilities, points[0].utilities) }
        while chosen.count < count {
            guard let next = nearest.indices.max(by: { nearest[$0] < nearest[$1] }) else { break }
            chosen.append(next)
            for k in points.indices { nearest[k] = min(nearest[k], distance(points[k].utilities, points[next].utilities)) }
        }
        return chosen.sorted().map { points[$0] }
    }

    /// `count` directions on the simplex, scaled to `max w = 1`: the corners, the centre, then
    /// Halton points (bases 2, 3, 5, …) mapped to the simplex by normalized `−log`.
    static func directions(parties n: Int, count: Int) -> [[Double]] {
        var result: [[Double]] = (0..<n).map { i in (0..<n).map { $0 == i ? 1 : 0 } }
        result.append(Array(repeating: 1, count: n))
        let primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53]
        func halton(_ index: Int, _ base: Int) -> Double {
            var f = 1.0, r = 0.0, i = index
            while i > 0 {
                f /= Double(base)
                r += f * Double(i % base)
                i /= base
            }
            return r
        }
        var index = 1
        while result.count < count {
            // Beyond 16 parties the bases repeat with an offset, which still spreads the points.
            let e = (0..<n).map { i in -log(max(1e-12, halton(index + i / primes.count * 7919, primes[i % primes.count]))) }
            let top = e.max() ?? 1
            result.append(e.map { $0 / top })
            index += 1
        }
        return result
    }
}

extension Solver {
    /// The exact frontier curves of a two-party problem with range or divisible issues, one per
    /// Pareto-optimal package of the discrete issues (`ConcavePart.discrete`; the empty package
    /// when every issue is continuous) and concave part of the program: each is
    /// `ConcaveProgram.twoPartyFrontier` with the package's utilities as constants, a polyline
    /// from the first party's best point to the second's, cut to `u_i ≥ d_i`, whose points move
    /// linearly between its vertices (pure packages all along). The problem's Pareto frontier is
    /// the upper envelope of the curves; the convex hull of their union is the set of lotteries
    /// over them. Curves that no point with `u ≥ d` survives are left out.
    ///
    /// - Returns: `nil` unless the problem has two parties and range or divisible issues.
    /// - Complexity: O(F · P · E log E) for F discrete frontier packages, P concave parts and E
    ///   breakpoints.
    public static func twoPartyCurves(
        of problem: BargainingProblem, settings: SolverSettings = SolverSettings(), progress: ProgressCounter? = nil
    ) -> Result<[[(utilities: [Double], package: [IssueValue])]], Refusal>? {
        guard let part = problem.concave, problem.scenario.parties.count == 2 else { return nil }
        let search: ConcaveSearch
        switch ConcaveSearch.make(part, scenario: problem.scenario, settings: settings, progress: progress) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let made): search = made.search
        }
        var curves: [[(utilities: [Double], package: [IssueValue])]] = []
        for p in search.points.indices {
            for b in search.branches.indices {
                guard let curve = search.program(p, b).twoPartyFrontier(), !curve.isEmpty else { continue }
                curves.append(curve.map {
                    ($0.utilities, part.package(options: search.points[p].options, shares: $0.shares, ranges: $0.rangeValues))
                })
            }
        }
        return .success(curves)
    }
}
