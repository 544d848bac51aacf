import Accord
import Foundation
import Testing

/// The Clarabel-shaped solver API: a problem, settings, and a solution whose status says how the
/// solve ended (solved, no agreement zone, iteration limit, refused) — never a silent stop.
@Suite struct SolverAPITests {
    /// Three issues of 10 options chained by interactions: one group of 10 · 10 · 10 = 1,000
    /// packages, which Pareto-sum must enumerate whole.
    static func chained() throws -> Scenario {
        try scenario(yaml: """
            accord: 1
            name: chained
            parties: [{id: A}, {id: B}]
            issues:
              - {id: x, options: [x0, x1, x2, x3, x4, x5, x6, x7, x8, x9]}
              - {id: y, options: [y0, y1, y2, y3, y4, y5, y6, y7, y8, y9]}
              - {id: z, options: [z0, z1, z2, z3, z4, z5, z6, z7, z8, z9]}
            preferences:
              A:
                weights: {x: 1, y: 1, z: 1}
                values:
                  x: {x0: 0, x1: 1, x2: 2, x3: 3, x4: 4, x5: 5, x6: 6, x7: 7, x8: 8, x9: 9}
                  y: {y0: 0, y1: 1, y2: 2, y3: 3, y4: 4, y5: 5, y6: 6, y7: 7, y8: 8, y9: 9}
                  z: {z0: 0, z1: 1, z2: 2, z3: 3, z4: 4, z5: 5, z6: 6, z7: 7, z8: 8, z9: 9}
                interactions:
                  - {when: {x: x1, y: y1}, value: 1}
                  - {when: {y: y2, z: z2}, value: 1}
              B:
                weights: {x: 1, y: 1, z: 1}
                values:
                  x: {x0: 9, x1: 8, x2: 7, x3: 6, x4: 5, x5: 4, x6: 3, x7: 2, x8: 1, x9: 0}
                  y: {y0: 9, y1: 8, y2: 7, y3: 6, y4: 5, y5: 4, y6: 3, y7: 2, y8: 1, y9: 0}
                  z: {z0: 9, z1: 8, z2: 7, z3: 6, z4: 5, z5: 4, z6: 3, z7: 2, z8: 1, z9: 0}
            """)
    }

    @Test func refusalIsAStatusWithTheGroupItsSizeAndTheLimit() throws {
        let problem = try BargainingProblem(try Self.chained(), file: "chained.yaml")
        var settings = SolverSettings()
        settings.maxEnumeration = 999
        let refused = Solver.solve(problem, settings: settings)
        #expect(refused.status == .refused(.groupTooLarge(issues: ["x", "y", "z"], packages: 1000, limit: 999)))
        #expect(refused.frontier == nil && refused.solutions.isEmpty)
        settings.maxEnumeration = 1000
        #expect(Solver.solve(problem, settings: settings).status == .solved)
        // The whole space is 1,000 packages too.
        settings.method = .enumeration
        settings.maxEnumeration = 999
        #expect(Solver.solve(problem, settings: settings).status == .refused(.spaceTooLarge(packages: 1000, limit: 999)))
        if case .failure(let refusal) = Solver.frontier(of: problem, settings: settings) {
            #expect(refusal == .spaceTooLarge(packages: 1000, limit: 999))
        } else {
            Issue.record("the frontier stage was not refused")
        }
    }

    @Test func refusalWordsNameNoFlagInTheLibrary() {
        let refusal = Refusal.groupTooLarge(issues: ["x", "y"], packages: 1e6, limit: 1e5)
        #expect(refusal.reason.contains("one group of 1,000,000 packages") && refusal.reason.contains("the limit is 100,000"))
        #expect(!refusal.reason.contains("--"))
    }

    /// A continuous scenario becomes a concave problem; the exact discrete space refuses it,
    /// naming the issue and its kind, while linkage bargains it as one track: the pie, not
    /// divided at the status quo, split equally (p_1/(p_1 + p_2) with equal power), alone and
    /// linked alike.
    @Test func continuousIssuesAreConcaveProblemsAndTheDiscreteSpaceRefusesThem() throws {
        let pie = try Repository.loadData("pie.yaml")
        let problem = try BargainingProblem(pie, file: "pie.yaml")
        #expect(problem.space == nil && problem.concave?.divisibleIssues == [0])
        #expect(throws: ScenarioError.refused(file: "pie.yaml", .unsupportedIssue(issue: "pie", kind: "divisible"))) {
            try DiscreteSpace(pie, file: "pie.yaml")
        }
        let linkage = try LinkageAnalysis.analyze(pie, file: "pie.yaml")
        #expect(linkage.statusQuo.package == [.shares([0, 0])] && linkage.logrolls.isEmpty)
        guard case .shares(let shares) = linkage.linked.package[0] else { Testing.Issue.record("no shares"); return }
        #expect(abs(shares[0] - 0.5) < 1e-9 && abs(shares[1] - 0.5) < 1e-9)
    }

    @Test func emptyAgreementZoneIsAStatus() throws {
        var scenario = try Self.chained()
        // A's best is 9 + 9 + 9 + the two interactions at most: 29 < 100.
        scenario.parties[0].reservation = 100
        let solution = Solver.solve(try BargainingProblem(scenario, file: "chained.yaml"))
        #expect(solution.status == .noAgreementZone)
        #expect(solution.frontierSize == 0)
        #expect(solution.solutions.allSatisfy { $0.result.agreement == nil })
    }

    /// Blue Harbor's lottery Nash solution mixes two packages (README: 87% / 13%), so one
    /// Frank–Wolfe step cannot reach a gap of 10^-12: the solve must say it stopped at the cap.
    @Test func lotteryThatRunsOutOfIterationsSaysSo() throws {
        let problem = try BargainingProblem(try Repository.loadData("blue-harbor-discrete.yaml"), file: "blue-harbor-discrete.yaml", concepts: [.nash], lotteries: true)
        var settings = SolverSettings()
        settings.maxIterations = 1
        let capped = Solver.solve(problem, settings: settings)
        #expect(capped.status == .iterationLimit)
        #expect(capped.info.iterations == 1)
        #expect((capped.info.gap ?? 0) > settings.lotteryGap)
        let converged = Solver.solve(problem)
        #expect(converged.status == .solved)
        #expect((converged.info.gap ?? 1) <= SolverSettings().lotteryGap)
    }

    @Test func settingsOutOfTheirDomainAreNamed() throws {
        var settings = SolverSettings()
        #expect(settings.problem == nil)
        settings.maxEnumeration = 0
        #expect(settings.problem?.setting == "maxEnumeration")
        settings = SolverSettings()
        settings.tieTolerance = .nan
        #expect(settings.problem?.setting == "tieTolerance")
        settings = SolverSettings()
        settings.maxIterations = 0
        #expect(settings.problem?.setting == "maxIterations")
        let problem = try BargainingProblem(try Self.chained(), file: "chained.yaml")
        #expect(Solver.solve(problem, settings: settings).status == .invalidSettings(setting: "maxIterations", requirement: "at least 1"))
    }

    /// d = (1, 1), p = (1, 2), u = (3, 4): gains 2 and 3, so the objective is log 2 + 2 log 3
    /// = log 18 (by hand); a gain of 0 leaves it undefined.
    @Test func nashObjectiveByHand() throws {
        let objective = NashObjective(disagreement: [1, 1], power: [1, 2])
        let value = try #require(objective.value([3.0, 4.0]))
        #expect(abs(value - log(18.0)) < 1e-15)
        #expect(objective.value([1.0, 4.0]) == nil)
        #expect(NashObjective.product(gains: [2, 3], power: [1, 2]) == 18)
    }

    /// Outcome 0 = (4, 1): Nash product 4, Σ u = 5. Outcome 1 = (2 + 2ε, 2): product 4(1 + ε),
    /// Σ u = 4 + 2ε. With ε = 10^-14 the products tie under the default tolerance (10^-12), so
    /// the larger sum wins (outcome 0); with a zero tolerance the larger product wins (outcome 1).
    @Test func tieToleranceComesFromTheSettings() {
        let epsilon = 1e-14
        let utilities = [4, 1, 2 + 2 * epsilon, 2]
        let tied = SolutionSelector(utilities: utilities, disagreement: [0, 0], power: [1, 1]) { $0 < $1 }
        #expect(tied.select(.nash) == 0)
        var exact = SolverSettings()
        exact.tieTolerance = 0
        let strict = SolutionSelector(utilities: utilities, disagreement: [0, 0], power: [1, 1], settings: exact) { $0 < $1 }
        #expect(strict.select(.nash) == 1)
    }

    /// `--explain`: the contribution of issue j to party i is w_ij · v_ij(option), read here
    /// straight from the scenario, and interactions add their value when every condition holds;
    /// together they make the utility.
    @Test(arguments: Array(UInt64(1)...30))
    func contributionsAreWeightTimesValueAndAddUpToTheUtility(seed: UInt64) throws {
        var generator = ScenarioGenerator()
        generator.seed = seed
        generator.parties = 2 + Int(seed % 3)
        generator.issues = 4
        generator.options = 3
        generator.interactions = 2
        generator.decimals = 3
        let scenario = generator.generate()
        let solution = Solver.solve(try BargainingProblem(scenario, file: "seed-\(seed)"))
        for (concept, result) in solution.solutions {
            guard let agreement = result.agreement else { continue }
            let parts = try #require(solution.contributions(of: agreement))
            let options = optionIndices(agreement.package)
            for (i, preference) in scenario.preferences.enumerated() {
                var total = 0.0
                for (j, option) in options.enumerated() {
                    guard case .table(let values)? = preference.values[j] else { continue }
                    let expected = preference.weights[j] * values[option]
                    #expect(abs(parts.issues[j][i] - expected) <= 1e-12, "seed \(seed) \(concept.rawValue): issue \(j) party \(i)")
                    total += expected
                }
                let bonus = preference.interactions.filter { $0.when.allSatisfy { options[$0.issue] == $0.option } }.reduce(0) { $0 + $1.value }
                #expect(abs(parts.interactions[i] - bonus) <= 1e-12, "seed \(seed) \(concept.rawValue): interactions of \(i)")
                #expect(abs(total + bonus - agreement.utilities[i]) <= 1e-9, "seed \(seed) \(concept.rawValue): utility of \(i)")
            }
        }
    }

    /// Blue Harbor's Nash package (README): A's fisheries term is 0.15 × 0.75 = 0.1125 and the
    /// joint-authority/shared-coast-guard interaction adds 0.04 to A and 0.05 to B; the JSON
    /// contributions of each party add up to its utility.
    @Test func explainJSONOnBlueHarbor() throws {
        let run = try AccordExecutable.run(["solve", Repository.data("blue-harbor-discrete.yaml"), "--solutions", "nash", "--explain", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let nash = try #require((document["solutions"] as? [String: Any])?["nash"] as? [String: Any])
        let contributions = try #require(nash["contributions"] as? [String: [Double]])
        let utilities = try #require(nash["utilities"] as? [Double])
        #expect(contributions.count == 7)  // six issues and the interactions
        for i in 0..<2 {
            let total = contributions.values.reduce(0) { $0 + $1[i] }
            #expect(abs(total - utilities[i]) < 1e-12)
        }
        #expect(contributions["interactions"] == [0.04, 0.05])
        #expect(contributions["fisheries"]?[0] == 0.1125)
        let text = try AccordExecutable.run(["solve", Repository.data("blue-harbor-discrete.yaml"), "--solutions", "nash", "--explain", "--format", "text"])
        #expect(text.stdout.contains("Where the utilities come from") && text.stdout.contains("interactions"))
    }

    /// Bill and Jack's weights are nine 1s (sum 9, by reading Data/bill-jack.yaml): solve warns on
    /// stderr and still answers; Blue Harbor's weights sum to 1 and it says nothing.
    @Test func solveWarnsAboutWeightsThatDoNotSumToOne() throws {
        let billJack = try AccordExecutable.run(["solve", Repository.data("bill-jack.yaml"), "--format", "json", "--quiet"])
        #expect(billJack.status == 0)
        #expect(billJack.stderr.contains("warning: bill-jack.yaml: party 'Bill': weights sum to 9"))
        let blueHarbor = try AccordExecutable.run(["solve", Repository.data("blue-harbor-discrete.yaml"), "--format", "json", "--quiet"])
        #expect(blueHarbor.status == 0 && blueHarbor.stderr.isEmpty, "\(blueHarbor.stderr)")
    }

    /// Issue 8, point 9: 6 issues × 10,000 options is 10^24 packages; asked to enumerate them with
    /// a limit of 10^30, the solve is refused at the ceiling of 2^53 packages instead of
    /// overflowing or running for years.
    @Test func enumerationBeyondTheCeilingIsRefusedWhateverTheLimit() throws {
        var generator = ScenarioGenerator()
        generator.parties = 2
        generator.issues = 6
        generator.options = 10_000
        generator.decimals = 3
        let problem = try BargainingProblem(generator.generate(), file: "huge.yaml")
        var settings = SolverSettings()
        settings.method = .enumeration
        settings.maxEnumeration = 1e30
        #expect(Solver.solve(problem, settings: settings).status == .refused(.spaceTooLarge(packages: 1e24, limit: 0x1p53)))
    }

    /// Weights normalized and rounded to 6 decimals (the generator's) are off by at most
    /// 100 · 0.5·10^-6 = 5·10^-5 on 100 issues: no warning. Tenths that add up to 0.9 are a real
    /// mistake: warned.
    @Test func roundingOfWrittenWeightsIsNotWarnedAbout() throws {
        var generator = ScenarioGenerator()
        generator.issues = 100
        generator.options = 2
        #expect(generator.generate().warnings.isEmpty)
        var scenario = generator.generate()
        scenario.preferences[0].weights = [0.3, 0.6] + Array(repeating: 0, count: 98)
        #expect(scenario.warnings == [.weightsDoNotSumToOne(party: "p1", sum: 0.3 + 0.6)])
    }
}
