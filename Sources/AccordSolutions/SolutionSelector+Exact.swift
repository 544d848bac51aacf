/// Exact utilities of a finite set of outcomes, for settling the selector's ties exactly: party
/// `i`'s utility of outcome `k` is `utilities[k·n + i] / units[i]` and its gain over the
/// disagreement point `gains[k·n + i] / units[i]`, integers (a discrete frontier whose parties'
/// utilities and thresholds are all exact, `Quantizer`).
public struct ExactOutcomes: Sendable {
    public let utilities: [Int64]
    public let gains: [Int64]
    /// `s_i > 0`, in party order.
    public let units: [Int64]

    public init(utilities: [Int64], gains: [Int64], units: [Int64]) {
        self.utilities = utilities
        self.gains = gains
        self.units = units
    }
}

extension SolutionSelector {
    /// The outcomes among `tied` (equal within the tolerance) whose objective is exactly the
    /// largest, where `exact` gives the objective exactly: Nash with equal powers (`Π g_i`, the
    /// units cancel; compared in multi-word integers), Kalai–Smorodinsky (`min_i g_i / G_i` with
    /// `G_i` the largest gain) and egalitarian (`min_i g_i / s_i`) by 128-bit cross
    /// multiplication, utilitarian (`Σ u_i`) where every unit is the same or there are two
    /// parties. Otherwise `tied` unchanged.
    func exactlyBest(_ tied: [Int], _ concept: SolutionConcept, exact: ExactOutcomes, ideal given: [Double]?) -> [Int] {
        let n = partyCount
        switch concept {
        case .nash:
            guard let first = power.first, power.allSatisfy({ $0 == first }) else { return tied }
            let products = tied.map { k in Self.product((0..<n).map { exact.gains[k * n + $0] }) }
            guard let best = products.max(by: { Self.less($0, $1) }) else { return tied }
            return zip(tied, products).filter { !Self.less($0.1, best) }.map(\.0)
        case .kalaiSmorodinsky, .egalitarian:
            guard concept == .egalitarian || given == nil else { return tied }
            let span: [Int64] = (0..<n).map { i in
                concept == .egalitarian ? exact.units[i] : stride(from: i, to: exact.gains.count, by: n).map { exact.gains[$0] }.max() ?? 0
            }
            // A party whose span is not positive scores 1 (Kalai–Smorodinsky, as in `select`).
            let scores = tied.map { k in
                (0..<n).map { i in span[i] > 0 ? (exact.gains[k * n + i], span[i]) : (1, 1) }.min(by: Self.fractionLess) ?? (0, 1)
            }
            guard let best = scores.max(by: Self.fractionLess) else { return tied }
            return zip(tied, scores).filter { !Self.fractionLess($0.1, best) }.map(\.0)
        case .utilitarian:
            return exactlyLargestSum(tied, exact: exact) ?? tied
        }
    }

    /// The outcomes among `candidates` with the exactly largest `Σ u_i`, where it is exact in
    /// 128 bits (every unit the same, or two parties); `nil` otherwise.
    func exactlyLargestSum(_ candidates: [Int], exact: ExactOutcomes) -> [Int]? {
        let n = partyCount
        let sums: [Int128]
        if let unit = exact.units.first, exact.units.allSatisfy({ $0 == unit }) {
            sums = candidates.map { k in (0..<n).reduce(Int128(0)) { $0 + Int128(exact.utilities[k * n + $1]) } }
        } else if n == 2 {
            // u_0 / s_0 + u_1 / s_1 compared as u_0 · s_1 + u_1 · s_0 (|u| < 2^61, s < 2^62: below 2^124 each).
            sums = candidates.map { k in
                Int128(exact.utilities[2 * k]) * Int128(exact.units[1]) + Int128(exact.utilities[2 * k + 1]) * Int128(exact.units[0])
            }
        } else {
            return nil
        }
        guard let best = sums.max() else { return nil }
        return zip(candidates, sums).filter { $0.1 == best }.map(\.0)
    }

    /// `a / b < c / d` for positive `b`, `d` below 2^63: cross products fit in 128 bits.
    static func fractionLess(_ x: (Int64, Int64), _ y: (Int64, Int64)) -> Bool {
        Int128(x.0) * Int128(y.1) < Int128(y.0) * Int128(x.1)
    }

    /// The product of positive integers as little-endian 64-bit limbs (no leading zero limb; a
    /// factor below 1 counts as 0).
    static func product(_ factors: [Int64]) -> [UInt64] {
        var limbs: [UInt64] = [1]
        for factor in factors {
            let multiplier = UInt64(clamping: factor)  // eligible gains are positive; never a trap
            var carry: UInt64 = 0
            for index in limbs.indices {
                let (high, low) = limbs[index].multipliedFullWidth(by: multiplier)
                let (sum, overflow) = low.addingReportingOverflow(carry)
                limbs[index] = sum
                carry = high &+ (overflow ? 1 : 0)  // high ≤ 2^64 − 2: no wrap
            }
            if carry > 0 { limbs.append(carry) }
        }
        while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
        return limbs
    }

    /// `a < b` for limb numbers from `product`.
    static func less(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        guard a.count == b.count else { return a.count < b.count }
        for index in a.indices.reversed() where a[index] != b[index] { return a[index] < b[index] }
        return false
    }
}
