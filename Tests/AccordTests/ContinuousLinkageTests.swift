import Accord
@testable import AccordModel
@testable import AccordGenerate
@testable import AccordSpace
@testable import AccordSolutions
@testable import AccordLinkage
@testable import AccordReport
import Foundation
import Testing

/// Issue linkage with range and divisible issues (DESIGN.md §1.4): a case solved by hand, mixed
/// scenarios against an independent brute force (every discrete combination × the closed-form
/// Nash split of one linear good), Blue Harbor with its divisible wind revenue, the river basin,
/// and bad input.
@Suite struct ContinuousLinkageTests {
    // MARK: Solved by hand

    /// Two tracks, one divisible good each, linear values (v(s) = s); A values g1 0.6 and g2 0.4,
    /// B the reverse; d = 0 and the status quo is every good not divided (u = 0).
    static func twoGoods(powerA: Double) throws -> Scenario {
        try scenario(yaml: """
            accord: 1
            name: Two goods
            parties: [{id: A, power: \(powerA)}, {id: B}]
            issues:
              - {id: g1, track: t1, divisible: true}
              - {id: g2, track: t2, divisible: true}
            preferences:
              A: {weights: {g1: 0.6, g2: 0.4}, values: {g1: [[0, 0], [1, 1]], g2: [[0, 0], [1, 1]]}}
              B: {weights: {g1: 0.4, g2: 0.6}, values: {g1: [[0, 0], [1, 1]], g2: [[0, 0], [1, 1]]}}
            """)
    }

    /// Power p = (3, 1). Alone, t1 (g2 not divided) maximizes 3 log(0.6 s) + log(0.4 (1 − s)):
    /// 3/s = 1/(1 − s), s = 3/4 — the power-weighted split p_A/(p_A + p_B) — so u = (0.45, 0.1);
    /// t2 likewise gives A 3/4 of g2: u = (0.3, 0.15). Separate: u = (0.75, 0.25), Nash product
    /// 0.75³ · 0.25 = 0.10546875.
    ///
    /// Linked: maximize 3 log(0.6a + 0.4b) + log(0.4(1 − a) + 0.6(1 − b)) over A's shares a, b.
    /// A gets g1 first (A's value ratio 0.6/0.4 beats 0.4/0.6): at a = 1,
    /// d/db = 1.2/(0.6 + 0.4b) − 1/(1 − b) = 0 gives b = 0.375, u = (0.75, 0.375); a = 1 is
    /// optimal since ∂/∂a = 1.8/0.75 − 0.4/0.375 = 2.4 − 1.07 > 0 there. Nash product
    /// 0.75³ · 0.375 = 0.158203125. Value of linkage (0, +0.125): A gains nothing, B +50%.
    /// Logrolls: on g1 B gives up 0.4 · 0.25 = 0.1 and A gains 0.6 · 0.25 = 0.15 (rate 1.5 =
    /// the weight ratio 0.6/0.4); on g2 A gives up 0.4 · 0.375 = 0.15 and B gains 0.6 · 0.375 =
    /// 0.225 (rate 1.5).
    @Test func twoGoodsByHand() throws {
        let report = try LinkageAnalysis.analyze(try Self.twoGoods(powerA: 3), file: "goods.yaml")
        #expect(report.statusQuo.package == [.shares([0, 0]), .shares([0, 0])])
        #expect(report.perTrack.map(\.reached) == [true, true])
        try expectShares(report.perTrack[0].outcome.package[0], [0.75, 0.25])
        #expect(report.perTrack[0].outcome.package[1] == .shares([0, 0]))
        expectAllClose(report.perTrack[0].outcome.gains, [0.45, 0.1], tolerance: 1e-8)
        try expectShares(report.perTrack[1].outcome.package[1], [0.75, 0.25])
        expectAllClose(report.perTrack[1].outcome.gains, [0.3, 0.15], tolerance: 1e-8)
        expectAllClose(report.separate.utilities, [0.75, 0.25], tolerance: 1e-8)
        expectAllClose([report.separate.nashProduct], [0.10546875], tolerance: 1e-8)

        try expectShares(report.linked.package[0], [1, 0])
        try expectShares(report.linked.package[1], [0.375, 0.625])
        expectAllClose(report.linked.utilities, [0.75, 0.375], tolerance: 1e-8)
        expectAllClose([report.linked.nashProduct], [0.158203125], tolerance: 1e-8)
        expectAllClose(report.valueOfLinkage, [0, 0.125], tolerance: 1e-8)
        #expect(report.valueOfLinkage[0] == 0, "a change within the solves' accuracy is none")
        expectAllClose([report.valueOfLinkagePercent[1] ?? .nan], [50], tolerance: 1e-6)
        #expect(report.hurt.isEmpty)

        #expect(report.logrolls.map(\.issue) == [0, 1])
        let g1 = report.logrolls[0], g2 = report.logrolls[1]
        #expect(g1.concedes == [1] && g1.gains == [0] && g2.concedes == [0] && g2.gains == [1])
        expectAllClose(g1.change, [0.15, -0.1], tolerance: 1e-8)
        expectAllClose(g2.change, [-0.15, 0.225], tolerance: 1e-8)
        expectAllClose([g1.exchangeRate ?? .nan, g1.weightRatio ?? .nan, g2.exchangeRate ?? .nan, g2.weightRatio ?? .nan], [1.5, 1.5, 1.5, 1.5], tolerance: 1e-6)
        expectAllClose(report.interactionChange, [0, 0])

        #expect(report.bundling.ranked.map(\.bundles) == [[[0, 1]], [[0], [1]]])
        expectAllClose(report.bundling.ranked.map(\.outcome.nashProduct), [0.158203125, 0.10546875], tolerance: 1e-8)
        // Every issue continuous: the menu is the Nash solution alone, and says why.
        #expect(report.topPackages.count == 1)
        expectAllClose(report.topPackages[0].outcome.utilities, [0.75, 0.375], tolerance: 1e-8)
        #expect(report.text.contains("Every issue is continuous: the packages near the Nash solution are a continuum"))
        #expect(report.text.contains("t1     not divided  A 0.75, B 0.25  A 1, B 0"), "\(report.text)")
        #expect(report.text.contains("B accepts g1 (A 1, B 0) in exchange for g2 (A 0.375, B 0.625)"), "\(report.text)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.rendered().utf8)) as? [String: Any])
        let logroll = try #require((json["logrolls"] as? [[String: Any]])?.first)
        #expect((logroll["from"] as? [String: Double]).map { abs(($0["A"] ?? 0) - 0.75) < 1e-8 } == true)
        #expect(json["top_packages_note"] as? String != nil)
    }

    /// Equal power: each track alone is the equal split of its good (s = 1/2: u = (0.3, 0.2) and
    /// (0.2, 0.3)); linked, Nash sits on the frontier's kink (0.6, 0.6) — A takes g1, B g2 — since
    /// moving g2 towards A from there, d/db [log(0.6 + 0.4b) + log(0.6(1 − b))] = 0.4/0.6 − 1 < 0,
    /// and symmetrically for g1.
    @Test func twoGoodsWithEqualPowerSplitEachGoodAlone() throws {
        let report = try LinkageAnalysis.analyze(try Self.twoGoods(powerA: 1), file: "goods.yaml")
        try expectShares(report.perTrack[0].outcome.package[0], [0.5, 0.5])
        try expectShares(report.perTrack[1].outcome.package[1], [0.5, 0.5])
        expectAllClose(report.separate.utilities, [0.5, 0.5], tolerance: 1e-8)
        try expectShares(report.linked.package[0], [1, 0])
        try expectShares(report.linked.package[1], [0, 1])
        expectAllClose(report.linked.utilities, [0.6, 0.6], tolerance: 1e-8)
        expectAllClose(report.valueOfLinkage, [0.1, 0.1], tolerance: 1e-8)
    }

    func expectShares(_ value: IssueValue, _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard case .shares(let shares) = value else {
            Testing.Issue.record("not shares: \(value)", sourceLocation: sourceLocation)
            return
        }
        expectAllClose(shares, expected, tolerance: 1e-7, sourceLocation: sourceLocation)
    }
}

extension ContinuousLinkageTests {
    // MARK: Blue Harbor and the river basin

    /// `scenario` with divisible issue `j` (two parties) replaced by the discrete issue of B's
    /// share in steps of 1/`steps`: option k gives A `v_A(1 − k/steps)` and B `v_B(k/steps)`,
    /// each share floor becoming a `forbid` of the steps below it, and not divided (shares 0)
    /// an extra option worth `v_i(0)` to both, the status quo.
    static func discretized(_ scenario: Scenario, issue j: Int, steps: Int) throws -> Scenario {
        var copy = scenario
        let share = (0...steps).map { Double($0) / Double(steps) }
        copy.issues[j].domain = .options(share.indices.map { "b\($0)" } + ["not_divided"])
        copy.issues[j].statusQuo = .option(steps + 1)
        for i in 0..<2 {
            guard case .piecewise(let points)? = scenario.preferences[i].values[j] else { continue }
            let f = PiecewiseLinear(x: points.map(\.x), y: points.map(\.value))
            copy.preferences[i].values[j] = .table(share.map { f(i == 0 ? 1 - $0 : $0) } + [f(0)])
            copy.preferences[i].redLines = scenario.preferences[i].redLines.map { line in
                guard case .bounds(j, let minimum?, nil) = line else { return line }
                // A's floor on its share a = 1 − b forbids b > 1 − floor; B's forbids b < floor.
                return .forbid(issue: j, options: share.indices.filter { k in i == 0 ? share[k] > 1 - minimum + 1e-12 : share[k] < minimum - 1e-12 })
            }
        }
        return try copy.validated(file: "discretized.yaml")
    }

    /// Blue Harbor with the divisible wind revenue against the same scenario with the revenue
    /// in 1% steps (every breakpoint of both values and both share floors on the grid, the
    /// status quo "not divided" an option of its own), analysed by the exact discrete path that
    /// the brute-force cross-checks and `scripts/blue_harbor_linkage.py` hold: every bundle's
    /// Nash solution lies on a kink or a floor of the values here, so each track alone, the
    /// separate and linked settlements and every partition's Nash product agree. By hand, the
    /// energy track alone (the others at the status quo; A's share a ∈ [0.5, 0.75] by the floors)
    /// with A licensing the sites gives u = (0.41 + 0.2 v_A(a), 0.2 + 0.35 v_B(1 − a)); at
    /// a = 0.5, g = u − d = (0.254, 0.2045), and raising a changes log g_A + log g_B by
    /// 0.52/0.254 − 0.49/0.2045 < 0, so the floor a = 0.5 is Nash: gains (+0.334, +0.257) over
    /// the status quo (0.16, 0.2475). Linked, the Nash package is the signed accord (B 45%).
    @Test func blueHarborAgreesWithItsRevenueInOnePercentSteps() throws {
        let scenario = try Repository.loadData("blue-harbor.yaml")
        let revenue = try #require(scenario.issueIndex("wind_revenue"))
        let continuous = try LinkageAnalysis.analyze(scenario, file: "blue-harbor.yaml")
        let grid = try LinkageAnalysis.analyze(try Self.discretized(scenario, issue: revenue, steps: 100), file: "grid.yaml")

        expectAllClose(continuous.statusQuo.utilities, [0.16, 0.2475])
        try expectShares(continuous.perTrack[1].outcome.package[revenue], [0.5, 0.5])
        expectAllClose(continuous.perTrack[1].outcome.gains, [0.334, 0.257], tolerance: 1e-8)
        try expectShares(continuous.linked.package[revenue], [0.55, 0.45])
        expectAllClose(continuous.linked.utilities, [0.79, 0.856], tolerance: 1e-8)
        #expect(grid.linked.package[revenue] == .option(45))

        for (c, g) in zip(continuous.perTrack, grid.perTrack) {
            #expect(c.reached == g.reached)
            expectAllClose(c.outcome.gains, g.outcome.gains, "track \(c.track.id)", tolerance: 1e-8)
        }
        #expect(continuous.perTrack[0].reason.map { $0.text(in: scenario, track: Set(continuous.perTrack[0].track.issues)) }
            == grid.perTrack[0].reason.map { $0.text(in: scenario, track: Set(grid.perTrack[0].track.issues)) })
        expectAllClose(continuous.separate.gains, grid.separate.gains, tolerance: 1e-8)
        expectAllClose(continuous.valueOfLinkage, grid.valueOfLinkage, tolerance: 1e-8)
        #expect(continuous.bundling.ranked.map(\.bundles) == grid.bundling.ranked.map(\.bundles))
        expectAllClose(continuous.bundling.ranked.map(\.outcome.nashProduct), grid.bundling.ranked.map(\.outcome.nashProduct), tolerance: 1e-8)
        #expect(continuous.logrolls.map(\.issue) == grid.logrolls.map(\.issue))
        for (c, g) in zip(continuous.logrolls, grid.logrolls) {
            expectAllClose(c.change, g.change, tolerance: 1e-8)
            #expect(c.concedes == g.concedes && c.gains == g.gains)
        }
        // The menu's discrete packages complete their revenue by Nash: each at least as good
        // as the best 1% step with the same discrete terms.
        #expect(continuous.topPackages.count == 5)
        expectAllClose([continuous.topPackages[0].outcome.nashProduct], [0.3058], tolerance: 1e-8)
        let d = continuous.disagreement
        for entry in continuous.topPackages {
            let steps = (25...50).map { k -> Double in
                var package = entry.outcome.package
                package[revenue] = .shares([1 - Double(k) / 100, Double(k) / 100])
                let g = (0..<2).map { scenario.utility(of: package, party: $0) - d[$0] }
                return g.allSatisfy { $0 > 0 } ? g[0] * g[1] : 0
            }
            let best = steps.max() ?? 0
            #expect(entry.outcome.nashProduct >= best - 1e-9 && entry.outcome.nashProduct <= best + 0.01 * best, "\(entry.outcome.nashProduct) vs the grid's \(best)")
        }
    }
}

extension ContinuousLinkageTests {
    /// A range held at a status quo that crosses a red line: t ∈ [0, 10] (status quo 8; A keeps
    /// t ≤ 5), x ∈ {a, b} (status quo a), tracks `trade` (t) and `other` (x); A: 0.5 (1 − t/10)
    /// + 0.5 [x = b], B: 0.5 t/10 + 0.5 [x = a]; d = (0.2, 0.5). `other` alone keeps t = 8, which
    /// A's red line forbids: no agreement zone, and the reason says so. `trade` alone (x = a):
    /// g = (0.3 − 0.05t, 0.05t), Nash at t = 3 (the middle of (0, 6)), u = (0.35, 0.65). Linked,
    /// x = b would need g_B = 0.05t − 0.5 > 0, t > 10: the package is the trade track's.
    @Test func aStatusQuoThatCrossesARedLineEmptiesTheOtherTracks() throws {
        let report = try LinkageAnalysis.analyze(try scenario(yaml: """
            accord: 1
            name: Tariff
            parties: [{id: A, reservation: 0.2}, {id: B, reservation: 0.5}]
            issues:
              - {id: t, track: trade, range: [0, 10], status_quo: 8}
              - {id: x, track: other, options: [a, b], status_quo: a}
            preferences:
              A:
                weights: {t: 0.5, x: 0.5}
                values: {t: [[0, 1], [10, 0]], x: {a: 0, b: 1}}
                red_lines: [{issue: t, max: 5}]
              B: {weights: {t: 0.5, x: 0.5}, values: {t: [[0, 0], [10, 1]], x: {a: 1, b: 0}}}
            """), file: "tariff.yaml")
        #expect(report.perTrack.map(\.reached) == [true, false])
        guard case .number(let t)? = report.perTrack[0].outcome.package.first else { Testing.Issue.record("no tariff"); return }
        #expect(abs(t - 3) < 1e-7)
        expectAllClose(report.perTrack[0].outcome.utilities, [0.35, 0.65], tolerance: 1e-8)
        let reason = try #require(report.perTrack[1].reason)
        #expect(reason.text(in: report.scenario, track: [1])
            == "no agreement zone: the red line of 'A' leaves no value of issue 't' (A forbids the status quo of another track)")
        #expect(report.logrolls.isEmpty)
        expectAllClose(report.linked.utilities, [0.35, 0.65], tolerance: 1e-8)
        let effect = try #require(report.redLines?.effects.first)
        #expect(!effect.binds)
        #expect(report.text.contains("A keeps t at most 5"), "\(report.text)")
        #expect(report.text.contains("other alone: no agreement zone") && !report.text.contains("trade alone"))
    }

    /// The command on the repository's continuous scenarios: exit 0, the sections, continuous
    /// values as `solve` shows them.
    @Test func linkageCommandOnContinuousScenarios() throws {
        let harbor = try AccordExecutable.run(["linkage", Repository.data("blue-harbor.yaml"), "--format", "text"])
        #expect(harbor.status == 0, "\(harbor.stderr)")
        for text in ["wind_revenue  energy     not divided  A 0.5, B 0.5        A 0.55, B 0.45",
                     "energy     site_control A_licensing, wind_revenue (A 0.5, B 0.5)",
                     "B accepts wind_revenue (A 0.55, B 0.45) in exchange for fisheries joint_authority and moratorium 3_months",
                     "listed are the best packages of the discrete issues, each with its continuous issues settled by Nash",
                     "A keeps its share of wind_revenue at least 0.5"] {
            #expect(harbor.stdout.contains(text), "missing \"\(text)\" in \(harbor.stdout)")
        }
        let markdown = try AccordExecutable.run(["linkage", Repository.data("blue-harbor.yaml"), "--format", "md"])
        #expect(markdown.status == 0 && markdown.stdout.contains("| wind_revenue | energy | not divided | A 0.5, B 0.5 | **A 0.55, B 0.45** |"), "\(markdown.stdout)")

        // The river basin: the dry-season flow not divided at the status quo, so Delta's best on
        // the dam track alone is joint_commission, 0.15 · 1 < d = 0.2; linked is solve's Nash.
        let basin = try AccordExecutable.run(["linkage", Repository.data("river-basin.yaml"), "--format", "json"])
        #expect(basin.status == 0, "\(basin.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(basin.stdout.utf8)) as? [String: Any])
        let perTrack = try #require((json["separate"] as? [String: Any])?["per_track"] as? [String: [String: Any]])
        #expect(perTrack["dam_operation"]?["reason"] as? String == "no agreement zone: 'D' can get at most 0.15 < d = 0.2")
        let solve = try AccordExecutable.run(["solve", Repository.data("river-basin.yaml"), "--solutions", "nash", "--format", "json"])
        let nash = try #require(((try JSONSerialization.jsonObject(with: Data(solve.stdout.utf8)) as? [String: Any])?["solutions"] as? [String: Any])?["nash"] as? [String: Any])
        let linked = try #require(json["linked"] as? [String: Any])
        expectAllClose(try #require(linked["utilities"] as? [Double]), try #require(nash["utilities"] as? [Double]), tolerance: 1e-9)
        #expect((json["top_packages"] as? [Any])?.count == 5 && json["top_packages_note"] is String)
        let flow = try #require((linked["package"] as? [String: Any])?["dry_season_flow"] as? [String: Double])
        #expect(Set(flow.keys) == ["U", "M", "D"] && abs(flow.values.reduce(0, +) - 1) < 1e-9)
    }
}

extension ContinuousLinkageTests {
    /// Blue Harbor with B's reservation raised to 0.95: B's best under A's red lines is 0.25
    /// (joint authority) + 0.1 (3 months) + 0.05 (A's chair: A forbids the equal board) +
    /// 0.35 · 0.87 (at most half the revenue) + 0.056 (shared coast guard) + 0.12 (A pays 70%) +
    /// 0.05 (the interaction) = 0.9305 < 0.95. Dropping A's ban on the equal board adds
    /// 0.1 · 0.5 (0.9805); dropping A's revenue floor lets B take it all, + 0.35 · 0.33 (1.046):
    /// each alone restores a zone, so the minimal conflicting set is those two, and no relaxed
    /// red line (whose indices shift) is named beyond the scenario's own.
    @Test func noAgreementZoneNamesTheConflictingRedLines() throws {
        var scenario = try Repository.loadData("blue-harbor.yaml")
        scenario.parties[1].reservation = 0.95
        let report = try LinkageAnalysis.analyze(scenario, file: "blue-harbor.yaml")
        #expect(report.linkedReason.map { $0.text(in: scenario) }
            == "no agreement zone: 'B' can get at most 0.9305 < d = 0.95 under the red line of 'A' (A forbids site_control joint_board_equal); dropping it restores an agreement zone")
        let conflict = try #require(report.redLines?.conflict)
        #expect(conflict.minimalSet == [RedLineReference(party: 0, index: 0), RedLineReference(party: 0, index: 1)])
        #expect(conflict.restoresZoneAlone == [true, true])
        #expect(report.topPackages.isEmpty && report.perTrack.allSatisfy { !$0.reached })
    }
}
