/// The exact number a scenario's double stands for: a fraction `numerator / denominator` in
/// lowest terms, `denominator > 0`.
///
/// A number in a scenario is held as a double, the one nearest to what the file says (`0.1`,
/// `2/7`, GENIUS's `evaluation / max`). Three readings of a double `x` give back exactly `x`:
/// 1. the shortest decimal that reads as `x` (`0.1` → 1/10; for a decimal written with at most
///    15 significant digits this is the decimal as written);
/// 2. the fraction `p/q` with the smallest `q ≤ Q(x)` among the continued-fraction convergents
///    of `x` that reads as `x` (`2/7`), where `Q(x) = min(2^20, 2^⌊(k − 12)/2⌋)` for the spacing
///    `2^-k` of doubles at `x` (`Q = 2^20 = 1,048,576` for `|x| < 1`, 32,768 at 1,000): two
///    fractions with such denominators differ by at least `1/Q² ≥ 2^12` spacings, so the fraction
///    a file wrote is the only one that reads as `x`, and a long decimal (`0.37045171734166881`)
///    is almost never taken for one by chance;
/// 3. the binary value of `x` itself (`m / 2^k`).
/// `x` stands for the one with the smallest denominator (the first of equals). It is what the
/// file wrote whenever the file wrote a short decimal or a small fraction, and a number computed
/// in binary (`0.1 + 0.2`) stands for its own binary value.
package struct ExactFraction: Sendable, Hashable {
    package let numerator: Int64
    package let denominator: Int64

    /// `nil` when `x` is not finite or no reading has numerator and denominator within 64 bits
    /// (magnitudes beyond 2^63, or below about 10^-18 unless binary with a short significand).
    /// - Complexity: O(1) (at most 64 continued-fraction steps and one shortest-digits conversion).
    package init?(_ x: Double) {
        guard x.isFinite else { return nil }
        let magnitude = Swift.abs(x)
        let sign: Int64 = x < 0 ? -1 : 1
        if magnitude == magnitude.rounded() {
            guard magnitude < 0x1p63 else { return nil }
            self.init(reduced: sign * Int64(magnitude), 1)
            return
        }
        let readings = [Self.shortestDecimal(magnitude), Self.convergent(magnitude), Self.binary(magnitude)].compactMap { $0 }
        // `min(by:)` keeps the first of equals.
        guard let best = readings.min(by: { $0.denominator < $1.denominator }) else { return nil }
        self.init(reduced: sign * best.numerator, best.denominator)
    }

    /// `numerator / denominator`, reduced; `denominator > 0`.
    package init(reduced numerator: Int64, _ denominator: Int64) {
        let divisor = Swift.max(1, Self.gcd(numerator.magnitude, denominator.magnitude))
        self.numerator = numerator / Int64(divisor)
        self.denominator = denominator / Int64(divisor)
    }

    /// Greatest common divisor (Euclid); `gcd(0, 0) = 0`.
    package static func gcd<T: UnsignedInteger>(_ a: T, _ b: T) -> T {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// Reading 1: the digits of `x.description` (Swift prints the shortest decimal that reads
    /// back as `x`; `DecimalDigits`) as `N / 10^D`, reduced, when `D ≤ 18` and `N` has at most 18 digits.
    private static func shortestDecimal(_ x: Double) -> (numerator: Int64, denominator: Int64)? {
        guard let decimal = DecimalDigits(x.description) else { return nil }
        let decimals = decimal.digits.count - decimal.exponent
        guard decimals > 0, decimals <= 18, decimal.digits.count <= 18 else { return nil }  // integers: the caller
        let mantissa = decimal.digits.reduce(Int64(0)) { $0 * 10 + Int64($1) }  // at most 18 digits: below 2^63
        var power: Int64 = 1
        for _ in 0..<decimals { power *= 10 }
        let divisor = Int64(gcd(UInt64(mantissa), UInt64(power)))
        return (mantissa / divisor, power / divisor)
    }

    /// Reading 2: the first continued-fraction convergent `p/q` of `x` (`q ≤ Q(x)`) whose correctly
    /// rounded quotient `Double(p) / Double(q)` is `x` — one division of two exact doubles, so
    /// "reads as `x`" is decided exactly. Convergents are in lowest terms.
    private static func convergent(_ x: Double) -> (numerator: Int64, denominator: Int64)? {
        guard let (significand, exponent) = binaryParts(x), exponent < 0, -exponent <= 120 else { return nil }
        // x = a / b exactly, in 128-bit integers.
        var a = UInt128(significand), b = UInt128(1) << UInt128(-exponent)
        var (p1, p0): (UInt128, UInt128) = (1, 0)  // p_{k-1}, p_{k-2}
        var (q1, q0): (UInt128, UInt128) = (0, 1)
        // Q(x): the spacing at x is x.ulp = 2^-k.
        let k = -Int(x.ulp.exponent)
        guard k >= 14 else { return nil }
        let limit = UInt128(1) << UInt128(Swift.min(20, (k - 12) / 2))
        while b != 0 {
            let quotient = a / b
            (a, b) = (b, a - quotient * b)
            let (pq, overflowP) = quotient.multipliedReportingOverflow(by: p1)
            let (qq, overflowQ) = quotient.multipliedReportingOverflow(by: q1)
            guard !overflowP, !overflowQ else { return nil }
            let p = pq + p0, q = qq + q0
            guard q <= limit, p < (UInt128(1) << 53) else { return nil }
            if Double(UInt64(p)) / Double(UInt64(q)) == x { return (Int64(p), Int64(q)) }
            (p0, p1) = (p1, p)
            (q0, q1) = (q1, q)
        }
        return nil
    }

    /// Reading 3: `x = m / 2^k` with `m` odd, when `k ≤ 62`.
    private static func binary(_ x: Double) -> (numerator: Int64, denominator: Int64)? {
        guard let (significand, exponent) = binaryParts(x), exponent < 0, -exponent <= 62 else { return nil }
        return (Int64(significand), Int64(1) << Int64(-exponent))
    }

    /// `x = significand · 2^exponent` with an odd significand below 2^53 (`x > 0`, finite).
    private static func binaryParts(_ x: Double) -> (significand: UInt64, exponent: Int)? {
        guard x > 0, x.isFinite else { return nil }
        var significand = x.significandBitPattern
        var exponent = Int(x.exponent) - Double.significandBitCount
        if x.isNormal { significand |= 1 << UInt64(Double.significandBitCount) } else { exponent = -1074 }
        let zeros = significand.trailingZeroBitCount
        return (significand >> UInt64(zeros), exponent + zeros)
    }
}
