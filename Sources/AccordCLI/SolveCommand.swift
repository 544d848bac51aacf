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
              accord solve Data/blue-harbor-discrete.yaml --solutions nash --lotteries
              accord solve Data/river-basin.yaml --solutions nash --lotteries
              accord solve Data/blue-harbor-discrete.yaml --solutions nash --explain
              accord solve --genius Data/genius/job-offer/domain.xml Data/genius/job-offer/employer.xml Data/genius/job-offer/candidate.xml
            """
    )

    @OptionGroup var input: ScenarioArgument

    @Option(
        name: .long,
        help: ArgumentHelp("Solutions to compute, comma-separated, each once: \(SolutionList.names) (default: all four).", valueName: "names"),
        transform: { text in try SolutionList(parsing: text) })
    var solutions = SolutionList.all

    @Flag(name: .long, help: "Solutions over lotteries: probability mixes of packages (the convex hull of the utility set), at most n + 1 packages. Nash by Frank–Wolfe with a duality-gap certificate, Kalai–Smorodinsky and egalitarian by LPs; on range or divisible issues by column generation over the concave solves (with concave values and no discrete choice left, the pure solutions: the set is convex).")
    var lotteries = false

    @Flag(name: .long, help: "Break each solution's utilities down by issue and interactions (where each party's gain comes from).")
    var explain = false

    @OptionGroup var frontierOptions: FrontierOptions

    @OptionGroup var output: OutputOptions<SolveFormat>

    func run() throws {
        try reportingErrors {
            try refuseOverwritingInputs(output: output.output, inputs: input.paths)
            let format = output.resolvedFormat
            let scenario: Scenario
            switch try input.loadNegotiation() {
            case .additive(let additive): scenario = additive
            case .nonlinear(let negotiation):
                guard !lotteries, !explain else {
                    throw ValidationError("\(input.fileName): --lotteries and --explain are not available for nonlinear GENIUS spaces yet")
                }
                let solution = try solveNonlinear(negotiation, concepts: solutions.concepts, file: input.fileName, quiet: output.quiet, timeLimit: frontierOptions.timeLimit)
                switch format {
                case .json: try output.emit(json: solution.solveJSON)
                case .md: try output.emit("```\n" + solution.solveText + "```\n")
                case .text: try output.emit(solution.solveText)
                }
                return
            }
            printWarnings(scenario, file: input.fileName)
            let problem = try BargainingProblem(scenario, file: input.fileName, concepts: solutions.concepts, lotteries: lotteries)
            keepUntilExit(problem)
            let settings = frontierOptions.settings
            let report = ProgressBar.run(
                label: problem.concave == nil ? "enumerating" : "solving", unit: problem.concave == nil ? "packages" : "discrete packages",
                quiet: output.quiet
            ) { progress in
                Solver.solve(problem, settings: settings, progress: progress)
            }
            keepUntilExit(report)
            switch report.status {
            case .refused(let refusal): throw ScenarioError.refused(file: input.fileName, refusal)
            case .invalidSettings(let setting, let requirement): throw ValidationError("the setting \(setting) must be \(requirement)")
            case .numericalTrouble(let detail):
                printError("\(input.fileName): the continuous issues could not be solved to a certified answer (numerical trouble: \(detail)); rescale the weights and values (e.g. to [0, 1]) and try again")
                throw ExitCode(65)
            case .solved, .noAgreementZone, .iterationLimit: break
            }
            switch format {
            case .json: try output.emit(json: report.json(explain: explain))
            case .md: try output.emit(report.markdown(explain: explain))
            case .text: try output.emit(report.text(explain: explain))
            }
        }
    }
}
