import Accord
import Foundation
import Testing

/// The exact two-party frontier of a concave program (`ConcaveProgram.twoPartyFrontier`).
@Suite struct TwoPartyFrontierTests {
    /// By hand: party 0 values goods 0 and 1 at 3 and 1, party 1 at 1 and 2 (linear in the own
    /// share), d = 0. Party 0 starts with everything, (4, 0). Giving good 1 trades 1 unit of u_0
    /// for 2 of u_1 (rate 2), good 0 trades 3 for 1 (rate 1/3): so good 1 goes first, to
    /// (3, 2), then good 0, to (0, 3).
    @Test func linearGoodsGoInOrderOfTheirValueRatio() throws {
        let program = Self.program(
            goods: [(lower: [0, 0], upper: [1, 1], values: [.init(slope: 3), .init(slope: 1)]),
                    (lower: [0, 0], upper: [1, 1], values: [.init(slope: 1), .init(slope: 2)])])
        let frontier = try #require(program.twoPartyFrontier())
        #expect(frontier.map(\.utilities) == [[4, 0], [3, 2], [0, 3]])
        #expect(frontier.map(\.shares) == [[[1, 0], [1, 0]], [[1, 0], [0, 1]], [[0, 1], [0, 1]]])
    }

    /// The same with d = (1, 1): the polyline is cut where u_1 reaches 1 on the first edge,
    /// (3.5, 1) with party 0 keeping half of good 1, and where u_0 falls to 1 on the last edge,
    /// (1, 2 + 2/3) with party 0 keeping a third of good 0 (u_0 = 3 · 1/3 = 1, u_1 = 2 + 2/3).
    @Test func reservationsCutThePolylineExactly() throws {
        var program = Self.program(
            goods: [(lower: [0, 0], upper: [1, 1], values: [.init(slope: 3), .init(slope: 1)]),
                    (lower: [0, 0], upper: [1, 1], values: [.init(slope: 1), .init(slope: 2)])])
        program.disagreement = [1, 1]
        let frontier = try #require(program.twoPartyFrontier())
        #expect(frontier.count == 3)
        #expect(Self.close(frontier[0].utilities, [3.5, 1]) && Self.close(frontier[0].shares[1], [0.5, 0.5]))
        #expect(Self.close(frontier[1].utilities, [3, 2]))
        #expect(Self.close(frontier[2].utilities, [1, 2 + 2.0 / 3]) && Self.close(frontier[2].shares[0], [1.0 / 3, 2.0 / 3]))
    }

    /// Seeded random programs of two goods and one range with concave piecewise-linear values and
    /// share bounds: every vertex is attained (its utilities recomputed from its shares and range
    /// value, here, by interpolating the points directly), and no point of a fine grid over the
    /// feasible set lies above the polyline — together, the polyline is the frontier.
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func randomProgramsMatchAGridOfTheFeasibleSet(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        func concave() -> PiecewiseLinear {
            // Decreasing slopes through x = 0, a, b, 1: a concave function (may rise or fall).
            let a = Double.random(in: 0.2...0.45, using: &random), b = Double.random(in: 0.55...0.8, using: &random)
            var slopes = (0..<3).map { _ in Double.random(in: -1...2, using: &random) }
            slopes.sort(by: >)
            let x = [0, a, b, 1]
            var y = [Double.random(in: 0...0.5, using: &random)]
            for s in 0..<3 { y.append(y[s] + slopes[s] * (x[s + 1] - x[s])) }
            return PiecewiseLinear(x: x, y: y)
        }
        let goods = (0..<2).map { _ in
            ConcaveProgram.Good(
                lower: [Double.random(in: 0...0.2, using: &random), 0], upper: [1, Double.random(in: 0.8...1, using: &random)],
                value: [concave(), concave()])
        }
        let range = ConcaveProgram.Range(lower: 0, upper: 1, value: [concave(), concave()])
        let program = ConcaveProgram(parties: 2, power: [1, 1], disagreement: [-10, -10], constant: [0.1, -0.2], goods: goods, ranges: [range])
        let frontier = try #require(program.twoPartyFrontier(), "seed \(seed)")

        func interpolate(_ f: PiecewiseLinear, _ t: Double) -> Double {
            var k = 0
            while k < f.x.count - 2 && t > f.x[k + 1] { k += 1 }
            return f.y[k] + (f.y[k + 1] - f.y[k]) * (t - f.x[k]) / (f.x[k + 1] - f.x[k])
        }
        func utilities(_ s: [Double], _ y: Double) -> [Double] {
            (0..<2).map { i in
                program.constant[i] + interpolate(range.value[i]!, y)
                    + (0..<2).reduce(0.0) { $0 + interpolate(goods[$1].value[i]!, i == 0 ? s[$1] : 1 - s[$1]) }
            }
        }
        for vertex in frontier {
            #expect(Self.close(utilities(vertex.shares.map { $0[0] }, vertex.rangeValues[0]), vertex.utilities), "seed \(seed)")
        }
        // The polyline's u_1 at u_0 = t: its last (largest) u_1 left of its end, −∞ right of its start.
        func height(_ t: Double) -> Double {
            if let last = frontier.last, t < last.utilities[0] { return last.utilities[1] }
            for k in 1..<frontier.count {
                let a = frontier[k - 1].utilities, b = frontier[k].utilities
                if t <= a[0] + 1e-12 && t >= b[0] - 1e-12 {
                    return a[0] == b[0] ? max(a[1], b[1]) : a[1] + (b[1] - a[1]) * (t - a[0]) / (b[0] - a[0])
                }
            }
            return frontier.count == 1 && abs(frontier[0].utilities[0] - t) < 1e-12 ? frontier[0].utilities[1] : -.infinity
        }
        let steps = 30
        for g0 in 0...steps {
            for g1 in 0...steps {
                for gy in 0...steps {
                    let s = [Double(g0), Double(g1)].enumerated().map { k, g in
                        goods[k].lower[0] + (min(goods[k].upper[0], 1 - goods[k].lower[1]) - goods[k].lower[0]) * g / Double(steps)
                    }
                    // Party 1's share 1 − s must stay within its upper bound too.
                    guard (0..<2).allSatisfy({ 1 - s[$0] <= goods[$0].upper[1] + 1e-15 }) else { continue }
                    let u = utilities(s, Double(gy) / Double(steps))
                    #expect(u[1] <= height(u[0]) + 1e-9, "seed \(seed): grid point \(u) above the frontier")
                }
            }
        }
    }

    static func program(goods: [(lower: [Double], upper: [Double], values: [PiecewiseLinear])]) -> ConcaveProgram {
        ConcaveProgram(
            parties: 2, power: [1, 1], disagreement: [0, 0], constant: [0, 0],
            goods: goods.map { ConcaveProgram.Good(lower: $0.lower, upper: $0.upper, value: $0.values) }, ranges: [])
    }

    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }
    }
}

/// The continuous frontier from the CLI's library path (`Solver.continuousFrontier`).
@Suite struct ContinuousFrontierTests {
    /// Three parties split one good (concave values of the own share, a floor for the last):
    /// no point of a grid over the shares (step 1/60) improves any sample point for every party,
    /// beyond 1e-9 — every sample point is Pareto optimal — and each point's utilities are its
    /// package's (recomputed from the scenario).
    @Test func samplePointsArePareto() throws {
        let values: [[[Double]]] = [[[0, 0], [0.2, 0.8], [1, 1]], [[0, 0], [0.3, 0.6], [0.6, 0.9], [1, 1]], [[0, 0], [0.25, 0.7], [0.5, 0.9], [1, 1]]]
        let scenario = try Scenario(
            name: "three", parties: (0..<3).map { Party(id: "P\($0)", reservation: 0.1) }, issues: [Issue(id: "f", domain: .divisible)],
            preferences: values.enumerated().map { i, points in
                Preference(
                    weights: [1], values: [.piecewise(points.map { ValueFunction.Breakpoint(x: $0[0], value: $0[1]) })],
                    redLines: i == 2 ? [.bounds(issue: 0, min: 0.2, max: nil)] : [])
            })
        let frontier = try #require(try Solver.continuousFrontier(of: try BargainingProblem(scenario, file: "three.yaml"), samples: 12)?.get())
        #expect(frontier.kind == .sample)
        #expect(frontier.points.count == 12)
        func value(_ points: [[Double]], _ x: Double) -> Double {
            for k in 1..<points.count where x <= points[k][0] {
                return points[k - 1][1] + (points[k][1] - points[k - 1][1]) * (x - points[k - 1][0]) / (points[k][0] - points[k - 1][0])
            }
            return points[points.count - 1][1]
        }
        for point in frontier.points {
            guard case .shares(let shares) = point.package[0] else { Testing.Issue.record("no shares"); continue }
            for i in 0..<3 { #expect(abs(value(values[i], shares[i]) - point.utilities[i]) <= 1e-9) }
            #expect(shares[2] >= 0.2 - 1e-9 && point.utilities.allSatisfy { $0 >= 0.1 - 1e-9 })
            for a in 0...60 {
                for b in 0...(60 - a) {
                    let s = [Double(a) / 60, Double(b) / 60, Double(60 - a - b) / 60]
                    guard s[2] >= 0.2 else { continue }
                    let u = (0..<3).map { value(values[$0], s[$0]) }
                    let better = (0..<3).allSatisfy { u[$0] >= point.utilities[$0] + 1e-9 }
                    #expect(!better, "grid point \(s) improves \(point.utilities) for everyone")
                }
            }
        }
    }

    /// Two parties, every issue continuous: the exact curve (Data/pie.yaml: one unit, linear
    /// values, so the frontier runs from A having all, (1, 0), to B having all, (0, 1)).
    @Test func pieIsACurveOfTwoVertices() throws {
        let problem = try BargainingProblem(try Repository.loadData("pie.yaml"), file: "pie.yaml")
        let frontier = try #require(try Solver.continuousFrontier(of: problem)?.get())
        #expect(frontier.kind == .curve)
        #expect(frontier.points.map(\.utilities) == [[1, 0], [0, 1]])
    }
}
