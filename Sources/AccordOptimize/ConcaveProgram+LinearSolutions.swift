/// The bargaining solutions of a `ConcaveProgram` that are linear programs when every value
/// function is concave: the ideal point, utilitarian, egalitarian and Kalai–Smorodinsky.
///
/// The LP (built by `LinearModel`): a column `u_i` per party with the row
/// `u_i − Σ (terms of i) = constant_i + Σ intercepts` and the bound `u_i ≥ d_i`; a column per
/// share `x_ki ∈ [lower ∩ domain]` with the row `Σ_i x_ki = 1` per good; a column per range value
/// `y_r ∈ [lower, upper] ∩ every domain`. A value with one piece enters `u_i` as `slope · t`
/// directly. A concave value with several pieces enters
/// - for a good, in segment form: `x_ki = x_0 + Σ_s δ_s`, `0 ≤ δ_s ≤ x_{s+1} − x_s`, value
///   `y_0 + Σ_s slope_s δ_s`;
/// - for a range, in epigraph form: a free column `w_ri` with `w_ri ≤ y_s + slope_s (y_r − x_s)`
///   for every piece `s`, value `w_ri`.
/// Both forms give at most the true value `v(t)` and exactly `v(t)` for some choice (the
/// pieces filled in slope order, or `w` at its largest), because `v` is concave. Every criterion
/// below is nondecreasing in each `u_i`, so the LP optimum is the true optimum; the reported
/// utilities are recomputed from the shares and range values with the functions themselves.
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

    /// `ideal_i = max u_i` over the feasible points with every `u_j ≥ d_j`: one LP per party,
    /// each started from the previous one's optimal basis.
    ///
    /// The solution's `utilities` is the ideal point (no single point attains it), `shares` and
    /// `rangeValues` are empty, `objective` is `nil`.
    public func idealPoint(settings: LinearProgram.Settings = LinearProgram.Settings()) -> LinearSolution {
        let model: LinearModel
        switch LinearModel.make(self) {
        case .failure(let error): return .unsolved(error.status)
        case .success(let built): model = built
        }
        let solutions = model.lp.solve(objectives: model.utility.map { [.init($0, 1)] }, settings)
        if let failed = solutions.first(where: { $0.status != .optimal }) { return .unsolved(model.status(of: failed)) }
        var result = LinearSolution.unsolved(.solved)
        result.utilities = solutions.map { $0.objective ?? 0 }
        result.info.idealDualityGap = solutions.map(\.info.dualityGap).max() ?? 0
        result.info.linearPrograms = solutions.count
        return result
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

    /// `max t` subject to `u_i − d_i ≥ t · scale_i` (rows only where `scale_i > 0`), `t ≥ 0`
    /// (feasible whenever every `u_i ≥ d_i` is), `t ≤ 1` when some `scale_i` is not 1 (KS: `t`
    /// cannot pass 1 there; it also keeps an all-zero scale bounded); then `max Σ u_i`.
    func minimumSolution(
        scale: [Double], settings: LinearProgram.Settings, criterion: ([Double]) -> Double
    ) -> LinearSolution {
        let model: LinearModel
        switch LinearModel.make(self) {
        case .failure(let error): return .unsolved(error.status)
        case .success(let built): model = built
        }
        var lp = model.lp
        let bounded = scale.contains { $0 != 1 }
        do {
            let t = try lp.addColumn(bounded ? .double(0, 1) : .lower(0), objective: 1)
            for i in 0..<parties where scale[i] > 0 {
                try lp.addRow([.init(model.utility[i], 1), .init(t, -scale[i])], .lower(disagreement[i]))
            }
        } catch {
            return .unsolved(.invalid("\(error)"))
        }
        let sum = model.utility.map { LinearProgram.Term($0, 1) }
        return model.solution(lp.solve(lexicographic: [sum], settings), stages: 2, criterion: criterion)
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
/// `lp` has no objective; the criteria add theirs.
struct LinearModel {
    let program: ConcaveProgram
    var lp: LinearProgram
    /// `utility[i]`: the column of `u_i`.
    var utility: [Int]
    /// `share[k][i]`: the column of `x_ki`.
    var share: [[Int]]
    /// `range[r]`: the column of `y_r`.
    var range: [Int]

    /// The model of `program`, or the status that stops before any LP.
    ///
    /// - Complexity: O(n · (goods + ranges) · K) for functions of at most K points.
    static func make(_ program: ConcaveProgram) -> Result<LinearModel, StatusError> {
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
            return .success(try build(program, shareBounds: shareBounds, rangeBounds: rangeBounds))
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
        _ program: ConcaveProgram, shareBounds: [[LinearProgram.Bounds]], rangeBounds: [LinearProgram.Bounds]
    ) throws(LinearProgram.InputError) -> LinearModel {
        let n = program.parties
        var lp = LinearProgram(sense: .maximize)
        let utility = try (0..<n).map { i throws(LinearProgram.InputError) in try lp.addColumn(.lower(program.disagreement[i])) }
        // terms[i]: the terms of u_i; constant[i]: its constant part.
        var terms = [[LinearProgram.Term]](repeating: [], count: n)
        var constant = program.constant
        var share: [[Int]] = []
        for (k, good) in program.goods.enumerated() {
            var columns: [Int] = []
            for i in 0..<n {
                let x = try lp.addColumn(shareBounds[k][i])
                columns.append(x)
                guard let f = good.value[i] else { continue }
                if f.x.count == 2 {
                    terms[i].append(.init(x, f.slope(0)))
                    constant[i] += f.y[0] - f.slope(0) * f.x[0]
                    continue
                }
                // Segment form: x − Σ δ_s = x_0.
                var link = [LinearProgram.Term(x, 1)]
                for s in 0..<(f.x.count - 1) {
                    let delta = try lp.addColumn(.double(0, f.x[s + 1] - f.x[s]))
                    link.append(.init(delta, -1))
                    terms[i].append(.init(delta, f.slope(s)))
                }
                try lp.addRow(link, .fixed(f.x[0]))
                constant[i] += f.y[0]
            }
            try lp.addRow(columns.map { .init($0, 1) }, .fixed(1))
            share.append(columns)
        }
        var range: [Int] = []
        for (r, item) in program.ranges.enumerated() {
            let y = try lp.addColumn(rangeBounds[r])
            range.append(y)
            for i in 0..<n {
                guard let f = item.value[i] else { continue }
                if f.x.count == 2 {
                    terms[i].append(.init(y, f.slope(0)))
                    constant[i] += f.y[0] - f.slope(0) * f.x[0]
                    continue
                }
                // Epigraph form: w − slope_s · y ≤ y_s − slope_s · x_s.
                let w = try lp.addColumn(.free)
                for s in 0..<(f.x.count - 1) {
                    try lp.addRow([.init(w, 1), .init(y, -f.slope(s))], .upper(f.y[s] - f.slope(s) * f.x[s]))
                }
                terms[i].append(.init(w, 1))
            }
        }
        for i in 0..<n {
            try lp.addRow([.init(utility[i], 1)] + terms[i].map { .init($0.column, -$0.coefficient) }, .fixed(constant[i]))
        }
        return LinearModel(program: program, lp: lp, utility: utility, share: share, range: range)
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
