import AccordModel
import AccordSensitivity
import AccordSolutions
import Foundation

/// What `sensitivity --samples` prints (DESIGN.md §2.4).
extension MonteCarlo {
    private func probability(_ count: Int) -> Double { Double(count) / Double(settings.samples) }

    private func json(_ stats: PackageStats) -> [(String, JSONValue)] {
        [
            ("package", scenario.json(package: stats.package.map(IssueValue.option))),
            ("probability_nash", .number(probability(stats.nash))),
            ("probability_kalai_smorodinsky", .number(probability(stats.kalaiSmorodinsky))),
            ("probability_acceptable", .number(probability(stats.acceptable))),
            ("expected_nash_product", .number(stats.nashProductSum / Double(settings.samples))),
        ]
    }

    /// `{"samples", "seed", "noise", "uncertainty", "candidates", "probability_agreement_zone",
    /// "packages": [{"package", "probability_nash", "probability_kalai_smorodinsky",
    /// "probability_acceptable", "expected_nash_product"}], "utilities": [{"party", "mean",
    /// "p05", "p95"}], "robust", "most_acceptable"}`: every package that is some draw's Nash or
    /// Kalai–Smorodinsky solution, most often Nash first; the same bytes for the same scenario,
    /// seed and samples (no timing in it), also when merged from shards.
    public var json: JSONValue {
        let summary = utilitySummary
        var members: [(String, JSONValue)] = [
            ("scenario", .string(scenario.name)),
            ("parties", .array(scenario.parties.map { .string($0.id) })),
            ("samples", .number(Double(settings.samples))),
            ("seed", .number(Double(settings.seed))),
            ("noise", settings.noise.map(JSONValue.number) ?? .null),
            ("uncertainty", .array(scenario.uncertainty.map { .object([("parameter", .string($0.parameter.path))] + $0.distribution.members(JSONValue.number)) })),
            ("candidates", .object([("packages", .number(Double(candidateCount))), ("sufficient", .bool(candidatesAreSufficient))]
                + (candidatesAreSufficient ? [] : [("pilot_draws", JSONValue.number(Double(MonteCarlo.pilotDraws)))]))),
            ("probability_agreement_zone", .number(probability(agreementZones))),
            ("packages", .array(packages.map { .object(json($0)) })),
            ("utilities", .array(scenario.parties.indices.map { i in
                .object([("party", .string(scenario.parties[i].id)), ("mean", .number(summary[i].mean)),
                         ("p05", .number(summary[i].p05)), ("p95", .number(summary[i].p95))])
            })),
            ("robust", robust.map { .object(json($0)) } ?? .null),
            ("most_acceptable", mostAcceptable.map { .object(json($0)) } ?? .null),
        ]
        if productsCapped { members.append(("note", .string("some Nash products exceeded 2^40 and were counted as 2^40 in expected_nash_product"))) }
        return .object(members)
    }

    /// What `--shard K/N` writes for `accord merge`: the run (the scenario's text, samples, seed,
    /// noise, shard), each candidate's totals where one is not 0 (`[candidate, nash, ks,
    /// acceptable, "nash products in 2^-60"]`) and each draw (`[draw, nash, ks, utilities...]`,
    /// candidates -1 for none). The scenario is its document (`jsonDocument`), from which the
    /// merge loads an equal scenario. The noise and the utilities are written as text in Swift's
    /// shortest round-trip form (JSON numbers are cut to 15 significant digits, `numberText`),
    /// so that the merge reads back the same doubles and gives the bytes of one run.
    public var partJSON: JSONValue {
        let n = scenario.parties.count
        let counts = totals.nash.indices.filter { totals.nash[$0] != 0 || totals.ks[$0] != 0 || totals.acceptable[$0] != 0 || totals.products[$0] != 0 }
        return .object([
            ("accord_samples_part", .number(1)),
            ("scenario", .string(scenario.jsonDocument.rendered())),
            ("samples", .number(Double(settings.samples))),
            ("seed", .string(String(settings.seed))),
            ("noise", settings.noise.map { .string($0.description) } ?? .null),
            ("shard", .object([("index", .number(Double(settings.shard?.index ?? 0))), ("count", .number(Double(settings.shard?.count ?? 1)))])),
            ("candidates", .number(Double(totals.nash.count))),
            ("agreement_zones", .number(Double(totals.agreementZones))),
            ("products_capped", .bool(totals.productsCapped)),
            ("counts", .array(counts.map { p in
                .array([.number(Double(p)), .number(Double(totals.nash[p])), .number(Double(totals.ks[p])), .number(Double(totals.acceptable[p])),
                        .string(String(totals.products[p]))])
            })),
            ("draws", .array(totals.samples.indices.map { slot in
                .array([.number(Double(totals.samples[slot])), .number(Double(totals.nashChoice[slot])), .number(Double(totals.ksChoice[slot]))]
                       + (0..<n).map { .string(totals.utilities[slot * n + $0].description) })
            })),
        ])
    }

    /// How many packages text lists.
    private static let listed = 10

    private func describe(_ package: [Int], issues: [Int]? = nil) -> String {
        (issues ?? Array(scenario.issues.indices)).map { scenario.describeTerm(.option(package[$0]), issue: $0) }.joined(separator: ", ")
    }

    /// A probability as a percentage with one decimal; `<0.1%` for a few draws that round to 0.
    private static func percent(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 10
        return value > 0 && rounded == 0 ? "<0.1%" : formatNumber(rounded) + "%"
    }

    /// The analysis for people: how often each package is the Nash solution, each party's
    /// utility, the robust packages.
    public var text: String {
        let uncertain = scenario.uncertainty.count
        var what: [String] = []
        if uncertain > 0 { what.append("\(uncertain) uncertain number\(uncertain == 1 ? "" : "s")") }
        if let noise = settings.noise { what.append("noise σ = \(formatNumber(noise)) on every option value") }
        var lines = ["\(scenario.name): Monte Carlo, \(settings.samples) draws (seed \(settings.seed)), \(what.joined(separator: " and "))"]
        if let legend = scenario.partyLegend() { lines.append(legend) }
        if candidatesAreSufficient {
            lines.append("Candidates: the \(candidateCount) packages that cross no red line (every draw's solutions are among them)")
        } else {
            lines.append("Candidates: the \(candidateCount) packages on the Pareto frontiers of the numbers as given and of the first \(MonteCarlo.pilotDraws) draws")
            lines.append("  (approximate: too many packages cross no red line to take them all, and a draw's solution outside these is missed)")
        }
        lines.append("")
        lines.append("An agreement zone exists in \(Self.percent(probability(agreementZones))) of the draws.")
        lines.append("")
        lines.append("How often each package is the Nash solution (Kalai–Smorodinsky in parentheses):")
        // Terms every listed package shares are said once; each row gives the others.
        let listed = packages.prefix(Self.listed)
        let shared = listed.count > 1 ? scenario.issues.indices.filter { j in listed.allSatisfy { $0.package[j] == listed[listed.startIndex].package[j] } } : []
        let varying = scenario.issues.indices.filter { !shared.contains($0) }
        if let first = listed.first, !shared.isEmpty { lines.append("  (every package listed has \(describe(first.package, issues: shared)))") }
        var rows: [[String]] = []
        for stats in listed {
            rows.append(["  " + Self.percent(probability(stats.nash)), "(\(Self.percent(probability(stats.kalaiSmorodinsky))))", describe(stats.package, issues: varying)])
        }
        lines += BargainText.alignedRows(rows)
        if packages.count > Self.listed { lines.append("  ... and \(packages.count - Self.listed) more packages (the JSON lists them all)") }
        lines.append("")
        let summary = utilitySummary
        lines.append("Each party's utility under the Nash solution (its disagreement utility where there is none):")
        for (i, party) in scenario.parties.enumerated() {
            lines.append("  \(party.id): mean \(formatNumber(summary[i].mean)), 5% \(formatNumber(summary[i].p05)), 95% \(formatNumber(summary[i].p95))")
        }
        lines.append("")
        if let robust {
            lines.append("Robust package (highest expected Nash product, \(formatNumber(robust.nashProductSum / Double(settings.samples)))): \(describe(robust.package))")
            lines.append("  the Nash solution in \(Self.percent(probability(robust.nash))) of the draws, acceptable to every party in \(Self.percent(probability(robust.acceptable)))")
        }
        if let mostAcceptable {
            lines.append("Most often acceptable to every party (\(Self.percent(probability(mostAcceptable.acceptable)))): \(describe(mostAcceptable.package))")
        }
        if productsCapped { lines.append("Note: some Nash products exceeded 2^40 and were counted as 2^40 in the expected products.") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per listed package: each issue's option, then the four figures.
    public var csv: String {
        var lines = [(scenario.issues.map(\.id) + ["probability_nash", "probability_kalai_smorodinsky", "probability_acceptable", "expected_nash_product"])
            .map(csvField).joined(separator: ",")]
        for stats in packages {
            let options = scenario.issues.indices.map { csvField(scenario.describe(.option(stats.package[$0]), issue: $0)) }
            let figures = [probability(stats.nash), probability(stats.kalaiSmorodinsky), probability(stats.acceptable),
                           stats.nashProductSum / Double(settings.samples)].map(formatNumber)
            lines.append((options + figures).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Uncertainty.Distribution {
    /// `"distribution"` and its numbers as the scenario file has them, each number written by
    /// `number` (`.number` in reports, `.scenarioNumber` in a scenario document).
    func members(_ number: (Double) -> JSONValue) -> [(String, JSONValue)] {
        switch self {
        case .uniform(let min, let max): return [("distribution", .string("uniform")), ("min", number(min)), ("max", number(max))]
        case .normal(let mean, let sd, let min, let max):
            return [("distribution", .string("normal")), ("mean", number(mean)), ("sd", number(sd))]
                + (min.map { [("min", number($0))] } ?? []) + (max.map { [("max", number($0))] } ?? [])
        case .triangular(let min, let mode, let max):
            return [("distribution", .string("triangular")), ("min", number(min)), ("mode", number(mode)), ("max", number(max))]
        }
    }
}

/// A part of a sharded Monte Carlo run, as `accord merge` reads it back (`MonteCarlo.partJSON`).
public struct MonteCarloPart: Sendable {
    public let scenario: Scenario
    /// The run's settings; `shard` is this part's.
    public let settings: MonteCarlo.Settings
    public let totals: MonteCarloTotals

    /// Reads a part; the message of the error says what is wrong with the text.
    public init(data: Data, file: String) throws(SensitivityError) {
        func bad(_ what: String) -> SensitivityError { SensitivityError("\(file): not a part of a sharded Monte Carlo run (accord sensitivity --samples N --shard K/N): \(what)") }
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else { throw bad("not a JSON object") }
        guard (root["accord_samples_part"] as? NSNumber)?.intValue == 1 else { throw bad("no 'accord_samples_part: 1'") }
        guard let text = root["scenario"] as? String else { throw bad("no scenario") }
        do {
            scenario = try Scenario.parse(data: Data(text.utf8), file: file, format: .json)
        } catch {
            throw bad("its scenario does not load (\(error))")
        }
        guard let samples = (root["samples"] as? NSNumber)?.intValue, let seed = (root["seed"] as? String).flatMap({ UInt64($0) }),
              let shard = root["shard"] as? [String: Any], let index = (shard["index"] as? NSNumber)?.intValue, let count = (shard["count"] as? NSNumber)?.intValue,
              let candidates = (root["candidates"] as? NSNumber)?.intValue, candidates >= 0, candidates <= MonteCarlo.candidateLimit,
              let zones = (root["agreement_zones"] as? NSNumber)?.intValue, let capped = root["products_capped"] as? Bool,
              let counts = root["counts"] as? [[Any]], let draws = root["draws"] as? [[Any]] else { throw bad("a field is missing or of the wrong type") }
        guard (1...MonteCarlo.sampleLimit).contains(samples), (1...MonteCarlo.sampleLimit).contains(count), (0..<count).contains(index) else {
            throw bad("samples \(samples) or shard \(index)/\(count) out of range")
        }
        let noise = (root["noise"] as? String).flatMap { Double($0) }
        guard root["noise"] is NSNull || noise != nil else { throw bad("the noise is not a number") }
        settings = MonteCarlo.Settings(samples: samples, seed: seed, noise: noise, shard: MonteCarlo.Shard(index: index, count: count))
        var totals = MonteCarloTotals(candidates: candidates)
        totals.agreementZones = zones
        totals.productsCapped = capped
        for row in counts {
            guard row.count == 5, let p = (row[0] as? NSNumber)?.intValue, p >= 0, p < candidates,
                  let nash = (row[1] as? NSNumber)?.intValue, let ks = (row[2] as? NSNumber)?.intValue, let acceptable = (row[3] as? NSNumber)?.intValue,
                  let products = (row[4] as? String).flatMap({ UInt128($0) }) else { throw bad("a row of 'counts' is not [candidate, nash, ks, acceptable, \"products\"]") }
            totals.nash[p] = nash
            totals.ks[p] = ks
            totals.acceptable[p] = acceptable
            totals.products[p] = products
        }
        let n = scenario.parties.count
        for row in draws {
            guard row.count == 3 + n, let k = (row[0] as? NSNumber)?.intValue, let nash = (row[1] as? NSNumber)?.int32Value,
                  let ks = (row[2] as? NSNumber)?.int32Value, nash >= -1, ks >= -1, nash < candidates, ks < candidates else {
                throw bad("a row of 'draws' is not [draw, nash, ks, one utility per party]")
            }
            totals.samples.append(k)
            totals.nashChoice.append(nash)
            totals.ksChoice.append(ks)
            for value in row.dropFirst(3) {
                guard let utility = (value as? String).flatMap({ Double($0) }), utility.isFinite else { throw bad("a utility is not a number") }
                totals.utilities.append(utility)
            }
        }
        self.totals = totals
    }
}
