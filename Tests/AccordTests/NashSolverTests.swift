import Accord
import Foundation
import Testing

/// The Nash interior point (`ConcaveProgram.solveNash`): optimality checked independently
/// (`NashKKT`, brute force, hand derivations), the certificate, and every status.
@Suite struct NashSolverTests {
    static func linear(_ slope: Double) -> PiecewiseLinear { PiecewiseLinear(slope: slope) }

    static func good(_ slopes: [Double], lower: [Double]? = nil, upper: [Double]? = nil) -> ConcaveProgram.Good {
        ConcaveProgram.Good(
            lower: lower ?? Array(repeating: 0, count: slopes.count), upper: upper ?? Array(repeating: 1, count: slopes.count),
            value: slopes.map { linear($0) })
    }

    static func program(
        power: [Double], disagreement: [Double]? = nil, constant: [Double]? = nil, goods: [ConcaveProgram.Good],
        ranges: [ConcaveProgram.Range] = []
    ) -> ConcaveProgram {
        let n = power.count
        return ConcaveProgram(
            parties: n, power: power, disagreement: disagreement ?? Array(repeating: 0, count: n),
            constant: constant ?? Array(repeating: 0, count: n), goods: goods, ranges: ranges)
    }

    /// Solved, certified (gap ≤ 1e-9·max(1, |objective|)) and optimal by the independent KKT check.
    static func expectOptimal(_ program: ConcaveProgram, _ solution: NashSolution, seed: UInt64) {
        #expect(solution.status == .solved, "seed \(seed): \(solution.status)")
        guard solution.status == .solved else { return }
        #expect(solution.info.dualityGap <= 1e-9 * max(1, abs(solution.objective)), "seed \(seed): gap \(solution.info.dualityGap)")
        let violations = NashKKT.violations(program, solution)
        #expect(violations.isEmpty, "seed \(seed): \(violations)")
    }

    // MARK: - Optimality

    @Test func eisenbergGaleInstancesPassTheKKTCheck() throws {
        for seed in UInt64(1)...40 {
            var rng = SeededGenerator(seed: seed)
            let program = NashTestInstances.eisenbergGale(parties: 2 + rng.below(12), goods: 1 + rng.below(15), using: &rng)
            Self.expectOptimal(program, try program.solveNash(), seed: seed)
        }
        // Both Schur complements: parties ≪ goods and goods ≪ parties.
        for (seed, n, m) in [(UInt64(101), 3, 60), (102, 60, 3), (103, 40, 40)] {
            var rng = SeededGenerator(seed: seed)
            let program = NashTestInstances.eisenbergGale(parties: n, goods: m, using: &rng)
            Self.expectOptimal(program, try program.solveNash(), seed: seed)
        }
    }

    /// Programs with thousands of share groups, which the solver first solves on a working set
    /// of groups (`SegmentForm.workingSetOutcome`) and certifies for all: Eisenberg–Gale in both
    /// Schur orders, and concave PL values with tight share caps (a good needs more than its
    /// best few groups to be shared out), a range, and slopes of both signs (the estimate of the
    /// multipliers falls back to the equal split). Each answer passes the independent KKT check,
    /// which prices every group, in or out of the working set.
    @Test func workingSetInstancesPassTheKKTCheck() throws {
        for (seed, n, m) in [(UInt64(201), 80, 80), (202, 60, 150), (203, 150, 40)] {
            var rng = SeededGenerator(seed: seed)
            let program = NashTestInstances.eisenbergGale(parties: n, goods: m, using: &rng)
            Self.expectOptimal(program, try program.solveNash(), seed: seed)
        }
        for (seed, low) in [(UInt64(211), 0.05), (212, -0.2)] {
            var rng = SeededGenerator(seed: seed)
            let n = 70, m = 70
            let goods = (0..<m).map { _ in
                ConcaveProgram.Good(
                    lower: Array(repeating: 0, count: n),
                    upper: (0..<n).map { _ in rng.unit() < 0.5 ? 0.02 : 1 },
                    value: (0..<n).map { _ in NashTestInstances.concave(from: 0, to: 1, low: low, using: &rng) })
            }
            let range = ConcaveProgram.Range(
                lower: 0, upper: 10,
                value: (0..<n).map { _ in NashTestInstances.scaled(NashTestInstances.concave(from: 0, to: 10, low: -1, using: &rng), by: 0.1) })
            let program = ConcaveProgram(
                parties: n, power: (0..<n).map { _ in 0.5 + 1.5 * rng.unit() }, disagreement: Array(repeating: 0.01, count: n),
                constant: Array(repeating: 0, count: n), goods: goods, ranges: [range])
            Self.expectOptimal(program, try program.solveNash(), seed: seed)
        }
    }

    /// Concave PL values (some decreasing), absent values, share bounds, ranges, constants and
    /// reservations.
    @Test func generalInstancesPassTheKKTCheck() throws {
        var solved = 0
        for seed in UInt64(1)...120 {
            var rng = SeededGenerator(seed: seed)
            let program = NashTestInstances.general(using: &rng)
            let solution = try program.solveNash()
            if solution.status == .noAgreementZone { continue }
            solved += 1
            Self.expectOptimal(program, solution, seed: seed)
        }
        #expect(solved >= 90)
    }

    /// Two parties, two goods: the objective over a grid of party 0's two shares, refined three
    /// times around the best cell (the objective is concave), to 1e-6.
    @Test func tinyInstancesMatchBruteForce() throws {
        for seed in UInt64(1)...12 {
            var rng = SeededGenerator(seed: seed)
            let goods = (0..<2).map { _ in
                ConcaveProgram.Good(
                    lower: [0.1 * rng.unit(), 0.1 * rng.unit()], upper: [0.8 + 0.2 * rng.unit(), 1],
                    value: [
                        NashTestInstances.concave(from: 0, to: 1, low: 0.05, using: &rng),
                        NashTestInstances.concave(from: 0, to: 1, low: 0.05, using: &rng),
                    ])
            }
            let program = Self.program(
                power: [0.5 + rng.unit(), 0.5 + rng.unit()], disagreement: [0.05 * rng.unit(), 0.05 * rng.unit()],
                goods: goods)
            let solution = try program.solveNash()
            #expect(solution.status == .solved, "seed \(seed)")
            func objective(_ a: Double, _ b: Double) -> Double {
                let u = NashKKT.utilities(program, shares: [[a, 1 - a], [b, 1 - b]], rangeValues: [])
                let w = [u[0] - program.disagreement[0], u[1] - program.disagreement[1]]
                return w.allSatisfy { $0 > 0 } ? program.power[0] * log(w[0]) + program.power[1] * log(w[1]) : -.infinity
            }
            let box = goods.map { (max($0.lower[0], 1 - $0.upper[1]), min($0.upper[0], 1 - $0.lower[1])) }
            var center = (0.5 * (box[0].0 + box[0].1), 0.5 * (box[1].0 + box[1].1))
            var half = (0.5 * (box[0].1 - box[0].0), 0.5 * (box[1].1 - box[1].0))
            var best = -Double.infinity
            for _ in 0..<5 {
                let steps = 100
                var arg = center
                for p in 0...steps {
                    for q in 0...steps {
                        let a = min(max(center.0 - half.0 + 2 * half.0 * Double(p) / Double(steps), box[0].0), box[0].1)
                        let b = min(max(center.1 - half.1 + 2 * half.1 * Double(q) / Double(steps), box[1].0), box[1].1)
                        let value = objective(a, b)
                        if value > best { best = value; arg = (a, b) }
                    }
                }
                center = arg
                half = (half.0 * 4 / Double(steps), half.1 * 4 / Double(steps))
            }
            #expect(solution.objective >= best - 1e-9, "seed \(seed): solver \(solution.objective) < grid \(best)")
            #expect(solution.objective - best <= 1e-6, "seed \(seed): solver \(solution.objective), grid \(best)")
        }
    }

    /// `u₁ = x`, `u₂ = 1 − x`, `d = 0`: maximizing `p₁ log x + p₂ log(1 − x)`, the derivative
    /// `p₁/x − p₂/(1 − x) = 0` gives `p₁(1 − x) = p₂ x`, so `x = p₁/(p₁ + p₂)`. With p = (3, 1):
    /// x = 3/4, prices π = p₁/x = 4 = p₁ + p₂.
    @Test func asymmetricTwoPartySplitIsPowerShare() throws {
        let program = Self.program(power: [3, 1], goods: [Self.good([1, 1])])
        let solution = try program.solveNash()
        #expect(solution.status == .solved)
        #expect(abs(solution.shares[0][0] - 0.75) <= 1e-9)
        #expect(abs(solution.prices[0] - 4) <= 1e-7)
        #expect(abs(solution.objective - (3 * log(0.75) + log(0.25))) <= 1e-9)
    }

    /// Identical parties get identical utilities; permuting the parties permutes the utilities.
    @Test func symmetry() throws {
        let same = Self.program(power: [1, 1, 1], goods: [Self.good([1, 1, 1]), Self.good([0.4, 0.4, 0.4])])
        let solution = try same.solveNash()
        for i in 0..<3 { #expect(abs(solution.utilities[i] - 1.4 / 3) <= 1e-9) }
        for seed in UInt64(1)...10 {
            var rng = SeededGenerator(seed: seed)
            let program = NashTestInstances.general(using: &rng)
            let n = program.parties
            let order = Array((0..<n).reversed())
            var permuted = program
            permuted.power = order.map { program.power[$0] }
            permuted.disagreement = order.map { program.disagreement[$0] }
            permuted.constant = order.map { program.constant[$0] }
            for k in program.goods.indices {
                permuted.goods[k].lower = order.map { program.goods[k].lower[$0] }
                permuted.goods[k].upper = order.map { program.goods[k].upper[$0] }
                permuted.goods[k].value = order.map { program.goods[k].value[$0] }
            }
            for r in program.ranges.indices { permuted.ranges[r].value = order.map { program.ranges[r].value[$0] } }
            let a = try program.solveNash(), b = try permuted.solveNash()
            #expect(a.status == b.status, "seed \(seed)")
            guard a.status == .solved, b.status == .solved else { continue }
            for (j, i) in order.enumerated() {
                #expect(abs(a.utilities[i] - b.utilities[j]) <= 1e-7 * max(1, abs(a.utilities[i])), "seed \(seed)")
            }
        }
    }

    /// Rescaling party i's utility `u ↦ α_i u + β_i` (values, constant and reservation alike)
    /// leaves the Nash point unchanged: its utilities transform the same way.
    @Test func affineInvariance() throws {
        for seed in UInt64(1)...10 {
            var rng = SeededGenerator(seed: seed)
            let program = NashTestInstances.general(using: &rng)
            let alpha = (0..<program.parties).map { _ in 0.1 + 10 * rng.unit() }
            let beta = (0..<program.parties).map { _ in 5 * rng.unit() - 2.5 }
            var moved = program
            for i in 0..<program.parties {
                moved.constant[i] = alpha[i] * program.constant[i] + beta[i]
                moved.disagreement[i] = alpha[i] * program.disagreement[i] + beta[i]
                for k in program.goods.indices {
                    moved.goods[k].value[i] = program.goods[k].value[i].map { NashTestInstances.scaled($0, by: alpha[i]) }
                }
                for r in program.ranges.indices {
                    moved.ranges[r].value[i] = program.ranges[r].value[i].map { NashTestInstances.scaled($0, by: alpha[i]) }
                }
            }
            let a = try program.solveNash(), b = try moved.solveNash()
            #expect(a.status == b.status, "seed \(seed)")
            guard a.status == .solved, b.status == .solved else { continue }
            for i in 0..<program.parties {
                let expected = alpha[i] * a.utilities[i] + beta[i]
                #expect(abs(b.utilities[i] - expected) <= 1e-7 * max(1, abs(expected)), "seed \(seed) party \(i)")
            }
        }
    }

    /// A good whose lower bounds sum to 1 is pinned there; its price still satisfies the KKT check.
    @Test func pinnedGoodKeepsItsBounds() throws {
        let program = Self.program(
            power: [1, 2], goods: [Self.good([1, 2], lower: [0.25, 0.75]), Self.good([1, 0.5])])
        let solution = try program.solveNash()
        Self.expectOptimal(program, solution, seed: 0)
        #expect(solution.shares[0] == [0.25, 0.75])
    }

    // MARK: - Statuses

    @Test func reservationAboveMaximumIsNoAgreementZone() throws {
        // Party 1 gets at most 1 (the whole good) but needs more than 1.5.
        let program = Self.program(power: [1, 1], disagreement: [0, 1.5], goods: [Self.good([1, 1])])
        #expect(try program.solveNash().status == .noAgreementZone)
        // Each could exceed 0.6 alone, not both at once (x > 0.6 and 1 − x > 0.6): found by the LP.
        let joint = Self.program(power: [1, 1], disagreement: [0.6, 0.6], goods: [Self.good([1, 1])])
        #expect(try joint.solveNash().status == .noAgreementZone)
    }

    @Test func boundsThatAdmitNoPointAreInfeasible() throws {
        let lowers = Self.program(
            power: [1, 1], goods: [Self.good([1, 1]), Self.good([1, 1], lower: [0.6, 0.5])])
        #expect(try lowers.solveNash().status == .infeasible(.good(1)))
        let uppers = Self.program(power: [1, 1], goods: [Self.good([1, 1], upper: [0.4, 0.5])])
        #expect(try uppers.solveNash().status == .infeasible(.good(0)))
        let range = Self.program(
            power: [1, 1], goods: [Self.good([1, 1])],
            ranges: [ConcaveProgram.Range(lower: 3, upper: 2, value: [nil, nil])])
        #expect(try range.solveNash().status == .infeasible(.range(0)))
    }

    @Test func nonConcaveValueIsReportedWithItsIndices() throws {
        let convex = PiecewiseLinear(x: [0, 5, 10], y: [0, 1, 5])  // slopes 0.2 then 0.8
        let program = Self.program(
            power: [1, 1], goods: [Self.good([1, 1])],
            ranges: [ConcaveProgram.Range(lower: 0, upper: 10, value: [nil, convex])])
        #expect(try program.solveNash().status == .nonConcave(party: 1, issue: .range(0)))
    }

    @Test func malformedNumbersThrowWithTheirField() throws {
        func field(_ program: ConcaveProgram) -> String? {
            do {
                _ = try program.solveNash()
                return nil
            } catch let error as NashInputError {
                return error.field
            } catch {
                return "other"
            }
        }
        var program = Self.program(power: [1, 1], goods: [Self.good([1, 1])])
        program.power[1] = 0
        #expect(field(program) == "power[1]")
        program.power[1] = .nan
        #expect(field(program) == "power[1]")
        program.power[1] = 1
        program.goods[0].value[0] = PiecewiseLinear(x: [0, 0.5, 0.5], y: [0, 1, 2])
        #expect(field(program) == "goods[0].value[0].x[2]")
        program.goods[0].value[0] = PiecewiseLinear(x: [0], y: [0])
        #expect(field(program) == "goods[0].value[0].x")
        program.goods[0].value[0] = PiecewiseLinear(x: [0, 1], y: [0, .infinity])
        #expect(field(program) == "goods[0].value[0].y[1]")
        program.goods[0].value[0] = nil
        program.disagreement = [0]
        #expect(field(program) == "disagreement")
    }
}
