import AccordLinkage
import AccordModel
import AccordSensitivity
import AccordSolutions
import AccordSpace
import Foundation

/// The files of `accord report SCENARIO -o DIR`, made in memory (nothing is written until every
/// one is ready): `report.md` — the negotiation in words, the frontier plot, the four solutions
/// side by side with each party's per-issue contributions, the linkage analysis, the tornado
/// and a sweep of the number with the largest swing, the Monte Carlo where the scenario has an
/// `uncertainty:` section —, `frontier.svg`, `tornado.svg`, `sensitivity.svg`, `frontier.csv`
/// and `result.json` (each analysis's JSON under its name). An analysis that does not apply to
/// the scenario (linkage with one track, a plot of too many parties, Monte Carlo on continuous
/// issues) is left out with the reason in the report.
public struct ScenarioReport: Sendable {
    public struct Options: Sendable {
        /// The tornado's move, as a fraction (0.2: ±20%).
        public var fraction = 0.2
        public var samples = 10_000
        public var seed: UInt64 = 1
        public var settings = SolverSettings()

        public init() {}
    }

    /// File name and contents, in the order written.
    public let files: [(name: String, contents: String)]
    /// What was left out, and why.
    public let omitted: [String]

    /// The steps the report counts for progress: solve, frontier, linkage, each number of the
    /// tornado, sweep, Monte Carlo.
    public static func steps(of scenario: Scenario) -> Int { 5 + SensitivityParameter.all(in: scenario).count }

    /// - Throws: `ScenarioError` when the scenario cannot be solved (a refusal).
    public init(scenario: Scenario, file: String, options: Options = Options(), stepDone: (@Sendable () -> Void)? = nil) throws(ScenarioError) {
        var omitted: [String] = []
        let problem = try BargainingProblem(scenario, file: file, concepts: SolutionConcept.allCases)
        let solution = Solver.solve(problem, settings: options.settings)
        if case .refused(let refusal) = solution.status { throw ScenarioError.refused(file: file, refusal) }
        stepDone?()

        // The frontier: its plot and CSV.
        var frontierSVG: String?, frontierCSV = ""
        if problem.concave != nil {
            if case .success(let sample)? = Solver.continuousFrontier(of: problem, settings: options.settings) {
                frontierCSV = sample.csv
                if scenario.parties.count <= FrontierPlot.maximumParties { frontierSVG = FrontierPlot(report: solution, sample: sample).svg }
            }
        } else if let frontier = solution.frontier {
            frontier.writeCSV(to: &frontierCSV)
            if scenario.parties.count <= FrontierPlot.maximumParties { frontierSVG = FrontierPlot(report: solution).svg }
        }
        if frontierSVG == nil { omitted.append("frontier plot: \(scenario.parties.count) parties (a plot shows up to \(FrontierPlot.maximumParties))") }
        stepDone?()

        var linkage: LinkageReport?
        if scenario.tracks.count < 2 {
            omitted.append("linkage: the scenario has one track (give issues a `track:` to compare separate talks with a package)")
        } else {
            var settings = LinkageSettings()
            settings.solver = options.settings
            do { linkage = try LinkageAnalysis.analyze(scenario, file: file, settings: settings) } catch { omitted.append("linkage: \(error)") }
        }
        stepDone?()

        var tornado: Tornado?
        do { tornado = try Tornado(scenario: scenario, fraction: options.fraction, settings: options.settings, file: file) { stepDone?() } } catch {
            omitted.append("tornado: \(error.description)")
        }

        // The sweep of the number that moves the Nash solution most, over its tornado interval.
        var sweep: Sweep?
        if let top = tornado?.entries.first, top.swing > 0 {
            do {
                sweep = try Sweep(scenario: scenario, parameter: top.parameter, from: top.low, to: top.high, steps: 41,
                                  concepts: SolutionConcept.allCases, settings: options.settings, file: file)
            } catch { omitted.append("sweep: \(error.description)") }
        } else if tornado != nil {
            omitted.append("sweep: no number moves the Nash solution at ±\(formatNumber(options.fraction * 100))%")
        }
        stepDone?()

        var monteCarlo: MonteCarlo?
        if !scenario.uncertainty.isEmpty {
            do {
                monteCarlo = try MonteCarlo(scenario: scenario, settings: .init(samples: options.samples, seed: options.seed))
            } catch { omitted.append("Monte Carlo: \(error.description)") }
        }
        stepDone?()

        if tornado != nil, scenario.parties.count > TornadoPlot.maximumParties {
            omitted.append("tornado plot: \(scenario.parties.count) parties (a plot shows up to \(TornadoPlot.maximumParties)); the table has them all")
        }
        if sweep != nil, scenario.parties.count > SweepPlot.maximumParties {
            omitted.append("sweep plot: \(scenario.parties.count) parties (a plot shows up to \(SweepPlot.maximumParties))")
        }
        omitted = omitted.map { $0.replacingOccurrences(of: "\n", with: "; ") }
        var files: [(String, String)] = []
        var markdown = ReportMarkdown(scenario: scenario)
        markdown.negotiation()
        markdown.frontier(solution, plotted: frontierSVG != nil)
        markdown.solutions(solution)
        markdown.linkage(linkage)
        markdown.sensitivity(tornado: tornado, sweep: sweep, plotted: (tornado: tornado != nil && scenario.parties.count <= TornadoPlot.maximumParties,
                                                                     sweep: sweep != nil && scenario.parties.count <= SweepPlot.maximumParties))
        markdown.monteCarlo(monteCarlo)
        markdown.omitted(omitted)
        files.append(("report.md", markdown.text))
        if let frontierSVG { files.append(("frontier.svg", frontierSVG)) }
        if let tornado, scenario.parties.count <= TornadoPlot.maximumParties { files.append(("tornado.svg", TornadoPlot(tornado: tornado).svg)) }
        if let sweep, scenario.parties.count <= SweepPlot.maximumParties { files.append(("sensitivity.svg", SweepPlot(sweep: sweep).svg)) }
        files.append(("frontier.csv", frontierCSV))
        let result: JSONValue = .object([
            ("scenario", .string(scenario.name)),
            ("solve", solution.json(explain: true)),
            ("linkage", linkage?.json ?? .null),
            ("tornado", tornado?.json ?? .null),
            ("sweep", sweep?.json ?? .null),
            ("monte_carlo", monteCarlo?.json ?? .null),
            ("omitted", .array(omitted.map { .string($0) })),
        ])
        files.append(("result.json", result.rendered() + "\n"))
        self.files = files
        self.omitted = omitted
    }
}

/// The sections of `report.md`.
private struct ReportMarkdown {
    let scenario: Scenario
    var lines: [String] = []

    init(scenario: Scenario) {
        self.scenario = scenario
        lines = ["# \(scenario.name)", ""]
        if let description = scenario.description { lines += [description.trimmingCharacters(in: .whitespacesAndNewlines), ""] }
        lines.append("What rational parties can agree on, computed by Accord from the scenario file; every figure below can be reproduced with the `accord` command named in its section.")
        lines.append("")
    }

    var text: String { lines.joined(separator: "\n") + "\n" }

    private func name(_ party: Int) -> String { scenario.parties[party].name ?? scenario.parties[party].id }

    private static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }

    mutating func negotiation() {
        lines += ["## The negotiation", ""]
        let rule = scenario.disagreement == .reservation
            ? "Without an agreement each party falls back on its best alternative (its reservation utility, or BATNA)."
            : "Without an agreement every issue stays at its status quo: each party's disagreement utility is its utility of the status quo package."
        lines += [rule, ""]
        lines.append("| Party | Name | Reservation (BATNA) | Bargaining power |")
        lines.append("|---|---|---:|---:|")
        for party in scenario.parties {
            lines.append("| \(Self.cell(party.id)) | \(Self.cell(party.name ?? "—")) | \(formatNumber(party.reservation)) | \(formatNumber(party.power)) |")
        }
        lines += ["", "| Issue | Track | Options | Status quo |", "|---|---|---|---|"]
        for (j, issue) in scenario.issues.enumerated() {
            let options: String
            switch issue.domain {
            case .options(let names): options = names.joined(separator: ", ")
            case .range(let lower, let upper): options = "any number from \(formatNumber(lower)) to \(formatNumber(upper))"
            case .divisible: options = "divisible: shares that add up to 1"
            }
            let statusQuo = issue.statusQuo.map { scenario.describe($0, issue: j) } ?? "—"
            lines.append("| \(Self.cell(issue.name ?? issue.id)) | \(Self.cell(issue.track)) | \(Self.cell(options)) | \(Self.cell(statusQuo)) |")
        }
        lines.append("")
        var any = false
        for (i, preference) in scenario.preferences.enumerated() {
            let redLines = preference.redLines.indices.map { scenario.describeRedLine(RedLineReference(party: i, index: $0)) }
            let interactions = preference.interactions.map { interaction in
                "\(interaction.value >= 0 ? "+" : "")\(formatNumber(interaction.value)) when "
                    + interaction.when.map { "\(scenario.issues[$0.issue].id) is \(scenario.describe(.option($0.option), issue: $0.issue))" }.joined(separator: " and ")
            }
            guard !redLines.isEmpty || !interactions.isEmpty else { continue }
            if !any { lines += ["Red lines (packages a party never accepts) and interactions (utility that only a combination of options brings):", ""] }
            any = true
            for redLine in redLines { lines.append("- **\(name(i))**: red line — \(redLine)") }
            for interaction in interactions { lines.append("- **\(name(i))**: interaction — \(interaction)") }
        }
        if any { lines.append("") }
    }

    mutating func frontier(_ solution: BargainingSolution, plotted: Bool) {
        lines += ["## The Pareto frontier", ""]
        var summary: [String] = []
        if let packages = solution.packages { summary.append("\(formatNumber(packages)) packages in all") }
        if let acceptable = solution.acceptable { summary.append("\(acceptable) acceptable to every party") }
        if solution.frontier != nil, !solution.isContinuous { summary.append("\(solution.frontierSize) on the frontier (`frontier.csv`)") }
        if !summary.isEmpty { lines += [summary.joined(separator: ", ") + ".", ""] }
        if plotted { lines += ["![The Pareto frontier, the disagreement point and the four solutions](frontier.svg)", ""] }
        lines += ["`accord frontier SCENARIO --plot frontier.svg` draws it.", ""]
    }

    mutating func solutions(_ solution: BargainingSolution) {
        lines += ["## The solutions", ""]
        lines += Self.embedded(solution.markdown(explain: true), in: scenario)
        lines += ["", "`accord solve SCENARIO --explain` gives the same; the definitions are those of DESIGN.md §1.3 (Nash: the largest product of gains; Kalai–Smorodinsky: gains in proportion to each party's best; egalitarian: the largest smallest gain; utilitarian: the largest sum).", ""]
    }

    mutating func linkage(_ report: LinkageReport?) {
        guard let report else { return }
        lines += ["## Separate tracks or one package?", ""]
        lines += Self.embedded(report.markdown, in: scenario)
        lines += ["", "`accord linkage SCENARIO` gives the same.", ""]
    }

    mutating func sensitivity(tornado: Tornado?, sweep: Sweep?, plotted: (tornado: Bool, sweep: Bool)) {
        guard tornado != nil || sweep != nil else { return }
        lines += ["## What moves the answer", ""]
        if let tornado {
            let percent = formatNumber(tornado.fraction * 100)
            lines += ["Every number of the scenario moved by ±\(percent)% alone, ranked by its swing (the widest range of any party's Nash utility over the interval); the ten largest:", ""]
            lines.append("| Number | Low → high | " + scenario.parties.map { "\(Self.cell($0.id)) Nash utility" }.joined(separator: " | ") + " | Swing | Nash package changes |")
            lines.append("|---|---|" + String(repeating: "---|", count: scenario.parties.count) + "---:|---|")
            for entry in tornado.entries.prefix(10) {
                let ranges = entry.ranges.map { formatNumber($0.lowerBound) + "–" + formatNumber($0.upperBound) }
                let changes = entry.packageChanges ? "yes" + (entry.crossovers.map { " (at " + $0.map(formatNumber).joined(separator: ", ") + ")" } ?? "") : "no"
                lines.append("| `\(entry.parameter.path)` | \(formatNumber(entry.low)) → \(formatNumber(entry.high)) | " + ranges.joined(separator: " | ")
                    + " | \(formatNumber(entry.swing)) | \(changes) |")
            }
            let still = tornado.entries.filter { !$0.packageChanges }.count
            lines += ["", "\(still) of the \(tornado.entries.count) numbers cannot change the Nash package within ±\(percent)%.", ""]
            if plotted.tornado { lines += ["![Tornado: the numbers with the largest swing](tornado.svg)", ""] }
            lines += ["`accord sensitivity SCENARIO --tornado \(percent)%` gives every number.", ""]
        }
        if let sweep {
            lines += ["### \(sweep.parameter.path) from \(formatNumber(sweep.from)) to \(formatNumber(sweep.to))", ""]
            lines += ["The number with the largest swing, swept over its interval (\(sweep.steps.count) solves):", ""]
            if let crossovers = sweep.crossovers {
                if crossovers.isEmpty { lines.append("No solution changes its package in this range.") }
                for crossover in crossovers {
                    lines.append("- at \(formatNumber(crossover.value)), \(crossover.concept.title): \(sweep.change(crossover.from, crossover.to))")
                }
            } else if let note = sweep.crossoverNote {
                lines.append("Crossovers not computed: \(note).")
            }
            lines.append("")
            if plotted.sweep { lines += ["![Each party's utility of each solution along the sweep](sensitivity.svg)", ""] }
            lines += ["`accord sensitivity SCENARIO --vary \(sweep.parameter.path)=\(formatNumber(sweep.from)):\(formatNumber(sweep.to)):\(sweep.steps.count)` gives the same.", ""]
        }
    }

    mutating func monteCarlo(_ run: MonteCarlo?) {
        guard let run else { return }
        lines += ["## Robustness (Monte Carlo)", ""]
        lines += ["The scenario's `uncertainty:` section drawn \(run.settings.samples) times (seed \(run.settings.seed)):", "", "```"]
        lines += run.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
        lines += ["```", "", "`accord sensitivity SCENARIO --samples \(run.settings.samples) --seed \(run.settings.seed)` gives the same.", ""]
    }

    mutating func omitted(_ reasons: [String]) {
        guard !reasons.isEmpty else { return }
        lines += ["## Not in this report", ""]
        lines += reasons.map { "- \($0)" }
        lines.append("")
    }

    /// Another report's Markdown inside this one: its title and the scenario's description
    /// dropped, its headings one level down.
    static func embedded(_ markdown: String, in scenario: Scenario) -> [String] {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.first?.hasPrefix("# ") == true { lines.removeFirst() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        if let description = scenario.description?.trimmingCharacters(in: .whitespacesAndNewlines), lines.first == description { lines.removeFirst() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.hasPrefix("#") ? "#" + $0 : $0 }
    }
}
