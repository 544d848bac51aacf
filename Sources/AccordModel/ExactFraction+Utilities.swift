extension ExactFraction {
    /// The bits a party's integer utility may use on a discrete space of `parties` parties: any
    /// party's `|u| < 2^headroom`, so the sum over all parties stays below 2^61.
    package static func headroom(parties: Int) -> Int {
        var bits = 0
        while (1 << bits) < Swift.max(parties, 2) { bits += 1 }
        return 61 - bits
    }

    /// `B = Σ_j max_o |w_j · v_jo| + Σ |interaction|`, a bound on the magnitude of a party's
    /// utility over every package of a discrete space (`tables[j]` empty where it has no values).
    package static func utilityBound(weights: [Double], tables: [[Double]], interactions: [Double]) -> Double {
        zip(weights, tables).reduce(0.0) { total, entry in
            total + entry.1.reduce(0) { Swift.max($0, Swift.abs(entry.0 * $1)) }
        } + interactions.reduce(0) { $0 + Swift.abs($1) }
    }

    /// The denominator `L` in which every utility of a party on a discrete space is an exact
    /// integer: the least common multiple of the denominators of every term `w_j · v_jo`, every
    /// interaction and the reservation (where given), each number read as its fraction, when
    /// `B · L < 2^(headroom − 1)` (`utilityBound`); `nil` when a number has no 64-bit fraction,
    /// `L` reaches 2^62 or the utilities would not fit: the party's utilities are then rounded.
    /// - Complexity: O(number of values), one `ExactFraction` reading each.
    package static func exactUnit(weights: [Double], tables: [[Double]], interactions: [Double], reservation: Double?, headroom: Int) -> Int64? {
        var result: Int64 = 1
        func include(_ denominator: Int64) -> Bool {
            let divisor = Int64(gcd(UInt64(result), UInt64(denominator)))
            let (product, overflow) = result.multipliedReportingOverflow(by: denominator / divisor)
            guard !overflow, product < (Int64(1) << 62) else { return false }
            result = product
            return true
        }
        for (weight, table) in zip(weights, tables) where !table.isEmpty {
            guard let w = ExactFraction(weight) else { return nil }
            for value in table {
                guard let v = ExactFraction(value), let term = product(w, v), include(Int64(term.denominator)) else { return nil }
            }
        }
        for value in interactions + (reservation.map { [$0] } ?? []) {
            guard let fraction = ExactFraction(value), include(fraction.denominator) else { return nil }
        }
        let bound = Double(Int64(1) << headroom)
        // The margin covers the rounding of `B`, a sum of products each rounded once.
        let magnitude = utilityBound(weights: weights, tables: tables, interactions: interactions)
        return magnitude * Double(result) * (1 + 0x1p-40) < bound / 2 ? result : nil
    }

    /// `a · b` in lowest terms, when numerator and denominator fit in 64 bits.
    package static func product(_ a: ExactFraction, _ b: ExactFraction) -> (numerator: Int128, denominator: Int128)? {
        let numerator = Int128(a.numerator) * Int128(b.numerator)  // |a|, |b| < 2^63: no overflow
        let denominator = Int128(a.denominator) * Int128(b.denominator)
        let divisor = Swift.max(Int128(gcd(numerator.magnitude, denominator.magnitude)), 1)
        let reduced = (numerator / divisor, denominator / divisor)
        guard reduced.1 < Int128(Int64.max), reduced.0.magnitude < UInt128(Int64.max) else { return nil }
        return reduced
    }
}
