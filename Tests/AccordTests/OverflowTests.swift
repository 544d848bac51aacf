import Accord
import Foundation
@testable import AccordModel
@testable import AccordSkyline
@testable import AccordSpace
@testable import AccordFrontier
import Testing

/// Issue 8 point 9: sizes computed from user-controlled counts never trap. A 6-issue ×
/// 10,000-option space (10^24 packages) used to crash the enumerator with "arithmetic overflow"
/// (`below[k + 1] · optionCount(k)`), and 80 issues (7.6 · 10^35 packages) crashed the progress
/// counter; both now give the correct answer.
@Suite struct OverflowTests {
    @Test func saturatingArithmeticClampsAtTheEnds() {
        // Hand values: 2^62 · 2 = 2^63 > Int.max; 3 · Int.max < 0 overflows to the negative end.
        #expect((1 << 62).saturatingMultiplied(by: 2) == .max)
        #expect((-3).saturatingMultiplied(by: .max) == .min)
        #expect(10_000.saturatingMultiplied(by: 10_000) == 100_000_000)
        #expect(Int.max.saturatingAdding(1) == .max)
        #expect(Int.min.saturatingAdding(-1) == .min)
        #expect(40.saturatingAdding(2) == 42)
        #expect(Int(saturating: 1e30) == .max)
        #expect(Int(saturating: -1e30) == .min)
        #expect(Int(saturating: .nan) == 0)
        #expect(Int(saturating: -2.9) == -2)
    }

    @Test func progressCounterSaturates() {
        // Ten spaces of 10^30 packages: 10 · 10^30 > Int.max, so the total saturates at Int.max.
        let progress = ProgressCounter(unit: "packages")
        for _ in 0..<10 { progress.expect(1e30) }
        #expect(progress.total == .max)
        progress.add(.max)
        progress.add(.max)
        #expect(progress.completed == .max)
    }

    /// Six issues of 10,000 options each (10^24 packages); both parties value option 0 of every
    /// issue 1 and every other option 0, with weights 0.5, 0.1, 0.1, 0.1, 0.1, 0.1 and reservation 1.
    /// By hand: a package with any other option on issue j loses w_j ≥ 0.1 for both parties, so
    /// exactly one package is acceptable, option 0 everywhere, with utilities (1, 1).
    static func sixIssuesOfTenThousandOptions() throws -> DiscreteSpace {
        let options = (1...10_000).map { "o\($0)" }
        let table = [1.0] + Array(repeating: 0.0, count: 9_999)
        let preference = Preference(weights: [0.5, 0.1, 0.1, 0.1, 0.1, 0.1], values: Array(repeating: .table(table), count: 6))
        let scenario = try Scenario(
            name: "6 × 10,000", disagreement: .reservation,
            parties: [Party(id: "A", reservation: 1), Party(id: "B", reservation: 1)],
            issues: (1...6).map { Issue(id: "i\($0)", domain: .options(options)) },
            preferences: [preference, preference])
        return try DiscreteSpace(scenario, file: "six.yaml")
    }

    @Test func enumeratorOnTenToTheTwentyFourPackagesDoesNotTrap() throws {
        let space = try Self.sixIssuesOfTenThousandOptions()
        #expect(space.packageCount == 1e24)
        let progress = ProgressCounter(unit: "packages")
        let enumerator = GroupEnumerator(space: space, issues: Array(0..<6), lowerBound: space.threshold)
        let points = enumerator.frontier(progress: progress)
        try #require(points.count == 1)
        #expect(points.tagSlice(0).allSatisfy { $0 == 0 })
        #expect((0..<2).map { space.quantizer.utility(points.coordinate(0, $0), party: $0) } == [1, 1])
        #expect(enumerator.count() == 1)
        // 10^24 packages exceed Int.max: the announced total saturates, the progress stays within it.
        #expect(progress.total == .max)
        #expect(progress.completed > 0 && progress.completed <= progress.total)
        for method in FrontierMethod.allCases {
            let frontier = Frontier(space: space, method: method)
            try #require(frontier.count == 1, "\(method.rawValue)")
            #expect(frontier.package(at: 0) == Array(repeating: 0, count: 6), "\(method.rawValue)")
            #expect(frontier.utilities(at: 0) == [1, 1], "\(method.rawValue)")
        }
    }

    /// 80 issues: i0…i12 with options a, b both worth 1 to both parties, i13…i79 with options
    /// good (worth 1), bad1 and bad2 (worth 0); every weight 0.0125 = 1/80, reservations 1. By
    /// hand: a package is acceptable iff it picks good on i13…i79 (any bad loses 0.0125 for both
    /// parties); the 2^13 acceptable packages all have utilities (1, 1), so the frontier is the
    /// earliest of them, a on i0…i12. 2^13 · 3^67 ≈ 7.6 · 10^35 packages.
    static let eightyIssues: String = {
        var lines = ["accord: 1", "name: Eighty issues", "disagreement: reservation", "parties:",
                     "  - {id: A, reservation: 1}", "  - {id: B, reservation: 1}", "issues:"]
        for j in 0..<80 { lines.append("  - {id: i\(j), options: \(j < 13 ? "[a, b]" : "[good, bad1, bad2]")}") }
        lines.append("preferences:")
        for party in ["A", "B"] {
            lines.append("  \(party):")
            lines.append("    weights: {" + (0..<80).map { "i\($0): 0.0125" }.joined(separator: ", ") + "}")
            lines.append("    values:")
            for j in 0..<80 { lines.append("      i\(j): " + (j < 13 ? "{a: 1, b: 1}" : "{good: 1, bad1: 0, bad2: 0}")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// Enumerating 7.6 · 10^35 packages is refused at the ceiling of 2^53 ≈ 9.01 · 10^15 packages
    /// whatever `--max-enumeration` says (the old binary trapped, exit 132); Pareto-sum answers.
    @Test func frontierCommandOnSevenTimesTenToTheThirtyFivePackagesAnswers() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("eighty.yaml")
        try Self.eightyIssues.write(to: file, atomically: true, encoding: .utf8)
        let refused = try AccordExecutable.run(
            ["frontier", file.path, "--method", "enumeration", "--max-enumeration", "1e36", "--format", "json"])
        #expect(refused.status == 65 && refused.stderr.contains("exceeds the limit of 9.01e+15"), "\(refused.stderr)")
        let result = try AccordExecutable.run(["frontier", file.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let points = try #require(document["points"] as? [[String: Any]])
        try #require(points.count == 1)
        #expect(points[0]["utilities"] as? [Double] == [1, 1])
        let package = try #require(points[0]["package"] as? [String: String])
        #expect(package.count == 80)
        #expect((0..<80).allSatisfy { package["i\($0)"] == ($0 < 13 ? "a" : "good") })
    }

    @Test func enumerationAboveTheLimitIsRefusedWithExit65() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("eighty.yaml")
        try Self.eightyIssues.write(to: file, atomically: true, encoding: .utf8)
        // 7.6 · 10^35 packages against a limit of 10^30: refused before any work (exit 65, DESIGN.md).
        let result = try AccordExecutable.run(["frontier", file.path, "--method", "enumeration", "--max-enumeration", "1e30"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("limit"), "\(result.stderr)")
        #expect(!result.stderr.contains("overflow"), "\(result.stderr)")
    }
}
