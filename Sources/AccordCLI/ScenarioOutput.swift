import Accord
import ArgumentParser
import Foundation

/// `-o SCENARIO` of the commands that write a scenario (`import genius`, `generate`): YAML for
/// `.yaml`, `.yml` or a file without an extension, JSON for `.json`, stdout without `-o`. Any
/// other extension (`.md`, `.csv`, `.txt`) is a usage error (exit 64): a scenario is only ever
/// YAML or JSON.
struct ScenarioOutput: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Scenario file to write (.yaml, .yml or .json; YAML without an extension), only when the run succeeds; stdout when absent.",
            valueName: "file"))
    var output: String?

    func validate() throws {
        guard let output else { return }
        let ext = (output as NSString).pathExtension.lowercased()
        guard ["", "yaml", "yml", "json"].contains(ext) else {
            throw ValidationError("-o \(output): a scenario is written as YAML (.yaml, .yml) or JSON (.json), not .\(ext)")
        }
    }

    /// Writes `scenario` to `-o` atomically, in the format its extension names, or as YAML to stdout.
    func write(_ scenario: Scenario) throws {
        guard let output else {
            print(scenario.yaml, terminator: "")
            return
        }
        let text = DocumentFormat(path: output) == .json ? scenario.jsonDocument.rendered() : scenario.yaml
        try writeAtomically(text, to: output)
    }

    /// Streams a scenario, piece by piece, to `-o` atomically in the format its extension names,
    /// or as YAML to stdout: a large scenario is never held in memory whole.
    func stream(_ render: (DocumentFormat, inout OutputSink) -> Void) throws {
        guard let output else {
            var sink = OutputSink(descriptor: STDOUT_FILENO, path: "stdout")
            render(.yaml, &sink)
            try sink.finish()
            return
        }
        let format = DocumentFormat(path: output)
        try writeAtomically(to: output) { render(format, &$0) }
    }
}
