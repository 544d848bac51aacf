import Accord
import ArgumentParser

struct CoalitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coalitions",
        abstract: "Under the scenario's decision rule: who accepts a package, winning and blocking coalitions, voting power, surplus sharing.",
        discussion: """
            The decision rule is the scenario's decision_rule (unanimity by default; majority, \
            weighted quota, double majority, entry-into-force thresholds: see the README). For the \
            Nash solution of the whole table (or --package), reports which parties accept it \
            (no red line of theirs crossed, u ≥ d), whether they form a winning coalition, the \
            pivotal parties, the veto players (in every winning coalition that can agree on some \
            package), the minimal winning coalitions that can agree (each with the Nash solution \
            of its members; all listed up to 25 parties, counted beyond with a few small ones \
            listed), and the Shapley–Shubik and \
            Banzhaf voting power of each party under the rule (exact, 195 parties included). \
            With --transfers (discrete scenarios): the TU game v(S) = the largest joint gain \
            Σ(u_i − d_i) a winning coalition S can adopt (0 for losing S), its Shapley value, \
            core and nucleolus up to 20 parties; up to 64, a sampling estimate of the Shapley \
            value with 95% intervals. With --blocs (a 'blocs:' section): each bloc \
            accepts when its accepting members pass its own rule, and then votes as one; the \
            report gives the agreement inside each bloc and among the blocs (and the parties in \
            no bloc), with the blocs' voting power.

            Examples:
              accord coalitions Data/climate-finance.yaml
              accord coalitions Data/climate-finance.yaml --transfers --format json -o coalitions.json
              accord coalitions Data/climate-finance.yaml --package fund_size=usd_300bn,contributor_base=voluntary_developing,grant_share=grants_50,adaptation_share=adapt_50,loss_damage=voluntary_pledges,ambition=transition_away,verification=expert_review,governance=cop_authority
              accord coalitions Data/climate-195.yaml --blocs
            """
    )

    @OptionGroup var input: ScenarioArgument

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The package to analyse instead of the Nash solution: every issue, comma-separated, as an option, a range's number or a divisible issue's shares PARTY:SHARE/...",
            valueName: "ISSUE=VALUE,..."))
    var package: String?

    @Flag(name: .long, help: "Also share the surplus with side payments: the TU game's Shapley value, core and nucleolus.")
    var transfers = false

    @Flag(name: .long, help: "Also analyse the package with the scenario's blocs voting as one: inside each bloc (its own rule) and among blocs.")
    var blocs = false

    @Option(name: .long, help: "The most minimal winning coalitions to list (all are counted).")
    var list: Int = CoalitionAnalysis.defaultListLimit

    @OptionGroup var output: OutputOptions<CoalitionsFormat>

    func validate() throws {
        guard (0...10_000).contains(list) else { throw ValidationError("--list must be between 0 and 10000, found \(list)") }
        if let package { _ = try IssueAssignments.pairs(package, option: "--package", example: "fisheries=open_access,wind_revenue=A:0.45/B:0.55") }
    }

    /// `--package` as a complete package of `scenario`.
    private func givenPackage(_ scenario: Scenario) throws -> [IssueValue]? {
        guard let package else { return nil }
        var values = [IssueValue?](repeating: nil, count: scenario.issues.count)
        for (id, text) in try IssueAssignments.pairs(package, option: "--package", example: "fisheries=open_access") {
            let j = try IssueAssignments.issue(id, in: scenario, option: "--package")
            guard values[j] == nil else { throw ValidationError("--package: issue '\(id)' is given twice") }
            values[j] = try IssueAssignments.value(text, of: scenario.issues[j], parties: scenario.parties, option: "--package")
        }
        let missing = scenario.issues.indices.filter { values[$0] == nil }.map { scenario.issues[$0].id }
        guard missing.isEmpty else { throw ValidationError("--package: give every issue; missing \(missing.joined(separator: ", "))") }
        return values.compactMap { $0 }
    }

    func run() throws {
        try reportingErrors {
            try refuseOverwritingInputs(output: output.output, inputs: input.paths)
            let format = output.resolvedFormat
            let scenario = try input.loadWarningAboutExactness()
            let given = try givenPackage(scenario)
            if blocs, scenario.blocs.isEmpty {
                throw ValidationError("--blocs: \(input.fileName) has no blocs; add a 'blocs:' section (e.g. blocs: [{id: NORTH, members: [A, B], decision_rule: {kind: majority}}])")
            }
            let problem = try BargainingProblem(scenario, file: input.fileName, concepts: [.nash])
            let analysis: CoalitionAnalysis
            do {
                analysis = try CoalitionAnalysis.analyze(problem, package: given, transfers: transfers, blocs: blocs, listLimit: list)
            } catch {
                throw ScenarioError.unsupported(file: input.fileName, reason: "decision_rule: \(error)")
            }
            switch format {
            case .json: try output.emit(json: analysis.json)
            default: try output.emit(analysis.text)
            }
        }
    }
}
