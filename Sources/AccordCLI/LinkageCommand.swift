import Accord
import ArgumentParser

extension LinkageBaseline: ExpressibleByArgument {}

struct LinkageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linkage",
        abstract: "Separate tracks versus a package deal: value of linkage, trades, bundling, menu of packages.",
        discussion: """
            Bargains each track (issues sharing a `track`) alone by Nash, with the other tracks at \
            their status quo, and compares that with the linked package of all issues: each \
            party's gain (over the status quo, or over its reservation with --baseline \
            reservation), the value of linkage (and whether linkage leaves a party worse off), \
            the trades that make the package (who concedes which issue in exchange for what, \
            and at what rate), the best partition of the tracks into linked bundles, the top \
            packages near the Nash solution and the red lines that bind. Range and divisible \
            issues are bargained exactly (a track with one is a concave solve); the packages \
            near the Nash solution are then the best packages of the discrete issues, each with \
            its continuous issues settled by Nash. Needs a status quo on every issue: from the \
            scenario's status_quo, or given with --status-quo (GENIUS files have none); a \
            divisible issue without one is not divided (every party's share 0).

            Examples:
              accord linkage Data/blue-harbor.yaml
              accord linkage Data/blue-harbor-discrete.yaml
              accord linkage Data/blue-harbor-discrete.yaml --top 10 --format json -o linkage.json
              accord linkage Data/trade-agreement.yaml --format md -o linkage.md
              accord linkage Data/blue-harbor-discrete.yaml --baseline reservation
              accord linkage --genius Data/genius/job-offer/domain.xml Data/genius/job-offer/employer.xml Data/genius/job-offer/candidate.xml --status-quo ISSUE=VALUE,ISSUE=VALUE
            """
    )

    @OptionGroup var input: ScenarioArgument

    @Option(name: .long, help: "Number of packages near the Nash solution to list.")
    var top: Int = 5

    @Option(name: .long, help: "What gains are measured from: status_quo (default) or reservation.")
    var baseline: LinkageBaseline = .statusQuo

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The status quo of issues, comma-separated (overrides the scenario's status_quo; needed with --genius): an option, a range's number, or a divisible issue's shares PARTY:SHARE/..., e.g. --status-quo fisheries=open_access,wind_revenue=A:0.5/B:0.5.",
            valueName: "ISSUE=VALUE,..."))
    var statusQuo: String?

    @OptionGroup var frontierOptions: FrontierOptions

    @OptionGroup var output: OutputOptions<LinkageFormat>

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1, found \(top)") }
        guard top <= 1000 else { throw ValidationError("--top must be at most 1000, found \(top)") }
        _ = try statusQuoAssignments()
    }

    /// `--status-quo` as `(issue id, option name)` pairs, in the order given.
    private func statusQuoAssignments() throws -> [(issue: String, option: String)] {
        guard let statusQuo else { return [] }
        return try statusQuo.split(separator: ",", omittingEmptySubsequences: false).map { entry in
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--status-quo expects ISSUE=VALUE,... (e.g. fisheries=open_access), found '\(entry)'")
            }
            return (parts[0], parts[1])
        }
    }

    /// The scenario with `--status-quo` applied.
    ///
    /// - Throws: `ValidationError` (usage, exit 64) naming an unknown issue, an unknown option
    ///   (with the options it has), or a value that does not fit a range or divisible issue.
    private func applyingStatusQuo(to scenario: Scenario) throws -> Scenario {
        var scenario = scenario
        for (issueID, text) in try statusQuoAssignments() {
            guard let j = scenario.issues.firstIndex(where: { $0.id == issueID }) else {
                throw ValidationError("--status-quo: unknown issue '\(issueID)'; the issues are \(scenario.issues.map(\.id).joined(separator: ", "))")
            }
            scenario.issues[j].statusQuo = try statusQuoValue(text, of: scenario.issues[j], parties: scenario.parties)
        }
        return scenario
    }

    /// A `--status-quo` value: an option's name, a range's number, or a divisible issue's shares
    /// as `PARTY:SHARE/PARTY:SHARE` (every party once, summing to 1), checked as the scenario's
    /// own `status_quo` is.
    private func statusQuoValue(_ text: String, of issue: Issue, parties: [Party]) throws -> IssueValue {
        let value: IssueValue
        switch issue.domain {
        case .options(let options):
            guard let option = options.firstIndex(of: text) else {
                throw ValidationError("--status-quo: issue '\(issue.id)' has no option '\(text)'; its options are \(options.joined(separator: ", "))")
            }
            value = .option(option)
        case .range:
            guard let x = Double(text) else { throw ValidationError("--status-quo: range issue '\(issue.id)' takes a number, found '\(text)'") }
            value = .number(x)
        case .divisible:
            var shares = Array(repeating: Double.nan, count: parties.count)
            for entry in text.split(separator: "/", omittingEmptySubsequences: false) {
                let parts = entry.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let i = parties.firstIndex(where: { $0.id == parts[0] }), shares[i].isNaN, let share = Double(parts[1]) else {
                    throw ValidationError("--status-quo: divisible issue '\(issue.id)' takes a share per party, PARTY:SHARE/PARTY:SHARE (e.g. \(parties.map { "\($0.id):\(numberText(1 / Double(parties.count)))" }.joined(separator: "/"))), found '\(text)'")
                }
                shares[i] = share
            }
            if let missing = shares.indices.first(where: { shares[$0].isNaN }) {
                throw ValidationError("--status-quo: issue '\(issue.id)' lacks the share of party '\(parties[missing].id)'")
            }
            value = .shares(shares)
        }
        if let problem = ScenarioValidation.value(value, of: issue, parties: parties, at: "").first {
            throw ValidationError("--status-quo: issue '\(issue.id)': \(problem.message)")
        }
        return value
    }

    func run() throws {
        try reportingErrors {
            try refuseOverwritingInputs(output: output.output, inputs: input.paths)
            let format = output.resolvedFormat
            let scenario = try applyingStatusQuo(to: try input.load())
            printWarnings(scenario, file: input.fileName, only: isAboutExactness)
            var settings = LinkageSettings()
            settings.top = top
            settings.baseline = baseline
            settings.solver = frontierOptions.settings
            let report = try LinkageAnalysis.analyze(scenario, file: input.fileName, settings: settings)
            switch format {
            case .json: try output.emit(json: report.json)
            case .md: try output.emit(report.markdown)
            default: try output.emit(report.text)
            }
        }
    }
}
