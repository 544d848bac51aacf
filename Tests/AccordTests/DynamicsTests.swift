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

/// Bargaining dynamics: Rubinstein against its closed form and its Nash limit, the stationarity
/// conditions on random frontiers, Zeuthen's convergence to the brute-force Nash solution, and
/// the `accord dynamics` command end to end.
@Suite struct DynamicsTests {
    /// One divisible unit; values of the own share given per party as `[[x, value], ...]`.
    static func pie(a: String = "[[0, 0], [1, 1]]", b: String = "[[0, 0], [1, 1]]", extra: String = "", parties: String = "[{id: A}, {id: B}]") -> String {
        """
        accord: 1
        name: Pie
        parties: \(parties)
        issues: [{id: pie, divisible: true}]
        preferences:
          A: {weights: {pie: 1}, values: {pie: \(a)}\(extra)}
          B: {weights: {pie: 1}, values: {pie: \(b)}}
        """
    }

    static func rubinstein(_ yaml: String, _ δ: [Double], first: Int = 0) throws -> DynamicsReport {
        try Dynamics.run(try scenario(yaml: yaml), file: "pie.yaml", protocol: .rubinstein, discount: δ, first: first)
    }

    /// A's share of the pie in the agreement.
    static func share(_ point: BargainingCurve.Point?) -> Double? {
        guard case .package(let package)? = point?.outcome, case .shares(let shares)? = package.first else { return nil }
        return shares[0]
    }

    // MARK: Rubinstein

    /// The first proposer gets `(1 − δ_2)/(1 − δ_1 δ_2)` of one divisible unit (DESIGN.md §1.3).
    @Test(arguments: [
        (0.9, 0.8, 0), (0.9, 0.8, 1), (0.5, 0.5, 0), (0.99, 0.6, 0), (0.3, 0.95, 1), (0.6, 0.99, 0), (1.0, 0.5, 0), (0.5, 1.0, 0),
    ] as [(Double, Double, Int)])
    func rubinsteinOnOneDivisibleGoodEqualsClosedForm(_ δA: Double, _ δB: Double, _ first: Int) throws {
        let report = try Self.rubinstein(Self.pie(), [δA, δB], first: first)
        let solution = try #require(report.rubinstein)
        let δ = [δA, δB]
        let firstShare = Rubinstein.firstProposerShare(first: δ[first], second: δ[1 - first])
        #expect(firstShare == (1 - δ[1 - first]) / (1 - δA * δB))
        let expectedA = first == 0 ? firstShare : 1 - firstShare
        let shareA = try #require(Self.share(solution.agreement))
        #expect(abs(shareA - expectedA) <= 1e-12, "δ = \(δ), first \(first): \(shareA) vs \(expectedA)")
        expectAllClose(solution.agreement.utilities, [expectedA, 1 - expectedA], tolerance: 1e-12)
        // The counter-offer gives the first proposer δ_first times its share (its continuation value).
        expectAllClose([solution.counterOffer.utilities[first]], [δ[first] * solution.agreement.utilities[first]], tolerance: 1e-12)
    }

    @Test func firstMoverAdvantageAndPatience() throws {
        // Equal δ: the first proposer gets 1/(1 + δ) > 1/2.
        let a = try #require(Self.share(try Self.rubinstein(Self.pie(), [0.9, 0.9], first: 0).rubinstein?.agreement))
        let b = try #require(Self.share(try Self.rubinstein(Self.pie(), [0.9, 0.9], first: 1).rubinstein?.agreement))
        #expect(abs(a - 1 / 1.9) <= 1e-12 && abs((1 - b) - 1 / 1.9) <= 1e-12)
        // A more patient party gets more.
        var last = 0.0
        for δA in [0.5, 0.7, 0.9, 0.95, 0.99] {
            let share = try #require(Self.share(try Self.rubinstein(Self.pie(), [δA, 0.8]).rubinstein?.agreement))
            #expect(share > last)
            last = share
        }
    }

    /// As every δ → 1 the agreement tends to the Nash solution. A's value of its share is
    /// concave (0.8 at one half, 1 at all), B's linear: on [0, 0.5] the Nash product is
    /// 1.6 s (1 − s), largest at s = 0.5; on [0.5, 1] it is (0.6 + 0.4 s)(1 − s), decreasing
    /// (derivative −0.2 − 0.8 s). So Nash is s = 0.5, utilities (0.8, 0.5).
    @Test func equalPatienceApproachesNash() throws {
        let yaml = Self.pie(a: "[[0, 0], [0.5, 0.8], [1, 1]]")
        var distances: [Double] = []
        for epsilon in [1e-1, 1e-2, 1e-3, 1e-4, 1e-5] {
            let point = try #require(try Self.rubinstein(yaml, [1 - epsilon, 1 - epsilon]).rubinstein?.agreement)
            distances.append(hypot(point.utilities[0] - 0.8, point.utilities[1] - 0.5))
        }
        #expect(zip(distances, distances.dropFirst()).allSatisfy { $0 > $1 }, "\(distances)")
        #expect(distances[4] < 1e-4, "\(distances)")
        let nash = try #require(try Self.rubinstein(yaml, [0.9, 0.9]).nash)
        expectAllClose(nash.utilities, [0.8, 0.5], tolerance: 1e-12)
    }

    /// δ_i = exp(−r_i Δ) with r = (1, 2): as Δ → 0 the agreement tends to the asymmetric Nash
    /// solution with powers 1/r_i — maximize s (1 − s)^{1/2}: s = 2/3.
    @Test func unequalRatesApproachAsymmetricNash() throws {
        for delta in [1e-3, 1e-5] {
            let share = try #require(Self.share(try Self.rubinstein(Self.pie(), [exp(-delta), exp(-2 * delta)]).rubinstein?.agreement))
            #expect(abs(share - 2.0 / 3) < 2 * delta, "Δ \(delta): \(share)")
        }
    }

    /// Blue Harbor, δ → 1: the agreement tends to the Nash solution over lotteries, found here
    /// independently by scanning every mix p·x + (1 − p)·y of two brute-force frontier points.
    @Test func discreteRubinsteinApproachesLotteryNash() throws {
        let scenario = try Repository.loadData("blue-harbor.yaml")
        let oracle = BruteForce(scenario)
        let points = oracle.frontier.map(\.utilities)
        let d = oracle.disagreement
        var best = (product: -1.0, u: [0.0, 0.0])
        for x in points {
            for y in points {
                for step in 0...2_000 {
                    let p = Double(step) / 2_000
                    let u = [p * x[0] + (1 - p) * y[0], p * x[1] + (1 - p) * y[1]]
                    let product = (u[0] - d[0]) * (u[1] - d[1])
                    if u[0] > d[0], u[1] > d[1], product > best.product { best = (product, u) }
                }
            }
        }
        let report = try Dynamics.run(scenario, file: "blue-harbor.yaml", protocol: .rubinstein, discount: [0.99999, 0.99999], first: 0)
        let agreement = try #require(report.rubinstein?.agreement)
        #expect(hypot(agreement.utilities[0] - best.u[0], agreement.utilities[1] - best.u[1]) < 1e-3, "\(agreement.utilities) vs \(best.u)")
        let nash = try #require(report.nash)
        #expect(hypot(nash.utilities[0] - best.u[0], nash.utilities[1] - best.u[1]) < 1e-3)
        #expect((nash.utilities[0] - d[0]) * (nash.utilities[1] - d[1]) >= best.product - 1e-12)
    }

    /// On random two-party frontiers: the agreement and the counter-offer satisfy the stationary
    /// equilibrium conditions (or the corner conditions), their lotteries are made of frontier
    /// packages whose utilities mix to the point, and no frontier package dominates them.
    @Test(arguments: Array(UInt64(1)...150))
    func rubinsteinStationarityOnRandomFrontiers(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &* 31)
        var generator = ScenarioGenerator()
        generator.seed = seed
        generator.issues = 2 + rng.below(4)
        generator.options = 2 + rng.below(4)
        generator.decimals = seed % 2 == 0 ? 0 : 4
        generator.forbids = rng.below(3)
        generator.interactions = rng.below(2)
        generator.reservation = [0, 0.3, 0.5][rng.below(3)]
        let scenario = generator.generate()
        let oracle = BruteForce(scenario)
        let frontier = oracle.frontier
        let δ = [0.5 + 0.49 * rng.unit(), 0.5 + 0.49 * rng.unit()]
        let first = rng.below(2), second = 1 - first
        let report = try Dynamics.run(scenario, file: "seed-\(seed)", protocol: .rubinstein, discount: δ, first: first)
        guard let solution = report.rubinstein else {
            #expect(frontier.isEmpty, "seed \(seed): no agreement although the frontier has \(frontier.count) points")
            return
        }
        let d = oracle.disagreement
        let (x, y) = (solution.agreement.utilities, solution.counterOffer.utilities)
        let bestFirst = frontier.map { $0.utilities[first] }.max() ?? 0
        let bestSecond = frontier.map { $0.utilities[second] }.max() ?? 0
        let tolerance = 1e-9
        // Responder 2 is indifferent to x, or x is 1's best point and 2 strictly prefers to accept.
        let responderIndifferent = abs((x[second] - d[second]) - δ[second] * (y[second] - d[second])) <= tolerance
        let firstCorner = abs(x[first] - bestFirst) <= tolerance && x[second] - d[second] >= δ[second] * (y[second] - d[second]) - tolerance
        #expect(responderIndifferent || firstCorner, "seed \(seed): x \(x), y \(y), δ \(δ)")
        let proposerIndifferent = abs((y[first] - d[first]) - δ[first] * (x[first] - d[first])) <= tolerance
        let secondCorner = abs(y[second] - bestSecond) <= tolerance && y[first] - d[first] >= δ[first] * (x[first] - d[first]) - tolerance
        #expect(proposerIndifferent || secondCorner, "seed \(seed): x \(x), y \(y), δ \(δ)")
        #expect(x[first] >= y[first] - tolerance, "seed \(seed): first-mover advantage")
        for point in [solution.agreement, solution.counterOffer] {
            let mix: [(Double, [Int])]
            switch point.outcome {
            case .package(let package): mix = [(1, optionIndices(package))]
            case .lottery(let shares): mix = shares.map { ($0.probability, optionIndices($0.package)) }
            }
            #expect(abs(mix.reduce(0) { $0 + $1.0 } - 1) <= 1e-12 && mix.allSatisfy { $0.0 > 0 })
            let packages = Set(frontier.map(\.package))
            #expect(mix.allSatisfy { packages.contains($0.1) }, "seed \(seed): lottery of non-frontier packages")
            let u = (0..<2).map { i in mix.reduce(0.0) { $0 + $1.0 * Double(BruteForce.utilities($1.1, scenario)[i]) / 1e8 } }
            expectAllClose(point.utilities, u, "seed \(seed): utilities of the mix")
            #expect(!frontier.contains { $0.utilities[0] > point.utilities[0] + tolerance && $0.utilities[1] > point.utilities[1] + tolerance },
                    "seed \(seed): a frontier package dominates \(point.utilities)")
        }
    }

    /// A non-concave divisible frontier: A's value is convex (0.1 at one half), so the points
    /// (0, 1) and (1, 0) of the pie's ends span the hull and the middle lies below it: the
    /// equilibrium is a lottery between "all to B" and "all to A", A's probability the closed form.
    @Test func nonConcaveDivisibleFrontierGivesALottery() throws {
        let report = try Self.rubinstein(Self.pie(a: "[[0, 0], [0.5, 0.1], [1, 1]]"), [0.9, 0.8])
        let agreement = try #require(report.rubinstein?.agreement)
        guard case .lottery(let shares) = agreement.outcome else {
            Issue.record("expected a lottery, got \(agreement.outcome)")
            return
        }
        #expect(shares.count == 2)
        #expect(shares.map(\.package) == [[.shares([0, 1])], [.shares([1, 0])]])
        expectAllClose(shares.map(\.probability), [1 - 0.2 / 0.28, 0.2 / 0.28], tolerance: 1e-12)
    }

    /// B's red line "at least 40%" caps A at 0.6 < 0.714: a corner solution. At A = 0.6, B's
    /// counter-offer gives A 0.9 · 0.6 = 0.54 and B 0.46; B accepts 0.4 ≥ 0.8 · 0.46 = 0.368.
    @Test func redLineBoundsCutTheDivisibleFrontier() throws {
        let yaml = Self.pie().replacingOccurrences(of: "B: {weights: {pie: 1}, values: {pie: [[0, 0], [1, 1]]}}",
                                                   with: "B: {weights: {pie: 1}, values: {pie: [[0, 0], [1, 1]]}, red_lines: [{issue: pie, min: 0.4}]}")
        let solution = try #require(try Self.rubinstein(yaml, [0.9, 0.8]).rubinstein)
        #expect(solution.iterations == 0)
        #expect(abs((Self.share(solution.agreement) ?? 0) - 0.6) <= 1e-12)
        #expect(abs((Self.share(solution.counterOffer) ?? 0) - 0.54) <= 1e-12)
    }

    /// A single range issue (a price): the seller's value rises, the buyer's falls, linearly —
    /// the pie in disguise: price = 100 (1 − δ_B)/(1 − δ_A δ_B).
    @Test func rangeIssueIsThePieInDisguise() throws {
        let yaml = """
            accord: 1
            name: Price
            parties: [{id: seller}, {id: buyer}]
            issues: [{id: price, range: [0, 100]}]
            preferences:
              seller: {weights: {price: 1}, values: {price: [[0, 0], [100, 1]]}}
              buyer: {weights: {price: 1}, values: {price: [[0, 1], [100, 0]]}}
            """
        let report = try Dynamics.run(try scenario(yaml: yaml), file: "price.yaml", protocol: .rubinstein, discount: [0.9, 0.8], first: 0)
        guard case .package(let package)? = report.rubinstein?.agreement.outcome, case .number(let price)? = package.first else {
            Issue.record("expected a price")
            return
        }
        #expect(abs(price - 100 * 0.2 / 0.28) <= 1e-9)
    }

    @Test func noAgreementZoneIsAResult() throws {
        let yaml = Self.pie(parties: "[{id: A, reservation: 0.7}, {id: B, reservation: 0.5}]")
        let report = try Self.rubinstein(yaml, [0.9, 0.8])
        #expect(report.rubinstein == nil && report.agreement == nil)
        // Reservations 0.7 + 0.5 exceed the pie: no share gives both their d at once.
        #expect(report.bargainingSet.noAgreementReason == .noJointGain(redLines: []))
        #expect(report.json.rendered().contains("\"agreement\": null"))
    }

    // MARK: Zeuthen

    /// On random two-party scenarios the concession path ends at the brute-force Nash solution
    /// (the same package, or one with the same Nash product when products tie); offers only
    /// ever get worse for the party making them; the path is at most as long as the frontier.
    @Test(arguments: Array(UInt64(1)...200))
    func zeuthenConvergesToNash(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &* 17)
        var generator = ScenarioGenerator()
        generator.seed = seed
        generator.issues = 2 + rng.below(4)
        generator.options = 2 + rng.below(4)
        generator.decimals = seed % 2 == 0 ? 0 : 4
        generator.forbids = rng.below(3)
        generator.combinations = rng.below(2)
        generator.interactions = rng.below(2)
        generator.reservation = [0, 0.3, 0.5][rng.below(3)]
        var scenario = generator.generate()
        if rng.below(3) == 0 { scenario.parties[rng.below(2)].power = 2 }
        let oracle = BruteForce(scenario)
        let first = rng.below(2)
        let report = try Dynamics.run(scenario, file: "seed-\(seed)", protocol: .zeuthen, discount: nil, first: first)
        guard let path = report.zeuthen else {
            #expect(oracle.frontier.isEmpty, "seed \(seed)")
            return
        }
        let power = scenario.parties.map(\.power)
        func product(_ u: [Double]) -> Double {
            zip(u, oracle.disagreement).map { $0 - $1 }.allSatisfy { $0 > 0 }
                ? pow(u[0] - oracle.disagreement[0], power[0]) * pow(u[1] - oracle.disagreement[1], power[1]) : 0
        }
        if let nash = oracle.solution(.nash) {
            let got = product(path.agreement.utilities), want = product(nash.utilities)
            #expect(abs(got - want) <= 1e-9 * want, "seed \(seed): Zeuthen ends at \(path.agreement.utilities), Nash \(nash.utilities)")
        }
        #expect(path.rounds <= oracle.frontier.count, "seed \(seed)")
        // Openings: each party's best frontier package.
        for party in 0..<2 {
            let offers = path.offers.filter { $0.proposer == party }.map { $0.offer.utilities[party] }
            #expect(offers.first == oracle.frontier.map({ $0.utilities[party] }).max(), "seed \(seed): opening of \(party)")
            #expect(zip(offers, offers.dropFirst()).allSatisfy { $0 >= $1 }, "seed \(seed): party \(party) took back a concession")
        }
        #expect(path.offers.filter(\.accepted).count == 1 && path.offers.suffix(2).contains { $0.accepted }, "seed \(seed)")
        #expect(path.offers.first?.proposer == first)
    }

    @Test func zeuthenOnBlueHarborEndsAtTheNashAccord() throws {
        let scenario = try Repository.loadData("blue-harbor.yaml")
        let report = try Dynamics.run(scenario, file: "blue-harbor.yaml", protocol: .zeuthen, discount: nil, first: 0)
        let path = try #require(report.zeuthen)
        let nash = try #require(BruteForce(scenario).solution(.nash))
        #expect(optionIndices(path.agreement.package) == nash.package)
        #expect(report.json.rendered().contains("\"converged_to_nash\": true"))
        #expect(report.text.contains("= the Nash solution (Zeuthen's process converges to it)"))
    }

    /// The symmetric pie: equal risks every round, both concede one grid step, and they meet
    /// at the equal split.
    @Test func zeuthenOnThePieMeetsHalfway() throws {
        let report = try Dynamics.run(try scenario(yaml: Self.pie()), file: "pie.yaml", protocol: .zeuthen, discount: nil, first: 0)
        let path = try #require(report.zeuthen)
        #expect(path.agreement.package == [.shares([0.5, 0.5])])
        #expect(path.offers.dropLast(2).allSatisfy { $0.concedes })
    }

    // MARK: The command

    @Test func dynamicsCommandJSONHasTheContractKeys() throws {
        let directory = try temporaryDirectory()
        try Data(Self.pie().utf8).write(to: directory.appendingPathComponent("pie.yaml"))
        let result = try AccordExecutable.run(["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=0.9,B=0.8", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["protocol"] as? String == "rubinstein")
        #expect(object["first_proposer"] as? String == "A")
        let agreement = try #require(object["agreement"] as? [String: Any])
        let shares = (agreement["package"] as? [String: Any])?["pie"] as? [String: Double]
        #expect(abs((shares?["A"] ?? 0) - 0.2 / 0.28) <= 1e-12)
        #expect((agreement["utilities"] as? [Double])?.count == 2)
        let path = try #require(object["path"] as? [[String: Any]])
        #expect(path.count == 1 && path[0]["round"] as? Int == 1 && path[0]["proposer"] as? String == "A" && path[0]["utilities"] is [Double])
    }

    @Test func dynamicsCommandTextAndDiscountsFromTheFile() throws {
        let directory = try temporaryDirectory()
        let yaml = Self.pie(parties: "[{id: A, discount: 0.9}, {id: B, discount: 0.8}]")
        try Data(yaml.utf8).write(to: directory.appendingPathComponent("pie.yaml"))
        let text = try AccordExecutable.run(["dynamics", "pie.yaml", "--protocol", "rubinstein", "--first", "B", "--format", "text"], in: directory)
        #expect(text.status == 0, "\(text.stderr)")
        // B first: B gets (1 − 0.9)/(1 − 0.72) = 0.357143.
        #expect(text.stdout.contains("Rubinstein alternating offers, B proposes first (δ A 0.9, B 0.8)"))
        #expect(text.stdout.contains("pie           A 0.642857, B 0.357143"))
        let overridden = try AccordExecutable.run(["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "B=0.9", "-o", "out.json"], in: directory)
        #expect(overridden.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("out.json"))) as? [String: Any]
        #expect(object?["discount"] as? [String: Double] == ["A": 0.9, "B": 0.9])
        let zeuthen = try AccordExecutable.run(["dynamics", Repository.data("blue-harbor.yaml"), "--protocol", "zeuthen", "--format", "text"])
        #expect(zeuthen.status == 0 && zeuthen.stdout.contains("Agreement after 5 rounds"))
        let lottery = try AccordExecutable.run(["dynamics", Repository.data("blue-harbor.yaml"), "--protocol", "rubinstein", "--discount", "A=0.9,B=0.8", "--format", "text"])
        #expect(lottery.status == 0 && lottery.stdout.contains("with probability"))
    }

    /// Every bad input: exit code, message, nothing written to `-o`.
    @Test(arguments: [
        (["dynamics", "pie.yaml", "-o", "out.json"], Int32(64), "Missing expected argument '--protocol <protocol>'"),
        (["dynamics", "pie.yaml", "--protocol", "haggle", "-o", "out.json"], Int32(64), "unknown --protocol 'haggle'; use rubinstein or zeuthen"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A0.9", "-o", "out.json"], Int32(64), "--discount expects PARTY=FACTOR pairs separated by commas, e.g. A=0.9,B=0.8; found 'A0.9'"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=x,B=0.8", "-o", "out.json"], Int32(64), "--discount: 'x' for party 'A' is not a number"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=1.5,B=0.8", "-o", "out.json"], Int32(64), "--discount: the factor of 'A' must be in (0, 1], found 1.5"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=0,B=0.8", "-o", "out.json"], Int32(64), "the factor of 'A' must be in (0, 1], found 0"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=0.9,A=0.8", "-o", "out.json"], Int32(64), "--discount gives party 'A' twice"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "C=0.9,B=0.8", "-o", "out.json"], Int32(64), "--discount names unknown party 'C'; parties: A, B"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=0.9", "-o", "out.json"], Int32(64), "no discount factor for party 'B': give --discount B=0.9"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "-o", "out.json"], Int32(64), "no discount factor for party 'A'"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=1,B=1", "-o", "out.json"], Int32(64), "every discount factor is 1"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=0.9,B=0.8", "--first", "Z", "-o", "out.json"], Int32(64), "--first names unknown party 'Z'; parties: A, B"),
        (["dynamics", "pie.yaml", "--protocol", "zeuthen", "--discount", "A=0.9", "-o", "out.json"], Int32(64), "--discount applies to --protocol rubinstein only"),
        (["dynamics", "pie.yaml", "--protocol", "zeuthen", "--format", "md", "-o", "out.json"], Int32(64), "--format md is not available here"),
        (["dynamics", "three.yaml", "--protocol", "zeuthen", "-o", "out.json"], Int32(65), "three.yaml: bargaining dynamics (Rubinstein, Zeuthen) are implemented for two parties; 'Three' has 3"),
        (["dynamics", "three.yaml", "--protocol", "rubinstein", "--discount", "A=0.9,B=0.8,C=0.7", "-o", "out.json"], Int32(65), "implemented for two parties"),
        (["dynamics", "mixed.yaml", "--protocol", "zeuthen", "-o", "out.json"], Int32(65), "mixed.yaml: bargaining dynamics need discrete issues only, or a single divisible or range issue"),
        (["dynamics", "broken.yaml", "--protocol", "zeuthen", "-o", "out.json"], Int32(65), "broken.yaml:6: preferences.A.values.pie[2]: points out of order"),
        (["dynamics", "gone.yaml", "--protocol", "zeuthen", "-o", "out.json"], Int32(66), "gone.yaml: no such file"),
        (["dynamics", "pie.yaml", "--protocol", "zeuthen", "--format", "json", "-o", "missing/out.json"], Int32(74), "missing/out.json: cannot write output"),
    ] as [([String], Int32, String)])
    func dynamicsCommandErrors(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let directory = try temporaryDirectory()
        func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        try write("pie.yaml", Self.pie())
        try write("broken.yaml", Self.pie(a: "[[0, 0], [0.6, 0.5], [0.5, 1], [1, 1]]"))
        try write("three.yaml", """
            accord: 1
            name: Three
            parties: [{id: A}, {id: B}, {id: C}]
            issues: [{id: x, options: [a, b]}]
            preferences:
              A: {weights: {x: 1}, values: {x: {a: 1, b: 0}}}
              B: {weights: {x: 1}, values: {x: {a: 0, b: 1}}}
              C: {weights: {x: 1}, values: {x: {a: 0, b: 1}}}
            """)
        try write("mixed.yaml", """
            accord: 1
            name: Mixed
            parties: [{id: A}, {id: B}]
            issues: [{id: x, options: [a, b]}, {id: pie, divisible: true}]
            preferences:
              A: {weights: {x: 1, pie: 1}, values: {x: {a: 1, b: 0}, pie: [[0, 0], [1, 1]]}}
              B: {weights: {x: 1, pie: 1}, values: {x: {a: 0, b: 1}, pie: [[0, 0], [1, 1]]}}
            """)
        let result = try AccordExecutable.run(arguments, in: directory)
        expectFailedRun(result, status: status, mentions: message)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.json").path), "-o written on failure")
    }
}
