import Accord
import ArgumentParser
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a report a minister can read: Markdown with plots, CSV and JSON, into a folder.",
        discussion: """
            Writes into DIR (made if missing): report.md (the negotiation in words — parties, \
            BATNAs, issues, red lines —, the frontier plot, the four solutions side by side with \
            each party's per-issue contributions, separate tracks against the package deal, the \
            tornado and a sweep of the number that moves the Nash solution most, and a Monte Carlo \
            when the scenario has an uncertainty: section), frontier.svg, tornado.svg, \
            sensitivity.svg, frontier.csv and result.json (every analysis's JSON). Every file is \
            computed before the first is written; the report's existing files are replaced, \
            nothing else in DIR is touched.

            Examples:
              accord report Data/blue-harbor-discrete.yaml -o report/
              accord report Data/trade-agreement.yaml -o out --tornado 10% --samples 2000
            """
    )

    @OptionGroup var input: ScenarioArgument

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the report into (made if missing).", valueName: "dir"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("How far the tornado moves each number (default 20%).", valueName: "percent"))
    var tornado = "20%"

    @Option(name: .long, help: ArgumentHelp("Monte Carlo draws when the scenario has an uncertainty: section (default 10000).", valueName: "n"))
    var samples = 10_000

    @Option(name: .long, help: ArgumentHelp("The seed of the Monte Carlo draws (default 1).", valueName: "s"))
    var seed: UInt64 = 1

    @OptionGroup var frontierOptions: FrontierOptions

    @Flag(name: .long, help: "No progress messages on stderr.")
    var quiet = false

    func validate() throws {
        _ = try SensitivityCommand.fraction(tornado)
        try SensitivityCommand.checkSamples(samples)
    }

    func run() throws {
        try reportingErrors {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw ValidationError("-o \(output): is a file; the report is a folder of files, give a folder name")
            }
            let scenario = try input.load()
            printWarnings(scenario, file: input.fileName, only: isAboutExactness)
            var options = ScenarioReport.Options()
            options.fraction = try SensitivityCommand.fraction(tornado)
            options.samples = samples
            options.seed = seed
            options.settings = frontierOptions.settings
            let file = input.fileName
            let report = try ProgressBar.run(label: "report", unit: "steps", quiet: quiet) { progress in
                progress?.expect(Double(ScenarioReport.steps(of: scenario)))
                return try ScenarioReport(scenario: scenario, file: file, options: options) { progress?.add(1) }
            }
            keepUntilExit(report)
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: output, reason: "cannot make the folder (\(error.localizedDescription))")
            }
            let paths = report.files.map { (output as NSString).appendingPathComponent($0.name) }
            for path in paths { try refuseOverwritingInputs(output: path, inputs: input.paths) }
            for (path, file) in zip(paths, report.files) { try writeAtomically(file.contents, to: path) }
            if !quiet { printNote("wrote \(report.files.map(\.name).joined(separator: ", ")) to \(output)") }
        }
    }
}
