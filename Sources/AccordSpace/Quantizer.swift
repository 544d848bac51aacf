import AccordModel
import AccordSkyline

/// Exact fixed-point utilities.
///
/// Every additive term of party `i` (a weighted option value or an interaction) is stored as an
/// integer in units of `1/s_i`, with a per-party scale `s_i` chosen so that any sum of terms, and
/// the sum of all parties' utilities, stays below 2^61 in magnitude. Integer sums are exact and
/// associative: the utility of a package is the same whatever order its terms are added in (issue
/// by issue, merged pairwise or enumerated), so ties and dominance are decided exactly and the
/// Pareto-sum merge agrees with enumeration to the last bit.
///
/// - When the party's weights, values and interactions are decimals as analysts write them
///   (`0.05`, `0.65`), each is read back as the integer it was written as (`5 · 10^-2`,
///   `65 · 10^-2`) and a term is their exact integer product in the power-of-ten scale
///   `10^(D_w + D_v)`: utilities are *exact decimals*, so `0.05·1 + 0.2·0.65` ties with
///   `0.05·0.8 + 0.2·0.7` and a package worth exactly the reservation is acceptable, as written.
/// - Otherwise the scale is the largest power of two that fits and a term is `round(w·v·s_i)`;
///   the rounding is below 2^-59 of the party's largest possible utility, far below double precision.
package struct Quantizer: Sendable {
    /// The additive terms of one party: weight and value table of every issue, and interactions.
    package struct PartyTerms {
        var weights: [Double]
        /// `tables[j]`: values of issue `j`'s options (empty when the party has none).
        var tables: [[Double]]
        var interactions: [Double]
    }

    /// How one party's terms become integers.
    private enum Encoding: Sendable {
        /// `weight = W · 10^-weightDigits`, `value = V · 10^-valueDigits`, utility unit `10^-exponent`.
        case decimal(weightDigits: Int, valueDigits: Int, interactionDigits: Int, exponent: Int)
        /// Utility unit `1/scale`, a power of two.
        case binary(scale: Double)
    }

    private let encodings: [Encoding]
    /// `s_i`: utilities are integers in units of `1/s_i`.
    package private(set) var scales: [Double]
    /// `D_i = max q_i − min q_i` for a party whose utility is normalized (`normalize(party:range:)`).
    private var ranges: [Int64?]
    /// Largest magnitude a party's quantized utility can take.
    package let limit: Int64

    package init(parties: [PartyTerms]) {
        var bits = 0
        while (1 << bits) < max(parties.count, 2) { bits += 1 }
        let headroom = 61 - bits  // any party's |u| < 2^headroom, so Σ_i |u_i| < 2^61
        limit = Int64(1) << headroom
        encodings = parties.map { Self.encoding(for: $0, headroom: headroom) }
        scales = encodings.map { encoding in
            switch encoding {
            case .decimal(_, _, _, let exponent): return Self.powerOfTen(exponent)
            case .binary(let scale): return scale
            }
        }
        ranges = Array(repeating: nil, count: parties.count)
    }

    /// Rescales `party`'s utility to [0, 1]: its terms, shifted so that its smallest utility is
    /// the integer 0 (the caller shifts them), now stand for `u' = q / D` with `D = range`, the
    /// difference between its largest and smallest integer utility. `D = 0` (a party indifferent
    /// between all packages) reads every utility as 0.
    ///
    /// Thresholds (`threshold(_:party:)`) are then normalized utilities: a decimal `r` is exact,
    /// `q ≥ r · D` decided in 128-bit integers.
    package mutating func normalize(party: Int, range: Int64) {
        ranges[party] = range
        scales[party] = range > 0 ? Double(range) : 1
    }

    /// The encoding of one party, from `B = Σ_j max_o |w_j · v_jo| + Σ |interaction|`, the bound
    /// on `|u|` that validation keeps finite (and at most 2^53): decimal when every number is a
    /// short decimal and `B · 10^exponent < 2^(headroom − 1)`, else binary with `B · s < 2^(headroom − 1)`.
    private static func encoding(for terms: PartyTerms, headroom: Int) -> Encoding {
        let magnitude = zip(terms.weights, terms.tables).reduce(0.0) { total, entry in
            total + entry.1.reduce(0) { Swift.max($0, abs(entry.0 * $1)) }
        } + terms.interactions.reduce(0) { $0 + abs($1) }
        let bound = Double(Int64(1) << headroom)
        if let weightDigits = decimalDigits(terms.weights),
           let valueDigits = decimalDigits(terms.tables.flatMap { $0 }),
           let interactionDigits = decimalDigits(terms.interactions) {
            let exponent = max(weightDigits + valueDigits, interactionDigits)
            if exponent <= 18, magnitude * powerOfTen(exponent) < bound / 2 {
                return .decimal(weightDigits: weightDigits, valueDigits: valueDigits, interactionDigits: interactionDigits, exponent: exponent)
            }
        }
        guard magnitude > 0, magnitude.isFinite else { return .binary(scale: 1) }
        let exponent = Int(magnitude.exponent)  // magnitude < 2^(exponent + 1)
        let shift = max(-1000, min(1000, headroom - exponent - 2))
        return .binary(scale: Double(sign: .plus, exponent: shift, significand: 1))
    }

    /// The fewest decimal digits `D ≤ 9` with which every number is written, if any: `x · 10^D` is
    /// an integer up to the rounding of reading the decimal (checked while `|x · 10^D| < 2^30`).
    /// That rounding is relative: `x` is within half an ulp of the decimal and `10^D` is exact, so
    /// `x · 10^D` is within 8 ulps of the integer `N` it stands for (`N · 2^-49`). An absolute
    /// tolerance (it was 10^-6) read `0.50000001` as `0.5` and `1.0000009` as `1`.
    package static func decimalDigits(_ numbers: [Double]) -> Int? {
        var scale = 1.0
        for digits in 0...9 {
            let exact = numbers.allSatisfy { x in
                let scaled = x * scale
                return abs(scaled) < 0x1p30 && abs(scaled - scaled.rounded()) <= 8 * scaled.ulp
            }
            if exact { return digits }
            scale *= 10
        }
        return nil
    }

    private static func powerOfTen(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    private static func integerPowerOfTen(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(Int64(1)) { value, _ in value * 10 }
    }

    /// The integer of the term `weight · value` of `party`.
    package func term(weight: Double, value: Double, party: Int) -> Int64 {
        switch encodings[party] {
        case .decimal(let weightDigits, let valueDigits, _, let exponent):
            // |w|, |v| < 2^30 (`decimalDigits`) and |w · v| · 10^exponent ≤ B · 10^exponent < 2^60: no overflow.
            let w = integer(weight * Self.powerOfTen(weightDigits))
            let v = integer(value * Self.powerOfTen(valueDigits))
            return clampedProduct(w, v, Self.integerPowerOfTen(exponent - weightDigits - valueDigits))
        case .binary(let scale):
            return integer(weight * value * scale)
        }
    }

    /// `x` rounded to the nearest integer, clamped to `±limit`; NaN reads as 0. The encoding keeps
    /// every term of a validated scenario within `±limit`, so the clamp only keeps an unvalidated
    /// caller's input (an infinite or NaN product) from trapping in the conversion.
    private func integer(_ x: Double) -> Int64 {
        guard !x.isNaN else { return 0 }
        let rounded = x.rounded()
        if rounded >= Double(limit) { return limit }
        if rounded <= -Double(limit) { return -limit }
        return Int64(rounded)
    }

    /// `a · b · c`, or `±limit` (the product's sign) when it does not fit in 64 bits: like
    /// `integer(_:)`, a guard against an unvalidated caller's input, never reached otherwise.
    private func clampedProduct(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        let (ab, first) = a.multipliedReportingOverflow(by: b)
        let (abc, second) = ab.multipliedReportingOverflow(by: c)
        guard first || second else { return abc }
        return (a < 0) == (b < 0) ? limit : -limit
    }

    /// The integer of an interaction term of `party`.
    package func interaction(_ value: Double, party: Int) -> Int64 {
        switch encodings[party] {
        case .decimal(_, _, let interactionDigits, let exponent):
            let x = integer(value * Self.powerOfTen(interactionDigits))
            return clampedProduct(x, 1, Self.integerPowerOfTen(exponent - interactionDigits))
        case .binary(let scale):
            return integer(value * scale)
        }
    }

    /// The smallest integer utility of `party` that is `≥ value`; a decimal `value` is read as
    /// written when the party's utilities are exact decimals. Clamped beyond any reachable
    /// utility, so comparisons with reachable utilities stay exact.
    package func threshold(_ value: Double, party: Int) -> Int64 {
        if let range = ranges[party] { return Self.normalizedThreshold(value, range: range, limit: limit) }
        var scaled = value * scales[party]
        if case .decimal(_, _, _, let exponent) = encodings[party], let digits = Self.decimalDigits([value]), digits <= exponent {
            scaled = (value * Self.powerOfTen(digits)).rounded() * Self.powerOfTen(exponent - digits)
        } else {
            scaled.round(.up)
        }
        // NaN (no utility is ≥ it) and beyond-reach values clamp; the rest is an integer already.
        if scaled.isNaN || scaled >= Double(limit) { return limit }
        if scaled <= -Double(limit) { return -limit }
        return Int64(scaled)
    }

    /// The smallest integer `q` with `q ≥ value · range`, where reachable utilities are
    /// `0...range` (`range < limit`): `limit` when `value > 1` (nothing reaches it), `0` or below
    /// when `value ≤ 0` (everything does). A decimal `value = R · 10^-k` (`k ≤ 9`) gives
    /// `⌈R · range / 10^k⌉` exactly, in 128-bit arithmetic; another double is rounded up after
    /// one floating-point product.
    private static func normalizedThreshold(_ value: Double, range: Int64, limit: Int64) -> Int64 {
        guard value <= 1 else { return limit }
        guard value >= -1 else { return -limit }
        guard range > 0 else { return value <= 0 ? 0 : limit }
        guard let digits = decimalDigits([value]) else {
            return Int64((value * Double(range)).rounded(.up))
        }
        let numerator = Int64((value * powerOfTen(digits)).rounded())  // |R| ≤ 10^k ≤ 10^9
        let product = numerator.multipliedFullWidth(by: range)
        // |R · range / 10^k| ≤ range < 2^62: the quotient fits.
        let (quotient, remainder) = integerPowerOfTen(digits).dividingFullWidth(product)
        return remainder > 0 ? quotient + 1 : quotient  // division truncates toward 0: round up positives
    }

    /// The utility of `party` that an integer stands for (correctly rounded; for a normalized
    /// party, `q / D` within two roundings when `D ≥ 2^53`).
    package func utility(_ quantized: Int64, party: Int) -> Double {
        Double(quantized) / scales[party]
    }
}
