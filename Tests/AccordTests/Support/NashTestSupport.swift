import Accord
import Foundation

/// Random programs for the Nash solver tests (seeded `SeededGenerator`, so a failure replays).
enum NashTestInstances {
    /// `n` parties × `m` linear goods: values uniform in (0, 1], powers in [0.5, 2], small
    /// reservations in [0, 0.01), constants 0, shares in [0, 1].
    static func eisenbergGale(parties n: Int, goods m: Int, using rng: inout SeededGenerator) -> ConcaveProgram {
        let goods = (0..<m).map { _ in
            ConcaveProgram.Good(
                lower: Array(repeating: 0, count: n), upper: Array(repeating: 1, count: n),
                value: (0..<n).map { _ in PiecewiseLinear(slope: 1 - rng.unit()) })
        }
        return ConcaveProgram(
            parties: n, power: (0..<n).map { _ in 0.5 + 1.5 * rng.unit() },
            disagreement: (0..<n).map { _ in 0.01 * rng.unit() },
            constant: Array(repeating: 0, count: n), goods: goods, ranges: [])
    }

    /// A concave piecewise-linear function on `[from, to]` with 2–4 points: slopes drawn in
    /// `[low, 1]` and sorted decreasing, interior knots uniform.
    static func concave(from: Double, to: Double, low: Double, using rng: inout SeededGenerator) -> PiecewiseLinear {
        let count = 2 + rng.below(3)
        let inner = (0..<(count - 2)).map { _ in from + (to - from) * (0.05 + 0.9 * rng.unit()) }.sorted()
        let x = [from] + inner + [to]
        let slopes = (0..<(count - 1)).map { _ in low + (1 - low) * rng.unit() }.sorted(by: >)
        var y = [rng.unit() * 0.1]
        for s in 0..<(count - 1) { y.append(y[s] + slopes[s] * (x[s + 1] - x[s])) }
        return PiecewiseLinear(x: x, y: y)
    }

    /// 2–4 parties, 1–3 goods with concave PL values (some slightly decreasing, some absent),
    /// random share bounds, 0–2 ranges on [0, 10] with concave PL values, constants and
    /// reservations.
    static func general(using rng: inout SeededGenerator) -> ConcaveProgram {
        let n = 2 + rng.below(3), m = 1 + rng.below(3), r = rng.below(3)
        let goods = (0..<m).map { _ in
            let lower = (0..<n).map { _ in rng.unit() < 0.3 ? 0.3 * rng.unit() / Double(n) : 0 }
            let upper = (0..<n).map { _ in rng.unit() < 0.3 ? 0.5 + 0.5 * rng.unit() : 1 }
            let value: [PiecewiseLinear?] = (0..<n).map { _ in
                rng.unit() < 0.15 ? nil : concave(from: 0, to: 1, low: -0.1, using: &rng)
            }
            return ConcaveProgram.Good(lower: lower, upper: upper, value: value)
        }
        let ranges = (0..<r).map { _ in
            ConcaveProgram.Range(
                lower: 2 * rng.unit(), upper: 8 + 2 * rng.unit(),
                value: (0..<n).map { _ in
                    rng.unit() < 0.2 ? nil : scaled(concave(from: 0, to: 10, low: -1, using: &rng), by: 0.1)
                })
        }
        return ConcaveProgram(
            parties: n, power: (0..<n).map { _ in 0.5 + 1.5 * rng.unit() },
            disagreement: (0..<n).map { _ in 0.1 * rng.unit() },
            constant: (0..<n).map { _ in 0.2 * rng.unit() }, goods: goods, ranges: ranges)
    }

    static func scaled(_ f: PiecewiseLinear, by factor: Double) -> PiecewiseLinear {
        PiecewiseLinear(x: f.x, y: f.y.map { $0 * factor })
    }
}

/// An optimality check of a Nash solution written from the mathematics, independently of the
/// solver: for the concave program `max Σ p_i log(u_i − d_i)` over shares summing to 1 within
/// their bounds and ranges within theirs, the KKT conditions (sufficient, the program being
/// concave) with the reported good prices `π_k` and `μ_i = p_i / (u_i − d_i)` are
///
/// - primal feasibility: `Σ_i x_ki = 1`, `lower ≤ x_ki ≤ upper`, `lower_r ≤ y_r ≤ upper_r`;
/// - stationarity with complementary slackness, per share: a share that can still grow has
///   `μ_i v⁺_ki(x) ≤ π_k` (else the lower-bound multiplier `π_k − μ_i v⁺` would be negative), a
///   share that can still shrink has `μ_i v⁻_ki(x) ≥ π_k` (upper-bound multiplier); so an interior
///   share has `μ_i v′ = π_k` (both multipliers 0);
/// - per range: `Σ_i μ_i v⁺_ir(y) ≤ 0` if `y` can grow, `Σ_i μ_i v⁻_ir(y) ≥ 0` if it can shrink.
///
/// One-sided slopes `v⁺`/`v⁻` are read `positionTolerance` right/left of the point, so a point
/// within that distance of a kink or bound is judged as being on it.
enum NashKKT {
    static func value(_ f: PiecewiseLinear?, _ t: Double) -> Double {
        guard let f else { return 0 }
        for s in 0..<(f.x.count - 1) where t <= f.x[s + 1] || s == f.x.count - 2 {
            return f.y[s] + (f.y[s + 1] - f.y[s]) / (f.x[s + 1] - f.x[s]) * (t - f.x[s])
        }
        return f.y[0]
    }

    static func slope(_ f: PiecewiseLinear?, at t: Double) -> Double {
        guard let f else { return 0 }
        var s = 0
        while s < f.x.count - 2, t > f.x[s + 1] { s += 1 }
        return (f.y[s + 1] - f.y[s]) / (f.x[s + 1] - f.x[s])
    }

    static func utilities(_ program: ConcaveProgram, shares: [[Double]], rangeValues: [Double]) -> [Double] {
        (0..<program.parties).map { i in
            var u = program.constant[i]
            for k in program.goods.indices { u += value(program.goods[k].value[i], shares[k][i]) }
            for r in program.ranges.indices { u += value(program.ranges[r].value[i], rangeValues[r]) }
            return u
        }
    }

    /// The violated conditions, as readable lines (empty when the solution is optimal).
    static func violations(
        _ program: ConcaveProgram, _ solution: NashSolution, positionTolerance eps: Double = 1e-7,
        marginalTolerance: Double = 1e-6
    ) -> [String] {
        var out: [String] = []
        let n = program.parties
        let u = utilities(program, shares: solution.shares, rangeValues: solution.rangeValues)
        let w = (0..<n).map { u[$0] - program.disagreement[$0] }
        guard w.allSatisfy({ $0 > 0 }) else { return ["a gain is not positive: \(w)"] }
        let mu = (0..<n).map { program.power[$0] / w[$0] }
        var objective = 0.0
        for i in 0..<n { objective += program.power[i] * log(w[i]) }
        if abs(objective - solution.objective) > 1e-9 * max(1, abs(objective)) {
            out.append("objective \(solution.objective) but Σ p log w = \(objective)")
        }
        for (k, good) in program.goods.enumerated() {
            let row = solution.shares[k]
            if abs(row.reduce(0, +) - 1) > 1e-9 { out.append("good \(k): shares sum to \(row.reduce(0, +))") }
            let price = solution.prices[k]
            let tol = marginalTolerance * max(1, abs(price))
            for i in 0..<n {
                let f = good.value[i]
                let low = max(good.lower[i], f?.x.first ?? -.infinity), high = min(good.upper[i], f?.x.last ?? .infinity)
                let x = row[i]
                if x < low - 1e-9 || x > high + 1e-9 { out.append("good \(k) party \(i): share \(x) outside [\(low), \(high)]") }
                if x < high - eps, mu[i] * slope(f, at: x + eps) > price + tol {
                    out.append("good \(k) party \(i): could grow with marginal \(mu[i] * slope(f, at: x + eps)) > price \(price)")
                }
                if x > low + eps, mu[i] * slope(f, at: x - eps) < price - tol {
                    out.append("good \(k) party \(i): could shrink with marginal \(mu[i] * slope(f, at: x - eps)) < price \(price)")
                }
            }
        }
        for (r, range) in program.ranges.enumerated() {
            let y = solution.rangeValues[r]
            var low = range.lower, high = range.upper
            for f in range.value.compactMap({ $0 }) {
                low = max(low, f.x[0])
                high = min(high, f.x[f.x.count - 1])
            }
            if y < low - 1e-9 || y > high + 1e-9 { out.append("range \(r): \(y) outside [\(low), \(high)]") }
            let up = (0..<n).reduce(0.0) { $0 + mu[$1] * slope(range.value[$1], at: y + eps) }
            let down = (0..<n).reduce(0.0) { $0 + mu[$1] * slope(range.value[$1], at: y - eps) }
            let scale = (0..<n).reduce(0.0) { $0 + mu[$1] * abs(slope(range.value[$1], at: y)) }
            if y < high - eps, up > marginalTolerance * max(1, scale) { out.append("range \(r): could grow, Σ μ v⁺ = \(up)") }
            if y > low + eps, down < -marginalTolerance * max(1, scale) { out.append("range \(r): could shrink, Σ μ v⁻ = \(down)") }
        }
        return out
    }
}
