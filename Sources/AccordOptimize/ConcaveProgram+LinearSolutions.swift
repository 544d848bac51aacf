/// The bargaining solutions of a `ConcaveProgram` that are linear programs when every value
/// function is concave: the ideal point, utilitarian, egalitarian and Kalai–Smorodinsky.
///
/// The LP (built by `LinearModel`) has no column per utility: `u_i` is an affine expression
/// `constant_i + Σ terms_i` over the other columns, and `u_i ≥ d_i` is the row
/// `Σ terms_i ≥ d_i − constant_i`. A column per share `x_ki ∈ [lower ∩ domain]` with the row
/// `Σ_i x_ki = 1` per good; a column per range value `y_r ∈ [lower, upper] ∩ every domain`. A
/// value with one piece enters `u_i` as `slope · t`. A concave value `v` with several pieces
/// (slopes `a_0 ≥ a_1 ≥ …`, inner breakpoints `x_1 … x_{K−2}`) enters in hinge form,
///
///     v(t) = v(x_0) + a_0 (t − x_0) + Σ_s (a_s − a_{s−1}) · h_s,   h_s ≥ t − x_s,  h_s ≥ 0,
///
/// one column `h_s ∈ [0, x_{K−1} − x_s]` and one row per inner breakpoint where the slope falls
/// (`a_s − a_{s−1} < 0`). With `h_s = max(0, t − x_s)` the expression is `v(t)` exactly, and any
/// larger `h_s` gives less, so the expression is at most `v(t)` and equals it for some choice.
/// Every criterion below is nondecreasing in each `u_i`, so the LP optimum is the true optimum;
/// the reported utilities are recomputed from the shares and range values with the functions
/// themselves.
///
/// Ties (DESIGN.md §1.3, larger `Σ u` wins) are a second LP stage: the criterion is held within
/// `settings.lexicographicTolerance · max(1, |optimum|)` of its optimum while `Σ u_i` is
/// maximized (`LinearProgram.solve(lexicographic:)`). The utilitarian criterion is `Σ u` itself.
///
/// Status checks run in this order: the program's shape (`invalid`), concavity
/// (`nonConcave`, first party and item in goods-then-ranges order), bounds (`infeasible`, the
/// first good or range whose bounds admit no value), then the LP (`noAgreementZone` when it has
/// no point with every `u_i ≥ d_i`).
extension ConcaveProgram {
    /// A good or a range of the program, by index.
    public enum Item: Sendable, Equatable, Hashable {
        case good(Int)
        case range(Int)
    }

    /// What a linear bargaining solution found.
    public enum LinearStatus: Sendable, Equatable {
        case solved
        /// The feasible set is not empty, but no point of it gives every party `u_i ≥ d_i`.
        case noAgreementZone
        /// The bounds of this good (shares that cannot sum to 1) or range (an empty interval,
        /// after intersecting with the value functions' domains) admit nothing.
        case infeasible(Item)
        /// This party's value function on this item is not concave (`PiecewiseLinear.isConcave`).
        case nonConcave(party: Int, item: Item)
        /// The program is malformed (array sizes, NaN, a function with `x` not increasing); the text
        /// names the field.
        case invalid(String)
        /// GLPK gave no answer (iteration limit, numerical trouble).
        case failed(String)
    }

    /// A point of the feasible set chosen by a criterion, and its certificate.
    public struct LinearSolution: Sendable, Equatable {
        public var status: LinearStatus
        /// `shares[k][i]`: party `i`'s share of good `k`; empty unless solved.
        public var shares: [[Double]]
        /// `rangeValues[r]`: the agreed value of range `r`; empty unless solved.
        public var rangeValues: [Double]
        /// `utilities[i] = u_i(shares, rangeValues)`, evaluated with the value functions; empty
        /// unless solved.
        public var utilities: [Double]
        /// The criterion at `utilities`: `Σ u_i` (utilitarian), `min_i (u_i − d_i)` (egalitarian),
        /// `min_i (u_i − d_i)/(ideal_i − d_i)` over parties with `ideal_i > d_i` (Kalai–Smorodinsky,
        /// 1 when there is none); `nil` unless solved.
        public var objective: Double?
        /// The ideal point (Kalai–Smorodinsky only, else empty).
        public var ideal: [Double]
        public var info: LinearInfo
    }

    /// The certificate of a linear solution.
    public struct LinearInfo: Sendable, Equatable {
        /// The criterion LP's certificate (residuals and duality gap, the largest over its
        /// stages; `exact` when `glp_exact` confirmed it in rational arithmetic).
        public var lp: LinearProgram.Info
        /// The largest duality gap of the ideal point's LPs (Kalai–Smorodinsky and `idealPoint`).
        public var idealDualityGap: Double
        /// The number of LP solves (stages and ideal-point objectives included).
        public var linearPrograms: Int
    }

    /// The utilitarian solution: `max Σ u_i` subject to `u_i ≥ d_i` (`weightedSum` with every weight 1).
    public func utilitarian(settings: LinearProgram.Settings = LinearProgram.Settings()) -> LinearSolution {
        weightedSum(disagreement.map { _ in 1 }, settings: settings)  // one per party once the shape is checked
    }

    /// The egalitarian solution: `max min_i (u_i − d_i)` subject to `u_i ≥ d_i` (a column `t`,
    /// rows `u_i − t ≥ d_i`), ties to the larger `Σ u_i`.
    public func egalitarian(settings: LinearProgram.Settings = LinearProgram.Settings()) -> LinearSolution {
        let d = disagreement
        return minimumSolution(scale: [Double](repeating: 1, count: parties), settings: settings) { u in
            zip(u, d).map { $0 - $1 }.min() ?? 0
        }
    }

    /// The Kalai–Smorodinsky solution: `max t` subject to `u_i − d_i ≥ t (ideal_i − d_i)` for the
    /// parties with `ideal_i − d_i > lexicographicTolerance · max(1, |ideal_i|)` (the others are at
    /// their ideal everywhere) and `u_i ≥ d_i`, ties to the larger `Σ u_i`. `ideal` comes from
    /// `idealPoint` (n LPs), so this costs n + 2 LP solves.
    public func kalaiSmorodinsky(settings: LinearProgram.Settings = LinearProgram.Settings()) -> LinearSolution {
        let ideal = idealPoint(settings: settings)
        guard ideal.status == .solved else { return ideal }
        var result = kalaiSmorodinsky(ideal: ideal.utilities, settings: settings)
        result.info.idealDualityGap = ideal.info.idealDualityGap
        result.info.linearPrograms += ideal.info.linearPrograms
        return result
    }

    /// `max t` subject to `u_i − d_i ≥ t · scale_i` (rows only where `scale_i > 0`, in place of
    /// the row `u_i ≥ d_i`, which they imply), `t ≥ 0` (feasible whenever every `u_i ≥ d_i` is),
    /// `t ≤ 1` when some `scale_i` is not 1 (KS: `t` cannot pass 1 there; it also keeps an
    /// all-zero scale bounded); then `max Σ u_i`.
    func minimumSolution(
        scale: [Double], settings: LinearProgram.Settings, criterion: ([Double]) -> Double
    ) -> LinearSolution {
        let model: LinearModel
        switch LinearModel.make(self, scale: scale) {
        case .failure(let error): return .unsolved(error.status)
        case .success(let built): model = built
        }
        return model.solution(model.lp.solve(lexicographic: [model.objective(weights: nil)], settings), stages: 2, criterion: criterion)
    }
}

extension ConcaveProgram.LinearSolution {
    static func unsolved(_ status: ConcaveProgram.LinearStatus) -> Self {
        Self(
            status: status, shares: [], rangeValues: [], utilities: [], objective: nil, ideal: [],
            info: .init(lp: .init(exact: false, primalResidual: 0, dualResidual: 0, dualityGap: 0, stageObjectives: []),
                        idealDualityGap: 0, linearPrograms: 0))
    }
}

/// The LP of `ConcaveProgram+LinearSolutions.swift` (its doc comment gives the formulation):
/// `lp` has no objective (but `t`'s, when made with a scale); the criteria add theirs.
struct LinearModel {
    let program: ConcaveProgram
    var lp: LinearProgram
    /// `u_i = constant[i] + Σ utility[i]` (at most the true utility, equal to it for some choice
    /// of the hinge columns).
    var utility: [[LinearProgram.Term]]
    var constant: [Double]
    /// `share[k][i]`: the column of `x_ki`.
    var share: [[Int]]
    /// `range[r]`: the column of `y_r`.
    var range: [Int]
    /// The bounds of each share and range value cut by the value functions' domains.
    var shareBounds: [[LinearProgram.Bounds]]
    var rangeBounds: [LinearProgram.Bounds]

    /// The model of `program`, or the status that stops before any LP. With `scale`, the model
    /// of `max t` (column 0, objective 1): each party's row is `u_i − scale_i · t ≥ d_i`, and
    /// `t ∈ [0, 1]` when some `scale_i` is not 1, else `t ≥ 0`.
    ///
    /// - Complexity: O(n · (goods + ranges) · K) for functions of at most K points.
    static func make(_ program: ConcaveProgram, scale: [Double]? = nil) -> Result<LinearModel, StatusError> {
        if let problem = program.shapeProblem { return .failure(StatusError(.invalid(problem))) }
        if let (party, item) = program.firstNonConcave { return .failure(StatusError(.nonConcave(party: party, item: item))) }
        let n = program.parties
        // Effective bounds: the given ones cut by each value function's domain.
        var shareBounds: [[LinearProgram.Bounds]] = []
        for (k, good) in program.goods.enumerated() {
            var bounds: [LinearProgram.Bounds] = []
            for i in 0..<n {
                var lower = good.lower[i], upper = good.upper[i]
                if let f = good.value[i], let first = f.x.first, let last = f.x.last {
                    lower = max(lower, first)
                    upper = min(upper, last)
                }
                guard let b = LinearProgram.Bounds(lower: lower, upper: upper) else {
                    return .failure(StatusError(.infeasible(.good(k))))
                }
                bounds.append(b)
            }
            // Shares can sum to 1 (to within rounding: GLPK's own tolerance is 1e-7).
            let slack = 1e-12 * Double(n)
            let least = bounds.reduce(0.0) { $0 + $1.lowerValue }, most = bounds.reduce(0.0) { $0 + $1.upperValue }
            guard least <= 1 + slack, most >= 1 - slack else { return .failure(StatusError(.infeasible(.good(k)))) }
            shareBounds.append(bounds)
        }
        var rangeBounds: [LinearProgram.Bounds] = []
        for (r, range) in program.ranges.enumerated() {
            var lower = range.lower, upper = range.upper
            for f in range.value.compactMap({ $0 }) {
                lower = max(lower, f.x[0])
                upper = min(upper, f.x[f.x.count - 1])
            }
            guard let b = LinearProgram.Bounds(lower: lower, upper: upper) else {
                return .failure(StatusError(.infeasible(.range(r))))
            }
            rangeBounds.append(b)
        }
        do {
            return .success(try build(program, shareBounds: shareBounds, rangeBounds: rangeBounds, scale: scale))
        } catch {
            return .failure(StatusError(.invalid("\(error)")))
        }
    }

    /// A `LinearStatus` carried through `Result`.
    struct StatusError: Error {
        let status: ConcaveProgram.LinearStatus
        init(_ status: ConcaveProgram.LinearStatus) { self.status = status }
    }

    private static func build(
        _ program: ConcaveProgram, shareBounds: [[LinearProgram.Bounds]], rangeBounds: [LinearProgram.Bounds], scale: [Double]?
    ) throws(LinearProgram.InputError) -> LinearModel {
        let n = program.parties
        var lp = LinearProgram(sense: .maximize)
        let t = try scale.map { scale throws(LinearProgram.InputError) in
            try lp.addColumn(scale.contains { $0 != 1 } ? .double(0, 1) : .lower(0), objective: 1)
        }
        var terms = [[LinearProgram.Term]](repeating: [], count: n)
        var constant = program.constant
        // Adds party i's value f of column `column` in hinge form.
        func add(_ f: PiecewiseLinear, of column: Int, to i: Int) throws(LinearProgram.InputError) {
            let last = f.x.count - 1
            terms[i].append(.init(column, f.slope(0)))
            constant[i] += f.y[0] - f.slope(0) * f.x[0]
            guard last > 1 else { return }
            for s in 1..<last {
                let fall = f.slope(s) - f.slope(s - 1)
                guard fall < 0 else { continue }  // collinear (or rising by rounding, see `isConcave`)
                let h = try lp.addColumn(.double(0, f.x[last] - f.x[s]))
                try lp.addRow([.init(h, 1), .init(column, -1)], .lower(-f.x[s]))
                terms[i].append(.init(h, fall))
            }
        }
        var share: [[Int]] = []
        for (k, good) in program.goods.enumerated() {
            var columns: [Int] = []
            for i in 0..<n {
                let x = try lp.addColumn(shareBounds[k][i])
                columns.append(x)
                if let f = good.value[i] { try add(f, of: x, to: i) }
            }
            try lp.addRow(columns.map { .init($0, 1) }, .fixed(1))
            share.append(columns)
        }
        var range: [Int] = []
        for (r, item) in program.ranges.enumerated() {
            let y = try lp.addColumn(rangeBounds[r])
            range.append(y)
            for i in 0..<n {
                if let f = item.value[i] { try add(f, of: y, to: i) }
            }
        }
        for i in 0..<n {
            terms[i] = try LinearProgram.merged(terms[i], columns: lp.columnCount)
            let least = program.disagreement[i] - constant[i]
            if let t, let scale, scale[i] > 0 {
                try lp.addRow(terms[i] + [.init(t, -scale[i])], .lower(least))
            } else {
                try lp.addRow(terms[i], .lower(least))
            }
        }
        return LinearModel(
            program: program, lp: lp, utility: terms, constant: constant, share: share, range: range,
            shareBounds: shareBounds, rangeBounds: rangeBounds)
    }

    /// `Σ_i weights_i · (terms of u_i)`, every weight 1 when `nil` (the constants left out: they
    /// do not move the optimum).
    func objective(weights: [Double]?) -> [LinearProgram.Term] {
        var coefficient = [Double](repeating: 0, count: lp.columnCount)
        for (i, terms) in utility.enumerated() {
            let w = weights?[i] ?? 1
            for term in terms { coefficient[term.column] += w * term.coefficient }
        }
        return coefficient.enumerated().compactMap { $0.element == 0 ? nil : .init($0.offset, $0.element) }
    }

    /// The status of an LP that is not optimal: infeasible means no agreement zone (`make` has
    /// checked that the bounds alone admit a point); unbounded cannot happen (every column that
    /// enters a utility is bounded) and is reported as a failure.
    func status(of solution: LinearProgram.Solution) -> ConcaveProgram.LinearStatus {
        switch solution.status {
        case .optimal: .solved
        case .infeasible: .noAgreementZone
        case .unbounded: .failed("the LP is unbounded")
        case .failed(let reason): .failed(reason)
        }
    }

    /// The bargaining solution read from the LP `solution`, utilities evaluated with the value
    /// functions and `criterion` applied to them.
    func solution(
        _ solution: LinearProgram.Solution, stages: Int, criterion: ([Double]) -> Double
    ) -> ConcaveProgram.LinearSolution {
        guard solution.status == .optimal else { return .unsolved(status(of: solution)) }
        // The simplex leaves values within its tolerance of a bound (4.75e-09 for a share of 0):
        // those are put on the bound, and each good's largest share absorbs the change.
        let tolerance = 1e-8
        func snapped(_ x: Double, _ lower: Double, _ upper: Double) -> Double {
            abs(x - lower) <= tolerance ? lower : abs(x - upper) <= tolerance ? upper : x
        }
        let shares = share.enumerated().map { k, columns -> [Double] in
            let good = program.goods[k]
            var row = columns.enumerated().map { i, column in snapped(solution.x[column], max(0, good.lower[i]), min(1, good.upper[i])) }
            if let largest = row.indices.max(by: { row[$0] < row[$1] }) { row[largest] += 1 - row.reduce(0, +) }
            return row
        }
        let values = range.enumerated().map { r, column in snapped(solution.x[column], program.ranges[r].lower, program.ranges[r].upper) }
        let utilities = program.utilities(shares: shares, rangeValues: values)
        return ConcaveProgram.LinearSolution(
            status: .solved, shares: shares, rangeValues: values, utilities: utilities, objective: criterion(utilities),
            ideal: [], info: .init(lp: solution.info, idealDualityGap: 0, linearPrograms: stages))
    }
}

extension ConcaveProgram {

    /// Why the program is malformed, naming the field, or `nil`: the interior point's checks
    /// (`validateForNash`), the one validation of a program's shape.
    var shapeProblem: String? {
        do {
            try validateForNash(settings: NashSettings())
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The first value function that is not concave: goods (in order, parties in order), then
    /// ranges.
    public var firstNonConcave: (party: Int, item: Item)? {
        for (k, good) in goods.enumerated() {
            if let i = good.value.firstIndex(where: { $0.map { !$0.isConcave } ?? false }) { return (i, .good(k)) }
        }
        for (r, range) in ranges.enumerated() {
            if let i = range.value.firstIndex(where: { $0.map { !$0.isConcave } ?? false }) { return (i, .range(r)) }
        }
        return nil
    }
}
