import Accord
@testable import AccordSolutions
import Foundation
import Testing

/// `solve --lotteries` on range and divisible issues: hand-derived hull bridges (a mixed
/// scenario and a non-concave continuous one), the pure solutions on convex utility sets, Blue
/// Harbor against its revenue in 1% steps solved by the discrete lottery code, and seeded mixed
/// scenarios against a brute-force grid of every discrete combination × the continuous issues.
@Suite struct ConcaveLotteryTests {
    static func solve(_ scenario: Scenario, _ concepts: [SolutionConcept] = SolutionConcept.allCases, lotteries: Bool = true) throws -> BargainingSolution {
        Solver.solve(try BargainingProblem(scenario, file: "lottery.yaml", concepts: concepts, lotteries: lotteries))
    }

    static func agreement(_ solution: BargainingSolution, _ concept: SolutionConcept) -> Agreement? {
        solution.solutions.first { $0.concept == concept }?.result.agreement
    }

    /// The probability of the lottery's package whose discrete issue 0 is `option`.
    static func probability(_ lottery: [LotteryShare], option: Int) -> Double {
        lottery.filter { $0.package[0] == .option(option) }.reduce(0) { $0 + $1.probability }
    }

    /// x ∈ {a, b} and a pie valued linearly by both (weight 1); a gives B 0.6, b gives A 0.8;
    /// d = (0, 0.6). With s = A's share, the gains are a: (s, 1 − s) and b: (0.8 + s, 0.4 − s),
    /// s ≤ 0.4 (g_B ≥ 0). The upper hull of the two segments runs from a's best point for B,
    /// (0, 1), straight to b at s = 0, (0.8, 0.4) — the bridge g_B = 1 − 0.75 g_A, a lottery of
    /// (a, pie to B) and (b, pie to B) — then along b (g_A + g_B = 1.2) to (1.2, 0); a's segment
    /// lies under the bridge (at g_A = 0.5: 0.5 < 0.625).
    ///
    /// By hand (equal power), with q the probability of b:
    /// - Nash: on the bridge, g_A (1 − 0.75 g_A) peaks at g_A = 2/3 ≤ 0.8 (on b, (0.8 + s)(0.4 − s)
    ///   falls for s ≥ 0), so gains (2/3, 1/2), product 1/3, q = (2/3)/0.8 = 5/6. The best pure
    ///   package is b with the pie to B: 0.8 · 0.4 = 0.32 (a gives at most 0.25).
    /// - Egalitarian: g = 1 − 0.75 g on the bridge, g = 4/7, q = (4/7)/0.8 = 5/7 (pure: 0.5, on a).
    /// - Kalai–Smorodinsky: ideal gains (1.2, 1) (b with s = 0.4; a with s = 0), so gains
    ///   (1.2 k, k) with k = 1 − 0.9 k, k = 1/1.9, q = (1.2/1.9)/0.8 = 15/19.
    static let bridge = """
        accord: 1
        name: Bridge
        parties: [{id: A}, {id: B, reservation: 0.6}]
        issues:
          - {id: x, options: [a, b]}
          - {id: pie, divisible: true}
        preferences:
          A: {weights: {x: 1, pie: 1}, values: {x: {a: 0, b: 0.8}, pie: [[0, 0], [1, 1]]}}
          B: {weights: {x: 1, pie: 1}, values: {x: {a: 0.6, b: 0}, pie: [[0, 0], [1, 1]]}}
        """

    @Test func mixedBridgeByHand() throws {
        let scenario = try scenario(yaml: Self.bridge)
        let solution = try Self.solve(scenario)
        #expect(solution.status == .solved && !solution.lotteriesArePure)
        let d = [0.0, 0.6]
        let expected: [(SolutionConcept, gains: [Double], q: Double)] = [
            (.nash, [2.0 / 3, 0.5], 5.0 / 6), (.egalitarian, [4.0 / 7, 4.0 / 7], 5.0 / 7), (.kalaiSmorodinsky, [1.2 / 1.9, 1 / 1.9], 15.0 / 19),
        ]
        for (concept, gains, q) in expected {
            let found = try #require(Self.agreement(solution, concept))
            // The tie stage of the max–min LPs may give up 10^-9 of the criterion.
            expectAllClose(found.gains, gains, "\(concept)", tolerance: 1e-8)
            let lottery = try #require(found.lottery, "\(concept) is not a lottery")
            #expect(lottery.count == 2, "\(concept)")
            expectAllClose([Self.probability(lottery, option: 1)], [q], "\(concept)", tolerance: 1e-8)
            // Both packages give B the whole pie.
            for share in lottery {
                guard case .shares(let pie) = share.package[1] else { Issue.record("no pie"); continue }
                expectAllClose(pie, [0, 1], "\(concept)", tolerance: 1e-9)
            }
            expectAllClose(zip(found.utilities, d).map { $0 - $1 }, gains, tolerance: 1e-8)
        }
        let nash = try #require(Self.agreement(solution, .nash))
        expectAllClose([nash.nashProduct], [1.0 / 3], tolerance: 1e-9)
        let pure = try #require(Self.agreement(try Self.solve(scenario, [.nash], lotteries: false), .nash))
        expectAllClose([pure.nashProduct], [0.32], tolerance: 1e-9)
        // Utilitarian is linear: the best pure package (b, s = 0: Σ u = 0.8 + 1 = 1.8 > a's 1.6).
        let utilitarian = try #require(Self.agreement(solution, .utilitarian))
        #expect(utilitarian.lottery == nil)
        expectAllClose([utilitarian.utilities.reduce(0, +)], [1.8], tolerance: 1e-9)
        #expect((solution.info.gap ?? 1) <= 1e-9)
    }

    /// One pie, no discrete issue; A's value s ↦ 0.2 s up to 0.5, then 0.1 + 1.8 (s − 0.5), is
    /// convex (split at s = 0.5 into two concave parts), B's is linear, d = 0. The utility set is
    /// the curve (0.2 s, 1 − s) for s ≤ 0.5 and (1.8 s − 0.8, 1 − s) beyond, below the chord
    /// g_A + g_B = 1 from (0, 1) to (1, 0) but for its ends. Over lotteries every concept is the
    /// chord's midpoint (0.5, 0.5), a 50/50 lottery of "all to A" and "all to B"; the best pure
    /// Nash point is on the second part, (1.8 s − 0.8)(1 − s) peaking at s = 13/18: product
    /// 0.5 · 5/18 = 5/36.
    @Test func nonConcaveContinuousValuesGainFromLotteries() throws {
        let scenario = try scenario(yaml: """
            accord: 1
            name: Convex pie
            parties: [{id: A}, {id: B}]
            issues: [{id: pie, divisible: true}]
            preferences:
              A: {weights: {pie: 1}, values: {pie: [[0, 0], [0.5, 0.1], [1, 1]]}}
              B: {weights: {pie: 1}, values: {pie: [[0, 0], [1, 1]]}}
            """)
        let solution = try Self.solve(scenario, [.nash, .egalitarian, .kalaiSmorodinsky])
        #expect(solution.status == .solved && !solution.lotteriesArePure)
        for concept in [SolutionConcept.nash, .egalitarian, .kalaiSmorodinsky] {
            let found = try #require(Self.agreement(solution, concept))
            expectAllClose(found.utilities, [0.5, 0.5], "\(concept)", tolerance: 1e-8)
            let lottery = try #require(found.lottery, "\(concept)")
            #expect(lottery.count == 2)
            let ends = lottery.compactMap { share -> [Double]? in
                guard case .shares(let pie) = share.package[0] else { return nil }
                return pie
            }.sorted { $0[0] < $1[0] }
            expectAllClose(ends.flatMap { $0 } + lottery.map(\.probability), [0, 1, 1, 0, 0.5, 0.5], "\(concept)", tolerance: 1e-8)
        }
        let pure = try #require(Self.agreement(try Self.solve(scenario, [.nash], lotteries: false), .nash))
        expectAllClose([pure.nashProduct], [5.0 / 36], tolerance: 1e-9)
    }

    /// Concave values and no discrete issue (or one Pareto-optimal discrete package): the utility
    /// set is convex (`ConcaveSearch.utilitySetIsConvex`), so every solution over lotteries is the
    /// pure one, reported as a package (no lottery), and the text says why in one line.
    @Test func convexUtilitySetsGiveThePureSolutions() throws {
        let threeParties = try scenario(yaml: """
            accord: 1
            name: Three share a budget
            parties: [{id: A, reservation: 0.1}, {id: B, reservation: 0.1, power: 2}, {id: C, reservation: 0.05}]
            issues:
              - {id: money, divisible: true}
              - {id: level, range: [0, 10]}
            preferences:
              A: {weights: {money: 0.6, level: 0.4}, values: {money: [[0, 0], [0.3, 0.6], [1, 1]], level: [[0, 0], [4, 1], [10, 0.2]]}}
              B: {weights: {money: 0.5, level: 0.5}, values: {money: [[0, 0], [1, 1]], level: [[0, 1], [10, 0]]}}
              C: {weights: {money: 0.8, level: 0.2}, values: {money: [[0, 0], [0.5, 0.8], [1, 1]], level: [[0, 0.2], [6, 1], [10, 0.5]]}}
            """)
        for scenario in [try Repository.loadData("pie.yaml"), threeParties] {
            let pure = try Self.solve(scenario, lotteries: false), mixed = try Self.solve(scenario)
            #expect(mixed.status == .solved && mixed.lotteriesArePure && !pure.lotteriesArePure, "\(scenario.name)")
            for concept in SolutionConcept.allCases {
                let a = try #require(Self.agreement(pure, concept)), b = try #require(Self.agreement(mixed, concept))
                #expect(b.lottery == nil && a.package == b.package && a.utilities == b.utilities, "\(scenario.name) \(concept)")
            }
            #expect(mixed.text.contains("\nLotteries: none beats the pure solutions (concave values on one discrete package: the utility set is convex)\n"))
            #expect(!pure.text.contains("Lotteries:"))
        }
    }

    /// Blue Harbor against the same scenario with the wind revenue in 1% steps: every vertex of
    /// every exact frontier curve is a breakpoint of the values or a share floor, all on the grid
    /// (`MixedDynamicsTests`), so the convex hull of the grid's packages is the hull of the
    /// continuous utility set, and the discrete lottery code (`NashLottery` and
    /// `egalitarianLottery` over the grid's frontier, no column generation) must find the same
    /// lottery solutions. Nash mixes A paying 70% and 40% of the patrols, B 45% of the revenue in
    /// both, beating the pure Nash product 0.3058.
    @Test func blueHarborAgreesWithItsRevenueInOnePercentSteps() throws {
        let scenario = try Repository.loadData("blue-harbor.yaml")
        let revenue = try #require(scenario.issueIndex("wind_revenue"))
        let grid = try ContinuousLinkageTests.discretized(scenario, issue: revenue, steps: 100)
        let concepts: [SolutionConcept] = [.nash, .egalitarian, .kalaiSmorodinsky]
        let continuous = try Self.solve(scenario, concepts), steps = try Self.solve(grid, concepts)
        #expect(continuous.status == .solved && steps.status == .solved)
        for concept in concepts {
            let a = try #require(Self.agreement(continuous, concept)), b = try #require(Self.agreement(steps, concept))
            expectAllClose(a.utilities, b.utilities, "\(concept)", tolerance: 1e-8)
            #expect((a.lottery?.count ?? 1) <= 3)
        }
        let nash = try #require(Self.agreement(continuous, .nash))
        let lottery = try #require(nash.lottery)
        #expect(lottery.count == 2 && nash.nashProduct > 0.3058 + 1e-5)
        for share in lottery { #expect(scenario.describe(share.package[revenue], issue: revenue) == "A 0.55, B 0.45") }
        #expect((continuous.info.gap ?? 1) <= 1e-9)
    }

    /// A seeded mixed scenario where the discrete issues weigh most and pull the parties apart, so
    /// that the utility set is a few small convex pieces far from each other and lotteries
    /// bridging them often gain: `parties` parties, two discrete issues of three options (weight
    /// 1, values in tenths, one forbidden option), a divisible good and a range on [0, 1] of
    /// weight 0.02–0.08 with concave values (`MixedDomainTests.concavePoints`), a share floor of
    /// 0.2 for the last party, reservations 0–0.3, power 1, 2, 0.5.
    static func bridged(seed: UInt64, parties: Int) throws -> Scenario {
        var random = SeededGenerator(seed: seed)
        func tenth(_ range: ClosedRange<Int>) -> Double { Double(Int.random(in: range, using: &random)) / 10 }
        let issues = [
            Issue(id: "x", domain: .options(["x0", "x1", "x2"])), Issue(id: "y", domain: .options(["y0", "y1", "y2"])),
            Issue(id: "money", domain: .divisible), Issue(id: "level", domain: .range(lower: 0, upper: 1)),
        ]
        let preferences = (0..<parties).map { i in
            let values: [ValueFunction?] = [
                .table((0..<3).map { _ in tenth(0...10) }), .table((0..<3).map { _ in tenth(0...10) }),
                .piecewise(MixedDomainTests.concavePoints(&random).map { ValueFunction.Breakpoint(x: $0[0], value: $0[1]) }),
                .piecewise(MixedDomainTests.concavePoints(&random).map { ValueFunction.Breakpoint(x: $0[0], value: $0[1]) }),
            ]
            var redLines: [RedLine] = [.forbid(issue: i % 2, options: [Int.random(in: 0...2, using: &random)])]
            if i == parties - 1 { redLines.append(.bounds(issue: 2, min: 0.2, max: nil)) }
            return Preference(weights: [1, 1, tenth(1...4) / 5, tenth(1...4) / 5], values: values, interactions: [], redLines: redLines)
        }
        let partyList = (0..<parties).map { Party(id: "P\($0)", reservation: tenth(0...3), power: [1, 2, 0.5][$0 % 3]) }
        return try Scenario(name: "bridged \(seed)", parties: partyList, issues: issues, preferences: preferences)
    }

    /// Seeded mixed scenarios (`bridged(seed:parties:)`: two discrete issues, a divisible good
    /// with a share floor and a range, 2–3 parties, unequal power) against a brute force written
    /// here: every discrete combination the red lines allow × the good's shares in steps of 1/20 ×
    /// the range in steps of 1/20, utilities from the scenario. The lottery Nash solution x must
    /// (1) beat the pure one, (2) satisfy the optimality condition of the concave program over the
    /// hull, `Σ_i p_i (u_i(y) − d_i) / (x_i − d_i) ≤ Σ_i p_i`, at every acceptable grid package y,
    /// and (3) mix at most n + 1 acceptable packages whose expected utilities are x. The
    /// egalitarian lottery must be at least as good as the pure one and as the best mix of the
    /// grid's packages (an LP over them: they lie in the set, so their hull does too).
    @Test(arguments: Array(UInt64(1)...UInt64(32)))
    func mixedLotteriesAgainstAGrid(seed: UInt64) throws {
        let parties = seed % 3 == 0 ? 3 : 2
        let scenario = try Self.bridged(seed: seed, parties: parties)
        let d = scenario.parties.map(\.reservation), p = scenario.parties.map(\.power)
        let mixed = try Self.solve(scenario, [.nash, .egalitarian]), pure = try Self.solve(scenario, [.nash, .egalitarian], lotteries: false)
        #expect(mixed.status == .solved || mixed.status == .noAgreementZone, "seed \(seed): \(mixed.status)")
        guard let x = Self.agreement(mixed, .nash), let purely = Self.agreement(pure, .nash) else {
            #expect(Self.agreement(mixed, .nash) == nil && Self.agreement(pure, .nash) == nil, "seed \(seed)")
            return
        }
        #expect(x.nashProduct >= purely.nashProduct * (1 - 1e-12), "seed \(seed)")
        // These seeds' Nash points lie on a bridge between pieces (seen when the test was
        // written, by the grid check below): the checks then hold for real lotteries too.
        if [5, 15, 18, 19, 24, 30].contains(seed) {
            #expect(x.lottery != nil && x.nashProduct > purely.nashProduct * (1 + 1e-4), "seed \(seed): no lottery gain")
        }
        #expect((mixed.info.gap ?? 1) <= 1e-9, "seed \(seed)")

        // The grid, acceptable packages only.
        func allowed(_ issue: Int, _ option: Int) -> Bool {
            !scenario.preferences.contains { preference in
                preference.redLines.contains { if case .forbid(issue, let options) = $0 { return options.contains(option) } else { return false } }
            }
        }
        var shares: [[Double]] = []
        if parties == 2 {
            shares = (4...20).map { [1 - Double($0) / 20, Double($0) / 20] }
        } else {
            for a in 0...20 { for b in 0...(20 - a) where 20 - a - b >= 4 { shares.append([Double(a) / 20, Double(b) / 20, Double(20 - a - b) / 20]) } }
        }
        var grid: [[Double]] = []
        for a in 0..<3 where allowed(0, a) {
            for b in 0..<3 where allowed(1, b) {
                for share in shares {
                    for level in 0...20 {
                        let package: [IssueValue] = [.option(a), .option(b), .shares(share), .number(Double(level) / 20)]
                        let u = (0..<parties).map { scenario.utility(of: package, party: $0) }
                        if u.indices.allSatisfy({ u[$0] >= d[$0] }) { grid.append(u) }
                    }
                }
            }
        }
        let bound = p.reduce(0, +)
        let worst = grid.map { u in u.indices.reduce(0.0) { $0 + p[$1] * (u[$1] - d[$1]) / (x.utilities[$1] - d[$1]) } }.max() ?? 0
        #expect(worst <= bound + 1e-7, "seed \(seed): a grid package improves the lottery (\(worst) > \(bound))")

        let mix = x.lottery ?? [LotteryShare(probability: 1, package: x.package)]
        #expect(mix.count <= parties + 1, "seed \(seed): \(mix.count) packages")
        #expect(abs(mix.reduce(0) { $0 + $1.probability } - 1) <= 1e-12)
        for i in 0..<parties {
            let expected = mix.reduce(0.0) { $0 + $1.probability * scenario.utility(of: $1.package, party: i) }
            #expect(abs(expected - x.utilities[i]) <= 1e-9, "seed \(seed) party \(i)")
            #expect(mix.allSatisfy { scenario.utility(of: $0.package, party: i) >= d[i] - 1e-9 }, "seed \(seed): an unacceptable package")
        }
        for share in mix {
            guard case .shares(let split) = share.package[2] else { Issue.record("seed \(seed): no shares"); continue }
            #expect(split[parties - 1] >= 0.2 - 1e-9 && allowed(0, share.package[0].option ?? -1) && allowed(1, share.package[1].option ?? -1))
        }

        let egalitarian = try #require(Self.agreement(mixed, .egalitarian)), pureEgalitarian = try #require(Self.agreement(pure, .egalitarian))
        func minimumGain(_ u: [Double]) -> Double { zip(u, d).map { $0 - $1 }.min() ?? 0 }
        let gridBest = egalitarianLottery(points: grid, disagreement: d, scale: d.map { _ in 1 }).objective ?? -.infinity
        let value = minimumGain(egalitarian.utilities)
        // The tie stage may give up 10^-9 of the criterion.
        #expect(value >= max(minimumGain(pureEgalitarian.utilities), gridBest) - 2e-9, "seed \(seed): egalitarian \(value), grid \(gridBest)")
        #expect((egalitarian.lottery?.count ?? 1) <= parties + 1)
    }

    /// The pricing step's branch and bound (`ConcaveSearch.price`: packages skipped by the bound
    /// `Σ w_i c_i + M_b`) against every discrete package × part solved, the best taken, for
    /// seeded nonnegative weights on the seeded scenarios of the grid test (and a non-concave
    /// one split into parts).
    @Test(arguments: Array(UInt64(1)...UInt64(12)))
    func pricingEqualsEveryPieceSolved(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let nonConcave = try scenario(yaml: """
            accord: 1
            name: Two pies
            parties: [{id: A}, {id: B, reservation: 0.1}]
            issues: [{id: x, options: [a, b]}, {id: pie, divisible: true}, {id: cake, divisible: true}]
            preferences:
              A: {weights: {x: 0.5, pie: 1, cake: 1}, values: {x: {a: 0, b: 1}, pie: [[0, 0], [0.5, 0.1], [1, 1]], cake: [[0, 0], [1, 1]]}}
              B: {weights: {x: 0.5, pie: 1, cake: 1}, values: {x: {a: 1, b: 0}, pie: [[0, 0], [1, 1]], cake: [[0, 0], [0.3, 0.2], [1, 1]]}}
            """)
        for scenario in [try Self.bridged(seed: seed, parties: seed % 3 == 0 ? 3 : 2), nonConcave] {
            let problem = try BargainingProblem(scenario, file: "pricing.yaml")
            let part = try #require(problem.concave)
            guard case .success(var made) = ConcaveSearch.make(part, scenario: scenario, settings: SolverSettings(), progress: nil) else {
                Issue.record("seed \(seed): no search"); continue
            }
            for _ in 0..<4 {
                let w = scenario.parties.map { _ in random.below(4) == 0 ? 0 : 2 * random.unit() }
                var best = -Double.infinity
                for p in made.search.points.indices {
                    for b in made.search.branches.indices {
                        if let value = made.search.program(p, b).weightedSum(w).objective { best = max(best, value) }
                    }
                }
                guard case .success(let found) = made.search.price(w) else { Issue.record("seed \(seed): pricing failed"); continue }
                #expect(abs((found?.value ?? -.infinity) - best) <= 1e-9 * max(1, abs(best)) || (found == nil && best == -.infinity), "seed \(seed) \(scenario.name) w \(w): \(found?.value ?? .nan) vs \(best)")
            }
        }
    }

    /// The command takes `--lotteries` on a mixed scenario (it was refused, exit 65) and on a
    /// continuous one, where the text says the pure solutions are the answer.
    @Test func commandOnContinuousScenarios() throws {
        let mixed = try AccordExecutable.run(["solve", Repository.data("blue-harbor.yaml"), "--solutions", "nash", "--lotteries", "--format", "json"])
        #expect(mixed.status == 0, "\(mixed.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(mixed.stdout.utf8)) as? [String: Any])
        let nash = try #require((document["solutions"] as? [String: Any])?["nash"] as? [String: Any])
        #expect((nash["lottery"] as? [[String: Any]])?.count == 2)
        #expect((document["stats"] as? [String: Any])?["duality_gap"] != nil)
        let pie = try AccordExecutable.run(["solve", Repository.data("pie.yaml"), "--lotteries", "--format", "text"])
        #expect(pie.status == 0, "\(pie.stderr)")
        #expect(pie.stdout.contains("Lotteries: none beats the pure solutions") && !pie.stdout.contains("(a lottery)"))
    }
}
