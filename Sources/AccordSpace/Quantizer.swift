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
/// - *Exact*: every weight, value, interaction and the reservation is read as the fraction it
///   stands for (`ExactFraction`: `0.05` is 1/20, `2/7` is 2/7, GENIUS's `3/7` is 3/7), a term is
///   the exact product `w · v`, and `s_i` is the least common multiple of the terms' and the
///   reservation's denominators: utilities are exact fractions, so `1/3 + 1/3` ties with
///   `1/2 + 1/6`, and a package worth exactly the reservation is acceptable, as written.
/// - *Binary*, when that denominator times the party's largest utility does not fit (or a number
///   has no 64-bit fraction): `s_i` is the largest power of two that fits and a term is
///   `round(w·v·s_i)`; the rounding is below 2^-59 of the party's largest possible utility, and
///   `unit(party:)` is `nil` (the scenario warns: `ScenarioWarning.utilitiesRounded`).
package struct Quantizer: Sendable {
    /// The additive terms of one party: weight and value table of every issue, interactions, and
    /// the reservation its utilities are compared with (`nil` when the disagreement point is the
    /// status quo, or the utility is normalized and the reservation in normalized units).
    package struct PartyTerms {
        var weights: [Double]
        /// `tables[j]`: values of issue `j`'s options (empty when the party has none).
        var tables: [[Double]]
        var interactions: [Double]
        var reservation: Double?
    }

    /// How one party's terms become integers.
    private enum Encoding: Sendable {
        /// Utility unit `1/denominator`: every term is an exact multiple of it.
        case exact(denominator: Int64)
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
        let headroom = ExactFraction.headroom(parties: parties.count)
        limit = Int64(1) << headroom
        encodings = parties.map { Self.encoding(for: $0, headroom: headroom) }
        scales = encodings.map { encoding in
            switch encoding {
            case .exact(let denominator): return Double(denominator)
            case .binary(let scale): return scale
            }
        }
        ranges = Array(repeating: nil, count: parties.count)
    }

    /// `s_i` as an integer where `party`'s utilities are exact fractions `q / s_i` (the common
    /// denominator, or the range `D` of a normalized party); `nil` where they are rounded.
    package func unit(party: Int) -> Int64? {
        guard case .exact(let denominator) = encodings[party] else { return nil }
        if let range = ranges[party] { return range > 0 ? range : nil }
        return denominator
    }

    /// Rescales `party`'s utility to [0, 1]: its terms, shifted so that its smallest utility is
    /// the integer 0 (the caller shifts them), now stand for `u' = q / D` with `D = range`, the
    /// difference between its largest and smallest integer utility. `D = 0` (a party indifferent
    /// between all packages) reads every utility as 0.
    ///
    /// Thresholds (`threshold(_:party:)`) are then normalized utilities: `q ≥ r · D` is decided
    /// exactly for the fraction `r` stands for, in 128-bit integers.
    package mutating func normalize(party: Int, range: Int64) {
        ranges[party] = range
        scales[party] = range > 0 ? Double(range) : 1
    }

    /// The encoding of one party: exact in units of `1/L` when `ExactFraction.exactUnit` finds
    /// `L`, else binary with `B · s < 2^(headroom − 1)` for the bound `B` on `|u|`
    /// (`ExactFraction.utilityBound`, which validation keeps finite and at most 2^53).
    private static func encoding(for terms: PartyTerms, headroom: Int) -> Encoding {
        if let unit = ExactFraction.exactUnit(
            weights: terms.weights, tables: terms.tables, interactions: terms.interactions, reservation: terms.reservation, headroom: headroom) {
            return .exact(denominator: unit)
        }
        let magnitude = ExactFraction.utilityBound(weights: terms.weights, tables: terms.tables, interactions: terms.interactions)
        guard magnitude > 0, magnitude.isFinite else { return .binary(scale: 1) }
        let exponent = Int(magnitude.exponent)  // magnitude < 2^(exponent + 1)
        let shift = max(-1000, min(1000, headroom - exponent - 2))
        return .binary(scale: Double(sign: .plus, exponent: shift, significand: 1))
    }

    /// The integer of the term `weight · value` of `party`.
    package func term(weight: Double, value: Double, party: Int) -> Int64 {
        switch encodings[party] {
        case .exact(let denominator):
            // The encoding found both fractions and `denominator` is a multiple of the product's.
            guard let w = ExactFraction(weight), let v = ExactFraction(value), let term = ExactFraction.product(w, v) else { return 0 }
            return clamped(term.numerator * (Int128(denominator) / term.denominator))
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

    /// `x` clamped to `±limit`: the encoding keeps every term of a validated scenario within it, so
    /// the clamp only keeps an unvalidated caller's input from trapping in the conversion.
    private func clamped(_ x: Int128) -> Int64 {
        Int64(max(-Int128(limit), min(Int128(limit), x)))
    }

    /// The integer of an interaction term of `party`.
    package func interaction(_ value: Double, party: Int) -> Int64 {
        switch encodings[party] {
        case .exact(let denominator):
            guard let fraction = ExactFraction(value) else { return 0 }
            return clamped(Int128(fraction.numerator) * (Int128(denominator) / Int128(fraction.denominator)))
        case .binary(let scale):
            return integer(value * scale)
        }
    }

    /// The smallest integer utility of `party` that is `≥ value`, decided exactly for the fraction
    /// `value` stands for where the party's utilities are exact or normalized. Clamped beyond any
    /// reachable utility, so comparisons with reachable utilities stay exact.
    package func threshold(_ value: Double, party: Int) -> Int64 {
        if let range = ranges[party] {
            guard value <= 1 else { return limit }  // normalized utilities are 0...range
            guard value >= -1 else { return -limit }
            guard range > 0 else { return value <= 0 ? 0 : limit }
            return ceiling(value, times: range) ?? Int64((value * Double(range)).rounded(.up))
        }
        if case .exact(let denominator) = encodings[party], let exact = ceiling(value, times: denominator) {
            return exact
        }
        let scaled = (value * scales[party]).rounded(.up)
        // NaN (no utility is ≥ it) and beyond-reach values clamp; the rest is an integer already.
        if scaled.isNaN || scaled >= Double(limit) { return limit }
        if scaled <= -Double(limit) { return -limit }
        return Int64(scaled)
    }

    /// Whether `threshold(value, party:)` stands for `value` exactly (it is `value · s_i`, not
    /// rounded up or clamped): then a utility equal to it is worth exactly `value`, and only a
    /// larger one is strictly better.
    package func thresholdIsExact(_ value: Double, party: Int) -> Bool {
        let scale: Int64
        if let range = ranges[party] {
            guard range > 0, abs(value) <= 1 else { return false }
            scale = range
        } else if case .exact(let denominator) = encodings[party] {
            scale = denominator
        } else {
            let scaled = value * scales[party]  // a power of two: exact unless it overflows
            return scaled.isFinite && scaled == scaled.rounded() && abs(scaled) < Double(limit)
        }
        guard let r = ExactFraction(value) else { return false }
        let product = Int128(r.numerator) * Int128(scale)
        return product % Int128(r.denominator) == 0 && (product / Int128(r.denominator)).magnitude < UInt128(limit)
    }

    /// `⌈r · scale⌉` for the fraction `r` that `value` stands for, clamped to `±limit`, in 128-bit
    /// integers (`|r| < 2^63`, `scale < 2^62`); `nil` when `value` has no fraction.
    private func ceiling(_ value: Double, times scale: Int64) -> Int64? {
        guard let r = ExactFraction(value) else { return nil }
        let product = Int128(r.numerator) * Int128(scale)
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: Int128(r.denominator))
        return clamped(remainder > 0 ? quotient + 1 : quotient)  // division truncates toward 0: round up positives
    }

    /// The utility of `party` that an integer stands for (correctly rounded while `s_i ≤ 2^53`;
    /// within two roundings above, where `Double(s_i)` is itself rounded).
    package func utility(_ quantized: Int64, party: Int) -> Double {
        Double(quantized) / scales[party]
    }
}
