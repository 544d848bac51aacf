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

    /// `--status-quo` as `(issue id, value text)` pairs, in the order given.
    private func statusQuoAssignments() throws -> [(issue: String, value: String)] {
        try statusQuo.map { try IssueAssignments.pairs($0, option: "--status-quo", example: "fisheries=open_access") } ?? []
    }

    /// The scenario with `--status-quo` applied.
    ///
    /// - Throws: `ValidationError` (usage, exit 64) naming an unknown issue, an unknown option
    ///   (with the options it has), or a value that does not fit a range or divisible issue.
    private func applyingStatusQuo(to scenario: Scenario) throws -> Scenario {
        var scenario = scenario
        for (issueID, text) in try statusQuoAssignments() {
            let j = try IssueAssignments.issue(issueID, in: scenario, option: "--status-quo")
            scenario.issues[j].statusQuo = try IssueAssignments.value(text, of: scenario.issues[j], parties: scenario.parties, option: "--status-quo")
        }
        return scenario
    }

    func run() throws {
        try reportingErrors {
            try refuseOverwritingInputs(output: output.output, inputs: input.paths)
            let format = output.resolvedFormat
            let scenario = try input.loadWarningAboutExactness(applyingStatusQuo)
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
