import AccordGames
import AccordModel
import AccordSolutions
import AccordSpace
import BigInt

/// Who can adopt a package under the scenario's decision rule, and how power and surplus are
/// shared (`accord coalitions`, DESIGN.md §2.5).
///
/// Definitions (decided on exact integers where the scenario is discrete):
/// - party `i` *accepts* a package when it crosses none of `i`'s red lines and `u_i ≥ d_i`;
/// - a coalition *can agree* when some package is accepted by every member;
/// - *veto players*: the parties in every winning coalition that can agree (none when no winning
///   coalition can agree). Only the maximal acceptance sets `M` matter: the winning coalitions
///   that can agree are the winning subsets of some `M`, and `i` is in all winning subsets of a
///   winning `M` iff `M ∖ {i}` loses (the rule is monotone);
/// - *pivotal* parties of the package: when its accepting set wins, the members whose defection
///   makes it lose; when it loses, the outsiders whose acceptance makes it win;
/// - *minimal winning coalitions*: winning, and losing without any one member; those that can
///   agree are counted and listed, each with the Nash solution of its own members (the packages
///   that cross none of their red lines, their powers and disagreement payoffs);
/// - with transfers, the TU game `v(S) = max Σ_{i∈S} (u_i − d_i)` over packages every member of
///   `S` accepts when `S` is winning (a coalition secures only what it can adopt on its own), and
///   `v(S) = 0` otherwise (its members keep their disagreement payoffs); then its Shapley value,
///   core and nucleolus (`TransferableUtilityGame`).
public struct CoalitionAnalysis: Sendable {
    /// A minimal winning coalition that can agree, with the Nash solution among its members.
    public struct Listed: Sendable {
        public var members: [Int]
        /// `nil` where it was not computed (continuous issues), with `CoalitionAnalysis.notes`.
        public var nash: Agreement?
    }

    public struct MinimalWinning: Sendable {
        /// How many minimal winning coalitions can agree (of the rule alone when
        /// `agreementChecked` is false).
        public var count: BigUInt
        /// Whether each counted coalition was checked to have an agreement zone.
        public var agreementChecked: Bool
        public var listed: [Listed]
    }

    public let scenario: Scenario
    public let rule: WeightedVotingRule
    /// `d_i`.
    public let disagreement: [Double]
    /// The package analysed: the one given, or the Nash solution of the whole table; `nil` when
    /// there is no agreement zone and none was given.
    public var package: [IssueValue]?
    public var packageIsNash: Bool
    public var utilities: [Double]?
    public var accepting: [Int] = []
    public var winning = false
    public var vetoPlayers: [Int] = []
    public var pivotal: [Int] = []
    public var minimalWinning: MinimalWinning
    public var power: PowerIndices
    /// With transfers: the TU game `v(S)` and its solutions.
    public var transfers: GameSolutions?
    /// With transfers beyond `TransferableUtilityGame.maximumExactPlayers` parties: the Shapley
    /// value estimated from `shapleySamples` random orders (seed 1), with 95% intervals.
    public var shapleyEstimate: ShapleyEstimate?
    /// With `blocs`: the package when blocs negotiate as one.
    public var blocs: BlocAnalysis?
    /// What the analysis could not decide, or decided under an assumption, in words.
    public var notes: [String] = []

    /// The largest number of minimal winning coalitions listed (all are counted).
    public static let defaultListLimit = 20

    /// Analyses `problem` under its scenario's decision rule.
    ///
    /// - Parameters:
    ///   - package: the package to analyse; `nil`: the Nash solution of the whole table.
    ///   - transfers: compute the TU game and its solutions (discrete scenarios of up to
    ///     `TransferableUtilityGame.maximumExactPlayers` parties).
    ///   - blocs: analyse the package with the scenario's blocs voting as one (`BlocAnalysis`).
    /// - Throws: `CoalitionError` when the rule cannot be evaluated exactly or its power not
    ///   computed within memory.
    public static func analyze(
        _ problem: BargainingProblem, package given: [IssueValue]? = nil, transfers: Bool = false, blocs: Bool = false,
        listLimit: Int = defaultListLimit
    ) throws(CoalitionError) -> CoalitionAnalysis {
        let scenario = problem.scenario
        let n = scenario.parties.count
        let rule = try scenario.decisionRule.votingRule(weights: scenario.parties.map(\.weight))
        let power = try PowerIndices(rule)
        let disagreement = problem.space?.disagreement ?? problem.concave?.disagreement ?? Array(repeating: 0, count: n)
        var analysis = CoalitionAnalysis(
            scenario: scenario, rule: rule, disagreement: disagreement, package: given, packageIsNash: given == nil, utilities: nil,
            minimalWinning: MinimalWinning(count: 0, agreementChecked: false, listed: []), power: power)

        var nashProblem = problem
        nashProblem.concepts = [.nash]
        // The Nash solution of the whole table: the package to analyse when none is given, and on
        // continuous issues the test of whether every coalition can agree.
        let whole = given == nil || problem.space == nil ? Solver.solve(nashProblem) : nil
        if given == nil {
            analysis.package = whole?.solutions.first?.result.agreement?.package
            if analysis.package == nil { analysis.notes.append("no package is acceptable to every party, so there is no Nash solution of the whole table to analyse; give one with --package") }
        }
        let table = problem.space.flatMap(AcceptanceTable.init(space:))
        if problem.space != nil, table == nil {
            analysis.notes.append("the space has more than \(AcceptanceTable.packageLimit) packages: which coalitions can agree was not checked package by package")
        }
        let grand = Coalition.grand(n)
        // Whether every coalition can agree: the whole table can (a package every party accepts
        // is accepted by every subset).
        let everyoneAgrees = table?.canAgree(grand) ?? (whole.map { $0.status == .solved } ?? false)

        if let package = analysis.package {
            let utilities = (0..<n).map { scenario.utility(of: package, party: $0) }
            analysis.utilities = utilities
            analysis.accepting = accepting(package, utilities: utilities, problem: problem)
            (analysis.winning, analysis.pivotal) = rule.outcome(accepting: analysis.accepting)
        }

        // Veto players.
        if let table {
            let winningSets = table.maximalSets.filter(rule.isWinning)
            if winningSets.isEmpty {
                analysis.notes.append("no winning coalition can agree on any package: every coalition the rule lets decide has a member that no package satisfies together with the others")
            } else {
                analysis.vetoPlayers = (0..<n).filter { i in winningSets.allSatisfy { $0.contains(i) && !rule.isWinning($0.removing(i)) } }
            }
        } else if everyoneAgrees {
            analysis.vetoPlayers = rule.vetoPlayers
        } else {
            analysis.notes.append("veto players not determined: the whole table has no agreement zone, and on continuous issues the coalitions that can agree are not enumerated")
        }

        // Minimal winning coalitions.
        if n <= WeightedVotingRule.listingPartyLimit {
            let all: [Coalition]
            do {
                all = try rule.minimalWinningCoalitions()
            } catch {
                throw .power(error)
            }
            let agreeing = table.map { table in all.filter(table.canAgree) } ?? (everyoneAgrees ? all : [])
            let checked = table != nil || everyoneAgrees
            analysis.minimalWinning = MinimalWinning(
                count: BigUInt(checked ? agreeing.count : all.count), agreementChecked: checked,
                listed: (checked ? agreeing : all).prefix(listLimit).map { coalition in
                    Listed(members: coalition.members, nash: table.flatMap { nash(of: coalition, problem: problem, table: $0) })
                })
            if table == nil { analysis.notes.append("the Nash solution of each minimal winning coalition is computed on discrete scenarios only") }
            if !checked { analysis.notes.append("minimal winning coalitions are those of the rule: whether each can agree was not checked (continuous issues, no agreement zone of the whole table)") }
        } else {
            do {
                // A sample of small ones is listed (those that can agree, where that is known).
                let small = rule.smallMinimalWinningCoalitions(limit: listLimit).filter { members in
                    table.map { $0.canAgree(Coalition(members)) } ?? everyoneAgrees
                }
                analysis.minimalWinning = MinimalWinning(
                    count: try rule.minimalWinningCount(), agreementChecked: everyoneAgrees,
                    listed: small.map { Listed(members: $0, nash: nil) })
            } catch {
                throw .power(error)
            }
            analysis.notes.append("\(n) parties: minimal winning coalitions are counted exactly; the ones listed are small ones found from each party in turn (all are listed up to \(WeightedVotingRule.listingPartyLimit) parties), without their Nash solutions")
        }

        if blocs {
            if analysis.package != nil {
                analysis.blocs = try BlocAnalysis.analyze(scenario, rule: rule, accepting: analysis.accepting)
            } else {
                analysis.notes.append("--blocs: there is no package to analyse with the blocs (give one with --package)")
            }
        }
        if transfers {
            if n > TransferableUtilityGame.maximumExactPlayers, let table, n <= 64 {
                analysis.shapleyEstimate = sampledShapley(table: table, rule: rule, notes: &analysis.notes)
            } else {
                analysis.transfers = try transferGame(problem: problem, table: table, rule: rule, notes: &analysis.notes)
            }
        }
        return analysis
    }

    /// The parties that accept `package`: no red line of theirs crossed and `u_i ≥ d_i`, exactly
    /// on the integers of a discrete space, else in floating point.
    private static func accepting(_ package: [IssueValue], utilities: [Double], problem: BargainingProblem) -> [Int] {
        let scenario = problem.scenario
        let atLeastDisagreement: (Int) -> Bool
        if let space = problem.space {
            let quantized = space.quantizedUtilities(of: package.compactMap(\.option))
            atLeastDisagreement = { quantized[$0] >= space.threshold[$0] }
        } else {
            atLeastDisagreement = { utilities[$0] >= problem.concave?.disagreement[$0] ?? 0 }
        }
        return scenario.parties.indices.filter { !scenario.crossesRedLine(package, party: $0) && atLeastDisagreement($0) }
    }

    /// The Nash solution among the members of `coalition` (a sub-scenario of its parties: only
    /// their red lines, powers and disagreement payoffs); one member: its best package.
    private static func nash(of coalition: Coalition, problem: BargainingProblem, table: AcceptanceTable) -> Agreement? {
        let scenario = problem.scenario
        let members = coalition.members
        guard members.count >= 2 else {
            guard let i = members.first,
                  let best = table.accepted.filter({ $0.set.contains(i) }).max(by: { $0.gains[i] < $1.gains[i] }) else { return nil }
            let package = best.package.map(IssueValue.option)
            let utilities = scenario.parties.indices.map { scenario.utility(of: package, party: $0) }
            return Agreement(package: package, utilities: utilities, disagreement: problem.space?.disagreement ?? [], power: scenario.parties.map(\.power))
        }
        var sub = scenario
        sub.parties = members.map { scenario.parties[$0] }
        sub.preferences = members.map { scenario.preferences[$0] }
        sub.decisionRule = .unanimity
        sub.blocs = []
        sub.uncertainty = []
        guard let subProblem = try? BargainingProblem(sub, file: problem.file, concepts: [.nash]),
              let agreement = Solver.solve(subProblem).solutions.first?.result.agreement else { return nil }
        // Utilities of every party of the table, the coalition's solution as a package.
        let utilities = scenario.parties.indices.map { scenario.utility(of: agreement.package, party: $0) }
        return Agreement(package: agreement.package, utilities: utilities, disagreement: problem.space?.disagreement ?? [], power: scenario.parties.map(\.power))
    }

    /// The TU game with transfers and its Shapley value, core and nucleolus.
    private static func transferGame(
        problem: BargainingProblem, table: AcceptanceTable?, rule: WeightedVotingRule, notes: inout [String]
    ) throws(CoalitionError) -> GameSolutions? {
        let n = problem.scenario.parties.count
        guard let table else {
            notes.append("--transfers needs a discrete scenario of at most \(AcceptanceTable.packageLimit) packages (the joint gain of each coalition is found package by package)")
            return nil
        }
        guard n <= TransferableUtilityGame.maximumExactPlayers else {
            notes.append("--transfers computes the exact game for at most \(TransferableUtilityGame.maximumExactPlayers) parties; this scenario has \(n)")
            return nil
        }
        guard table.jointGainWork <= Self.jointGainBudget else {
            notes.append("--transfers: the coalitions' joint gains would take about \(Int(table.jointGainWork)) steps (more than \(Int(Self.jointGainBudget)))")
            return nil
        }
        let (values, exact) = table.jointGains(counts: rule.isWinning)
        do {
            if let exact { return GameSolutions(try TransferableUtilityGame(playerCount: n) { exact[Int($0.bits)] }) }
            return GameSolutions(try TransferableUtilityGame(playerCount: n) { values[Int($0.bits)] })
        } catch {
            throw .game("\(error)")
        }
    }

    /// The Shapley value of the transfer game sampled over random orders, `v(S)` computed per
    /// coalition (`AcceptanceTable.jointGain(of:)`); as many orders as `sampleBudget` allows, up
    /// to `shapleySamples`, at least 100 (else `nil`, with a note).
    private static func sampledShapley(table: AcceptanceTable, rule: WeightedVotingRule, notes: inout [String]) -> ShapleyEstimate? {
        let n = table.partyCount
        let perOrder = Double(n) * Double(max(1, table.acceptedCount)) * Double(n)
        let orders = min(shapleySamples, Int(sampleBudget / perOrder))
        guard orders >= 100 else {
            notes.append("--transfers: \(n) parties and \(table.acceptedCount) acceptable packages are too many to sample the Shapley value (fewer than 100 orders within the budget)")
            return nil
        }
        notes.append("--transfers: \(n) parties are more than the \(TransferableUtilityGame.maximumExactPlayers) of the exact game: the Shapley value is a sampling estimate over \(orders) random orders (seed 1) with 95% intervals; no core or nucleolus")
        return try? ShapleySampling.estimate(playerCount: n, permutations: orders, seed: 1) { coalition in
            rule.isWinning(coalition) ? table.jointGain(of: coalition) : 0
        }
    }

    /// The most random orders the Shapley estimate samples.
    public static let shapleySamples = 2_000
    /// The most elementary steps (orders × parties × packages × parties) the estimate takes.
    static let sampleBudget = 4e9

    /// The most subset updates `--transfers` makes (`AcceptanceTable.jointGainWork`).
    public static let jointGainBudget = 0x1p30
}
