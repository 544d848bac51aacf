/// A coalition of players `0..<n` as a bit set: player `i` is a member when bit `i` is set.
/// Games and voting rules of up to 64 players enumerate coalitions this way; larger ones (195
/// parties) are handled by counting (`VotingPower`), never by listing.
public struct Coalition: Hashable, Sendable, Comparable {
    public var bits: UInt64

    public init(bits: UInt64) { self.bits = bits }

    /// The coalition of the given players (each in `0..<64`).
    public init<Members: Sequence<Int>>(_ members: Members) {
        bits = members.reduce(0) { $0 | (1 << UInt64($1)) }
    }

    /// Every player of `0..<n`.
    public static func grand(_ n: Int) -> Coalition { Coalition(bits: n >= 64 ? .max : (1 << UInt64(n)) - 1) }

    public func contains(_ player: Int) -> Bool { bits >> UInt64(player) & 1 == 1 }
    public var count: Int { bits.nonzeroBitCount }
    public var isEmpty: Bool { bits == 0 }
    /// The members in increasing order.
    public var members: [Int] {
        var rest = bits, result: [Int] = []
        while rest != 0 {
            result.append(rest.trailingZeroBitCount)
            rest &= rest - 1
        }
        return result
    }

    public func adding(_ player: Int) -> Coalition { Coalition(bits: bits | 1 << UInt64(player)) }
    public func removing(_ player: Int) -> Coalition { Coalition(bits: bits & ~(1 << UInt64(player))) }

    public static func < (a: Coalition, b: Coalition) -> Bool { a.bits < b.bits }
}
