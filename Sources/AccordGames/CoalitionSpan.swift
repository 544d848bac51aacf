/// The linear span of a set of coalition indicator vectors `1_S ∈ R^n`, kept in reduced row
/// echelon form, in doubles (`CoalitionSpan`) or exactly (`ExactCoalitionSpan`): `contains`
/// tells whether `1_S` is a combination of the vectors added so far, so that `x(S)` is then
/// determined by their sums.
///
/// - Complexity: `contains` and `add` are O(n · rank).
struct CoalitionSpan {
    let n: Int
    /// Basis rows, each with a pivot column where it is 1 and every other row is 0.
    private(set) var rows: [[Double]] = []
    private(set) var pivots: [Int] = []
    var rank: Int { rows.count }

    init(playerCount n: Int) { self.n = n }

    /// `1_S` minus its projection on the span: zero (within 1e-9) when `S` is in the span.
    private func reduced(_ coalition: Coalition) -> [Double] {
        var v = (0..<n).map { coalition.contains($0) ? 1.0 : 0.0 }
        for (row, p) in zip(rows, pivots) where v[p] != 0 {
            let f = v[p]
            for j in 0..<n { v[j] -= f * row[j] }
        }
        return v
    }

    func contains(_ coalition: Coalition) -> Bool {
        reduced(coalition).allSatisfy { abs($0) <= 1e-9 }
    }

    /// Adds `1_S`; `false` (and nothing changes) when it was already in the span.
    @discardableResult
    mutating func add(_ coalition: Coalition) -> Bool {
        var v = reduced(coalition)
        guard let p = v.indices.max(by: { abs(v[$0]) < abs(v[$1]) }), abs(v[p]) > 1e-9 else { return false }
        let scale = v[p]
        for j in 0..<n { v[j] /= scale }
        for k in rows.indices where rows[k][p] != 0 {
            let f = rows[k][p]
            for j in 0..<n { rows[k][j] -= f * v[j] }
        }
        rows.append(v)
        pivots.append(p)
        return true
    }
}

/// `CoalitionSpan` in exact rationals (for the exact checks).
struct ExactCoalitionSpan {
    let n: Int
    private(set) var rows: [[ExactRational]] = []
    private(set) var pivots: [Int] = []
    var rank: Int { rows.count }

    init(playerCount n: Int) { self.n = n }

    private func reduced(_ coalition: Coalition) -> [ExactRational] {
        var v = (0..<n).map { coalition.contains($0) ? ExactRational.one : .zero }
        for (row, p) in zip(rows, pivots) where !v[p].isZero {
            let f = v[p]
            for j in 0..<n where !row[j].isZero { v[j] -= f * row[j] }
        }
        return v
    }

    @discardableResult
    mutating func add(_ coalition: Coalition) -> Bool {
        var v = reduced(coalition)
        guard let p = v.indices.first(where: { !v[$0].isZero }), let inverse = v[p].reciprocal else { return false }
        for j in 0..<n { v[j] = v[j] * inverse }
        for k in rows.indices where !rows[k][p].isZero {
            let f = rows[k][p]
            for j in 0..<n { rows[k][j] -= f * v[j] }
        }
        rows.append(v)
        pivots.append(p)
        return true
    }
}

extension TransferableUtilityGame {
    /// `sums[S.bits] = x(S) = Σ_{i ∈ S} x_i` for every coalition, each from the coalition
    /// without its lowest member.
    ///
    /// - Complexity: O(2^n).
    static func coalitionSums(_ x: [Double]) -> [Double] {
        let count = 1 << x.count
        var sums = [Double](repeating: 0, count: count)
        for bits in 1..<count {
            sums[bits] = sums[bits & (bits - 1)] + x[bits.trailingZeroBitCount]
        }
        return sums
    }

    /// `coalitionSums` in exact rationals.
    static func exactCoalitionSums(_ x: [ExactRational]) -> [ExactRational] {
        let count = 1 << x.count
        var sums = [ExactRational](repeating: .zero, count: count)
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
