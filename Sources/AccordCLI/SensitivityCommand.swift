import Accord
import ArgumentParser
import Foundation

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Find where and how much the solutions move when the scenario's numbers change.",
        discussion: """
            --vary PARAM=FROM:TO:STEPS solves the scenario with PARAM at STEPS evenly spaced \
            values from FROM to TO (a full solve each), and computes the exact crossovers: every \
            value in the range where a solution's package changes (roots of the affine functions \
            the parameter moves, not a bisected grid; discrete scenarios). PARAM is a party's \
            reservation, power or discount, a weight (A.weights.ISSUE), an option's value \
            (A.values.ISSUE.OPTION) or an interaction's value (A.interactions.K, K from 0), with \
            the scenario's ids.

            --tornado X% moves every such number (but discounts, which only the dynamics use) by \
            ±X% alone and reports, for each, the range of each party's Nash utility over the \
            interval, whether the Nash package changes in it (and where: exact crossovers on \
            discrete scenarios) and the swing, the widest range; largest swing first.

            --samples N draws the numbers of the scenario's uncertainty: section (and with \
            --noise σ, normal noise on every option value; without either, noise σ = 0.05) N \
            times and reports how often each \
            package is the Nash and the Kalai–Smorodinsky solution, each party's utility (mean, \
            5%, 95%), how often an agreement zone exists, and the robust packages. The same \
            --seed gives the same result, whatever the number of cores.

            Examples:
              accord sensitivity Data/blue-harbor-discrete.yaml --vary B.reservation=0.2:0.6:9
              accord sensitivity Data/blue-harbor-discrete.yaml --vary A.weights.fisheries=0:1:11 --solutions nash
              accord sensitivity Data/blue-harbor-discrete.yaml --vary B.reservation=0.2:0.6:41 --plot sweep.svg
              accord sensitivity Data/trade-agreement.yaml --vary NORTH.power=0.5:2:7 --format json -o sweep.json
              accord sensitivity Data/blue-harbor-discrete.yaml --tornado 20% --plot tornado.svg
              accord sensitivity Data/blue-harbor-discrete.yaml --samples 10000 --seed 7
              accord sensitivity Data/trade-agreement.yaml --samples 5000 --noise 0.05 --format json -o robustness.json
              accord sensitivity Data/blue-harbor-discrete.yaml --samples 100000 --shard 0/4 -o part0.json   # then accord merge
            """
    )

    @OptionGroup var input: ScenarioArgument

    @Option(name: .long, help: ArgumentHelp("The number to sweep and its range: PARAM=FROM:TO:STEPS, e.g. B.reservation=0.2:0.6:9 (STEPS from 2 to 10000).", valueName: "param=from:to:steps"))
    var vary: String?

    @Option(name: .long, help: ArgumentHelp("Move every number by this percentage alone, e.g. 20% (above 0 and below 100), and rank them by how far they move the Nash solution.", valueName: "percent"))
    var tornado: String?

    @Option(name: .long, help: ArgumentHelp("Draw the uncertain numbers this many times (1 to 10000000) and report how robust each package is.", valueName: "n"))
    var samples: Int?

    @Option(name: .long, help: ArgumentHelp("With --samples: the seed of the draws (the same seed, the same result).", valueName: "s"))
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("With --samples: add normal noise of this standard deviation to every option value of every party.", valueName: "σ"))
    var noise: Double?

    @Option(name: .long, help: ArgumentHelp("With --samples: compute only draws K, K+N, K+2N, … (K from 0) and write them as a part for 'accord merge', which combines the N parts into the bytes of one run.", valueName: "k/n"))
    var shard: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Solutions to sweep with --vary, comma-separated, each once: \(SolutionList.names) (default: all four).", valueName: "names"),
        transform: { text in try SolutionList(parsing: text) })
    var solutions: SolutionList?

    @OptionGroup var frontierOptions: FrontierOptions

    @Option(name: .long, help: ArgumentHelp("Also draw the result into this SVG file (only when the run succeeds): for --vary each party's utility of each solution along the parameter, the crossovers marked; for --tornado the numbers with the largest swing as bars.", valueName: "file.svg"))
    var plot: String?

    @OptionGroup var output: OutputOptions<SensitivityFormat>

    /// `PARAM=FROM:TO:STEPS` split, checked for form (the parameter itself against the scenario).
    private func range(_ vary: String) throws -> (path: String, from: Double, to: Double, steps: Int) {
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

    /// `--shard K/N`, with `0 ≤ K < N`.
    static func shard(_ text: String) throws -> MonteCarlo.Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 0, index < count else {
            throw ValidationError("--shard \(text): expected K/N with 0 <= K < N (K counts from 0), e.g. 0/4")
        }
        return MonteCarlo.Shard(index: index, count: count)
    }

    /// `--samples N` within 1...`MonteCarlo.sampleLimit`; `report --samples` is checked so too.
    static func checkSamples(_ samples: Int) throws {
        guard (1...MonteCarlo.sampleLimit).contains(samples) else {
            throw ValidationError("--samples \(samples): give a number of draws from 1 to \(MonteCarlo.sampleLimit)")
        }
    }

    /// `--tornado X%` (or `X`) as a fraction in (0, 1); `report --tornado` reads it so too.
    static func fraction(_ tornado: String) throws -> Double {
        let number = tornado.hasSuffix("%") ? String(tornado.dropLast()) : tornado
        guard let percent = Double(number.trimmingCharacters(in: .whitespaces)), percent > 0, percent < 100 else {
            throw ValidationError("--tornado \(tornado): expected a percentage above 0 and below 100, e.g. 20%")
        }
        return percent / 100
    }

    func validate() throws {
        let analyses = [vary.map { _ in "--vary" }, tornado.map { _ in "--tornado" }, samples.map { _ in "--samples" }].compactMap { $0 }
        guard !analyses.isEmpty else {
            throw ValidationError("give --vary PARAM=FROM:TO:STEPS (a sweep), --tornado X% (every number moved ±X%) or --samples N (Monte Carlo)")
        }
        guard analyses.count == 1 else { throw ValidationError("\(analyses.joined(separator: " and ")) are separate analyses; give one of them") }
        if let vary { _ = try range(vary) }
        if let tornado { _ = try Self.fraction(tornado) }
        if solutions != nil, vary == nil { throw ValidationError("--solutions applies to --vary; the tornado and the Monte Carlo are about the Nash solution") }
        if samples == nil, seed != nil || noise != nil || shard != nil { throw ValidationError("--seed, --noise and --shard apply to --samples") }
        if let shard {
            _ = try Self.shard(shard)
            if output.resolvedFormat != .json { throw ValidationError("--shard \(shard) writes a part for 'accord merge', which is JSON: give -o PART.json or --format json") }
        }
        if let samples { try Self.checkSamples(samples) }
        if let noise, !(noise.isFinite && noise > 0) { throw ValidationError("--noise \(noise): the noise is a standard deviation above 0, e.g. 0.05") }
        if samples != nil, plot != nil { throw ValidationError("--plot draws --vary and --tornado; the Monte Carlo result is text, JSON or CSV") }
        if let plot, (plot as NSString).pathExtension.lowercased() != "svg" {
            throw ValidationError("--plot \(plot): the plot is an SVG file; give a name ending in .svg")
        }
    }

    func run() throws {
        try reportingErrors {
            try refuseOverwritingInputs(output: output.output, inputs: input.paths)
            try refuseOverwritingInputs(output: plot, inputs: input.paths)
            let scenario = try input.load()
            let limit = tornado == nil ? SweepPlot.maximumParties : TornadoPlot.maximumParties
            if plot != nil, scenario.parties.count > limit {
                throw ValidationError("\(input.fileName) has \(scenario.parties.count) parties; this plot shows at most \(limit); write the result as CSV or JSON instead")
            }
            printWarnings(scenario, file: input.fileName, only: isAboutExactness)
            if let samples {
                try runSamples(scenario, samples: samples)
            } else if let tornado {
                try runTornado(scenario, fraction: try Self.fraction(tornado))
            } else if let vary {
                try runSweep(scenario, range: try range(vary))
            }
        }
    }

    private func runSweep(_ scenario: Scenario, range: (path: String, from: Double, to: Double, steps: Int)) throws {
        let sweep: Sweep
        do {
            let parameter = try SensitivityParameter(range.path, in: scenario)
            let settings = frontierOptions.settings
            let concepts = (solutions ?? .all).concepts
            sweep = try ProgressBar.run(label: "sweeping", unit: "steps", quiet: output.quiet) { progress in
                progress?.expect(Double(range.steps))
                return try Sweep(
                    scenario: scenario, parameter: parameter, from: range.from, to: range.to, steps: range.steps,
                    concepts: concepts, settings: settings, file: input.fileName) { progress?.add(1) }
            }
        } catch let error as SensitivityError {
            throw ValidationError("\(input.fileName): --vary: \(error.description)")
        }
        keepUntilExit(sweep)
        try write(plot: { SweepPlot(sweep: sweep).svg }, json: { sweep.json }, csv: { sweep.csv }, text: { sweep.text })
    }

    private func runTornado(_ scenario: Scenario, fraction: Double) throws {
        let result: Tornado
        do {
            let settings = frontierOptions.settings
            result = try ProgressBar.run(label: "tornado", unit: "numbers", quiet: output.quiet) { progress in
                progress?.expect(Double(SensitivityParameter.all(in: scenario).count))
                return try Tornado(scenario: scenario, fraction: fraction, settings: settings, file: input.fileName) { progress?.add(1) }
            }
        } catch let error as SensitivityError {
            throw ValidationError("\(input.fileName): --tornado: \(error.description)")
        }
        keepUntilExit(result)
        try write(plot: { TornadoPlot(tornado: result).svg }, json: { result.json }, csv: { result.csv }, text: { result.text })
    }

    private func runSamples(_ scenario: Scenario, samples: Int) throws {
        let result: MonteCarlo
        do {
            // Nothing uncertain in the file and no --noise: the default noise, said so.
            let noise = self.noise ?? (scenario.uncertainty.isEmpty ? MonteCarlo.defaultNoise : nil)
            if self.noise == nil, noise != nil, !output.quiet {
                printNote("note: \(input.fileName) has no uncertainty: section; adding normal noise σ = \(MonteCarlo.defaultNoise) to every option value (choose it with --noise σ)")
            }
            let part = try shard.map(Self.shard)
            let settings = MonteCarlo.Settings(samples: samples, seed: seed ?? 1, noise: noise, shard: part)
            result = try ProgressBar.run(label: "Monte Carlo", unit: "draws", quiet: output.quiet) { progress in
                progress?.expect(Double(settings.drawCount))
                return try MonteCarlo(scenario: scenario, settings: settings) { progress?.add($0) }
            }
        } catch let error as SensitivityError {
            throw ValidationError("\(input.fileName): --samples: \(error.description)")
        }
        keepUntilExit(result)
        if shard != nil { return try output.emit(json: result.partJSON) }
        try write(plot: { "" }, json: { result.json }, csv: { result.csv }, text: { result.text })
    }

    /// Writes the plot (with --plot), then the result in the format asked for.
    private func write(plot svg: () -> String, json: () -> JSONValue, csv: () -> String, text: () -> String) throws {
        if let plot { try writeAtomically(svg(), to: plot) }
        switch output.resolvedFormat {
        case .json: try output.emit(json: json())
        case .csv: try output.emit(csv())
        case .text: try output.emit(text())
        }
    }
}
