/// Exact fixed-point utilities.
///
/// Every additive term of party `i` (a weighted option value or an interaction) is stored as the
/// integer `round(term · s_i)` with a per-party scale `s_i`, chosen so that any sum of terms, and
/// the sum of all parties' utilities, stays below 2^61 in magnitude. Integer sums are exact and
/// associative: the utility of a package is the same whatever order its terms are added in (issue
/// by issue, merged pairwise or enumerated), so ties and dominance are decided exactly and the
/// Pareto-sum merge agrees with enumeration to the last bit.
///
/// - When every term of a party is a decimal with at most 15 digits after the point — weights and
///   values as analysts write them, `0.05 × 0.65` — the scale is the power of ten `10^D` that makes
///   them integers: utilities are then *exact decimals*, so `0.05·1 + 0.2·0.65` ties with
///   `0.05·0.8 + 0.2·0.7` and a package worth exactly the reservation is acceptable, as written.
/// - Otherwise the scale is the largest power of two that fits; the rounding of a term is then
///   below 2^-59 of the party's largest possible utility, far below double precision.
struct Quantizer: Sendable {
    /// `s_i`: a power of ten (decimal terms) or of two.
    let scales: [Double]
    /// Whether `s_i` is a power of ten that makes every term of party `i` exact.
    let isDecimal: [Bool]
    /// Largest magnitude a party's quantized utility can take.
    let limit: Int64

    /// Chooses `s_i` from all additive terms of each party (`terms[i]`).
    init(terms: [[Double]]) {
        let parties = terms.count
        var bits = 0
        while (1 << bits) < max(parties, 2) { bits += 1 }
        let headroom = 61 - bits  // any party's |u| < 2^headroom, so Σ_i |u_i| < 2^61
        let limit = Int64(1) << headroom
        self.limit = limit
        var scales: [Double] = []
        var isDecimal: [Bool] = []
        for partyTerms in terms {
            let magnitude = partyTerms.reduce(0) { $0 + abs($1) }
            if let decimal = Self.decimalScale(partyTerms, magnitude: magnitude, limit: Double(limit)) {
                scales.append(decimal)
                isDecimal.append(true)
                continue
            }
            isDecimal.append(false)
            guard magnitude > 0, magnitude.isFinite else {
                scales.append(1)
                continue
            }
            let exponent = Int(magnitude.exponent)  // magnitude < 2^(exponent + 1)
            let shift = max(-1000, min(1000, headroom - exponent - 2))
            scales.append(Double(sign: .plus, exponent: shift, significand: 1))
        }
        self.scales = scales
        self.isDecimal = isDecimal
    }

    /// The smallest `10^D` (D ≤ 15) that turns every term into an integer, up to the floating-point
    /// error of computing the term, with room for all their sums; `nil` when there is none.
    private static func decimalScale(_ terms: [Double], magnitude: Double, limit: Double) -> Double? {
        var scale = 1.0
        for _ in 0...15 {
            // Terms are products of decimals computed in binary: allow their rounding error,
            // which stays below 1e-6 in scaled units while |t · 10^D| < 2^30.
            if magnitude * scale >= limit { return nil }
            let exact = terms.allSatisfy { term in
                let scaled = term * scale
                return abs(scaled) < 0x1p30 && abs(scaled - scaled.rounded()) <= 1e-6
            }
            if exact { return scale }
            scale *= 10
        }
        return nil
    }

    /// The integer of one additive term of `party`.
    func quantize(_ term: Double, party: Int) -> Int64 {
        Int64((term * scales[party]).rounded())
    }

    /// The smallest integer utility of `party` that is `≥ value` (for a decimal scale, `value` is
    /// read as the decimal it was written as); clamped beyond any reachable utility, so that
    /// comparisons with reachable utilities are exact.
    func threshold(_ value: Double, party: Int) -> Int64 {
        var scaled = value * scales[party]
        if isDecimal[party] && abs(scaled - scaled.rounded()) <= 1e-6 { scaled.round() } else { scaled.round(.up) }
        if scaled >= Double(limit) { return limit }
        if scaled <= -Double(limit) { return -limit }
        return Int64(scaled)
    }

    /// The utility of `party` that an integer stands for (correctly rounded).
    func utility(_ quantized: Int64, party: Int) -> Double {
        Double(quantized) / scales[party]
    }
}
