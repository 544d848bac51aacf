
/// One number of a scenario that a sweep varies, named by its path (DESIGN.md §2.5):
/// `B.reservation`, `A.power`, `A.discount`, `A.weights.ISSUE`, `A.values.ISSUE.OPTION` (an
/// option's value in a party's table), `A.interactions.K` (the value of the party's K-th
/// interaction, from 0 as in the file's field paths `preferences.A.interactions[K]`), with party
/// and issue ids, and option names as written.
public struct SensitivityParameter: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case reservation
        case power
        case discount
        case weight(issue: Int)
        case value(issue: Int, option: Int)
        case interaction(index: Int)
    }

    public let party: Int
    public let kind: Kind
    /// The path as given.
    public let path: String

    /// The parameter `path` names in `scenario`, or a message saying what is wrong with it.
    public init(_ path: String, in scenario: Scenario) throws(SensitivityError) {
        self.path = path
        let parts = path.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, let party = scenario.parties.firstIndex(where: { $0.id == parts[0] }) else {
            let ids = scenario.parties.map { quoted($0.id) }.joined(separator: ", ")
            throw SensitivityError("\(quoted(path)): the parameter starts with a party id (\(ids)), e.g. \(scenario.parties.first?.id ?? "A").reservation")
        }
        self.party = party
        switch (parts[1], parts.count) {
        case ("reservation", 2): kind = .reservation
        case ("power", 2): kind = .power
        case ("discount", 2): kind = .discount
        case ("weights", 3):
            guard let issue = scenario.issues.firstIndex(where: { $0.id == parts[2] }) else { throw Self.unknownIssue(parts[2], path, scenario) }
            kind = .weight(issue: issue)
        case ("values", 3):
            // ISSUE.OPTION: the issue is the longest id the rest starts with (option names are free text).
            let rest = parts[2]
            let matches = scenario.issues.indices.filter { rest.hasPrefix(scenario.issues[$0].id + ".") }
            guard let issue = matches.max(by: { scenario.issues[$0].id.count < scenario.issues[$1].id.count }) else {
                throw SensitivityError("\(quoted(path)): expected \(parts[0]).values.ISSUE.OPTION with an issue id of the scenario (\(scenario.issues.map { quoted($0.id) }.joined(separator: ", ")))")
            }
            let name = String(rest.dropFirst(scenario.issues[issue].id.count + 1))
            guard let options = scenario.issues[issue].options else {
                throw SensitivityError("\(quoted(path)): issue \(quoted(scenario.issues[issue].id)) has no options (it is \(scenario.issues[issue].domain.kindName)); vary a discrete issue's option value")
            }
            guard let option = options.firstIndex(of: name) else {
                throw SensitivityError("\(quoted(path)): issue \(quoted(scenario.issues[issue].id)) has no option \(quoted(name)) (options: \(options.map(quoted).joined(separator: ", ")))")
            }
            kind = .value(issue: issue, option: option)
        case ("interactions", 3):
            let count = scenario.preferences[party].interactions.count
            guard let index = Int(parts[2]), index >= 0, index < count else {
                throw SensitivityError("\(quoted(path)): \(parts[0]) has \(count == 0 ? "no interactions" : "interactions 0 to \(count - 1)") (counted from 0, as in preferences.\(parts[0]).interactions[0])")
            }
            kind = .interaction(index: index)
        default:
            throw SensitivityError("\(quoted(path)): expected PARTY.reservation, PARTY.power, PARTY.discount, PARTY.weights.ISSUE, PARTY.values.ISSUE.OPTION or PARTY.interactions.K")
        }
    }

    private init(party: Int, kind: Kind, in scenario: Scenario) {
        self.party = party
        self.kind = kind
        let id = scenario.parties[party].id
        switch kind {
        case .reservation: path = "\(id).reservation"
        case .power: path = "\(id).power"
        case .discount: path = "\(id).discount"
        case .weight(let issue): path = "\(id).weights.\(scenario.issues[issue].id)"
        case .value(let issue, let option): path = "\(id).values.\(scenario.issues[issue].id).\(scenario.issues[issue].options?[option] ?? "")"
        case .interaction(let index): path = "\(id).interactions.\(index)"
        }
    }

    /// Every number of `scenario` that moves its bargaining solutions, in party order: each
    /// party's reservation (when it is the disagreement point), power, weights, the values of its
    /// discrete issues' options and of its interactions. Discount factors are left out: they
    /// enter only the bargaining dynamics.
    public static func all(in scenario: Scenario) -> [SensitivityParameter] {
        scenario.parties.indices.flatMap { party -> [SensitivityParameter] in
            var kinds: [Kind] = scenario.disagreement == .reservation ? [.reservation] : []
            kinds.append(.power)
            kinds += scenario.issues.indices.map { Kind.weight(issue: $0) }
            for (issue, value) in scenario.preferences[party].values.enumerated() {
                guard case .table(let table)? = value else { continue }
                kinds += table.indices.map { Kind.value(issue: issue, option: $0) }
            }
            kinds += scenario.preferences[party].interactions.indices.map { Kind.interaction(index: $0) }
            return kinds.map { SensitivityParameter(party: party, kind: $0, in: scenario) }
        }
    }

    private static func unknownIssue(_ id: String, _ path: String, _ scenario: Scenario) -> SensitivityError {
        SensitivityError("\(quoted(path)): unknown issue \(quoted(id)) (issues: \(scenario.issues.map { quoted($0.id) }.joined(separator: ", ")))")
    }

    /// The parameter's value in `scenario`.
    public func value(in scenario: Scenario) -> Double {
        let party = scenario.parties[self.party]
        switch kind {
        case .reservation: return party.reservation
        case .power: return party.power
        case .discount: return party.discount ?? 1
        case .weight(let issue): return scenario.preferences[self.party].weights[issue]
        case .value(let issue, let option):
            guard case .table(let table)? = scenario.preferences[self.party].values[issue] else { return .nan }
            return table[option]
        case .interaction(let index): return scenario.preferences[self.party].interactions[index].value
        }
    }

    /// `scenario` with the parameter set to `value`.
    public func applied(_ value: Double, to scenario: Scenario) -> Scenario {
        var result = scenario
        switch kind {
        case .reservation: result.parties[party].reservation = value
        case .power: result.parties[party].power = value
        case .discount: result.parties[party].discount = value
        case .weight(let issue): result.preferences[party].weights[issue] = value
        case .value(let issue, let option):
            if case .table(var table)? = result.preferences[party].values[issue] {
                table[option] = value
                result.preferences[party].values[issue] = .table(table)
            }
        case .interaction(let index): result.preferences[party].interactions[index].value = value
        }
        return result
    }

    /// Why `value` is not allowed for this parameter (`nil` when it is): a weight below 0, a power
    /// not above 0, a discount outside (0, 1], a number that is not finite.
    public func problem(with value: Double) -> String? {
        guard value.isFinite else { return "\(path) = \(value) is not a finite number" }
        switch kind {
        case .weight where value < 0: return "\(path) is a weight, which must be >= 0; the range goes to \(formatNumber(value))"
        case .power where value <= 0: return "\(path) is a bargaining power, which must be > 0; the range goes to \(formatNumber(value))"
        case .discount where value <= 0 || value > 1: return "\(path) is a discount factor, which must be in (0, 1]; the range goes to \(formatNumber(value))"
        default: return nil
        }
    }
}

/// A sweep that cannot run as asked: the message says why (a usage error, exit 64).
public struct SensitivityError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
