/// Exact rationals for the tests' brute-force oracles (`ExactRationalTests`, `AnacExactnessTests`),
/// written from the definition, independent of `ExactFraction`: a fraction in lowest terms
/// (positive denominator), 128-bit; an overflow traps, failing the test loudly.
struct Rational: Comparable, Hashable {
    let n: Int128
    let d: Int128

    init(_ n: Int128, _ d: Int128) {
        let g = max(Rational.gcd(n, d), 1)
        let sign: Int128 = d < 0 ? -1 : 1
        self.n = sign * n / g
        self.d = sign * d / g
    }

    static func + (x: Rational, y: Rational) -> Rational {
        let g = Rational.gcd(x.d, y.d)
        return Rational(x.n * (y.d / g) + y.n * (x.d / g), x.d / g * y.d)
    }
    static func - (x: Rational, y: Rational) -> Rational { x + Rational(-y.n, y.d) }
    static func * (x: Rational, y: Rational) -> Rational { Rational(x.n * y.n, x.d * y.d) }
    static func < (x: Rational, y: Rational) -> Bool { x.n * y.d < y.n * x.d }
    var double: Double { Double(n) / Double(d) }

    static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var (a, b) = (a.magnitude, b.magnitude)
        while b != 0 { (a, b) = (b, a % b) }
        return Int128(a)
    }

    static func lcm(_ a: Int128, _ b: Int128) -> Int128 { a / gcd(a, b) * b }
}

extension Rational {
    /// The exact value of a decimal text `-?digits(.digits)?` (GENIUS attributes), `nil` for any
    /// other text.
    init?(decimal text: String) {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let whole = Int128(parts.joined()) else { return nil }
        var power: Int128 = 1
        for _ in 0..<(parts.count == 2 ? parts[1].count : 0) { power *= 10 }
        self.init(negative ? -whole : whole, power)
    }

    static func / (x: Rational, y: Rational) -> Rational { Rational(x.n * y.d, x.d * y.n) }
}
