/// The continuous part of a bargaining problem, as numbers: `n` parties share divisible goods
/// and agree on continuous ranges; every other issue is already fixed into a constant.
///
/// Party `i`'s utility at shares `x` (`x[k][i]` = party `i`'s share of good `k`) and range values
/// `y` (`y[r]`, one value for all parties) is
///
///     u_i(x, y) = constant[i] + Σ_k goods[k].value[i](x[k][i]) + Σ_r ranges[r].value[i](y[r])
///
/// where every value function is piecewise linear and already multiplied by the party's weight
/// (a missing function is 0). The feasible set is
///
///     Σ_i x[k][i] = 1,  goods[k].lower[i] ≤ x[k][i] ≤ goods[k].upper[i],
///     ranges[r].lower ≤ y[r] ≤ ranges[r].upper,
///
/// a product of simplices cut by boxes and a box. The bargaining solutions over it are concave
/// programs when every value function is concave (`nonConcave` lists those that are not).
public struct ConcaveProgram: Sendable, Equatable {
    /// Number of parties `n ≥ 1`.
    public var parties: Int
    /// Bargaining power `p_i > 0` of each party (the Nash objective is `Σ p_i log(u_i − d_i)`).
    public var power: [Double]
    /// Disagreement utility `d_i` of each party.
    public var disagreement: [Double]
    /// The part of `u_i` that does not depend on `x` or `y` (fixed discrete issues).
    public var constant: [Double]
    public var goods: [Good]
    public var ranges: [Range]

    /// A good (or a cost) split among all parties: shares in `[lower[i], upper[i]]` summing to 1.
    public struct Good: Sendable, Equatable {
        /// `lower[i]`: the least share party `i` may get (a red line `min`, else 0).
        public var lower: [Double]
        /// `upper[i]`: the largest share party `i` may get (a red line `max`, else 1).
        public var upper: [Double]
        /// `value[i]`: party `i`'s weighted value of its own share; `nil` is 0.
        public var value: [PiecewiseLinear?]

        public init(lower: [Double], upper: [Double], value: [PiecewiseLinear?]) {
            self.lower = lower
            self.upper = upper
            self.value = value
        }
    }

    /// A continuous issue: one value `y ∈ [lower, upper]` for all parties.
    public struct Range: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        /// `value[i]`: party `i`'s weighted value of `y`; `nil` is 0.
        public var value: [PiecewiseLinear?]

        public init(lower: Double, upper: Double, value: [PiecewiseLinear?]) {
            self.lower = lower
            self.upper = upper
            self.value = value
        }
    }

    public init(
        parties: Int, power: [Double], disagreement: [Double], constant: [Double], goods: [Good], ranges: [Range]
    ) {
        self.parties = parties
        self.power = power
        self.disagreement = disagreement
        self.constant = constant
        self.goods = goods
        self.ranges = ranges
    }
}

/// A piecewise-linear function through points `(x[0], y[0]) … (x[K−1], y[K−1])`, `x` strictly
/// increasing, `K ≥ 2`; it is defined on `[x[0], x[K−1]]` (callers keep arguments inside it).
public struct PiecewiseLinear: Sendable, Equatable {
    public var x: [Double]
    public var y: [Double]

    public init(x: [Double], y: [Double]) {
        self.x = x
        self.y = y
    }

    /// The linear function `slope · t + intercept` on `[lower, upper]`.
    public init(slope: Double, intercept: Double = 0, lower: Double = 0, upper: Double = 1) {
        x = [lower, upper]
        y = [slope * lower + intercept, slope * upper + intercept]
    }

    /// `slope(s)` of piece `s` (between `x[s]` and `x[s+1]`).
    public func slope(_ s: Int) -> Double { (y[s + 1] - y[s]) / (x[s + 1] - x[s]) }

    /// Concave: the slopes never increase (a linear function is concave). Slopes equal up to
    /// rounding (relative 10^-12: collinear points such as (0, 0), (0.3, 0.3), (1, 1), whose
    /// computed slopes differ in the last bit) count as equal.
    public var isConcave: Bool {
        x.count < 3 || (1..<(x.count - 1)).allSatisfy { !rises(at: $0) }
    }

    /// Whether the slope rises at inner point `s` beyond rounding.
    func rises(at s: Int) -> Bool {
        let before = slope(s - 1), after = slope(s)
        return after > before + 1e-12 * max(1, abs(before), abs(after))
    }

    /// The value at `t`, interpolated on the piece containing it (clamped to the domain).
    ///
    /// - Complexity: O(log K).
    public func callAsFunction(_ t: Double) -> Double {
        guard let first = x.first, let last = x.last, t > first else { return y.first ?? 0 }
        guard t < last else { return y[y.count - 1] }
        var low = 0, high = x.count - 1  // x[low] < t < x[high]
        while high - low > 1 {
            let mid = (low + high) / 2
            if x[mid] <= t { low = mid } else { high = mid }
        }
        return y[low] + slope(low) * (t - x[low])
    }
}
