/// How the parties decide (`decision_rule:`, DESIGN.md §2.5): which sets of parties can adopt a
/// package on their own. Unanimity (the default) is the classical bargaining problem; the other
/// rules make some parties dispensable, which `accord coalitions` analyses.
///
/// A coalition is *winning* when each share it holds is at least its threshold, decided in exact
/// arithmetic on the numbers as written (`0.65` is 13/20):
/// - `unanimity`: every party;
/// - `majority`: a share of the parties ≥ `quota`, or more than half of them without a quota;
/// - `weighted`: a share of the total `weight` of the parties ≥ `quota` (a weight per party);
/// - `members` (optional, any kind but unanimity): also a share of the parties ≥ `members`
///   (double majority, e.g. 55% of the members representing 65% of the weight);
/// - `min_parties` (optional): also at least that many parties (entry into force, Paris-style:
///   ≥ 55 parties covering ≥ 55% of the emissions).
public struct DecisionRule: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case unanimity, majority, weighted
    }

    public var kind: Kind
    /// `majority`: the share of the parties; `weighted`: the share of the total weight; in (0, 1].
    public var quota: Double?
    /// A second threshold on the share of the parties, in (0, 1].
    public var members: Double?
    /// At least this many parties, in 1...n.
    public var minParties: Int?

    public init(kind: Kind, quota: Double? = nil, members: Double? = nil, minParties: Int? = nil) {
        self.kind = kind
        self.quota = quota
        self.members = members
        self.minParties = minParties
    }

    public static let unanimity = DecisionRule(kind: .unanimity)

    /// Whether the rule needs a `weight` for each party it applies to.
    public var needsWeights: Bool { kind == .weighted }

    /// `⌈q · total⌉` for the fraction the share `q` stands for (`ExactFraction`: 0.07 · 100 is 7,
    /// not the 7.000000000000001 of floating point), in 128-bit integers; `nil` when `q` has no
    /// 64-bit fraction or the result passes 64 bits.
    package static func ceilingShare(_ q: Double, of total: Int) -> Int? {
        guard let fraction = ExactFraction(q) else { return nil }
        let numerator = Int128(fraction.numerator) * Int128(total)
        let denominator = Int128(fraction.denominator)
        return Int(exactly: numerator / denominator + (numerator % denominator > 0 ? 1 : 0))
    }
}

/// A group of parties that negotiates as one (`blocs:`, e.g. the EU, the G77, AOSIS), deciding
/// inside by its own rule.
public struct Bloc: Sendable, Equatable {
    public var id: String
    public var name: String?
    /// Indices into the scenario's parties, in the order written.
    public var members: [Int]
    public var decisionRule: DecisionRule

    public init(id: String, name: String? = nil, members: [Int], decisionRule: DecisionRule = .unanimity) {
        self.id = id
        self.name = name
        self.members = members
        self.decisionRule = decisionRule
    }
}
