import AccordModel

/// Random scenarios for tests, benchmarks and peer comparisons (`accord generate`).
///
/// Deterministic for a seed on every platform. Values are uniform in [0, 1]; weights are uniform
/// and normalized to sum 1 per party (the GENIUS convention); both are rounded to `decimals`
/// places. `decimals ≤ 0` gives *dyadic* numbers (multiples of 1/8 and 1/16) instead: their sums are
/// exact in floating point and full of ties and duplicate utility vectors — the hard case for
/// frontier code.
///
/// Draw order (one `SeededGenerator` step per number, so `generate()` and `write(_:to:)` give the
/// same scenario): for each party its `issues` weights, then its `issues × options` values issue
/// by issue; then the forbidden options, the forbidden combinations and the interactions.
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

    /// The most values (`parties × issues × options`) one scenario may have: 10^7, a YAML file
    /// of about 190 MB.
    public static let valueLimit = 10_000_000
    /// The most red lines and interactions together (`forbids + combinations + interactions`).
    public static let extraLimit = 1_000_000

    /// The scenario whole, in memory: for tests and small sizes. `write(_:to:)` streams the same
    /// scenario in memory independent of the number of values.
    public func generate() -> Scenario {
        var rng = SeededGenerator(seed: seed)
        var preferences: [Preference] = (0..<parties).map { _ in
            let weights = drawWeights(&rng)
            let values = (0..<issues).map { _ in ValueFunction.table(drawTable(&rng)) }
            return Preference(weights: weights, values: values)
        }
        let extras = drawExtras(&rng)
        for i in preferences.indices {
            preferences[i].redLines = extras.redLines[i]
            preferences[i].interactions = extras.interactions[i]
        }
        let best = preferences.map { preference in
            zip(preference.weights, preference.values).reduce(0.0) { total, term in
                guard case .table(let table)? = term.1 else { return total }
                return total + term.0 * (table.max() ?? 0)
            }
        }
        let optionNames = (0..<options).map(optionName)
        let issueList = (0..<issues).map {
            Issue(id: issueID($0), track: track(of: $0), domain: .options(optionNames), statusQuo: .option(0))
        }
        return Scenario(unchecked: title, parties: partyList(best: best), issues: issueList, preferences: preferences)
    }

    /// Writes the scenario `generate()` returns, as `Scenario.yaml` or `jsonDocument.rendered()`
    /// would, without building it: the values are drawn twice (once for the reservations, once
    /// to write them), one issue at a time. Memory is O(parties + issues + options + red lines
    /// and interactions); time O(parties × issues × options).
    public func write<Target: TextOutputStream>(_ format: DocumentFormat, to output: inout Target) {
        var rng = SeededGenerator(seed: seed)
        var best: [Double] = []
        for _ in 0..<parties {
            let weights = drawWeights(&rng)
            var total = 0.0
            for weight in weights { total += weight * (drawTable(&rng).max() ?? 0) }
            best.append(total)
        }
        let extras = drawExtras(&rng)
        let emitter = Emitter(format: format)
        emitter.writeHeader(title: title, parties: partyList(best: best), to: &output)
        emitter.writeIssues(count: issues, options: options, track: track(of:), to: &output)
        var replay = SeededGenerator(seed: seed)
        emitter.beginPreferences(to: &output)
        for party in 0..<parties {
            emitter.beginPreference(id: partyID(party), to: &output)
            emitter.writeWeights(drawWeights(&replay), to: &output)
            for issue in 0..<issues {
                emitter.writeTable(issue: issue, values: drawTable(&replay), last: issue == issues - 1, to: &output)
            }
            emitter.endValues(to: &output)
            emitter.writeInteractions(extras.interactions[party], to: &output)
            emitter.writeRedLines(extras.redLines[party], to: &output)
            emitter.endPreference(last: party == parties - 1, to: &output)
        }
        emitter.end(to: &output)
    }

    // MARK: Draws

    private var title: String { "Generated \(parties)x\(issues)x\(options) seed \(seed)" }

    /// One party's weights: `issues` draws, normalized to sum 1 when `decimals > 0`.
    private func drawWeights(_ rng: inout SeededGenerator) -> [Double] {
        let raw = (0..<issues).map { _ in number(&rng, weight: true) }
        let total = raw.reduce(0, +)
        return decimals > 0 ? raw.map { round(total > 0 ? $0 / total : 0) } : raw
    }

    /// One issue's values for one party: `options` draws.
    private func drawTable(_ rng: inout SeededGenerator) -> [Double] {
        (0..<options).map { _ in number(&rng, weight: false) }
    }

    /// The red lines and interactions of every party, drawn after every value.
    private func drawExtras(_ rng: inout SeededGenerator) -> (redLines: [[RedLine]], interactions: [[Interaction]]) {
        var redLines = [[RedLine]](repeating: [], count: parties)
        var terms = [[Interaction]](repeating: [], count: parties)
        if issues > 0 && options > 1 {
            var allowed = (0..<issues).map { _ in Set(0..<options) }
            for _ in 0..<forbids {
                let party = rng.below(parties), issue = rng.below(issues), option = rng.below(options)
                guard allowed[issue].count > 1, allowed[issue].contains(option) else { continue }
                allowed[issue].remove(option)
                redLines[party].append(.forbid(issue: issue, options: [option]))
            }
        }
        if issues > 1 {
            for _ in 0..<combinations {
                let party = rng.below(parties)
                redLines[party].append(.forbidCombination(randomPair(&rng)))
            }
            for _ in 0..<interactions {
                let party = rng.below(parties)
                let value = decimals > 0 ? round(rng.unit() * 0.4 - 0.2) : Double(rng.below(5) - 2) / 8
                terms[party].append(Interaction(when: randomPair(&rng), value: value))
            }
        }
        return (redLines, terms)
    }

    /// The parties, with each reservation `reservation × best` (rounded like the numbers).
    private func partyList(best: [Double]) -> [Party] {
        best.indices.map { i in
            var party = Party(id: partyID(i))
            if reservation > 0 {
                party.reservation = decimals > 0 ? round(best[i] * reservation) : (best[i] * reservation * 16).rounded() / 16
            }
            return party
        }
    }

    private func track(of issue: Int) -> String { "t\(issue % max(1, min(3, issues)) + 1)" }

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

private func partyID(_ index: Int) -> String { "p\(index + 1)" }
private func issueID(_ index: Int) -> String { "i\(index + 1)" }
private func optionName(_ index: Int) -> String { "o\(index + 1)" }
