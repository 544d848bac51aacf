import AccordGames
import AccordModel

/// Why a scenario's decision rule cannot be evaluated exactly.
public enum CoalitionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The weights (or a threshold) have no common fraction within 64 bits.
    case weightsTooFine(detail: String)
    /// The rule is not a proper voting rule (from `WeightedVotingRule`).
    case rule(VotingRuleError)
    /// Voting power or the minimal winning coalitions would need too much memory.
    case power(VotingPowerError)
    /// The TU game could not be built.
    case game(String)

    public var description: String {
        switch self {
        case .weightsTooFine(let detail):
            "the weights cannot be compared exactly in 64-bit integers (\(detail)); round them to fewer digits"
        case .rule(let error): error.description
        case .power(let error): error.description
        case .game(let detail): detail
        }
    }
}

extension DecisionRule {
    /// The rule over parties with these `weights` (`nil` where not given) as integer thresholds
    /// (`WeightedVotingRule`), exactly: each weight is read as the fraction it stands for
    /// (`ExactFraction`: `12.5` is 25/2), all are scaled by the least common multiple `L` of
    /// their denominators, and a share threshold `q = a/b` of a total `T` becomes the integer
    /// `⌈a·T/b⌉` (so `w(S)/W ≥ q` ⟺ `w(S)·L ≥ ⌈q·W·L⌉` with no rounding).
    ///
    /// Count thresholds, for `n` parties: majority with quota `a/b`, `⌈a·n/b⌉`; majority
    /// without a quota, `⌊n/2⌋ + 1` (more than half); `members` `a/b`, `⌈a·n/b⌉`;
    /// `min_parties` `k`, `k`; unanimity, `n`. The largest applies. Weights count only under a
    /// weighted rule (elsewhere they are 0, with weight quota 0).
    ///
    /// - Throws: `CoalitionError.weightsTooFine` when `L` or a scaled total passes 2^62.
    /// - Complexity: O(n).
    public func votingRule(weights: [Double?]) throws(CoalitionError) -> WeightedVotingRule {
        let n = weights.count
        var countQuota = 0
        var integerWeights = [Int](repeating: 0, count: n)
        var weightQuota = 0
        switch kind {
        case .unanimity:
            countQuota = n
        case .majority:
            if let quota { countQuota = try Self.ceilingShare(quota, of: n, name: "quota") } else { countQuota = n / 2 + 1 }
        case .weighted:
            var fractions: [ExactFraction] = []
            for weight in weights {
                guard let weight, let fraction = ExactFraction(weight) else {
                    throw .weightsTooFine(detail: "a weight has no exact 64-bit fraction")
                }
                fractions.append(fraction)
            }
            var unit: Int64 = 1
            for fraction in fractions {
                let common = unit / Int64(ExactFraction.gcd(UInt64(unit), UInt64(fraction.denominator)))
                let (product, overflow) = common.multipliedReportingOverflow(by: fraction.denominator)
                guard !overflow, product < 1 << 62 else { throw .weightsTooFine(detail: "their common denominator passes 2^62") }
                unit = product
            }
            var total = 0
            for (i, fraction) in fractions.enumerated() {
                let (scaled, overflow) = fraction.numerator.multipliedReportingOverflow(by: unit / fraction.denominator)
                let (sum, sumOverflow) = total.addingReportingOverflow(Int(scaled))
                guard !overflow, !sumOverflow, sum < 1 << 62 else { throw .weightsTooFine(detail: "the scaled total weight passes 2^62") }
                integerWeights[i] = Int(scaled)
                total = sum
            }
            weightQuota = try Self.ceilingShare(quota ?? 1, of: total, name: "quota")
        }
        if kind != .unanimity {
            if let members {
                let needed = try Self.ceilingShare(members, of: n, name: "members")
                countQuota = max(countQuota, needed)
            }
            if let minParties { countQuota = max(countQuota, minParties) }
        }
        do {
            return try WeightedVotingRule(weights: integerWeights, weightQuota: weightQuota, countQuota: countQuota)
        } catch {
            throw .rule(error)
        }
    }

    /// `DecisionRule.ceilingShare`, or why it cannot be computed.
    private static func ceilingShare(_ q: Double, of total: Int, name: String) throws(CoalitionError) -> Int {
        guard let result = DecisionRule.ceilingShare(q, of: total) else {
            throw .weightsTooFine(detail: "\(name) \(q) of the total has no exact 64-bit fraction or passes 64 bits")
        }
        return result
    }
}

/// Shapley–Shubik and Banzhaf (normalized) indices, in party order.
public struct PowerIndices: Sendable, Equatable {
    public var shapleyShubik: [Double]
    public var banzhaf: [Double]

    public init(shapleyShubik: [Double], banzhaf: [Double]) {
        self.shapleyShubik = shapleyShubik
        self.banzhaf = banzhaf
    }

    /// The exact indices of `rule` (`VotingPower`); where its counting table would pass the
    /// memory budget (weights with many digits) and there are at most
    /// `SimpleGamePower.enumerationLimit` parties, by enumerating every coalition instead.
    /// - Throws: `CoalitionError.power` when neither is possible.
    public init(_ rule: WeightedVotingRule) throws(CoalitionError) {
        do {
            let power = try VotingPower(rule)
            self.init(shapleyShubik: power.shapleyShubik, banzhaf: power.banzhaf)
        } catch {
            guard case .tableTooLarge = error, let enumerated = SimpleGamePower(players: rule.partyCount, isWinning: rule.isWinning) else {
                throw .power(error)
            }
            self.init(shapleyShubik: enumerated.shapleyShubik, banzhaf: enumerated.banzhaf)
        }
    }
}
