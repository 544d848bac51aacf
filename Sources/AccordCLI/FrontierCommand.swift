import Accord
import ArgumentParser
import Foundation

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

            --plot FILE.svg (or -o FILE.svg, --format svg) draws the frontier: each party's \
            utility on an axis named after it, the agreement zone above the disagreement point, \
            the ideal point and the four solutions marked and labelled, with a legend; 3 to \
            \(FrontierPlot.maximumParties) parties make a matrix of the pairwise projections.

            Examples:
              accord frontier Data/blue-harbor.yaml
              accord frontier Data/blue-harbor-discrete.yaml --format csv -o frontier.csv
              accord frontier Data/bill-jack.yaml --format json
              accord frontier Data/river-basin.yaml --points 20
              accord frontier Data/blue-harbor-discrete.yaml --plot frontier.svg
            """
    )

    @OptionGroup var input: ScenarioArgument

    @OptionGroup var frontierOptions: FrontierOptions

    @Option(name: .long, help: "With range or divisible issues and no exact curve: about this many frontier points (1 to 100000).")
    var points = 100

    @Option(name: .long, help: ArgumentHelp("Also draw the frontier, its solutions and the disagreement and ideal points into this SVG file (only when the run succeeds).", valueName: "file.svg"))
    var plot: String?

    func validate() throws {
        guard (1...100_000).contains(points) else { throw ValidationError("--points must be between 1 and 100000, found \(points)") }
        if let plot, (plot as NSString).pathExtension.lowercased() != "svg" {
            throw ValidationError("--plot \(plot): the plot is an SVG file; give a name ending in .svg")
        }
    }

    @OptionGroup var output: OutputOptions<FrontierFormat>

    func run() throws {
        try reportingErrors {
            try refuseOverwritingInputs(output: output.output, inputs: input.paths)
            try refuseOverwritingInputs(output: plot, inputs: input.paths)
            let format = output.resolvedFormat
            let plotting = format == .svg || plot != nil
            let scenario: Scenario
            switch try input.loadNegotiation() {
            case .additive(let additive): scenario = additive
            case .nonlinear(let negotiation):
                guard !plotting else { throw ValidationError("\(input.fileName): plots of nonlinear GENIUS spaces are not drawn yet; write the frontier as text, CSV or JSON") }
                let solution = try solveNonlinear(negotiation, concepts: [], file: input.fileName, quiet: output.quiet, timeLimit: frontierOptions.timeLimit)
                switch format {
                case .json: try output.emit(json: solution.frontierJSON)
                case .csv: try output.emit(solution.frontierCSV)
                case .text, .svg: try output.emit(solution.frontierText)
                }
                return
            }
            printWarnings(scenario, file: input.fileName, only: isAboutExactness)
            if plotting, scenario.parties.count > FrontierPlot.maximumParties {
                throw ValidationError("\(input.fileName) has \(scenario.parties.count) parties; a plot shows at most \(FrontierPlot.maximumParties) (pairwise panels); write the frontier as CSV or JSON instead")
            }
            // A plot marks the solutions too: they are solved with the frontier.
            let problem = try BargainingProblem(scenario, file: input.fileName, concepts: plotting ? SolutionConcept.allCases : [])
            keepUntilExit(problem)
            let settings = frontierOptions.settings
            if problem.concave != nil {
                let samples = points
                let result = ProgressBar.run(label: "solving", unit: "points", quiet: output.quiet) { progress in
                    Solver.continuousFrontier(of: problem, samples: samples, settings: settings, progress: progress)
                }
                guard let frontier = try result?.mapError({ ScenarioError.refused(file: input.fileName, $0) }).get() else { return }
                let drawing = plotting ? FrontierPlot(report: try solved(problem, settings: settings), sample: frontier).svg : nil
                try write(drawing) {
                    switch format {
                    case .json: try output.emit(json: frontier.json)
                    case .csv: try output.emit(frontier.csv)
                    case .text: try output.emit(frontier.text)
                    case .svg: break
                    }
                }
                return
            }
            let frontier: Frontier, drawing: String?
            if plotting {
                // One solve gives the frontier and the solutions on it (a discrete solve always
                // has its frontier, empty where no package is acceptable).
                let report = try solved(problem, settings: settings)
                guard let found = report.frontier else { throw ValidationError("\(input.fileName): the solve gave no frontier to plot") }
                frontier = found
                drawing = FrontierPlot(report: report).svg
            } else {
                let result = ProgressBar.run(label: "enumerating", unit: "packages", quiet: output.quiet) { progress in
                    Solver.frontier(of: problem, settings: settings, progress: progress)
                }
                frontier = try result.mapError { ScenarioError.refused(file: input.fileName, $0) }.get()
                drawing = nil
            }
            try write(drawing) {
                switch format {
                case .json: try output.emit { frontier.writeJSON(to: &$0) }
                case .csv: try output.emit { frontier.writeCSV(to: &$0) }
                case .text: try output.emit(frontier.text)
                case .svg: break
                }
            }
        }
    }

    /// The solve of every solution concept, for the plot; a refusal (a limit reached) is thrown.
    private func solved(_ problem: BargainingProblem, settings: SolverSettings) throws -> BargainingSolution {
        let report = ProgressBar.run(label: "solving", unit: problem.concave == nil ? "packages" : "discrete packages", quiet: output.quiet) { progress in
            Solver.solve(problem, settings: settings, progress: progress)
        }
        if case .refused(let refusal) = report.status { throw ScenarioError.refused(file: input.fileName, refusal) }
        return report
    }

    /// Writes the plot (to `--plot`, or as the output itself with `--format svg` / `-o FILE.svg`)
    /// and the table (`table`), the plot first so that a table is never written without it.
    private func write(_ drawing: String?, table: () throws -> Void) throws {
        if let drawing, let plot { try writeAtomically(drawing, to: plot) }
        if output.resolvedFormat == .svg {
            try output.emit(drawing ?? "")
        } else {
            try table()
        }
    }
}
