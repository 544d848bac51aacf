import BigInt

/// An exact rational number `numerator / denominator` over arbitrary-precision integers, always in
/// lowest terms with a positive denominator (so equal numbers have equal representations, and
/// `==` and hashing are exact).
///
/// Used for the exact values of a game (decimal inputs such as `73.3` are stored exactly, not as
/// the nearest binary double) and for the exact checks (Kohlberg's criterion, core membership).
/// Division by zero is not an operator: `divided(by:)` returns `nil` for a zero divisor.
///
/// - Complexity: each operation is a few BigInt multiplications and one gcd, polynomial in the
///   number of digits.
public struct ExactRational: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numerator, with the sign of the number.
    public let numerator: BigInt
    /// The denominator, always ≥ 1 and coprime to the numerator.
    public let denominator: BigInt

    public static let zero = ExactRational(normalized: 0, 1)
    public static let one = ExactRational(normalized: 1, 1)

    /// A pair already in lowest terms with a positive denominator.
    private init(normalized numerator: BigInt, _ denominator: BigInt) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// `numerator / denominator` in lowest terms; `nil` when the denominator is 0.
    public init?(numerator: BigInt, denominator: BigInt) {
        guard !denominator.isZero else { return nil }
        self.init(reducing: numerator, denominator)
    }

    /// `n / d` in lowest terms, for `d ≠ 0` (checked by every caller).
    private init(reducing n: BigInt, _ d: BigInt) {
        let g = n.greatestCommonDivisor(with: d)
        var (n, d) = g.isZero || g == 1 ? (n, d) : (n / g, d / g)
        if d.sign == .minus {
            n.negate()
            d.negate()
        }
        self.init(normalized: n, d)
    }

    /// The integer `value`.
    public init(_ value: Int) { self.init(normalized: BigInt(value), 1) }

    /// The integer `value`.
    public init(_ value: BigInt) { self.init(normalized: value, 1) }

    /// The exact value of a finite double (every finite double is `m · 2^e`, a dyadic rational);
    /// `nil` for NaN and ±∞. `0.1` becomes `3602879701896397 / 2^55`, not `1/10`: use
    /// `init(decimal:)` or `simplest(within:of:)` for decimal intent.
    ///
    /// - Complexity: O(1) BigInt operations (at most 1,074 exact doublings of the double).
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        var scaled = value
        var shift = 0
        // Doubling is exact while the value is not an integer (|value| < 2^53 then).
        while scaled != scaled.rounded(.towardZero) {
            scaled *= 2
            shift += 1
        }
        self.init(reducing: BigInt(scaled), BigInt(1) << shift)
    }

    /// The exact value of a decimal text `-?digits(.digits)?([eE][+-]?digits)?`: `"73.3"` is
    /// exactly `733/10`, `"5e-3"` is `1/200`. `nil` for any other text (no spaces, no `+` sign,
    /// no hexadecimal, no `inf`/`nan`) and for exponents beyond ±400.
    ///
    /// - Complexity: O(d²) for d digits (BigInt parsing and one power of ten).
    public init?(decimal text: String) {
        var rest = Substring(text)
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let exponentText = rest[rest.index(after: e)...]
            let digits = exponentText.first == "-" || exponentText.first == "+" ? exponentText.dropFirst() : exponentText
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = Int(exponentText), abs(value) <= 400
            else { return nil }
            exponent = value
            rest = rest[..<e]
        }
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.count == 1 || !parts[1].isEmpty else { return nil }
        let digits = parts.joined()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), var n = BigInt(digits, radix: 10) else { return nil }
        exponent -= parts.count == 2 ? parts[1].count : 0
        if negative { n.negate() }
        let power = BigInt(10).power(abs(exponent))
        self = exponent >= 0 ? ExactRational(normalized: n * power, 1) : ExactRational(reducing: n, power)
    }

    public var isZero: Bool { numerator.isZero }
    public var isNegative: Bool { numerator.sign == .minus && !numerator.isZero }
    public var isPositive: Bool { numerator.sign == .plus && !numerator.isZero }

    /// The nearest double (within one unit in the last place; ±∞ beyond the double range).
    public var doubleValue: Double {
        let bits = max(numerator.magnitude.bitWidth, denominator.magnitude.bitWidth)
        // Keep both parts within the double range by dropping the same number of low bits.
        let drop = max(0, bits - 1000)
        let n = Double(numerator >> drop), d = Double(denominator >> drop)
        return d == 0 ? (n < 0 ? -.infinity : .infinity) : n / d
    }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    public static func + (a: ExactRational, b: ExactRational) -> ExactRational {
        if a.denominator == b.denominator {
            return a.denominator == 1
                ? ExactRational(normalized: a.numerator + b.numerator, 1)
                : ExactRational(reducing: a.numerator + b.numerator, a.denominator)
        }
        return ExactRational(reducing: a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static prefix func - (a: ExactRational) -> ExactRational { ExactRational(normalized: -a.numerator, a.denominator) }

    public static func - (a: ExactRational, b: ExactRational) -> ExactRational { a + (-b) }

    public static func * (a: ExactRational, b: ExactRational) -> ExactRational {
        ExactRational(reducing: a.numerator * b.numerator, a.denominator * b.denominator)
    }

    public static func += (a: inout ExactRational, b: ExactRational) { a = a + b }
    public static func -= (a: inout ExactRational, b: ExactRational) { a = a - b }

    /// `self / divisor`; `nil` when `divisor` is 0.
    public func divided(by divisor: ExactRational) -> ExactRational? {
        guard !divisor.isZero else { return nil }
        return ExactRational(reducing: numerator * divisor.denominator, denominator * divisor.numerator)
    }

    public static func < (a: ExactRational, b: ExactRational) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// The largest integer ≤ `self`.
    public var floor: BigInt {
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        return r.sign == .minus && !r.isZero ? q - 1 : q
    }

    /// The simplest rational (smallest denominator, then smallest numerator magnitude) in the
    /// closed interval `[value − tolerance, value + tolerance]`, by continued fractions (the
    /// Stern–Brocot descent): `0.333333333333` with tolerance 1e-9 gives `1/3`, `48.35000000000001`
    /// gives `967/20`. `nil` for a non-finite value or a negative or non-finite tolerance.
    ///
    /// - Complexity: O(log(1/tolerance)) continued-fraction steps.
    public static func simplest(within tolerance: Double, of value: Double) -> ExactRational? {
        guard let center = ExactRational(exactly: value), let radius = ExactRational(exactly: tolerance), !radius.isNegative
        else { return nil }
        return simplest(in: center - radius, center + radius)
    }

    /// The simplest rational in `[low, high]` (`low ≤ high`).
    static func simplest(in low: ExactRational, _ high: ExactRational) -> ExactRational {
        if !low.isPositive && !high.isNegative { return .zero }
        if high.isNegative { return -simplest(in: -high, -low) }
        // 0 < low ≤ high. Peel integer parts: x = a + 1/y, with y in the inverted interval.
        var terms: [BigInt] = []
        var (lo, hi) = (low, high)
        while true {
            let a = lo.floor
            let integer = ExactRational(a)
            if integer == lo {
                terms.append(a)
                break
            }
            if ExactRational(a + 1) <= hi {
                terms.append(a + 1)
                break
            }
            terms.append(a)
            // lo − a and hi − a are in (0, 1): both positive, so the inversions are defined.
            guard let newLow = (hi - integer).reciprocal, let newHigh = (lo - integer).reciprocal else { break }
            (lo, hi) = (newLow, newHigh)
        }
        var result = ExactRational(terms.last ?? 0)
        for a in terms.dropLast().reversed() {
            result = ExactRational(a) + (result.reciprocal ?? .zero)
        }
        return result
    }

    /// `1 / self`; `nil` for 0.
    public var reciprocal: ExactRational? { ExactRational.one.divided(by: self) }
}
