/// A cooperative game with transferable utility (a TU game) on players `0..<n`: a value
/// `v(S)` for each of the `2^n` coalitions `S`, with `v(∅) = 0`, stored by `Coalition.bits`.
///
/// Values are kept as doubles (`value(_:)`, for the LPs and sums) and, when the game was built
/// from exact values, as exact rationals (`exactValue(_:)`, for the exact checks); a game built
/// from doubles has the exact binary value of each double as its exact value.
///
/// - Complexity: O(2^n) memory: 8 bytes a coalition for the doubles, about 80 more for exact
///   values (so exact values are stored up to `maximumExactPlayers`).
public struct TransferableUtilityGame: Sendable {
    /// Why a game could not be built.
    public enum InputError: Error, Sendable, Equatable {
        /// The number of players is not in `1...maximumPlayers`.
        case playerCount(Int)
        /// Exact values were given for more than `maximumExactPlayers` players.
        case tooManyPlayersForExactValues(Int)
        /// A coalition names a player `≥ n`.
        case coalitionOutOfRange(Coalition)
        /// `v(∅)` was given and is not 0.
        case nonzeroEmptyCoalition
        /// A value is NaN or infinite (or an exact value beyond the double range).
        case nonFiniteValue(Coalition)
    }

    /// The most players of a stored game (2^25 doubles: 256 MiB).
    public static let maximumPlayers = 25
    /// The most players of a game with stored exact values (2^20 rationals, about 80 MiB).
    public static let maximumExactPlayers = 20

    /// `n`, in `1...maximumPlayers`.
    public let playerCount: Int
    /// `values[S.bits]` is `v(S)` as a double; `values[0] = 0`.
    public let values: [Double]
    /// `exactValues[S.bits]`, when the game was built from exact values.
    let exactValues: [ExactRational]?

    /// The grand coalition `N`.
    public var grandCoalition: Coalition { Coalition.grand(playerCount) }

    /// Whether the exact values were given (not derived from doubles).
    public var hasExactValues: Bool { exactValues != nil }

    /// `v(S)` as a double, for `S ⊆ N` (a coalition with a player `≥ n` is out of range).
    public func value(_ coalition: Coalition) -> Double { values[Int(coalition.bits)] }

    /// `v(S)` exactly: the given rational, or the exact value of the stored double.
    public func exactValue(_ coalition: Coalition) -> ExactRational {
        if let exactValues { return exactValues[Int(coalition.bits)] }
        return ExactRational(exactly: values[Int(coalition.bits)]) ?? .zero
    }

    static func checkedCount(_ n: Int) throws(InputError) -> Int {
        guard (1...maximumPlayers).contains(n) else { throw .playerCount(n) }
        return 1 << n
    }

    /// The game with `v(S) = value(S)` for every nonempty `S ⊆ N` (the closure is not called
    /// for `∅`, whose value is 0). Throws for `n ∉ 1...25` or a non-finite value.
    ///
    /// - Complexity: 2^n − 1 calls of `value`.
    public init(playerCount n: Int, value: (Coalition) -> Double) throws(InputError) {
        let count = try Self.checkedCount(n)
        var values = [Double](repeating: 0, count: count)
        for bits in 1..<count {
            let coalition = Coalition(bits: UInt64(bits))
            let v = value(coalition)
            guard v.isFinite else { throw .nonFiniteValue(coalition) }
            values[bits] = v
        }
        self.playerCount = n
        self.values = values
        self.exactValues = nil
    }

    /// The game with the exact values `v(S) = exactValue(S)` for every nonempty `S ⊆ N`.
    /// Throws for `n ∉ 1...20` or a value beyond the double range.
    ///
    /// - Complexity: 2^n − 1 calls of `exactValue`.
    public init(playerCount n: Int, exactValue: (Coalition) -> ExactRational) throws(InputError) {
        let count = try Self.checkedCount(n)
        guard n <= Self.maximumExactPlayers else { throw .tooManyPlayersForExactValues(n) }
        var values = [Double](repeating: 0, count: count)
        var exact = [ExactRational](repeating: .zero, count: count)
        for bits in 1..<count {
            let coalition = Coalition(bits: UInt64(bits))
            let v = exactValue(coalition)
            let double = v.doubleValue
            guard double.isFinite else { throw .nonFiniteValue(coalition) }
            values[bits] = double
            exact[bits] = v
        }
        self.playerCount = n
        self.values = values
        self.exactValues = exact
    }

    /// The game with the given exact values; coalitions that are missing have value 0 (the
    /// design's game files list only the nonzero coalitions). Throws for `n ∉ 1...20`, a
    /// coalition with a player `≥ n`, or a nonzero `v(∅)`.
    ///
    /// - Complexity: O(2^n + d) for d entries.
    public init(playerCount n: Int, values given: [Coalition: ExactRational]) throws(InputError) {
        _ = try Self.checkedCount(n)
        let grand = Coalition.grand(n)
        for (coalition, v) in given {
            guard coalition.bits & ~grand.bits == 0 else { throw .coalitionOutOfRange(coalition) }
            if coalition.isEmpty && !v.isZero { throw .nonzeroEmptyCoalition }
        }
        try self.init(playerCount: n) { given[$0] ?? .zero }
    }
}
