import Accord
import ArgumentParser

struct DynamicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamics",
        abstract: "How the bargaining unfolds: Rubinstein alternating offers or the Zeuthen concession path.",
        discussion: """
            rubinstein: the stationary subgame-perfect agreement of alternating offers when each \
            round of delay shrinks a party's gain by its discount factor δ (the more patient \
            party gets more; as every δ → 1 the agreement tends to the Nash solution). On a \
            discrete scenario the bargaining set is the convex hull of the Pareto frontier, so \
            the agreement can be a lottery between two neighbouring packages; a scenario with a \
            single divisible or range issue uses its continuous frontier.
            zeuthen: both parties open with their best package; in every round the party less \
            willing to risk conflict makes the smallest concession that shifts the risk to the \
            other, until one accepts — the path converges to the Nash solution.
            Two parties only. Discount factors come from --discount, else from each party's \
            'discount' in the scenario.

            Examples:
              accord dynamics Data/blue-harbor.yaml --protocol rubinstein --discount A=0.9,B=0.8
              accord dynamics Data/blue-harbor.yaml --protocol zeuthen --first B
              accord dynamics pie.yaml --protocol rubinstein --discount A=0.95,B=0.9 --format json
            """
    )

    @OptionGroup var input: ScenarioArgument

    @Option(name: .long, help: "Protocol: rubinstein or zeuthen.")
    var `protocol`: String

    @Option(name: .long, help: "Discount factors per round, e.g. A=0.9,B=0.8 (Rubinstein).")
    var discount: String?

    @Option(name: .long, help: "The party that proposes first (default: the first party).")
    var first: String?

    @OptionGroup var output: OutputOptions<DynamicsFormat>

    func validate() throws {
        guard let kind = DynamicsProtocol(rawValue: `protocol`) else {
            throw ValidationError("unknown --protocol '\(`protocol`)'; use rubinstein or zeuthen")
        }
        if let discount {
            guard kind == .rubinstein else { throw ValidationError("--discount applies to --protocol rubinstein only") }
            do { _ = try Dynamics.parseDiscounts(discount) } catch { throw ValidationError(error.message) }
        }
    }

    func run() throws {
        try reportingErrors {
            let format = output.resolvedFormat
            let kind = DynamicsProtocol(rawValue: `protocol`) ?? .rubinstein
            let scenario = try input.load()
            var first = 0
            if let id = self.first {
                guard let index = scenario.partyIndex(id) else {
                    throw ValidationError("--first names unknown party '\(id)'; parties: \(scenario.parties.map(\.id).joined(separator: ", "))")
                }
                first = index
            }
            var factors: [Double]? = nil
            if kind == .rubinstein, scenario.parties.count == 2 {
                do {
                    var given: [(party: String, discount: Double)] = []
                    if let discount { given = try Dynamics.parseDiscounts(discount) }
                    factors = try Dynamics.discounts(for: scenario, given: given)
                } catch let error as DynamicsUsageError {
                    throw ValidationError(error.message)
                }
            }
            let report = try Dynamics.run(scenario, file: input.fileName, protocol: kind, discount: factors, first: first)
            switch format {
            case .json: try output.emit(report.json.rendered())
            default: try output.emit(report.text)
            }
        }
    }
}
