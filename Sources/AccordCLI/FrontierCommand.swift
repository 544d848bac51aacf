import Accord
import ArgumentParser

struct FrontierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontier",
        abstract: "List the Pareto-optimal acceptable packages of a scenario.",
        discussion: """
            Every acceptable package that no other acceptable package improves for every party, \
            sorted by the first party's utility (descending), with each party's utility and the \
            value of every issue. JSON: {"parties": [...], "points": [{"utilities", "package"}]}; \
            CSV: one column per party utility, then one per issue.

            Examples:
              accord frontier Data/blue-harbor.yaml
              accord frontier Data/blue-harbor.yaml --format csv -o frontier.csv
              accord frontier Data/bill-jack.yaml --format json
            """
    )

    @OptionGroup var input: ScenarioArgument

    @OptionGroup var frontierOptions: FrontierOptions

    @OptionGroup var output: OutputOptions<FrontierFormat>

    func run() throws {
        try reportingErrors {
            try refuseOverwritingInputs(output: output.output, inputs: input.paths)
            let format = output.resolvedFormat
            let problem = try BargainingProblem(try input.load(), file: input.fileName, concepts: [])
            let settings = frontierOptions.settings
            let result = ProgressBar.run(label: "enumerating", unit: "packages", quiet: output.quiet) { progress in
                Solver.frontier(of: problem, settings: settings, progress: progress)
            }
            let frontier = try result.mapError { ScenarioError.refused(file: input.fileName, $0) }.get()
            switch format {
            case .json: try output.emit { frontier.writeJSON(to: &$0) }
            case .csv: try output.emit { frontier.writeCSV(to: &$0) }
            case .text: try output.emit(frontier.text)
            }
        }
    }
}
