import Accord
import Foundation
import Testing

/// End to end: the real `accord` binary on inputs that are not regular files, standard input,
/// `-o` onto an input or a symbolic link, Ctrl-C at any moment, and `generate` at its limits.
@Suite struct CLIFileTests {
    // MARK: Inputs that are not regular files (66) and standard input

    /// `/dev/zero` never ends, `/dev/null` is empty, a FIFO blocks until someone writes: each is
    /// refused at once (exit 66) for what it is, and nothing is written. Before, `/dev/zero` grew
    /// without bound, a FIFO hung, and `/dev/null` was "cannot read the file (permission denied?)".
    @Test(arguments: [
        (["solve", "/dev/zero", "-o", "out.json"], "error: /dev/zero: is a character device, not a regular file"),
        (["frontier", "/dev/null", "-o", "out.json"], "error: /dev/null: is a character device, not a regular file"),
        (["validate", "/dev/null"], "error: /dev/null: is a character device, not a regular file"),
        (["solve", "pipe.yaml", "-o", "out.json"], "error: pipe.yaml: is a FIFO (named pipe), not a regular file"),
        (["validate", "pipe.yaml"], "error: pipe.yaml: is a FIFO (named pipe), not a regular file"),
        (["solve", "--genius", "/dev/zero", "a.xml", "b.xml", "-o", "out.json"], "error: /dev/zero: is a character device, not a regular file"),
        (["import", "genius", "pipe.yaml", "a.xml", "b.xml", "-o", "out.json"], "error: pipe.yaml: is a FIFO (named pipe), not a regular file"),
    ] as [([String], String)])
    func notARegularFile(_ arguments: [String], _ message: String) throws {
        let directory = try temporaryDirectory()
        #expect(mkfifo(directory.appendingPathComponent("pipe.yaml").path, 0o644) == 0)
        let result = try Spawned.run(arguments, in: directory, timeout: 10)
        #expect(!result.timedOut, "\(arguments) did not finish")
        expectFailedRun(result.command, status: 66, mentions: message)
        #expect(result.command.stderr.contains("give a scenario file, or - to read standard input"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["pipe.yaml"], "something was written")
    }

    /// `-` reads the scenario from standard input, YAML or JSON by its first character: the result
    /// is the one of the same file given by name.
    @Test func standardInputIsTheScenarioFile() throws {
        let path = Repository.data("bill-jack.yaml")
        let text = try Data(contentsOf: URL(fileURLWithPath: path))
        let byName = try AccordExecutable.run(["solve", path, "--format", "json", "--quiet"])
        let piped = try Spawned.run(["solve", "-", "--format", "json", "--quiet"], input: text, timeout: 30)
        #expect(piped.command.status == 0, "\(piped.command.stderr)")
        // Equal but for what differs between any two runs: the time and peak memory in the stats.
        func untimed(_ text: String) -> [Substring] {
            text.split(separator: "\n").filter { !$0.contains("\"seconds\"") && !$0.contains("\"peak_memory_mb\"") }
        }
        #expect(!byName.stdout.isEmpty && untimed(piped.command.stdout) == untimed(byName.stdout))
    }

    /// Two parties, one issue of two options.
    static let validJSON = #"{"accord": 1, "parties": [{"id": "A"}, {"id": "B"}], "issues": [{"id": "x", "options": ["a", "b"]}], "#
        + #""preferences": {"A": {"weights": {"x": 1}, "values": {"x": {"a": 1, "b": 0}}}, "#
        + #""B": {"weights": {"x": 1}, "values": {"x": {"a": 0, "b": 1}}}}}"# + "\n"

    @Test func validateReadsJSONFromStandardInput() throws {
        let valid = try Spawned.run(["validate", "-"], input: Data(Self.validJSON.utf8), timeout: 30)
        #expect(valid.command.status == 0, "\(valid.command.stderr)")
        // 2 parties, one issue of 2 options: 2 packages.
        #expect(valid.command.stdout.hasPrefix("stdin: ok — 2 parties, 1 issue"), "\(valid.command.stdout)")
        // A JSON syntax error is reported by the JSON reader, named `stdin`.
        let broken = try Spawned.run(["validate", "-"], input: Data("{\"accord\": 1,\n \"parties\": [}\n".utf8), timeout: 30)
        expectFailedRun(broken.command, status: 65, mentions: "error: stdin:2: invalid JSON")
    }

    // MARK: -o onto an input (64), -o onto a symbolic link (followed)

    /// `-o` naming the scenario itself, or a link to it, would replace the input with the result:
    /// refused before anything runs (exit 64), and the scenario is left as it was.
    @Test(arguments: [
        ["solve", "deal.json", "-o", "deal.json"],
        ["frontier", "deal.json", "--format", "json", "-o", "./deal.json"],
        ["linkage", "deal.json", "-o", "link.json"],
    ])
    func outputOntoAnInputIsRefused(_ arguments: [String]) throws {
        let directory = try temporaryDirectory()
        let scenario = directory.appendingPathComponent("deal.json")
        try Data(Self.validJSON.utf8).write(to: scenario)
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("link.json").path, withDestinationPath: "deal.json")
        let result = try AccordExecutable.run(arguments, in: directory)
        let output = try #require(arguments.last)
        expectFailedRun(result, status: 64, mentions: "-o \(output) is the input file deal.json: writing the result would replace it")
        #expect(try String(contentsOf: scenario, encoding: .utf8) == Self.validJSON, "the input was overwritten")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.appendingPathComponent("link.json").path) == "deal.json")
    }

    /// `-o link` writes the file the link names and keeps the link: replacing an existing target,
    /// or creating a missing one next to it. Before, the link itself was replaced by a file.
    @Test func outputOntoASymbolicLinkWritesItsTarget() throws {
        let directory = try temporaryDirectory()
        try Data(CLICase.valid.utf8).write(to: directory.appendingPathComponent("ok.yaml"))
        let results = directory.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: false)
        try Data("old\n".utf8).write(to: results.appendingPathComponent("old.json"))
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: directory.appendingPathComponent("existing.json").path, withDestinationPath: "results/old.json")
        try manager.createSymbolicLink(atPath: directory.appendingPathComponent("fresh.json").path, withDestinationPath: "results/new.json")
        for link in ["existing.json", "fresh.json"] {
            let result = try AccordExecutable.run(["solve", "ok.yaml", "--quiet", "-o", link], in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try manager.destinationOfSymbolicLink(atPath: directory.appendingPathComponent(link).path).hasPrefix("results/"), "\(link) is no longer a link")
        }
        for target in ["old.json", "new.json"] {
            let written = try String(contentsOf: results.appendingPathComponent(target), encoding: .utf8)
            #expect(written.contains("\"parties\": [\"A\", \"B\"]"), "\(target): \(written)")
        }
        #expect(try manager.contentsOfDirectory(atPath: results.path).sorted() == ["new.json", "old.json"], "a partial file was left")
    }

    // MARK: Ctrl-C at any moment (130)

    /// SIGINT while the scenario is still being read (standard input held open, nothing sent) and
    /// while a long enumeration runs: exit 130 with "interrupted", and no `-o` file or partial
    /// file. Before, the handler existed only while `-o` was being written, so the computing run
    /// died of the signal without a word (or, with SIGINT ignored by its parent, ran on).
    @Test(arguments: ["reading", "computing"])
    func interruptedRunExits130(_ stage: String) throws {
        let directory = try temporaryDirectory()
        var arguments = ["solve", "-", "-o", "out.json"]
        if stage == "computing" {
            // 10^9 packages by brute force: minutes in a debug build, interrupted after one second.
            var generator = ScenarioGenerator()
            generator.parties = 2
            generator.issues = 9
            generator.options = 10
            try Data(generator.generate().yaml.utf8).write(to: directory.appendingPathComponent("big.yaml"))
            arguments = ["solve", "big.yaml", "--method", "enumeration", "-o", "out.json"]
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let result = try Spawned.run(arguments, in: directory, holdInputOpen: true, signal: (SIGINT, after: 1.0), timeout: 20)
        #expect(!result.timedOut)
        #expect(result.exitedNormally, "killed by the signal instead of handling it")
        #expect(result.command.status == 130, "\(result.command.stderr)")
        #expect(result.command.stderr.contains("interrupted"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == before, "a file was left")
    }

    // MARK: generate at its limits

    /// Each dimension within its limit is not enough: the total number of values is bounded
    /// (usage error naming the product and the limit) instead of "failed to allocate".
    /// 1000 × 10000 × 10000 = 10^11 values, the documented maximum of each dimension.
    @Test(arguments: [
        (["generate", "--parties", "1000", "--issues", "10000", "--options", "10000", "-o", "out.yaml"],
         "--parties × --issues × --options = 1000 × 10000 × 10000 = 100,000,000,000 values; at most 10,000,000"),
        (["generate", "--parties", "2", "--issues", "5000", "--options", "1001"],
         "= 2 × 5000 × 1001 = 10,010,000 values; at most 10,000,000"),
        (["generate", "--forbids", "1000000", "--interactions", "1", "-o", "out.yaml"],
         "--forbids + --combinations + --interactions must be at most 1,000,000"),
        (["generate", "--forbids", "9223372036854775807", "--combinations", "1"],
         "--forbids + --combinations + --interactions must be at most 1,000,000"),
    ] as [([String], String)])
    func generateBoundsTotals(_ arguments: [String], _ message: String) throws {
        let directory = try temporaryDirectory()
        let result = try Spawned.run(arguments, in: directory, timeout: 10)
        #expect(!result.timedOut)
        expectFailedRun(result.command, status: 64, mentions: message)
        #expect(result.command.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// The streamed file is the scenario `generate()` builds: loading it gives an equal scenario
    /// (weights, values, red lines, interactions, reservations), for YAML and JSON.
    @Test(arguments: ["yaml", "json"])
    func generatedFileLoadsAsTheGeneratedScenario(_ ext: String) throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("random.\(ext)").path
        let flags = ["--parties", "3", "--issues", "4", "--options", "5", "--seed", "11", "--forbids", "4", "--combinations", "2",
                     "--interactions", "3", "--reservation", "0.4"]
        let result = try AccordExecutable.run(["generate"] + flags + ["-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        var generator = ScenarioGenerator()
        (generator.parties, generator.issues, generator.options, generator.seed) = (3, 4, 5, 11)
        (generator.forbids, generator.combinations, generator.interactions, generator.reservation) = (4, 2, 3, 0.4)
        let expected = generator.generate()
        let loaded = try Scenario.load(path: path)
        #expect(loaded.parties == expected.parties)
        #expect(loaded.issues == expected.issues)
        #expect(loaded.preferences == expected.preferences)
        #expect(expected.preferences.contains { !$0.redLines.isEmpty } && expected.preferences.contains { !$0.interactions.isEmpty })
    }
}

/// The streaming writer and the renderers of the whole scenario agree byte for byte.
@Suite struct GeneratorStreamingTests {
    @Test(arguments: [(2, 3, 3, 6, 0, 0, 0, 0.0), (3, 4, 5, 6, 4, 2, 3, 0.4), (2, 5, 2, 0, 3, 3, 3, 0.5), (4, 1, 1, 2, 1, 1, 1, 0.2)]
          as [(Int, Int, Int, Int, Int, Int, Int, Double)])
    func streamedTextIsTheRenderedScenario(_ sizes: (Int, Int, Int, Int, Int, Int, Int, Double)) {
        var generator = ScenarioGenerator()
        (generator.parties, generator.issues, generator.options, generator.decimals) = (sizes.0, sizes.1, sizes.2, sizes.3)
        (generator.forbids, generator.combinations, generator.interactions, generator.reservation) = (sizes.4, sizes.5, sizes.6, sizes.7)
        generator.seed = 5
        let scenario = generator.generate()
        var yaml = "", json = ""
        generator.write(.yaml, to: &yaml)
        generator.write(.json, to: &json)
        #expect(yaml == scenario.yaml)
        #expect(json == scenario.jsonDocument.rendered())
    }
}

/// A run of the `accord` executable that can be fed standard input, held open, signalled and
/// killed after a timeout.
private struct Spawned {
    var command: CommandResult
    var timedOut: Bool
    /// Whether the process called `exit` (false: a signal ended it).
    var exitedNormally: Bool

    static func run(
        _ arguments: [String], in directory: URL? = nil, input: Data? = nil, holdInputOpen: Bool = false,
        signal: (Int32, after: Double)? = nil, timeout: Double
    ) throws -> Spawned {
        let process = Process()
        process.executableURL = AccordExecutable.url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let inPipe = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = inPipe
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // Read both pipes concurrently so that a large output never blocks the child.
        nonisolated(unsafe) var stdout = Data(), stderr = Data()
        let readers = DispatchGroup()
        DispatchQueue.global().async(group: readers) { stdout = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: readers) { stderr = err.fileHandleForReading.readDataToEndOfFile() }
        if let input { inPipe.fileHandleForWriting.write(input) }
        if !holdInputOpen { try inPipe.fileHandleForWriting.close() }
        if let signal {
            Thread.sleep(forTimeInterval: signal.after)
            kill(process.processIdentifier, signal.0)
        }
        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        if holdInputOpen { try inPipe.fileHandleForWriting.close() }
        readers.wait()
        return Spawned(
            command: CommandResult(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self)),
            timedOut: timedOut, exitedNormally: process.terminationReason == .exit)
    }
}
