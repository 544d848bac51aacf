import Accord
import Foundation
import Testing

/// `LinearProgram` (GLPK) against hand-solved LPs and an independent brute force: every vertex
/// of a small bounded LP is the solution of n active constraints (rows or column bounds, as
/// equalities) found by Gaussian elimination; the best feasible one is the optimum.
@Suite struct LinearProgramTests {
    typealias Term = LinearProgram.Term

    /// Solves the square system `a x = b` by Gaussian elimination with partial pivoting; `nil`
    /// when it is (nearly) singular.
    static func gauss(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var m = a.enumerated().map { $0.element + [b[$0.offset]] }
        let n = b.count
        for c in 0..<n {
            guard let p = (c..<n).max(by: { abs(m[$0][c]) < abs(m[$1][c]) }), abs(m[p][c]) > 1e-9 else { return nil }
            m.swapAt(c, p)
            for r in 0..<n where r != c {
                let f = m[r][c] / m[c][c]
                for k in c...n { m[r][k] -= f * m[c][k] }
            }
        }
        return (0..<n).map { m[$0][n] / m[$0][$0] }
    }

    /// A random LP: `n` columns with finite boxes (so it is bounded), `m` rows of random kinds.
    struct Instance {
        var sense: LinearProgram.Sense
        var c: [Double]
        var box: [(Double, Double)]
        var a: [[Double]]
        var rowBounds: [(Double, Double)]  // ±∞ for a missing side
    }

    static func instance(seed: UInt64) -> Instance {
        var g = SeededGenerator(seed: seed)
        let n = 2 + g.below(2), m = 2 + g.below(3)
        func r(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * g.unit() }
        let c = (0..<n).map { _ in r(-2, 2) }
        let box = (0..<n).map { _ in (r(-2, 0), r(0.5, 3)) }
        let a = (0..<m).map { _ in (0..<n).map { _ in r(-2, 2) } }
        let rowBounds: [(Double, Double)] = (0..<m).map { _ in
            switch g.below(4) {
            case 0: (-.infinity, r(-1, 2))
            case 1: (r(-2, 1), .infinity)
            case 2: { let l = r(-2, 0.5); return (l, l + r(0, 2)) }()
            default: { let v = r(-1, 1); return (v, v) }()
            }
        }
        return Instance(sense: g.below(2) == 0 ? .maximize : .minimize, c: c, box: box, a: a, rowBounds: rowBounds)
    }

    /// The optimum by vertex enumeration, `nil` when no vertex is feasible (the LP is bounded,
    /// so then it is infeasible).
    static func bruteForce(_ p: Instance) -> Double? {
        let n = p.c.count
        // Hyperplanes (coefficients, right-hand side): row bounds and column bounds.
        var planes: [([Double], Double)] = []
        for (row, (l, u)) in zip(p.a, p.rowBounds) {
            if l.isFinite { planes.append((row, l)) }
            if u.isFinite, u != l { planes.append((row, u)) }
        }
        for j in 0..<n {
            let e = (0..<n).map { $0 == j ? 1.0 : 0.0 }
            planes.append((e, p.box[j].0))
            planes.append((e, p.box[j].1))
        }
        var best: Double?
        func feasible(_ x: [Double]) -> Bool {
            let tol = 1e-9
            for j in 0..<n where x[j] < p.box[j].0 - tol || x[j] > p.box[j].1 + tol { return false }
            for (row, (l, u)) in zip(p.a, p.rowBounds) {
                let v = zip(row, x).reduce(0) { $0 + $1.0 * $1.1 }
                if v < l - tol || v > u + tol { return false }
            }
            return true
        }
        func choose(_ start: Int, _ chosen: [Int]) {
            if chosen.count == n {
                guard let x = gauss(chosen.map { planes[$0].0 }, chosen.map { planes[$0].1 }), feasible(x) else { return }
                let value = zip(p.c, x).reduce(0) { $0 + $1.0 * $1.1 }
                if let b = best { best = p.sense == .maximize ? max(b, value) : min(b, value) } else { best = value }
                return
            }
            guard start < planes.count else { return }
            for k in start..<planes.count { choose(k + 1, chosen + [k]) }
        }
        choose(0, [])
        return best
    }

    static func program(_ p: Instance) throws -> LinearProgram {
        var lp = LinearProgram(sense: p.sense)
        for j in p.c.indices { try lp.addColumn(.double(p.box[j].0, p.box[j].1), objective: p.c[j]) }
        for (row, (l, u)) in zip(p.a, p.rowBounds) {
            try lp.addRow(row.enumerated().map { Term($0.offset, $0.element) }, #require(.init(lower: l, upper: u)))
        }
        return lp
    }

    @Test(arguments: Array(UInt64(1)...60))
    func randomLPsMatchVertexEnumeration(seed: UInt64) throws {
        let instance = Self.instance(seed: seed)
        let lp = try Self.program(instance)
        // Default (no presolve, standard pricing), exact, and presolve with steepest edge.
        for variant in 0..<3 {
            var settings = LinearProgram.Settings()
            let exact = variant == 1
            settings.exact = exact
            if variant == 2 {
                settings.presolve = true
                settings.pricing = .steepestEdge
            }
            let solution = lp.solve(settings)
            if let expected = Self.bruteForce(instance) {
                #expect(solution.status == .optimal, "seed \(seed)")
                let objective = try #require(solution.objective, "seed \(seed)")
                #expect(abs(objective - expected) <= 1e-7 * max(1, abs(expected)), "seed \(seed): \(objective) vs \(expected)")
                // glp_exact solves the data rounded to nearby fractions (relative error ≤ 1e-9,
                // `Settings.exact`), so against the doubles its certificate is only that good.
                let tolerance = exact ? 1e-8 : 1e-9
                #expect(solution.info.primalResidual <= tolerance, "seed \(seed)")
                #expect(solution.info.dualResidual <= tolerance, "seed \(seed)")
                #expect(solution.info.dualityGap <= tolerance, "seed \(seed)")
                #expect(solution.info.exact == exact)
            } else {
                #expect(solution.status == .infeasible, "seed \(seed)")
            }
        }
    }

    /// max x + y s.t. x + 2y ≤ 4, 3x + y ≤ 6, x, y ≥ 0. Both rows bind: x = 8/5, y = 6/5,
    /// objective 14/5; the duals solve (y₁, y₂) A = c: y₁ + 3y₂ = 1, 2y₁ + y₂ = 1 → y = (2/5, 1/5).
    /// Minimizing −(x + y) gives the negated duals (GLPK's sign convention).
    @Test func handSolvedLPWithDuals() throws {
        for sense in [LinearProgram.Sense.maximize, .minimize] {
            let s: Double = sense == .maximize ? 1 : -1
            var lp = LinearProgram(sense: sense)
            let x = try lp.addColumn(.lower(0), objective: s), y = try lp.addColumn(.lower(0), objective: s)
            try lp.addRow([Term(x, 1), Term(y, 2)], .upper(4))
            try lp.addRow([Term(x, 3), Term(y, 1)], .upper(6))
            let solution = lp.solve()
            #expect(solution.status == .optimal)
            #expect(abs((solution.objective ?? 0) - s * 14 / 5) < 1e-12)
            #expect(zip(solution.x, [8.0 / 5, 6.0 / 5]).allSatisfy { abs($0 - $1) < 1e-12 })
            #expect(zip(solution.rowDuals, [s * 2 / 5, s * 1 / 5]).allSatisfy { abs($0 - $1) < 1e-12 })
        }
    }

    /// max x + y s.t. 3x + y ≤ 1, x + 5y ≤ 1, x, y ≥ 0. From the second row x = 1 − 5y; in the
    /// first 3 − 15y + y = 1 → y = 1/7, x = 2/7, objective 3/7; the duals (2/7, 1/7) are ≥ 0
    /// (3a + b = 1, a + 5b = 1), so the vertex is optimal. Exact mode returns the rational optimum
    /// converted to the nearest doubles (GLPK truncates: within one ulp).
    @Test func exactModeGivesTheRationalOptimum() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = try lp.addColumn(.lower(0), objective: 1), y = try lp.addColumn(.lower(0), objective: 1)
        try lp.addRow([Term(x, 3), Term(y, 1)], .upper(1))
        try lp.addRow([Term(x, 1), Term(y, 5)], .upper(1))
        var settings = LinearProgram.Settings()
        settings.exact = true
        let solution = lp.solve(settings)
        #expect(solution.status == .optimal)
        #expect(solution.info.exact)
        let expected = [2.0 / 7, 1.0 / 7]
        for (value, target) in zip(solution.x, expected) { #expect(abs(value - target) <= target.ulp) }
        #expect(abs((solution.objective ?? 0) - 3.0 / 7) <= 2 * (3.0 / 7).ulp)
        #expect(zip(solution.rowDuals, expected).allSatisfy { abs($0 - $1) <= $1.ulp })
    }

    /// x ≥ 0, x ≤ −1 has no point; max x with x ≥ 1 only has no optimum; with and without presolve
    /// (the presolver's verdict is classified differently, `LinearProgram+GLPK.swift`).
    @Test(arguments: [true, false])
    func infeasibleAndUnbounded(presolve: Bool) throws {
        var settings = LinearProgram.Settings()
        settings.presolve = presolve
        var infeasible = LinearProgram(sense: .maximize)
        let x = try infeasible.addColumn(.lower(0), objective: 1)
        try infeasible.addRow([Term(x, 1)], .upper(-1))
        #expect(infeasible.solve(settings).status == .infeasible)
        var unbounded = LinearProgram(sense: .maximize)
        let y = try unbounded.addColumn(.lower(0), objective: 1)
        try unbounded.addRow([Term(y, 1)], .lower(1))
        let solution = unbounded.solve(settings)
        #expect(solution.status == .unbounded)
        #expect(solution.objective == nil && solution.x.isEmpty)
        // Two free columns of opposite sign in one equality: unbounded in the minimization too.
        var both = LinearProgram(sense: .minimize)
        let a = try both.addColumn(.free, objective: 1), b = try both.addColumn(.free)
        try both.addRow([Term(a, 1), Term(b, 1)], .fixed(0))
        #expect(both.solve(settings).status == .unbounded)
    }

    /// Bad numbers never reach GLPK (which would abort the test process): each is thrown, and the
    /// program is unchanged.
    @Test func invalidInputIsRefused() throws {
        var lp = LinearProgram(sense: .maximize)
        #expect(throws: LinearProgram.InputError.invalidBounds(.double(2, 1))) { try lp.addColumn(.double(2, 1)) }
        // NaN ≠ NaN: matched by case.
        #expect { try lp.addColumn(.lower(.nan)) } throws: { error in
            guard case .invalidBounds(.lower(let v)) = error as? LinearProgram.InputError else { return false }
            return v.isNaN
        }
        #expect(throws: LinearProgram.InputError.invalidBounds(.upper(.infinity))) { try lp.addColumn(.upper(.infinity)) }
        #expect(throws: LinearProgram.InputError.nonFiniteCoefficient(column: 0)) { try lp.addColumn(.free, objective: .nan) }
        let x = try lp.addColumn(.double(0, 1), objective: 1)
        #expect(throws: LinearProgram.InputError.columnOutOfRange(1)) { try lp.addRow([Term(1, 1)], .upper(1)) }
        #expect(throws: LinearProgram.InputError.columnOutOfRange(-1)) { try lp.addRow([Term(-1, 1)], .upper(1)) }
        #expect(throws: LinearProgram.InputError.nonFiniteCoefficient(column: 0)) { try lp.addRow([Term(x, .infinity)], .upper(1)) }
        // Two finite coefficients whose sum overflows.
        #expect(throws: LinearProgram.InputError.nonFiniteCoefficient(column: 0)) {
            try lp.addRow([Term(x, .greatestFiniteMagnitude), Term(x, .greatestFiniteMagnitude)], .upper(1))
        }
        #expect(throws: LinearProgram.InputError.columnOutOfRange(3)) { try lp.setObjective(3, 1) }
        #expect(lp.rowCount == 0 && lp.columnCount == 1)
        #expect(LinearProgram.Bounds(lower: 2, upper: 1) == nil)
        #expect(LinearProgram.Bounds(lower: .nan, upper: 1) == nil)
        #expect(LinearProgram.Bounds(lower: .infinity, upper: .infinity) == nil)
        #expect(LinearProgram.Bounds(lower: -.infinity, upper: 3) == .upper(3))
        #expect(LinearProgram.Bounds(lower: 1, upper: 1) == .fixed(1))
        // Settings GLPK would abort on are a failed status.
        for change in [{ (s: inout LinearProgram.Settings) in s.primalTolerance = 0 }, { $0.dualTolerance = 1 },
                       { $0.iterationLimit = -1 }, { $0.lexicographicTolerance = .nan }] {
            var settings = LinearProgram.Settings()
            change(&settings)
            guard case .failed = lp.solve(settings).status else { Issue.record("settings accepted"); continue }
        }
        // A bad lexicographic objective too.
        guard case .failed = lp.solve(lexicographic: [[Term(5, 1)]]).status else { Issue.record("bad stage accepted"); return }
        // Duplicate terms are summed: 0.5x + 0.5x ≤ 0.25 → x ≤ 1/4.
        try lp.addRow([Term(x, 0.5), Term(x, 0.5)], .upper(0.25))
        #expect(lp.rows[0].terms == [Term(x, 1)])
        #expect(abs((lp.solve().objective ?? 0) - 0.25) < 1e-12)
    }

    /// The iteration cap ends a solve as `failed`, never as a hang: no iteration allowed on a
    /// program that needs some (max Σ x_i over a chain x_i + x_{i+1} ≤ 1 of 20 unit variables,
    /// optimum 10: every other variable at 1), while the default cap solves it.
    @Test func theIterationCapEndsASolve() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = try (0..<20).map { _ in try lp.addColumn(.double(0, 1), objective: 1) }
        for i in 0..<19 { try lp.addRow([Term(x[i], 1), Term(x[i + 1], 1)], .upper(1)) }
        var capped = LinearProgram.Settings()
        capped.iterationLimit = 0
        guard case .failed(let reason) = lp.solve(capped).status else { Issue.record("no iteration, yet solved"); return }
        #expect(reason.contains("iteration limit"))
        #expect(abs((lp.solve().objective ?? 0) - 10) < 1e-9)
    }

    /// max x + y over the unit box cut by x + y ≤ 1: every point of that edge is optimal; the
    /// second stage max x picks (1, 0), the third (min is not asked) keeps it.
    @Test func lexicographicStagesBreakTies() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = try lp.addColumn(.double(0, 1), objective: 1), y = try lp.addColumn(.double(0, 1), objective: 1)
        try lp.addRow([Term(x, 1), Term(y, 1)], .upper(1))
        for favoured in [x, y] {
            let solution = lp.solve(lexicographic: [[Term(favoured, 1)]])
            #expect(solution.status == .optimal)
            #expect(abs(solution.x[favoured] - 1) < 1e-8 && abs(solution.x[1 - favoured]) < 1e-8)
            #expect(solution.info.stageObjectives.count == 2)
            #expect(abs((solution.objective ?? 0) - 1) < 1e-8)
            #expect(solution.rowDuals.count == 1)
        }
    }

    /// One objective per column (`max x_j`) and one mixed (`max −x_0 + 2 x_1`).
    static func objectives(of lp: LinearProgram) -> [[Term]] {
        (0..<lp.columnCount).map { [Term($0, 1)] } + [[Term(0, -1), Term(1, 2)]]
    }

    /// `lp` with `terms` as its only objective, solved on its own (the reference for the solves
    /// of many objectives).
    static func solved(_ lp: LinearProgram, alone terms: [Term]) throws -> LinearProgram.Solution {
        var alone = lp
        for j in 0..<lp.columnCount { try alone.setObjective(j, 0) }
        for term in terms { try alone.setObjective(term.column, term.coefficient) }
        return alone.solve()
    }

    /// Warm-started objectives agree with separate solves (on random LPs).
    @Test func manyObjectivesMatchSeparateSolves() throws {
        for seed in UInt64(1)...20 {
            let instance = Self.instance(seed: seed)
            let lp = try Self.program(instance)
            let objectives = Self.objectives(of: lp)
            let together = lp.solve(objectives: objectives)
            #expect(together.count == objectives.count)
            for (terms, solution) in zip(objectives, together) {
                let separate = try Self.solved(lp, alone: terms)
                #expect(solution.status == separate.status, "seed \(seed)")
                if let a = solution.objective, let b = separate.objective { #expect(abs(a - b) < 1e-9, "seed \(seed)") }
            }
        }
    }

    /// Column generation (`startingColumns`): from a random third of the columns, from none, and
    /// from all, every objective's optimum equals the separate full solve's, and the certificate
    /// (computed over every column) shows a zero gap; a start that leaves the program infeasible
    /// falls back to every column instead of reporting it infeasible.
    @Test func startingColumnsMatchFullSolves() throws {
        var held = 0
        for seed in UInt64(1)...20 {
            let instance = Self.instance(seed: seed)
            let lp = try Self.program(instance)
            let objectives = Self.objectives(of: lp)
            var g = SeededGenerator(seed: seed &+ 900)
            let third = (0..<lp.columnCount).filter { _ in g.below(3) == 0 }
            for start in [third, [], Array(0..<lp.columnCount)] {
                let priced = lp.solve(objectives: objectives, startingColumns: start)
                #expect(priced.count == objectives.count)
                for (terms, solution) in zip(objectives, priced) {
                    let separate = try Self.solved(lp, alone: terms)
                    #expect(solution.status == separate.status, "seed \(seed), start \(start)")
                    if let a = solution.objective, let b = separate.objective {
                        #expect(abs(a - b) < 1e-9, "seed \(seed), start \(start): \(a) vs \(b)")
                        #expect(solution.info.dualityGap < 1e-8 && solution.info.primalResidual < 1e-8, "seed \(seed)")
                    }
                }
            }
            held += lp.columnCount - third.count
        }
        #expect(held > 0)
        var lp = LinearProgram(sense: .maximize)
        let x = try lp.addColumn(.double(0, 1)), y = try lp.addColumn(.double(0, 1))
        // x + y ≥ 1 cannot hold with y held at 0 and x ≤ 1/2 … but can with y: max x + 2y = 2.5.
        try lp.addRow([Term(x, 1), Term(y, 1)], .lower(1))
        try lp.addRow([Term(x, 1)], .upper(0.5))
        let answers = lp.solve(objectives: [[Term(x, 1), Term(y, 2)], [Term(x, 1)]], startingColumns: [x])
        #expect(answers.map(\.status) == [.optimal, .optimal])
        #expect(abs((answers[0].objective ?? 0) - 2.5) < 1e-12 && abs((answers[1].objective ?? 0) - 0.5) < 1e-12)
        #expect(lp.solve(objectives: [[Term(x, 1)]], startingColumns: [7]).first?.status == .failed("starting column 7 is not a column"))
    }

    /// Concurrent solves (GLPK behind its lock) give the same answers as sequential ones.
    @Test func concurrentSolvesAgree() async throws {
        let programs = try (UInt64(1)...24).map { try Self.program(Self.instance(seed: $0)) }
        let sequential = programs.map { $0.solve().objective }
        let concurrent = await withTaskGroup(of: (Int, Double?).self) { group in
            for (k, lp) in programs.enumerated() { group.addTask { (k, lp.solve().objective) } }
            var result = [Double?](repeating: nil, count: programs.count)
            for await (k, value) in group { result[k] = value }
            return result
        }
        #expect(concurrent == sequential)
    }

    /// A program with no rows, and one with no columns, are solved without GLPK complaining.
    @Test func emptyPrograms() throws {
        var lp = LinearProgram(sense: .maximize)
        try lp.addColumn(.double(0, 2), objective: 1)
        #expect(lp.solve().objective == 2)
        var empty = LinearProgram(sense: .minimize)
        #expect(empty.solve().status == .optimal)
        try empty.addRow([], .lower(1))
        #expect(empty.solve().status == .infeasible)
    }
}
