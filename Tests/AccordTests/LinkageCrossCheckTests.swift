import Accord
@testable import AccordModel
@testable import AccordImport
@testable import AccordGenerate
@testable import AccordSkyline
@testable import AccordSpace
@testable import AccordFrontier
@testable import AccordSolutions
@testable import AccordLinkage
@testable import AccordDynamics
@testable import AccordReport
import Foundation
import Testing

/// Issue linkage against the brute-force oracle (`LinkageOracle`) on seeded random scenarios:
/// per track, separate, linked, every partition, top-k packages and red lines.
@Suite struct LinkageCrossCheckTests {
    // MARK: Cross-checks against brute force

    /// A random instance with a status quo on every issue: 2–3 parties, 2–5 issues of 2–4
    /// options (≤ 2,000 packages), 2–4 tracks, red lines, interactions (some spanning tracks),
    /// reservations, status-quo disagreement on half, unequal power on a third; dyadic values
    /// (full of ties) on even seeds.
    static func instance(seed: UInt64) -> Scenario {
        var rng = SeededGenerator(seed: seed &* 104_729)
        var generator = ScenarioGenerator()
        generator.seed = seed
        generator.parties = 2 + rng.below(2)
        generator.issues = 2 + rng.below(4)
        generator.options = 2 + rng.below(3)
        while pow(Double(generator.options), Double(generator.issues)) > 2_000 { generator.issues -= 1 }
        generator.decimals = seed % 2 == 0 ? 0 : 4
        generator.forbids = rng.below(3)
        generator.combinations = rng.below(2)
        generator.interactions = rng.below(3)
        generator.reservation = [0, 0.2, 0.4][rng.below(3)]
        var scenario = generator.generate()
        // 2–4 tracks (fewer when issues are few); the first issues seed distinct tracks.
        let trackCount = 2 + rng.below(min(3, scenario.issues.count - 1))
        for j in scenario.issues.indices { scenario.issues[j].track = "t\((j < trackCount ? j : rng.below(trackCount)) + 1)" }
        if rng.below(2) == 0 { scenario.disagreement = .statusQuo }
        if rng.below(3) == 0 {
            for i in scenario.parties.indices { scenario.parties[i].power = Double(1 + rng.below(3)) }
        }
        return scenario
    }

    static let seeds: [UInt64] = Array(1...320)

    /// Per track, separate, linked and every partition against brute force; the linked Nash
    /// product is at least the separate one and the best bundling at least both extremes.
    @Test(arguments: seeds)
    func linkageMatchesBruteForce(seed: UInt64) throws {
        let scenario = Self.instance(seed: seed)
        let oracle = LinkageOracle(scenario)
        var settings = LinkageSettings()
        settings.bundlings = 1_000
        settings.redLines = false
        let report = try LinkageAnalysis.analyze(scenario, file: "seed-\(seed)", settings: settings)

        for (t, track) in report.perTrack.enumerated() {
            let want = oracle.settle(tracks: [t])
            #expect(optionIndices(track.outcome.package) == want, "seed \(seed): track \(track.track.id)")
        }
        let separate = oracle.combine(report.tracks.indices.map { oracle.settle(tracks: [$0]) }, bundles: report.tracks.indices.map { [$0] })
        #expect(optionIndices(report.separate.package) == separate, "seed \(seed): separate package")
        let linked = oracle.settle(tracks: Array(report.tracks.indices))
        #expect(optionIndices(report.linked.package) == linked, "seed \(seed): linked package")
        expectAllClose(report.linked.gains, oracle.gains(linked), "seed \(seed): linked gains")
        expectAllClose(report.separate.gains, oracle.gains(separate), "seed \(seed): separate gains")
        expectAllClose(report.valueOfLinkage, zip(oracle.gains(linked), oracle.gains(separate)).map { $0 - $1 }, "seed \(seed): value of linkage")
        let hurt = scenario.parties.indices.filter { oracle.exact(linked)[$0] < oracle.exact(separate)[$0] }
        #expect(report.hurt == hurt, "seed \(seed): hurt")

        // The acceptance property: linked ≥ separate, best bundling ≥ both extremes.
        #expect(report.linked.nashProduct >= report.separate.nashProduct * (1 - 1e-12), "seed \(seed): linked \(report.linked.nashProduct) < separate \(report.separate.nashProduct)")
        let best = try #require(report.bundling.ranked.first, "seed \(seed)")
        #expect(best.outcome.nashProduct >= max(report.linked.nashProduct, report.separate.nashProduct) * (1 - 1e-12), "seed \(seed): best bundling")

        // Every partition, brute force, ranked the same way.
        let expected = oracle.rankedPartitions(trackCount: report.tracks.count)
        #expect(report.bundling.isExact && report.bundling.partitions == Double(expected.count), "seed \(seed): partitions")
        #expect(report.bundling.ranked.map(\.bundles) == expected.map(\.bundles), "seed \(seed): bundling ranking")
        #expect(report.bundling.ranked.map { optionIndices($0.outcome.package) } == expected.map(\.package), "seed \(seed): bundling packages")
    }

    /// Branch and bound returns the same top of the ranking as scoring every partition, and
    /// prunes; beam search is never worse than both extremes.
    @Test(arguments: Array(UInt64(1)...60))
    func bundlingPruningIsExactAndBeamBeatsTheExtremes(seed: UInt64) throws {
        var scenario = Self.instance(seed: seed)
        // Up to 5 tracks: one issue each.
        for j in scenario.issues.indices { scenario.issues[j].track = "t\(j + 1)" }
        let context = try LinkageContext(scenario: scenario, file: "seed-\(seed)")
        let all = try context.exactBundlings(keep: 1_000)
        let top = try context.exactBundlings(keep: 3)
        // Every partition is a leaf: B_T for T ≤ 5 tracks (Bell numbers, OEIS A000110).
        #expect(all.evaluated == [1, 1, 2, 5, 15, 52][scenario.issues.count], "seed \(seed)")
        #expect(top.ranked.map(\.bundles) == Array(all.ranked.prefix(3)).map(\.bundles), "seed \(seed): pruned ranking differs")
        #expect(top.evaluated + top.pruned >= 1 && top.evaluated <= all.evaluated, "seed \(seed)")
        let beam = try context.beamBundlings(keep: 5, width: 2)
        let bestBeam = try #require(beam.ranked.first)
        #expect(!beam.isExact)
        // The two extremes by the oracle: every track alone, and all linked.
        let oracle = LinkageOracle(scenario)
        let tracks = scenario.issues.indices.map { [$0] }
        let alone = oracle.combine(tracks.map { oracle.settle(tracks: $0) }, bundles: tracks)
        let linked = oracle.settle(tracks: Array(scenario.issues.indices))
        let extremes = [alone, linked].map(oracle.nashProduct)
        #expect(bestBeam.outcome.nashProduct >= (extremes.max() ?? 0) * (1 - 1e-12), "seed \(seed): beam worse than an extreme")
    }

    @Test func branchAndBoundPrunesOnSixTracks() throws {
        var generator = ScenarioGenerator()
        generator.seed = 11
        generator.issues = 6
        generator.options = 3
        generator.decimals = 4
        var scenario = generator.generate()
        for j in scenario.issues.indices { scenario.issues[j].track = "t\(j + 1)" }
        let context = try LinkageContext(scenario: scenario, file: "six")
        let search = try context.exactBundlings(keep: 1)
        #expect(search.pruned > 0 && search.evaluated < 203, "evaluated \(search.evaluated) of B_6 = 203, pruned \(search.pruned)")
        let all = try context.exactBundlings(keep: 203)
        #expect(search.ranked.map(\.bundles) == [all.ranked[0].bundles])
    }

    /// The Bell numbers B_0 … B_10 (OEIS A000110).
    @Test func bellNumbers() {
        #expect((0...10).map { bellNumber($0) } == [1, 1, 2, 5, 15, 52, 203, 877, 4140, 21147, 115975])
    }

    /// More than `exactBundlingLimit` tracks: beam search, reported as approximate.
    @Test func manyTracksUseBeamSearch() throws {
        var generator = ScenarioGenerator()
        generator.seed = 5
        generator.issues = 12
        generator.options = 2
        generator.decimals = 4
        var scenario = generator.generate()
        for j in scenario.issues.indices { scenario.issues[j].track = "t\(j + 1)" }
        var settings = LinkageSettings()
        settings.redLines = false
        let report = try LinkageAnalysis.analyze(scenario, file: "twelve", settings: settings)
        #expect(!report.bundling.isExact && report.bundling.partitions == 4_213_597)
        let best = try #require(report.bundling.ranked.first)
        #expect(best.outcome.nashProduct >= report.linked.nashProduct && best.outcome.nashProduct >= report.separate.nashProduct)
        #expect(report.text.contains("approximate: beam search"))
        #expect(report.json.rendered().contains("\"method\": \"beam\""))
    }

    /// Top-k: the Pareto frontier ranked by the Nash selection rule, repeated (brute force).
    @Test(arguments: Array(UInt64(1)...150))
    func topPackagesMatchBruteForceRanking(seed: UInt64) throws {
        let scenario = Self.instance(seed: seed)
        let oracle = BruteForce(scenario)
        let context = try LinkageContext(scenario: scenario, file: "seed-\(seed)")
        let ranked = context.topPackages(on: Frontier(space: try #require(context.space)), k: 8)
        let expected = LinkageOracle.rankByNash(oracle.frontier, disagreement: oracle.disagreement, power: scenario.parties.map(\.power), k: 8)
        #expect(ranked.map { optionIndices($0.outcome.package) } == expected.map(\.package), "seed \(seed)")
        if let first = ranked.first, let nash = oracle.solution(.nash) {
            #expect(optionIndices(first.outcome.package) == nash.package, "seed \(seed): first is not Nash")
        }
    }

    // MARK: Red lines

    /// Relaxing each red line: the Nash solution without it equals brute force on the scenario
    /// without it; it binds exactly when that solution differs.
    @Test(arguments: Array(UInt64(1)...80))
    func redLineRelaxationMatchesBruteForce(seed: UInt64) throws {
        var scenario = Self.instance(seed: seed)
        scenario.preferences[0].redLines.append(.forbid(issue: 0, options: [1]))
        var settings = LinkageSettings()
        settings.bundlings = 1
        let report = try LinkageAnalysis.analyze(scenario, file: "seed-\(seed)", settings: settings)
        let analysis = try #require(report.redLines)
        let linked = BruteForce(scenario).solution(.nash)?.package
        let references = scenario.preferences.indices.flatMap { i in scenario.preferences[i].redLines.indices.map { (i, $0) } }
        #expect(analysis.effects.map { [$0.reference.party, $0.reference.index] } == references.map { [$0.0, $0.1] })
        for effect in analysis.effects {
            var relaxed = scenario
            relaxed.preferences[effect.reference.party].redLines.remove(at: effect.reference.index)
            let want = BruteForce(relaxed).solution(.nash)?.package
            #expect(effect.relaxed.map { optionIndices($0.package) } == want, "seed \(seed): without \(effect.reference)")
            #expect(effect.binds == (want != linked), "seed \(seed): binds")
        }
    }

    /// With no agreement zone, the minimal conflicting set empties the zone by itself and
    /// removing any one of its red lines restores a zone (checked by brute force), on the first
    /// 60 seeded random scenarios without an agreement zone.
    @Test func minimalConflictingSetIsMinimal() throws {
        var found = 0, reservationsOnly = 0
        for seed in UInt64(1)...5_000 where found < 60 {
            var rng = SeededGenerator(seed: seed)
            var generator = ScenarioGenerator()
            generator.seed = seed
            generator.parties = 2 + rng.below(2)
            generator.issues = 2 + rng.below(3)
            generator.options = 2 + rng.below(3)
            generator.decimals = 4
            generator.forbids = 2 + rng.below(6)
            generator.combinations = 1 + rng.below(5)
            generator.reservation = [0.2, 0.4, 0.5][rng.below(3)]
            let scenario = generator.generate()
            guard BruteForce(scenario).acceptable.isEmpty else { continue }  // only instances without a zone
            let context = try LinkageContext(scenario: scenario, file: "seed-\(seed)")
            let conflict = try context.minimalConflict()
            if BruteForce(Self.keeping(scenario) { _ in false }).acceptable.isEmpty {
                #expect(conflict.minimalSet.isEmpty && conflict.withoutRedLines != nil, "seed \(seed)")
                reservationsOnly += 1
                continue
            }
            found += 1
            let set = Set(conflict.minimalSet)
            #expect(!set.isEmpty, "seed \(seed)")
            #expect(BruteForce(Self.keeping(scenario) { set.contains($0) }).acceptable.isEmpty, "seed \(seed): the set does not empty the zone")
            for (k, member) in conflict.minimalSet.enumerated() {
                let without = Self.keeping(scenario) { set.contains($0) && $0 != member }
                #expect(!BruteForce(without).acceptable.isEmpty, "seed \(seed): \(member) is not needed")
                let alone = Self.keeping(scenario) { $0 != member }
                #expect(conflict.restoresZoneAlone[k] == !BruteForce(alone).acceptable.isEmpty, "seed \(seed): restoresZoneAlone")
            }
        }
        #expect(found == 60, "only \(found) instances without an agreement zone caused by red lines")
    }

    /// The scenario with only the red lines `(party, index)` for which `keep` holds (the test's
    /// own filter, not the production helper).
    static func keeping(_ scenario: Scenario, _ keep: (RedLineReference) -> Bool) -> Scenario {
        var copy = scenario
        for i in copy.preferences.indices {
            copy.preferences[i].redLines = []
            for (k, redLine) in scenario.preferences[i].redLines.enumerated() where keep(RedLineReference(party: i, index: k)) {
                copy.preferences[i].redLines.append(redLine)
            }
        }
        return copy
    }
}
