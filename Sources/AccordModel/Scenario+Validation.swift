/// The one set of checks every scenario goes through, whatever built it: the public initializer,
/// the YAML/JSON decoder (which runs them part by part as it decodes, so that one file reports
/// all its problems at once) and the GENIUS importer.
///
/// Problems carry the field path of the scenario format (DESIGN.md §1), built from the ids:
/// `parties[1].power`, `issues[0].options[2]`, `preferences.B.weights.fisheries`,
/// `preferences.B.red_lines[0].forbid[1]`. A decoder maps a path back to the line it came from.
extension Scenario {
    /// `self` when it is a valid scenario.
    ///
    /// - Parameter file: the name problems are reported in.
    /// - Throws: `ScenarioError.invalid` with every problem found, each with its field path.
    /// - Complexity: O(size of the scenario), plus O(r²) for each party's `r` red lines.
    public func validated(file: String) throws(ScenarioError) -> Scenario {
        try validate(file: file)
        return self
    }

    func validate(file: String) throws(ScenarioError) {
        let problems = ScenarioValidation.problems(in: self)
        guard problems.isEmpty else { throw .invalid(problems.map { $0.located(in: file) }) }
    }
}

/// The checks of `Scenario.validated(file:)`, by part. Each returns every problem it finds
/// (path set, line `nil`); an empty list means the part is valid.
package enum ScenarioValidation {
    /// The largest magnitude of a weight, a value, an interaction and of any utility they add up
    /// to: 2^53 = 9,007,199,254,740,992. The solvers add utilities as exact 64-bit integers
    /// (`Quantizer`, at most 2^61 in all) and report them as doubles; up to 2^53 every integer is
    /// exact in both, and a larger number (a weight of 1e308) cannot be computed with exactly.
    package static let magnitudeLimit = 0x1p53

    /// The end of every message about a number beyond `magnitudeLimit`.
    static let beyondLimit =
        "is beyond the limit of ±2^53 = 9007199254740992 that Accord computes with exactly; rescale the weights or values"

    /// Every problem of a whole scenario, in document order.
    package static func problems(in scenario: Scenario) -> [FieldProblem] {
        var problems = parties(scenario.parties)
        problems += issues(scenario.issues, parties: scenario.parties, disagreement: scenario.disagreement)
        guard problems.isEmpty else { return problems }
        guard scenario.preferences.count == scenario.parties.count else {
            return [FieldProblem(
                path: "preferences", line: nil,
                message: "expected preferences for \(scenario.parties.count) parties (one per party, in party order), found \(scenario.preferences.count)")]
        }
        for (party, preference) in zip(scenario.parties, scenario.preferences) {
            problems += self.preference(preference, of: party, issues: scenario.issues)
        }
        for (index, bloc) in scenario.blocs.enumerated() {
            for (position, member) in bloc.members.enumerated() where !scenario.parties.indices.contains(member) {
                problems.append(problem("blocs[\(index)].members[\(position)]", "party index \(member) is out of range"))
            }
        }
        problems += decisionRules(scenario.decisionRule, blocs: scenario.blocs, parties: scenario.parties)
        return problems
    }

    // MARK: Parties

    /// At least two parties, ids `[A-Za-z0-9_-]+` and unique, a finite reservation, power > 0,
    /// discount in (0, 1].
    package static func parties(_ parties: [Party]) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if parties.count < 2 {
            problems.append(problem("parties", "a negotiation needs at least two parties, found \(parties.count)"))
        }
        var seen: [String: Int] = [:]
        for (index, party) in parties.enumerated() {
            let path = "parties[\(index)]"
            if let message = identifierProblem(party.id) {
                problems.append(problem(path + ".id", message))
            } else if let first = seen[party.id] {
                problems.append(problem(path + ".id", "duplicate party id \(quoted(party.id)) (also parties[\(first)])"))
            } else {
                seen[party.id] = index
            }
            if !party.reservation.isFinite {
                problems.append(problem(path + ".reservation", "must be a finite number, found \(formatted(party.reservation))"))
            }
            if !(party.power > 0) || !party.power.isFinite {
                problems.append(problem(path + ".power", "bargaining power must be > 0, found \(formatted(party.power))"))
            }
            if let discount = party.discount, !(discount > 0 && discount <= 1) {
                problems.append(problem(path + ".discount", "discount factor must be in (0, 1], found \(formatted(discount))"))
            }
            if let weight = party.weight, !(weight >= 0 && weight <= magnitudeLimit) {
                problems.append(problem(path + ".weight", "a voting weight must be a finite number ≥ 0, found \(formatted(weight))"))
            }
        }
        return problems
    }

    // MARK: Issues

    /// At least one issue, unique ids, a non-empty option list without duplicates or a finite
    /// range `lower < upper`, a status quo inside the domain, and a status quo on every
    /// non-divisible issue when `disagreement` is `status_quo`.
    package static func issues(_ issues: [Issue], parties: [Party], disagreement: DisagreementRule) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if issues.isEmpty { problems.append(problem("issues", "there must be at least one issue")) }
        var seen: [String: Int] = [:]
        for (index, issue) in issues.enumerated() {
            let path = "issues[\(index)]"
            if let message = identifierProblem(issue.id) {
                problems.append(problem(path + ".id", message))
            } else if let first = seen[issue.id] {
                problems.append(problem(path + ".id", "duplicate issue id \(quoted(issue.id)) (also issues[\(first)])"))
            } else {
                seen[issue.id] = index
            }
            let domainProblems = domain(issue, at: path)
            problems += domainProblems
            if !domainProblems.isEmpty { continue }
            if let statusQuo = issue.statusQuo {
                problems += value(statusQuo, of: issue, parties: parties, at: path + ".status_quo")
            } else if disagreement == .statusQuo && issue.domain != .divisible {
                problems.append(problem(path, "issue \(quoted(issue.id)) needs a status_quo because disagreement is status_quo"))
            }
        }
        return problems
    }

    /// A non-empty option list without duplicates, or a finite range `lower < upper`.
    package static func domain(_ issue: Issue, at path: String) -> [FieldProblem] {
        switch issue.domain {
        case .options(let options):
            guard !options.isEmpty else { return [problem(path + ".options", "issue \(quoted(issue.id)) has an empty option list")] }
            var problems: [FieldProblem] = []
            var seen = Set<String>(minimumCapacity: options.count)
            for (index, option) in options.enumerated() {
                if option.isEmpty { problems.append(problem("\(path).options[\(index)]", "must not be empty")) }
                if !seen.insert(option).inserted { problems.append(problem("\(path).options[\(index)]", "duplicate option \(quoted(option))")) }
            }
            return problems
        case .range(let lower, let upper):
            guard lower.isFinite, upper.isFinite else {
                return [problem(path + ".range", "range bounds must be finite numbers, found [\(formatted(lower)), \(formatted(upper))]")]
            }
            guard lower < upper else {
                return [problem(path + ".range", "range lower bound \(formatted(lower)) must be below upper bound \(formatted(upper))")]
            }
            return []
        case .divisible:
            return []
        }
    }

    /// A value of `issue`: an option index in range, a number in the range, or one share in
    /// [0, 1] per party summing to 1 (within 1e-9).
    package static func value(_ value: IssueValue, of issue: Issue, parties: [Party], at path: String) -> [FieldProblem] {
        switch (issue.domain, value) {
        case (.options(let options), .option(let option)):
            guard options.indices.contains(option) else {
                return [problem(path, "option index \(option) is out of range: issue \(quoted(issue.id)) has \(options.count) options")]
            }
            return []
        case (.range(let lower, let upper), .number(let x)):
            guard x.isFinite, x >= lower, x <= upper else {
                return [problem(path, "\(formatted(x)) is outside the range [\(formatted(lower)), \(formatted(upper))]")]
            }
            return []
        case (.divisible, .shares(let shares)):
            guard shares.count == parties.count else {
                return [problem(path, "expected \(parties.count) shares (one per party), found \(shares.count)")]
            }
            if let (party, share) = zip(parties, shares).first(where: { !($0.1 >= 0 && $0.1 <= 1) }) {
                return [problem("\(path).\(excerpt(party.id))", "a share must be in [0, 1], found \(formatted(share))")]
            }
            let total = shares.reduce(0, +)
            guard abs(total - 1) <= 1e-9 else {
                // Rounded, so that 0.6 + 0.3 reads 0.9 rather than 0.8999999999999999.
                return [problem(path, "shares must sum to 1, found \(formatted((total * 1e12).rounded() / 1e12))")]
            }
            return []
        default:
            return [problem(path, "expected \(issue.domain.valueKind) for \(issue.domain.kindName) issue \(quoted(issue.id))")]
        }
    }

    // MARK: Helpers

    static func problem(_ path: String, _ message: String) -> FieldProblem {
        FieldProblem(path: path, line: nil, message: message)
    }

    /// Why `id` is not an identifier `[A-Za-z0-9_-]+`, or `nil`.
    package static func identifierProblem(_ id: String) -> String? {
        guard !id.isEmpty else { return "must not be empty" }
        return id.unicodeScalars.allSatisfy(isIdentifierCharacter) ? nil : "\(quoted(id)) is not a valid id (use letters, digits, '_' and '-')"
    }

    /// `[A-Za-z0-9_-]`: the characters of party and issue ids.
    package static func isIdentifierCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
    }
}

extension IssueDomain {
    /// "discrete", "a range" or "divisible", for messages.
    package var kindName: String {
        switch self {
        case .options: return "discrete"
        case .range: return "a range"
        case .divisible: return "divisible"
        }
    }

    /// What a value of this kind of issue is, for messages.
    var valueKind: String {
        switch self {
        case .options: return "an option"
        case .range: return "a number"
        case .divisible: return "shares"
        }
    }
}

/// A number as users write it (`1` rather than `1.0`); `nan`, `inf` and `-inf` as such.
func formatted(_ value: Double) -> String { value.isFinite ? numberText(value) : "\(value)" }
