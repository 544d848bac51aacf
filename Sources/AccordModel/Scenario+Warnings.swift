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
    /// The party's utilities on this discrete space are not exact fractions: its numbers have no
    /// common denominator `L` within 64 bits (`ExactFraction.exactUnit`), so its terms are rounded
    /// to a binary fixed point (2^-59 of its largest utility for two parties, 2^-53 for 256) and
    /// packages closer than that may tie, or not, by rounding.
    case utilitiesRounded(party: String)

    public var description: String {
        switch self {
        case .weightsDoNotSumToOne(let party, let sum):
            return "party \(quoted(party)): weights sum to \(numberText(sum)), not 1; used as given, so Kalai–Smorodinsky, egalitarian and utilitarian depend on this scale ('normalize: true' rescales each party's utility to [0, 1])"
        case .issueContributesNothing(let party, let issue):
            return "party \(quoted(party)): every value of issue \(quoted(issue)) is 0, so its weight counts for nothing"
        case .utilitiesRounded(let party):
            return "party \(quoted(party)): utilities rounded to a binary fixed point (to about 10^-16 of its largest one or finer): its weights and values have no common denominator that fits 64-bit integers (long decimals, many fractions), so packages that close may tie or not by rounding; short decimals and fractions (3/11) stay exact"
        }
    }

    /// How `printWarnings`-style summaries count the rest of a long list of this kind.
    public func more(_ count: Int) -> String {
        switch self {
        case .weightsDoNotSumToOne: "and \(count) more parties whose weights do not sum to 1"
        case .issueContributesNothing: "and \(count) more issues whose values are all 0 for a party"
        case .utilitiesRounded: "and \(count) more parties whose utilities are rounded"
        }
    }

    /// Whether `other` is a warning of the same kind.
    public func isKind(of other: ScenarioWarning) -> Bool {
        switch (self, other) {
        case (.weightsDoNotSumToOne, .weightsDoNotSumToOne), (.issueContributesNothing, .issueContributesNothing),
             (.utilitiesRounded, .utilitiesRounded): true
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
    /// issue order; then, when every issue is discrete, every party whose utilities cannot be
    /// exact (`ExactFraction.exactUnit`), in party order.
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
        return sums + empty + roundedParties
    }

    /// `utilitiesRounded` for each party whose discrete utilities have no exact unit, with the
    /// terms the discrete space compiles.
    private var roundedParties: [ScenarioWarning] {
        guard issues.allSatisfy({ $0.options != nil }) else { return [] }
        let headroom = ExactFraction.headroom(parties: parties.count)
        return zip(parties, preferences).compactMap { party, preference in
            let unit = ExactFraction.exactUnit(
                weights: preference.weights, tables: preference.tables, interactions: preference.interactions.map(\.value),
                reservation: unnormalizedReservation(of: party), headroom: headroom)
            return unit == nil ? .utilitiesRounded(party: party.id) : nil
        }
    }

    /// The reservation a party's utilities are compared with as written, so that its denominator
    /// joins theirs: `nil` where the disagreement point is the status quo, or where utilities are
    /// normalized (the reservation is then in normalized units).
    package func unnormalizedReservation(of party: Party) -> Double? {
        disagreement == .reservation && !normalize ? party.reservation : nil
    }
}
