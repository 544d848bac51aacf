import Foundation

extension ConcaveProgram {
    /// The Nash solution in closed form for two parties, one divisible good, no ranges and linear
    /// values (each value function absent or with 2 points); `nil` for any other shape.
    ///
    /// With party 0's share `x` (party 1 gets `1 − x`), `v_0(x) = α₀ + a₀x`, `v_1(1 − x) = α₁ + a₁(1 − x)`,
    /// the gains are `w₀ = g₀ + a₀x` and `w₁ = h₁ − a₁x` (`g₀ = c₀ + α₀ − d₀`, `h₁ = c₁ + α₁ + a₁ − d₁`)
    /// and `φ(x) = p₀ log w₀ + p₁ log w₁` is concave. `φ′(x)·w₀w₁ = p₀a₀w₁ − p₁a₁w₀` is linear in
    /// `x` with root
    ///
    ///     x* = (p₀ a₀ h₁ − p₁ a₁ g₀) / (a₀ a₁ (p₀ + p₁)),
    ///
    /// the maximizer when `a₀a₁ > 0` (then `φ′` runs from +∞ to −∞ across the region `w > 0`);
    /// it is clamped to the feasible interval `[max(l₀, 1 − u₁), min(u₀, 1 − l₁)]` (bounds
    /// intersected with the functions' domains). When `a₀a₁ ≤ 0`, `φ′` has the sign of `a₀`
    /// (or of `−a₁`) on the whole interval, and the maximizer is its upper (lower) end. For
    /// `g₀ = 0 = h₁ − a₁`, `a₀ = a₁`, this is the split `x* = p₀ / (p₀ + p₁)`.
    ///
    /// The status is `infeasible(.good(0))` for an empty interval and `noAgreementZone` when the
    /// maximizer leaves a gain `≤ 0`. The price is a Lagrange multiplier of `x₀ + x₁ = 1`
    /// (the common marginal `p_i a_i / w_i` when both shares are strictly inside their bounds).
    /// `info.dualityGap` is 0: the point is exact up to rounding.
    /// - Complexity: O(1).
    public func twoPartyOneGoodNash() -> NashSolution? {
        guard parties == 2, goods.count == 1, ranges.isEmpty, power.count == 2, disagreement.count == 2,
            constant.count == 2
        else { return nil }
        let good = goods[0]
        guard good.lower.count == 2, good.upper.count == 2, good.value.count == 2,
            good.value.allSatisfy({ $0.map { $0.x.count == 2 && $0.y.count == 2 } ?? true })
        else { return nil }
        var lower = good.lower, upper = good.upper
        var slope = [0.0, 0.0], intercept = [0.0, 0.0]
        for i in 0..<2 {
            guard let f = good.value[i], let first = f.x.first, let last = f.x.last else { continue }
            lower[i] = max(lower[i], first)
            upper[i] = min(upper[i], last)
            slope[i] = f.slope(0)
            intercept[i] = f.y[0] - slope[i] * first
        }
        let low = max(lower[0], 1 - upper[1]), high = min(upper[0], 1 - lower[1])
        guard low <= high, lower[0] <= upper[0], lower[1] <= upper[1] else {
            return .unsolved(.infeasible(.good(0)))
        }
        let (a0, a1, p0, p1) = (slope[0], slope[1], power[0], power[1])
        let g0 = constant[0] + intercept[0] - disagreement[0]
        let h1 = constant[1] + intercept[1] + a1 - disagreement[1]
        let x: Double
        if a0 * a1 > 0 {
            x = min(max((p0 * a0 * h1 - p1 * a1 * g0) / (a0 * a1 * (p0 + p1)), low), high)
        } else if a0 > 0 || a1 < 0 {
            x = high
        } else {
            x = low
        }
        let shares = [[x, 1 - x]]
        let utilities = utilities(shares: shares, rangeValues: [])
        guard utilities[0] > disagreement[0], utilities[1] > disagreement[1] else { return .unsolved(.noAgreementZone) }
        let objective = p0 * log(utilities[0] - disagreement[0]) + p1 * log(utilities[1] - disagreement[1])
        return NashSolution(
            status: .solved,
            info: NashInfo(iterations: 0, primalResidual: 0, dualResidual: 0, dualityGap: 0, seconds: 0),
            shares: shares, rangeValues: [], utilities: utilities, objective: objective,
            prices: [consistentPrice(good: 0, shares: [x, 1 - x], utilities: utilities)])
    }
}

/// A Fisher market with linear utilities: buyer `i` has budget `budget[i] > 0` and values good
/// `k` (one unit of each) at `value[i][k] ≥ 0`.
///
/// Its equilibrium — prices `π` and an allocation in which every buyer spends its whole budget
/// on goods of maximal bang-per-buck `value[i][k] / π_k` and every good with a positive price
/// sells out — is the Eisenberg–Gale program `max Σ_i budget_i log Σ_k value_ik x_ik` with
/// `Σ_i x_ik = 1`, the prices being the multipliers of the supply constraints
/// (Eisenberg & Gale 1959): the Nash program with powers = budgets and zero disagreement.
public struct FisherMarket: Sendable, Equatable {
    public var value: [[Double]]
    public var budget: [Double]

    public init(value: [[Double]], budget: [Double]) {
        self.value = value
        self.budget = budget
    }

    /// The market's Eisenberg–Gale program.
    public var program: ConcaveProgram {
        let n = budget.count, m = value.first?.count ?? 0
        let goods = (0..<m).map { k in
            ConcaveProgram.Good(
                lower: Array(repeating: 0, count: n), upper: Array(repeating: 1, count: n),
                value: (0..<n).map { i in PiecewiseLinear(slope: value[i].indices.contains(k) ? value[i][k] : .nan) })
        }
        return ConcaveProgram(
            parties: n, power: budget, disagreement: Array(repeating: 0, count: n),
            constant: Array(repeating: 0, count: n), goods: goods, ranges: [])
    }

    /// The equilibrium: `solution.shares[k][i]` is the allocation and `solution.prices` the
    /// prices `π_k = max_i (budget_i / u_i) value_ik`, the multipliers of the supply constraints
    /// (`π_k · x_ik` is buyer `i`'s spending on good `k`).
    ///
    /// - Throws: `NashInputError` for ragged or non-finite values, budgets ≤ 0.
    /// - Complexity: one Nash solve of `n` parties × `m` goods.
    public func equilibrium(settings: NashSettings = NashSettings()) throws -> NashSolution {
        let m = value.first?.count ?? 0
        for (i, row) in value.enumerated() {
            guard row.count == m else {
                throw NashInputError(field: "value[\(i)]", reason: "has \(row.count) goods, value[0] has \(m)")
            }
            for (k, v) in row.enumerated() where !(v.isFinite && v >= 0) {
                throw NashInputError(field: "value[\(i)][\(k)]", reason: "must be a finite number ≥ 0")
            }
        }
        guard value.count == budget.count else {
            throw NashInputError(field: "value", reason: "has \(value.count) buyers, budget has \(budget.count)")
        }
        var solution = try program.solveNash(settings: settings)
        guard solution.status == .solved else { return solution }
        // The supply multipliers of the program without the share caps x_ik ≤ 1 (implied by
        // Σ_i x_ik = 1, x ≥ 0, but able to absorb part of a price): π_k = max_i μ_i a_ik.
        let mu = budget.indices.map { budget[$0] / solution.utilities[$0] }
        solution.prices = (0..<m).map { k in budget.indices.map { mu[$0] * value[$0][k] }.max() ?? 0 }
        return solution
    }
}

/// The adjusted-winner division (Brams & Taylor, *Fair Division*, 1996; *The Win-Win Solution*, 1999) of divisible goods
/// between two parties A and B with linear values (points): each good first goes to the party
/// that values it more (ties to A); then the party ahead gives goods to the other in increasing
/// order of its value ratio (closest to 1 first), the last one fractionally, until the point
/// totals are equal.
///
/// The result is equitable (equal points), envy-free and Pareto-optimal; at most one good is split.
public struct AdjustedWinner: Sendable, Equatable {
    /// `shareA[k]`: A's fraction of good `k` (B gets `1 − shareA[k]`).
    public var shareA: [Double]
    /// A's and B's point totals (equal).
    public var pointsA: Double
    public var pointsB: Double
    /// The good that is split, if any.
    public var splitGood: Int?

    /// - Throws: `NashInputError` for lists of different lengths or points not finite and ≥ 0.
    /// - Complexity: O(m log m).
    public init(pointsA a: [Double], pointsB b: [Double]) throws {
        guard a.count == b.count else {
            throw NashInputError(field: "pointsB", reason: "has \(b.count) goods, pointsA has \(a.count)")
        }
        for (name, list) in [("pointsA", a), ("pointsB", b)] {
            for (k, v) in list.enumerated() where !(v.isFinite && v >= 0) {
                throw NashInputError(field: "\(name)[\(k)]", reason: "must be a finite number ≥ 0")
            }
        }
        var share = a.indices.map { a[$0] >= b[$0] ? 1.0 : 0.0 }
        var totalA = 0.0, totalB = 0.0
        for k in a.indices { if share[k] == 1 { totalA += a[k] } else { totalB += b[k] } }
        var split: Int?
        // The leader's goods by the leader's value ratio, smallest first: a_k/b_k for A, b_k/a_k
        // for B (compared by cross-multiplication, so zero points need no division).
        let aLeads = totalA > totalB
        let (lead, trail) = aLeads ? (a, b) : (b, a)
        let held = a.indices.filter { (share[$0] == 1) == aLeads }
            .sorted { lead[$0] * trail[$1] < lead[$1] * trail[$0] }
        var ahead = aLeads ? totalA : totalB, behind = aLeads ? totalB : totalA
        for k in held where ahead > behind {
            if ahead - lead[k] >= behind + trail[k] {
                ahead -= lead[k]
                behind += trail[k]
                share[k] = aLeads ? 0 : 1
            } else {
                let moved = (ahead - behind) / (lead[k] + trail[k])  // fraction transferred
                ahead -= moved * lead[k]
                behind += moved * trail[k]
                share[k] = aLeads ? 1 - moved : moved
                split = k
                break  // the totals are equal now (a further pass would split by rounding)
            }
        }
        shareA = share
        pointsA = aLeads ? ahead : behind
        pointsB = aLeads ? behind : ahead
        splitGood = split
    }
}
