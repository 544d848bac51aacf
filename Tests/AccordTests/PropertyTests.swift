import Accord
import Foundation
import PropertyBased
import Testing

/// Properties every frontier and solution must have, on random scenarios larger than brute force
/// can check pairwise (the property library prints the failing input and its seed).
@Suite struct PropertyTests {
    static func randomScenario(seed: UInt64, parties: Int, issues: Int, options: Int) -> Scenario {
        var generator = ScenarioGenerator()
        generator.seed = seed
        generator.parties = parties
        generator.issues = issues
        generator.options = options
        generator.decimals = 4
        generator.forbids = 2
        generator.combinations = 1
        generator.interactions = 2
        generator.reservation = 0.4
        return generator.generate()
    }

    /// Every frontier point is acceptable and no point is weakly dominated by another; every
    /// acceptable package (sampled) is weakly dominated by some frontier point.
    @Test func frontierIsAcceptableNonDominatedAndComplete() async throws {
        await propertyCheck(count: 25, input: Gen.int(in: 1...1_000_000), Gen.int(in: 2...4)) { seed, parties in
            let scenario = Self.randomScenario(seed: UInt64(seed), parties: parties, issues: 6, options: 5)
            let space = try DiscreteSpace(scenario, file: "property")
            let frontier = Frontier(space: space)
            let points = (0..<frontier.count).map { frontier.utilities(at: $0) }
            for (k, u) in points.enumerated() {
                #expect(zip(u, space.disagreement).allSatisfy { $0 >= $1 }, "point \(k) is not acceptable")
                #expect(space.isAllowed(frontier.package(at: k)), "point \(k) crosses a red line")
                #expect(space.utilities(of: frontier.package(at: k)) == u, "point \(k): utilities do not match its package")
            }
            for a in points.indices {
                for b in points.indices where a != b {
                    #expect(!zip(points[a], points[b]).allSatisfy { $0 >= $1 }, "point \(a) weakly dominates point \(b)")
                }
            }
            var rng = SeededGenerator(seed: UInt64(seed))
            for _ in 0..<300 {
                let package = scenario.issues.map { rng.below($0.options?.count ?? 1) }
                let u = space.utilities(of: package)
                guard space.isAllowed(package), zip(u, space.disagreement).allSatisfy({ $0 >= $1 }) else { continue }
                #expect(points.contains { zip($0, u).allSatisfy { $0 >= $1 } }, "acceptable package \(package) is not covered by the frontier")
            }
        }
    }

    /// Nash is invariant under a positive affine rescaling `u_i → a·u_i + b` of one party's
    /// utility, with its reservation rescaled alike: the rescaled problem's Nash package is a Nash
    /// package of the original (same maximal product), and its utilities map back.
    @Test func nashInvariantUnderAffineRescaling() async throws {
        await propertyCheck(count: 40, input: Gen.int(in: 1...1_000_000), Gen.double(in: 0.2...5), Gen.double(in: -3...3)) { seed, a, b in
            let original = Self.randomScenario(seed: UInt64(seed), parties: 2 + seed % 2, issues: 5, options: 4)
            let party = seed % original.parties.count
            var rescaled = original
            let preference = original.preferences[party]
            let totalWeight = preference.weights.reduce(0, +)
            try #require(totalWeight > 0)
            // v → a·v + b/Σw on every issue adds a·u + b; interactions scale by a.
            rescaled.preferences[party].values = preference.values.map { function in
                guard case .table(let values)? = function else { return function }
                return .table(values.map { a * $0 + b / totalWeight })
            }
            rescaled.preferences[party].interactions = preference.interactions.map { Interaction(when: $0.when, value: a * $0.value) }
            rescaled.parties[party].reservation = a * original.parties[party].reservation + b

            let before = try #require(try Self.nash(original))
            guard let after = try Self.nash(rescaled) else {
                Issue.record("rescaled problem lost its Nash solution (seed \(seed), a \(a), b \(b))")
                return
            }
            let space = try DiscreteSpace(original, file: "original")
            let afterInOriginalUnits = space.utilities(of: after.package)
            let productAfter = Agreement(
                package: [], utilities: afterInOriginalUnits, disagreement: space.disagreement,
                power: original.parties.map(\.power)).nashProduct
            #expect(abs(productAfter - before.nashProduct) <= 1e-9 * before.nashProduct,
                    "seed \(seed), a \(a), b \(b): Nash product \(productAfter) vs \(before.nashProduct)")
            let mapped = a * afterInOriginalUnits[party] + b
            #expect(abs(mapped - after.utilities[party]) <= 1e-9 * max(1, abs(mapped)))
        }
    }

    /// Dividing goods between two parties who value them identically: the utility set is
    /// symmetric, so the frontier is symmetric and each solution's mirror image is just as good.
    /// When the goods come in equal pairs an equal split exists, and Nash, Kalai–Smorodinsky and
    /// egalitarian all give it (Nash: the product with a fixed sum is largest at equal shares).
    @Test func symmetricScenariosGiveSymmetricUtilities() async throws {
        await propertyCheck(count: 30, input: Gen.int(in: 1...1_000_000), Gen.int(in: 1...4), Gen.bool) { seed, goods, paired in
            var rng = SeededGenerator(seed: UInt64(seed))
            var weights = (0..<goods).map { _ in Double(1 + rng.below(9)) }
            if paired { weights += weights }
            let scenario = try Self.divideGoods(weights: weights)
            let report = Solver.solve(try BargainingProblem(scenario, file: "symmetric"))
            let frontier = try #require(report.frontier)
            let points = Set((0..<frontier.count).map { frontier.utilities(at: $0) })
            for point in points { #expect(points.contains([point[1], point[0]]), "mirror of \(point) missing") }
            for (concept, result) in report.solutions where concept != .utilitarian {
                // With a single good someone gets nothing: Nash needs both gains positive.
                guard weights.count > 1 || concept != .nash else { continue }
                let agreement = try #require(result.agreement, "\(concept.rawValue) on goods \(weights)")
                #expect(points.contains([agreement.utilities[1], agreement.utilities[0]]))
                if paired {
                    #expect(agreement.utilities[0] == agreement.utilities[1], "\(concept.rawValue) on paired goods \(weights): \(agreement.utilities)")
                }
            }
        }
    }

    /// Every solution is individually rational (gains ≥ 0, Nash > 0) and Pareto optimal (on the frontier).
    @Test func solutionsAreIndividuallyRationalAndParetoOptimal() async throws {
        await propertyCheck(count: 25, input: Gen.int(in: 1...1_000_000), Gen.int(in: 2...5)) { seed, parties in
            let scenario = Self.randomScenario(seed: UInt64(seed), parties: parties, issues: 5, options: 4)
            let report = Solver.solve(try BargainingProblem(scenario, file: "property"))
            let frontier = try #require(report.frontier)
            let points = Set((0..<frontier.count).map { frontier.utilities(at: $0) })
            for (concept, result) in report.solutions {
                guard let agreement = result.agreement else { continue }
                #expect(agreement.gains.allSatisfy { $0 >= 0 }, "\(concept.rawValue) gains \(agreement.gains)")
                if concept == .nash { #expect(agreement.gains.allSatisfy { $0 > 0 }) }
                #expect(points.contains(agreement.utilities), "\(concept.rawValue) is not on the frontier")
            }
        }
    }

    static func nash(_ scenario: Scenario) throws -> (package: [Int], utilities: [Double], nashProduct: Double)? {
        let report = Solver.solve(try BargainingProblem(scenario, file: "property", concepts: [.nash]))
        guard let agreement = report.solutions.first?.result.agreement else { return nil }
        return (optionIndices(agreement.package), agreement.utilities, agreement.nashProduct)
    }

    /// Goods with the given weights, each going to party A or B; both value a good by its weight.
    static func divideGoods(weights: [Double]) throws -> Scenario {
        let issues = weights.indices.map { Issue(id: "g\($0)", domain: .options(["A", "B"])) }
        let a = Preference(weights: weights, values: weights.map { _ in .table([1, 0]) })
        let b = Preference(weights: weights, values: weights.map { _ in .table([0, 1]) })
        return try Scenario(name: "divide goods", parties: [Party(id: "A"), Party(id: "B")], issues: issues, preferences: [a, b])
    }
}
