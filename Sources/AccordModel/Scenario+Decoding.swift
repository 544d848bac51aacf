/// The parts of a scenario read from a document, before the scenario is built from them.
struct DecodedScenario {
    var name: String
    var description: String?
    var disagreement: DisagreementRule
    var normalize: Bool
    var parties: [Party]
    var issues: [Issue]
    var preferences: [Preference]
    var uncertainty: [Uncertainty]
    var decisionRule: DecisionRule
    var blocs: [Bloc]
}

/// Turns a document tree into the parts of a `Scenario` (DESIGN.md §1).
///
/// The decoder reads the document's shape: keys, types, and names resolved to indices (ids,
/// options, with "did you mean" hints). Everything a hand-built scenario could get wrong too is
/// left to `ScenarioValidation`, which the decoder runs on each part as soon as it is decoded, so
/// that one file reports all its problems at once; the lines of those problems are found from
/// their field paths. The decoder runs every check of `ScenarioValidation.problems(in:)` so, and
/// the scenario is then built without checking it again (`Scenario.parse`).
struct ScenarioDecoder {
    let log: ProblemLog
    let tree: DocumentTree

    func decode() -> DecodedScenario? {
        let root = Field(tree: tree, path: "")
        guard let top = log.attempt({
            try root.map(allowed: ["accord", "name", "description", "disagreement", "normalize", "parties", "issues", "preferences", "uncertainty", "decision_rule", "blocs"])
        }) else { return nil }
        guard log.attempt({ try checkVersion(top) }) != nil else { return nil }

        let name = log.attempt { try top.optional("name")?.string() } ?? nil
        let description = log.attempt { try top.optional("description")?.string() } ?? nil
        let disagreement = log.attempt { try decodeDisagreement(top.optional("disagreement")) } ?? .reservation
        let normalize = log.attempt { try top.optional("normalize")?.bool() } ?? nil

        var parties = log.attempt { try decodeParties(top.required("parties")) } ?? nil
        if let decoded = parties {
            let problems = ScenarioValidation.parties(decoded)
            report(problems)
            if !problems.isEmpty { parties = nil }
        }
        let issues = log.attempt { try decodeIssues(top.required("issues"), parties: parties) } ?? nil
        if let issues {
            // Without the parties, the shares of a divisible status quo cannot be checked.
            let checked = parties == nil ? issues.map { $0.domain == .divisible ? $0.withoutStatusQuo : $0 } : issues
            report(ScenarioValidation.issues(checked, parties: parties ?? [], disagreement: disagreement))
        }
        let decisionRule = log.attempt { try top.optional("decision_rule").map { try decodeRule($0) } ?? .unanimity }
        let blocs = parties.flatMap { parties in log.attempt { try top.optional("blocs").map { try decodeBlocs($0, parties: parties) } ?? [] } }
        if let parties, let decisionRule, let blocs {
            report(ScenarioValidation.decisionRules(decisionRule, blocs: blocs, parties: parties))
        }
        guard let parties, let issues, let decisionRule, let blocs, log.isEmpty else { return nil }

        let context = Context(parties: parties, issues: issues)
        guard let decoded = log.attempt({ try decodePreferences(top.required("preferences"), context) }),
              let preferences = decoded else {
            return nil
        }
        var scenario = Scenario(
            unchecked: name ?? "Untitled scenario", description: description, disagreement: disagreement, normalize: normalize ?? false,
            parties: parties, issues: issues, preferences: preferences)
        let uncertainty = decodeUncertainty(top.optional("uncertainty"), scenario)
        scenario.uncertainty = uncertainty
        return DecodedScenario(
            name: scenario.name, description: description, disagreement: disagreement,
            normalize: scenario.normalize, parties: parties, issues: issues, preferences: preferences, uncertainty: uncertainty,
            decisionRule: decisionRule, blocs: blocs)
    }

    /// Records problems found by `ScenarioValidation`, each at the line of its path.
    func report(_ problems: [FieldProblem]) {
        for problem in problems {
            log.report(FieldProblem(path: problem.path, line: problem.line ?? tree.line(at: problem.path), message: problem.message))
        }
    }

    private func checkVersion(_ top: FieldMap) throws {
        let field = try top.required("accord", hint: " (the format version: write 'accord: 1' at the top)")
        let version = try field.number()
        guard version == Double(Scenario.formatVersion) else {
            throw field.problem("unsupported format version \(field.tree.kindName); this accord reads version \(Scenario.formatVersion)")
        }
    }

    private func decodeDisagreement(_ field: Field?) throws -> DisagreementRule {
        guard let field else { return .reservation }
        let text = try field.string()
        guard let rule = DisagreementRule(rawValue: text) else {
            throw field.problem("unknown disagreement rule \(quoted(text)); use reservation or status_quo")
        }
        return rule
    }

    // MARK: Parties

    private func decodeParties(_ field: Field) throws -> [Party]? {
        let parties = try field.list().map { item in
            log.attempt { () throws -> Party in
                let map = try item.map(allowed: ["id", "name", "reservation", "power", "discount", "weight"])
                var party = Party(id: try map.required("id").string())
                party.name = try map.optional("name")?.string()
                if let reservation = map.optional("reservation") { party.reservation = try reservation.number() }
                if let power = map.optional("power") { party.power = try power.number() }
                party.discount = try map.optional("discount")?.number()
                party.weight = try map.optional("weight")?.number()
                return party
            }
        }
        let decoded = parties.compactMap { $0 }
        return decoded.count == parties.count ? decoded : nil
    }

    // MARK: Decision rules

    private func decodeRule(_ field: Field) throws -> DecisionRule {
        let map = try field.map(allowed: ["kind", "quota", "members", "min_parties"])
        let kindField = try map.required("kind", hint: " (unanimity, majority or weighted)")
        let text = try kindField.string()
        guard let kind = DecisionRule.Kind(rawValue: text) else {
            throw kindField.problem("unknown decision rule kind \(quoted(text)); kinds: unanimity, majority, weighted")
        }
        var rule = DecisionRule(kind: kind, quota: try map.optional("quota")?.number(), members: try map.optional("members")?.number())
        if let field = map.optional("min_parties") {
            let count = try field.number()
            guard count == count.rounded(), abs(count) < 0x1p53 else { throw field.problem("must be a whole number of parties, found \(formatted(count))") }
            rule.minParties = Int(count)
        }
        return rule
    }

    private func decodeBlocs(_ field: Field, parties: [Party]) throws -> [Bloc] {
        let index = Context.index(parties.map(\.id))
        return try field.list().map { item in
            let map = try item.map(allowed: ["id", "name", "members", "decision_rule"])
            let members = try map.required("members").list().map { member in
                let id = try member.string()
                guard let party = index[id] else {
                    var message = "unknown party \(quoted(id)) in a bloc"
                    if let guess = closestMatch(to: id, among: parties.map(\.id)) { message += " (did you mean \(quoted(guess))?)" }
                    throw member.problem(message)
                }
                return party
            }
            return Bloc(
                id: try map.required("id").string(), name: try map.optional("name")?.string(), members: members,
                decisionRule: try map.optional("decision_rule").map { try decodeRule($0) } ?? .unanimity)
        }
    }

    // MARK: Issues

    /// `parties` is `nil` when they are invalid; the shares of a divisible status quo are then not read.
    private func decodeIssues(_ field: Field, parties: [Party]?) throws -> [Issue]? {
        let parties = parties.map { (list: $0, index: Context.index($0.map(\.id))) }
        let issues = try field.list().map { item in
            log.attempt { () throws -> Issue in
                let map = try item.map(allowed: ["id", "name", "track", "options", "range", "divisible", "status_quo"])
                let id = try map.required("id").string()
                let domain = try decodeDomain(map, id: id)
                var issue = Issue(id: id, name: try map.optional("name")?.string(), track: try map.optional("track")?.string(), domain: domain)
                // A status quo is read only in a valid domain (the domain's problem says it all).
                if let statusQuo = map.optional("status_quo"), ScenarioValidation.domain(issue, at: "").isEmpty {
                    issue.statusQuo = try decodeValue(statusQuo, of: issue, parties: parties)
                }
                return issue
            }
        }
        let decoded = issues.compactMap { $0 }
        return decoded.count == issues.count ? decoded : nil
    }

    private func decodeDomain(_ map: FieldMap, id: String) throws -> IssueDomain {
        let kinds = ["options", "range", "divisible"].filter { map.has($0) }
        guard kinds.count == 1 else {
            let found = kinds.isEmpty ? "none" : kinds.joined(separator: " and ")
            throw map.owner.problem("issue \(quoted(id)) needs exactly one of options, range or divisible: true (found \(found))")
        }
        if let field = map.optional("options") {
            return .options(try field.list().map { try $0.string() })
        }
        if let field = map.optional("range") {
            let bounds = try field.list()
            guard bounds.count == 2 else { throw field.problem("expected [lower, upper], found \(bounds.count) numbers") }
            return .range(lower: try bounds[0].number(), upper: try bounds[1].number())
        }
        let field = try map.required("divisible")
        guard try field.bool() else {
            throw field.problem("divisible: false is not an issue kind; give options or range instead")
        }
        return .divisible
    }

    /// A value of `issue`: an option name, a number, or shares per party (`parties` with the
    /// position of each id, `nil` when the parties are invalid).
    private func decodeValue(_ field: Field, of issue: Issue, parties: (list: [Party], index: [String: Int])?) throws -> IssueValue? {
        switch issue.domain {
        case .options(let options):
            let text = try field.string()
            guard let index = options.firstIndex(of: text) else {
                throw field.problem(unknownOption(text, issue: issue.id, options: options))
            }
            return .option(index)
        case .range:
            return .number(try field.number())
        case .divisible:
            guard let parties else { return nil }
            var shares = Array(repeating: Double.nan, count: parties.list.count)
            for (key, entry) in try field.entries() {
                guard let party = parties.index[key] else {
                    throw entry.problem("unknown party \(quoted(key))")
                }
                shares[party] = try entry.number()
            }
            if let missing = shares.indices.first(where: { shares[$0].isNaN }) {
                throw field.problem("missing the share of party \(quoted(parties.list[missing].id))")
            }
            return .shares(shares)
        }
    }
}

private extension Issue {
    var withoutStatusQuo: Issue {
        var copy = self
        copy.statusQuo = nil
        return copy
    }
}

func unknownOption(_ name: String, issue: String, options: [String]) -> String {
    var message = "unknown option \(quoted(name)) of issue \(quoted(issue))"
    if let guess = closestMatch(to: name, among: options) { message += " (did you mean \(quoted(guess))?)" }
    return message + "; options: \(excerptList(options))"
}
