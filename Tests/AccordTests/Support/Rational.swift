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
    /// The exact value of a decimal text `-?digits(.digits)?([eE][+-]?digits)?` (GENIUS
    /// attributes, Java's `7.49776291571514E-5`), `nil` for any other text.
    init?(decimal text: String) {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "e" || $0 == "E" }
        guard parts.count <= 2, let exponent = parts.count == 2 ? Int(parts[1]) : 0, abs(exponent) <= 30 else { return nil }
        let negative = parts[0].hasPrefix("-")
        let body = negative ? parts[0].dropFirst() : parts[0]
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, !pieces[0].isEmpty, pieces.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let whole = Int128(pieces.joined()) else { return nil }
        let places = (pieces.count == 2 ? pieces[1].count : 0) - exponent
        var power: Int128 = 1
        for _ in 0..<abs(places) { power *= 10 }
        let numerator = negative ? -whole : whole
        self.init(places >= 0 ? numerator : numerator * power, places >= 0 ? power : 1)
    }

    static func / (x: Rational, y: Rational) -> Rational { Rational(x.n * y.d, x.d * y.n) }
}
