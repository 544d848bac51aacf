import Accord
@testable import AccordCLI
@testable import AccordSpace
import Foundation
import Testing

/// The memory budget of the frontier computation (`SolverSettings.maxMemory`, `--max-memory`):
/// refused cleanly as a status or `ScenarioError.refused` before the buffers are allocated, with
/// the size reached and the budget; and progress that names its stage.
@Suite struct MemoryBudgetTests {
    /// Two parties, two issues of `options` options; party A values option k of either issue
    /// k/(options − 1), B values it 1 − k/(options − 1), weights 1/2 each, reservations 0. Within
    /// an issue no option covers another (A's order is B's reversed), so each issue's own frontier
    /// is all `options` options: nothing is pruned, as every package is acceptable.
    static func twoStaircases(options: Int) throws -> Scenario {
        let names = (0..<options).map { "o\($0)" }
        let rising = (0..<options).map { Double($0) / Double(options - 1) }
        let a = Preference(weights: [0.5, 0.5], values: [.table(rising), .table(rising)])
        let b = Preference(weights: [0.5, 0.5], values: Array(repeating: .table(rising.map { 1 - $0 }), count: 2))
        return try Scenario(
            name: "two staircases", disagreement: .reservation, parties: [Party(id: "A"), Party(id: "B")],
            issues: [Issue(id: "x", domain: .options(names), statusQuo: .option(0)), Issue(id: "y", domain: .options(names), statusQuo: .option(0))],
            preferences: [a, b])
    }

    /// A generated 4-party scenario (seed 1): 6 issues of 6 options, 46,656 packages.
    static func fourParties() -> Scenario {
        var generator = ScenarioGenerator()
        generator.parties = 4
        generator.issues = 6
        generator.options = 6
        generator.seed = 1
        return generator.generate()
    }

    /// By hand: the first group's frontier is 5,000 points of 2 coordinates (8 bytes each) and one
    /// tag (4 bytes): 5,000 · 20 = 100,000 bytes, within 150,000. Group 2 (5,000 packages, one
    /// part) may then keep (150,000 − 100,000) / 20 = 2,500 points; its walk reports every
    /// 2,500 / 2 = 1,250 points and stops at the first report past 2,500: 3,750 points, 100,000 +
    /// 3,750 · 20 = 175,000 bytes, refused while group 2 of 2 is enumerated, before it ends.
    @Test func refusalNamesTheStageThePointsTheBytesAndTheBudget() throws {
        let problem = try BargainingProblem(try Self.twoStaircases(options: 5_000), file: "staircases.yaml")
        var settings = SolverSettings()
        settings.maxMemory = 150_000
        let expected = Refusal.memoryBudget(stage: "enumerating group 2 of 2", points: 3_750, bytes: 175_000, budget: 150_000)
        let solution = Solver.solve(problem, settings: settings)
        #expect(solution.status == .refused(expected))
        #expect(solution.frontier == nil)
        if case .failure(let refusal) = Solver.frontier(of: problem, settings: settings) {
            #expect(refusal == expected)
        } else {
            Testing.Issue.record("Solver.frontier computed a frontier beyond the budget")
        }
        // 175,000 bytes are 170.9 KiB; 150,000 are 146.48 KiB.
        #expect(expected.reason.contains("at enumerating group 2 of 2 (3,750 points) it would hold about 170.9 KiB, and the budget is 146.48 KiB"), "\(expected.reason)")
    }

    /// The budget stops an enumeration while it runs, not after: three parties on two issues of
    /// 400 options whose 160,000 packages are all Pareto optimal (A's two issues rise, B's first
    /// and C's second fall, so no package covers another: A = x + y, B = 2 − x, C = 2 − y up to
    /// scale, and a package that is no worse for B and C has x' ≤ x, y' ≤ y, hence is worse for
    /// A unless equal). Enumerated whole under a 64 KiB budget, the walk stops long before the
    /// last package (progress counts the packages walked) with far fewer points than 160,000.
    @Test func enumerationStopsWhenTheBudgetIsReached() throws {
        let options = 400
        let names = (0..<options).map { "o\($0)" }
        let rising = (0..<options).map { Double($0) / Double(options - 1) }
        let falling = rising.map { 1 - $0 }
        let scenario = try Scenario(
            name: "all optimal", parties: [Party(id: "A"), Party(id: "B"), Party(id: "C")],
            issues: [Issue(id: "x", domain: .options(names)), Issue(id: "y", domain: .options(names))],
            preferences: [
                Preference(weights: [0.5, 0.5], values: [.table(rising), .table(rising)]),
                Preference(weights: [1, 0], values: [.table(falling), .table(falling)]),
                Preference(weights: [0, 1], values: [.table(falling), .table(falling)]),
            ])
        let space = try DiscreteSpace(scenario, file: "all.yaml")
        var settings = SolverSettings()
        settings.method = .enumeration
        settings.maxMemory = 1 << 16
        let progress = ProgressCounter(unit: "packages")
        do {
            _ = try Frontier(space: space, settings: settings, progress: progress)
            Testing.Issue.record("enumerated beyond the budget")
        } catch {
            guard case .memoryBudget(_, let points, let bytes, let budget) = error else {
                Testing.Issue.record("\(error)")
                return
            }
            #expect(budget == 65_536 && bytes > budget)
            #expect(points < 20_000, "\(points) points")
        }
        #expect(progress.completed < options * options / 2, "walked \(progress.completed) packages")
        // With the default budget the same walk keeps every package.
        #expect(try Frontier(space: space, settings: SolverSettings()).count == options * options)
    }

    /// Linkage and dynamics compute their frontiers under the same budget and throw the refusal.
    @Test func linkageAndDynamicsThrowTheRefusal() throws {
        let scenario = try Self.twoStaircases(options: 5_000)
        var solver = SolverSettings()
        solver.maxMemory = 150_000
        func isMemoryRefusal(_ error: ScenarioError) -> Bool {
            if case .refused(let file, .memoryBudget(_, _, _, let budget)) = error { return file == "big.yaml" && budget == 150_000 }
            return false
        }
        do {
            _ = try Dynamics.run(scenario, file: "big.yaml", protocol: .zeuthen, settings: solver)
            Testing.Issue.record("dynamics ran beyond the budget")
        } catch {
            #expect(isMemoryRefusal(error), "\(error)")
        }
        var linkage = LinkageSettings()
        linkage.solver = solver
        do {
            _ = try LinkageAnalysis.analyze(scenario, file: "big.yaml", settings: linkage)
            Testing.Issue.record("linkage ran beyond the budget")
        } catch {
            #expect(isMemoryRefusal(error), "\(error)")
        }
    }

    /// A generated 4-party space under 64 KiB: refused with a size above the budget; raising the
    /// budget to the size reached moves past that check (a different outcome), and the default
    /// budget solves it with the frontier that brute-force enumeration finds.
    @Test func fourPartiesUnder64KiB() throws {
        let problem = try BargainingProblem(Self.fourParties(), file: "four.yaml", concepts: [.nash])
        var settings = SolverSettings()
        settings.maxMemory = 1 << 16
        let first = Solver.solve(problem, settings: settings)
        guard case .refused(let refusal) = first.status, case .memoryBudget(_, _, let bytes, let budget) = refusal else {
            Testing.Issue.record("not refused: \(first.status)")
            return
        }
        #expect(budget == 65_536)
        #expect(bytes > budget)
        settings.maxMemory = bytes
        #expect(Solver.solve(problem, settings: settings).status != first.status)
        let solved = Solver.solve(problem)
        #expect(solved.status == .solved)
        #expect(solved.frontierSize == Frontier(space: try #require(problem.space), method: .enumeration).count)
    }

    /// After a Pareto-sum, progress is at the last stage, merge G − 1 of G − 1 for G groups (six
    /// issues without interactions: 6 groups, 5 merges), with the points of the frontier (counted
    /// here by the enumeration method, an independent computation).
    @Test func progressReportsTheStageAndThePoints() throws {
        let space = try DiscreteSpace(Self.fourParties(), file: "four.yaml")
        let progress = ProgressCounter(unit: "packages")
        let frontier = Frontier(space: space, progress: progress)
        #expect(progress.stage.stage == .merging(step: 5, of: 5))
        #expect(progress.points == Frontier(space: space, method: .enumeration).count)
        #expect(progress.points == frontier.count)
    }

    /// The line names the stage and never shows 100 % (or an ETA of 0 s) while work remains: a
    /// stage whose total is unknown shows no percentage at all, a finished stage none either.
    @Test func progressLineIsHonest() {
        let counter = ProgressCounter(unit: "packages")
        counter.begin(.filtering(merge: 3, of: 9, dimension: 5, points: 2_000_000), unit: "points")
        counter.found(1234)
        let filtering = ProgressBar.line(counter: counter, label: "enumerating", elapsed: 12)
        #expect(filtering.hasPrefix("merge 3 of 9, filtering the 5-D skyline of 2,000,000 points: 0 points"), "\(filtering)")
        #expect(filtering.contains("1,234 frontier points"), "\(filtering)")
        #expect(!filtering.contains("%") && !filtering.contains("ETA"), "\(filtering)")
        counter.begin(.merging(step: 4, of: 9), unit: "candidate sums")
        counter.expect(1000)
        counter.add(1000)
        let finished = ProgressBar.line(counter: counter, label: "enumerating", elapsed: 13)
        #expect(finished.hasPrefix("merge 4 of 9: 1e+03 of 1e+03 candidate sums"), "\(finished)")
        #expect(!finished.contains("100%") && !finished.contains("ETA"), "\(finished)")
        counter.add(-500)
        let half = ProgressBar.line(counter: counter, label: "enumerating", elapsed: 14)
        #expect(half.contains(", 50%, ETA"), "\(half)")
    }

    /// Kalai–Smorodinsky alone on three parties splitting a pie (linear values, d = 0.1 each):
    /// with fewer than 16 parties and no Nash solve there is no reference point, so the ideal
    /// point takes one LP per party, and the counter shows that stage — 3 of 3 LPs, without
    /// "frontier points" in its line. By hand: each ideal is 1 − 0.2 = 0.8, and by symmetry the
    /// solution gives each a third.
    @Test func idealPointLPsAreCounted() throws {
        let scenario = try scenario(yaml: """
            accord: 1
            name: Three-way pie
            parties: [{id: A, reservation: 0.1}, {id: B, reservation: 0.1}, {id: C, reservation: 0.1}]
            issues: [{id: pie, divisible: true}]
            preferences:
              A: {weights: {pie: 1}, values: {pie: [[0, 0], [1, 1]]}}
              B: {weights: {pie: 1}, values: {pie: [[0, 0], [1, 1]]}}
              C: {weights: {pie: 1}, values: {pie: [[0, 0], [1, 1]]}}
            """)
        let counter = ProgressCounter(unit: "discrete packages")
        let solution = Solver.solve(try BargainingProblem(scenario, file: "pie.yaml", concepts: [.kalaiSmorodinsky]), progress: counter)
        let ks = try #require(solution.solutions.first { $0.concept == .kalaiSmorodinsky }?.result.agreement)
        for utility in ks.utilities { #expect(abs(utility - 1.0 / 3) < 1e-9) }
        #expect(counter.stage.stage == .idealPoint)
        #expect(counter.total == 3 && counter.completed == 3)
        counter.add(-2)
        let line = ProgressBar.line(counter: counter, label: "solving", elapsed: 2)
        #expect(line.hasPrefix("ideal point, one LP per party: 1 of 3 LPs"), "\(line)")
        #expect(!line.contains("frontier points"), "\(line)")
    }

    /// Sizes by hand: K, M, G, T are 2^10, 2^20, 2^30, 2^40 bytes.
    @Test(arguments: [
        ("1048576", 1_048_576), ("1M", 1_048_576), ("512M", 536_870_912), ("8G", 8_589_934_592), ("8g", 8_589_934_592),
        ("1.5K", 1_536), ("2KiB", 2_048), ("3MB", 3_145_728), ("1T", 1_099_511_627_776), ("1", 1), ("7b", 7),
    ])
    func sizeParses(_ text: String, _ bytes: Int) {
        #expect(ByteSize(argument: text)?.bytes == bytes)
    }

    @Test(arguments: ["", "0", "0.5", "-1M", "M", "1.M", ".5M", "1..5M", "1e6", "10X", "1 M", "9000000T", "inf", "nan", "0x10"])
    func sizeRejects(_ text: String) {
        #expect(ByteSize(argument: text) == nil)
    }

    @Test func sizeDefaultIsShownInTheLargestExactUnit() {
        #expect(ByteSize(bytes: 8_589_934_592).defaultValueDescription == "8G")
        #expect(ByteSize(bytes: 1_536).defaultValueDescription == "1536")
        #expect(ByteSize(bytes: 3 << 20).defaultValueDescription == "3M")
    }

    /// The CLI on a generated 4 × 8 × 10 scenario (10^8 packages, 7,393 frontier points; its
    /// merges need more than 1 MiB): exit 65 naming the size, the budget (1 MiB) and the flag; `-o`
    /// writes nothing.
    @Test(arguments: ["solve", "frontier"])
    func commandLineRefusesWithExit65AndWritesNothing(_ command: String) throws {
        let directory = try temporaryDirectory()
        let generated = try AccordExecutable.run(
            ["generate", "--parties", "4", "--issues", "8", "--options", "10", "--seed", "1", "-o", "four.yaml"], in: directory)
        try #require(generated.status == 0, "\(generated.stderr)")
        let result = try AccordExecutable.run([command, "four.yaml", "--max-memory", "1M", "-o", "out.json"], in: directory)
        #expect(result.status == 65, "\(result.stderr)")
        for text in ["four.yaml: ", "the budget is 1 MiB", "--max-memory"] {
            #expect(result.stderr.contains(text), "\(result.stderr)")
        }
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.json").path))
        let invalid = try AccordExecutable.run([command, "four.yaml", "--max-memory", "lots"], in: directory)
        #expect(invalid.status == 64, "\(invalid.stderr)")
    }
}
