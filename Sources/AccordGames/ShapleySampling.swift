/// A sampling estimate of the Shapley value (`ShapleySampling.estimate`).
public struct ShapleyEstimate: Sendable, Equatable {
    /// The mean marginal contribution of each player over the sampled orders.
    public var value: [Double]
    /// The half-width of a normal 95% confidence interval, `1.96 · s_i / √m` with `s_i` the
    /// sample standard deviation of player i's marginal contributions over m orders.
    public var halfWidth: [Double]
    /// The number of random orders sampled.
    public var permutations: Int
}

/// The Shapley value estimated by sampling random orders of the players (Castro, Gómez and
/// Tejada 2009), for games too large to enumerate: a value oracle on up to 64 players.
public enum ShapleySampling {
    /// Why `estimate` refused.
    public enum InputError: Error, Sendable, Equatable {
        /// The number of players is not in `1...64`.
        case playerCount(Int)
        /// Fewer than 2 orders (no variance estimate), or so many that `m · n` oracle calls
        /// would exceed `Int.max`.
        case permutations(Int)
    }

    /// The mean over `permutations` uniformly random orders π (seeded, reproducible: SplitMix64
    /// and a Fisher–Yates shuffle) of each player's marginal contribution
    /// `v(P_i^π ∪ {i}) − v(P_i^π)`, `P_i^π` the players before i. Unbiased for φ_i; the
    /// half-widths are the normal 95% intervals of the mean.
    ///
    /// - Complexity: `permutations · n` calls of `value`, O(n) memory.
    public static func estimate(
        playerCount n: Int, permutations m: Int, seed: UInt64, value: (Coalition) -> Double
    ) throws(InputError) -> ShapleyEstimate {
        guard (1...64).contains(n) else { throw .playerCount(n) }
        guard m >= 2, !m.multipliedReportingOverflow(by: n).overflow else { throw .permutations(m) }
        var generator = SplitMix64(seed: seed)
        var order = Array(0..<n)
        var mean = [Double](repeating: 0, count: n)
        var squares = [Double](repeating: 0, count: n)  // Welford's sum of squared deviations
        let empty = value(Coalition(bits: 0))
        for sample in 1...m {
            for k in stride(from: n - 1, to: 0, by: -1) {
                order.swapAt(k, Int(generator.next() % UInt64(k + 1)))
            }
            var coalition = Coalition(bits: 0)
            var previous = empty
            for i in order {
                coalition = coalition.adding(i)
                let current = value(coalition)
                let marginal = current - previous
                previous = current
                let delta = marginal - mean[i]
                mean[i] += delta / Double(sample)
                squares[i] += delta * (marginal - mean[i])
            }
        }
        let halfWidth = squares.map { 1.96 * ($0 / Double(m - 1)).squareRoot() / Double(m).squareRoot() }
        return ShapleyEstimate(value: mean, halfWidth: halfWidth, permutations: m)
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a small seeded generator, so a sampling run replays.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
