/// The numbers a `CoalitionSpan` computes in: `Double` (pivoting on the largest entry, zero
/// within 1e-9) or `ExactRational` (any nonzero pivot, zero exactly).
protocol SpanScalar: Sendable {
    static var zero: Self { get }
    static var one: Self { get }
    /// Treated as zero.
    var isNegligible: Bool { get }
    /// How good a pivot it is (larger is better).
    var pivotQuality: Double { get }
    var reciprocal: Self? { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
}

extension Double: SpanScalar {
    static var one: Double { 1 }
    var isNegligible: Bool { abs(self) <= 1e-9 }
    var pivotQuality: Double { abs(self) }
    var reciprocal: Double? { isNegligible ? nil : 1 / self }
}

extension ExactRational: SpanScalar {
    var isNegligible: Bool { isZero }
    /// Every nonzero pivot is exact: the first one is taken.
    var pivotQuality: Double { isZero ? 0 : 1 }
}

/// The linear span of a set of coalition indicator vectors `1_S ∈ R^n`, kept in reduced row
/// echelon form, in doubles or exactly (`SpanScalar`): `contains` tells whether `1_S` is a
/// combination of the vectors added so far, so that `x(S)` is then determined by their sums.
///
/// - Complexity: `contains` and `add` are O(n · rank).
struct CoalitionSpan<Scalar: SpanScalar> {
    let n: Int
    /// Basis rows, each with a pivot column where it is 1 and every other row is 0.
    private(set) var rows: [[Scalar]] = []
    private(set) var pivots: [Int] = []
    var rank: Int { rows.count }

    init(playerCount n: Int) { self.n = n }

    /// `1_S` minus its projection on the span: negligible when `S` is in the span.
    private func reduced(_ coalition: Coalition) -> [Scalar] {
        var v = (0..<n).map { coalition.contains($0) ? Scalar.one : .zero }
        for (row, p) in zip(rows, pivots) where !v[p].isNegligible {
            let f = v[p]
            for j in 0..<n where !row[j].isNegligible { v[j] = v[j] - f * row[j] }
        }
        return v
    }

    func contains(_ coalition: Coalition) -> Bool {
        reduced(coalition).allSatisfy(\.isNegligible)
    }

    /// Adds `1_S`; `false` (and nothing changes) when it was already in the span.
    @discardableResult
    mutating func add(_ coalition: Coalition) -> Bool {
        var v = reduced(coalition)
        guard let p = v.indices.max(by: { v[$0].pivotQuality < v[$1].pivotQuality }), !v[p].isNegligible,
              let inverse = v[p].reciprocal else { return false }
        for j in 0..<n { v[j] = v[j] * inverse }
        for k in rows.indices where !rows[k][p].isNegligible {
            let f = rows[k][p]
            for j in 0..<n { rows[k][j] = rows[k][j] - f * v[j] }
        }
        rows.append(v)
        pivots.append(p)
        return true
    }
}

extension TransferableUtilityGame {
    /// `sums[S.bits] = x(S) = Σ_{i ∈ S} x_i` for every coalition, each from the coalition
    /// without its lowest member (in doubles or exact rationals).
    ///
    /// - Complexity: O(2^n).
    static func coalitionSums<Scalar: SpanScalar>(_ x: [Scalar]) -> [Scalar] {
        let count = 1 << x.count
        var sums = [Scalar](repeating: .zero, count: count)
        for bits in 1..<count {
            sums[bits] = sums[bits & (bits - 1)] + x[bits.trailingZeroBitCount]
        }
        return sums
    }

    /// The largest `|v(S)|`, at least 1: the scale of the game's tolerances.
    var valueScale: Double { values.reduce(1) { max($0, abs($1)) } }

    /// Each coordinate of `x` as the simplest fraction within `tolerance · max(1, |x_i|)`, then
    /// shifted on the last player so that the sum is exactly `v(N)`; `nil` for a non-finite
    /// coordinate or a wrong length.
    func rationalized(_ x: [Double], tolerance: Double = 1e-9) -> [ExactRational]? {
        guard x.count == playerCount else { return nil }
        var exact: [ExactRational] = []
        for value in x {
            guard let r = ExactRational.simplest(within: tolerance * max(1, abs(value)), of: value) else { return nil }
            exact.append(r)
        }
        let total = exact.reduce(ExactRational.zero, +)
        let gap = exactValue(grandCoalition) - total
        if !gap.isZero { exact[playerCount - 1] += gap }
        return exact
    }

    /// The relative tolerances tried, tightest first, when rationalizing an LP's answer: a
    /// fraction p/q is recovered when the LP's error is below the tolerance and no simpler
    /// fraction lies within it (roughly q < 1/√(2 · tolerance)), so a tight tolerance recovers
    /// large denominators from an accurate answer and a loose one small denominators from a
    /// less accurate answer.
    static let rationalizationTolerances = [1e-12, 1e-11, 1e-10, 1e-9]
}
