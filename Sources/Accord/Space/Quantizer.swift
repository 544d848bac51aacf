/// Exact fixed-point utilities.
///
/// Every additive term of party `i` (a weighted option value or an interaction) is stored as the
/// integer `round(term · s_i)` with a per-party power-of-two scale `s_i`, chosen so that any sum of
/// terms, and the sum of all parties' utilities, stays below 2^62 in magnitude. Integer sums are
/// exact and associative: the utility of a package is the same bits whatever order the terms are
/// added in (issue by issue, merged pairwise, or enumerated), so ties and dominance are decided
/// exactly and the Pareto-sum merge agrees with enumeration to the last bit. The rounding of a term
/// is below 2^-61 of the party's largest possible utility — far below double precision.
struct Quantizer: Sendable {
    /// `s_i`, a power of two.
    let scales: [Double]

    /// Largest magnitude a party's quantized utility can take.
    let limit: Int64

    /// Chooses `s_i` from `maxMagnitude[i]`, a bound on `Σ |terms|` of party `i`.
    init(maxMagnitude: [Double]) {
        let parties = maxMagnitude.count
        var bits = 0
        while (1 << bits) < max(parties, 2) { bits += 1 }
        let headroom = 61 - bits  // any party's |u| < 2^headroom, so Σ_i |u_i| < 2^61
        limit = Int64(1) << headroom
        scales = maxMagnitude.map { magnitude in
            guard magnitude > 0, magnitude.isFinite else { return 1 }
            let exponent = Int(magnitude.exponent)  // magnitude < 2^(exponent + 1)
            let shift = max(-1000, min(1000, headroom - exponent - 2))
            return Double(sign: .plus, exponent: shift, significand: 1)
        }
    }

    /// The integer of one additive term of `party`.
    func quantize(_ term: Double, party: Int) -> Int64 {
        Int64((term * scales[party]).rounded())
    }

    /// The smallest integer utility of `party` that is `≥ value`; clamped beyond any reachable
    /// utility, so comparisons with reachable utilities are exact.
    func threshold(_ value: Double, party: Int) -> Int64 {
        let scaled = (value * scales[party]).rounded(.up)
        if scaled >= Double(limit) { return limit }
        if scaled <= -Double(limit) { return -limit }
        return Int64(scaled)
    }

    /// The utility of `party` that an integer stands for.
    func utility(_ quantized: Int64, party: Int) -> Double {
        Double(quantized) / scales[party]
    }
}
