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

            With range or divisible issues the frontier is continuous: for two parties whose \
            issues are all continuous, the exact curve (its vertices, each with its package; \
            the frontier is linear between them; JSON "kind": "curve"); otherwise --points \
            Pareto-optimal points spread over it (JSON "kind": "sample").

            Examples:
              accord frontier Data/blue-harbor.yaml
              accord frontier Data/blue-harbor-discrete.yaml --format csv -o frontier.csv
              accord frontier Data/bill-jack.yaml --format json
              accord frontier Data/river-basin.yaml --points 20
            """
    )

    @OptionGroup var input: ScenarioArgument

    @OptionGroup var frontierOptions: FrontierOptions

    @Option(name: .long, help: "With range or divisible issues and no exact curve: about this many frontier points (1 to 100000).")
    var points = 100

    func validate() throws {
        guard (1...100_000).contains(points) else { throw ValidationError("--points must be between 1 and 100000, found \(points)") }
    }

    @OptionGroup var output: OutputOptions<FrontierFormat>

    func run() throws {
        try reportingErrors {
            try refuseOverwritingInputs(output: output.output, inputs: input.paths)
            let format = output.resolvedFormat
            let scenario = try input.load()
            printWarnings(scenario, file: input.fileName, only: isAboutExactness)
            let problem = try BargainingProblem(scenario, file: input.fileName, concepts: [])
            keepUntilExit(problem)
            let settings = frontierOptions.settings
            if problem.concave != nil {
                let samples = points
                let result = ProgressBar.run(label: "solving", unit: "points", quiet: output.quiet) { progress in
                    Solver.continuousFrontier(of: problem, samples: samples, settings: settings, progress: progress)
                }
                guard let frontier = try result?.mapError({ ScenarioError.refused(file: input.fileName, $0) }).get() else { return }
                switch format {
                case .json: try output.emit(json: frontier.json)
                case .csv: try output.emit(frontier.csv)
                case .text: try output.emit(frontier.text)
                }
                return
            }
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
