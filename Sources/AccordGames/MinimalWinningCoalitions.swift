import BigInt

extension WeightedVotingRule {
    /// The number of minimal winning coalitions: winning coalitions `S` all of whose proper
    /// subsets lose (by monotonicity, every `S ∖ {i}` loses).
    ///
    /// `S` is minimal winning iff it wins and either `|S| = countQuota` or
    /// `Σ_S w − min_{i∈S} w_i < weightQuota`. With the players in order of decreasing weight,
    /// `S` is counted at its last member `j` (a lightest one) from a table of the subsets `T` of
    /// the players before `j` by size and weight below the quota, as in `VotingPower`: `T ∪ {j}`
    /// counts iff `w(T) + w_j ≥ Q`, `|T| + 1 ≥ K` and (`|T| + 1 = K` or `w(T) < Q`). Exact
    /// (fixed-width wrapping counters of at least `n` bits; every count is below `2^n`).
    /// - Throws: `VotingPowerError.tableTooLarge` before allocating when the table would exceed
    ///   `memoryLimit` bytes; `.tooManyParties` above 512 parties.
    /// - Complexity: O(n · r · Q) time, O(r · Q) memory, as `VotingPower`.
    public func minimalWinningCount(memoryLimit: Int = VotingPower.defaultMemoryLimit) throws(VotingPowerError) -> BigUInt {
        let reduced = ReducedVotingRule(self)
        switch partyCount {
        case ...64: return try minimalWinningCount(UInt64.self, reduced, memoryLimit: memoryLimit)
        case ...128: return try minimalWinningCount(WideCount128.self, reduced, memoryLimit: memoryLimit)
        case ...256: return try minimalWinningCount(WideCount256.self, reduced, memoryLimit: memoryLimit)
        case ...512: return try minimalWinningCount(WideCount512.self, reduced, memoryLimit: memoryLimit)
        default: throw .tooManyParties(parties: partyCount, limit: 512)
        }
    }

    private func minimalWinningCount<C: WideCount>(
        _: C.Type, _ r: ReducedVotingRule, memoryLimit: Int
    ) throws(VotingPowerError) -> BigUInt {
        try r.checkMemory(bitWidth: C.bitWidth, limit: memoryLimit)
        let q = r.quota, countQuota = r.countQuota
        let order = r.weights.indices.sorted { (r.weights[$0], $1) > (r.weights[$1], $0) }
        var table = [C](repeating: .zero, count: r.rows * q)
        var binomials: [C] = [.one]  // C(position, k)
        var total = C.zero
        table.withUnsafeMutableBufferPointer { t in
            if r.rows > 0 { t[0] = .one }
            for (position, player) in order.enumerated() {
                let a = r.weights[player]
                let firstRow = max(countQuota - 1, 0), lastRow = min(position, r.rows - 1)
                if a > 0 && firstRow <= lastRow {
                    for k in firstRow...lastRow {
                        for w in max(q - a, r.low[k])..<q { total = total.wrappingAdding(t[k * q + w]) }
                    }
                }
                if countQuota >= 1 && countQuota - 1 <= position {
                    let k = countQuota - 1
                    var below = C.zero
                    if k < r.rows { for w in r.low[k]..<q { below = below.wrappingAdding(t[k * q + w]) } }
                    total = total.wrappingAdding(binomials[k].wrappingSubtracting(below))
                }
                addPlayer(weight: a, to: t, r, topRow: min(position + 1, r.rows - 1))
                binomials = nextPascalRow(binomials)
            }
        }
        return total.bigUIntValue
    }

    /// The most parties `minimalWinningCoalitions` lists (2^25 coalitions at worst).
    public static let listingPartyLimit = 25

    /// The minimal winning coalitions (see `minimalWinningCount`), at most `limit` of them, in
    /// the order of a depth-first search over players `0, 1, …` that tries each player in before
    /// out (so `{0, 1}` comes before `{0, 2}` and `{1, 2}`). When the result has `limit`
    /// elements, compare with `minimalWinningCount` to know whether it is complete.
    ///
    /// The search stops a branch as soon as its coalition wins (no superset is minimal) or when
    /// even adding every remaining player would not win.
    /// - Throws: `VotingPowerError.tooManyPartiesToList` above `listingPartyLimit` parties.
    /// - Complexity: O(2^n · n) at worst; far less when coalitions win early.
    public func minimalWinningCoalitions(limit: Int = 1 << 20) throws(VotingPowerError) -> [Coalition] {
        let n = partyCount
        guard n <= Self.listingPartyLimit else { throw .tooManyPartiesToList(parties: n, limit: Self.listingPartyLimit) }
        var rest = [Int](repeating: 0, count: n + 1)  // rest[i] = Σ_{j ≥ i} w_j
        for i in stride(from: n - 1, through: 0, by: -1) { rest[i] = rest[i + 1] + weights[i] }
        var result: [Coalition] = []
        func search(_ i: Int, _ bits: UInt64, _ weight: Int, _ count: Int, _ lightest: Int) {
            guard result.count < limit else { return }
            if isWinning(weight: weight, count: count) {
                if count == countQuota || weight - lightest < weightQuota { result.append(Coalition(bits: bits)) }
                return
            }
            guard i < n, isWinning(weight: weight + rest[i], count: count + n - i) else { return }
            search(i + 1, bits | 1 << UInt64(i), weight + weights[i], count + 1, min(lightest, weights[i]))
            search(i + 1, bits, weight, count, lightest)
        }
        if limit > 0 { search(0, 0, 0, 0, Int.max) }
        return result
    }
}

extension WeightedVotingRule {
    /// Up to `limit` minimal winning coalitions with the fewest members, for rules too large to
    /// list (`minimalWinningCoalitions` stops at `listingPartyLimit`): from each party in turn, the
    /// heaviest others are added until the coalition wins, then every member whose departure
    /// keeps it winning leaves, lightest first (one pass suffices: a member that was needed stays
    /// needed as others leave). The distinct results, fewest members first, then the heaviest.
    /// Not every minimal winning coalition, and not always the smallest ones of all: a sample of
    /// small ones, each a proof of what a few parties can do.
    /// - Complexity: O(n² log n).
    public func smallMinimalWinningCoalitions(limit: Int) -> [[Int]] {
        let n = weights.count
        let byWeight = (0..<n).sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
        var found = Set<[Int]>()
        for seed in byWeight {
            var members = [seed], weight = weights[seed]
            for j in byWeight where j != seed && !isWinning(weight: weight, count: members.count) {
                members.append(j)
                weight += weights[j]
            }
            guard isWinning(weight: weight, count: members.count) else { continue }
            for j in members.sorted(by: { weights[$0] < weights[$1] }) where isWinning(weight: weight - weights[j], count: members.count - 1) {
                members.removeAll { $0 == j }
                weight -= weights[j]
            }
            found.insert(members.sorted())
        }
        let total = { (members: [Int]) in members.reduce(0) { $0 + self.weights[$1] } }
        return found.sorted { a, b in a.count != b.count ? a.count < b.count : total(a) != total(b) ? total(a) > total(b) : a.lexicographicallyPrecedes(b) }
            .prefix(limit).map { $0 }
    }
}
