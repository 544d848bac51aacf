/// Something valid in a scenario that may not mean what its author intended. Warnings never stop
/// a computation; `accord validate` and `accord solve` print them on stderr.
public enum ScenarioWarning: Sendable, Equatable, CustomStringConvertible {
    /// The party's weights sum to `sum`, not 1 (e.g. percentages). Weights are used as given, so
    /// the scale of the party's utility, and with it the Kalai–Smorodinsky, egalitarian and
    /// utilitarian solutions, depend on it; Nash does not.
    case weightsDoNotSumToOne(party: String, sum: Double)

    public var description: String {
        switch self {
        case .weightsDoNotSumToOne(let party, let sum):
            return "party \(quoted(party)): weights sum to \(numberText(sum)), not 1; used as given, so Kalai–Smorodinsky, egalitarian and utilitarian depend on this scale ('normalize: true' rescales each party's utility to [0, 1])"
        }
    }
}

extension Scenario {
    /// How far a weight sum may be from 1 before it is reported (10^-3): the rounding of weights
    /// written with a few decimals each (a generated scenario's 6 decimals on 100 issues is off by
    /// up to 5·10^-5) stays below it; percentages, tenths that do not add up and unnormalized
    /// scores do not.
    static let weightSumTolerance = 1e-3

    /// The warnings of this scenario, in party order: every party whose weights sum to more than
    /// `weightSumTolerance` away from 1, unless `normalize` rescales the utilities anyway.
    /// - Complexity: O(parties × issues).
    public var warnings: [ScenarioWarning] {
        guard !normalize else { return [] }
        return zip(parties, preferences).compactMap { party, preference in
            let sum = preference.weights.reduce(0, +)
            return abs(sum - 1) > Self.weightSumTolerance ? .weightsDoNotSumToOne(party: party.id, sum: sum) : nil
        }
    }
}
