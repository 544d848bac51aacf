import Accord
import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files and report every problem with its file, field and line.",
        discussion: """
            Prints one line per valid file (parties, issues, outcome space) and one line per \
            problem found, and on stderr a warning for what is valid but probably unintended \
            (weights that do not sum to 1). Exit 0 when every file is valid (warnings or not), \
            65 when some file is invalid, 66 when some file cannot be read.

            Examples:
              accord validate Data/blue-harbor.yaml
              accord validate Data/*.yaml
            """
    )

    @Argument(help: "Scenario files to check (- for standard input).")
    var scenarios: [String]

    func validate() throws {
        guard !scenarios.isEmpty else { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        var worst: Int32 = 0
        for path in scenarios {
            let name = path == InputFiles.standardInput ? "stdin" : path
            do {
                let scenario = try InputFiles.loadScenario(path: path)
                let discrete = scenario.issues.allSatisfy { $0.options != nil }
                let size = scenario.issues.reduce(1.0) { $0 * Double($1.options?.count ?? 1) }
                let space = discrete ? ", \(size < 1e15 ? String(Int(size)) : String(size)) packages" : ", continuous issues"
                print("\(name): ok — \(scenario.sizeSummary)\(space)")
                printWarnings(scenario, file: name)
            } catch {
                printError(error.description)
                switch error {
                case .unreadable: worst = max(worst, 66)
                case .invalid, .unsupported, .refused: worst = max(worst, 65)
                }
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}
