extension TransferableUtilityGame {
    /// The Shapley value, by subset enumeration:
    ///
    ///     φ_i = Σ_{S ⊆ N∖{i}} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S))
    ///
    /// It is efficient (`Σ φ_i = v(N)`), symmetric, gives a dummy player its constant marginal
    /// value and is additive in the game. Computed in doubles: each coalition's value is added
    /// once with weight `w(|S| − 1)` for its members and subtracted with weight `w(|S|)` for the
    /// others, `w(s) = 1 / (n · C(n − 1, s))`.
    ///
    /// - Complexity: O(2^n · n) time, O(n) extra memory.
    public func shapleyValue() -> [Double] {
        let n = playerCount
        let weights = Self.shapleyWeights(n)
        var phi = [Double](repeating: 0, count: n)
        let count = values.count
        for bits in 1..<count {
            let v = values[bits]
            if v == 0 { continue }
            let size = bits.nonzeroBitCount
            let inside = weights[size - 1] * v
            let outside = size < n ? weights[size] * v : 0
            for i in 0..<n {
                if bits >> i & 1 == 1 { phi[i] += inside } else { phi[i] -= outside }
            }
        }
        return phi
    }

    /// `w(s) = s! (n − s − 1)! / n! = 1 / (n · C(n − 1, s))` for `s` in `0..<n`.
    static func shapleyWeights(_ n: Int) -> [Double] {
        var binomial = 1.0  // C(n − 1, s)
        var weights: [Double] = []
        for s in 0..<n {
            weights.append(1 / (Double(n) * binomial))
            binomial = binomial * Double(n - 1 - s) / Double(s + 1)
        }
        return weights
    }

    /// The Shapley value in exact rationals (same formula as `shapleyValue()`, with the exact
    /// values and weights `|S|! (n − |S| − 1)! / n!`); `nil` above `maximumExactShapleyPlayers`.
    ///
    /// - Complexity: O(2^n · n) rational operations.
    public func exactShapleyValue() -> [ExactRational]? {
        let n = playerCount
        guard n <= Self.maximumExactShapleyPlayers else { return nil }
        var factorial = [ExactRational.one]
        for k in 1...n { factorial.append(factorial[k - 1] * ExactRational(k)) }
        guard let inverse = factorial[n].reciprocal else { return nil }
        let weights = (0..<n).map { factorial[$0] * factorial[n - 1 - $0] * inverse }
        var phi = [ExactRational](repeating: .zero, count: n)
        for bits in 1..<values.count {
            let v = exactValue(Coalition(bits: UInt64(bits)))
            if v.isZero { continue }
            let size = bits.nonzeroBitCount
            let inside = weights[size - 1] * v
            let outside = size < n ? weights[size] * v : .zero
            for i in 0..<n {
                if bits >> i & 1 == 1 { phi[i] += inside } else { phi[i] -= outside }
            }
        }
        return phi
    }

    /// The most players for `exactShapleyValue()` (2^16 coalitions of rational arithmetic).
    public static let maximumExactShapleyPlayers = 16
}
