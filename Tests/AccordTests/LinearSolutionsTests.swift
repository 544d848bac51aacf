import Accord
import Foundation
import Testing

/// The LP bargaining solutions of `ConcaveProgram` (ideal point, utilitarian, egalitarian,
/// Kalai–Smorodinsky) against hand derivations and an independent grid search over two parties
/// (party 0's share of each of two goods, or of one good and a range value, on a fine grid):
/// with `h` the grid step and `L` the largest slope, the true optimum lies between the best grid
/// point and that plus `L·h` per coordinate, so the LP must too.
@Suite struct LinearSolutionsTests {
    typealias Program = ConcaveProgram
    typealias PL = PiecewiseLinear

    static func linear(_ slopes: [Double]) -> [PL?] { slopes.map { PL(slope: $0) } }

    static func oneGood(_ slopes: [Double], disagreement: [Double]? = nil) -> Program {
        let n = slopes.count
        return Program(
            parties: n, power: Array(repeating: 1, count: n), disagreement: disagreement ?? Array(repeating: 0, count: n),
            constant: Array(repeating: 0, count: n),
            goods: [.init(lower: Array(repeating: 0, count: n), upper: Array(repeating: 1, count: n), value: linear(slopes))],
            ranges: [])
    }

    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-8) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    /// Two parties, one good, values a₁ = 1, a₂ = 2, d = 0 (party 0 gets s, party 1 gets 1 − s).
    /// - Egalitarian: s = 2(1 − s) → s = 2/3, u = (2/3, 2/3).
    /// - Utilitarian: Σ u = s + 2(1 − s) = 2 − s, largest at s = 0: u = (0, 2).
    /// - Ideal: each party alone gets everything: (1, 2).
    /// - Kalai–Smorodinsky: s/1 = 2(1 − s)/2 → s = 1/2, u = (1/2, 1), ratio 1/2.
    @Test func twoPartiesOneLinearGoodByHand() {
        let program = Self.oneGood([1, 2])
        let egalitarian = program.egalitarian()
        #expect(egalitarian.status == .solved)
        #expect(Self.close(egalitarian.shares[0], [2.0 / 3, 1.0 / 3]))
        #expect(Self.close(egalitarian.utilities, [2.0 / 3, 2.0 / 3]))
        #expect(abs((egalitarian.objective ?? 0) - 2.0 / 3) < 1e-8)
        let utilitarian = program.utilitarian()
        #expect(Self.close(utilitarian.utilities, [0, 2]))
        #expect(abs((utilitarian.objective ?? 0) - 2) < 1e-9)
        #expect(Self.close(program.idealPoint().utilities, [1, 2]))
        let ks = program.kalaiSmorodinsky()
        #expect(ks.status == .solved)
        #expect(Self.close(ks.shares[0], [0.5, 0.5]))
        #expect(Self.close(ks.utilities, [0.5, 1]))
        #expect(Self.close(ks.ideal, [1, 2]))
        #expect(abs((ks.objective ?? 0) - 0.5) < 1e-8)
        for solution in [egalitarian, utilitarian, ks] {
            #expect(solution.info.lp.dualityGap <= 1e-9)
            #expect(solution.info.lp.primalResidual <= 1e-9)
        }
    }

    /// Three parties, one good, values a = (1, 2, 4), d = 0.
    /// - Egalitarian: a_i s_i = t for all i and Σ s_i = 1 → t = 1/Σ(1/a_i) = 1/(7/4) = 4/7,
    ///   shares (4/7, 2/7, 1/7).
    /// - Kalai–Smorodinsky: ideal_i = a_i, so s_i = t for all i → shares 1/3, u = (1/3, 2/3, 4/3).
    @Test func threePartiesOneLinearGoodByHand() {
        let program = Self.oneGood([1, 2, 4])
        let egalitarian = program.egalitarian()
        #expect(Self.close(egalitarian.shares[0], [4.0 / 7, 2.0 / 7, 1.0 / 7]))
        #expect(abs((egalitarian.objective ?? 0) - 4.0 / 7) < 1e-8)
        let ks = program.kalaiSmorodinsky()
        #expect(Self.close(ks.shares[0], [1.0 / 3, 1.0 / 3, 1.0 / 3]))
        #expect(Self.close(ks.utilities, [1.0 / 3, 2.0 / 3, 4.0 / 3]))
        #expect(ks.info.linearPrograms == 3 + 2)
    }

    /// Ties go to the larger Σ u (DESIGN.md §1.3) through the second LP stage. Good A is valued 1
    /// by both parties, but party 1 may take at most half of it; good B is valued 1 by party 0 only.
    /// min(u₀, u₁) ≤ u₁ ≤ 1/2, reached with party 1 at half of A whoever gets B; of those ties the
    /// largest Σ u gives B to party 0: u = (3/2, 1/2).
    @Test func egalitarianTiesGoToTheLargerSum() {
        let program = Program(
            parties: 2, power: [1, 1], disagreement: [0, 0], constant: [0, 0],
            goods: [.init(lower: [0, 0], upper: [1, 0.5], value: Self.linear([1, 1])),
                    .init(lower: [0, 0], upper: [1, 1], value: [PL(slope: 1), nil])],
            ranges: [])
        let solution = program.egalitarian()
        #expect(Self.close(solution.utilities, [1.5, 0.5]))
        #expect(Self.close(solution.shares[1], [1, 0]))
        #expect(solution.info.lp.stageObjectives.count == 2)
    }

    // MARK: Grid brute force

    /// A random concave PL function on `[lower, upper]`: 2–4 pieces, slopes decreasing in [−1, 2].
    static func concave(_ g: inout SeededGenerator, lower: Double, upper: Double) -> PL {
        let pieces = 1 + g.below(3)
        let cuts = (0..<(pieces - 1)).map { _ in lower + (upper - lower) * (0.1 + 0.8 * g.unit()) }.sorted()
        let x = [lower] + cuts + [upper]
        let slopes = (0..<pieces).map { _ in -1 + 3 * g.unit() }.sorted(by: >)
        var y = [0.5 * g.unit()]
        for s in 0..<pieces { y.append(y[s] + slopes[s] * (x[s + 1] - x[s])) }
        return PL(x: x, y: y)
    }

    static func largestSlope(_ f: PL?) -> Double {
        guard let f else { return 0 }
        return (0..<(f.x.count - 1)).map { abs(f.slope($0)) }.max() ?? 0
    }

    /// Two parties; item 0 is a good, item 1 a good (`withRange` false) or a range on [0, 2].
    static func randomProgram(seed: UInt64, withRange: Bool) -> Program {
        var g = SeededGenerator(seed: seed)
        func bounds() -> ([Double], [Double]) {
            // Mostly loose, sometimes a red line on one side.
            var lower = [0.0, 0.0], upper = [1.0, 1.0]
            if g.below(2) == 0 { lower[g.below(2)] = 0.3 * g.unit() }
            if g.below(2) == 0 { upper[g.below(2)] = 1 - 0.3 * g.unit() }
            return (lower, upper)
        }
        let (l0, u0) = bounds()
        let good0 = Program.Good(lower: l0, upper: u0, value: [concave(&g, lower: 0, upper: 1), concave(&g, lower: 0, upper: 1)])
        var goods = [good0], ranges: [Program.Range] = []
        if withRange {
            let a = 2 * g.unit(), b = 2 * g.unit()
            ranges = [.init(lower: min(a, b), upper: max(a, b), value: [concave(&g, lower: 0, upper: 2), concave(&g, lower: 0, upper: 2)])]
        } else {
            let (l1, u1) = bounds()
            goods.append(.init(lower: l1, upper: u1, value: [concave(&g, lower: 0, upper: 1), g.below(4) == 0 ? nil : concave(&g, lower: 0, upper: 1)]))
        }
        let disagreement = [0.4 * g.unit(), 0.4 * g.unit()]
        return Program(parties: 2, power: [1, 1], disagreement: disagreement, constant: [0.1, 0], goods: goods, ranges: ranges)
    }

    /// Utilities on a grid of `steps + 1` values per coordinate: party 0's share of each good
    /// (within both parties' bounds), or the range value; with the grid step of each coordinate.
    static func grid(_ p: Program, steps: Int) -> (points: [[Double]], step: [Double])? {
        var axes: [[Double]] = []
        for good in p.goods {
            let lo = max(good.lower[0], 1 - good.upper[1]), hi = min(good.upper[0], 1 - good.lower[1])
            guard lo <= hi else { return nil }
            axes.append((0...steps).map { lo + (hi - lo) * Double($0) / Double(steps) })
        }
        for range in p.ranges { axes.append((0...steps).map { range.lower + (range.upper - range.lower) * Double($0) / Double(steps) }) }
        var points: [[Double]] = []
        for a in axes[0] {
            for b in axes[1] {
                var u = p.constant
                for i in 0..<2 {
                    if let f = p.goods[0].value[i] { u[i] += f(i == 0 ? a : 1 - a) }
                    if p.goods.count == 2 {
                        if let f = p.goods[1].value[i] { u[i] += f(i == 0 ? b : 1 - b) }
                    } else if let f = p.ranges[0].value[i] {
                        u[i] += f(b)
                    }
                }
                points.append(u)
            }
        }
        return (points, axes.map { $0.count > 1 ? $0[1] - $0[0] : 0 })
    }

    /// `slack[i]`: how far party i's utility can be from the nearest grid point's (half a step
    /// in each coordinate times that coordinate's largest slope).
    static func slack(_ p: Program, step: [Double]) -> [Double] {
        (0..<2).map { i in
            let functions = p.goods.map { $0.value[i] } + p.ranges.map { $0.value[i] }
            return zip(functions, step).reduce(0.0) { $0 + largestSlope($1.0) * $1.1 / 2 }
        }
    }

    @Test(arguments: Array(UInt64(1)...24))
    func matchesGridSearch(seed: UInt64) throws {
        for withRange in [false, true] {
            let p = Self.randomProgram(seed: seed, withRange: withRange)
            let label = "seed \(seed) range \(withRange)"
            guard let (points, step) = Self.grid(p, steps: 120) else {
                guard case .infeasible(.good) = p.egalitarian().status else { Issue.record("\(label): bounds admit nothing"); continue }
                continue
            }
            let d = p.disagreement, e = Self.slack(p, step: step)
            let strict = points.filter { $0[0] >= d[0] && $0[1] >= d[1] }
            let relaxed = points.filter { $0[0] >= d[0] - e[0] && $0[1] >= d[1] - e[1] }
            let egalitarian = p.egalitarian(), utilitarian = p.utilitarian(), ideal = p.idealPoint(), ks = p.kalaiSmorodinsky()
            if relaxed.isEmpty {
                for s in [egalitarian, utilitarian, ideal, ks] { #expect(s.status == .noAgreementZone, "\(label)") }
                continue
            }
            if strict.isEmpty { continue }  // too close to call on this grid
            for s in [egalitarian, utilitarian, ks] {
                #expect(s.status == .solved, "\(label)")
                guard s.status == .solved else { continue }
                // The reported point is feasible and its utilities are the functions' values.
                #expect(s.utilities[0] >= d[0] - 1e-7 && s.utilities[1] >= d[1] - 1e-7, "\(label)")
                for (k, good) in p.goods.enumerated() {
                    #expect(abs(s.shares[k].reduce(0, +) - 1) < 1e-9, "\(label)")
                    #expect((0..<2).allSatisfy { s.shares[k][$0] >= good.lower[$0] - 1e-7 && s.shares[k][$0] <= good.upper[$0] + 1e-7 })
                }
                for (r, range) in p.ranges.enumerated() {
                    #expect(s.rangeValues[r] >= range.lower - 1e-7 && s.rangeValues[r] <= range.upper + 1e-7, "\(label)")
                }
                #expect(s.info.lp.dualityGap <= 1e-9 && s.info.lp.primalResidual <= 1e-9, "\(label)")
            }
            // Ideal: max u_i over u ≥ d.
            for i in 0..<2 {
                let low = strict.map { $0[i] }.max() ?? 0, high = (relaxed.map { $0[i] }.max() ?? 0) + e[i]
                #expect(ideal.utilities[i] >= low - 1e-9 && ideal.utilities[i] <= high + 1e-9, "\(label) ideal \(i)")
            }
            // Utilitarian.
            let sumLow = strict.map { $0[0] + $0[1] }.max() ?? 0, sumHigh = (relaxed.map { $0[0] + $0[1] }.max() ?? 0) + e[0] + e[1]
            let sum = utilitarian.objective ?? .nan
            #expect(sum >= sumLow - 1e-9 && sum <= sumHigh + 1e-9, "\(label) utilitarian \(sum) ∉ [\(sumLow), \(sumHigh)]")
            // A weighted sum (weights in [0, 2) drawn from the seed), the same way.
            var random = SeededGenerator(seed: seed &+ 1000)
            let w = [2 * random.unit(), 2 * random.unit()]
            let weighted = p.weightedSum(w)
            #expect(weighted.status == .solved, "\(label)")
            let value = weighted.objective ?? .nan
            #expect(abs(value - (w[0] * weighted.utilities[0] + w[1] * weighted.utilities[1])) <= 1e-12, "\(label)")
            #expect(weighted.utilities[0] >= d[0] - 1e-7 && weighted.utilities[1] >= d[1] - 1e-7, "\(label)")
            let weightedLow = strict.map { w[0] * $0[0] + w[1] * $0[1] }.max() ?? 0
            let weightedHigh = (relaxed.map { w[0] * $0[0] + w[1] * $0[1] }.max() ?? 0) + w[0] * e[0] + w[1] * e[1]
            #expect(value >= weightedLow - 1e-9 && value <= weightedHigh + 1e-9, "\(label) weighted sum \(value) ∉ [\(weightedLow), \(weightedHigh)]")
            // Egalitarian: its optimum is ≥ 0 here, so the unconstrained max–min over the grid is it.
            // The tie stage may give up `lexicographicTolerance · max(1, |t|)` of the criterion.
            let egalitarianLow = points.map { min($0[0] - d[0], $0[1] - d[1]) }.max() ?? 0
            let t = egalitarian.objective ?? .nan
            #expect(t >= egalitarianLow - 1e-9 * max(1, abs(t)) - 1e-9 && t <= egalitarianLow + max(e[0], e[1]) + 1e-9, "\(label) egalitarian")
            // Kalai–Smorodinsky with the ideal checked above (the parties here all gain: ideal > d).
            let gap = zip(ks.ideal, d).map { $0 - $1 }
            if gap.allSatisfy({ $0 > 1e-6 }) {
                let ksLow = points.map { min(($0[0] - d[0]) / gap[0], ($0[1] - d[1]) / gap[1]) }.max() ?? 0
                let ratio = ks.objective ?? .nan
                #expect(ratio >= ksLow - 1e-9 * max(1, abs(ratio)) - 1e-9 && ratio <= ksLow + max(e[0] / gap[0], e[1] / gap[1]) + 1e-9, "\(label) KS")
            }
        }
    }

    // MARK: Ideal point by bound and point

    /// Two parties, one good, values a = (1, 1), from the reference split (1/2, 1/2).
    /// - d = (0, 0): each party alone can take the whole good, and the other keeps u = 0 ≥ 0, so
    ///   ideal = (1, 1) is proved by the points (1, 0) and (0, 1) without an LP.
    /// - d = (0.3, 0.3): party 0's bound 1 would leave party 1 nothing (< 0.3), so that point
    ///   fails; the compensation point gives party 1 exactly 0.3 of the good (u = 0.3 = d) and
    ///   party 0 the rest, proved by the Lagrangian bound with λ₁ = a₀/a₁ = 1:
    ///   L = max(1, 1·1) − 1·0.3 = 0.7 = u₀. Ideal = (0.7, 0.7), still no LP.
    @Test func idealPointProvedByPointsOrByCompensation() {
        let reference = (shares: [[0.5, 0.5]], rangeValues: [Double]())
        let loose = Self.oneGood([1, 1]).idealPoint(reference: reference)
        #expect(loose.status == .solved)
        #expect(Self.close(loose.utilities, [1, 1], 1e-12))
        #expect(loose.info.linearPrograms == 0)
        let tight = Self.oneGood([1, 1], disagreement: [0.3, 0.3]).idealPoint(reference: reference)
        #expect(tight.status == .solved)
        #expect(Self.close(tight.utilities, [0.7, 0.7], 1e-11))
        #expect(tight.info.linearPrograms == 0)
        #expect(tight.info.idealDualityGap <= 1e-9)
    }

    /// Where a good runs out, the compensation point can fail and the LP answers. Goods A, B;
    /// slopes p0 (1, 1), p1 (1, 0.9), p2 (1, 0); d = (0, 0.8, 0.5). By hand:
    /// - p0: p2 must get 0.5 of A; p1's 0.8 is cheapest from A (p0 loses 1 per unit, from B
    ///   1/0.9), so p1 takes the other 0.5 of A and 0.3/0.9 = 1/3 of B: ideal 2/3 (all of p1 from
    ///   B would leave p0 only 0.5 + 1/9). The greedy point gives p1 0.8 of A first and leaves
    ///   p2 short: an LP.
    /// - p1: p2 takes 0.5 of A, p1 the rest: 0.5 + 0.9 = 1.4, proved (λ₂ = 1).
    /// - p2: p1 is paid in B (0.8/0.9 of it, worth nothing to p2), p2 keeps all of A: 1, proved
    ///   (λ₁ = 0, the cost of B to p2).
    @Test func idealPointFallsBackToLPWhereAGoodRunsOut() {
        let program = Program(
            parties: 3, power: [1, 1, 1], disagreement: [0, 0.8, 0.5], constant: [0, 0, 0],
            goods: [.init(lower: [0, 0, 0], upper: [1, 1, 1], value: Self.linear([1, 1, 1])),
                    .init(lower: [0, 0, 0], upper: [1, 1, 1], value: Self.linear([1, 0.9, 0]))],
            ranges: [])
        let reference = (shares: [[0.2, 0.3, 0.5], [0.2, 0.8, 0]], rangeValues: [Double]())
        let ideal = program.idealPoint(reference: reference)
        #expect(ideal.status == .solved)
        #expect(Self.close(ideal.utilities, [2.0 / 3, 1.4, 1], 1e-9), "\(ideal.utilities)")
        #expect(ideal.info.linearPrograms == 1)
    }

    /// The ideal point from the Nash solution as reference (points, then LPs for the rest) and
    /// the one from an LP per party (`idealPoint()` without a reference, an independent path):
    /// both solved, equal to 1e-8, the first with a proved gap ≤ 1e-9. `nil` where Nash is not
    /// solved (the seed is skipped).
    static func idealPointsAgree(_ program: Program, seed: UInt64) throws -> (fromPoints: Program.LinearSolution, fromLPs: Program.LinearSolution)? {
        let nash = try program.solveNash()
        guard nash.status == .solved else { return nil }
        let fromPoints = program.idealPoint(reference: (nash.shares, nash.rangeValues))
        let fromLPs = program.idealPoint()
        #expect(fromPoints.status == .solved && fromLPs.status == .solved, "seed \(seed)")
        #expect(close(fromPoints.utilities, fromLPs.utilities), "seed \(seed): \(fromPoints.utilities) vs \(fromLPs.utilities)")
        #expect(fromPoints.info.idealDualityGap <= 1e-9, "seed \(seed)")
        return (fromPoints, fromLPs)
    }

    /// Seeded linear markets (3 to 12 parties, 2 to 8 goods, slopes in [0, 1) with some parties
    /// valuing a good at 0 or not at all, d_j from tiny to a third of a party's total value):
    /// the ideal point from the Nash reference (bound points, compensation points, LPs for the
    /// rest) must equal the LP-only one (`idealPoint()`, GLPK per party) to 1e-8, with a proved
    /// gap ≤ 1e-9; across the seeds most parties must be proved without an LP, and some must
    /// still need one (both paths are exercised).
    @Test func compensationPointsMatchLPs() throws {
        var withoutLP = 0, total = 0, lps = 0
        for seed in UInt64(1)...30 {
            var g = SeededGenerator(seed: seed &+ 700)
            let n = 3 + g.below(10), m = 2 + g.below(7)
            let goods: [Program.Good] = (0..<m).map { _ in
                let value: [PL?] = (0..<n).map { _ in
                    switch g.below(8) {
                    case 0: nil
                    case 1: PL(slope: 0)
                    default: PL(slope: g.unit())
                    }
                }
                return .init(lower: Array(repeating: 0, count: n), upper: Array(repeating: 1, count: n), value: value)
            }
            let scale = [0.001, 0.05, 0.3][g.below(3)]
            let disagreement = (0..<n).map { j in
                scale * g.unit() * goods.reduce(0.0) { $0 + ($1.value[j].map { $0(1) } ?? 0) } / Double(n)
            }
            let program = Program(
                parties: n, power: Array(repeating: 1, count: n), disagreement: disagreement,
                constant: Array(repeating: 0, count: n), goods: goods, ranges: [])
            guard let (fromPoints, _) = try Self.idealPointsAgree(program, seed: seed) else { continue }
            withoutLP += n - fromPoints.info.linearPrograms
            lps += fromPoints.info.linearPrograms
            total += n
        }
        #expect(total > 0 && 2 * withoutLP > total && lps > 0, "\(withoutLP) of \(total) parties proved without an LP, \(lps) LPs")
    }

    /// Seeded programs of 6 to 20 parties (two goods with concave values, some parties without a
    /// value or with a red line, and a range with tents): the ideal point from the Nash solution
    /// as reference must equal the one from an LP per party (`idealPoint()` without a reference,
    /// an independent path) to 1e-8; across the seeds most parties must be proved by points (else
    /// this test would only check the LP against itself).
    @Test func idealPointFromReferenceMatchesLPs() throws {
        var proved = 0, total = 0
        for seed in UInt64(1)...12 {
            var g = SeededGenerator(seed: seed &+ 500)
            let n = 6 + g.below(15)
            func good() -> Program.Good {
                var upper = [Double](repeating: 1, count: n)
                upper[g.below(n)] = 0.05 + 0.2 * g.unit()
                let value: [PL?] = (0..<n).map { _ in g.below(5) == 0 ? nil : Self.concave(&g, lower: 0, upper: 1) }
                return .init(lower: Array(repeating: 0, count: n), upper: upper, value: value)
            }
            let tents: [PL?] = (0..<n).map { _ in
                let peak = 0.2 + 1.6 * g.unit(), top = 0.3 + 0.5 * g.unit()
                return PL(x: [0, peak, 2], y: [top * g.unit(), top, top * g.unit()])
            }
            let program = Program(
                parties: n, power: (0..<n).map { _ in 0.5 + g.unit() }, disagreement: (0..<n).map { _ in 0.05 * g.unit() },
                constant: Array(repeating: 0, count: n), goods: [good(), good()], ranges: [.init(lower: 0, upper: 2, value: tents)])
            guard let (fromPoints, fromLPs) = try Self.idealPointsAgree(program, seed: seed) else { continue }
            #expect(fromLPs.info.linearPrograms == n)
            proved += n - fromPoints.info.linearPrograms
            total += n
        }
        #expect(total > 0 && 2 * proved > total, "\(proved) of \(total) parties proved by points")
    }

    // MARK: Statuses

    /// a = (1, 1), d = (0.6, 0.6): the shares would have to sum to at least 1.2.
    @Test func noAgreementZone() {
        let program = Self.oneGood([1, 1], disagreement: [0.6, 0.6])
        #expect(program.egalitarian().status == .noAgreementZone)
        #expect(program.utilitarian().status == .noAgreementZone)
        #expect(program.kalaiSmorodinsky().status == .noAgreementZone)
        #expect(program.idealPoint().status == .noAgreementZone)
        // At d = (0.5, 0.5) the zone is the one point s = 1/2.
        let edge = Self.oneGood([1, 1], disagreement: [0.5, 0.5]).egalitarian()
        #expect(edge.status == .solved && Self.close(edge.shares[0], [0.5, 0.5]))
    }

    @Test func infeasibleBoundsNameTheItem() {
        var program = Self.oneGood([1, 1])
        program.goods[0].lower = [0.6, 0.6]
        #expect(program.egalitarian().status == .infeasible(.good(0)))
        program.goods[0].lower = [0, 0]
        program.goods[0].upper = [0.4, 0.5]
        #expect(program.utilitarian().status == .infeasible(.good(0)))
        program.goods[0].upper = [1, 1]
        program.ranges = [.init(lower: 3, upper: 4, value: [PL(slope: 1, lower: 0, upper: 2), nil])]
        #expect(program.kalaiSmorodinsky().status == .infeasible(.range(0)))  // [3, 4] ∩ domain [0, 2] = ∅
        program.ranges = [.init(lower: 1, upper: 0, value: [nil, nil])]
        #expect(program.idealPoint().status == .infeasible(.range(0)))
    }

    /// Party 1's value of the range is convex (slopes 0.2 then 1.8), and in a second program
    /// party 0's value of the good rises then falls and rises again.
    @Test func nonConcaveValuesAreRefused() {
        var program = Self.oneGood([1, 1])
        program.ranges = [.init(lower: 0, upper: 1, value: [PL(slope: 1), PL(x: [0, 0.5, 1], y: [0, 0.1, 1])])]
        for status in [program.egalitarian().status, program.utilitarian().status, program.kalaiSmorodinsky().status,
                       program.idealPoint().status] {
            #expect(status == .nonConcave(party: 1, item: .range(0)))
        }
        var zigzag = Self.oneGood([1, 1])
        zigzag.goods[0].value[0] = PL(x: [0, 0.3, 0.6, 1], y: [0, 0.3, 0.2, 0.6])
        #expect(zigzag.egalitarian().status == .nonConcave(party: 0, item: .good(0)))
        // Rising then falling is concave and solved: v(s) = min(2s, 1.5 − s) peaks at s = 1/2.
        var peak = Self.oneGood([1, 1])
        peak.goods[0].value[0] = PL(x: [0, 0.5, 1], y: [0, 1, 0.5])
        let solution = peak.utilitarian()
        // Σ u = v(s) + (1 − s): slope 2 − 1 > 0 before 1/2, −1 − 1 < 0 after → s = 1/2, Σ u = 1.5.
        #expect(solution.status == .solved && abs((solution.objective ?? 0) - 1.5) < 1e-9)
    }

    @Test func malformedProgramsAreInvalid() {
        var program = Self.oneGood([1, 1])
        program.disagreement = [0]
        guard case .invalid(let text) = program.egalitarian().status else { Issue.record("accepted"); return }
        #expect(text.contains("disagreement"))
        program = Self.oneGood([1, 1])
        program.goods[0].value[1] = PL(x: [0, 0, 1], y: [0, 1, 2])
        guard case .invalid(let text2) = program.utilitarian().status else { Issue.record("accepted"); return }
        #expect(text2.contains("goods[0].value[1]"))
        program = Self.oneGood([1, 1])
        program.constant = [.nan, 0]
        guard case .invalid = program.kalaiSmorodinsky().status else { Issue.record("accepted"); return }
        program = Self.oneGood([1, 1])
        program.parties = 0
        guard case .invalid = program.idealPoint().status else { Issue.record("accepted"); return }
    }
}

/// `egalitarianLottery` (egalitarian and Kalai–Smorodinsky mixes as LPs) against hand mixes and,
/// for two parties, a brute force over every pair of points: the max–min over the convex hull of
/// points in the plane is reached on a segment between two of them, where it is a minimum of two
/// linear functions of the mixing weight (best at an end or where they cross).
@Suite struct LotteryProgramTests {
    /// (1, 0) and (0, 1) with d = 0: q = (1/2, 1/2) gives min = 1/2; the pure (0.4, 0.4) only 0.4.
    /// Kalai–Smorodinsky on (2, 0), (0, 1): ideal (2, 1), 2q/2 = (1 − q)/1 → q = 1/2, u = (1, 1/2).
    /// Three unit vectors e₁, e₂, e₃: 1/3 each, min 1/3, a support of 3 points.
    @Test func handMixes() {
        // The max–min LP's row duals (what column generation prices new points with), by hand
        // for the first mix: q₁ and q₂ basic give −λ₀ − λ₁ = −λ₀ − λ₂ = 0, t basic gives
        // 1 + λ₁ + λ₂ = 0, so λ = (1/2, −1/2, −1/2); the point (0.4, 0.4) then prices at
        // −1/2 + (0.4 + 0.4)/2 = −0.1 ≤ 0 (it cannot help), a point (0.6, 0.6) at +0.1.
        let duals = egalitarianLottery(points: [[1, 0], [0, 1], [0.4, 0.4]], disagreement: [0, 0], scale: [1, 1]).rowDuals
        #expect(duals.count == 2 && duals[0].count == 3 && zip(duals[0], [0.5, -0.5, -0.5]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(duals)")
        let mix = egalitarianLottery(points: [[1, 0], [0, 1], [0.4, 0.4]], disagreement: [0, 0], scale: [1, 1])
        #expect(mix.status == .solved)
        #expect(mix.support == [0, 1])
        #expect(zip(mix.probabilities, [0.5, 0.5]).allSatisfy { abs($0 - $1) < 1e-8 })
        #expect(abs((mix.objective ?? 0) - 0.5) < 1e-8)
        let ks = egalitarianLottery(points: [[2, 0], [0, 1]], disagreement: [0, 0], scale: [2, 1])
        #expect(zip(ks.expectedUtility, [1, 0.5]).allSatisfy { abs($0 - $1) < 1e-8 })
        let three = egalitarianLottery(points: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], disagreement: [0, 0, 0], scale: [1, 1, 1])
        #expect(three.support == [0, 1, 2])
        #expect(abs((three.objective ?? 0) - 1.0 / 3) < 1e-8)
    }

    static func points(seed: UInt64, parties n: Int, count: Int) -> [[Double]] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { _ in (0..<n).map { _ in g.unit() } }
    }

    @Test(arguments: Array(UInt64(1)...40))
    func twoPartiesMatchPairBruteForce(seed: UInt64) {
        let points = Self.points(seed: seed, parties: 2, count: 3 + Int(seed % 6))
        let d = [0.1, 0.2]
        for ks in [false, true] {
            let scale = ks ? (0..<2).map { i in (points.map { $0[i] }.max() ?? 0) - d[i] } : [1, 1]
            func f(_ u: [Double]) -> Double { min((u[0] - d[0]) / scale[0], (u[1] - d[1]) / scale[1]) }
            var best = -Double.infinity
            for a in points {
                for b in points {
                    // g_i(q) = (q a_i + (1 − q) b_i − d_i)/scale_i; crossing g_0 = g_1.
                    let g0 = ((a[0] - b[0]) / scale[0], (b[0] - d[0]) / scale[0])
                    let g1 = ((a[1] - b[1]) / scale[1], (b[1] - d[1]) / scale[1])
                    var candidates = [0.0, 1.0]
                    if g0.0 != g1.0 {
                        let q = (g1.1 - g0.1) / (g0.0 - g1.0)
                        if q > 0 && q < 1 { candidates.append(q) }
                    }
                    for q in candidates { best = max(best, f([q * a[0] + (1 - q) * b[0], q * a[1] + (1 - q) * b[1]])) }
                }
            }
            let mix = egalitarianLottery(points: points, disagreement: d, scale: scale)
            let label = "seed \(seed) ks \(ks)"
            if best < -1e-9 {
                #expect(mix.status == .noAgreementZone, "\(label)")
                continue
            }
            #expect(mix.status == .solved, "\(label)")
            let objective = mix.objective ?? .nan
            #expect(abs(objective - best) <= 2e-9 * max(1, abs(best)), "\(label): \(objective) vs \(best)")
            #expect(mix.support.count <= 3, "\(label)")
        }
    }

    /// More parties: the mix is a probability vector on at most n + 1 points, its expected
    /// utilities are the mix of the points, and it beats (or ties) every single point.
    @Test(arguments: Array(UInt64(1)...30))
    func supportAndDominanceForMoreParties(seed: UInt64) {
        let n = 3 + Int(seed % 3)
        let points = Self.points(seed: seed &+ 1000, parties: n, count: 4 + Int(seed % 20))
        let d = [Double](repeating: 0.05, count: n)
        let scale = (0..<n).map { i in (points.map { $0[i] }.max() ?? 0) - d[i] }
        let mix = egalitarianLottery(points: points, disagreement: d, scale: scale)
        let label = "seed \(seed)"
        #expect(mix.status == .solved, "\(label)")
        #expect(mix.support.count <= n + 1, "\(label)")
        #expect(mix.probabilities.allSatisfy { $0 > 0 }, "\(label)")
        #expect(abs(mix.probabilities.reduce(0, +) - 1) < 1e-12, "\(label)")
        for i in 0..<n {
            let expected = zip(mix.support, mix.probabilities).reduce(0.0) { $0 + $1.1 * points[$1.0][i] }
            #expect(abs(expected - mix.expectedUtility[i]) < 1e-12, "\(label)")
        }
        let objective = mix.objective ?? .nan
        for point in points {
            let pure = (0..<n).map { (point[$0] - d[$0]) / scale[$0] }.min() ?? 0
            #expect(objective >= pure - 2e-9, "\(label)")
        }
        #expect(mix.info.allSatisfy { $0.dualityGap <= 1e-9 }, "\(label)")
    }

    @Test func noAgreementZoneAndInvalidInput() {
        #expect(egalitarianLottery(points: [[0.5, 0.1], [0.1, 0.5]], disagreement: [0.4, 0.4], scale: [1, 1]).status == .noAgreementZone)
        for (points, d, scale) in [([[Double]](), [0.0], [1.0]), ([[1, 2]], [0], [1]), ([[1.0]], [0], [0]),
                                   ([[Double.nan]], [0], [1]), ([[1.0]], [], []), ([[1.0]], [0], [.infinity])] {
            guard case .invalid = egalitarianLottery(points: points, disagreement: d, scale: scale).status else {
                Issue.record("accepted \(points) \(d) \(scale)")
                continue
            }
        }
    }
}
