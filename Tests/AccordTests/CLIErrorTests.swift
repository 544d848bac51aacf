import Foundation
import Testing

/// End to end: the real `accord` binary on bad input. Every failure must exit with its sysexits
/// code (DESIGN.md §2.3: 64 usage, 65 invalid scenario, 66 missing or unreadable input, 74
/// cannot write output), say on stderr which file and field are wrong, never crash, and never
/// write the `-o` file.
@Suite struct CLIErrorTests {
    // MARK: Invalid scenarios (65) and unreadable files (66)

    @Test(arguments: CLICase.scenarioErrors)
    func scenarioErrors(_ item: CLICase) throws {
        let directory = try temporaryDirectory()
        for (name, data) in item.files {
            try data.write(to: directory.appendingPathComponent(name))
        }
        let result = try AccordExecutable.run(item.arguments, in: directory)
        expectCleanFailure(result, status: item.status, mentions: item.stderr)
        #expect(!exists(directory.appendingPathComponent("out.json")), "-o file written on failure")
    }

    /// Each fixture's first line says what stderr must contain: `# expect: file:line: path: message`.
    @Test(arguments: try InvalidFixture.all())
    func invalidFixtures(_ fixture: InvalidFixture) throws {
        let directory = try temporaryDirectory()
        let copy = directory.appendingPathComponent(fixture.name)
        try FileManager.default.copyItem(at: fixture.url, to: copy)
        for command in [["validate", fixture.name], ["solve", fixture.name, "-o", "out.json"], ["frontier", fixture.name, "-o", "out.json"]] {
            let result = try AccordExecutable.run(command, in: directory)
            expectCleanFailure(result, status: 65, mentions: ["error: " + fixture.expected])
            #expect(!exists(directory.appendingPathComponent("out.json")), "\(command) wrote -o on failure")
        }
    }

    @Test func missingFile() throws {
        let directory = try temporaryDirectory()
        let result = try AccordExecutable.run(["solve", "nowhere.yaml", "-o", "out.json"], in: directory)
        expectCleanFailure(result, status: 66, mentions: ["error: nowhere.yaml: no such file"])
        #expect(!exists(directory.appendingPathComponent("out.json")))
    }

    @Test func directoryAsScenario() throws {
        let directory = try temporaryDirectory()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("scenarios.yaml"), withIntermediateDirectories: false)
        let result = try AccordExecutable.run(["frontier", "scenarios.yaml", "-o", "out.json"], in: directory)
        expectCleanFailure(result, status: 66, mentions: ["error: scenarios.yaml: is a directory, not a scenario file"])
        #expect(!exists(directory.appendingPathComponent("out.json")))
    }

    /// `validate` reports every file and exits with the worst code (66 over 65).
    @Test func validateReportsEveryFileAndTheWorstCode() throws {
        let directory = try temporaryDirectory()
        try Data(CLICase.valid.utf8).write(to: directory.appendingPathComponent("good.yaml"))
        try Data(CLICase.edited("{a: 1, b: 0}", "{a: 1, bb: 0}").utf8).write(to: directory.appendingPathComponent("bad.yaml"))
        let result = try AccordExecutable.run(["validate", "good.yaml", "bad.yaml", "gone.yaml"], in: directory)
        expectCleanFailure(result, status: 66, mentions: [
            "error: bad.yaml:6: preferences.A.values.x.bb: unknown option 'bb' of issue 'x'",
            "error: gone.yaml: no such file",
        ])
        #expect(result.stdout.contains("good.yaml: ok"))
    }

    @Test func validateExitsWith65WhenNoFileIsMissing() throws {
        let directory = try temporaryDirectory()
        try Data(CLICase.valid.utf8).write(to: directory.appendingPathComponent("good.yaml"))
        try Data(CLICase.edited("accord: 1", "accord: 2").utf8).write(to: directory.appendingPathComponent("future.yaml"))
        let result = try AccordExecutable.run(["validate", "future.yaml", "good.yaml"], in: directory)
        expectCleanFailure(result, status: 65, mentions: ["error: future.yaml:1: accord: unsupported format version '2'"])
    }

    // MARK: Usage errors (64)

    @Test(arguments: [
        (["solve", "ok.yaml", "--bogus", "-o", "out.json"], "Unknown option '--bogus'"),
        (["solve", "ok.yaml", "--format", "xml", "-o", "out.json"], "'xml'"),
        // --format offers each command's own formats (DESIGN.md §2), and says which.
        (["solve", "ok.yaml", "--format", "csv", "-o", "out.json"], "The value 'csv' is invalid for '--format <format>'. Please provide one of 'text', 'json' or 'md'."),
        (["frontier", "ok.yaml", "--format", "md", "-o", "out.json"], "The value 'md' is invalid for '--format <format>'. Please provide one of 'text', 'json', 'csv' or 'svg'."),
        (["linkage", "ok.yaml", "--format", "csv", "-o", "out.json"], "The value 'csv' is invalid for '--format <format>'. Please provide one of 'text', 'json' or 'md'."),
        (["dynamics", "ok.yaml", "--protocol", "zeuthen", "--format", "md", "-o", "out.json"], "The value 'md' is invalid for '--format <format>'"),
        // --solutions names the entry that is wrong and the names that are valid.
        (["solve", "ok.yaml", "--solutions", "nash,kalai", "-o", "out.json"], "unknown solution 'kalai'; use nash, ks (Kalai–Smorodinsky), egalitarian, utilitarian"),
        (["solve", "ok.yaml", "--solutions", "nash,ks,nash", "-o", "out.json"], "'nash' names Nash a second time"),
        (["solve", "ok.yaml", "--solutions", "ks,kalai_smorodinsky", "-o", "out.json"], "'kalai_smorodinsky' names Kalai–Smorodinsky a second time"),
        (["solve", "ok.yaml", "--solutions", "", "-o", "out.json"], "give at least one solution"),
        (["solve", "ok.yaml", "--method", "guess", "-o", "out.json"], "'guess' is invalid for '--method"),
        (["solve", "-o", "out.json"], "Missing expected argument '<scenario>'"),
        (["validate"], "give at least one scenario file (or --genius DOMAIN.xml PROFILE.xml..."),
        (["negotiate", "ok.yaml"], "'negotiate'"),
        (["generate", "--parties", "1", "-o", "out.json"], "--parties must be at least 2"),
    ] as [([String], String)])
    func usageErrors(_ arguments: [String], _ message: String) throws {
        let directory = try temporaryDirectory()
        try Data(CLICase.valid.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        let result = try AccordExecutable.run(arguments, in: directory)
        expectCleanFailure(result, status: 64, mentions: [message])
        #expect(!exists(directory.appendingPathComponent("out.json")), "\(arguments) wrote -o on a usage error")
    }

    /// An `-o` extension the command has no format for is a usage error naming the formats it
    /// has (solve: text, JSON, Markdown; frontier: text, JSON, CSV, SVG; dynamics: text, JSON; a
    /// scenario: YAML or JSON), and nothing is written.
    @Test(arguments: [
        (["frontier", "ok.yaml", "-o", "frontier.png"], "-o frontier.png: this command writes text (.txt), JSON (.json), CSV (.csv) or SVG (.svg), not .png"),
        (["solve", "ok.yaml", "-o", "report.pdf"], "-o report.pdf: this command writes text (.txt), JSON (.json) or Markdown (.md, .markdown), not .pdf"),
        (["solve", "ok.yaml", "--format", "json", "-o", "result.yaml"], "not .yaml"),
        (["frontier", "ok.yaml", "-o", "frontier.md"], "not .md"),
        (["linkage", "ok.yaml", "-o", "linkage.csv"], "not .csv"),
        (["dynamics", "ok.yaml", "--protocol", "zeuthen", "-o", "path.md"], "this command writes text (.txt) or JSON (.json), not .md"),
        (["import", "genius", "domain.xml", "a.xml", "b.xml", "-o", "deal.md"], "-o deal.md: a scenario is written as YAML (.yaml, .yml) or JSON (.json), not .md"),
        (["generate", "-o", "random.csv"], "a scenario is written as YAML (.yaml, .yml) or JSON (.json), not .csv"),
        (["generate", "-o", "random.txt"], "not .txt"),
    ] as [([String], String)])
    func outputExtensionWithoutAFormat(_ arguments: [String], _ message: String) throws {
        let directory = try temporaryDirectory()
        try Data(CLICase.valid.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        let result = try AccordExecutable.run(arguments, in: directory)
        expectCleanFailure(result, status: 64, mentions: [message])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["ok.yaml"], "something was written")
    }

    /// `--max-enumeration` is a whole number of packages ≥ 1 (digits, `1e9` or `10^9`); anything
    /// else is a usage error. `1e400` and `10^400` exceed the largest double.
    @Test(arguments: ["0", "1.5", "lots", "1e400", "10^400", "0x10", "inf", "nan", "1e9.5", "10^", "1e", " 5"])
    func maxEnumerationMustBeAWholeCount(_ value: String) throws {
        let directory = try temporaryDirectory()
        try Data(CLICase.valid.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        let result = try AccordExecutable.run(["solve", "ok.yaml", "--max-enumeration", value, "-o", "out.json"], in: directory)
        expectCleanFailure(result, status: 64, mentions: ["The value '\(value)' is invalid for '--max-enumeration <count>'"])
        #expect(!exists(directory.appendingPathComponent("out.json")))
    }

    // MARK: Output that cannot be written (74)

    @Test(arguments: [
        ["solve", "ok.yaml", "--format", "json", "-o", "missing/out.json"],
        ["frontier", "ok.yaml", "--format", "csv", "-o", "missing/out.csv"],
        ["generate", "--seed", "3", "-o", "missing/random.yaml"],
    ])
    func outputIntoAMissingDirectory(_ arguments: [String]) throws {
        let directory = try temporaryDirectory()
        try Data(CLICase.valid.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        let result = try AccordExecutable.run(arguments, in: directory)
        let output = try #require(arguments.last)
        expectCleanFailure(result, status: 74, mentions: ["error: \(output): cannot write output"])
        #expect(!exists(directory.appendingPathComponent("missing")), "the missing directory was created")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["ok.yaml"], "something was written")
    }

    /// `-o` naming an existing directory must fail, and leave the directory and its files alone.
    @Test func outputOntoAnExistingDirectory() throws {
        let directory = try temporaryDirectory()
        try Data(CLICase.valid.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        let results = directory.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: false)
        try Data("keep me\n".utf8).write(to: results.appendingPathComponent("earlier.json"))

        let result = try AccordExecutable.run(["solve", "ok.yaml", "--format", "json", "-o", "results"], in: directory)
        let kept = try? String(contentsOf: results.appendingPathComponent("earlier.json"), encoding: .utf8)
        #expect(result.status == 74)
        #expect(kept == "keep me\n")
        #expect(!result.stderr.contains("Fatal error"))
    }

    /// `-o missing/` (a directory that does not exist, with a trailing slash) must not write a
    /// file named `missing` next to it.
    @Test func outputIntoAMissingDirectoryWithATrailingSlash() throws {
        let directory = try temporaryDirectory()
        try Data(CLICase.valid.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        let result = try AccordExecutable.run(["solve", "ok.yaml", "--format", "json", "-o", "missing/"], in: directory)
        #expect(result.status == 74)
        #expect(!exists(directory.appendingPathComponent("missing")))
        #expect(!result.stderr.contains("Fatal error"))
    }

    /// An existing `-o` file is left exactly as it was when the run fails.
    @Test(arguments: [
        (["solve", "bad.yaml", "--format", "json", "-o", "result.json"], Int32(65)),
        (["frontier", "bad.yaml", "--format", "csv", "-o", "result.json"], Int32(65)),
        (["solve", "ok.yaml", "--format", "csv", "-o", "result.json"], Int32(64)),
        (["solve", "gone.yaml", "-o", "result.json"], Int32(66)),
    ] as [([String], Int32)])
    func failedRunLeavesAnExistingOutputAlone(_ arguments: [String], _ status: Int32) throws {
        let directory = try temporaryDirectory()
        try Data(CLICase.valid.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        try Data(CLICase.edited("{a: 1, b: 0}", "{a: 1, bb: 0}").utf8).write(to: directory.appendingPathComponent("bad.yaml"))
        let previous = "{\"previous\": true}\n"
        try Data(previous.utf8).write(to: directory.appendingPathComponent("result.json"))
        let result = try AccordExecutable.run(arguments, in: directory)
        expectCleanFailure(result, status: status, mentions: [])
        #expect(try String(contentsOf: directory.appendingPathComponent("result.json"), encoding: .utf8) == previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["bad.yaml", "ok.yaml", "result.json"])
    }

    /// The control for the tests above: a valid run does write `-o`, and only `-o`.
    @Test func successfulRunWritesTheOutput() throws {
        let directory = try temporaryDirectory()
        try Data(CLICase.valid.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        let result = try AccordExecutable.run(["solve", "ok.yaml", "--format", "json", "-o", "out.json", "--quiet"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let written = try String(contentsOf: directory.appendingPathComponent("out.json"), encoding: .utf8)
        #expect(written.contains("\"parties\": [\"A\", \"B\"]"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["ok.yaml", "out.json"])
    }

    // MARK: Helpers

    private func expectCleanFailure(
        _ result: CommandResult, status: Int32, mentions: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == status, "exit status; stderr: \(result.stderr)", sourceLocation: sourceLocation)
        for text in mentions {
            #expect(result.stderr.contains(text), "stderr lacks \"\(text)\": \(result.stderr)", sourceLocation: sourceLocation)
        }
        for crash in ["Fatal error", "Backtrac", "crashed", "internal error"] {
            #expect(!result.stderr.contains(crash), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        }
        #expect(!result.stderr.isEmpty, "a failure must say why", sourceLocation: sourceLocation)
    }

    private func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
}

// MARK: - Cases

struct CLICase: Sendable, CustomTestStringConvertible {
    var name: String
    var files: [String: Data]
    var arguments: [String]
    var status: Int32
    var stderr: [String]
    var testDescription: String { name }

    /// A small valid scenario; line numbers below refer to it.
    static let valid = """
        accord: 1
        name: Two parties, two issues
        parties: [{id: A}, {id: B}]
        issues: [{id: x, options: [a, b]}, {id: y, options: [p, q, r]}]
        preferences:
          A: {weights: {x: 1, y: 0.5}, values: {x: {a: 1, b: 0}, y: {p: 0, q: 0.5, r: 1}}}
          B: {weights: {x: 1, y: 0.5}, values: {x: {a: 0, b: 1}, y: {p: 1, q: 0.5, r: 0}}}

        """

    static func edited(_ old: String, _ new: String) -> String {
        precondition(valid.contains(old), "'\(old)' is not in the valid scenario")
        return valid.replacingOccurrences(of: old, with: new)
    }

    /// `accord COMMAND case.yaml -o out.json` (no `-o` for validate) on `text`: exit 65 with each `stderr` line.
    private static func yaml(_ name: String, _ text: String, command: String = "solve", _ stderr: String...) -> CLICase {
        let output = command == "validate" ? [] : ["-o", "out.json"]
        return CLICase(name: name, files: ["case.yaml": Data(text.utf8)], arguments: [command, "case.yaml"] + output, status: 65, stderr: stderr)
    }

    private static func json(_ name: String, _ text: String, _ stderr: String...) -> CLICase {
        CLICase(name: name, files: ["case.json": Data(text.utf8)], arguments: ["solve", "case.json", "-o", "out.json"], status: 65, stderr: stderr)
    }

    static let scenarioErrors: [CLICase] = [
        yaml("unknown option", edited("{a: 1, b: 0}", "{a: 1, bb: 0}"),
             "error: case.yaml:6: preferences.A.values.x.bb: unknown option 'bb' of issue 'x' (did you mean 'b'?)"),
        yaml("unknown option, frontier", edited("{a: 1, b: 0}", "{a: 1, bb: 0}"), command: "frontier",
             "error: case.yaml:6: preferences.A.values.x.bb: unknown option 'bb'"),
        yaml("unknown option, validate", edited("{a: 1, b: 0}", "{a: 1, bb: 0}"), command: "validate",
             "error: case.yaml:6: preferences.A.values.x.bb: unknown option 'bb'"),
        yaml("unknown party", edited("  B: {", "  C: {"),
             "error: case.yaml:7: preferences.C: unknown party 'C'", "error: case.yaml:5: preferences: missing preferences for party 'B'"),
        yaml("missing preferences", valid.components(separatedBy: "  B: {")[0],
             "error: case.yaml:5: preferences: missing preferences for party 'B'"),
        yaml("negative weight", edited("weights: {x: 1, y: 0.5}, values: {x: {a: 1", "weights: {x: -1, y: 0.5}, values: {x: {a: 1"),
             "error: case.yaml:6: preferences.A.weights.x: weight must be >= 0, found -1"),
        yaml("NaN weight", edited("weights: {x: 1, y: 0.5}, values: {x: {a: 1", "weights: {x: .nan, y: 0.5}, values: {x: {a: 1"),
             "error: case.yaml:6: preferences.A.weights.x: must be a finite number, found '.nan'"),
        yaml("duplicate party id", edited("{id: B}", "{id: A}"),
             "error: case.yaml:3: parties[1].id: duplicate party id 'A' (also parties[0])"),
        yaml("empty option list", edited("options: [a, b]", "options: []"),
             "error: case.yaml:4: issues[0].options: issue 'x' has an empty option list"),
        yaml("unknown key", edited("name: Two", "title: Two"),
             "error: case.yaml:2: title: unknown key 'title'"),
        yaml("wrong format version", edited("accord: 1", "accord: 3"),
             "error: case.yaml:1: accord: unsupported format version '3'; this accord reads version 1"),
        yaml("list where a map is expected", edited("weights: {x: 1, y: 0.5}, values: {x: {a: 1", "weights: [1, 0.5], values: {x: {a: 1"),
             "error: case.yaml:6: preferences.A.weights: expected a map, found a list"),
        yaml("text where a number is expected", edited("{id: B}", "{id: B, power: lots}"),
             "error: case.yaml:3: parties[1].power: expected a number, found 'lots'"),
        yaml("power of zero", edited("{id: B}", "{id: B, power: 0}"),
             "error: case.yaml:3: parties[1].power: bargaining power must be > 0, found 0"),
        yaml("discount above one", edited("{id: B}", "{id: B, discount: 1.2}"),
             "error: case.yaml:3: parties[1].discount: discount factor must be in (0, 1], found 1.2"),
        yaml("one party", edited("[{id: A}, {id: B}]", "[{id: A}]"),
             "error: case.yaml:3: parties: a negotiation needs at least two parties, found 1"),
        yaml("status quo not an option", edited("options: [a, b]}", "options: [a, b], status_quo: c}"),
             "error: case.yaml:4: issues[0].status_quo: unknown option 'c' of issue 'x'"),
        yaml("forbid every option", edited("y: {p: 1, q: 0.5, r: 0}}}", "y: {p: 1, q: 0.5, r: 0}}, red_lines: [{issue: y, forbid: [p, q, r]}]}"),
             "error: case.yaml:7: preferences.B.red_lines[0]: red lines forbid every option of issue 'y' (p, q, r)"),
        yaml("min/max on a discrete issue", edited("y: {p: 1, q: 0.5, r: 0}}}", "y: {p: 1, q: 0.5, r: 0}}, red_lines: [{issue: y, min: 1}]}"),
             "error: case.yaml:7: preferences.B.red_lines[0]: min/max apply to range and divisible issues"),
        yaml("weights × values overflow", edited("weights: {x: 1, y: 0.5}, values: {x: {a: 1,", "weights: {x: 1e9, y: 0.5}, values: {x: {a: 1e9,"),
             "error: case.yaml:6: preferences.A: weights × values overflow"),
        yaml("empty file", "", "error: case.yaml: the file is empty"),
        yaml("comments only", "# to do\n", command: "validate", "error: case.yaml: the file is empty"),
        yaml("malformed YAML", edited("issues: [{id: x", "issues: [{id: x]"), "error: case.yaml:4: invalid YAML"),
        yaml("billion laughs", (1...8).reduce("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n") { text, level in
            text + "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }, "error: case.yaml:6: the document is too large once its aliases are expanded"),
        CLICase(name: "not UTF-8", files: ["case.yaml": Data([0x61, 0x3A, 0x20, 0xC3, 0x28, 0x0A])],
                arguments: ["validate", "case.yaml"], status: 65, stderr: ["error: case.yaml: the file is not UTF-8 text"]),
        json("malformed JSON", "{\"accord\": 1,\n \"parties\": [}\n", "error: case.json:2: invalid JSON"),
        json("empty JSON", "", "error: case.json: the file is empty"),
        json("JSON with a typo", #"{"accord": 1, "nmae": "x"}"#, "error: case.json:1: nmae: unknown key 'nmae' (did you mean 'name'?)"),
        json("JSON number as text", #"{"accord": "one"}"#, "error: case.json:1: accord: expected a number, found 'one'"),
        CLICase(name: "scenario in a subdirectory is named by its path", files: [:],
                arguments: ["solve", "sub/none.yaml", "-o", "out.json"], status: 66, stderr: ["error: sub/none.yaml: no such file"]),
    ]
}

/// A file of `Fixtures/invalid` whose first line is `# expect: <what stderr must contain>`.
struct InvalidFixture: Sendable, CustomTestStringConvertible {
    var name: String
    var url: URL
    var expected: String
    var testDescription: String { name }

    static func all() throws -> [InvalidFixture] {
        let folder = Repository.root.appendingPathComponent("Tests/AccordTests/Fixtures/invalid")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { name in
            let url = folder.appendingPathComponent(name)
            let first = try String(contentsOf: url, encoding: .utf8).prefix { $0 != "\n" }
            let prefix = "# expect: "
            guard first.hasPrefix(prefix) else { throw FixtureError(name: name) }
            return InvalidFixture(name: name, url: url, expected: String(first.dropFirst(prefix.count)))
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        var name: String
        var description: String { "\(name) does not start with '# expect: '" }
    }
}
