import AccordFrontier
import AccordModel
import AccordSpace

/// The Nash bargaining solution over lotteries: the probability mix `λ` of outcomes (frontier
/// packages) that maximizes `f(λ) = Σ_i p_i log(Σ_k λ_k u_ki − d_i)` — the Nash product over the
/// convex hull of the frontier, as in Nash (1950).
///
/// `f` is concave in `λ`, so the away-step Frank–Wolfe method over the simplex converges to the
/// optimum (linearly: `f` is strongly concave in the mixed utilities and the feasible set is a
/// polytope, Lacoste-Julien and Jaggi 2015). Each step moves toward the outcome with the largest
/// directional derivative, or away from the worst outcome in the mix, with an exact line search.
/// The Frank–Wolfe gap `max_k ∇f·(e_k − λ)` bounds `f* − f(λ)` from above: it is reported as the
/// certificate of optimality (in units of log Nash product, i.e. a relative error of the product).
/// The returned mix has at most n + 1 outcomes (`caratheodory`: the mixed utilities are a convex
/// combination of the outcomes in the mix, and Carathéodory's theorem trims it to n + 1 of them
/// with the same mixed utilities).
///
/// - Complexity: O(F · n) per iteration over F outcomes and n parties, then O((S − n) · n³) to
///   trim a mix of S > n + 1 outcomes.
struct NashLottery {
    /// A mix of outcomes: `(outcome index, probability)`, probabilities summing to 1, by index.
    var mix: [(index: Int, probability: Double)]
    var utilities: [Double]
    /// Frank–Wolfe duality gap at the returned mix: `f* − f(λ) ≤ gap`.
    var gap: Double
    var iterations: Int
    /// The iterations ran out (`SolverSettings.maxIterations`) before the gap met
    /// `SolverSettings.lotteryGap`. (A line search that can no longer improve also ends the method;
    /// its gap is then still a valid bound.)
    var reachedIterationLimit: Bool

    /// Solves from a pure starting outcome whose gains are all positive (the pure Nash solution).
    ///
    /// - Parameters:
    ///   - utilities: outcome `k`, party `i` at `k * n + i`.
    ///   - settings: stop when the gap is at most `lotteryGap` (absolute, in log units), or after
    ///     `maxIterations`; line searches bisect at most `bisectionSteps` times.
    static func solve(utilities: [Double], objective: NashObjective, start: Int, settings: SolverSettings) -> NashLottery {
        let disagreement = objective.disagreement, power = objective.power
        let tolerance = settings.lotteryGap, maxIterations = settings.maxIterations
        let n = disagreement.count, count = utilities.count / n
        var weights: [Int: Double] = [start: 1]
        var mixed = Array(utilities[(start * n)..<((start + 1) * n)])
        var gap = Double.infinity
        var iteration = 0
        var derivative = [Double](repeating: 0, count: count)
        while iteration < maxIterations {
            // ∂f/∂λ_k = Σ_i p_i u_ki / (x_i − d_i).
            let scale = objective.gradient(at: mixed)
            var best = 0
            for k in 0..<count {
                var value = 0.0
                for i in 0..<n { value += scale[i] * utilities[k * n + i] }
                derivative[k] = value
                if value > derivative[best] { best = k }
            }
            let current = weights.reduce(0.0) { $0 + $1.value * derivative[$1.key] }
            gap = derivative[best] - current
            if gap <= tolerance { break }
            // The worst outcome in the mix, for an away step.
            let away = weights.keys.min { (derivative[$0], $0) < (derivative[$1], $1) } ?? start
            let awayGap = current - derivative[away]
            var direction = [Double](repeating: 0, count: n)
            let maxStep: Double
            let towardBest = gap >= awayGap || weights.count == 1
            if towardBest {
                for i in 0..<n { direction[i] = utilities[best * n + i] - mixed[i] }
                maxStep = 1
            } else {
                for i in 0..<n { direction[i] = mixed[i] - utilities[away * n + i] }
                let lambda = weights[away] ?? 0
                maxStep = lambda / (1 - lambda)
            }
            let step = lineSearch(
                mixed: mixed, direction: direction, disagreement: disagreement, power: power, maxStep: maxStep,
                steps: settings.bisectionSteps)
            guard step > 0 else { break }
            if towardBest {
                for key in Array(weights.keys) { weights[key] = (weights[key] ?? 0) * (1 - step) }
                weights[best, default: 0] += step
            } else {
                for key in Array(weights.keys) { weights[key] = (weights[key] ?? 0) * (1 + step) }
                weights[away, default: 0] -= step
            }
            weights = weights.filter { $0.value > 1e-15 }  // rounding residue of a weight that left the mix
            let total = weights.values.reduce(0, +)
            weights = weights.mapValues { $0 / total }
            mixed = (0..<n).map { i in weights.reduce(0.0) { $0 + $1.value * utilities[$1.key * n + i] } }
            iteration += 1
        }
        let mix = caratheodory(weights.map { (index: $0.key, probability: $0.value) }.sorted { $0.index < $1.index }, utilities: utilities, parties: n)
        return NashLottery(mix: mix, utilities: mixed, gap: max(gap, 0), iterations: iteration,
            reachedIterationLimit: iteration >= maxIterations && gap > tolerance)
    }

    /// The mix trimmed to at most `n + 1` outcomes with the same mixed utilities (to rounding),
    /// by Carathéodory's construction: while more than `n + 1` outcomes remain, take `n + 2` of
    /// them, whose columns `(u_k, 1)` in R^(n+1) are linearly dependent; a null vector `z`
    /// (`Σ_k z_k u_k = 0`, `Σ_k z_k = 0`, so some `z_k > 0`) moves the probabilities to
    /// `λ − θ z` without changing `Σ λ_k u_k` or `Σ λ_k`, and `θ = min_{z_k > 0} λ_k / z_k` sends
    /// one of them to 0. The null vector comes from Gaussian elimination with partial pivoting
    /// (a pivot below `10^-12` of its column's size counts as 0).
    ///
    /// - Complexity: O(n³) per outcome removed.
    static func caratheodory(
        _ mix: [(index: Int, probability: Double)], utilities: [Double], parties n: Int
    ) -> [(index: Int, probability: Double)] {
        var mix = mix
        while mix.count > n + 1 {
            let columns = n + 2
            // a[r][c]: row r < n is party r's utility of outcome c, row n is all ones.
            var a = (0...n).map { r in (0..<columns).map { c in r < n ? utilities[mix[c].index * n + r] : 1.0 } }
            let size = (0..<columns).map { c in a.reduce(0.0) { max($0, abs($1[c])) } }
            var pivotColumns: [Int] = []
            var row = 0
            var free = columns - 1
            for c in 0..<columns where row <= n {
                guard let p = (row...n).max(by: { abs(a[$0][c]) < abs(a[$1][c]) }), abs(a[p][c]) > 1e-12 * max(size[c], 1e-300) else {
                    free = c
                    break
                }
                a.swapAt(row, p)
                for r in 0...n where r != row {
                    let factor = a[r][c] / a[row][c]
                    if factor != 0 { for k in c..<columns { a[r][k] -= factor * a[row][k] } }
                }
                pivotColumns.append(c)
                row += 1
            }
            // z is 1 on `free`, 0 on the columns after it, and solves the pivot rows.
            var z = [Double](repeating: 0, count: columns)
            z[free] = 1
            for (r, c) in pivotColumns.enumerated() { z[c] = -a[r][free] / a[r][c] }
            guard let leaving = (0..<columns).filter({ z[$0] > 0 }).min(by: { mix[$0].probability / z[$0] < mix[$1].probability / z[$1] }) else { break }
            let theta = mix[leaving].probability / z[leaving]
            for c in 0..<columns { mix[c].probability = max(0, mix[c].probability - theta * z[c]) }
            mix[leaving].probability = 0
            mix.removeAll { $0.probability <= 0 }
            let total = mix.reduce(0.0) { $0 + $1.probability }
            for k in mix.indices { mix[k].probability /= total }
        }
        return mix
    }

    /// The step `t ∈ [0, maxStep]` maximizing `φ(t) = Σ p_i log(x_i + t·δ_i − d_i)`, concave: the
    /// root of `φ'` by bisection (the gains stay positive on the way, where `φ` is finite).
    private static func lineSearch(
        mixed: [Double], direction: [Double], disagreement: [Double], power: [Double], maxStep: Double, steps: Int
    ) -> Double {
        // Largest step keeping every gain positive.
        var limit = maxStep
        for i in mixed.indices where direction[i] < 0 {
            limit = min(limit, (mixed[i] - disagreement[i]) / -direction[i])
        }
        func slope(_ t: Double) -> Double {
            mixed.indices.reduce(0.0) { $0 + power[$1] * direction[$1] / (mixed[$1] + t * direction[$1] - disagreement[$1]) }
        }
        if slope(0) <= 0 { return 0 }
        if limit == maxStep, slope(maxStep) >= 0 { return maxStep }
        var low = 0.0, high = limit
        for _ in 0..<steps {
            let middle = (low + high) / 2
            if slope(middle) > 0 { low = middle } else { high = middle }
            if high - low <= 1e-16 * max(1, high) { break }  // the bracket holds adjacent doubles
        }
        return low
    }
}
