import Accord
import ArgumentParser
import Foundation

struct DynamicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamics",
        abstract: "How the bargaining unfolds: Rubinstein alternating offers, the Zeuthen concession path, Baron–Ferejohn legislative bargaining.",
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
            baron-ferejohn: legislative bargaining among any number of parties (Baron–Ferejohn \
            1989, closed rule) on one divisible unit with linear values: each round a party is \
            recognized (--recognition, else equal chances) and proposes a split, which passes \
            when the smallest number of parties that can win under the scenario's decision_rule \
            accept; the stationary subgame-perfect equilibrium gives each proposer's split (it \
            buys the cheapest votes at their discounted continuation values) and what each party \
            expects. With equal chances and one δ: the proposer keeps 1 − δ(q − 1)/n, each of \
            q − 1 partners gets δ/n.
            zeuthen among three or more parties (discrete issues): each round the party whose \
            offer has the smallest Nash product concedes to its best offer that beats every offer \
            on the table (Harsanyi's generalization; for two parties Zeuthen's own rule): it ends \
            at the Nash solution. rubinstein takes two parties. Discount factors come from \
            --discount, else from each party's 'discount' in the scenario.

            Examples:
              accord dynamics Data/blue-harbor.yaml --protocol rubinstein
              accord dynamics Data/blue-harbor-discrete.yaml --protocol rubinstein --discount A=0.9,B=0.8
              accord dynamics Data/blue-harbor-discrete.yaml --protocol zeuthen --first B
              accord dynamics pie.yaml --protocol rubinstein --discount A=0.95,B=0.9 --format json
              accord dynamics Data/climate-finance.yaml --protocol zeuthen
              accord dynamics Data/committee.yaml --protocol baron-ferejohn
              accord dynamics Data/committee.yaml --protocol baron-ferejohn --recognition CHAIR=0.4,B=0.15,C=0.15,D=0.15,E=0.15
            """
    )

    @OptionGroup var input: ScenarioArgument

    @Option(name: .long, help: "Protocol.")
    var `protocol`: DynamicsProtocol

    @Option(name: .long, help: "Discount factors per round, e.g. A=0.9,B=0.8 (Rubinstein).", transform: DiscountList.init(parsing:))
    var discount: DiscountList?

    @Option(
        name: .long, help: "Recognition probabilities (Baron–Ferejohn), e.g. A=0.5,B=0.25,C=0.25 (default: equal; parties not named: 0).",
        transform: { try DiscountList(parsing: $0, range: 0...1, noun: "probability") })
    var recognition: DiscountList?

    @Option(name: .long, help: "The party that proposes first (default: the first party).")
    var first: String?

    @OptionGroup var frontierOptions: FrontierOptions

    @OptionGroup var output: OutputOptions<DynamicsFormat>

    func validate() throws {
        if discount != nil, `protocol` == .zeuthen {
            throw ValidationError("--discount applies to --protocol rubinstein and baron-ferejohn only")
        }
        if recognition != nil, `protocol` != .baronFerejohn {
            throw ValidationError("--recognition applies to --protocol baron-ferejohn only")
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
            if `protocol` == .baronFerejohn {
                let solution = try baronFerejohn(scenario)
                switch format {
                case .json: try output.emit(json: solution.json)
                case .text: try output.emit(solution.text)
                }
                return
            }
            if `protocol` == .zeuthen, scenario.parties.count > 2 {
                let report = try Dynamics.multilateralZeuthen(scenario, file: input.fileName, first: first, settings: frontierOptions.settings)
                switch format {
                case .json: try output.emit(json: report.json)
                case .text: try output.emit(report.text)
                }
                return
            }
            // Rubinstein among three or more parties: the library refuses the scenario (exit 65).
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

extension DynamicsCommand {
    /// Baron–Ferejohn on `scenario`: the quota from its decision rule (the fewest parties that
    /// win), recognition from --recognition (else equal), discounts from --discount or the scenario.
    private func baronFerejohn(_ scenario: Scenario) throws -> BaronFerejohnSolution {
        let rule: WeightedVotingRule
        do {
            rule = try scenario.decisionRule.votingRule(weights: scenario.parties.map(\.weight))
        } catch {
            throw ScenarioError.unsupported(file: input.fileName, reason: "decision_rule: \(error)")
        }
        let n = scenario.parties.count
        var recognition = Array(repeating: 1 / Double(n), count: n)
        if let given = self.recognition {
            recognition = try given.factors(for: scenario, option: "--recognition").map { $0 ?? 0 }
            guard abs(recognition.reduce(0, +) - 1) <= 1e-9 else {
                throw ValidationError("--recognition: the probabilities must sum to 1, found \(numberText(recognition.reduce(0, +)))")
            }
        }
        let factors = try (discount ?? DiscountList()).factors(for: scenario)
        return try BaronFerejohn.solve(scenario, file: input.fileName, quota: rule.smallestWinningSize, recognition: recognition, discount: factors)
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
        try self.init(parsing: text, range: Double.leastNonzeroMagnitude...1, noun: "factor")
    }

    /// Parses `A=0.5,B=0.25` with every number in `range` (the `noun` of each, for messages).
    init(parsing text: String, range: ClosedRange<Double>, noun: String) throws {
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = entry.split(separator: "=", omittingEmptySubsequences: false)
            let name = parts.first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            guard parts.count == 2, !name.isEmpty else {
                throw ValidationError("expected PARTY=FACTOR pairs separated by commas, e.g. A=0.9,B=0.8; found '\(entry)'")
            }
            guard let value = Double(parts[1].trimmingCharacters(in: .whitespaces)), value.isFinite else {
                throw ValidationError("'\(parts[1])' for party '\(name)' is not a number")
            }
            guard range.contains(value) else {
                throw ValidationError("the \(noun) of '\(name)' must be in \(range.lowerBound == 0 ? "[0, 1]" : "(0, 1]"), found \(numberText(value))")
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
        let given = try factors(for: scenario, option: "--discount")
        var result: [Double] = []
        for (party, factor) in zip(scenario.parties, given) {
            guard let value = factor ?? party.discount else {
                throw ValidationError("no discount factor for party '\(party.id)': give --discount \(party.id)=0.9 (or 'discount:' for the party in the scenario)")
            }
            result.append(value)
        }
        if result.allSatisfy({ $0 == 1 }) {
            throw ValidationError("every discount factor is 1: with no cost of delay every split is an equilibrium; give at least one factor below 1")
        }
        return result
    }

    /// The numbers given, in party order (`nil` for a party not named).
    /// - Throws: `ValidationError` naming an unknown party.
    func factors(for scenario: Scenario, option: String) throws -> [Double?] {
        for entry in entries where scenario.partyIndex(entry.party) == nil {
            throw ValidationError("\(option) names unknown party '\(entry.party)'; parties: \(scenario.parties.map(\.id).joined(separator: ", "))")
        }
        return scenario.parties.map { party in entries.first { $0.party == party.id }?.factor }
    }
}
