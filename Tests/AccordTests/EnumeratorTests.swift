import Accord
import Foundation
@testable import AccordModel
@testable import AccordGenerate
@testable import AccordSkyline
@testable import AccordSpace
@testable import AccordFrontier
import Testing

/// `GroupEnumerator` on spaces large enough (≥ 65,536 packages) to take the parallel path, where
/// the first levels are cut into chunks by mixed-radix prefix and the chunk frontiers merged:
/// the frontier and the count against the brute-force oracle (`BruteForce`, written
/// independently from the scenario), with interactions, forbidden combinations, red lines, ties
/// (dyadic values) and reservations that cut prefixes. The cross-checks of `CrossCheckTests`
/// stay below 20,000 packages, on the sequential path.
@Suite struct EnumeratorTests {
    /// (parties, issues, options, forbidden options, decimals, reservation). Allowed packages, at
    /// least: 3^2 · 4^7 = 147,456; 5^7 = 78,125; 2^2 · 3^9 = 78,732; 5^2 · 6^5 = 194,400.
    static let cases: [(parties: Int, issues: Int, options: Int, forbids: Int, decimals: Int, reservation: Double)] = [
        (2, 9, 4, 2, 0, 0), (3, 7, 5, 0, 4, 0.5), (2, 11, 3, 2, 4, 0.3), (2, 7, 6, 2, 0, 0.6),
    ]

    static func instance(_ index: Int) -> Scenario {
        let shape = cases[index]
        var generator = ScenarioGenerator()
        generator.seed = UInt64(100 + index)
        generator.parties = shape.parties
        generator.issues = shape.issues
        generator.options = shape.options
        generator.decimals = shape.decimals
        generator.forbids = shape.forbids
        generator.combinations = 3
        generator.interactions = 4
        generator.reservation = shape.reservation
        return generator.generate()
    }

    @Test(arguments: Array(cases.indices))
    func parallelEnumerationMatchesBruteForce(caseIndex: Int) throws {
        let scenario = Self.instance(caseIndex)
        let oracle = BruteForce(scenario)
        let space = try DiscreteSpace(scenario, file: "case-\(caseIndex)")
        let enumerator = GroupEnumerator(space: space, issues: Array(0..<space.issueCount), lowerBound: space.threshold)
        #expect(enumerator.size >= 65536)
        #expect(enumerator.count() == oracle.acceptable.count, "case \(caseIndex): count")

        let frontier = Frontier(space: space, method: .enumeration)
        let expected = oracle.frontier
        try #require(frontier.count == expected.count, "case \(caseIndex): frontier size \(frontier.count), brute force \(expected.count)")
        for k in 0..<frontier.count {
            #expect(frontier.package(at: k) == expected[k].package, "case \(caseIndex): package of point \(k)")
            #expect(zip(frontier.utilities(at: k), expected[k].utilities).allSatisfy { abs($0 - $1) <= 1e-9 },
                    "case \(caseIndex): utilities of point \(k)")
        }
    }

    @Test func progressCountsEveryPackageOfTheSpace() throws {
        // Cut prefixes count the packages below them: done = 5^7 = 78,125 exactly, cut or visited.
        let space = try DiscreteSpace(Self.instance(1), file: "case-1")
        let progress = ProgressCounter(unit: "packages")
        let enumerator = GroupEnumerator(space: space, issues: Array(0..<space.issueCount), lowerBound: space.threshold)
        _ = enumerator.frontier(progress: progress)
        #expect(progress.total == Int(enumerator.size))
        #expect(progress.completed == progress.total)
    }
}
