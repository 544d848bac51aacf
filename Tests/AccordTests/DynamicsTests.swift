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

    /// The subgame-perfect agreement of the alternating-offers game cut at `rounds` rounds, by
    /// backward induction — independent of the stationary-offer bisection. On the pie with A's
    /// value `valueA` of its share (increasing; `inverseA` its inverse), B's value `1 − s`, and
    /// `d = 0`: in the last round the proposer takes the whole pie; one round earlier the
    /// proposer offers the responder exactly `δ_responder ×` what the responder gets in the
    /// later round's agreement, and keeps the rest. Returns the utilities agreed in round 1 and in
    /// round 2 (the game seen from the second proposer's turn: the counter-offer).
    static func backwardInduction(
        valueA: (Double) -> Double, inverseA: (Double) -> Double, _ δ: [Double], first: Int, rounds: Int
    ) -> (round1: [Double], round2: [Double]) {
        var agreements: [[Double]] = []
        var later: [Double]? = nil  // utilities agreed in round t + 1
        for t in stride(from: rounds, through: 1, by: -1) {
            let proposer = (t % 2 == 1) ? first : 1 - first
            let u: [Double]
            if proposer == 0 {
                let s = 1 - δ[1] * (later?[1] ?? 0)  // B gets δ_B times its later utility
                u = [valueA(s), 1 - s]
            } else {
                let s = inverseA(δ[0] * (later?[0] ?? 0))  // A gets δ_A times its later utility
                u = [valueA(s), 1 - s]
            }
            agreements.append(u)
            later = u
        }
        return (agreements[rounds - 1], agreements[rounds - 2])
    }

    /// A's value of its share: the linear pie, and a concave one (0.8 at one half).
    enum PieValue: CaseIterable {
        case linear, concave

        /// The `values:` of the scenario.
        var yaml: String { self == .linear ? "[[0, 0], [1, 1]]" : "[[0, 0], [0.5, 0.8], [1, 1]]" }

        func value(_ s: Double) -> Double {
            switch self {
            case .linear: s
            case .concave: s <= 0.5 ? 1.6 * s : 0.6 + 0.4 * s
            }
        }

        func inverse(_ v: Double) -> Double {
            switch self {
            case .linear: v
            case .concave: v <= 0.8 ? v / 1.6 : (v - 0.6) / 0.4
            }
        }
    }

    /// The stationary agreement and counter-offer equal the limit of the finite-horizon game
    /// (backward induction over 4,000 rounds; the induction contracts by `δ_A δ_B ≤ 0.95` every two
    /// rounds, so 4,000 rounds leave an error far below 1e-12), on the linear pie (where they are
    /// Rubinstein's closed form `(1 − δ_2)/(1 − δ_1 δ_2)`) and on a concave one.
    @Test(arguments: [
        (0.9, 0.8, 0), (0.9, 0.8, 1), (0.5, 0.5, 0), (0.99, 0.6, 0), (0.3, 0.95, 1), (0.6, 0.99, 0), (1.0, 0.5, 0), (0.5, 1.0, 0),
    ] as [(Double, Double, Int)])
    func rubinsteinEqualsTheLongFiniteHorizonGame(_ δA: Double, _ δB: Double, _ first: Int) throws {
        for curve in PieValue.allCases {
            let solution = try #require(try Self.rubinstein(Self.pie(a: curve.yaml), [δA, δB], first: first).rubinstein)
            let expected = Self.backwardInduction(valueA: curve.value, inverseA: curve.inverse, [δA, δB], first: first, rounds: 4_000)
            expectAllClose(solution.agreement.utilities, expected.round1, "δ \([δA, δB]), first \(first)", tolerance: 1e-12)
            expectAllClose(solution.counterOffer.utilities, expected.round2, "δ \([δA, δB]), first \(first): counter-offer", tolerance: 1e-12)
            #expect(solution.status == .solved)
        }
        // The linear pie, closed form (Rubinstein 1982, written out here): the first proposer gets
        // (1 − δ_other)/(1 − δ_A δ_B).
        let share = try #require(Self.share(try Self.rubinstein(Self.pie(), [δA, δB], first: first).rubinstein?.agreement))
        let firstShare = (1 - (first == 0 ? δB : δA)) / (1 - δA * δB)
        #expect(abs(share - (first == 0 ? firstShare : 1 - firstShare)) <= 1e-12)
    }

    @Test func firstMoverAdvantageAndPatience() throws {
        // Equal δ: the first proposer gets (1 − δ)/(1 − δ²) = 1/(1 + δ) > 1/2.
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

    /// Offers ever faster: `δ_i = e^{−r_i Δ}` with `r = (1, 8)` on the concave pie, while the
    /// scenario says `power: 5` for B. The limit is the asymmetric Nash solution with powers
    /// `1/r_i`: maximize `ln v_A(s) + (1/8) ln(1 − s)`. By hand: on `s ≤ 1/2` (`v_A = 1.6 s`) the
    /// derivative `1/s − (1/8)/(1 − s)` is positive; on `s ≥ 1/2` (`v_A = 0.6 + 0.4 s`) it vanishes
    /// where `0.4 (1 − s) = (1/8)(0.6 + 0.4 s)`, at `s* = 13/18`. A ternary search on the pie finds
    /// it too (the test's own, below). For every Δ the agreement `x` and the counter-offer `y`
    /// bracket `s*` (they have equal `N = Σ (1/r_i) ln u_i`), and `v_A(x) − v_A(y) = (1 − e^{−Δ})
    /// v_A(x) ≤ Δ` with slope 0.4, so `|x − s*| ≤ 2.5 Δ`.
    @Test func fastOffersApproachTheNashSolutionWithPowersFromTheDiscountRates() throws {
        let yaml = Self.pie(a: PieValue.concave.yaml, parties: "[{id: A}, {id: B, power: 5}]")
        let rates = [1.0, 8.0]
        func objective(_ s: Double) -> Double { log(PieValue.concave.value(s)) / rates[0] + log(1 - s) / rates[1] }
        var (lo, hi) = (1e-9, 1 - 1e-9)
        for _ in 0..<300 {
            let (m1, m2) = (lo + (hi - lo) / 3, hi - (hi - lo) / 3)
            if objective(m1) < objective(m2) { lo = m1 } else { hi = m2 }
        }
        // Comparing objective values locates a smooth maximum to about √ε ≈ 1e-8.
        #expect(abs((lo + hi) / 2 - 13.0 / 18) <= 1e-7, "ternary search \((lo + hi) / 2)")
        let optimum = 13.0 / 18
        var distances: [Double] = []
        for delta in [1e-1, 1e-2, 1e-3, 1e-4] {
            let report = try Self.rubinstein(yaml, rates.map { exp(-$0 * delta) })
            let solution = try #require(report.rubinstein)
            let (x, y) = (try #require(Self.share(solution.agreement)), try #require(Self.share(solution.counterOffer)))
            #expect(y <= optimum + 1e-12 && optimum <= x + 1e-12, "Δ \(delta): \(y) ≤ \(optimum) ≤ \(x)")
            #expect(abs(x - optimum) <= 2.5 * delta, "Δ \(delta): \(x)")
            distances.append(abs(x - optimum))
            // The reported limit: the same point whatever Δ (the rates keep their ratio).
            let limit = try #require(report.limit)
            expectAllClose(limit.rates, rates.map { $0 * delta }, tolerance: 1e-12)
            expectAllClose(limit.power, [8.0 / 9, 1.0 / 9], tolerance: 1e-12)
            #expect(abs((Self.share(limit.point) ?? 0) - optimum) <= 1e-12)
            // The Nash solution with the scenario's power (1, 5) is elsewhere: maximize
            // ln v_A(s) + 5 ln(1 − s): on s ≤ 1/2, 1/s = 5/(1 − s) at s = 1/6.
            #expect(abs((Self.share(report.nash) ?? 0) - 1.0 / 6) <= 1e-9)
        }
        #expect(zip(distances, distances.dropFirst()).allSatisfy { $0 > $1 }, "\(distances)")
        let text = try Self.rubinstein(yaml, [0.9, 0.8]).text
        #expect(text.contains("Limit as the time between offers shrinks (δ_i = e^(−r_i·Δ), Δ → 0): the Nash solution with power ∝ 1/r_i"))
        #expect(text.contains("The scenario's power (A 1, B 5) plays no part in this game"))
        #expect(!text.contains("the limit as every δ → 1"))
    }

    /// A party that never discounts (`δ_A = 1`, `r_A = 0`) takes the whole pie, at every Δ and in
    /// the limit: the limit is A's best point (power 1 for A, 0 for B).
    @Test func aPerfectlyPatientPartyTakesItsBestPointInTheLimit() throws {
        let report = try Self.rubinstein(Self.pie(), [1, 0.8], first: 1)
        let limit = try #require(report.limit)
        #expect(limit.rates[0] == 0 && limit.power == [1, 0])
        #expect(Self.share(limit.point) == 1 && Self.share(report.rubinstein?.agreement) == 1)
    }

    /// The bisection's cap is reported, never silent: 5 halvings of [0, 1] leave a bracket of
    /// 1/32; the default cap (100) reaches adjacent doubles (about 53 halvings for a bracket of
    /// width 1 at values below 1).
    @Test func theBisectionCapIsReported() throws {
        var settings = SolverSettings()
        settings.bisectionSteps = 5
        let capped = try Dynamics.run(try scenario(yaml: Self.pie()), file: "pie.yaml", protocol: .rubinstein, discount: [0.9, 0.8], settings: settings)
        let solution = try #require(capped.rubinstein)
        #expect(solution.status == .iterationLimit && solution.iterations == 5 && solution.gap == 1.0 / 32)
        #expect(capped.text.contains("Approximate: the bisection stopped at its limit of 5 steps with the bracket 0.03125 wide in A's utility"))
        #expect(capped.json.rendered().contains("\"status\": \"iteration-limit\""))
        let full = try #require(try Self.rubinstein(Self.pie(), [0.9, 0.8]).rubinstein)
        #expect(full.status == .solved && full.iterations > 5 && full.iterations <= 60 && full.gap <= 1.0.ulp)
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

    /// Blue Harbor, δ → 1: the agreement tends to the Nash solution over lotteries, found here
    /// independently by scanning every mix p·x + (1 − p)·y of two brute-force frontier points.
    @Test func discreteRubinsteinApproachesLotteryNash() throws {
        let scenario = try Repository.loadData("blue-harbor-discrete.yaml")
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
        let report = try Dynamics.run(scenario, file: "blue-harbor-discrete.yaml", protocol: .rubinstein, discount: [0.99999, 0.99999], first: 0)
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

    /// Reservations 0.7 and 0.5 of one unit add up to 1.2 > 1: no split gives both theirs.
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

    /// One round of Zeuthen's process, as the brute force below sees it.
    struct ZeuthenRound: Equatable {
        /// Each party's offer (utilities), party order.
        var offers: [[Double]]
        /// Each party's weighted risk `1 − (1 − Z_i)^{p_i/p̄}`.
        var weightedRisk: [Double]
        /// The party that concedes; `nil` in the last round.
        var conceder: Int?
    }

    /// Zeuthen's process with bargaining power straight from its definition, written for the
    /// test: every round each party's risk `Z_i = (u_i(own) − u_i(other))/(u_i(own) − d_i)` and
    /// weighted risk `W_i = 1 − (1 − Z_i)^{p_i/p̄}`; the party with the smaller `W` concedes, to the
    /// offer it likes best among those strictly between the two offers after which the other's
    /// weighted risk is the smaller; with no such offer it accepts the other's offer. Risks are
    /// compared directly (powers of ratios), not through Nash products. Returns `nil` when two
    /// weighted risks come within 1e-9 (a tie, left to the production rule).
    static func bruteForceZeuthen(_ offers: [[Double]], d: [Double], power: [Double]) -> (rounds: [ZeuthenRound], agreement: [Double])? {
        let mean = (power[0] + power[1]) / 2
        func weightedRisk(_ i: Int, own: [Double], other: [Double]) -> Double {
            let (stake, kept) = (own[i] - d[i], other[i] - d[i])
            guard stake > 0 else { return 0 }
            guard kept > 0 else { return 1 }
            return 1 - pow(kept / stake, power[i] / mean)
        }
        var current = (0..<2).map { i in offers.max { $0[i] < $1[i] } ?? [] }
        var rounds: [ZeuthenRound] = []
        while true {
            let w = [weightedRisk(0, own: current[0], other: current[1]), weightedRisk(1, own: current[1], other: current[0])]
            if current[0] == current[1] {
                rounds.append(ZeuthenRound(offers: current, weightedRisk: w, conceder: nil))
                return (rounds, current[0])
            }
            guard abs(w[0] - w[1]) > 1e-9 else { return nil }
            let c = w[0] < w[1] ? 0 : 1, o = 1 - c
            let between = offers.filter { $0[c] < current[c][c] && $0[c] > current[o][c] }
            let reversing = between.filter { candidate in
                let mine = weightedRisk(c, own: candidate, other: current[o]), theirs = weightedRisk(o, own: current[o], other: candidate)
                guard abs(mine - theirs) > 1e-9 else { return false }
                return theirs < mine
            }
            guard let next = reversing.max(by: { $0[c] < $1[c] }) else {
                rounds.append(ZeuthenRound(offers: current, weightedRisk: w, conceder: nil))
                return (rounds, current[o])
            }
            rounds.append(ZeuthenRound(offers: current, weightedRisk: w, conceder: c))
            current[c] = next
        }
    }

    /// The production path as rounds of the brute force's shape.
    static func rounds(_ path: ZeuthenPath) -> [ZeuthenRound] {
        (1...path.rounds).map { round in
            let steps = path.offers.filter { $0.round == round }.sorted { $0.proposer < $1.proposer }
            let conceders = steps.filter(\.concedes).map(\.proposer)
            return ZeuthenRound(
                offers: steps.map(\.offer.utilities), weightedRisk: steps.map(\.weightedRisk),
                conceder: conceders.count == 1 ? conceders[0] : nil)
        }
    }

    static func expectSameRounds(_ got: [ZeuthenRound], _ want: [ZeuthenRound], _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got.count == want.count, "\(comment): \(got.count) rounds, brute force \(want.count)", sourceLocation: sourceLocation)
        for (g, w) in zip(got, want) {
            #expect(g.offers == w.offers && g.conceder == w.conceder, "\(comment): \(g) vs \(w)", sourceLocation: sourceLocation)
            expectAllClose(g.weightedRisk, w.weightedRisk, comment, tolerance: 1e-12, sourceLocation: sourceLocation)
        }
    }

    /// Five offers, power A 2, B 1 (p̄ = 3/2, exponents 4/3 and 2/3), d = 0. Nash products
    /// u_A² u_B: o1 (1, 0.1) 0.1, o2 (0.8, 0.4) 0.256, o3 (0.6, 0.6) 0.216, o4 (0.45, 0.8) 0.162,
    /// o5 (0.1, 1) 0.01. By hand:
    /// - round 1, A o1, B o5: Z = (0.9, 0.9), W_A = 1 − 0.1^{4/3} = 0.953584, W_B = 1 − 0.1^{2/3}
    ///   = 0.784557: B concedes, to o4 (its best offer after which A's weighted risk is smaller:
    ///   N(o4) = 0.162 > N(o1) = 0.1);
    /// - round 2, A o1, B o4: Z = (0.55, 0.875), W_A = 1 − 0.45^{4/3} = 0.655171, W_B = 1 − 0.125^{2/3}
    ///   = 0.75: A concedes, to o2 (N 0.256 > 0.162);
    /// - round 3, A o2, B o4: Z = (0.4375, 0.5) — A's *risk* is the smaller — but W_A = 1 − 0.5625^{4/3}
    ///   = 0.535660 > W_B = 1 − 0.5^{2/3} = 0.370039: B concedes; its only offer between, o3, has
    ///   N 0.216 < 0.256, so B accepts o2, the Nash solution with these powers.
    @Test func zeuthenWithUnequalPowerComparesWeightedRisks() throws {
        let yaml = """
            accord: 1
            name: Five offers
            parties: [{id: A, name: Seller, power: 2}, {id: B, name: Buyer}]
            issues: [{id: deal, options: [o1, o2, o3, o4, o5]}]
            preferences:
              A: {weights: {deal: 1}, values: {deal: {o1: 1, o2: 0.8, o3: 0.6, o4: 0.45, o5: 0.1}}}
              B: {weights: {deal: 1}, values: {deal: {o1: 0.1, o2: 0.4, o3: 0.6, o4: 0.8, o5: 1}}}
            """
        let report = try Dynamics.run(try scenario(yaml: yaml), file: "five.yaml", protocol: .zeuthen)
        let path = try #require(report.zeuthen)
        let hand = [
            ZeuthenRound(offers: [[1, 0.1], [0.1, 1]], weightedRisk: [1 - pow(0.1, 4.0 / 3), 1 - pow(0.1, 2.0 / 3)], conceder: 1),
            ZeuthenRound(offers: [[1, 0.1], [0.45, 0.8]], weightedRisk: [1 - pow(0.45, 4.0 / 3), 0.75], conceder: 0),
            ZeuthenRound(offers: [[0.8, 0.4], [0.45, 0.8]], weightedRisk: [1 - pow(0.5625, 4.0 / 3), 1 - pow(0.5, 2.0 / 3)], conceder: nil),
        ]
        Self.expectSameRounds(Self.rounds(path), hand, "hand derivation")
        expectAllClose(path.offers.map(\.risk), [0.9, 0.9, 0.55, 0.875, 0.4375, 0.5], tolerance: 1e-12)
        #expect(path.agreement.utilities == [0.8, 0.4] && path.offers.last { $0.accepted }?.proposer == 0)
        let offers = [[1, 0.1], [0.8, 0.4], [0.6, 0.6], [0.45, 0.8], [0.1, 1]]
        let brute = try #require(Self.bruteForceZeuthen(offers, d: [0, 0], power: [2, 1]))
        Self.expectSameRounds(Self.rounds(path), brute.rounds, "brute force")
        #expect(brute.agreement == [0.8, 0.4])
        // The text prints the compared column, and the conceder is the party with the smaller value.
        let text = report.text
        #expect(text.contains("Parties: A = Seller, B = Buyer"))
        #expect(text.contains("the party with the smaller weighted risk 1 − (1 − risk)^(p_i/p̄) concedes (power p: A 2, B 1; p̄ their mean)"))
        #expect(text.contains("  3      A         A 0.8, B 0.4   0.438  0.536          accepted"), "\(text)")
        #expect(text.contains("  3      B         A 0.45, B 0.8  0.500  0.370          accepts A's offer"), "\(text)")
        #expect(report.json.rendered().contains("\"weighted_risk\": 0.5356"))
    }

    /// The brute-force process and the production path agree, offer by offer and conceder by
    /// conceder, on random scenarios with unequal power (skipping the few that meet a tie).
    @Test(arguments: Array(UInt64(1)...120))
    func zeuthenMatchesTheBruteForceProcess(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &* 29)
        var generator = ScenarioGenerator()
        generator.seed = seed
        generator.issues = 2 + rng.below(3)
        generator.options = 2 + rng.below(4)
        generator.decimals = 4
        generator.reservation = [0, 0.3][rng.below(2)]
        var scenario = generator.generate()
        scenario.parties[rng.below(2)].power = [0.5, 2, 3][rng.below(3)]
        let oracle = BruteForce(scenario)
        let power = scenario.parties.map(\.power)
        guard let brute = Self.bruteForceZeuthen(oracle.frontier.map(\.utilities), d: oracle.disagreement, power: power) else { return }
        let path = try #require(try Dynamics.run(scenario, file: "seed-\(seed)", protocol: .zeuthen).zeuthen)
        Self.expectSameRounds(Self.rounds(path), brute.rounds, "seed \(seed)")
        #expect(path.agreement.utilities == brute.agreement, "seed \(seed)")
    }

    /// Blue Harbor: the brute-force process on the brute-force frontier gives the same path, and
    /// the "Agreement after 5 rounds" printed by the command. By hand (d = (0.24, 0.30), equal
    /// power, so the smaller risk concedes: the offer with the smaller Nash product N):
    /// round 1 A (0.9525, 0.5855) N 0.2034 vs B (0.689, 0.9305) N 0.2831: A concedes to
    /// (0.9025, 0.748) N 0.2968, its first offer with N > 0.2831; round 2: B concedes to
    /// (0.764, 0.8805) N 0.3042 (first above 0.2968); round 3: A to (0.839, 0.8085) N 0.30459;
    /// round 4: B to (0.79, 0.856) N 0.3058, the largest N of the 16; round 5: A's offers
    /// between, (0.8275, 0.82) N 0.3055 and (0.8015, 0.8445) N 0.30574, do not beat 0.3058, so A
    /// accepts: 5 rounds.
    @Test func zeuthenOnBlueHarborEndsAtTheNashAccord() throws {
        let scenario = try Repository.loadData("blue-harbor-discrete.yaml")
        let report = try Dynamics.run(scenario, file: "blue-harbor-discrete.yaml", protocol: .zeuthen, discount: nil, first: 0)
        let path = try #require(report.zeuthen)
        let oracle = BruteForce(scenario)
        let brute = try #require(Self.bruteForceZeuthen(oracle.frontier.map(\.utilities), d: oracle.disagreement, power: [1, 1]))
        Self.expectSameRounds(Self.rounds(path), brute.rounds, "Blue Harbor")
        #expect(path.rounds == 5 && brute.rounds.count == 5)
        #expect(brute.agreement == [0.79, 0.856])
        let nash = try #require(oracle.solution(.nash))
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
        // Rubinstein's closed form for the first proposer: (1 − δ_B)/(1 − δ_A δ_B) = 0.2/0.28.
        #expect(abs((shares?["A"] ?? 0) - 0.2 / 0.28) <= 1e-12)
        // The limit of fast offers: power ∝ 1/r_i, so A's share is r_B/(r_A + r_B) with r = −ln δ.
        let limit = try #require(object["limit"] as? [String: Any])
        let limitShares = (limit["package"] as? [String: Any])?["pie"] as? [String: Double]
        #expect(abs((limitShares?["A"] ?? 0) - log(0.8) / (log(0.9) + log(0.8))) <= 1e-12)
        #expect(object["status"] as? String == "solved" && (object["power"] as? [Double]) == [1, 1])
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
        // B first: B gets (1 − δ_A)/(1 − δ_A δ_B) = (1 − 0.9)/(1 − 0.72) = 0.357143 (Rubinstein's closed form).
        #expect(text.stdout.contains("Rubinstein alternating offers, B proposes first (δ A 0.9, B 0.8)"))
        #expect(text.stdout.contains("pie           A 0.642857, B 0.357143"))
        let overridden = try AccordExecutable.run(["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "B=0.9", "-o", "out.json"], in: directory)
        #expect(overridden.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("out.json"))) as? [String: Any]
        #expect(object?["discount"] as? [String: Double] == ["A": 0.9, "B": 0.9])
        // 5 rounds: derived by hand and by the brute-force process in zeuthenOnBlueHarborEndsAtTheNashAccord.
        let zeuthen = try AccordExecutable.run(["dynamics", Repository.data("blue-harbor-discrete.yaml"), "--protocol", "zeuthen", "--format", "text"])
        #expect(zeuthen.status == 0 && zeuthen.stdout.contains("Agreement after 5 rounds"))
        #expect(zeuthen.stdout.contains("Parties: A = Country A, B = Country B"))
        let lottery = try AccordExecutable.run(["dynamics", Repository.data("blue-harbor-discrete.yaml"), "--protocol", "rubinstein", "--discount", "A=0.9,B=0.8", "--format", "text"])
        #expect(lottery.status == 0 && lottery.stdout.contains("with probability"))
    }

    /// `dynamics` takes `solve`'s frontier options: the brute-force method gives the same path,
    /// and the enumeration limit is obeyed (Blue Harbor has 4·4·4·11·3·4 = 8,448 packages, so
    /// `--method enumeration` with a limit of 8,000 is refused).
    @Test func dynamicsTakesTheFrontierOptions() throws {
        let file = Repository.data("blue-harbor-discrete.yaml")
        let standard = try AccordExecutable.run(["dynamics", file, "--protocol", "zeuthen", "--format", "json"])
        let enumerated = try AccordExecutable.run(["dynamics", file, "--protocol", "zeuthen", "--method", "enumeration", "--format", "json"])
        #expect(standard.status == 0 && enumerated.status == 0, "\(enumerated.stderr)")
        #expect(standard.stdout == enumerated.stdout)
        let refused = try AccordExecutable.run(["dynamics", file, "--protocol", "zeuthen", "--method", "enumeration", "--max-enumeration", "8000"])
        expectFailedRun(refused, status: 65, mentions: "enumerating all 8,448 packages exceeds the limit of 8,000 (--max-enumeration)")
        let allowed = try AccordExecutable.run(["dynamics", file, "--protocol", "zeuthen", "--method", "enumeration", "--max-enumeration", "8448", "--format", "json"])
        #expect(allowed.status == 0 && allowed.stdout == standard.stdout)
        // The library takes the same settings.
        var settings = SolverSettings()
        settings.method = .enumeration
        settings.maxEnumeration = 8_000
        #expect(throws: ScenarioError.self) {
            try Dynamics.run(try Repository.loadData("blue-harbor-discrete.yaml"), file: "blue-harbor-discrete.yaml", protocol: .zeuthen, settings: settings)
        }
    }

    /// `--help` lists the protocols and only the formats `dynamics` writes.
    @Test func dynamicsHelpListsItsChoices() throws {
        let help = try AccordExecutable.run(["dynamics", "--help"])
        #expect(help.status == 0)
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("--protocol <protocol> Protocol. (values: rubinstein, zeuthen, baron-ferejohn)"), "\(help.stdout)")
        #expect(flat.contains("(values: text, json)") && !flat.contains("md, csv"), "\(help.stdout)")
        #expect(flat.contains("--max-enumeration") && flat.contains("--method"))
    }

    /// Every bad input: exit code, message, nothing written to `-o`.
    @Test(arguments: [
        (["dynamics", "pie.yaml", "-o", "out.json"], Int32(64), "Missing expected argument '--protocol <protocol>'"),
        (["dynamics", "pie.yaml", "--protocol", "haggle", "-o", "out.json"], Int32(64), "The value 'haggle' is invalid for '--protocol <protocol>'. Please provide one of 'rubinstein', 'zeuthen' or 'baron-ferejohn'."),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A0.9", "-o", "out.json"], Int32(64), "The value 'A0.9' is invalid for '--discount <discount>': expected PARTY=FACTOR pairs separated by commas, e.g. A=0.9,B=0.8; found 'A0.9'"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=x,B=0.8", "-o", "out.json"], Int32(64), "is invalid for '--discount <discount>': 'x' for party 'A' is not a number"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=1.5,B=0.8", "-o", "out.json"], Int32(64), "is invalid for '--discount <discount>': the factor of 'A' must be in (0, 1], found 1.5"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=0,B=0.8", "-o", "out.json"], Int32(64), "the factor of 'A' must be in (0, 1], found 0"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=0.9,A=0.8", "-o", "out.json"], Int32(64), "is invalid for '--discount <discount>': party 'A' is given twice"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "C=0.9,B=0.8", "-o", "out.json"], Int32(64), "--discount names unknown party 'C'; parties: A, B"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=0.9", "-o", "out.json"], Int32(64), "no discount factor for party 'B': give --discount B=0.9"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "-o", "out.json"], Int32(64), "no discount factor for party 'A'"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=1,B=1", "-o", "out.json"], Int32(64), "every discount factor is 1"),
        (["dynamics", "pie.yaml", "--protocol", "rubinstein", "--discount", "A=0.9,B=0.8", "--first", "Z", "-o", "out.json"], Int32(64), "--first names unknown party 'Z'; parties: A, B"),
        (["dynamics", "pie.yaml", "--protocol", "zeuthen", "--discount", "A=0.9", "-o", "out.json"], Int32(64), "--discount applies to --protocol rubinstein and baron-ferejohn only"),
        (["dynamics", "pie.yaml", "--protocol", "zeuthen", "--format", "md", "-o", "out.json"], Int32(64), "The value 'md' is invalid for '--format <format>'. Please provide one of 'text' and 'json'."),
        (["dynamics", "pie.yaml", "--protocol", "zeuthen", "--max-enumeration", "0", "-o", "out.json"], Int32(64), "The value '0' is invalid for '--max-enumeration <count>'"),
        (["dynamics", "pie.yaml", "--protocol", "zeuthen", "--method", "brute", "-o", "out.json"], Int32(64), "The value 'brute' is invalid for '--method <method>'"),
        (["dynamics", "three.yaml", "--protocol", "rubinstein", "--discount", "A=0.9,B=0.8,C=0.7", "-o", "out.json"], Int32(65), "implemented for two parties"),
        (["dynamics", "mixed3.yaml", "--protocol", "zeuthen", "-o", "out.json"], Int32(65), "mixed3.yaml: Zeuthen's process among 3 parties runs on discrete issues"),
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
        try write("mixed3.yaml", """
            accord: 1
            name: Mixed
            parties: [{id: A}, {id: B}, {id: C}]
            issues: [{id: x, options: [a, b]}, {id: pie, divisible: true}]
            preferences:
              A: {weights: {x: 1, pie: 1}, values: {x: {a: 1, b: 0}, pie: [[0, 0], [1, 1]]}}
              B: {weights: {x: 1, pie: 1}, values: {x: {a: 0, b: 1}, pie: [[0, 0], [1, 1]]}}
              C: {weights: {x: 1, pie: 1}, values: {x: {a: 0, b: 1}, pie: [[0, 0], [1, 1]]}}
            """)
        let result = try AccordExecutable.run(arguments, in: directory)
        expectFailedRun(result, status: status, mentions: message)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.json").path), "-o written on failure")
    }

    /// Rubinstein on the exact curve of two divisible goods (issue 10 point 8). By hand: A values
    /// the goods 0.75 and 0.25, B 0.25 and 0.75 (linear), so the frontier runs (1, 0) → (0.75,
    /// 0.75) (good 2 to B first: B gains 3 per unit A gives up) → (0, 1) (good 1: 1/3). With
    /// δ = (0.9, 0.8) the stationary offers x (A's) and y (B's) satisfy y_A = 0.9 x_A and
    /// x_B = 0.8 y_B. With x on the first edge (x_B = 3 (1 − x_A)) and y on the second
    /// (y_B = 0.75 + (0.75 − y_A)/3): 3 (1 − x_A) = 0.8 (1 − 0.3 x_A), so x_A = 2.2/2.76 = 0.797101,
    /// x_B = 0.608696, and B's counter-offer y = (0.717391, 0.760870).
    @Test func rubinsteinOnTheExactCurveOfTwoGoods() throws {
        let values: [ValueFunction?] = [.piecewise([.init(x: 0, value: 0), .init(x: 1, value: 1)]), .piecewise([.init(x: 0, value: 0), .init(x: 1, value: 1)])]
        let scenario = try Scenario(
            name: "two goods", parties: [Party(id: "A", discount: 0.9), Party(id: "B", discount: 0.8)],
            issues: [Issue(id: "g1", domain: .divisible), Issue(id: "g2", domain: .divisible)],
            preferences: [Preference(weights: [0.75, 0.25], values: values), Preference(weights: [0.25, 0.75], values: values)])
        let report = try Dynamics.run(scenario, file: "two.yaml", protocol: .rubinstein)
        #expect(report.bargainingSet.kind == .continuousCurve)
        let result = try #require(report.rubinstein)
        let xA = 2.2 / 2.76
        #expect(abs(result.agreement.utilities[0] - xA) < 1e-9 && abs(result.agreement.utilities[1] - 3 * (1 - xA)) < 1e-9, "\(result.agreement.utilities)")
        #expect(abs(result.counterOffer.utilities[0] - 0.9 * xA) < 1e-9 && abs(result.counterOffer.utilities[1] - (0.75 + (0.75 - 0.9 * xA) / 3)) < 1e-9)
        // The package gives the utilities (A keeps good 1, splits good 2).
        guard case .package(let package) = result.agreement.outcome else { Testing.Issue.record("not a package"); return }
        for i in 0..<2 { #expect(abs(scenario.utility(of: package, party: i) - result.agreement.utilities[i]) < 1e-9) }
    }
}
