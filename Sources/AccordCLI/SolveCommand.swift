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
              accord solve Data/blue-harbor.yaml --solutions nash --explain
              accord solve --genius Data/genius/job-offer/domain.xml Data/genius/job-offer/employer.xml Data/genius/job-offer/candidate.xml
            """
    )

    @OptionGroup var input: ScenarioArgument

    @Option(name: .long, help: "Solutions to compute, comma-separated: nash, ks, egalitarian, utilitarian.")
    var solutions: String = "nash,ks,egalitarian,utilitarian"

    @Flag(name: .long, help: "Nash over lotteries: probability mixes of frontier packages (the convex hull), with a duality-gap certificate.")
    var lotteries = false

    @Flag(name: .long, help: "Break each solution's utilities down by issue and interactions (where each party's gain comes from).")
    var explain = false

    @OptionGroup var frontierOptions: FrontierOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try output.check(allowed: [.text, .json, .md])
        _ = try parsedConcepts()
    }

    private func parsedConcepts() throws -> [SolutionConcept] {
        let names = solutions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let concepts = try names.map { name -> SolutionConcept in
            guard let concept = SolutionConcept(name: name) else {
                throw ValidationError("unknown solution '\(name)' in --solutions; use nash, ks, egalitarian, utilitarian")
            }
            return concept
        }
        guard !concepts.isEmpty else { throw ValidationError("--solutions needs at least one solution") }
        return concepts
    }

    func run() throws {
        try reportingErrors {
            let format = output.resolvedFormat(allowed: [.text, .json, .md], fallback: .json)
            let scenario = try input.load()
            let problem = try BargainingProblem(scenario, file: input.fileName, concepts: try parsedConcepts(), lotteries: lotteries)
            let settings = frontierOptions.settings
            let report = ProgressBar.run(label: "enumerating", unit: "packages", quiet: output.quiet) { progress in
                Solver.solve(problem, settings: settings, progress: progress)
            }
            switch report.status {
            case .refused(let refusal): throw ScenarioError.refused(file: input.fileName, refusal)
            case .invalidSettings(let setting, let requirement): throw ValidationError("the setting \(setting) must be \(requirement)")
            case .solved, .noAgreementZone, .iterationLimit: break
            }
            switch format {
            case .json: try output.emit(report.json(explain: explain).rendered())
            case .md: try output.emit(report.markdown(explain: explain))
            default: try output.emit(report.text(explain: explain))
            }
        }
    }
}
