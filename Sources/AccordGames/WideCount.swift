import BigInt

/// A fixed-width unsigned counter for the counting tables of `VotingPower`: `UInt64` or a
/// `DoubleWidth` of a narrower counter (128, 256, 512 bits), with add and subtract with carry.
///
/// All arithmetic wraps modulo `2^bitWidth`. The tables count subsets of `n` players, so every
/// true value is below `2^n`; choosing `bitWidth ≥ n` makes the wrapped results exact, including
/// the intermediate differences of the inverse recurrence (which are counts too).
protocol WideCount: Sendable {
    static var zero: Self { get }
    static var one: Self { get }
    static var bitWidth: Int { get }
    /// `self + other + carry` and the carry out (each 0 or 1).
    func adding(_ other: Self, carry: UInt64) -> (Self, UInt64)
    /// `self − other − borrow` and the borrow out (each 0 or 1).
    func subtracting(_ other: Self, borrow: UInt64) -> (Self, UInt64)
    /// The nearest-ish double (a few ulps): exact for values below `2^53`.
    var doubleValue: Double { get }
    var bigUIntValue: BigUInt { get }
    var isZero: Bool { get }
}

extension WideCount {
    /// `self + other mod 2^bitWidth`.
    @inline(__always) func wrappingAdding(_ other: Self) -> Self { adding(other, carry: 0).0 }
    /// `self − other mod 2^bitWidth`.
    @inline(__always) func wrappingSubtracting(_ other: Self) -> Self { subtracting(other, borrow: 0).0 }
}

extension UInt64: WideCount {
    static var one: UInt64 { 1 }

    @inline(__always) func adding(_ other: UInt64, carry: UInt64) -> (UInt64, UInt64) {
        let s1 = self &+ other, s2 = s1 &+ carry
        return (s2, (s1 < self ? 1 : 0) | (s2 < s1 ? 1 : 0))
    }

    @inline(__always) func subtracting(_ other: UInt64, borrow: UInt64) -> (UInt64, UInt64) {
        let d1 = self &- other, d2 = d1 &- borrow
        return (d2, (self < other ? 1 : 0) | (d1 < borrow ? 1 : 0))
    }

    var doubleValue: Double { Double(self) }
    var bigUIntValue: BigUInt { BigUInt(self) }
    var isZero: Bool { self == 0 }
}

/// Two halves, `high · 2^Half.bitWidth + low`.
struct DoubleWidth<Half: WideCount>: WideCount {
    var low: Half
    var high: Half

    static var zero: Self { Self(low: .zero, high: .zero) }
    static var one: Self { Self(low: .one, high: .zero) }
    static var bitWidth: Int { 2 * Half.bitWidth }

    @inline(__always) func adding(_ other: Self, carry: UInt64) -> (Self, UInt64) {
        let (l, c) = low.adding(other.low, carry: carry)
        let (h, c2) = high.adding(other.high, carry: c)
        return (Self(low: l, high: h), c2)
    }

    @inline(__always) func subtracting(_ other: Self, borrow: UInt64) -> (Self, UInt64) {
        let (l, b) = low.subtracting(other.low, borrow: borrow)
        let (h, b2) = high.subtracting(other.high, borrow: b)
        return (Self(low: l, high: h), b2)
    }

    var doubleValue: Double {
        high.doubleValue * Double(sign: .plus, exponent: Half.bitWidth, significand: 1) + low.doubleValue
    }

    var bigUIntValue: BigUInt { high.bigUIntValue << Half.bitWidth + low.bigUIntValue }
    var isZero: Bool { low.isZero && high.isZero }
}

typealias WideCount128 = DoubleWidth<UInt64>
typealias WideCount256 = DoubleWidth<WideCount128>
typealias WideCount512 = DoubleWidth<WideCount256>
