/// Why a weighted voting rule cannot be built: each case names the offending value.
public enum VotingRuleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A rule needs at least one party.
    case noParties
    /// Weights are non-negative integers.
    case negativeWeight(party: Int, weight: Int)
    /// The weights add up to more than `Int.max`.
    case totalWeightOverflow
    /// The weight quota must lie in `0...totalWeight`, or not even the grand coalition wins.
    case weightQuotaOutOfRange(quota: Int, totalWeight: Int)
    /// The count quota must lie in `0...parties`, or not even the grand coalition wins.
    case countQuotaOutOfRange(quota: Int, parties: Int)
    /// Both quotas are 0, so the empty coalition would win.
    case emptyCoalitionWins

    public var description: String {
        switch self {
        case .noParties: "a voting rule needs at least one party"
        case let .negativeWeight(party, weight): "party \(party) has negative weight \(weight); weights must be ≥ 0"
        case .totalWeightOverflow: "the weights add up to more than \(Int.max)"
        case let .weightQuotaOutOfRange(quota, total):
            "weight quota \(quota) is outside 0…\(total) (the total weight): no coalition could win"
        case let .countQuotaOutOfRange(quota, parties):
            "count quota \(quota) is outside 0…\(parties) (the number of parties): no coalition could win"
        case .emptyCoalitionWins: "both quotas are 0, so the empty coalition would win; set one of them to at least 1"
        }
    }
}

/// A weighted voting rule with a member threshold: coalition `S` **wins** iff
/// `Σ_{i∈S} w_i ≥ weightQuota` and `|S| ≥ countQuota`.
///
/// Every decision rule of the scenario format reduces to one: unanimity (`countQuota = n`), a
/// simple majority of parties (`countQuota = n/2 + 1`, `weightQuota = 0`), a weighted quota
/// (`weightQuota = ⌈q·W⌉`), a double majority or an entry-into-force clause ("≥ k parties
/// covering ≥ w of the weight": both quotas).
///
/// Validated at construction: the grand coalition wins (`weightQuota ≤ W`, `countQuota ≤ n`)
/// and the empty coalition loses (one quota ≥ 1), so the game is a proper simple game with at
/// least one pivotal player. The rule is monotone: supersets of winning coalitions win.
public struct WeightedVotingRule: Sendable, Equatable {
    /// One non-negative weight per party.
    public let weights: [Int]
    /// The least total weight of a winning coalition.
    public let weightQuota: Int
    /// The least number of members of a winning coalition.
    public let countQuota: Int
    /// `W = Σ_i w_i`.
    public let totalWeight: Int

    /// The number of parties `n`.
    public var partyCount: Int { weights.count }

    /// Validates and stores the rule.
    /// - Throws: `VotingRuleError` naming the first problem: no parties, a negative weight, a
    ///   total above `Int.max`, a quota outside `0...W` or `0...n`, or both quotas 0.
    /// - Complexity: O(n).
    public init(weights: [Int], weightQuota: Int, countQuota: Int = 0) throws(VotingRuleError) {
        guard !weights.isEmpty else { throw .noParties }
        var total = 0
        for (party, weight) in weights.enumerated() {
            guard weight >= 0 else { throw .negativeWeight(party: party, weight: weight) }
            let (sum, overflow) = total.addingReportingOverflow(weight)
            guard !overflow else { throw .totalWeightOverflow }
            total = sum
        }
        guard (0...total).contains(weightQuota) else { throw .weightQuotaOutOfRange(quota: weightQuota, totalWeight: total) }
        guard (0...weights.count).contains(countQuota) else {
            throw .countQuotaOutOfRange(quota: countQuota, parties: weights.count)
        }
        guard weightQuota >= 1 || countQuota >= 1 else { throw .emptyCoalitionWins }
        self.weights = weights
        self.weightQuota = weightQuota
        self.countQuota = countQuota
        totalWeight = total
    }

    /// Whether a coalition of total weight `weight` and `count` members wins:
    /// `weight ≥ weightQuota ∧ count ≥ countQuota`. O(1).
    /// The fewest parties in a winning coalition: the heaviest first until both quotas are met
    /// (Baron–Ferejohn's quota `q`).
    /// - Complexity: O(n log n).
    public var smallestWinningSize: Int {
        var weight = 0, count = 0
        for w in weights.sorted(by: >) {
            if isWinning(weight: weight, count: count) { break }
            weight += w
            count += 1
        }
        return count
    }

    public func isWinning(weight: Int, count: Int) -> Bool { weight >= weightQuota && count >= countQuota }

    /// Whether `coalition` wins. Only players `0..<min(n, 64)` can be members of a `Coalition`;
    /// bits at or above `n` are ignored. O(n).
    public func isWinning(_ coalition: Coalition) -> Bool {
        var weight = 0, count = 0
        for player in coalition.members where player < weights.count {
            weight += weights[player]  // ≤ W, which fits (checked at construction)
            count += 1
        }
        return isWinning(weight: weight, count: count)
    }

    /// Whether `player` is pivotal in `coalition`: `S` wins and `S ∖ {i}` loses. False when the
    /// player is not a member (then `S ∖ {i} = S`). O(n).
    public func isPivotal(_ player: Int, in coalition: Coalition) -> Bool {
        guard (0..<weights.count).contains(player), coalition.contains(player) else { return false }
        return isWinning(coalition) && !isWinning(coalition.removing(player))
    }

    /// The veto players, in increasing order: members of every winning coalition. By
    /// monotonicity `i` has a veto iff `N ∖ {i}` loses, i.e. `W − w_i < weightQuota` or
    /// `n − 1 < countQuota`. Any number of parties. O(n).
    public var vetoPlayers: [Int] {
        weights.indices.filter { !isWinning(weight: totalWeight - weights[$0], count: weights.count - 1) }
    }
}

extension WeightedVotingRule {
    /// Whether the voters in `accepting` win when voter `v` brings `weights[v]` of weight and
    /// `counts[v]` parties (a bloc voting as one brings all its members), and the *pivotal*
    /// voters: when they win, the accepting voters whose departure makes them lose; when they
    /// lose, the others whose joining makes them win.
    /// - Complexity: O(voters).
    public func outcome(accepting: [Int], weights: [Int], counts: [Int]) -> (winning: Bool, pivotal: [Int]) {
        let weight = accepting.reduce(0) { $0 + weights[$1] }, count = accepting.reduce(0) { $0 + counts[$1] }
        let winning = isWinning(weight: weight, count: count)
        if winning {
            return (true, accepting.filter { !isWinning(weight: weight - weights[$0], count: count - counts[$0]) })
        }
        let inside = Set(accepting)
        return (false, weights.indices.filter { !inside.contains($0) && isWinning(weight: weight + weights[$0], count: count + counts[$0]) })
    }

    /// `outcome(accepting:weights:counts:)` of the rule's own parties, one member each.
    public func outcome(accepting: [Int]) -> (winning: Bool, pivotal: [Int]) {
        outcome(accepting: accepting, weights: weights, counts: Array(repeating: 1, count: weights.count))
    }
}
