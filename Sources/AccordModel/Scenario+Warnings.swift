/// Something valid in a scenario that may not mean what its author intended. Warnings never stop
/// a computation; `accord validate` and `accord solve` print them on stderr.
public enum ScenarioWarning: Sendable, Equatable, CustomStringConvertible {
    /// The party's weights sum to `sum`, not 1 (e.g. percentages). Weights are used as given, so
    /// the scale of the party's utility, and with it the Kalai–Smorodinsky, egalitarian and
    /// utilitarian solutions, depend on it; Nash does not.
    case weightsDoNotSumToOne(party: String, sum: Double)
    /// Every value of the issue is 0 for the party although it weighs the issue: the issue never
    /// changes the party's utility (a GENIUS issue whose evaluations are all 0 imports so).
    case issueContributesNothing(party: String, issue: String)

    public var description: String {
        switch self {
        case .weightsDoNotSumToOne(let party, let sum):
            return "party \(quoted(party)): weights sum to \(numberText(sum)), not 1; used as given, so Kalai–Smorodinsky, egalitarian and utilitarian depend on this scale ('normalize: true' rescales each party's utility to [0, 1])"
        case .issueContributesNothing(let party, let issue):
            return "party \(quoted(party)): every value of issue \(quoted(issue)) is 0, so its weight counts for nothing"
        }
    }

    /// How `printWarnings`-style summaries count the rest of a long list of this kind.
    public func more(_ count: Int) -> String {
        switch self {
        case .weightsDoNotSumToOne: "and \(count) more parties whose weights do not sum to 1"
        case .issueContributesNothing: "and \(count) more issues whose values are all 0 for a party"
        }
    }

    /// Whether `other` is a warning of the same kind.
    public func isKind(of other: ScenarioWarning) -> Bool {
        switch (self, other) {
        case (.weightsDoNotSumToOne, .weightsDoNotSumToOne), (.issueContributesNothing, .issueContributesNothing): true
        default: false
        }
    }
}

extension Scenario {
    /// How far a weight sum may be from 1 before it is reported (10^-3): the rounding of weights
    /// written with a few decimals each (a generated scenario's 6 decimals on 100 issues is off by
    /// up to 5·10^-5) stays below it; percentages, tenths that do not add up and unnormalized
    /// scores do not.
    static let weightSumTolerance = 1e-3

    /// The warnings of this scenario: every party whose weights sum to more than
    /// `weightSumTolerance` away from 1, unless `normalize` rescales the utilities anyway, in
    /// party order; then every weighed issue whose values are all 0 for a party, in party and
    /// issue order.
    /// - Complexity: O(parties × (issues + values)).
    public var warnings: [ScenarioWarning] {
        let sums: [ScenarioWarning] = normalize ? [] : zip(parties, preferences).compactMap { party, preference in
            let sum = preference.weights.reduce(0, +)
            return abs(sum - 1) > Self.weightSumTolerance ? .weightsDoNotSumToOne(party: party.id, sum: sum) : nil
        }
        var empty: [ScenarioWarning] = []
        for (party, preference) in zip(parties, preferences) {
            for (j, issue) in issues.enumerated()
            where preference.weights[j] != 0 && preference.values[j]?.largestMagnitude(scaledBy: 1) == 0 {
                empty.append(.issueContributesNothing(party: party.id, issue: issue.id))
            }
        }
        return sums + empty
    }
}
