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
import Foundation
import Testing

/// `accord linkage` end to end: output files, options, every bad input.
@Suite struct LinkageCommandTests {
    // MARK: The command

    @Test func linkageCommandRunsTheReadmeExample() throws {
        let result = try AccordExecutable.run(["linkage", Repository.data("blue-harbor-discrete.yaml"), "--format", "text"])
        #expect(result.status == 0, "\(result.stderr)")
        for text in ["Separate tracks", "Linked package", "Value of linkage", "Trades that make the package",
                     "B accepts wind_revenue_B share_45 in exchange for fisheries joint_authority",
                     "Best bundling of tracks (exact: all 5 partitions considered)", "Top 5 packages near the Nash solution"] {
            #expect(result.stdout.contains(text), "missing \"\(text)\"")
        }
    }

    /// `--status-quo` gives the status quo a scenario (or a GENIUS file) lacks; `--baseline`
    /// and the frontier options reach the analysis; `--help` documents them.
    @Test func linkageCommandTakesAStatusQuoABaselineAndFrontierOptions() throws {
        let directory = try temporaryDirectory()
        try Data(LinkageTests.logroll.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        let genius = ["domain", "employer", "candidate"].map { Repository.data("genius/job-offer/\($0).xml") }
        let withoutStatusQuo = try AccordExecutable.run(["linkage", "--genius"] + genius + ["--format", "json"])
        expectFailedRun(withoutStatusQuo, status: 65, mentions: "linkage analysis needs a status_quo on every issue")
        let given = try AccordExecutable.run(["linkage", "--genius"] + genius
            + ["--status-quo", "Salary=60k,Remote_days=0,Start=June,Role=Engineer,Signing_bonus=None", "--format", "json"])
        #expect(given.status == 0, "\(given.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(given.stdout.utf8)) as? [String: Any]
        let statusQuo = (document?["status_quo"] as? [String: Any])?["package"] as? [String: String]
        #expect(statusQuo == ["Salary": "60k", "Remote_days": "0", "Start": "June", "Role": "Engineer", "Signing_bonus": "None"])
        let moved = try AccordExecutable.run(["linkage", "ok.yaml", "--status-quo", "x=split", "--baseline", "reservation", "--format", "json"], in: directory)
        #expect(moved.status == 0, "\(moved.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(moved.stdout.utf8)) as? [String: Any]
        #expect(object?["gains_over"] as? String == "reservation")
        #expect(((object?["status_quo"] as? [String: Any])?["package"] as? [String: String])?["x"] == "split")
        let help = try AccordExecutable.run(["linkage", "--help"])
        for text in ["--status-quo", "--baseline", "--max-enumeration", "--method", "--genius Data/genius/job-offer/domain.xml"] {
            #expect(help.stdout.contains(text), "--help lacks \(text)")
        }
    }

    @Test func linkageCommandWritesJSONAndMarkdown() throws {
        let directory = try temporaryDirectory()
        try Data(LinkageTests.logroll.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        let json = try AccordExecutable.run(["linkage", "ok.yaml", "--top", "2", "-o", "out.json"], in: directory)
        #expect(json.status == 0 && json.stdout.isEmpty, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("out.json"))) as? [String: Any]
        #expect((object?["top_packages"] as? [Any])?.count == 2)
        #expect(object?["value_of_linkage"] as? [Double] == [0.3, 0.3])
        let markdown = try AccordExecutable.run(["linkage", "ok.yaml", "-o", "out.md"], in: directory)
        #expect(markdown.status == 0)
        #expect(try String(contentsOf: directory.appendingPathComponent("out.md"), encoding: .utf8).hasPrefix("# Classic logroll"))
    }

    /// Every bad input: exit code, message, nothing written to `-o`.
    @Test(arguments: [
        (["linkage", "nosq.yaml", "-o", "out.json"], Int32(65), "nosq.yaml: issues[1].status_quo: linkage analysis needs a status_quo on every issue but divisible ones (the separate tracks are bargained with the other tracks at their status quo); issue 'y' has none"),
        (["linkage", "range.yaml", "-o", "out.json"], Int32(65), "range.yaml: issues[1].status_quo: linkage analysis needs a status_quo on every issue but divisible ones (the separate tracks are bargained with the other tracks at their status quo); issue 'level' has none"),
        (["linkage", "broken.yaml", "-o", "out.json"], Int32(65), "broken.yaml:11: preferences.A.values.x.bogus: unknown option 'bogus'"),
        (["linkage", "gone.yaml", "-o", "out.json"], Int32(66), "gone.yaml: no such file"),
        (["linkage", "ok.yaml", "--top", "0", "-o", "out.json"], Int32(64), "--top must be at least 1, found 0"),
        (["linkage", "ok.yaml", "--top", "many", "-o", "out.json"], Int32(64), "'many'"),
        (["linkage", "ok.yaml", "--format", "csv", "-o", "out.json"], Int32(64), "The value 'csv' is invalid for '--format <format>'"),
        (["linkage", "ok.yaml", "--bogus", "-o", "out.json"], Int32(64), "Unknown option '--bogus'"),
        (["linkage", "ok.yaml", "--status-quo", "z=sq", "-o", "out.json"], Int32(64), "--status-quo: unknown issue 'z'; the issues are x, y"),
        (["linkage", "ok.yaml", "--status-quo", "x=nope", "-o", "out.json"], Int32(64), "--status-quo: issue 'x' has no option 'nope'; its options are sq, to_A, to_B, split"),
        (["linkage", "ok.yaml", "--status-quo", "x", "-o", "out.json"], Int32(64), "--status-quo expects ISSUE=VALUE,..."),
        (["linkage", "ok.yaml", "--baseline", "median", "-o", "out.json"], Int32(64), "'median'"),
        // Each issue is a group of 4 packages; the limit of 3 refuses it (the default 10^9 would not).
        (["linkage", "ok.yaml", "--max-enumeration", "3", "-o", "out.json"], Int32(65), "the limit is 3 packages"),
        (["linkage", "ok.yaml", "--method", "enumeration", "--max-enumeration", "10", "-o", "out.json"], Int32(65), "enumerating all 16 packages exceeds the limit of 10"),
        (["linkage", "-o", "out.json"], Int32(64), "Missing expected argument"),
        (["linkage", "ok.yaml", "--format", "json", "-o", "missing/out.json"], Int32(74), "missing/out.json: cannot write output"),
    ] as [([String], Int32, String)])
    func linkageCommandErrors(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let directory = try temporaryDirectory()
        try Data(LinkageTests.logroll.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        try Data("""
            accord: 1
            name: No status quo on y
            parties: [{id: A}, {id: B}]
            issues: [{id: x, options: [a, b], status_quo: a}, {id: y, options: [p, q]}]
            preferences:
              A: {weights: {x: 1, y: 1}, values: {x: {a: 0, b: 1}, y: {p: 0, q: 1}}}
              B: {weights: {x: 1, y: 1}, values: {x: {a: 1, b: 0}, y: {p: 1, q: 0}}}
            """.utf8).write(to: directory.appendingPathComponent("nosq.yaml"))
        try Data("""
            accord: 1
            name: Range without a status quo
            parties: [{id: A}, {id: B}]
            issues: [{id: x, options: [a, b], status_quo: a}, {id: level, range: [0, 10]}]
            preferences:
              A: {weights: {x: 1, level: 1}, values: {x: {a: 0, b: 1}, level: [[0, 1], [10, 0]]}}
              B: {weights: {x: 1, level: 1}, values: {x: {a: 1, b: 0}, level: [[0, 0], [10, 1]]}}
            """.utf8).write(to: directory.appendingPathComponent("range.yaml"))
        try Data(LinkageTests.logroll.replacingOccurrences(of: "values: {x: {sq: 0, to_A: 1, to_B: 0, split: 0.5}, y: {sq: 0, to_A: 1", with: "values: {x: {sq: 0, to_A: 1, bogus: 0, split: 0.5}, y: {sq: 0, to_A: 1")
            .utf8).write(to: directory.appendingPathComponent("broken.yaml"))
        let result = try AccordExecutable.run(arguments, in: directory)
        expectFailedRun(result, status: status, mentions: message)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.json").path), "-o written on failure")
    }
}
