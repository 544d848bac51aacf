/// A probability mix of finitely many utility vectors, chosen by `egalitarianLottery`.
public struct LotteryMix: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case solved
        /// No mix gives every party `Σ_j q_j u_ij ≥ d_i`.
        case noAgreementZone
        /// The input is malformed (no points, sizes differ, NaN, a scale ≤ 0); the text says which.
        case invalid(String)
        /// GLPK gave no answer.
        case failed(String)
    }

    public var status: Status
    /// The indices of the points with positive probability, increasing; at most n + 1 of them.
    public var support: [Int]
    /// `probabilities[s]`: the probability of point `support[s]`; they sum to 1.
    public var probabilities: [Double]
    /// `Σ_j q_j u_ij` for each party.
    public var expectedUtility: [Double]
    /// `min_i (expectedUtility_i − d_i) / scale_i`; `nil` unless solved.
    public var objective: Double?
    /// The certificate of the first LP (the max–min), then of the tie stage.
    public var info: [LinearProgram.Info]
    /// The row duals of the max–min LP, then of the tie LP (`LinearProgram.Solution.rowDuals`,
    /// GLPK's sign convention): the row `Σ q = 1` first, then each party's row; empty unless
    /// solved. A point `y` not among `points` would enter stage `s` with the reduced cost
    /// `c_s(y) − λ_0 − Σ_i λ_i (y_i − d_i) / scale_i` (`c_0 = 0`, `c_1 = Σ_i y_i`): positive means
    /// it would raise that stage's optimum, and by LP duality no point does when the largest
    /// reduced cost over all points is at most 0 (column generation prices new points with them).
    public var rowDuals: [[Double]] = []
}

/// The best lottery for the egalitarian (`scale = 1`) or Kalai–Smorodinsky
/// (`scale_i = ideal_i − d_i`, `ideal_i = max_j u_ij`) criterion over the utility vectors
/// `points` (`points[j][i]`: party `i`'s utility of point `j`, e.g. the Pareto-optimal packages):
///
///     max t  subject to  Σ_j q_j (u_ij − d_i) / scale_i ≥ t  (every party i),
///                        Σ_j q_j = 1,  q ≥ 0,  t ≥ 0,
///
/// then, for ties (DESIGN.md §1.3), `max Σ_j q_j Σ_i u_ij` subject to
/// `Σ_j q_j (u_ij − d_i) / scale_i ≥ t* − lexicographicTolerance · max(1, |t*|)`, `Σ q = 1`,
/// `q ≥ 0`. The tie LP has n + 1 rows and no column but the `q_j`, so the simplex's basic
/// optimal solution has at most n + 1 basic columns: **at most n + 1 points get positive
/// probability** (the rest are nonbasic at their bound 0). Basic `q_j` that GLPK returns slightly
/// negative (within its feasibility tolerance) are dropped and the rest renormalized to sum 1.
///
/// The mix is at least as good as every single point: each pure point is a feasible `q`.
/// - Complexity: two LPs with `points.count` columns and n + 1 rows.
public func egalitarianLottery(
    points: [[Double]], disagreement: [Double], scale: [Double],
    settings: LinearProgram.Settings = LinearProgram.Settings()
) -> LotteryMix {
    let n = disagreement.count
    if let problem = lotteryProblem(points: points, disagreement: disagreement, scale: scale) {
        return LotteryMix(status: .invalid(problem), support: [], probabilities: [], expectedUtility: [], objective: nil, info: [])
    }
    func unsolved(_ status: LotteryMix.Status, _ info: [LinearProgram.Info]) -> LotteryMix {
        LotteryMix(status: status, support: [], probabilities: [], expectedUtility: [], objective: nil, info: info)
    }
    // gain[i][j] = (u_ij − d_i) / scale_i
    let gain = (0..<n).map { i in points.map { ($0[i] - disagreement[i]) / scale[i] } }
    if let i = gain.firstIndex(where: { $0.contains { !$0.isFinite } }) {
        return unsolved(.invalid("party \(i): a scaled gain (u − d) / scale is not finite"), [])
    }
    let sumOfUtilities = points.map { $0.reduce(0, +) }
    guard sumOfUtilities.allSatisfy(\.isFinite) else { return unsolved(.invalid("a point's Σ u is not finite"), []) }
    let first: LinearProgram.Solution, second: LinearProgram.Solution
    do {
        var maxMin = LinearProgram(sense: .maximize)
        for _ in points { try maxMin.addColumn(.lower(0)) }
        let t = try maxMin.addColumn(.lower(0), objective: 1)
        try maxMin.addRow(points.indices.map { .init($0, 1) }, .fixed(1))
        for i in 0..<n { try maxMin.addRow(gain[i].enumerated().map { .init($0.offset, $0.element) } + [.init(t, -1)], .lower(0)) }
        first = maxMin.solve(settings)
        guard first.status == .optimal, let best = first.objective else {
            switch first.status {
            case .infeasible: return unsolved(.noAgreementZone, [])
            case .failed(let reason): return unsolved(.failed(reason), [])
            default: return unsolved(.failed("the max–min LP is \(first.status)"), [])
            }
        }
        var tie = LinearProgram(sense: .maximize)
        for j in points.indices { try tie.addColumn(.lower(0), objective: sumOfUtilities[j]) }
        try tie.addRow(points.indices.map { .init($0, 1) }, .fixed(1))
        let floor = best - settings.lexicographicTolerance * max(1, abs(best))
        for i in 0..<n { try tie.addRow(gain[i].enumerated().map { .init($0.offset, $0.element) }, .lower(floor)) }
        second = tie.solve(settings)
    } catch {
        return unsolved(.invalid("\(error)"), [])
    }
    guard second.status == .optimal else {
        // The max–min optimum is feasible for the tie LP, so this is GLPK trouble.
        return unsolved(.failed("the tie LP is \(second.status)"), [first.info])
    }
    let positive = second.x.map { max($0, 0) }
    let total = positive.reduce(0, +)
    let support = positive.indices.filter { positive[$0] > 0 }
    let probabilities = support.map { positive[$0] / total }
    let expected = (0..<n).map { i in zip(support, probabilities).reduce(0.0) { $0 + $1.1 * points[$1.0][i] } }
    let objective = (0..<n).map { (expected[$0] - disagreement[$0]) / scale[$0] }.min() ?? 0
    return LotteryMix(
        status: .solved, support: support, probabilities: probabilities, expectedUtility: expected,
        objective: objective, info: [first.info, second.info], rowDuals: [first.rowDuals, second.rowDuals])
}

/// Why the lottery input is malformed, or `nil`.
private func lotteryProblem(points: [[Double]], disagreement: [Double], scale: [Double]) -> String? {
    let n = disagreement.count
    guard n >= 1 else { return "no parties (disagreement is empty)" }
    guard !points.isEmpty else { return "no points" }
    guard scale.count == n else { return "scale: \(scale.count) values for \(n) parties" }
    if let j = points.firstIndex(where: { $0.count != n }) { return "points[\(j)]: \(points[j].count) values for \(n) parties" }
    if let j = points.firstIndex(where: { $0.contains { !$0.isFinite } }) { return "points[\(j)]: a value is not finite" }
    if let i = disagreement.firstIndex(where: { !$0.isFinite }) { return "disagreement[\(i)] is not finite" }
    if let i = scale.firstIndex(where: { !($0 > 0 && $0.isFinite) }) { return "scale[\(i)] = \(scale[i]) is not positive and finite" }
    let (_, overflow) = points.count.multipliedReportingOverflow(by: n + 1)
    guard !overflow else { return "too many points" }
    return nil
}
