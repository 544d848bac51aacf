import Accord
import Foundation
import Testing
@testable import AccordGenerate

/// `sensitivity --vary`: the exact crossovers against the real solver on a fine grid, each
/// change of package found by bisection with the real solver (1e-10) — on seeded random
/// scenarios, for every kind of parameter and every solution concept; and the command's
/// inputs and output.
@Suite struct SensitivityTests {
    /// A random scenario: 2–3 parties, 3 issues of 3 options, reservations, some interactions.
    static func scenario(seed: Int) -> Scenario {
        var generator = ScenarioGenerator()
        generator.parties = 2 + seed % 2
        generator.issues = 3
        generator.options = 3
        generator.interactions = seed % 3
        generator.reservation = 0.2
        generator.seed = UInt64(seed + 1)
        return generator.generate()
    }

    /// The parameter of seed `seed` and its range: a reservation, a power, a weight or an
    /// option's value of the first or second party, or an interaction's value.
    static func parameter(seed: Int, in scenario: Scenario) throws -> (SensitivityParameter, Double, Double) {
        let party = scenario.parties[seed % 2].id, issue = scenario.issues[seed % 3].id
        let option = scenario.issues[seed % 3].options?[1] ?? ""
        // An interaction's value where a party has one (every fifth seed).
        if seed % 5 == 4, let holder = scenario.preferences.firstIndex(where: { !$0.interactions.isEmpty }) {
            return (try SensitivityParameter("\(scenario.parties[holder].id).interactions.0", in: scenario), -0.6, 0.6)
        }
        switch seed % 4 {
        case 0: return (try SensitivityParameter("\(party).reservation", in: scenario), 0, 0.9)
        case 1: return (try SensitivityParameter("\(party).power", in: scenario), 0.2, 5)
        case 2: return (try SensitivityParameter("\(party).weights.\(issue)", in: scenario), 0, 2)
        default: return (try SensitivityParameter("\(party).values.\(issue).\(option)", in: scenario), -0.5, 1.5)
        }
    }

    /// The real solver's package of `concept` at `t` (`nil`: no agreement).
    static func solved(_ scenario: Scenario, _ parameter: SensitivityParameter, _ t: Double, _ concept: SolutionConcept) throws -> [Int]? {
        let problem = try BargainingProblem(parameter.applied(t, to: scenario), file: "t", concepts: [concept])
        let solution = Solver.solve(problem)
        guard let agreement = solution.solutions.first?.result.agreement, case .package(let package) = agreement.outcome else { return nil }
        return package.map { $0.option ?? -1 }
    }

    @Test(arguments: 0..<40)
    func crossoversAreWhereTheSolverChangesItsPackage(_ seed: Int) throws {
        let scenario = Self.scenario(seed: seed)
        let (parameter, from, to) = try Self.parameter(seed: seed, in: scenario)
        let sweep = try Sweep(scenario: scenario, parameter: parameter, from: from, to: to, steps: 2, concepts: SolutionConcept.allCases, file: "t")
        let crossovers = try #require(sweep.crossovers, "seed \(seed): \(sweep.crossoverNote ?? "")")
        for concept in SolutionConcept.allCases {
            let ours = crossovers.filter { $0.concept == concept }
            // The package at t by our crossovers: the first one's `from` below it, and so on.
            let start = try Self.solved(scenario, parameter, from, concept)
            func predicted(_ t: Double) -> [Int]? {
                var package = ours.first?.from ?? start
                for crossover in ours where crossover.value < t || (crossover.value == t && t == to) { package = crossover.to }
                return package
            }
            let grid = 150
            var previous: (t: Double, package: [Int]?)?
            for k in 0...grid {
                let t = from + (to - from) * Double(k) / Double(grid)
                let package = try Self.solved(scenario, parameter, t, concept)
                let nearCrossover = ours.contains { abs($0.value - t) <= 1e-9 * max(1, abs(t)) }
                if !nearCrossover {
                    #expect(package == predicted(t), "seed \(seed) \(parameter.path) \(concept) at \(t): solver \(String(describing: package)), crossovers \(String(describing: predicted(t)))")
                }
                if let previous, previous.package != package {
                    // Bisect the change with the real solver, then it must be one of ours.
                    var (lo, hi) = (previous.t, t)
                    while hi - lo > 1e-11 * max(1, abs(hi)) {
                        let mid = (lo + hi) / 2
                        if try Self.solved(scenario, parameter, mid, concept) == previous.package { lo = mid } else { hi = mid }
                    }
                    #expect(ours.contains { abs($0.value - lo) <= 1e-9 * max(1, abs(lo)) },
                            "seed \(seed) \(parameter.path) \(concept): the solver changes near \(lo), crossovers \(ours.map(\.value))")
                }
                previous = (t, package)
            }
        }
    }

    /// Mistakes in --vary are usage errors (exit 64) that name what is wrong; nothing is written.
    @Test(arguments: [
        ("B.reservation", "expected PARAM=FROM:TO:STEPS"),
        ("B.reservation=0.6:0.2:5", "FROM 0.6 is above TO 0.2"),
        ("B.reservation=0.2:0.6:1", "STEPS must be between 2 and 10000"),
        ("B.reservation=0.2:x:5", "two numbers and a whole number of steps"),
        ("Z.reservation=0:1:3", "the parameter starts with a party id ('A', 'B')"),
        ("A.weights.nowhere=0:1:3", "unknown issue 'nowhere'"),
        ("A.values.fisheries.nothing=0:1:3", "has no option 'nothing'"),
        ("A.weights.fisheries=-1:1:3", "is a weight, which must be >= 0"),
        ("A.power=0:1:3", "is a bargaining power, which must be > 0"),
        ("A.colour=0:1:3", "expected PARTY.reservation, PARTY.power"),
        ("A.interactions.1=0:1:3", "A has interactions 0 to 0"),
    ])
    func badSweepsAreUsageErrors(_ vary: String, _ message: String) throws {
        let output = try temporaryDirectory().appendingPathComponent("sweep.json").path
        let result = try AccordExecutable.run(["sensitivity", Repository.data("blue-harbor-discrete.yaml"), "--vary", vary, "-o", output])
        #expect(result.status == 64, "\(vary): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(vary): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// The JSON of DESIGN.md §2.4/§2.5 on Blue Harbor: the steps with their solutions, the
    /// breakpoints (every crossover's value once, in order) and the crossovers.
    @Test func theJSONHasTheDesignShape() throws {
        let result = try AccordExecutable.run(["sensitivity", Repository.data("blue-harbor-discrete.yaml"), "--vary", "B.reservation=0.2:0.6:5", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["parameter"] as? String == "B.reservation")
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.map { $0["value"] as? Double } == [0.2, 0.3, 0.4, 0.5, 0.6])
        #expect((steps[0]["solutions"] as? [String: Any])?.keys.sorted() == ["egalitarian", "kalai_smorodinsky", "nash", "utilitarian"])
        let crossovers = try #require(json["crossovers"] as? [[String: Any]])
        let breakpoints = try #require(json["breakpoints"] as? [Double])
        #expect(!crossovers.isEmpty)
        #expect(breakpoints == Array(Set(crossovers.compactMap { $0["value"] as? Double })).sorted())
        #expect(crossovers.allSatisfy { ($0["from_package"] as? [String: Any]) != nil && $0["solution"] is String })
    }

    /// `--plot`: a well-formed SVG with a panel per solution, one dashed line per crossover of
    /// the JSON beside it, the parties' names in the legend; it renders to a PNG where
    /// `rsvg-convert` is installed. A name without `.svg` is a usage error.
    @Test func theSweepPlotShowsTheCrossovers() throws {
        let directory = try temporaryDirectory()
        let svg = directory.appendingPathComponent("sweep.svg"), json = directory.appendingPathComponent("sweep.json")
        let run = try AccordExecutable.run(["sensitivity", Repository.data("blue-harbor-discrete.yaml"), "--vary", "B.reservation=0.2:0.6:21",
                                            "--plot", svg.path, "-o", json.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let crossovers = try #require(document["crossovers"] as? [[String: Any]])
        let elements = try FrontierPlotTests.elements(String(contentsOf: svg, encoding: .utf8))
        #expect(elements.filter { $0.name == "line" && $0.attributes["stroke-dasharray"] != nil }.count == crossovers.count + 1)  // + the legend's
        let texts = elements.map(\.text)
        #expect(["Nash", "Kalai–Smorodinsky", "Egalitarian", "Utilitarian"].allSatisfy { title in texts.contains { $0.hasPrefix(title + " — ") } })
        #expect(texts.contains { $0.contains("Country A") })
        if let rendered = try renderPNG(svg, to: directory.appendingPathComponent("sweep.png")) {
            #expect(rendered.status == 0)
            #expect(rendered.png.count > 5_000)
        }
        let bad = try AccordExecutable.run(["sensitivity", Repository.data("blue-harbor-discrete.yaml"), "--vary", "B.reservation=0.2:0.6:3", "--plot", "x.png"])
        #expect(bad.status == 64 && bad.stderr.contains("give a name ending in .svg"))
    }
}
