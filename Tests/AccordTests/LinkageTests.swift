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

/// Issue linkage (DESIGN.md §1.4): hand-checked cases, Blue Harbor, red lines and the reports
/// (cross-checks against brute force: `LinkageCrossCheckTests`; the command: `LinkageCommandTests`).
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
        #expect(x.issue == 0 && x.from == .option(3) && x.to == .option(1) && x.concedes == [1] && x.gains == [0])
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
        let scenario = try Repository.loadData("blue-harbor-discrete.yaml")
        let report = try LinkageAnalysis.analyze(scenario, file: "blue-harbor-discrete.yaml")
        // The linked package is `solve`'s Nash solution (checked against brute force elsewhere).
        let nash = try #require(Solver.solve(try BargainingProblem(scenario, file: "blue-harbor-discrete.yaml")).solutions.first { $0.concept == .nash }?.result.agreement)
        #expect(report.linked.package == nash.package)
        // The fisheries track alone has no agreement zone (the data file's comment; the script
        // Tests/AccordTests/scripts/blue_harbor_linkage.py prints "track fisheries alone: … no
        // agreement").
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
        // The top packages start with the Nash package and the runner-up the data file names
        // (the script's "top 2": wind_revenue_B share_50, patrol_cost A_pays_60, 0.30573675).
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

    // MARK: Red lines

    /// The enumeration limit reaches every frontier the analysis computes. With A forbidding
    /// x = to_B and B forbidding y = to_A, each issue is a group of 3 allowed options, within a
    /// limit of 3; relaxing A's red line gives x back its 4 options, a group of 4 > 3, which the
    /// red-line analysis must refuse (before, it used the default limit of 10^9 there).
    @Test func theEnumerationLimitReachesTheRelaxedRedLines() throws {
        var scenario = try scenario(yaml: Self.logroll)
        scenario.preferences[0].redLines = [.forbid(issue: 0, options: [2])]
        scenario.preferences[1].redLines = [.forbid(issue: 1, options: [1])]
        var settings = LinkageSettings()
        settings.solver.maxEnumeration = 3
        settings.redLines = false
        #expect(throws: Never.self) { try LinkageAnalysis.analyze(scenario, file: "limit.yaml", settings: settings) }
        settings.redLines = true
        #expect {
            try LinkageAnalysis.analyze(scenario, file: "limit.yaml", settings: settings)
        } throws: { error in
            "\(error)".contains("group of 4 packages") && "\(error)".contains("the limit is 3 packages")
        }
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
        let report = try LinkageAnalysis.analyze(try Repository.loadData("blue-harbor-discrete.yaml"), file: "blue-harbor-discrete.yaml")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.rendered().utf8)) as? [String: Any])
        for key in ["tracks", "separate", "linked", "value_of_linkage", "logrolls", "bundling", "top_packages"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["tracks"] as? [String] == ["fisheries", "energy", "security"])
        let separate = try #require(object["separate"] as? [String: Any])
        for key in ["package", "utilities", "gains", "per_track"] { #expect(separate[key] != nil, "separate.\(key)") }
        let perTrack = try #require(separate["per_track"] as? [String: [String: Any]])
        #expect(Set(perTrack.keys) == ["fisheries", "energy", "security"])
        // "track energy alone: site_control A_licensing, wind_revenue_B share_50" (scripts/blue_harbor_linkage.py).
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
}
