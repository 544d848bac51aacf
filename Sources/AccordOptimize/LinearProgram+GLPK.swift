import CGLPK
import Foundation

/// GLPK keeps its state in an environment that Debian's build makes thread-local, but other
/// builds may share one environment between threads; every GLPK call of this file therefore runs
/// under this one lock, so concurrent solves are safe on any build (they run one at a time).
private let glpkLock = NSLock()

extension LinearProgram {
    /// How `solve` runs GLPK. Every field is checked before GLPK sees it (GLPK aborts the process
    /// on an invalid parameter).
    public struct Settings: Sendable, Equatable {
        public enum Method: Sendable, Equatable {
            /// The primal simplex (GLPK's `GLP_PRIMAL`).
            case primal
            /// The dual simplex, falling back to the primal one (`GLP_DUALP`).
            case dual
        }

        public enum Pricing: Sendable, Equatable {
            /// Dantzig's rule (`GLP_PT_STD`): cheap iterations.
            case standard
            /// Projected steepest edge (`GLP_PT_PSE`): fewer, dearer iterations.
            case steepestEdge
        }

        public var method: Method = .primal
        public var pricing: Pricing = .standard
        /// GLPK's LP presolver on the first solve (later stages start from the previous basis);
        /// without it the first solve starts from GLPK's advanced (crash) basis. Off by default:
        /// on the bargaining LPs (n parties × m goods, 200 × 200: 40 000 columns, 600 rows) the
        /// presolver's basis costs 10× more iterations (release, GLPK 5.0: primal simplex with
        /// standard pricing 1.0 s without it, 12 s with it; steepest edge 1.8 s and 5.2 s).
        public var presolve = false
        /// After the floating-point simplex, `glp_exact`: the simplex in rational arithmetic from
        /// the final basis (slow on large LPs). GLPK first turns every input double into the
        /// simplest fraction within 1e-9 relative of it (so 0.1 and 1/3 become exactly 1/10 and
        /// 1/3), and the answer is exactly optimal for those fractions: exact for data that are
        /// short decimals or simple fractions, within about 1e-9 relative for arbitrary doubles.
        public var exact = false
        /// Primal feasibility tolerance (GLPK's `tol_bnd`), in (0, 1).
        public var primalTolerance = 1e-9
        /// Dual feasibility tolerance (GLPK's `tol_dj`), in (0, 1). GLPK's default 1e-7 is
        /// absolute; bargaining LPs have reduced costs near 1/(n·m) (values spread over many
        /// goods), so 1e-7 stops early: at 200 × 200 its egalitarian optimum is 4e-7 (relative)
        /// short, while 1e-9 gives the optimum `glp_exact` confirms.
        public var dualTolerance = 1e-9
        /// Simplex iterations per solve, 0 … `Int32.max`; `nil`: 100,000 plus 100 per row and
        /// column, far beyond what the simplex takes on a well-posed program (a few thousand at
        /// 200 × 200) — a safety net against cycling on badly scaled data (coefficients from 2^31
        /// to 10^-2 kept GLPK's unscaled simplex going for minutes), which then ends `failed`.
        public var iterationLimit: Int?
        /// Relative slack of a lexicographic stage: stage k + 1 keeps stage k's objective within
        /// `lexicographicTolerance · max(1, |optimum_k|)` of its optimum. In (0, 1).
        public var lexicographicTolerance = 1e-9

        public init() {}

        /// Why GLPK would refuse these settings, or `nil` when it accepts them.
        var problem: String? {
            if !(primalTolerance > 0 && primalTolerance < 1) { return "primal tolerance \(primalTolerance) is not in (0, 1)" }
            if !(dualTolerance > 0 && dualTolerance < 1) { return "dual tolerance \(dualTolerance) is not in (0, 1)" }
            if !(lexicographicTolerance > 0 && lexicographicTolerance < 1) {
                return "lexicographic tolerance \(lexicographicTolerance) is not in (0, 1)"
            }
            if let limit = iterationLimit, !(0...Int(Int32.max)).contains(limit) {
                return "iteration limit \(limit) is not in 0…\(Int32.max)"
            }
            return nil
        }
    }

    /// The outcome of `solve`.
    public struct Solution: Sendable, Equatable {
        public enum Status: Sendable, Equatable {
            case optimal
            /// No `x` satisfies the rows and the column bounds.
            case infeasible
            /// Feasible, but the objective has no finite optimum.
            case unbounded
            /// GLPK stopped without an answer (iteration limit, numerical trouble) or refused the
            /// settings; the text says which.
            case failed(String)
        }

        public var status: Status
        /// `c·x` at the returned `x` (the first stage's objective for a lexicographic solve);
        /// `nil` unless optimal.
        public var objective: Double?
        /// The primal solution, one value per column; empty unless optimal.
        public var x: [Double]
        /// The dual value of each row: the rate of change of the optimal objective per unit move of
        /// the row's active bound (GLPK's sign convention, in the direction of `sense`; 0 for an
        /// inactive row); empty unless optimal.
        public var rowDuals: [Double]
        public var info: Info
    }

    /// How far the answer is from an exact optimum, computed here from the program and the
    /// returned `x` and duals (not taken from GLPK). For the minimization form (a maximization is
    /// `min −c·x`, duals negated), with row duals `λ` and reduced costs `d = c − Aᵀλ`, the dual
    /// objective is `Σ_i λ_i · b_i + Σ_j d_j · e_j`, where `b_i` (`e_j`) is the lower bound when the
    /// multiplier is positive and the upper bound when it is negative. By weak duality the optimum
    /// lies between the dual objective and `c·x` whenever the residuals are 0.
    public struct Info: Sendable, Equatable {
        /// Whether `glp_exact` confirmed every stage in rational arithmetic.
        public var exact: Bool
        /// The largest bound violation of `x` and of the row activities `Ax` (absolute).
        public var primalResidual: Double
        /// The largest multiplier that points at a missing (infinite) bound: 0 for a dual
        /// feasible answer.
        public var dualResidual: Double
        /// `|c·x − dual objective|` (absolute), the largest over the stages.
        public var dualityGap: Double
        /// The optimum of each stage: the program's own objective, then each lexicographic one.
        public var stageObjectives: [Double]

        static let none = Info(exact: false, primalResidual: 0, dualResidual: 0, dualityGap: 0, stageObjectives: [])
    }

    /// Solves the program with GLPK's simplex (after the presolver when `settings.presolve`, else
    /// from GLPK's advanced basis), then `glp_exact` when `settings.exact`.
    ///
    /// Safe to call from several threads (GLPK runs under one lock); GLPK prints nothing.
    /// - Complexity: that of the simplex; building GLPK's problem is O(columns + rows + nonzeros).
    public func solve(_ settings: Settings = Settings()) -> Solution {
        solve(lexicographic: [], settings)
    }

    /// Lexicographic optimization: solves the program, then for each objective `f_k` of `then`
    /// in turn adds the row `f_{k−1}(x) ≥ optimum_{k−1} − slack` (`≤ … + slack` when minimizing;
    /// `f_0` is the program's objective, slack = `settings.lexicographicTolerance ·
    /// max(1, |optimum|)`) and optimizes `f_k` in the same sense from the previous basis. The tie
    /// rule "larger Σ u wins" is this with `then = [Σ u]`.
    ///
    /// The result's `x` is the last stage's; `objective` is the program's own `c·x` there (within
    /// the slack of its optimum); `rowDuals` are the last stage's, for the program's rows only.
    public func solve(lexicographic then: [[Term]], _ settings: Settings = Settings()) -> Solution {
        if let problem = settings.problem { return .failure(problem) }
        var objectives: [[Term]] = [objective.enumerated().compactMap { $0.element == 0 ? nil : Term($0.offset, $0.element) }]
        for terms in then {
            do { objectives.append(try Self.merged(terms, columns: columnCount)) } catch {
                return .failure("lexicographic objective \(objectives.count): \(error)")
            }
        }
        return withProblem { problem in
            var extraRows: [Row] = []
            var stageObjectives: [Double] = []
            var worst = Info.none
            var current = Solution.failure("not solved")
            for (stage, terms) in objectives.enumerated() {
                if stage > 0, let optimum = stageObjectives.last {
                    let slack = settings.lexicographicTolerance * max(1, abs(optimum))
                    let bounds: Bounds = sense == .maximize ? .lower(optimum - slack) : .upper(optimum + slack)
                    let row = Row(terms: objectives[stage - 1], bounds: bounds)
                    append(row, to: problem)
                    extraRows.append(row)
                    setObjective(terms, replacing: objectives[stage - 1], in: problem)
                }
                if stage == 0 && !settings.presolve { glp_adv_basis(problem, 0) }
                let status = Self.simplex(problem, settings, presolve: stage == 0 && settings.presolve)
                current = read(problem, status: status, terms: terms, extraRows: extraRows, exact: settings.exact)
                guard status == .optimal else { return current }
                stageObjectives.append(current.objective ?? 0)
                worst.primalResidual = max(worst.primalResidual, current.info.primalResidual)
                worst.dualResidual = max(worst.dualResidual, current.info.dualResidual)
                worst.dualityGap = max(worst.dualityGap, current.info.dualityGap)
            }
            worst.exact = settings.exact
            worst.stageObjectives = stageObjectives
            current.info = worst
            current.objective = Self.dot(objectives[0], current.x)
            return current
        } ?? .failure(Self.noProblem)
    }

    /// Solves the program once per objective of `objectives` (each replacing the program's own),
    /// every solve after the first starting from the previous optimal basis: n objectives over one
    /// feasible set cost far less than n separate solves. Objectives are independent (no rows are
    /// added), unlike `solve(lexicographic:)`. `solved` is called after each objective's solve.
    /// Without the presolver the first solve starts from Bixby's crash basis (`glp_cpx_basis`),
    /// which needs fewer pivots than GLPK's advanced basis on these LPs (a party's ideal point
    /// on a 200 × 200 Fisher market with column generation: 170 LPs 3.8 s against 7 s).
    ///
    /// With `startingColumns` the simplex works on a few of the columns (column generation):
    /// GLPK starts with those and with every column whose bounds exclude 0; the others are held
    /// at 0. After each optimum the held columns are priced with the row duals (reduced cost
    /// `c_j − Σ_i a_ij · dual_i`), those that would improve the objective by leaving 0 (beyond
    /// `dualTolerance · max(1, |c_j|)`) join — the most improving first, up to `rows + 100` per
    /// round — and the simplex goes on from the same basis, until none would: then the answer is
    /// optimal for the whole program, and its certificate (`Info`) is computed over every column.
    /// Columns that joined stay for the later objectives. When the held columns make the program
    /// infeasible, they all join. Worth it when an optimum uses few of many columns: a party's
    /// ideal point on a 200 × 200 Fisher market is an LP of 40,000 columns whose optimum uses
    /// about 400.
    public func solve(
        objectives: [[Term]], _ settings: Settings = Settings(), startingColumns: [Int]? = nil,
        solved: (() -> Void)? = nil
    ) -> [Solution] {
        if let problem = settings.problem { return objectives.map { _ in .failure(problem) } }
        var merged: [[Term]] = []
        for (index, terms) in objectives.enumerated() {
            do { merged.append(try Self.merged(terms, columns: columnCount)) } catch {
                return objectives.map { _ in .failure("objective \(index): \(error)") }
            }
        }
        if let bad = startingColumns?.first(where: { !(0..<columnCount).contains($0) }) {
            return objectives.map { _ in .failure("starting column \(bad) is not a column") }
        }
        let own = objective.enumerated().compactMap { $0.element == 0 ? nil : Term($0.offset, $0.element) }
        return withProblem { problem in
            var pricing = startingColumns.map { ColumnPricing(self, starting: $0, problem: problem) }
            var previous = own
            var warm = false
            var results: [Solution] = []
            for terms in merged {
                setObjective(terms, replacing: previous, in: problem)
                previous = terms
                // The feasible set does not depend on the objective: once infeasible, always.
                if results.last?.status == .infeasible {
                    results.append(.unsolved(.infeasible))
                    continue
                }
                if !warm { glp_cpx_basis(problem) }
                var status = Self.simplex(problem, settings, presolve: !warm && settings.presolve)
                while pricing != nil {
                    if status == .optimal {
                        guard pricing?.enter(self, objective: terms, settings: settings, problem: problem) == true else { break }
                    } else if status == .infeasible, pricing?.isHolding == true {
                        pricing?.releaseAll(self, problem: problem)
                    } else {
                        break
                    }
                    status = Self.simplex(problem, settings, presolve: false)
                }
                warm = status == .optimal
                var result = read(problem, status: status, terms: terms, extraRows: [], exact: settings.exact)
                if let value = result.objective { result.info.stageObjectives = [value] }
                results.append(result)
                solved?()
            }
            return results
        } ?? objectives.map { _ in .failure(Self.noProblem) }
    }

    /// The held columns of `solve(objectives:startingColumns:)` and the matrix by column.
    private struct ColumnPricing {
        /// Whether column j is held at 0 in GLPK's problem.
        var held: [Bool]
        var isHolding: Bool { held.contains(true) }
        /// Column j's entries are `rowOf[start[j]..<start[j + 1]]`, `value[...]`.
        let start: [Int]
        let rowOf: [Int]
        let value: [Double]

        init(_ lp: LinearProgram, starting: [Int], problem: OpaquePointer) {
            // Held: 0 within the bounds and not a starting column.
            var holdable = lp.columnBounds.map { $0.lowerValue <= 0 && $0.upperValue >= 0 }
            for j in starting { holdable[j] = false }
            var count = [Int](repeating: 0, count: lp.columnCount + 1)
            for row in lp.rows { for term in row.terms { count[term.column + 1] += 1 } }
            for j in 0..<lp.columnCount { count[j + 1] += count[j] }
            var next = count
            var rowOf = [Int](repeating: 0, count: lp.nonzeros)
            var value = [Double](repeating: 0, count: lp.nonzeros)
            for (i, row) in lp.rows.enumerated() {
                for term in row.terms {
                    rowOf[next[term.column]] = i
                    value[next[term.column]] = term.coefficient
                    next[term.column] += 1
                }
            }
            self.held = holdable
            self.start = count
            self.rowOf = rowOf
            self.value = value
            for (j, isHeld) in holdable.enumerated() where isHeld { glp_set_col_bnds(problem, Int32(j + 1), GLP_FX, 0, 0) }
        }

        /// Prices the held columns at GLPK's current optimum; the improving ones join. `false`
        /// when none improves (the optimum is the whole program's).
        mutating func enter(_ lp: LinearProgram, objective terms: [Term], settings: Settings, problem: OpaquePointer) -> Bool {
            let duals = (0..<lp.rowCount).map { glp_get_row_dual(problem, Int32($0 + 1)) }
            var cost = [Double](repeating: 0, count: lp.columnCount)
            for term in terms { cost[term.column] = term.coefficient }
            let direction: Double = lp.sense == .maximize ? 1 : -1
            var improving: [(gain: Double, column: Int)] = []
            for j in held.indices where held[j] {
                var reduced = cost[j]
                for k in start[j]..<start[j + 1] { reduced -= value[k] * duals[rowOf[k]] }
                let gain = direction * reduced
                let tolerance = settings.dualTolerance * max(1, abs(cost[j]))
                let bounds = lp.columnBounds[j]
                if (gain > tolerance && bounds.upperValue > 0) || (gain < -tolerance && bounds.lowerValue < 0) {
                    improving.append((abs(gain), j))
                }
            }
            guard !improving.isEmpty else { return false }
            let limit = lp.rowCount + 100
            if improving.count > limit {
                improving.sort { $0.gain > $1.gain }
                improving.removeLast(improving.count - limit)
            }
            for (_, j) in improving { release(j, lp, problem: problem) }
            return true
        }

        mutating func releaseAll(_ lp: LinearProgram, problem: OpaquePointer) {
            for j in held.indices where held[j] { release(j, lp, problem: problem) }
        }

        private mutating func release(_ j: Int, _ lp: LinearProgram, problem: OpaquePointer) {
            let (type, lower, upper) = LinearProgram.glpk(lp.columnBounds[j])
            glp_set_col_bnds(problem, Int32(j + 1), type, lower, upper)
            held[j] = false
        }
    }

    private static let noProblem = "GLPK could not create a problem"

    // MARK: GLPK

    /// Runs `body` on a fresh GLPK problem holding this program, under the GLPK lock, with GLPK's
    /// terminal output off; the problem is deleted when `body` returns.
    /// `nil` only if GLPK returns no problem (it aborts instead, so never in practice).
    private func withProblem<R>(_ body: (OpaquePointer) -> R) -> R? {
        glpkLock.lock()
        defer { glpkLock.unlock() }
        glp_term_out(GLP_OFF)
        guard let problem = glp_create_prob() else { return nil }
        defer { glp_delete_prob(problem) }
        glp_set_obj_dir(problem, sense == .maximize ? GLP_MAX : GLP_MIN)
        if columnCount > 0 { glp_add_cols(problem, Int32(columnCount)) }
        for (j, bounds) in columnBounds.enumerated() {
            let (type, lower, upper) = Self.glpk(bounds)
            glp_set_col_bnds(problem, Int32(j + 1), type, lower, upper)
            if objective[j] != 0 { glp_set_obj_coef(problem, Int32(j + 1), objective[j]) }
        }
        if rowCount > 0 { glp_add_rows(problem, Int32(rowCount)) }
        // glp_load_matrix's arrays are 1-based: index 0 is unused.
        var ia = [Int32](repeating: 0, count: nonzeros + 1)
        var ja = ia
        var ar = [Double](repeating: 0, count: nonzeros + 1)
        var k = 1
        for (i, row) in rows.enumerated() {
            let (type, lower, upper) = Self.glpk(row.bounds)
            glp_set_row_bnds(problem, Int32(i + 1), type, lower, upper)
            for term in row.terms {
                ia[k] = Int32(i + 1)
                ja[k] = Int32(term.column + 1)
                ar[k] = term.coefficient
                k += 1
            }
        }
        if nonzeros > 0 { glp_load_matrix(problem, Int32(nonzeros), ia, ja, ar) }
        return body(problem)
    }

    /// Adds `row` (valid: its terms came through `merged`) to GLPK's problem.
    private func append(_ row: Row, to problem: OpaquePointer) {
        let i = glp_add_rows(problem, 1)
        let (type, lower, upper) = Self.glpk(row.bounds)
        glp_set_row_bnds(problem, i, type, lower, upper)
        let indices = [Int32(0)] + row.terms.map { Int32($0.column + 1) }
        let values = [0.0] + row.terms.map(\.coefficient)
        glp_set_mat_row(problem, i, Int32(row.terms.count), indices, values)
    }

    /// Replaces GLPK's objective `old` by `new`.
    private func setObjective(_ new: [Term], replacing old: [Term], in problem: OpaquePointer) {
        for term in old { glp_set_obj_coef(problem, Int32(term.column + 1), 0) }
        for term in new { glp_set_obj_coef(problem, Int32(term.column + 1), term.coefficient) }
    }

    /// GLPK's bound type and ends for `bounds` (already validated).
    fileprivate static func glpk(_ bounds: Bounds) -> (Int32, Double, Double) {
        switch bounds {
        case .free: (GLP_FR, 0, 0)
        case .lower(let l): (GLP_LO, l, 0)
        case .upper(let u): (GLP_UP, 0, u)
        case .double(let l, let u): l == u ? (GLP_FX, l, l) : (GLP_DB, l, u)
        case .fixed(let v): (GLP_FX, v, v)
        }
    }

    /// Solves the program with its `integer` columns integral: GLPK's branch and cut
    /// (`glp_intopt`, with its presolver, clique cuts, branching by Driebeck–Tomlin and the best
    /// local bound first), run to a zero gap, so that the answer is optimal within GLPK's
    /// tolerances: integral to 10^-5 (GLPK's `tol_int`), and no better integral point exists
    /// beyond `integerObjectiveTolerance`: a branch is pruned when its bound is within
    /// 10^-9 · (1 + |incumbent|) of the incumbent (`tol_obj`, 10^-7 by GLPK's default), so that
    /// with integer objective coefficients and integer columns the optimum is exact while its
    /// magnitude is below 10^8 (the tolerance is then below half a unit).
    /// `x` holds integral columns rounded to their integers. `rowDuals` is empty and `info` has
    /// the primal residual only (a branch and cut has no dual certificate). `.infeasible` when
    /// no integral point satisfies the rows.
    ///
    /// Safe to call from several threads (GLPK runs under one lock); GLPK prints nothing.
    /// - Complexity: exponential in the worst case (branch and bound).
    public func solveInteger(_ settings: Settings = Settings()) -> Solution {
        if let problem = settings.problem { return .failure(problem) }
        return withProblem { problem in
            for (j, isInteger) in integer.enumerated() where isInteger { glp_set_col_kind(problem, Int32(j + 1), GLP_IV) }
            var parameters = glp_iocp()
            glp_init_iocp(&parameters)
            parameters.msg_lev = GLP_MSG_OFF
            parameters.presolve = GLP_ON
            parameters.mip_gap = 0
            parameters.br_tech = GLP_BR_DTH
            parameters.bt_tech = GLP_BT_BLB
            parameters.clq_cuts = GLP_ON
            parameters.tol_obj = Self.integerObjectiveTolerance
            let code = glp_intopt(problem, &parameters)
            if code == GLP_ENOPFS || code == GLP_ENOFEAS { return .unsolved(.infeasible) }
            guard code == 0 else { return .failure(Self.describe(code)) }
            switch glp_mip_status(problem) {
            case GLP_OPT: break
            case GLP_NOFEAS: return .unsolved(.infeasible)
            case let status: return .failure("GLPK's branch and cut ended with status \(status)")
            }
            let x = (0..<columnCount).map { j in
                let value = glp_mip_col_val(problem, Int32(j + 1))
                return integer[j] ? value.rounded() : value
            }
            let terms = objective.enumerated().map { Term($0.offset, $0.element) }
            let residual = certificate(x: x, duals: [Double](repeating: 0, count: rowCount), rows: rows, objective: terms).primalResidual
            var info = Info.none
            info.primalResidual = residual
            return Solution(status: .optimal, objective: Self.dot(terms, x), x: x, rowDuals: [], info: info)
        } ?? .failure(Self.noProblem)
    }

    /// The relative objective tolerance of `solveInteger` (GLPK's `tol_obj`).
    public static let integerObjectiveTolerance = 1e-9

    /// The largest magnitude of an integer objective that `solveInteger` optimizes exactly.
    public static let exactIntegerObjective = 1e8

    /// The simplex (and `glp_exact` when asked) on GLPK's problem, from its current basis.
    private static func simplex(_ problem: OpaquePointer, _ settings: Settings, presolve: Bool) -> Solution.Status {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.meth = settings.method == .primal ? GLP_PRIMAL : GLP_DUALP
        parameters.tol_bnd = settings.primalTolerance
        parameters.tol_dj = settings.dualTolerance
        parameters.pricing = settings.pricing == .standard ? GLP_PT_STD : GLP_PT_PSE
        let size = Int(glp_get_num_rows(problem)) + Int(glp_get_num_cols(problem))
        parameters.it_lim = Int32(clamping: settings.iterationLimit ?? 100_000 + 100 * size)
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        var code = glp_simplex(problem, &parameters)
        if code == GLP_ENOPFS { return .infeasible }  // the presolver proved it
        if code == GLP_ENODFS {
            // The presolver found no dual feasible point: infeasible or unbounded; the simplex
            // without presolve tells which.
            parameters.presolve = GLP_OFF
            glp_std_basis(problem)
            code = glp_simplex(problem, &parameters)
        }
        if code == 0 && settings.exact { code = glp_exact(problem, &parameters) }
        guard code == 0 else { return .failed(describe(code)) }
        switch glp_get_status(problem) {
        case GLP_OPT: return .optimal
        case GLP_NOFEAS: return .infeasible
        case GLP_UNBND: return .unbounded
        case let status: return .failed("GLPK ended with solution status \(status)")
        }
    }

    private static func describe(_ code: Int32) -> String {
        switch code {
        case GLP_EITLIM: "iteration limit reached"
        case GLP_ETMLIM: "time limit reached"
        case GLP_ESING, GLP_ECOND, GLP_EFAIL, GLP_EINSTAB: "numerical trouble in the simplex (GLPK code \(code))"
        case GLP_EBOUND: "invalid bounds (GLPK code \(code))"
        case GLP_EBADB: "invalid basis (GLPK code \(code))"
        case let other: "GLPK code \(other)"
        }
    }

    /// The solution in GLPK's problem, with its certificate against `self` plus `extraRows`
    /// (the lexicographic rows) for the objective `terms`.
    private func read(
        _ problem: OpaquePointer, status: Solution.Status, terms: [Term], extraRows: [Row], exact: Bool
    ) -> Solution {
        guard status == .optimal else { return .unsolved(status) }
        let x = (0..<columnCount).map { glp_get_col_prim(problem, Int32($0 + 1)) }
        let allRows = rows + extraRows
        let duals = (0..<allRows.count).map { glp_get_row_dual(problem, Int32($0 + 1)) }
        var info = certificate(x: x, duals: duals, rows: allRows, objective: terms)
        info.exact = exact
        return Solution(
            status: .optimal, objective: Self.dot(terms, x), x: x, rowDuals: Array(duals.prefix(rowCount)), info: info)
    }

    /// The residuals and duality gap of `(x, duals)` for `min/max Σ objective · x` over `rows`
    /// and the column bounds (see `Info`).
    ///
    /// - Complexity: O(columns + nonzeros).
    func certificate(x: [Double], duals: [Double], rows: [Row], objective terms: [Term]) -> Info {
        let sign: Double = sense == .minimize ? 1 : -1
        var primal = 0.0, dual = 0.0, dualObjective = 0.0
        // Reduced costs d = c − Aᵀλ, in the minimization form.
        var reduced = [Double](repeating: 0, count: columnCount)
        for term in terms { reduced[term.column] += sign * term.coefficient }
        func bound(_ multiplier: Double, _ bounds: Bounds) {
            if multiplier > 0 {
                if bounds.lowerValue.isFinite { dualObjective += multiplier * bounds.lowerValue } else { dual = max(dual, multiplier) }
            } else if multiplier < 0 {
                if bounds.upperValue.isFinite { dualObjective += multiplier * bounds.upperValue } else { dual = max(dual, -multiplier) }
            }
        }
        for (i, row) in rows.enumerated() {
            var activity = 0.0
            let lambda = sign * duals[i]
            for term in row.terms {
                activity += term.coefficient * x[term.column]
                reduced[term.column] -= term.coefficient * lambda
            }
            primal = max(primal, row.bounds.lowerValue - activity, activity - row.bounds.upperValue)
            bound(lambda, row.bounds)
        }
        for (j, bounds) in columnBounds.enumerated() {
            primal = max(primal, bounds.lowerValue - x[j], x[j] - bounds.upperValue)
            bound(reduced[j], bounds)
        }
        let gap = abs(sign * Self.dot(terms, x) - dualObjective)
        return Info(exact: false, primalResidual: primal, dualResidual: dual, dualityGap: gap, stageObjectives: [])
    }

    static func dot(_ terms: [Term], _ x: [Double]) -> Double {
        terms.reduce(0.0) { $0 + $1.coefficient * x[$1.column] }
    }
}

extension LinearProgram.Solution {
    static func failure(_ reason: String) -> Self { unsolved(.failed(reason)) }

    /// No solution: `status` is not `optimal`.
    static func unsolved(_ status: Status) -> Self {
        Self(status: status, objective: nil, x: [], rowDuals: [], info: .none)
    }
}
