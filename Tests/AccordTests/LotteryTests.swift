import Accord
@testable import AccordSolutions
import Foundation
import Testing

/// Nash over lotteries (`solve --lotteries`) against independent checks: for two parties, the
/// best mix on every pair of frontier points by ternary search; for more, the optimality
/// condition (no frontier point has a larger directional derivative than the mix).
@Suite struct LotteryTests {
    static func scenario(seed: UInt64, parties: Int) -> Scenario {
        var generator = ScenarioGenerator()
        generator.seed = seed
        generator.parties = parties
        generator.issues = 4
        generator.options = 4
        generator.decimals = 4
        generator.reservation = 0.3
        return generator.generate()
    }

    static func solve(_ scenario: Scenario, lotteries: Bool) throws -> BargainingSolution {
        Solver.solve(try BargainingProblem(scenario, file: "lottery", concepts: [.nash], lotteries: lotteries))
    }

    static func logProduct(_ u: [Double], _ d: [Double], _ p: [Double]) -> Double {
        u.indices.reduce(0.0) { $0 + p[$1] * log(u[$1] - d[$1]) }
    }

    @Test(arguments: Array(UInt64(1)...40))
    func twoPartyLotteryIsBestMixOfAnyTwoPackages(seed: UInt64) throws {
        let scenario = Self.scenario(seed: seed, parties: 2)
        let report = try Self.solve(scenario, lotteries: true)
        guard let agreement = report.solutions[0].result.agreement else { return }
        let d = report.disagreement, p = scenario.parties.map(\.power)
        let frontier = try #require(report.frontier)
        let points = (0..<frontier.count).map { frontier.utilities(at: $0) }
        var best = -Double.infinity
        for a in points.indices {
            for b in points.indices where b >= a {
                // Concave along the segment: ternary search on t.
                var low = 0.0, high = 1.0
                func value(_ t: Double) -> Double {
                    let u = [0, 1].map { t * points[a][$0] + (1 - t) * points[b][$0] }
                    return u.indices.allSatisfy({ u[$0] > d[$0] }) ? Self.logProduct(u, d, p) : -.infinity
                }
                for _ in 0..<200 {
                    let m1 = low + (high - low) / 3, m2 = high - (high - low) / 3
                    if value(m1) < value(m2) { low = m1 } else { high = m2 }
                }
                best = max(best, value(low), value(0), value(1))
            }
        }
        let got = Self.logProduct(agreement.utilities, d, p)
        #expect(abs(got - best) <= 1e-9, "seed \(seed): lottery log product \(got), best pair mix \(best)")
        if let lottery = agreement.lottery {
            #expect(abs(lottery.map(\.probability).reduce(0, +) - 1) <= 1e-12)
            // The mixed utilities are the probability-weighted utilities of the packages.
            let space = try DiscreteSpace(scenario, file: "lottery")
            for i in 0..<2 {
                let mixed = lottery.reduce(0.0) { total, share in
                    total + share.probability * space.utilities(of: optionIndices(share.package))[i]
                }
                #expect(abs(mixed - agreement.utilities[i]) <= 1e-9)
            }
        }
    }

    @Test(arguments: Array(UInt64(1)...30))
    func lotteryIsOptimalForMoreParties(seed: UInt64) throws {
        let scenario = Self.scenario(seed: seed, parties: 3 + Int(seed % 3))
        let pure = try Self.solve(scenario, lotteries: false)
        let mixed = try Self.solve(scenario, lotteries: true)
        guard let purely = pure.solutions[0].result.agreement, let lottery = mixed.solutions[0].result.agreement else {
            #expect(pure.solutions[0].result.agreement == nil && mixed.solutions[0].result.agreement == nil)
            return
        }
        #expect(lottery.nashProduct >= purely.nashProduct * (1 - 1e-12), "seed \(seed)")
        // Optimality: at the mix x, no frontier point u has Σ p_i (u_i − x_i)/(x_i − d_i) > 0.
        let d = mixed.disagreement, p = scenario.parties.map(\.power), x = lottery.utilities
        let frontier = try #require(mixed.frontier)
        let slopes = (0..<frontier.count).map { k in
            let u = frontier.utilities(at: k)
            return u.indices.reduce(0.0) { $0 + p[$1] * (u[$1] - x[$1]) / (x[$1] - d[$1]) }
        }
        #expect((slopes.max() ?? 0) <= 1e-9, "seed \(seed): a frontier point improves the mix (slope \(slopes.max() ?? 0))")
        let gap = try #require(mixed.info.gap)
        #expect(mixed.status == .solved)
        #expect(gap <= 1e-9)
    }

    @Test func lotteryJSONHasProbabilitiesAndCertificate() throws {
        let result = try AccordExecutable.run(["solve", Repository.data("blue-harbor-discrete.yaml"), "--solutions", "nash", "--lotteries", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let nash = try #require((document["solutions"] as? [String: Any])?["nash"] as? [String: Any])
        let lottery = try #require(nash["lottery"] as? [[String: Any]])
        // Two parties: the Nash point of the convex hull lies on one edge of its upper boundary (or
        // at a vertex), so a lottery mixes at most 2 packages; it mixes exactly 2 when it beats
        // every pure package, which the pure solve below checks independently.
        #expect(nash["package"] == nil && lottery.count == 2)
        let probabilities = lottery.compactMap { $0["probability"] as? Double }
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12)
        let pure = try AccordExecutable.run(["solve", Repository.data("blue-harbor-discrete.yaml"), "--solutions", "nash", "--format", "json"])
        let pureNash = try #require(((try JSONSerialization.jsonObject(with: Data(pure.stdout.utf8)) as? [String: Any])?["solutions"] as? [String: Any])?["nash"] as? [String: Any])
        let mixedProduct = try #require(nash["nash_product"] as? Double), pureProduct = try #require(pureNash["nash_product"] as? Double)
        #expect(mixedProduct > pureProduct)
        let stats = try #require(document["stats"] as? [String: Any])
        #expect(stats["duality_gap"] is Double || stats["duality_gap"] is Int)
        #expect(stats["iterations"] is Int)
    }

    /// Egalitarian over lotteries on the discrete Blue Harbor (by hand, from the file's tables):
    /// the pure egalitarian package P (A pays 70% of the patrols) gives gains (0.55, 0.556); the
    /// same with A paying 40%, Q, gives A 0.15 × (1 − 0.25) = 0.1125 more and B 0.12 × (1 − 0.1)
    /// = 0.108 less: (0.6625, 0.448). Mixing Q with probability q equalizes the gains where
    /// 0.55 + 0.1125 q = 0.556 − 0.108 q, q = 0.006 / 0.2205 = 0.0272109. Kalai–Smorodinsky's mix
    /// is no worse than any pure package on its own criterion, with at most n + 1 = 3 packages.
    @Test func egalitarianAndKalaiSmorodinskyLotteries() throws {
        let scenario = try Repository.loadData("blue-harbor-discrete.yaml")
        let solution = Solver.solve(try BargainingProblem(scenario, file: "bh.yaml", concepts: [.egalitarian, .kalaiSmorodinsky], lotteries: true))
        let egalitarian = try #require(solution.solutions.first { $0.concept == .egalitarian }?.result.agreement)
        let lottery = try #require(egalitarian.lottery)
        #expect(lottery.count == 2)
        let q = try #require(lottery.first { share in share.package.contains(.option(0)) && share.package[5] == .option(0) }?.probability)
        // The tie stage (larger Σ u) may give up 1e-9 of the criterion: q within 1e-7.
        #expect(abs(q - 0.006 / 0.2205) < 1e-7, "\(lottery)")
        #expect(abs(egalitarian.gains[0] - egalitarian.gains[1]) < 1e-8)
        let frontier = try #require(solution.frontier)
        let d = scenario.parties.map(\.reservation)
        let points = (0..<frontier.count).map { frontier.utilities(at: $0) }
        let ideal = (0..<2).map { i in points.map { $0[i] }.max() ?? 0 }
        let ks = try #require(solution.solutions.first { $0.concept == .kalaiSmorodinsky }?.result.agreement)
        func ksValue(_ u: [Double]) -> Double { (0..<2).map { (u[$0] - d[$0]) / (ideal[$0] - d[$0]) }.min() ?? 0 }
        #expect((ks.lottery?.count ?? 1) <= 3)
        for point in points { #expect(ksValue(ks.utilities) >= ksValue(point) - 1e-12) }
    }

    /// Carathéodory's trim (`NashLottery.caratheodory`): seeded mixes of 3–9 random points in
    /// 1–4 dimensions keep their mixed utilities (summed here) with at most n + 1 points and
    /// nonnegative probabilities summing to 1; duplicated and collinear points included.
    @Test(arguments: Array(UInt64(1)...UInt64(30)))
    func caratheodoryKeepsTheMixedUtilities(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let n = 1 + random.below(4), count = n + 2 + random.below(5)
        var utilities = (0..<(count * n)).map { _ in random.unit() }
        // A duplicate of point 0 and, in two dimensions or more, the midpoint of points 1 and 2.
        for i in 0..<n { utilities[(count - 1) * n + i] = utilities[i] }
        if n >= 2 { for i in 0..<n { utilities[(count - 2) * n + i] = (utilities[n + i] + utilities[2 * n + i]) / 2 } }
        let raw = (0..<count).map { _ in 0.05 + random.unit() }
        let total = raw.reduce(0, +)
        let mix = raw.enumerated().map { (index: $0.offset, probability: $0.element / total) }
        func mixed(_ mix: [(index: Int, probability: Double)]) -> [Double] {
            (0..<n).map { i in mix.reduce(0.0) { $0 + $1.probability * utilities[$1.index * n + i] } }
        }
        let trimmed = NashLottery.caratheodory(mix, utilities: utilities, parties: n)
        #expect(trimmed.count <= n + 1 && trimmed.allSatisfy { $0.probability > 0 }, "seed \(seed)")
        #expect(abs(trimmed.reduce(0) { $0 + $1.probability } - 1) <= 1e-12, "seed \(seed)")
        expectAllClose(mixed(trimmed), mixed(mix), "seed \(seed)", tolerance: 1e-12)
    }
}
