/// The Shapley–Shubik and Banzhaf indices of any monotone simple game of up to
/// `enumerationLimit` players given by its winning test, by enumerating every coalition: for games
/// that no `WeightedVotingRule` describes (blocs that vote as one, each bringing its members'
/// weight and its number of members to a double threshold).
///
/// `SS_i = Σ_{S ∌ i, S loses, S ∪ {i} wins} |S|!(n − |S| − 1)!/n!` and the normalized Banzhaf
/// index `η_i / Σ_j η_j`, `η_i` the number of such swings.
/// - Complexity: O(2^n · n) winning tests.
public struct SimpleGamePower: Sendable, Equatable {
    public let shapleyShubik: [Double]
    public let banzhaf: [Double]

    /// The most players enumerated: 2^20 coalitions.
    public static let enumerationLimit = 20

    /// `nil` above `enumerationLimit` players, or when no coalition swings (no winning coalition).
    public init?(players n: Int, isWinning: (Coalition) -> Bool) {
        guard (1...Self.enumerationLimit).contains(n) else { return nil }
        // k!(n − k − 1)!/n! for each size k of S.
        var weight = [Double](repeating: 0, count: n)
        for k in 0..<n {
            var value = 1.0 / Double(n)
            // 1/(n · C(n−1, k)).
            for j in 0..<k { value *= Double(j + 1) / Double(n - 1 - j) }
            weight[k] = value
        }
        let winning = (0..<(1 << n)).map { isWinning(Coalition(bits: UInt64($0))) }
        var swings = [Int](repeating: 0, count: n)
        var shapley = [Double](repeating: 0, count: n)
        for bits in 0..<(1 << n) where !winning[bits] {
            let size = bits.nonzeroBitCount
            for i in 0..<n where bits >> i & 1 == 0 && winning[bits | 1 << i] {
                swings[i] += 1
                shapley[i] += weight[size]
            }
        }
        let total = swings.reduce(0, +)
        guard total > 0 else { return nil }
        shapleyShubik = shapley
        banzhaf = swings.map { Double($0) / Double(total) }
    }
}

/// Sampling estimates of the Shapley–Shubik and Banzhaf indices of a double-threshold rule over
/// voters that each bring a weight and a number of members (blocs voting as one), for more voters
/// than `SimpleGamePower` enumerates: seeded, with 95% intervals, labelled as estimates.
///
/// Shapley–Shubik: over `samples` uniformly random orders, the voter whose arrival first makes
/// the coalition win is pivotal; the index is the share of orders in which each voter is.
/// Banzhaf: over `samples` random coalitions (each voter in with probability 1/2), a voter
/// swings when adding or removing it changes winning; normalized by the total of the swing rates.
/// - Complexity: O(samples · n) for SS, O(samples · n) for Banzhaf (incremental sums).
public struct SampledPower: Sendable, Equatable {
    public let shapleyShubik: [Double]
    /// `1.96 · √(p(1 − p)/samples)` per voter.
    public let shapleyShubikHalfWidth: [Double]
    public let banzhaf: [Double]
    public let samples: Int
    public let seed: UInt64

    /// `nil` when no sampled order reaches a winning coalition (the grand coalition loses).
    public init?(weights: [Int], counts: [Int], weightQuota: Int, countQuota: Int, samples: Int, seed: UInt64) {
        let n = weights.count
        guard n >= 1, samples >= 2, weights.count == counts.count else { return nil }
        func wins(_ weight: Int, _ count: Int) -> Bool { weight >= weightQuota && count >= countQuota }
        guard wins(weights.reduce(0, +), counts.reduce(0, +)) else { return nil }
        var generator = SplitMix64(seed: seed)
        var pivots = [Int](repeating: 0, count: n)
        var order = Array(0..<n)
        for _ in 0..<samples {
            for k in stride(from: n - 1, to: 0, by: -1) { order.swapAt(k, Int(generator.next() % UInt64(k + 1))) }
            var weight = 0, count = 0
            for voter in order {
                weight += weights[voter]
                count += counts[voter]
                if wins(weight, count) {
                    pivots[voter] += 1
                    break
                }
            }
        }
        var swings = [Int](repeating: 0, count: n)
        var member = [Bool](repeating: false, count: n)
        for _ in 0..<samples {
            var weight = 0, count = 0
            for voter in 0..<n {
                member[voter] = generator.next() & 1 == 1
                if member[voter] { weight += weights[voter]; count += counts[voter] }
            }
            let winning = wins(weight, count)
            for voter in 0..<n {
                let other = member[voter]
                    ? wins(weight - weights[voter], count - counts[voter])
                    : wins(weight + weights[voter], count + counts[voter])
                if other != winning { swings[voter] += 1 }
            }
        }
        let m = Double(samples)
        shapleyShubik = pivots.map { Double($0) / m }
        shapleyShubikHalfWidth = shapleyShubik.map { 1.96 * ($0 * (1 - $0) / m).squareRoot() }
        let total = Double(swings.reduce(0, +))
        banzhaf = swings.map { total > 0 ? Double($0) / total : 0 }
        self.samples = samples
        self.seed = seed
    }
}
