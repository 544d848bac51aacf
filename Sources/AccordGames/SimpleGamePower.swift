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
