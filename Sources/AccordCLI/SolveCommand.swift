import Accord
import ArgumentParser

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Compute the Pareto frontier and the bargaining solutions of a scenario.",
        discussion: """
            Prints the size of the outcome space, the disagreement point, the size of the Pareto \
            frontier and, for each solution concept, the agreed package with every party's \
            utility, gain over its disagreement utility and the Nash product. When no package is \
            acceptable to every party the solutions are null with the reason (exit 0).

            Examples:
              accord solve Data/blue-harbor.yaml
              accord solve Data/climate-finance.yaml --solutions nash,ks --format json -o result.json
              accord solve Data/bill-jack.yaml --format md
              accord solve Data/blue-harbor.yaml --solutions nash --lotteries
              accord solve --genius Data/genius/job-offer/domain.xml Data/genius/job-offer/employer.xml Data/genius/job-offer/candidate.xml
            """
    )

    @OptionGroup var input: ScenarioArgument

    @Option(
        name: .long,
        help: ArgumentHelp("Solutions to compute, comma-separated, each once: \(SolutionList.names) (default: all four).", valueName: "names"),
        transform: { text in try SolutionList(parsing: text) })
    var solutions = SolutionList.all

    @Flag(name: .long, help: "Nash over lotteries: probability mixes of frontier packages (the convex hull), with a duality-gap certificate.")
    var lotteries = false

    @OptionGroup var frontierOptions: FrontierOptions

    @OptionGroup var output: OutputOptions<SolveFormat>

    func run() throws {
        try reportingErrors {
            let format = output.resolvedFormat
            let scenario = try input.load()
            var settings = SolveSettings()
            settings.concepts = solutions.concepts
            settings.method = frontierOptions.method
            settings.enumerationLimit = frontierOptions.maxEnumeration
            settings.lotteries = lotteries
            let report = try ProgressBar.run(label: "enumerating", unit: "packages", quiet: output.quiet) { progress in
                try Solver.solve(scenario, file: input.fileName, settings: settings, progress: progress)
            }
            switch format {
            case .json: try output.emit(report.json.rendered())
            case .md: try output.emit(report.markdown)
            case .text: try output.emit(report.text)
            }
        }
    }
}
