import AccordModel

/// Random scenarios for tests, benchmarks and peer comparisons (`accord generate`).
///
/// Deterministic for a seed on every platform. Values are uniform in [0, 1]; weights are uniform
/// and normalized to sum 1 per party (the GENIUS convention); both are rounded to `decimals`
/// places. `decimals ≤ 0` gives *dyadic* numbers (multiples of 1/8 and 1/16) instead: their sums are
/// exact in floating point and full of ties and duplicate utility vectors — the hard case for
/// frontier code.
public struct ScenarioGenerator: Sendable {
    public var parties = 2
    public var issues = 3
    public var options = 3
    public var seed: UInt64 = 1
    /// Decimal places of values and weights; `≤ 0` for dyadic numbers with many ties.
    public var decimals = 6
    /// Number of `forbid` red lines (one option each, never the last allowed option of an issue).
    public var forbids = 0
    /// Number of forbidden two-issue combinations.
    public var combinations = 0
    /// Number of two-issue interactions (values in [-0.2, 0.2]).
    public var interactions = 0
    /// Each party's reservation as this fraction of its best possible additive utility.
    public var reservation = 0.0

    public init() {}

    public func generate() -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let parties = (0..<self.parties).map { Party(id: "p\($0 + 1)") }
        let optionNames = (0..<options).map { "o\($0 + 1)" }
        let trackCount = max(1, min(3, issues))
        let issues = (0..<self.issues).map {
            Issue(id: "i\($0 + 1)", track: "t\($0 % trackCount + 1)", domain: .options(optionNames), statusQuo: .option(0))
        }
        var preferences: [Preference] = parties.map { _ in
            let raw = issues.map { _ in number(&rng, weight: true) }
            let total = raw.reduce(0, +)
            let weights = decimals > 0 ? raw.map { round(total > 0 ? $0 / total : 0) } : raw
            let values = issues.map { _ in ValueFunction.table(optionNames.map { _ in number(&rng, weight: false) }) }
            return Preference(weights: weights, values: values)
        }
        if self.issues > 0 && options > 1 {
            var allowed = issues.map { _ in Set(0..<options) }
            for _ in 0..<forbids {
                let party = rng.below(self.parties), issue = rng.below(self.issues), option = rng.below(options)
                guard allowed[issue].count > 1, allowed[issue].contains(option) else { continue }
                allowed[issue].remove(option)
                preferences[party].redLines.append(.forbid(issue: issue, options: [option]))
            }
        }
        if self.issues > 1 {
            for _ in 0..<combinations {
                let party = rng.below(self.parties)
                preferences[party].redLines.append(.forbidCombination(randomPair(&rng)))
            }
            for _ in 0..<interactions {
                let party = rng.below(self.parties)
                let value = decimals > 0 ? round(rng.unit() * 0.4 - 0.2) : Double(rng.below(5) - 2) / 8
                preferences[party].interactions.append(Interaction(when: randomPair(&rng), value: value))
            }
        }
        var scenarioParties = parties
        if reservation > 0 {
            for (i, preference) in preferences.enumerated() {
                let best = zip(preference.weights, preference.values).reduce(0.0) { total, term in
                    guard case .table(let table)? = term.1 else { return total }
                    return total + term.0 * (table.max() ?? 0)
                }
                scenarioParties[i].reservation = decimals > 0 ? round(best * reservation) : (best * reservation * 16).rounded() / 16
            }
        }
        return Scenario(
            unchecked: "Generated \(self.parties)x\(self.issues)x\(options) seed \(seed)",
            parties: scenarioParties, issues: issues, preferences: preferences)
    }

    private func number(_ rng: inout SeededGenerator, weight: Bool) -> Double {
        if decimals > 0 { return round(rng.unit()) }
        return weight ? Double(rng.below(4) + 1) / 4 : Double(rng.below(9)) / 8
    }

    private func round(_ value: Double) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    private func randomPair(_ rng: inout SeededGenerator) -> [OptionChoice] {
        let first = rng.below(issues)
        var second = rng.below(issues - 1)
        if second >= first { second += 1 }
        let pair = [OptionChoice(issue: first, option: rng.below(options)), OptionChoice(issue: second, option: rng.below(options))]
        return pair.sorted { $0.issue < $1.issue }  // the order the loader keeps
    }
}
