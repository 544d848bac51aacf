import Accord
import Foundation
import Testing
@testable import AccordSensitivity
@testable import AccordGenerate

/// `sensitivity --samples`: each draw's solutions against the real solver on the drawn
/// scenario, the matrix path against the scalar one, the distributions' moments against their
/// closed forms, determinism across runs and worker counts, and the command's JSON and mistakes.
@Suite struct MonteCarloTests {
    /// A random scenario with three or four uncertain numbers: party 0's reservation (uniform), a
    /// weight of party 1 (normal), an option value of party 0 (triangular), party 1's power.
    static func scenario(seed: Int) throws -> Scenario {
        var scenario = SensitivityTests.scenario(seed: seed)
        let issue = scenario.issues[seed % 3].id, option = scenario.issues[seed % 3].options?[1] ?? ""
        let reservation = try SensitivityParameter("\(scenario.parties[0].id).reservation", in: scenario)
        let weight = try SensitivityParameter("\(scenario.parties[1].id).weights.\(scenario.issues[(seed + 1) % 3].id)", in: scenario)
        let value = try SensitivityParameter("\(scenario.parties[0].id).values.\(issue).\(option)", in: scenario)
        let w = weight.value(in: scenario), v = value.value(in: scenario)
        scenario.uncertainty = [
            Uncertainty(parameter: reservation, distribution: .uniform(min: 0, max: 0.5)),
            Uncertainty(parameter: weight, distribution: .normal(mean: w, sd: 0.2, min: nil, max: nil)),
            Uncertainty(parameter: value, distribution: .triangular(min: v - 0.3, mode: v, max: v + 0.3)),
        ]
        // An interaction's value, where a party has one, on every other scenario.
        if seed % 2 == 1, let holder = scenario.preferences.firstIndex(where: { !$0.interactions.isEmpty }) {
            scenario.uncertainty.append(Uncertainty(parameter: try SensitivityParameter("\(scenario.parties[holder].id).interactions.0", in: scenario),
                                                    distribution: .uniform(min: -0.2, max: 0.3)))
        }
        // Unequal bargaining powers on a third of the scenarios, drawn on another third.
        if seed % 3 == 1 { scenario.parties[1].power = 1.7 }
        if seed % 3 == 2 {
            scenario.uncertainty.append(Uncertainty(parameter: try SensitivityParameter("\(scenario.parties[1].id).power", in: scenario),
                                                    distribution: .uniform(min: 0.5, max: 2)))
        }
        return scenario
    }

    /// Each draw's Nash and Kalai–Smorodinsky packages are those of `Solver.solve` on the drawn
    /// scenario (or tie with them to 1e-9); 12 scenarios × 40 draws, with noise on half.
    @Test(arguments: 0..<12)
    func drawsSolveAsTheSolverDoes(_ seed: Int) throws {
        let scenario = try Self.scenario(seed: seed)
        let noise = seed % 2 == 0 ? 0.05 : nil
        let run = try MonteCarlo(scenario: scenario, settings: .init(samples: 40, seed: UInt64(seed), noise: noise, workers: 2))
        let model = try SampleModel(scenario: scenario, noise: noise, seed: UInt64(seed))
        for k in 0..<40 {
            let drawn = model.drawnScenario(try model.draw(seed: UInt64(seed), sample: k))
            let solution = Solver.solve(try BargainingProblem(drawn, file: "t", concepts: [.nash, .kalaiSmorodinsky]))
            let ours = run.solutions(ofDraw: k)
            for (concept, package) in [(SolutionConcept.nash, ours.nash), (.kalaiSmorodinsky, ours.kalaiSmorodinsky)] {
                let agreement = solution.solutions.first { $0.concept == concept }?.result.agreement
                let theirs = agreement.map { $0.package.map { $0.option ?? -1 } }
                guard theirs != package else { continue }
                // A different package must tie on the objective.
                let mine = package.map { p in drawn.parties.indices.map { drawn.utility(of: p.map(IssueValue.option), party: $0) } }
                let d = solution.disagreement
                func objective(_ u: [Double]?) -> Double? {
                    guard let u else { return nil }
                    let gains = zip(u, d).map { $0 - $1 }
                    return concept == .nash ? NashObjective(disagreement: d, power: drawn.parties.map(\.power)).value(gains: gains) : gains.min()
                }
                let a = objective(mine), b = objective(agreement?.utilities)
                #expect(a != nil && b != nil && abs((a ?? 0) - (b ?? 1)) <= 1e-9 * max(1, abs(b ?? 1)),
                        "seed \(seed) draw \(k) \(concept): Monte Carlo \(String(describing: package)), solver \(String(describing: theirs))")
            }
            if let nash = solution.solutions.first?.result.agreement {
                for i in drawn.parties.indices { #expect(abs(run.nashUtilities[k * drawn.parties.count + i] - nash.utilities[i]) <= 1e-9) }
            }
        }
    }

    /// The matrix product gives the utilities the scalar loop computes (`Scenario.utility` of the
    /// drawn scenario) to 1e-12, hence the same solutions and totals.
    @Test(arguments: 0..<6)
    func theMatrixPathEqualsTheScalarPath(_ seed: Int) throws {
        let scenario = try Self.scenario(seed: 50 + seed)
        let settings = MonteCarlo.Settings(samples: 200, seed: 9, noise: 0.03, workers: 1)
        var scalar = settings
        scalar.evaluation = .scalar
        let a = try MonteCarlo(scenario: scenario, settings: settings), b = try MonteCarlo(scenario: scenario, settings: scalar)
        #expect(zip(a.nashUtilities, b.nashUtilities).allSatisfy { abs($0 - $1) <= 1e-12 })
        #expect(a.packages.map(\.package) == b.packages.map(\.package))
        #expect(a.packages.map(\.nash) == b.packages.map(\.nash) && a.packages.map(\.acceptable) == b.packages.map(\.acceptable))
        #expect(zip(a.packages, b.packages).allSatisfy { abs($0.nashProductSum - $1.nashProductSum) <= 1e-12 * max(1, $1.nashProductSum) })
    }

    /// The same seed gives the same bits with 1, 2 or 3 workers and from run to run; another
    /// seed gives other draws.
    @Test func resultsDoNotDependOnWorkers() throws {
        let scenario = try Self.scenario(seed: 3)
        func json(_ workers: Int, seed: UInt64 = 4) throws -> String {
            var document = try MonteCarlo(scenario: scenario, settings: .init(samples: 500, seed: seed, noise: 0.02, workers: workers)).json
            if case .object(let members) = document { document = .object(members.filter { $0.0 != "stats" }) }
            return document.rendered()
        }
        let one = try json(1)
        #expect(try json(2) == one)
        #expect(try json(3) == one)
        #expect(try json(2) == one)
        #expect(try json(2, seed: 5) != one)
    }

    /// Draws follow their distributions: the sample mean and standard deviation of 20,000 draws
    /// within 5 standard errors of the closed forms (uniform: (a+b)/2, (b−a)/√12; triangular:
    /// (a+b+c)/3, √((a²+b²+c²−ab−ac−bc)/18); normal truncated at 0 for a weight of mean 0.1 and
    /// sd 0.1: mean 0.1 + 0.1·φ(1)/Φ(1) = 0.128760, sd 0.1·√(1 − φ(1)/Φ(1) − (φ(1)/Φ(1))²) = 0.079353).
    @Test func drawsFollowTheirDistributions() throws {
        var scenario = SensitivityTests.scenario(seed: 7)
        let reservation = try SensitivityParameter("\(scenario.parties[0].id).reservation", in: scenario)
        let value = try SensitivityParameter("\(scenario.parties[1].id).values.\(scenario.issues[0].id).\(scenario.issues[0].options?[0] ?? "")", in: scenario)
        let weight = try SensitivityParameter("\(scenario.parties[0].id).weights.\(scenario.issues[1].id)", in: scenario)
        scenario.uncertainty = [
            Uncertainty(parameter: reservation, distribution: .uniform(min: 0.1, max: 0.7)),
            Uncertainty(parameter: value, distribution: .triangular(min: 0, mode: 0.2, max: 1)),
            Uncertainty(parameter: weight, distribution: .normal(mean: 0.1, sd: 0.1, min: nil, max: nil)),
        ]
        let model = try SampleModel(scenario: scenario, noise: nil, seed: 11)
        let count = 20_000
        let draws = try (0..<count).map { try model.draw(seed: 11, sample: $0).values }
        let expected: [(mean: Double, sd: Double)] = [
            (0.4, 0.6 / 12.0.squareRoot()),
            (1.2 / 3, ((0.04 + 1 - 0.2) / 18).squareRoot()),
            (0.128760, 0.079353),
        ]
        for (index, moments) in expected.enumerated() {
            let values = draws.map { $0[index] }
            let mean = values.reduce(0, +) / Double(count)
            let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(count - 1)).squareRoot()
            #expect(abs(mean - moments.mean) <= 5 * moments.sd / Double(count).squareRoot(), "distribution \(index): mean \(mean)")
            #expect(abs(sd - moments.sd) <= 0.03 * moments.sd, "distribution \(index): sd \(sd)")
            #expect(values.allSatisfy { $0 >= 0 })
        }
    }

    /// The JSON of DESIGN.md §2.4 on Blue Harbor's uncertainty section: probabilities that add up,
    /// a quantile per party in order, a robust package.
    @Test func theJSONHasTheDesignShape() throws {
        let result = try AccordExecutable.run(["sensitivity", Repository.data("blue-harbor-discrete.yaml"), "--samples", "400", "--seed", "3", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["samples"] as? Double == 400 && json["seed"] as? Double == 3)
        let packages = try #require(json["packages"] as? [[String: Any]])
        let nash = packages.compactMap { $0["probability_nash"] as? Double }
        #expect(nash.count == packages.count && abs(nash.reduce(0, +) - 1) < 1e-12 && nash == nash.sorted(by: >))
        let utilities = try #require(json["utilities"] as? [[String: Any]])
        #expect(utilities.count == 2)
        for party in utilities {
            let (p05, mean, p95) = (party["p05"] as? Double ?? .nan, party["mean"] as? Double ?? .nan, party["p95"] as? Double ?? .nan)
            #expect(p05 <= mean && mean <= p95)
        }
        #expect((json["robust"] as? [String: Any])?["package"] is [String: Any])
        #expect((json["candidates"] as? [String: Any])?["sufficient"] as? Bool == true)
    }

    /// A scenario written back (YAML and JSON) keeps its uncertainty section: loading it gives
    /// an equal scenario.
    @Test func theUncertaintySectionIsWrittenBack() throws {
        let scenario = try Scenario.load(path: Repository.data("blue-harbor-discrete.yaml"))
        #expect(scenario.uncertainty.count == 5)
        let yaml = try Scenario.parse(data: Data(scenario.yaml.utf8), file: "back.yaml", format: .yaml)
        let json = try Scenario.parse(data: Data(scenario.jsonDocument.rendered().utf8), file: "back.json", format: .json)
        #expect(yaml == scenario && json == scenario)
    }

    /// `--shard K/N` parts merged in any order are the bytes of one run, in JSON and in text.
    @Test func shardsMergeIntoTheBytesOfOneRun() throws {
        let directory = try temporaryDirectory()
        let scenario = Repository.data("blue-harbor-discrete.yaml")
        let one = directory.appendingPathComponent("one.json").path, text = directory.appendingPathComponent("one.txt").path
        #expect(try AccordExecutable.run(["sensitivity", scenario, "--samples", "700", "--seed", "8", "--noise", "0.02", "--quiet", "-o", one]).status == 0)
        #expect(try AccordExecutable.run(["sensitivity", scenario, "--samples", "700", "--seed", "8", "--noise", "0.02", "--quiet", "-o", text]).status == 0)
        var parts: [String] = []
        for k in [2, 0, 1] {
            let part = directory.appendingPathComponent("part\(k).json").path
            let run = try AccordExecutable.run(["sensitivity", scenario, "--samples", "700", "--seed", "8", "--noise", "0.02", "--shard", "\(k)/3", "--quiet", "-o", part])
            #expect(run.status == 0, "\(run.stderr)")
            parts.append(part)
        }
        let merged = directory.appendingPathComponent("merged.json").path, mergedText = directory.appendingPathComponent("merged.txt").path
        #expect(try AccordExecutable.run(["merge"] + parts + ["-o", merged]).status == 0)
        #expect(try AccordExecutable.run(["merge"] + parts + ["-o", mergedText]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: merged)) == Data(contentsOf: URL(fileURLWithPath: one)))
        // A part reads back as the very totals of its shard's run: every utility the same double.
        let part = try MonteCarloPart(data: Data(contentsOf: URL(fileURLWithPath: parts[1])), file: "part0.json")
        let shard0 = try MonteCarlo(scenario: try Scenario.load(path: scenario),
                                    settings: .init(samples: 700, seed: 8, noise: 0.02, shard: MonteCarlo.Shard(index: 0, count: 3)))
        #expect(part.totals == shard0.totals && part.settings.noise == 0.02)
        #expect(try Data(contentsOf: URL(fileURLWithPath: mergedText)) == Data(contentsOf: URL(fileURLWithPath: text)))

        // Parts of other runs, a missing or repeated shard, a file that is no part: exit 65, nothing written.
        let other = directory.appendingPathComponent("other.json").path
        #expect(try AccordExecutable.run(["sensitivity", scenario, "--samples", "700", "--seed", "9", "--noise", "0.02", "--shard", "1/3", "--quiet", "-o", other]).status == 0)
        let out = directory.appendingPathComponent("out.json").path
        for (inputs, message) in [([parts[0], parts[1]], "shard 1/3 is missing"), ([parts[0], parts[1], parts[1]], "are both shard"),
                                  ([parts[0], parts[1], other], "is from another run"), ([parts[0], parts[1], one], "not a part of a sharded Monte Carlo run")] {
            let run = try AccordExecutable.run(["merge"] + inputs + ["-o", out])
            #expect(run.status == 65 && run.stderr.contains(message), "\(message): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        for (arguments, message) in [(["--shard", "3/3"], "0 <= K < N"), (["--shard", "1/2", "--format", "text"], "which is JSON")] {
            let run = try AccordExecutable.run(["sensitivity", scenario, "--samples", "10"] + arguments + ["-o", out])
            #expect(run.status == 64 && run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
    }

    /// Bad uncertainty sections are data errors (exit 65) at their field path and line; bad
    /// options are usage errors (exit 64); nothing is written either way.
    @Test(arguments: [
        ("A.reservation: {distribution: normal, sd: -0.1}", 65, "uncertainty.A.reservation.sd"),
        ("Z.reservation: {distribution: uniform, min: 0, max: 1}", 65, "the parameter starts with a party id"),
        ("A.reservation: {distribution: uniform, min: 0.5, max: 0.2}", 65, "needs min < max"),
        ("A.reservation: {distribution: lognormal, sd: 1}", 65, "unknown distribution 'lognormal'"),
        ("A.weights.fisheries: {distribution: uniform, min: -0.1, max: 0.2}", 65, "is a weight, which must be >= 0"),
        ("A.reservation: {distribution: triangular, min: 0, mode: 2, max: 1}", 65, "the mode must lie between"),
        ("A.reservation: {distribution: uniform, min: 0, max: 1, sd: 2}", 65, "takes no sd"),
    ])
    func badUncertaintyIsADataError(_ entry: String, _ status: Int32, _ message: String) throws {
        let directory = try temporaryDirectory()
        let text = try String(contentsOfFile: Repository.data("blue-harbor-discrete.yaml"), encoding: .utf8)
        let cut = try #require(text.range(of: "\nuncertainty:"))
        let file = directory.appendingPathComponent("uncertain.yaml")
        try (String(text[..<cut.lowerBound]) + "\nuncertainty:\n  " + entry + "\n").write(to: file, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("out.json").path
        let result = try AccordExecutable.run(["sensitivity", file.path, "--samples", "10", "-o", output])
        #expect(result.status == status, "\(entry): \(result.stderr)")
        // `file:line: path: message`.
        #expect(result.stderr.contains(message) && result.stderr.range(of: #"uncertain\.yaml:[0-9]+: uncertainty\."#, options: .regularExpression) != nil,
                "\(entry): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test(arguments: [
        (["--samples", "0"], "from 1 to 10000000"),
        (["--samples", "10", "--noise", "0"], "a standard deviation above 0"),
        (["--seed", "3", "--tornado", "10%"], "--seed, --noise and --shard apply to --samples"),
        (["--samples", "10", "--tornado", "10%"], "--tornado and --samples are separate analyses"),
        (["--samples", "10", "--plot", "x.svg"], "--plot draws --vary and --tornado"),
    ])
    func badSamplingOptionsAreUsageErrors(_ arguments: [String], _ message: String) throws {
        let output = try temporaryDirectory().appendingPathComponent("out.json").path
        let result = try AccordExecutable.run(["sensitivity", Repository.data("blue-harbor-discrete.yaml")] + arguments + ["-o", output])
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// With more packages than the candidates can hold (10^6 here), the candidates are the
    /// frontiers of the pilot draws and the result says it is approximate; each draw's Nash
    /// solution is still the solver's where the solver's package is among the candidates, and
    /// the pilot draws' always are.
    @Test func tooManyPackagesGiveAnApproximationThatSaysSo() throws {
        var generator = ScenarioGenerator()
        generator.parties = 2
        generator.issues = 6
        generator.options = 10
        generator.reservation = 0.3
        generator.seed = 5
        var scenario = generator.generate()
        let reservation = try SensitivityParameter("\(scenario.parties[0].id).reservation", in: scenario)
        scenario.uncertainty = [Uncertainty(parameter: reservation, distribution: .uniform(min: 0.2, max: 0.5))]
        let run = try MonteCarlo(scenario: scenario, settings: .init(samples: 80, seed: 3, noise: 0.02, workers: 2))
        #expect(!run.candidatesAreSufficient && run.candidateCount < MonteCarlo.candidateLimit)
        guard case .object(let members) = run.json, case .object(let candidates)? = members.first(where: { $0.0 == "candidates" })?.1 else {
            Issue.record("no candidates member")
            return
        }
        #expect(candidates.contains { $0.0 == "sufficient" && $0.1 == .bool(false) })
        #expect(run.text.contains("approximate"))
        let model = try SampleModel(scenario: scenario, noise: 0.02, seed: 3)
        for k in 0..<MonteCarlo.pilotDraws {
            let drawn = model.drawnScenario(try model.draw(seed: 3, sample: k))
            let solution = Solver.solve(try BargainingProblem(drawn, file: "t", concepts: [.nash]))
            let theirs = solution.solutions.first?.result.agreement?.package.map { $0.option ?? -1 }
            #expect(run.solutions(ofDraw: k).nash == theirs, "pilot draw \(k)")
        }
    }

    /// Scenarios the sampler does not take say why (continuous issues); one with nothing
    /// uncertain gets the default noise.
    @Test func unsampledScenariosAreRefused() throws {
        let continuous = try AccordExecutable.run(["sensitivity", Repository.data("pie.yaml"), "--samples", "10", "--noise", "0.1"])
        #expect(continuous.status == 64 && continuous.stderr.contains("samples discrete scenarios"), "\(continuous.stderr)")
        // Nothing uncertain in the file: the default noise on every value, said so.
        let certain = try AccordExecutable.run(["sensitivity", Repository.data("trade-agreement.yaml"), "--samples", "10", "--format", "json"])
        #expect(certain.status == 0 && certain.stderr.contains("adding normal noise σ = 0.05"), "\(certain.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(certain.stdout.utf8)) as? [String: Any])
        #expect(json["noise"] as? Double == 0.05)
    }
}
