import Accord
import Foundation
import Testing

/// `sensitivity --tornado`: each number's range of Nash utility against the real solver on a
/// grid with every change of package bisected (1e-11), on seeded random scenarios; the order,
/// the swing and the ends; the command's JSON, plot and mistakes.
@Suite struct TornadoTests {
    /// Each party's utility of the real solver's Nash solution at `t` (no agreement: the
    /// disagreement point) and its package.
    static func nash(_ scenario: Scenario, _ parameter: SensitivityParameter, _ t: Double) throws -> (utilities: [Double], package: [IssueValue]?) {
        let solution = Solver.solve(try BargainingProblem(parameter.applied(t, to: scenario), file: "t", concepts: [.nash]))
        let agreement = solution.solutions.first?.result.agreement
        return (agreement?.utilities ?? solution.disagreement, agreement?.package)
    }

    /// The range of each party's Nash utility over `[low, high]` by brute force: the solver on a
    /// grid of `grid + 1` values, and on both sides of every change of package between grid
    /// neighbours, bisected to 1e-11; and how many changes it found.
    static func bruteForce(_ scenario: Scenario, _ parameter: SensitivityParameter, _ low: Double, _ high: Double, grid: Int) throws
        -> (ranges: [ClosedRange<Double>], changes: Int) {
        var seen: [[Double]] = []
        var changes = 0
        var previous: (t: Double, package: [IssueValue]?)?
        for k in 0...grid {
            let t = low + (high - low) * Double(k) / Double(grid)
            let (utilities, package) = try nash(scenario, parameter, t)
            seen.append(utilities)
            if let previous, previous.package != package {
                var (lo, hi) = (previous.t, t)
                while hi - lo > 1e-11 * max(1, abs(hi)) {
                    let mid = (lo + hi) / 2
                    if try nash(scenario, parameter, mid).package == previous.package { lo = mid } else { hi = mid }
                }
                seen.append(try nash(scenario, parameter, lo).utilities)
                seen.append(try nash(scenario, parameter, hi).utilities)
                changes += 1
            }
            previous = (t, package)
        }
        let ranges = scenario.parties.indices.map { j in (seen.map { $0[j] }.min() ?? 0)...(seen.map { $0[j] }.max() ?? 0) }
        return (ranges, changes)
    }

    /// Every range contains the solver's utilities on the grid and at each change; where the grid
    /// saw every crossover (as many changes as crossovers), the ranges are equal to 1e-9. Four
    /// numbers per scenario, 16 scenarios, moved ±30%.
    @Test(arguments: 0..<16)
    func rangesAreTheSolversExtremes(_ seed: Int) throws {
        let scenario = SensitivityTests.scenario(seed: seed)
        let tornado = try Tornado(scenario: scenario, fraction: 0.3, file: "t")
        var compared = 0
        for (k, entry) in tornado.entries.enumerated() where k % max(1, tornado.entries.count / 4) == seed % 2 {
            let crossovers = try #require(entry.crossovers, "seed \(seed): \(tornado.note ?? "")")
            let (ranges, changes) = try Self.bruteForce(scenario, entry.parameter, entry.low, entry.high, grid: 60)
            for j in ranges.indices {
                #expect(ranges[j].lowerBound >= entry.ranges[j].lowerBound - 1e-9 && ranges[j].upperBound <= entry.ranges[j].upperBound + 1e-9,
                        "seed \(seed) \(entry.parameter.path) party \(j): solver \(ranges[j]), tornado \(entry.ranges[j])")
                if changes == crossovers.count {
                    #expect(abs(ranges[j].lowerBound - entry.ranges[j].lowerBound) <= 1e-9 && abs(ranges[j].upperBound - entry.ranges[j].upperBound) <= 1e-9,
                            "seed \(seed) \(entry.parameter.path) party \(j): solver \(ranges[j]), tornado \(entry.ranges[j])")
                }
            }
            if changes == crossovers.count { compared += 1 }
            if changes > 0 { #expect(entry.packageChanges, "seed \(seed) \(entry.parameter.path): the solver changes package \(changes) times") }
        }
        #expect(compared > 0, "seed \(seed): no number's crossovers were all resolved by the grid")
    }

    /// Sorted by swing, each swing the widest range, each range holding the utilities at both
    /// ends and at the numbers as given; every number of the scenario is listed or unmoved.
    @Test(arguments: 0..<8)
    func entriesAreOrderedAndConsistent(_ seed: Int) throws {
        let scenario = SensitivityTests.scenario(seed: 100 + seed)
        let tornado = try Tornado(scenario: scenario, fraction: 0.2, file: "t")
        let base = tornado.base.solutions.first?.result.agreement?.utilities ?? tornado.base.disagreement
        #expect(zip(tornado.entries, tornado.entries.dropFirst()).allSatisfy { $0.swing >= $1.swing })
        #expect(tornado.entries.count + tornado.unmoved.count == SensitivityParameter.all(in: scenario).count)
        for entry in tornado.entries {
            let (low, high) = entry.value < 0 ? (1.2 * entry.value, 0.8 * entry.value) : (0.8 * entry.value, 1.2 * entry.value)
            #expect(abs(entry.low - low) <= 1e-12 * abs(low) && abs(entry.high - high) <= 1e-12 * abs(high), "\(entry.parameter.path)")
            #expect(entry.swing == entry.ranges.map { $0.upperBound - $0.lowerBound }.max())
            for j in scenario.parties.indices {
                for u in [base[j], entry.utilitiesLow[j], entry.utilitiesHigh[j]] {
                    #expect(entry.ranges[j].contains(u) || abs(u - entry.ranges[j].lowerBound) <= 1e-12 || abs(u - entry.ranges[j].upperBound) <= 1e-12,
                            "seed \(seed) \(entry.parameter.path) party \(j): \(u) outside \(entry.ranges[j])")
                }
            }
        }
    }

    /// The JSON of DESIGN.md §2.5 on Blue Harbor: one entry per number, sorted by swing, each
    /// with its ends, both Nash solutions, ranges and crossovers; unmoved zeros listed.
    @Test func theJSONHasTheDesignShape() throws {
        let result = try AccordExecutable.run(["sensitivity", Repository.data("blue-harbor-discrete.yaml"), "--tornado", "20%", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let entries = try #require(json["tornado"] as? [[String: Any]])
        let swings = entries.compactMap { $0["swing"] as? Double }
        #expect(swings.count == entries.count && swings == swings.sorted(by: >))
        for key in ["parameter", "low", "high", "nash_low", "nash_high", "package_changes", "swing", "utility_ranges", "crossovers"] {
            #expect(entries.allSatisfy { $0[key] != nil }, "\(key)")
        }
        let first = try #require(entries.first)
        #expect((first["nash_low"] as? [String: Any])?["package"] is [String: Any])
        #expect((first["utility_ranges"] as? [[Double]])?.count == 2)
        #expect(json["fraction"] as? Double == 0.2)
        #expect((json["unmoved"] as? [String])?.contains("A.values.site_control.contested") == true)
        // B's reservation moved ±20% is 0.24 → 0.36.
        let reservation = try #require(entries.first { $0["parameter"] as? String == "B.reservation" })
        #expect(abs((reservation["low"] as? Double ?? 0) - 0.24) < 1e-12 && abs((reservation["high"] as? Double ?? 0) - 0.36) < 1e-12)
    }

    /// `--plot`: a well-formed SVG with a row per number (at most 20), a panel per party named
    /// after it; renders to a PNG where `rsvg-convert` is installed.
    @Test func theTornadoPlotShowsTheLargestSwings() throws {
        let directory = try temporaryDirectory()
        let svg = directory.appendingPathComponent("tornado.svg"), json = directory.appendingPathComponent("tornado.json")
        let run = try AccordExecutable.run(["sensitivity", Repository.data("blue-harbor-discrete.yaml"), "--tornado", "20",
                                            "--plot", svg.path, "-o", json.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let entries = try #require(document["tornado"] as? [[String: Any]])
        let elements = try FrontierPlotTests.elements(String(contentsOf: svg, encoding: .utf8))
        let texts = elements.map(\.text)
        let shown = entries.prefix(TornadoPlot.rows).compactMap { $0["parameter"] as? String }
        #expect(shown.allSatisfy { texts.contains($0) })
        #expect(texts.contains("A = Country A") && texts.contains("B = Country B"))
        // A bar per row and party, and the legend's two swatches.
        #expect(elements.filter { $0.name == "rect" && ["#7fa7d1", "#f0a04b"].contains($0.attributes["fill"] ?? "") }.count == 2 * shown.count + 2)
        if let rendered = try renderPNG(svg, to: directory.appendingPathComponent("tornado.png")) {
            #expect(rendered.status == 0)
            #expect(rendered.png.count > 5_000)
        }
    }

    /// On range and divisible issues the interval is sampled: ranges from the solves, no
    /// crossovers, a note that says so.
    @Test func continuousScenariosAreSampled() throws {
        let result = try AccordExecutable.run(["sensitivity", Repository.data("pie.yaml"), "--tornado", "10%", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let entries = try #require(json["tornado"] as? [[String: Any]])
        #expect(!entries.isEmpty && entries.allSatisfy { $0["crossovers"] is NSNull })
        #expect((json["note"] as? String)?.contains("not exact") == true)
    }

    /// Mistakes are usage errors (exit 64) that say what is wrong; nothing is written.
    @Test(arguments: [
        (["--tornado", "0%"], "above 0 and below 100"),
        (["--tornado", "100%"], "above 0 and below 100"),
        (["--tornado", "much"], "expected a percentage"),
        (["--tornado", "20%", "--vary", "B.reservation=0:1:3"], "--vary and --tornado are separate analyses; give one of them"),
        ([], "give --vary PARAM=FROM:TO:STEPS (a sweep), --tornado X% (every number moved ±X%) or --samples N"),
        (["--tornado", "20%", "--solutions", "nash"], "--solutions applies to --vary"),
        (["--tornado", "20%", "--plot", "t.png"], "give a name ending in .svg"),
    ])
    func badTornadosAreUsageErrors(_ arguments: [String], _ message: String) throws {
        let output = try temporaryDirectory().appendingPathComponent("tornado.json").path
        let result = try AccordExecutable.run(["sensitivity", Repository.data("blue-harbor-discrete.yaml")] + arguments + ["-o", output])
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
