import AccordGames
import AccordModel
import AccordSpace
import BigInt

/// Who accepts which package of a discrete scenario, for coalition analysis: for every package,
/// the set `A(p)` of parties that accept it (it crosses none of their red lines and gives them
/// `u_i ≥ d_i`, decided on the exact integer utilities of `DiscreteSpace`), and their gains.
///
/// A coalition `S` *can agree* when some package has `S ⊆ A(p)`; only the maximal sets `A(p)`
/// matter for that. With transfers, `bestJointGain[S] = max_{p: S ⊆ A(p)} Σ_{i∈S} (u_i − d_i)`.
///
/// - Complexity: O(P · (m·n + r)) to build over P packages (m issues, n parties, r red lines);
///   `jointGains` is O(Σ_p 2^|A(p)|).
public struct AcceptanceTable: Sendable {
    public let partyCount: Int
    /// The distinct acceptance sets that no other package's set contains, ascending.
    public let maximalSets: [Coalition]
    /// Every package with a non-empty acceptance set: its option indices, set and gains.
    let accepted: [(package: [Int], set: Coalition, gains: [Double])]
    /// The gains of `accepted` exactly, as integers in units of `1/exactScale`, where every
    /// party's utilities are exact fractions (`Quantizer.unit(party:)`) and their common
    /// denominator fits in 63 bits; `nil` otherwise.
    let exactGains: [[Int128]]?
    let exactScale: Int128?

    /// The most packages the table enumerates (every package of the space is visited).
    public static let packageLimit = 2_000_000

    /// - Returns: `nil` when the space has more than `packageLimit` packages or more than 64
    ///   parties.
    public init?(space: DiscreteSpace) {
        let scenario = space.scenario
        let n = space.partyCount
        guard n <= 64, space.packageCount <= Double(Self.packageLimit) else { return nil }
        partyCount = n
        let options = scenario.issues.map { $0.options?.count ?? 1 }
        var package = [Int](repeating: 0, count: options.count)
        var accepted: [(package: [Int], set: Coalition, gains: [Double])] = []
        var sets = Set<Coalition>()
        repeat {
            let quantized = space.quantizedUtilities(of: package)
            let values = package.map(IssueValue.option)
            var set = Coalition(bits: 0)
            for i in 0..<n where quantized[i] >= space.threshold[i] && !scenario.crossesRedLine(values, party: i) {
                set = set.adding(i)
            }
            if !set.isEmpty {
                let gains = (0..<n).map { space.quantizer.utility(quantized[$0], party: $0) - space.disagreement[$0] }
                accepted.append((package, set, gains))
                sets.insert(set)
            }
        } while Self.advance(&package, radices: options)
        self.accepted = accepted
        (exactGains, exactScale) = Self.exactGains(of: accepted.map(\.package), space: space)
        maximalSets = sets.filter { set in !sets.contains { $0 != set && $0.bits & set.bits == set.bits } }.sorted()
    }

    /// Whether some package is acceptable to every member of `coalition`.
    public func canAgree(_ coalition: Coalition) -> Bool {
        maximalSets.contains { $0.bits & coalition.bits == coalition.bits }
    }

    /// `v(S)` of one coalition: the largest `Σ_{i∈S} (u_i − d_i)` over packages every member
    /// accepts, 0 when there is none (for games too large to tabulate).
    /// - Complexity: O(P · |S|) over the P packages with an acceptance set.
    public func jointGain(of coalition: Coalition) -> Double {
        let members = coalition.members
        var best = 0.0
        for (_, set, gains) in accepted where set.bits & coalition.bits == coalition.bits {
            best = max(best, members.reduce(0) { $0 + gains[$1] })
        }
        return best
    }

    /// The number of packages some party accepts.
    public var acceptedCount: Int { accepted.count }

    /// The work `jointGains` would do: Σ_p 2^|A(p)|.
    public var jointGainWork: Double {
        accepted.reduce(0) { $0 + Double(sign: .plus, exponent: $1.set.count, significand: 1) }
    }

    /// `v[S]` for every coalition `S` of `partyCount ≤ 25` parties (indexed by `S.bits`): the
    /// largest `Σ_{i∈S} (u_i − d_i)` over packages every member accepts, 0 when there is none;
    /// only coalitions `counts(S)` are given values (the others 0). Exact fractions where the
    /// utilities are (`exactGains`), else in floating point.
    /// - Complexity: O(Σ_p 2^|A(p)|): each package updates the subsets of its acceptance set,
    ///   each sum from a smaller subset's.
    public func jointGains(counts: (Coalition) -> Bool) -> (values: [Double], exact: [ExactRational]?) {
        if let exactGains, let exactScale, let sums = Self.bestSums(sets: accepted.map(\.set), gains: exactGains, parties: partyCount, counts: counts) {
            let exact = sums.map { ExactRational(numerator: BigInt($0), denominator: BigInt(exactScale)) ?? .zero }
            return (exact.map(\.doubleValue), exact)
        }
        return (Self.bestSums(sets: accepted.map(\.set), gains: accepted.map(\.gains), parties: partyCount, counts: counts) ?? [], nil)
    }

    /// The best sums of `bestSums`, or `nil` when an integer sum overflows.
    private static func bestSums<Number: CheckedSum>(
        sets: [Coalition], gains: [[Number]], parties: Int, counts: (Coalition) -> Bool
    ) -> [Number]? {
        var best = [Number](repeating: 0, count: 1 << parties)
        var sums = [Number](repeating: 0, count: 1 << parties)
        for (set, gains) in zip(sets, gains) {
            // The non-empty subsets of `set` in increasing order, so that each sum comes from the
            // subset without its lowest member, computed before it.
            var subset = (0 &- set.bits) & set.bits
            while subset != 0 {
                guard let sum = sums[Int(subset & (subset - 1))].adding(gains[subset.trailingZeroBitCount]) else { return nil }
                sums[Int(subset)] = sum
                if sum > best[Int(subset)] { best[Int(subset)] = sum }
                subset = (subset &- set.bits) & set.bits
            }
        }
        // The coalitions that do not count get 0, tested once each rather than per package.
        for bits in best.indices where best[bits] != 0 && !counts(Coalition(bits: UInt64(bits))) { best[bits] = 0 }
        return best
    }


    /// Each package's gains `u_i − d_i` as integers over one denominator: `(q_i − t_i) · L/s_i`
    /// for the integer utility `q_i`, threshold `t_i = d_i · s_i` and unit `s_i` of each party,
    /// `L` their least common multiple; `nil` where a party's utilities or threshold are rounded
    /// or `L` passes 2^62.
    private static func exactGains(of packages: [[Int]], space: DiscreteSpace) -> ([[Int128]]?, Int128?) {
        let n = space.partyCount
        var units: [Int128] = []
        for i in 0..<n {
            guard let unit = space.quantizer.unit(party: i), space.thresholdIsExact[i] else { return (nil, nil) }
            units.append(Int128(unit))
        }
        var scale: Int128 = 1
        for unit in units {
            scale = scale / Int128(ExactFraction.gcd(UInt128(scale), UInt128(unit))) * unit
            guard scale < 1 << 62 else { return (nil, nil) }
        }
        let factors = units.map { scale / $0 }
        let gains = packages.map { package in
            let quantized = space.quantizedUtilities(of: package)
            // |q − t| < 2^62 and the factor < 2^62: the product stays below 2^124.
            return (0..<n).map { Int128(quantized[$0] - space.threshold[$0]) * factors[$0] }
        }
        return (gains, scale)
    }

    /// The next package in mixed-radix order; `false` after the last.
    private static func advance(_ package: inout [Int], radices: [Int]) -> Bool {
        for j in package.indices.reversed() {
            package[j] += 1
            if package[j] < radices[j] { return true }
            package[j] = 0
        }
        return false
    }
}

/// The numbers `AcceptanceTable` sums gains in: doubles, or exact integers that report overflow.
protocol CheckedSum: Numeric, Comparable {
    /// `self + other`, `nil` when it overflows.
    func adding(_ other: Self) -> Self?
}

extension Double: CheckedSum {
    func adding(_ other: Double) -> Double? { self + other }
}

extension Int128: CheckedSum {
    func adding(_ other: Int128) -> Int128? {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? nil : sum
    }
}
