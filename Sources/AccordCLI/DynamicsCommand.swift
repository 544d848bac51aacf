import Accord
import ArgumentParser
import Foundation

struct DynamicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamics",
        abstract: "How the bargaining unfolds: Rubinstein alternating offers or the Zeuthen concession path.",
        discussion: """
            rubinstein: the stationary subgame-perfect agreement of alternating offers when each \
            round of delay shrinks a party's gain by its discount factor δ (the more patient \
            party gets more). As offers come ever faster (δ_i = e^(−r_i·Δ), Δ → 0) the agreement \
            tends to the Nash solution with power ∝ 1/r_i = 1/(−ln δ_i): the discount factors, \
            not the scenario's 'power', set the powers of that limit. On a discrete scenario the \
            bargaining set is the convex hull of the Pareto frontier, so the agreement can be a \
            lottery between two neighbouring packages; a scenario with a single divisible or \
            range issue uses its continuous frontier; with several continuous issues, or \
            discrete and continuous ones, the set is the convex hull of the exact frontier \
            curves of the continuous issues, one per Pareto-optimal package of the discrete \
            issues (pure along a curve, a lottery where the hull bridges two); Zeuthen's offers \
            are points of their upper envelope.
            zeuthen: both parties open with their best package; in every round the party with \
            the smaller weighted risk 1 − (1 − risk)^(p_i/p̄) concedes (risk = what it would lose \
            by accepting the other's offer, as a share of its gain; p_i its power, p̄ the mean \
            power: with equal power, Zeuthen's own rule), making the smallest concession that \
            shifts the risk to the other, until one accepts — the path converges to the Nash \
            solution with the scenario's power.
            Two parties only. Discount factors come from --discount, else from each party's \
            'discount' in the scenario.

            Examples:
              accord dynamics Data/blue-harbor.yaml --protocol rubinstein
              accord dynamics Data/blue-harbor-discrete.yaml --protocol rubinstein --discount A=0.9,B=0.8
              accord dynamics Data/blue-harbor-discrete.yaml --protocol zeuthen --first B
              accord dynamics pie.yaml --protocol rubinstein --discount A=0.95,B=0.9 --format json
            """
    )

    @OptionGroup var input: ScenarioArgument

    @Option(name: .long, help: "Protocol.")
    var `protocol`: DynamicsProtocol

    @Option(name: .long, help: "Discount factors per round, e.g. A=0.9,B=0.8 (Rubinstein).", transform: DiscountList.init(parsing:))
    var discount: DiscountList?

    @Option(name: .long, help: "The party that proposes first (default: the first party).")
    var first: String?

    @OptionGroup var frontierOptions: FrontierOptions

    @OptionGroup var output: OutputOptions<DynamicsFormat>

    func validate() throws {
        if discount != nil, `protocol` != .rubinstein {
            throw ValidationError("--discount applies to --protocol rubinstein only")
        }
    }

    func run() throws {
        try reportingErrors {
            try refuseOverwritingInputs(output: output.output, inputs: input.paths)
            let format = output.resolvedFormat
            let scenario = try input.loadWarningAboutExactness()
            var first = 0
            if let id = self.first {
                guard let index = scenario.partyIndex(id) else {
                    throw ValidationError("--first names unknown party '\(id)'; parties: \(scenario.parties.map(\.id).joined(separator: ", "))")
                }
                first = index
            }
            // Three or more parties: the library refuses the scenario itself (exit 65).
            let factors = `protocol` == .rubinstein && scenario.parties.count == 2
                ? try (discount ?? DiscountList()).factors(for: scenario) : nil
            let report = try Dynamics.run(
                scenario, file: input.fileName, protocol: `protocol`, discount: factors, first: first, settings: frontierOptions.settings)
            switch format {
            case .json: try output.emit(json: report.json)
            case .text: try output.emit(report.text)
            }
        }
    }
}

extension DynamicsProtocol: ExpressibleByArgument {}

/// `--discount A=0.9,B=0.8`: discount factors by party id, parsed once when the command line is
/// read; `factors(for:)` puts them in party order, filling in the scenario's `discount:`.
struct DiscountList {
    /// The factors in command-line order, each in (0, 1], no party twice.
    var entries: [(party: String, factor: Double)] = []

    init() {}

    /// Parses `A=0.9,B=0.8`.
    ///
    /// - Throws: `ValidationError` (exit 64) for a malformed entry, a repeated party or a factor
    ///   outside (0, 1].
    init(parsing text: String) throws {
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = entry.split(separator: "=", omittingEmptySubsequences: false)
            let name = parts.first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            guard parts.count == 2, !name.isEmpty else {
                throw ValidationError("expected PARTY=FACTOR pairs separated by commas, e.g. A=0.9,B=0.8; found '\(entry)'")
            }
            guard let value = Double(parts[1].trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw ValidationError("'\(parts[1])' for party '\(name)' is not a number")
            }
            guard value > 0, value <= 1 else {
                throw ValidationError("the factor of '\(name)' must be in (0, 1], found \(numberText(value))")
            }
            guard !entries.contains(where: { $0.party == name }) else {
                throw ValidationError("party '\(name)' is given twice")
            }
            entries.append((name, value))
        }
    }

    /// Each party's discount factor, in party order: from the command line, else the scenario's
    /// `discount`.
    ///
    /// - Throws: `ValidationError` naming an unknown party, a party with no discount factor, or
    ///   when every factor is 1 (then every split is an equilibrium).
    func factors(for scenario: Scenario) throws -> [Double] {
        for entry in entries where scenario.partyIndex(entry.party) == nil {
            throw ValidationError("--discount names unknown party '\(entry.party)'; parties: \(scenario.parties.map(\.id).joined(separator: ", "))")
        }
        var result: [Double] = []
        for party in scenario.parties {
            guard let value = entries.first(where: { $0.party == party.id })?.factor ?? party.discount else {
                throw ValidationError("no discount factor for party '\(party.id)': give --discount \(party.id)=0.9 (or 'discount:' for the party in the scenario)")
            }
            result.append(value)
        }
        if result.allSatisfy({ $0 == 1 }) {
            throw ValidationError("every discount factor is 1: with no cost of delay every split is an equilibrium; give at least one factor below 1")
        }
        return result
    }
}
