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
import Testing

/// The Pareto-sum frontier, the enumeration frontier and every solution against the brute-force
/// oracle (`BruteForce`) on seeded random scenarios: 2–5 parties, 1–8 issues, 2–6 options, with
/// red lines, forbidden combinations, interactions and reservations.
@Suite struct CrossCheckTests {
    /// A random instance for a seed; dyadic values (many exact ties) on even seeds.
    static func instance(seed: UInt64) -> Scenario {
        var rng = SeededGenerator(seed: seed &* 7919)
        var generator = ScenarioGenerator()
        generator.seed = seed
        generator.parties = 2 + rng.below(4)
        generator.issues = 1 + rng.below(8)
        generator.options = 2 + rng.below(5)
        // Keep brute force small: at most ~20,000 packages.
        while pow(Double(generator.options), Double(generator.issues)) > 20_000 { generator.issues -= 1 }
        generator.decimals = seed % 2 == 0 ? 0 : 4
        generator.forbids = rng.below(3)
        generator.combinations = rng.below(3)
        generator.interactions = rng.below(3)
        generator.reservation = [0, 0.3, 0.5, 0.7][rng.below(4)]
        var scenario = generator.generate()
        if rng.below(4) == 0 { scenario.disagreement = .statusQuo }
        if rng.below(3) == 0 {
            for i in scenario.parties.indices { scenario.parties[i].power = Double(1 + rng.below(3)) }
        }
        return scenario
    }

    static let seeds: [UInt64] = Array(1...520)

    @Test(arguments: seeds)
    func frontierAndSolutionsMatchBruteForce(seed: UInt64) throws {
        let scenario = Self.instance(seed: seed)
        let oracle = BruteForce(scenario)
        let expected = oracle.frontier
        let space = try DiscreteSpace(scenario, file: "seed-\(seed)")
        for method in FrontierMethod.allCases {
            let frontier = Frontier(space: space, method: method)
            try #require(frontier.count == expected.count, "seed \(seed), \(method.rawValue): frontier size \(frontier.count), brute force \(expected.count)")
            for k in 0..<frontier.count {
                let utilities = frontier.utilities(at: k)
                #expect(frontier.package(at: k) == expected[k].package, "seed \(seed), \(method.rawValue): package of point \(k)")
                #expect(zip(utilities, expected[k].utilities).allSatisfy { abs($0 - $1) <= 1e-9 },
                        "seed \(seed), \(method.rawValue): utilities \(utilities) vs \(expected[k].utilities)")
            }
            #expect(frontier._checkInvariants(), "seed \(seed), \(method.rawValue): frontier has a dominated point")
            for (concept, result) in Solver.solutions(on: frontier, concepts: SolutionConcept.allCases, noAgreementReason: nil) {
                let want = oracle.solution(concept)
                switch result {
                case .agreement(let agreement):
                    let package = optionIndices(agreement.package)
                    #expect(package == want?.package, "seed \(seed), \(method.rawValue): \(concept.rawValue) package \(package) vs \(String(describing: want?.package))")
                case .noAgreement:
                    #expect(want == nil, "seed \(seed), \(method.rawValue): \(concept.rawValue) missing, brute force has \(String(describing: want?.package))")
                }
            }
        }
    }

    @Test(arguments: Array(UInt64(1)...60))
    func acceptableCountMatchesBruteForce(seed: UInt64) throws {
        let scenario = Self.instance(seed: seed)
        let report = Solver.solve(try BargainingProblem(scenario, file: "seed-\(seed)"))
        #expect(report.acceptable == BruteForce(scenario).acceptable.count, "seed \(seed)")
        #expect(report.disagreement.indices.allSatisfy { abs(report.disagreement[$0] - BruteForce(scenario).disagreement[$0]) <= 1e-12 })
    }
}

import Foundation
