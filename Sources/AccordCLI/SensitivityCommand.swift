import Accord
import ArgumentParser
import Foundation

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Sweep one number of a scenario and find where the solutions change.",
        discussion: """
            --vary PARAM=FROM:TO:STEPS solves the scenario with PARAM at STEPS evenly spaced \
            values from FROM to TO (a full solve each), and computes the exact crossovers: every \
            value in the range where a solution's package changes (roots of the affine functions \
            the parameter moves, not a bisected grid; discrete scenarios). PARAM is a party's \
            reservation, power or discount, a weight (A.weights.ISSUE) or an option's value \
            (A.values.ISSUE.OPTION), with the scenario's ids.

            Examples:
              accord sensitivity Data/blue-harbor-discrete.yaml --vary B.reservation=0.2:0.6:9
              accord sensitivity Data/blue-harbor-discrete.yaml --vary A.weights.fisheries=0:1:11 --solutions nash
              accord sensitivity Data/blue-harbor-discrete.yaml --vary B.reservation=0.2:0.6:41 --plot sweep.svg
              accord sensitivity Data/trade-agreement.yaml --vary NORTH.power=0.5:2:7 --format json -o sweep.json
            """
    )

    @OptionGroup var input: ScenarioArgument

    @Option(name: .long, help: ArgumentHelp("The number to sweep and its range: PARAM=FROM:TO:STEPS, e.g. B.reservation=0.2:0.6:9 (STEPS from 2 to 10000).", valueName: "param=from:to:steps"))
    var vary: String

    @Option(
        name: .long,
        help: ArgumentHelp("Solutions to sweep, comma-separated, each once: \(SolutionList.names) (default: all four).", valueName: "names"),
        transform: { text in try SolutionList(parsing: text) })
    var solutions = SolutionList.all

    @OptionGroup var frontierOptions: FrontierOptions

    @Option(name: .long, help: ArgumentHelp("Also draw the sweep into this SVG file: each party's utility of each solution along the parameter, the crossovers marked (only when the run succeeds).", valueName: "file.svg"))
    var plot: String?

    @OptionGroup var output: OutputOptions<SensitivityFormat>

    /// `PARAM=FROM:TO:STEPS` split, checked for form (the parameter itself against the scenario).
    private var range: (path: String, from: Double, to: Double, steps: Int) {
        get throws {
            guard let equals = vary.lastIndex(of: "=") else {
                throw ValidationError("--vary \(vary): expected PARAM=FROM:TO:STEPS, e.g. B.reservation=0.2:0.6:9")
            }
            let numbers = vary[vary.index(after: equals)...].split(separator: ":", omittingEmptySubsequences: false)
            guard numbers.count == 3, let from = Double(numbers[0]), let to = Double(numbers[1]), let steps = Int(numbers[2]),
                  from.isFinite, to.isFinite else {
                throw ValidationError("--vary \(vary): expected PARAM=FROM:TO:STEPS with two numbers and a whole number of steps, e.g. B.reservation=0.2:0.6:9")
            }
            guard from <= to else { throw ValidationError("--vary \(vary): FROM \(numbers[0]) is above TO \(numbers[1])") }
            guard (2...10_000).contains(steps) else { throw ValidationError("--vary \(vary): STEPS must be between 2 and 10000, found \(steps)") }
            return (String(vary[..<equals]), from, to, steps)
        }
    }

    func validate() throws {
        _ = try range
        if let plot, (plot as NSString).pathExtension.lowercased() != "svg" {
            throw ValidationError("--plot \(plot): the plot is an SVG file; give a name ending in .svg")
        }
    }

    func run() throws {
        try reportingErrors {
            try refuseOverwritingInputs(output: output.output, inputs: input.paths)
            try refuseOverwritingInputs(output: plot, inputs: input.paths)
            let range = try range
            let scenario = try input.load()
            if plot != nil, scenario.parties.count > SweepPlot.maximumParties {
                throw ValidationError("\(input.fileName) has \(scenario.parties.count) parties; a sweep plot shows at most \(SweepPlot.maximumParties); write the sweep as CSV or JSON instead")
            }
            printWarnings(scenario, file: input.fileName, only: isAboutExactness)
            let sweep: Sweep
            do {
                let parameter = try SensitivityParameter(range.path, in: scenario)
                let settings = frontierOptions.settings
                sweep = try ProgressBar.run(label: "sweeping", unit: "steps", quiet: output.quiet) { progress in
                    progress?.expect(Double(range.steps))
                    return try Sweep(
                        scenario: scenario, parameter: parameter, from: range.from, to: range.to, steps: range.steps,
                        concepts: solutions.concepts, settings: settings, file: input.fileName) { progress?.add(1) }
                }
            } catch let error as SensitivityError {
                throw ValidationError("\(input.fileName): --vary: \(error.description)")
            }
            keepUntilExit(sweep)
            if let plot { try writeAtomically(SweepPlot(sweep: sweep).svg, to: plot) }
            switch output.resolvedFormat {
            case .json: try output.emit(json: sweep.json)
            case .csv: try output.emit(sweep.csv)
            case .text: try output.emit(sweep.text)
            }
        }
    }
}
