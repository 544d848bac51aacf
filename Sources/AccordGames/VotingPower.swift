import BigInt

/// Why a voting-power computation was refused.
public enum VotingPowerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The counting table (members × weight below the quota) would need `bytes`, above `limit`.
    case tableTooLarge(parties: Int, reducedQuota: Int, bytes: Int, limit: Int)
    /// The exact counters are at most 512 bits wide, so at most 512 parties.
    case tooManyParties(parties: Int, limit: Int)
    /// Listing coalitions one by one is limited to a few parties.
    case tooManyPartiesToList(parties: Int, limit: Int)

    public var description: String {
        switch self {
        case let .tableTooLarge(parties, quota, bytes, limit):
            "the exact count needs a table of \(parties) parties × \(quota) weight units (after dividing the weights by "
                + "their common factor) of \(bytes / (1 << 20)) MiB, above the limit of \(limit / (1 << 20)) MiB; "
                + "use coarser weights (e.g. round populations to thousands)"
        case let .tooManyParties(parties, limit):
            "exact voting power is computed for at most \(limit) parties, not \(parties)"
        case let .tooManyPartiesToList(parties, limit):
            "coalitions are listed for at most \(limit) parties, not \(parties); count them with minimalWinningCount instead"
        }
    }
}

/// The Shapley–Shubik and Banzhaf indices of a weighted voting rule, exact up to the final
/// conversion to `Double`.
///
/// Player `i` **swings** in a coalition `S ∌ i` when `S` loses and `S ∪ {i}` wins. With `s_{i,k}`
/// the number of swings at `|S| = k`:
/// - the raw Banzhaf count is `η_i = Σ_k s_{i,k}` (exact, `swingCounts`), the absolute Banzhaf
///   index `η_i / 2^{n−1}` and the normalized one `η_i / Σ_j η_j` (sums to 1);
/// - the Shapley–Shubik index is `φ_i = Σ_k s_{i,k} · k!(n−k−1)!/n! = Σ_k s_{i,k} / (n·C(n−1,k))`,
///   the share of the `n!` orderings in which `i` is pivotal (sums to 1).
///
/// Method: weights are first capped at the quota `Q` and divided by their greatest common
/// divisor `g` (the quota becomes `⌈Q/g⌉`), which changes no coalition's status. One table
/// `c[k][w]` counts the coalitions of all players with `k` members and weight `w < Q`
/// (coalitions reaching `Q` are not told apart: their number is `C(n,k) − Σ_w c[k][w]`), kept as
/// prefix sums over `w`. Removing player `i` inverts `c[k][w] = c'[k][w] + c'[k−1][w−w_i]`; unrolled,
/// `c'[k][w] = Σ_j (−1)^j c[k−j][w − j·w_i]`, so each window of `c'` the swings need is an
/// alternating sum of O(min(n, Q/w_i)) prefix-sum differences: for `k ≥ K−1` (`K` the count quota)
/// the weights `w ∈ [Q−w_i, Q)`, plus, at `k = K−1`, every coalition already at `Q`. All of it in
/// wrapping fixed-width arithmetic (64 to 512 bits, at least `n`: every count, final or
/// intermediate, is below `2^n`, so the wrapped results are exact). Players of equal (reduced)
/// weight share one computation. Only the conversions to `Double` round (a few ulps each).
///
/// - Complexity: O(n · r · Q + d · n²) time over `n` parties, `Q` the reduced quota, `r ≤ n` the
///   largest number of parties whose weights stay below `Q` and `d ≤ min(n, Q+1)` distinct
///   weights; O(r · Q) counters of memory (64 · 2^⌈log₂⌈n/64⌉⌉ bits each). 195 parties with
///   population weights (total ≈ 6,000) and a 65 % quota take ≈ 0.1–0.2 s in a release build.
public struct VotingPower: Sendable {
    /// The default memory limit of the counting table: 256 MiB.
    public static let defaultMemoryLimit = 1 << 28
    /// The rule the indices are of.
    public let rule: WeightedVotingRule
    /// The raw Banzhaf count `η_i`: the number of coalitions `S ∌ i` in which `i` swings.
    public let swingCounts: [BigUInt]
    /// The absolute Banzhaf index `η_i / 2^{n−1}`: the probability that `i` swings when every
    /// other party votes yes or no with probability 1/2.
    public let absoluteBanzhaf: [Double]
    /// The normalized Banzhaf index `η_i / Σ_j η_j` (sums to 1).
    public let banzhaf: [Double]
    /// The Shapley–Shubik index (sums to 1).
    public let shapleyShubik: [Double]

    /// Computes both indices of `rule` exactly.
    /// - Parameter memoryLimit: the most bytes the counting table may take.
    /// - Throws: `VotingPowerError.tableTooLarge` (before allocating anything) when the table
    ///   would exceed `memoryLimit`; `.tooManyParties` above 512 parties.
    /// - Complexity: see the type.
    public init(_ rule: WeightedVotingRule, memoryLimit: Int = VotingPower.defaultMemoryLimit) throws(VotingPowerError) {
        let reduced = ReducedVotingRule(rule)
        let result: (swings: [BigUInt], shapley: [Double])
        switch rule.partyCount {
        case ...64: result = try Self.compute(UInt64.self, reduced, memoryLimit: memoryLimit)
        case ...128: result = try Self.compute(WideCount128.self, reduced, memoryLimit: memoryLimit)
        case ...256: result = try Self.compute(WideCount256.self, reduced, memoryLimit: memoryLimit)
        case ...512: result = try Self.compute(WideCount512.self, reduced, memoryLimit: memoryLimit)
        default: throw .tooManyParties(parties: rule.partyCount, limit: 512)
        }
        self.rule = rule
        swingCounts = result.swings
        let total = Double(result.swings.reduce(BigUInt(0), +))
        let half = Double(sign: .plus, exponent: -(rule.partyCount - 1), significand: 1)
        absoluteBanzhaf = result.swings.map { Double($0) * half }
        banzhaf = result.swings.map { Double($0) / total }
        shapleyShubik = result.shapley
    }

    private static func compute<C: WideCount>(
        _: C.Type, _ r: ReducedVotingRule, memoryLimit: Int
    ) throws(VotingPowerError) -> (swings: [BigUInt], shapley: [Double]) {
        try r.checkMemory(bitWidth: C.bitWidth, limit: memoryLimit)
        let n = r.n, q = r.quota
        let binomials: [C] = pascalRow(n - 1)
        let binomialDoubles = binomials.map { Double(n) * $0.doubleValue }
        var table = [C](repeating: .zero, count: r.rows * q)
        table.withUnsafeMutableBufferPointer { t in
            if r.rows > 0 { t[0] = .one }
            for (added, weight) in r.weights.enumerated() {
                addPlayer(weight: weight, to: t, r, topRow: min(added + 1, r.rows - 1))
            }
            // Each row becomes its prefix sums: t[k·Q + x − 1] = Σ_{v < x} c[k][v].
            for k in 0..<r.rows where q > 1 {
                for x in 1..<q { t[k * q + x] = t[k * q + x].wrappingAdding(t[k * q + x - 1]) }
            }
        }
        var byWeight: [Int: (swings: BigUInt, shapley: Double)] = [:]
        table.withUnsafeBufferPointer { t in
            for weight in Set(r.weights) {
                let (total, shapley) = Self.swings(weight: weight, prefixes: t, r, binomials: binomials, binomialDoubles: binomialDoubles)
                byWeight[weight] = (total.bigUIntValue, shapley)
            }
        }
        let swings = r.weights.map { byWeight[$0]?.swings ?? 0 }
        let shapley = r.weights.map { byWeight[$0]?.shapley ?? 0 }
        return (swings, shapley)
    }

    /// The swings of one player of reduced weight `a`: its raw count and its Shapley–Shubik
    /// index, from the prefix sums `P[k][x] = Σ_{v<x} c[k][v]` of the table of all players.
    ///
    /// Unrolling the inverse recurrence gives `c'[k][w] = Σ_{j=0}^{k} (−1)^j c[k−j][w − j·a]`, so
    /// a window of `c'` is an alternating sum of windows of `c`:
    /// `Σ_{w ∈ [L, Q)} c'[k][w] = Σ_j (−1)^j (P[k−j][Q − j·a] − P[k−j][L − j·a])`, with terms only
    /// while `j·a < Q`. O(n · min(n, Q/a)) per weight, independent of the table's width.
    private static func swings<C: WideCount>(
        weight a: Int, prefixes t: UnsafeBufferPointer<C>, _ r: ReducedVotingRule, binomials: [C], binomialDoubles: [Double]
    ) -> (C, Double) {
        let q = r.quota, countQuota = r.countQuota
        /// `P[m][x]`, zero for `x ≤ 0` and for rows at or above `rows` (no such coalitions below Q).
        func prefix(_ m: Int, _ x: Int) -> C { m < r.rows && x > 0 ? t[m * q + min(x, q) - 1] : .zero }
        /// `Σ_{w ∈ [L, Q)} c'[k][w]` by the alternating series.
        func window(_ k: Int, from lower: Int) -> C {
            var sum = C.zero, j = 0
            while j <= k && q > 0 && (a == 0 || j <= (q - 1) / a) {  // j·a < Q: no overflow below
                if k - j < r.rows {
                    let term = prefix(k - j, q - j * a).wrappingSubtracting(prefix(k - j, lower - j * a))
                    sum = j % 2 == 0 ? sum.wrappingAdding(term) : sum.wrappingSubtracting(term)
                }
                j += 1
            }
            return sum
        }
        var total = C.zero, shapley = 0.0
        for k in max(countQuota - 1, 0)..<r.n {
            guard k < r.rows || k == countQuota - 1 else { break }  // no c' left below the quota
            var s = C.zero
            if a > 0 && k < r.rows { s = window(k, from: max(0, q - a)) }
            if k == countQuota - 1 { s = s.wrappingAdding(binomials[k].wrappingSubtracting(window(k, from: 0))) }
            if !s.isZero {
                total = total.wrappingAdding(s)
                shapley += s.doubleValue / binomialDoubles[k]
            }
        }
        return (total, shapley)
    }
}

/// A rule with weights capped at the quota and divided by their common factor; the game (which
/// coalitions win) is unchanged: `Σ_S min(w_i, Q) ≥ Q ⇔ Σ_S w_i ≥ Q`, and for `g | w_i`,
/// `Σ w_i ≥ Q ⇔ Σ w_i/g ≥ ⌈Q/g⌉`.
struct ReducedVotingRule: Sendable {
    let n: Int
    /// Reduced weights, each in `0...quota`.
    let weights: [Int]
    /// The reduced weight quota (0 when only the count matters).
    let quota: Int
    let countQuota: Int
    /// `low[k]`: the least weight of `k` players (the `k` smallest), for `k` up to `rows`, the
    /// first `k` with `low[k] ≥ quota` (or `n`).
    let low: [Int]
    /// The number of rows of the table: the member counts `k` with `low[k] < quota`.
    let rows: Int

    init(_ rule: WeightedVotingRule) {
        n = rule.partyCount
        countQuota = rule.countQuota
        let capped = rule.weights.map { min($0, rule.weightQuota) }
        let g = capped.reduce(0) { gcd($0, $1) }
        if g == 0 {
            weights = capped
            quota = 0  // all weights 0, so the weight quota is 0 too (it is at most W)
        } else {
            weights = capped.map { $0 / g }
            quota = rule.weightQuota / g + (rule.weightQuota % g == 0 ? 0 : 1)
        }
        var low = [0]
        let reducedQuota = quota
        for w in weights.sorted() where low.count <= n && low[low.count - 1] < reducedQuota {
            low.append(min(reducedQuota, low[low.count - 1] + w))  // both ≤ quota: no overflow
        }
        rows = low.firstIndex { $0 >= reducedQuota } ?? low.count
        self.low = low
    }

    /// Throws when the table of `rows × quota` counters exceeds `limit` bytes.
    func checkMemory(bitWidth: Int, limit: Int) throws(VotingPowerError) {
        let (cells, o1) = rows.multipliedReportingOverflow(by: quota)
        let (bytes, o2) = cells.multipliedReportingOverflow(by: bitWidth / 8)
        guard !o1, !o2, bytes <= limit else {
            throw .tableTooLarge(parties: n, reducedQuota: quota, bytes: o1 || o2 ? Int.max : bytes, limit: limit)
        }
    }
}

private func gcd(_ a: Int, _ b: Int) -> Int {
    var a = a, b = b
    while b != 0 { (a, b) = (b, a % b) }
    return a
}

/// `C(m, k)` for `k = 0...m`, exact modulo `2^bitWidth`. O(m²).
func pascalRow<C: WideCount>(_ m: Int) -> [C] {
    var row: [C] = [.one]
    for _ in 0..<max(m, 0) { row = nextPascalRow(row) }
    return row
}

/// The next row of Pascal's triangle: `C(m+1, k) = C(m, k) + C(m, k−1)`. O(m).
func nextPascalRow<C: WideCount>(_ row: [C]) -> [C] {
    var next = row + [.zero]
    for k in stride(from: row.count - 1, through: 1, by: -1) { next[k] = row[k].wrappingAdding(row[k - 1]) }
    next[row.count] = .one
    return next
}

/// Adds a player of reduced weight `a` to the counting table: `c[k][w] += c[k−1][w−a]` for
/// `k = topRow … 1` (descending, so each reads the row before the player). O(topRow · Q).
func addPlayer<C: WideCount>(weight a: Int, to t: UnsafeMutableBufferPointer<C>, _ r: ReducedVotingRule, topRow: Int) {
    let q = r.quota
    guard a < q, topRow >= 1 else { return }  // a = Q: only coalitions at the quota change
    for k in stride(from: topRow, through: 1, by: -1) {
        let start = a + r.low[k - 1]
        guard start < q else { continue }
        let destination = k * q, source = (k - 1) * q - a
        for w in start..<q { t[destination + w] = t[destination + w].wrappingAdding(t[source + w]) }
    }
}
