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

/// Issue linkage (DESIGN.md §1.4): hand-checked cases, cross-checks against the brute-force
/// oracle on seeded random scenarios, and the `accord linkage` command end to end.
@Suite struct LinkageTests {
    // MARK: Hand-checked cases

    /// Two tracks, one issue each, complementary weights (A cares about x, B about y): the
    /// classic logroll. Values of x for A: sq 0, to_A 1, to_B 0, split 0.5 (B mirrored); d = the
    /// status quo, so gains are `w · v`.
    ///
    /// Alone, x: to_A (0.8, 0) and to_B (0, 0.2) have product 0, split (0.4, 0.1) has 0.04 →
    /// split; y likewise → split (0.1, 0.4). Separate: gains (0.5, 0.5), product 0.25.
    /// Linked: (to_A, to_B) gives (0.8, 0.8) = 0.64, the best of the 16 packages ((to_A, split):
    /// (0.9, 0.4) = 0.36). Value of linkage +0.3 each (+60%). Logrolls: on x B concedes
    /// 0.2·0.5 = 0.1 and A gains 0.8·0.5 = 0.4 (rate 4 = weight ratio 0.8/0.2); on y the reverse.
    static let logroll = """
        accord: 1
        name: Classic logroll
        disagreement: status_quo
        parties: [{id: A}, {id: B}]
        issues:
          - {id: x, track: tx, options: [sq, to_A, to_B, split], status_quo: sq}
          - {id: y, track: ty, options: [sq, to_A, to_B, split], status_quo: sq}
        preferences:
          A:
            weights: {x: 0.8, y: 0.2}
            values: {x: {sq: 0, to_A: 1, to_B: 0, split: 0.5}, y: {sq: 0, to_A: 1, to_B: 0, split: 0.5}}
          B:
            weights: {x: 0.2, y: 0.8}
            values: {x: {sq: 0, to_A: 0, to_B: 1, split: 0.5}, y: {sq: 0, to_A: 0, to_B: 1, split: 0.5}}
        """

    @Test func complementaryWeightsLinkageHelpsBoth() throws {
        let report = try LinkageAnalysis.analyze(try scenario(yaml: Self.logroll), file: "logroll.yaml")
        #expect(report.tracks.map(\.id) == ["tx", "ty"])
        #expect(report.perTrack.map { optionIndices($0.outcome.package) } == [[3, 0], [0, 3]])
        expectAllClose(report.perTrack[0].outcome.gains, [0.4, 0.1])
        expectAllClose(report.perTrack[1].outcome.gains, [0.1, 0.4])
        #expect(optionIndices(report.separate.package) == [3, 3])
        expectAllClose(report.separate.gains, [0.5, 0.5])
        expectAllClose([report.separate.nashProduct], [0.25])
        #expect(optionIndices(report.linked.package) == [1, 2])
        expectAllClose(report.linked.gains, [0.8, 0.8])
        expectAllClose([report.linked.nashProduct], [0.64])
        expectAllClose(report.valueOfLinkage, [0.3, 0.3])
        expectAllClose(report.valueOfLinkagePercent.map { $0 ?? .nan }, [60, 60])
        #expect(report.hurt.isEmpty)

        #expect(report.logrolls.count == 2)
        let x = report.logrolls[0], y = report.logrolls[1]
        #expect(x.issue == 0 && x.from == 3 && x.to == 1 && x.concedes == [1] && x.gains == [0])
        expectAllClose(x.change, [0.4, -0.1])
        expectAllClose([x.exchangeRate ?? .nan, x.weightRatio ?? .nan], [4, 4])
        #expect(y.issue == 1 && y.concedes == [0] && y.gains == [1])
        expectAllClose([y.exchangeRate ?? .nan, y.weightRatio ?? .nan], [4, 4])
        expectAllClose(report.interactionChange, [0, 0])
        #expect(report.tradeSentences == [
            "A accepts y to_B in exchange for x to_A (net +0.3 against the separate tracks).",
            "B accepts x to_A in exchange for y to_B (net +0.3 against the separate tracks).",
        ])

        // Two partitions: linked (0.64) beats separate (0.25).
        #expect(report.bundling.isExact && report.bundling.partitions == 2)
        #expect(report.bundling.ranked.map(\.bundles) == [[[0, 1]], [[0], [1]]])
        expectAllClose(report.bundling.ranked.map(\.outcome.nashProduct), [0.64, 0.25])
    }

    /// Identical weight ratios (A: 0.6/0.4, B: 0.3/0.2, both 3:2) and a concave split value 0.6:
    /// nothing to trade. Alone, x: split (0.36, 0.18) = 0.0648 beats to_A (0.6, 0) = 0; y: split
    /// (0.24, 0.12). Linked: (split, split) (0.6, 0.3) = 0.18 beats (to_A, to_B) (0.6, 0.2) =
    /// 0.12, (split, to_A) (0.76, 0.18) = 0.1368 and every other package: the separate settlement.
    static let identicalRatios = """
        accord: 1
        name: Nothing to trade
        disagreement: status_quo
        parties: [{id: A}, {id: B}]
        issues:
          - {id: x, track: tx, options: [sq, to_A, to_B, split], status_quo: sq}
          - {id: y, track: ty, options: [sq, to_A, to_B, split], status_quo: sq}
        preferences:
          A:
            weights: {x: 0.6, y: 0.4}
            values: {x: {sq: 0, to_A: 1, to_B: 0, split: 0.6}, y: {sq: 0, to_A: 1, to_B: 0, split: 0.6}}
          B:
            weights: {x: 0.3, y: 0.2}
            values: {x: {sq: 0, to_A: 0, to_B: 1, split: 0.6}, y: {sq: 0, to_A: 0, to_B: 1, split: 0.6}}
        """

    @Test func identicalWeightRatiosLinkageAddsNothing() throws {
        let report = try LinkageAnalysis.analyze(try scenario(yaml: Self.identicalRatios), file: "same.yaml")
        #expect(optionIndices(report.separate.package) == [3, 3])
        #expect(optionIndices(report.linked.package) == [3, 3])
        expectAllClose(report.separate.gains, [0.6, 0.3])
        expectAllClose(report.linked.gains, [0.6, 0.3])
        expectAllClose(report.valueOfLinkage, [0, 0])
        expectAllClose(report.valueOfLinkagePercent.map { $0 ?? .nan }, [0, 0])
        #expect(report.logrolls.isEmpty)
        #expect(report.hurt.isEmpty)
        expectAllClose([report.linked.nashProduct], [0.18])
        // Both partitions give the same package; the tie goes to the one with less linkage.
        #expect(report.bundling.ranked.map(\.bundles) == [[[0], [1]], [[0, 1]]])
        #expect(report.text.contains("Trades: none — the linked package is the separate settlement."))
    }

    /// Linkage that hurts A. x: sq (0, 0) or deal (1, 0.05); y: sq, y1 (0.5, 0.1), y2 (0.1, 0.45)
    /// (gains A, B; d = status quo). Alone, x → deal (0.05 > 0); y → y1 (0.05 > 0.045).
    /// Separate: (1.5, 0.15), product 0.225. Linked: (deal, y2) (1.1, 0.5) = 0.55 beats
    /// (deal, y1) = 0.225: linkage moves y to B's side, A loses 0.4 (−26.7%), B gains 0.35.
    static let hurting = """
        accord: 1
        name: Linkage that hurts A
        disagreement: status_quo
        parties: [{id: A}, {id: B}]
        issues:
          - {id: x, track: tx, options: [sq, deal], status_quo: sq}
          - {id: y, track: ty, options: [sq, y1, y2], status_quo: sq}
        preferences:
          A:
            weights: {x: 1, y: 1}
            values: {x: {sq: 0, deal: 1}, y: {sq: 0, y1: 0.5, y2: 0.1}}
          B:
            weights: {x: 1, y: 1}
            values: {x: {sq: 0, deal: 0.05}, y: {sq: 0, y1: 0.1, y2: 0.45}}
        """

    @Test func linkageThatHurtsAPartyIsFlagged() throws {
        let report = try LinkageAnalysis.analyze(try scenario(yaml: Self.hurting), file: "hurt.yaml")
        #expect(optionIndices(report.separate.package) == [1, 1])
        #expect(optionIndices(report.linked.package) == [1, 2])
        expectAllClose(report.separate.gains, [1.5, 0.15])
        expectAllClose(report.linked.gains, [1.1, 0.5])
        expectAllClose(report.valueOfLinkage, [-0.4, 0.35])
        expectAllClose(report.valueOfLinkagePercent.map { $0 ?? .nan }, [-40.0 / 1.5, 35.0 / 0.15])
        #expect(report.hurt == [0])
        #expect(report.logrolls.count == 1 && report.logrolls[0].concedes == [0] && report.logrolls[0].gains == [1])
        expectAllClose([report.logrolls[0].exchangeRate ?? .nan], [0.875])
        #expect(report.text.contains("WARNING: linkage leaves A worse off than the separate tracks (-0.4): expect A to resist the package."))
        #expect(report.json.rendered().contains("\"linkage_hurts\": [\"A\"]"))
    }

    /// A track with no agreement zone alone stays at its status quo (DESIGN.md §1.4).
    @Test func trackWithoutAgreementZoneStaysAtStatusQuo() throws {
        // y alone cannot lift A to its reservation 0.5 (x at sq gives A 0; y gives at most 0.4).
        let yaml = """
            accord: 1
            name: One track stuck
            parties: [{id: A, reservation: 0.5}, {id: B}]
            issues:
              - {id: x, track: tx, options: [sq, good], status_quo: sq}
              - {id: y, track: ty, options: [sq, good], status_quo: sq}
            preferences:
              A: {weights: {x: 0.6, y: 0.4}, values: {x: {sq: 0, good: 1}, y: {sq: 0, good: 1}}}
              B: {weights: {x: 0.5, y: 0.5}, values: {x: {sq: 0, good: 1}, y: {sq: 0, good: 1}}}
            """
        let report = try LinkageAnalysis.analyze(try scenario(yaml: yaml), file: "stuck.yaml")
        #expect(report.perTrack[0].reached && optionIndices(report.perTrack[0].outcome.package) == [1, 0])
        #expect(!report.perTrack[1].reached && optionIndices(report.perTrack[1].outcome.package) == [0, 0])
        // The reason, as data: A alone falls short (no red line involved) — best 0.4 · 1 = 0.4 < 0.5.
        guard case .unreachable(let short, let redLines)? = report.perTrack[1].reason else {
            Issue.record("reason \(String(describing: report.perTrack[1].reason))")
            return
        }
        #expect(short.map(\.party) == [0] && redLines.isEmpty)
        expectAllClose(short.flatMap { [$0.best, $0.disagreement] }, [0.4, 0.5])
        #expect(report.text.contains("no agreement zone: 'A' can get at most 0.4 < d = 0.5\n"))
        #expect(optionIndices(report.separate.package) == [1, 0])
        #expect(optionIndices(report.linked.package) == [1, 1])
    }

    // MARK: Blue Harbor

    @Test func blueHarborLinkageExplainsTheTrades() throws {
        let scenario = try Repository.loadData("blue-harbor.yaml")
        let report = try LinkageAnalysis.analyze(scenario, file: "blue-harbor.yaml")
        // The linked package is `solve`'s Nash solution (checked against brute force elsewhere).
        let nash = try #require(try Solver.solve(scenario, file: "blue-harbor.yaml").solutions.first { $0.concept == .nash }?.result.agreement)
        #expect(report.linked.package == nash.package)
        // The fisheries track alone has no agreement zone (the data file's comment).
        let fisheries = try #require(report.perTrack.first { $0.track.id == "fisheries" })
        #expect(!fisheries.reached)
        // The joint authority and the moratorium come only with the package; B takes a lower
        // revenue share than the energy track alone would give it.
        let moved = report.logrolls.map { scenario.issues[$0.issue].id }
        #expect(moved.contains("fisheries") && moved.contains("wind_revenue_B"))
        #expect(report.valueOfLinkage.allSatisfy { $0 > 0 } && report.hurt.isEmpty)
        #expect(report.tradeSentences.contains { $0.hasPrefix("B accepts wind_revenue_B share_45 in exchange for fisheries joint_authority") })
        // Every partition by the brute-force oracle (8,448 packages, its own Nash rule), ranked as
        // the oracle ranks them; the Nash products are the oracle's own Π (u_i − d_i).
        let oracle = LinkageOracle(scenario)
        let partitions = oracle.rankedPartitions(trackCount: 3)
        #expect(report.bundling.ranked.map(\.bundles) == partitions.map(\.bundles))
        #expect(report.bundling.ranked.map { optionIndices($0.outcome.package) } == partitions.map(\.package))
        expectAllClose(report.bundling.ranked.map(\.outcome.nashProduct), partitions.map { oracle.nashProduct($0.package) })
        // Golden figures printed, as exact fractions, by Tests/AccordTests/scripts/
        // blue_harbor_linkage.py (an independent Python brute force over the YAML file): all
        // linked 1529/5000 = 0.3058 (u 0.79, 0.856 against d 0.24, 0.30: 0.55 · 0.556);
        // [fisheries + security] [energy] 0.3045915 (0.599 · 0.5085); separate tracks 0.10560825
        // (0.3765 · 0.2805).
        #expect(report.bundling.ranked.first?.bundles == [[0, 1, 2]])
        expectAllClose(Array(report.bundling.ranked.prefix(2).map(\.outcome.nashProduct)), [0.3058, 0.3045915], tolerance: 1e-12)
        expectAllClose([report.separate.nashProduct], [0.10560825], tolerance: 1e-12)
        // Energy can stay a separate track at a cost of 1 − 0.3045915 / 0.3058 = 0.395% of the
        // Nash product: within 1%, not within 0.1%.
        #expect(report.bundling.simplestNearBest()?.bundles == [[0, 2], [1]])
        #expect(report.bundling.simplestNearBest(within: 0.001) == nil)
        // The top packages start with the Nash package and the runner-up the data file names.
        #expect(report.topPackages.first?.outcome.package == nash.package)
        let second = try #require(report.topPackages.dropFirst().first)
        #expect(second.differences.map { scenario.issues[$0].id } == ["wind_revenue_B", "patrol_cost"])
        // A's red line on the revenue share binds.
        let binding = report.redLines?.effects.filter(\.binds).map { scenario.describeRedLine($0.reference) }
        #expect(binding == ["A forbids wind_revenue_B share_55, share_60"])
        // Why fisheries fails alone (hand derivation from the data file, other tracks at the
        // status quo: site_control contested, no wind, patrol separate, A pays 60%, worth
        // 0 + 0 + 0.2 · 0.2 + 0.15 · 0.5 = 0.115 to A): A's best is seasonal closures and a
        // 6-month moratorium, 0.15 · 0.45 + 0.05 · 1 + 0.115 = 0.2325 < 0.24. Joint management
        // would give A 0.15 · 0.75 + 0.05 + 0.115 = 0.2775 but crosses A's red line 3 (joint
        // authority with separate patrols); quotas would give A 0.315 but cross B's red line 2.
        // Dropping either restores a zone (B gets 0.48 or 0.355 ≥ 0.30 there): the minimal set.
        #expect(fisheries.reason == .unreachable(
            [Shortfall(party: 0, best: 0.2325, disagreement: 0.24)],
            redLines: [RedLineReference(party: 0, index: 2), RedLineReference(party: 1, index: 1)]))
        // The track's reason names no issue outside the fisheries track.
        let words = try #require(fisheries.reason?.text(in: scenario, track: Set(fisheries.track.issues)))
        for outside in ["site_control", "wind_revenue_B", "patrol"] { #expect(!words.contains(outside), "\(words)") }
        #expect(words.hasSuffix("(A forbids fisheries joint_authority with the other tracks at their status quo; B forbids fisheries bilateral_quotas); dropping any one of them restores an agreement zone"))
        // Those two red lines bind nowhere in the linked package, but they are what leaves the
        // fisheries track without agreement: the red-line section says so.
        #expect(report.text.contains("\nRed lines: 1 of 5 bind at the linked solution; 2 leave separate track fisheries without agreement\n"))
    }

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
        #expect(all.evaluated == Int(bellNumber(scenario.issues.count)), "seed \(seed)")
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
        let ranked = context.topPackages(on: Frontier(space: context.space), k: 8)
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

    /// Hand-made conflict: A forbids x = b, B forbids x = a, and an unrelated red line of B on y;
    /// the minimal set is the two red lines on x.
    @Test func minimalConflictByHand() throws {
        let yaml = """
            accord: 1
            name: Deadlock
            parties: [{id: A}, {id: B}]
            issues:
              - {id: x, options: [a, b], status_quo: a}
              - {id: y, options: [p, q], status_quo: p}
            preferences:
              A:
                weights: {x: 0.5, y: 0.5}
                values: {x: {a: 1, b: 0}, y: {p: 1, q: 0}}
                red_lines: [{issue: x, forbid: [b]}]
              B:
                weights: {x: 0.5, y: 0.5}
                values: {x: {a: 0, b: 1}, y: {p: 0, q: 1}}
                red_lines: [{issue: y, forbid: [p]}, {issue: x, forbid: [a]}]
            """
        let report = try LinkageAnalysis.analyze(try scenario(yaml: yaml), file: "deadlock.yaml")
        let conflict = try #require(report.redLines?.conflict)
        #expect(conflict.minimalSet == [RedLineReference(party: 0, index: 0), RedLineReference(party: 1, index: 1)])
        #expect(conflict.restoresZoneAlone == [true, true])
        #expect(report.linkedReason != nil && report.linked.gains == [0, 0])
        #expect(report.text.contains("No agreement zone: these 2 red lines (of 'A', 'B')"))
        #expect(report.text.contains("  - A forbids x b (dropping it alone restores a zone)"))
        let object = try JSONSerialization.jsonObject(with: Data(report.json.rendered().utf8)) as? [String: Any]
        let redLines = object?["red_lines"] as? [String: Any]
        let set = (redLines?["conflict"] as? [String: Any])?["minimal_set"] as? [[String: Any]]
        #expect(set?.first?["party"] as? String == "A" && set?.first?["forbid"] as? [String] == ["b"])
        #expect(set?.last?["party"] as? String == "B" && set?.last?["issue"] as? String == "x" && set?.last?["forbid"] as? [String] == ["a"])
    }

    /// B forbids y's status quo: holding y there leaves track tx no package at all. The reason
    /// names B's red line without naming y (outside tx), and the red-line section does not stop
    /// at "0 of 1 bind" (the red line does not move the linked package (a, q), the best for both,
    /// but it empties the separate track tx).
    @Test func redLinesThatEmptyATrackAreReported() throws {
        let yaml = """
            accord: 1
            name: Status quo crosses a red line
            parties: [{id: A}, {id: B}]
            issues:
              - {id: x, track: tx, options: [sq, a], status_quo: sq}
              - {id: y, track: ty, options: [sq, q], status_quo: sq}
            preferences:
              A: {weights: {x: 0.5, y: 0.5}, values: {x: {sq: 0, a: 1}, y: {sq: 0, q: 1}}}
              B: {weights: {x: 0.5, y: 0.5}, values: {x: {sq: 0, a: 1}, y: {sq: 0, q: 1}}, red_lines: [{issue: y, forbid: [sq]}]}
            """
        let report = try LinkageAnalysis.analyze(try scenario(yaml: yaml), file: "crossed.yaml")
        #expect(!report.perTrack[0].reached && report.perTrack[1].reached)
        #expect(report.perTrack[0].reason == .redLinesExcludeAll(redLines: [RedLineReference(party: 1, index: 0)]))
        let words = try #require(report.perTrack[0].reason?.text(in: report.scenario, track: [0]))
        #expect(words == "no agreement zone: with the other tracks at their status quo, the red line of 'B' excludes every package (B forbids the status quo of another track)")
        #expect(report.redLines?.effects.map(\.binds) == [false])
        #expect(report.text.contains("\nRed lines: 0 of 1 bind at the linked solution; 1 leaves separate track tx without agreement\n"))
        #expect(!report.text.contains("0 of 1 bind\n"))
    }

    /// `--baseline reservation`: gains are `u − reservation`. The logroll with reservations 0.1
    /// and 0.2 (d stays the status quo, 0): separate u (0.5, 0.5) → gains (0.4, 0.3); linked
    /// (0.8, 0.8) → (0.7, 0.6); value of linkage unchanged (0.3, 0.3), now +75% and +100%; the
    /// status quo's gains (−0.1, −0.2). Each bundle alone: tx reaches (0.4, 0.1) → (0.3, −0.1).
    @Test func gainsOverTheReservations() throws {
        let yaml = Self.logroll.replacingOccurrences(of: "parties: [{id: A}, {id: B}]", with: "parties: [{id: A, reservation: 0.1}, {id: B, reservation: 0.2}]")
        var settings = LinkageSettings()
        settings.baseline = .reservation
        let report = try LinkageAnalysis.analyze(try scenario(yaml: yaml), file: "logroll.yaml", settings: settings)
        expectAllClose(report.separate.gains, [0.4, 0.3])
        expectAllClose(report.linked.gains, [0.7, 0.6])
        expectAllClose(report.statusQuo.gains, [-0.1, -0.2])
        expectAllClose(report.valueOfLinkage, [0.3, 0.3])
        expectAllClose(report.valueOfLinkagePercent.map { $0 ?? .nan }, [75, 100])
        let separateBundling = try #require(report.bundling.ranked.first { $0.bundles == [[0], [1]] })
        expectAllClose(separateBundling.bundleGains.flatMap { $0 }, [0.3, -0.1, 0, 0.2])
        #expect(report.text.contains("\n  Gains are measured from the reservations: A 0.1, B 0.2 (status quo: u A 0, B 0)\n"))
        #expect(report.json.rendered().contains("\"gains_over\": \"reservation\""))
        // The default baseline says so too.
        let byDefault = try LinkageAnalysis.analyze(try scenario(yaml: yaml), file: "logroll.yaml")
        expectAllClose(byDefault.separate.gains, [0.5, 0.5])
        #expect(byDefault.text.contains("\n  Gains are measured from the status quo: u A 0, B 0\n"))
    }

    // MARK: Output

    @Test func jsonHasTheContractKeys() throws {
        let report = try LinkageAnalysis.analyze(try Repository.loadData("blue-harbor.yaml"), file: "blue-harbor.yaml")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.rendered().utf8)) as? [String: Any])
        for key in ["tracks", "separate", "linked", "value_of_linkage", "logrolls", "bundling", "top_packages"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["tracks"] as? [String] == ["fisheries", "energy", "security"])
        let separate = try #require(object["separate"] as? [String: Any])
        for key in ["package", "utilities", "gains", "per_track"] { #expect(separate[key] != nil, "separate.\(key)") }
        let perTrack = try #require(separate["per_track"] as? [String: [String: Any]])
        #expect(Set(perTrack.keys) == ["fisheries", "energy", "security"])
        #expect(perTrack["energy"]?["package"] as? [String: String] == ["site_control": "A_licensing", "wind_revenue_B": "share_50"])
        #expect(perTrack.values.allSatisfy { $0["gains"] is [Double] })
        let linked = try #require(object["linked"] as? [String: Any])
        for key in ["package", "utilities", "gains"] { #expect(linked[key] != nil, "linked.\(key)") }
        let logrolls = try #require(object["logrolls"] as? [[String: Any]])
        #expect(logrolls.allSatisfy { Set(["issue", "concedes", "gains", "exchange_rate"]).isSubset(of: $0.keys) })
        let bundling = try #require(object["bundling"] as? [[String: Any]])
        #expect((bundling.first?["bundles"] as? [[String]]) == [["fisheries", "energy", "security"]])
        #expect(bundling.allSatisfy { $0["nash_product"] is Double })
        let top = try #require(object["top_packages"] as? [[String: Any]])
        #expect(top.count == 5 && top.allSatisfy { $0["package"] is [String: String] && $0["utilities"] is [Double] && $0["nash_product"] is Double })
    }

    @Test func markdownHasTheTables() throws {
        let report = try LinkageAnalysis.analyze(try scenario(yaml: Self.logroll), file: "logroll.yaml")
        let markdown = report.markdown
        #expect(markdown.hasPrefix("# Classic logroll — issue linkage, 2 tracks\n"))
        #expect(markdown.contains("| x | tx | sq | split | **to_A** |"))
        #expect(markdown.contains("| A | +0.5 | +0.8 | +0.3 (+60%) |"))
        #expect(markdown.contains("| x | split → to_A | +0.4 | -0.1 | 4 | A gains 4 per unit B concedes |"))
        // Text and Markdown render the same sections: every section title is a Markdown heading.
        for section in report.sections {
            #expect(markdown.contains("## \(section.title)\n") && report.text.contains("\n\(section.title)\n"), "\(section.title)")
        }
        #expect(markdown.contains("| 1 | [tx + ty] | 0.64 | +0.8 | +0.8 |"))
    }

    // MARK: The command

    @Test func linkageCommandRunsTheReadmeExample() throws {
        let result = try AccordExecutable.run(["linkage", Repository.data("blue-harbor.yaml"), "--format", "text"])
        #expect(result.status == 0, "\(result.stderr)")
        for text in ["Separate tracks", "Linked package", "Value of linkage", "Trades that make the package",
                     "B accepts wind_revenue_B share_45 in exchange for fisheries joint_authority",
                     "Best bundling of tracks (exact: all 5 partitions considered)", "Top 5 packages near the Nash solution"] {
            #expect(result.stdout.contains(text), "missing \"\(text)\"")
        }
    }

    /// `--status-quo` gives the status quo a scenario (or a GENIUS file) lacks; `--baseline`
    /// and the frontier options reach the analysis; `--help` documents them.
    @Test func linkageCommandTakesAStatusQuoABaselineAndFrontierOptions() throws {
        let directory = try temporaryDirectory()
        try Data(Self.logroll.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        let genius = ["domain", "employer", "candidate"].map { Repository.data("genius/job-offer/\($0).xml") }
        let withoutStatusQuo = try AccordExecutable.run(["linkage", "--genius"] + genius + ["--format", "json"])
        expectFailedRun(withoutStatusQuo, status: 65, mentions: "linkage analysis needs a status_quo on every issue")
        let given = try AccordExecutable.run(["linkage", "--genius"] + genius
            + ["--status-quo", "Salary=60k,Remote_days=0,Start=June,Role=Engineer,Signing_bonus=None", "--format", "json"])
        #expect(given.status == 0, "\(given.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(given.stdout.utf8)) as? [String: Any]
        let statusQuo = (document?["status_quo"] as? [String: Any])?["package"] as? [String: String]
        #expect(statusQuo == ["Salary": "60k", "Remote_days": "0", "Start": "June", "Role": "Engineer", "Signing_bonus": "None"])
        let moved = try AccordExecutable.run(["linkage", "ok.yaml", "--status-quo", "x=split", "--baseline", "reservation", "--format", "json"], in: directory)
        #expect(moved.status == 0, "\(moved.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(moved.stdout.utf8)) as? [String: Any]
        #expect(object?["gains_over"] as? String == "reservation")
        #expect(((object?["status_quo"] as? [String: Any])?["package"] as? [String: String])?["x"] == "split")
        let help = try AccordExecutable.run(["linkage", "--help"])
        for text in ["--status-quo", "--baseline", "--max-enumeration", "--method", "--genius Data/genius/job-offer/domain.xml"] {
            #expect(help.stdout.contains(text), "--help lacks \(text)")
        }
    }

    @Test func linkageCommandWritesJSONAndMarkdown() throws {
        let directory = try temporaryDirectory()
        try Data(Self.logroll.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        let json = try AccordExecutable.run(["linkage", "ok.yaml", "--top", "2", "-o", "out.json"], in: directory)
        #expect(json.status == 0 && json.stdout.isEmpty, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("out.json"))) as? [String: Any]
        #expect((object?["top_packages"] as? [Any])?.count == 2)
        #expect(object?["value_of_linkage"] as? [Double] == [0.3, 0.3])
        let markdown = try AccordExecutable.run(["linkage", "ok.yaml", "-o", "out.md"], in: directory)
        #expect(markdown.status == 0)
        #expect(try String(contentsOf: directory.appendingPathComponent("out.md"), encoding: .utf8).hasPrefix("# Classic logroll"))
    }

    /// Every bad input: exit code, message, nothing written to `-o`.
    @Test(arguments: [
        (["linkage", "nosq.yaml", "-o", "out.json"], Int32(65), "nosq.yaml: linkage analysis needs a status_quo on every issue (the separate tracks are bargained with the other tracks at their status quo); issue 'y' has none"),
        (["linkage", "divisible.yaml", "-o", "out.json"], Int32(65), "divisible.yaml: issue 'cost' is divisible"),
        (["linkage", "broken.yaml", "-o", "out.json"], Int32(65), "broken.yaml:11: preferences.A.values.x.bogus: unknown option 'bogus'"),
        (["linkage", "gone.yaml", "-o", "out.json"], Int32(66), "gone.yaml: no such file"),
        (["linkage", "ok.yaml", "--top", "0", "-o", "out.json"], Int32(64), "--top must be at least 1, found 0"),
        (["linkage", "ok.yaml", "--top", "many", "-o", "out.json"], Int32(64), "'many'"),
        (["linkage", "ok.yaml", "--format", "csv", "-o", "out.json"], Int32(64), "--format csv is not available here"),
        (["linkage", "ok.yaml", "--bogus", "-o", "out.json"], Int32(64), "Unknown option '--bogus'"),
        (["linkage", "ok.yaml", "--status-quo", "z=sq", "-o", "out.json"], Int32(64), "--status-quo: unknown issue 'z'; the issues are x, y"),
        (["linkage", "ok.yaml", "--status-quo", "x=nope", "-o", "out.json"], Int32(64), "--status-quo: issue 'x' has no option 'nope'; its options are sq, to_A, to_B, split"),
        (["linkage", "ok.yaml", "--status-quo", "x", "-o", "out.json"], Int32(64), "--status-quo expects ISSUE=VALUE,..."),
        (["linkage", "ok.yaml", "--baseline", "median", "-o", "out.json"], Int32(64), "'median'"),
        // Each issue is a group of 4 packages; the limit of 3 refuses it (the default 10^9 would not).
        (["linkage", "ok.yaml", "--max-enumeration", "3", "-o", "out.json"], Int32(65), "the limit is 3 packages"),
        (["linkage", "ok.yaml", "--method", "enumeration", "--max-enumeration", "10", "-o", "out.json"], Int32(65), "enumerating all 16 packages exceeds the limit of 10"),
        (["linkage", "-o", "out.json"], Int32(64), "Missing expected argument"),
        (["linkage", "ok.yaml", "--format", "json", "-o", "missing/out.json"], Int32(74), "missing/out.json: cannot write output"),
    ] as [([String], Int32, String)])
    func linkageCommandErrors(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let directory = try temporaryDirectory()
        try Data(Self.logroll.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        try Data("""
            accord: 1
            name: No status quo on y
            parties: [{id: A}, {id: B}]
            issues: [{id: x, options: [a, b], status_quo: a}, {id: y, options: [p, q]}]
            preferences:
              A: {weights: {x: 1, y: 1}, values: {x: {a: 0, b: 1}, y: {p: 0, q: 1}}}
              B: {weights: {x: 1, y: 1}, values: {x: {a: 1, b: 0}, y: {p: 1, q: 0}}}
            """.utf8).write(to: directory.appendingPathComponent("nosq.yaml"))
        try Data("""
            accord: 1
            name: Divisible
            parties: [{id: A}, {id: B}]
            issues: [{id: x, options: [a, b], status_quo: a}, {id: cost, divisible: true}]
            preferences:
              A: {weights: {x: 1, cost: 1}, values: {x: {a: 0, b: 1}, cost: [[0, 1], [1, 0]]}}
              B: {weights: {x: 1, cost: 1}, values: {x: {a: 1, b: 0}, cost: [[0, 1], [1, 0]]}}
            """.utf8).write(to: directory.appendingPathComponent("divisible.yaml"))
        try Data(Self.logroll.replacingOccurrences(of: "values: {x: {sq: 0, to_A: 1, to_B: 0, split: 0.5}, y: {sq: 0, to_A: 1", with: "values: {x: {sq: 0, to_A: 1, bogus: 0, split: 0.5}, y: {sq: 0, to_A: 1")
            .utf8).write(to: directory.appendingPathComponent("broken.yaml"))
        let result = try AccordExecutable.run(arguments, in: directory)
        expectFailedRun(result, status: status, mentions: message)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.json").path), "-o written on failure")
    }
}

// MARK: - Helpers

func expectAllClose(_ actual: [Double], _ expected: [Double], _ comment: String = "", tolerance: Double = 1e-9, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) },
            "\(comment) \(actual) vs \(expected)", sourceLocation: sourceLocation)
}

/// A failed run: the exit status, the message on stderr, no crash.
func expectFailedRun(_ result: CommandResult, status: Int32, mentions message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == status, "exit status; stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.contains(message), "stderr lacks \"\(message)\": \(result.stderr)", sourceLocation: sourceLocation)
    for crash in ["Fatal error", "Backtrac", "crashed", "internal error"] {
        #expect(!result.stderr.contains(crash), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    }
}

/// Linkage by brute force, from the definitions of DESIGN.md §1.4: a bundle of tracks is
/// bargained over the packages that keep every other issue at its status quo (filtered from the
/// oracle's list, not built with red lines), by the literal Nash rule; a bundle without an
/// agreement stays at the status quo.
struct LinkageOracle {
    let scenario: Scenario
    let oracle: BruteForce
    let statusQuo: [Int]
    let tracks: [[Int]]

    init(_ scenario: Scenario) {
        self.scenario = scenario
        oracle = BruteForce(scenario)
        statusQuo = scenario.issues.map { $0.statusQuo?.option ?? 0 }
        tracks = scenario.tracks.map { track in scenario.issues.indices.filter { scenario.issues[$0].track == track } }
    }

    func exact(_ package: [Int]) -> [Int64] { BruteForce.utilities(package, scenario) }

    func gains(_ package: [Int]) -> [Double] {
        zip(exact(package), exact(statusQuo)).map { Double($0 - $1) / 1e8 }
    }

    /// The Nash package of a bundle of tracks bargained alone.
    func settle(tracks bundle: [Int]) -> [Int] {
        let free = Set(bundle.flatMap { tracks[$0] })
        let candidates = oracle.acceptable.filter { outcome in
            outcome.package.indices.allSatisfy { free.contains($0) || outcome.package[$0] == statusQuo[$0] }
        }
        return Self.rankByNash(candidates, disagreement: oracle.disagreement, power: scenario.parties.map(\.power), k: 1)
            .first.flatMap { Self.score($0.utilities, oracle.disagreement, scenario.parties.map(\.power)) == nil ? nil : $0.package }
            ?? statusQuo
    }

    /// Puts bundle settlements together.
    func combine(_ packages: [[Int]], bundles: [[Int]]) -> [Int] {
        var result = statusQuo
        for (package, bundle) in zip(packages, bundles) {
            for t in bundle { for j in tracks[t] { result[j] = package[j] } }
        }
        return result
    }

    /// `Π (u_i − d_i)^{p_i}` of an acceptable package with every `u_i > d_i`, else 0.
    func nashProduct(_ package: [Int]) -> Double {
        let u = exact(package).map { Double($0) / 1e8 }
        let acceptable = oracle.allowed.contains { $0.package == package } && zip(u, oracle.disagreement).allSatisfy { $0 > $1 }
        guard acceptable else { return 0 }
        return u.indices.reduce(1.0) { $0 * pow(u[$1] - oracle.disagreement[$1], scenario.parties[$1].power) }
    }

    static func score(_ u: [Double], _ d: [Double], _ power: [Double]) -> Double? {
        guard zip(u, d).allSatisfy({ $0 > $1 }) else { return nil }
        var total = 0.0
        for i in u.indices { total += power[i] * log(u[i] - d[i]) }
        return total
    }

    /// Repeated Nash selection (DESIGN.md §1.3 tie rules); outcomes with a zero product last.
    static func rankByNash(_ outcomes: [BruteForce.Outcome], disagreement d: [Double], power: [Double], k: Int) -> [BruteForce.Outcome] {
        var remaining = outcomes
        var ranked: [BruteForce.Outcome] = []
        while ranked.count < k, !remaining.isEmpty {
            let scores = remaining.map { score($0.utilities, d, power) }
            var pool = Array(remaining.indices)
            if let best = scores.compactMap({ $0 }).max() {
                pool = pool.filter { scores[$0].map { $0 >= best - 1e-12 } ?? false }
            }
            let sums = remaining.map { $0.utilities.reduce(0, +) }
            let bestSum = pool.map { sums[$0] }.max() ?? 0
            pool = pool.filter { sums[$0] >= bestSum - 1e-12 * abs(bestSum) }
            guard let pick = pool.min(by: { remaining[$0].package.lexicographicallyPrecedes(remaining[$1].package) }) else { break }
            ranked.append(remaining.remove(at: pick))
        }
        return ranked
    }

    struct Ranked {
        var bundles: [[Int]]
        var package: [Int]
    }

    /// Every partition of the tracks (restricted growth strings), its combined package, ranked:
    /// Nash product, then Σ u, then more bundles, then the canonical order.
    func rankedPartitions(trackCount: Int) -> [Ranked] {
        var partitions: [[[Int]]] = []
        var labels = [Int](repeating: 0, count: trackCount)
        func grow(_ t: Int, _ blocks: Int) {
            if t == trackCount {
                partitions.append((0..<blocks).map { b in (0..<trackCount).filter { labels[$0] == b } })
                return
            }
            for b in 0...blocks {
                labels[t] = b
                grow(t + 1, max(blocks, b + 1))
            }
        }
        if trackCount > 0 { grow(0, 0) }
        let power = scenario.parties.map(\.power)
        let allowed = Set(oracle.allowed.map(\.package))
        let entries = partitions.map { bundles -> (Ranked, Double?, Double) in
            let package = combine(bundles.map { settle(tracks: $0) }, bundles: bundles)
            let u = exact(package).map { Double($0) / 1e8 }
            let acceptable = allowed.contains(package) && zip(u, oracle.disagreement).allSatisfy { $0 >= $1 }
            return (Ranked(bundles: bundles, package: package), acceptable ? Self.score(u, oracle.disagreement, power) : nil, u.reduce(0, +))
        }
        return entries.sorted { a, b in
            switch (a.1, b.1) {
            case (let x?, let y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.2 != b.2 { return a.2 > b.2 }
            if a.0.bundles.count != b.0.bundles.count { return a.0.bundles.count > b.0.bundles.count }
            return a.0.bundles.lexicographicallyPrecedes(b.0.bundles) { $0.lexicographicallyPrecedes($1) }
        }.map(\.0)
    }
}
