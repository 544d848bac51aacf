/// The parts of a scenario read from a document, before the scenario is built from them.
struct DecodedScenario {
    var name: String
    var description: String?
    var disagreement: DisagreementRule
    var normalize: Bool
    var parties: [Party]
    var issues: [Issue]
    var preferences: [Preference]
}

/// Turns a document tree into the parts of a `Scenario` (DESIGN.md §1).
///
/// The decoder reads the document's shape: keys, types, and names resolved to indices (ids,
/// options, with "did you mean" hints). Everything a hand-built scenario could get wrong too is
/// left to `ScenarioValidation`, which the decoder runs on each part as soon as it is decoded, so
/// that one file reports all its problems at once; the lines of those problems are found from
/// their field paths. The scenario is then built by the checking initializer, like any other.
struct ScenarioDecoder {
    let log: ProblemLog
    let tree: DocumentTree

    func decode() -> DecodedScenario? {
        let root = Field(tree: tree, path: "")
        guard let top = log.attempt({
            try root.map(allowed: ["accord", "name", "description", "disagreement", "normalize", "parties", "issues", "preferences"])
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
        guard let parties, let issues, log.isEmpty else { return nil }

        let context = Context(parties: parties, issues: issues)
        guard let decoded = log.attempt({ try decodePreferences(top.required("preferences"), context) }),
              let preferences = decoded else {
            return nil
        }
        return DecodedScenario(
            name: name ?? "Untitled scenario", description: description, disagreement: disagreement,
            normalize: normalize ?? false, parties: parties, issues: issues, preferences: preferences)
    }

    /// Records problems found by `ScenarioValidation`, each at the line of its path.
    private func report(_ problems: [FieldProblem]) {
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
            throw field.problem("unknown disagreement rule '\(text)'; use reservation or status_quo")
        }
        return rule
    }

    // MARK: Parties

    private func decodeParties(_ field: Field) throws -> [Party]? {
        let parties = try field.list().map { item in
            log.attempt { () throws -> Party in
                let map = try item.map(allowed: ["id", "name", "reservation", "power", "discount"])
                var party = Party(id: try map.required("id").string())
                party.name = try map.optional("name")?.string()
                if let reservation = map.optional("reservation") { party.reservation = try reservation.number() }
                if let power = map.optional("power") { party.power = try power.number() }
                party.discount = try map.optional("discount")?.number()
                return party
            }
        }
        let decoded = parties.compactMap { $0 }
        return decoded.count == parties.count ? decoded : nil
    }

    // MARK: Issues

    /// `parties` is `nil` when they are invalid; the shares of a divisible status quo are then not read.
    private func decodeIssues(_ field: Field, parties: [Party]?) throws -> [Issue]? {
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
            throw map.owner.problem("issue '\(id)' needs exactly one of options, range or divisible: true (found \(found))")
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

    /// A value of `issue`: an option name, a number, or shares per party.
    private func decodeValue(_ field: Field, of issue: Issue, parties: [Party]?) throws -> IssueValue? {
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
            var shares = Array(repeating: Double.nan, count: parties.count)
            for (key, entry) in try field.entries() {
                guard let party = parties.firstIndex(where: { $0.id == key }) else {
                    throw entry.problem("unknown party '\(key)'")
                }
                shares[party] = try entry.number()
            }
            if let missing = shares.indices.first(where: { shares[$0].isNaN }) {
                throw field.problem("missing the share of party '\(parties[missing].id)'")
            }
            return .shares(shares)
        }
    }

    // MARK: Preferences

    private struct Context {
        var parties: [Party]
        var issues: [Issue]

        func issue(_ id: String, at field: Field) throws -> Int {
            guard let index = issues.firstIndex(where: { $0.id == id }) else {
                var message = "unknown issue '\(id)'"
                if let guess = closestMatch(to: id, among: issues.map(\.id)) { message += " (did you mean '\(guess)'?)" }
                throw field.problem(message)
            }
            return index
        }

        func option(_ name: String, of issue: Int, at field: Field) throws -> Int {
            guard case .options(let options) = issues[issue].domain else {
                throw field.problem("issue '\(issues[issue].id)' has no options (it is \(issues[issue].domain.kindName))")
            }
            guard let index = options.firstIndex(of: name) else {
                throw field.problem(unknownOption(name, issue: issues[issue].id, options: options))
            }
            return index
        }

        /// A map `{issue: option, ...}` as sorted choices.
        func choices(_ field: Field) throws -> [OptionChoice] {
            let entries = try field.entries()
            guard !entries.isEmpty else { throw field.problem("expected at least one 'issue: option' pair") }
            return try entries.map { key, value in
                let issue = try issue(key, at: value)
                return OptionChoice(issue: issue, option: try option(try value.string(), of: issue, at: value))
            }.sorted { $0.issue < $1.issue }
        }
    }

    private func decodePreferences(_ field: Field, _ context: Context) throws -> [Preference]? {
        var byParty: [Int: Preference] = [:]
        for (key, entry) in try field.entries() {
            guard let party = context.parties.firstIndex(where: { $0.id == key }) else {
                var message = "unknown party '\(key)'"
                if let guess = closestMatch(to: key, among: context.parties.map(\.id)) { message += " (did you mean '\(guess)'?)" }
                log.report(entry.problem(message))
                continue
            }
            guard let preference = log.attempt({ try decodePreference(entry, context) }) else { continue }
            let problems = ScenarioValidation.preference(
                preference, of: context.parties[party], issues: context.issues)
            report(problems)
            if problems.isEmpty { byParty[party] = preference }
        }
        for (index, party) in context.parties.enumerated() where byParty[index] == nil {
            let path = field.keyPath(party.id)
            if !log.problems.contains(where: { $0.path == path || $0.path.hasPrefix(path + ".") }) {
                log.report(field.problem("missing preferences for party '\(party.id)'"))
            }
        }
        guard log.isEmpty else { return nil }
        return context.parties.indices.compactMap { byParty[$0] }
    }

    private func decodePreference(_ field: Field, _ context: Context) throws -> Preference {
        let map = try field.map(allowed: ["weights", "values", "interactions", "red_lines"])
        let weightsField = try map.required("weights")
        var weights = Array(repeating: Double.nan, count: context.issues.count)
        for (key, entry) in try weightsField.entries() {
            weights[try context.issue(key, at: entry)] = try entry.number()
        }
        if let missing = weights.indices.first(where: { weights[$0].isNaN }) {
            throw weightsField.problem("missing weight for issue '\(context.issues[missing].id)' (write 0 if the party does not care)")
        }

        var values = [ValueFunction?](repeating: nil, count: context.issues.count)
        for (key, entry) in try map.required("values").entries() {
            let issue = try context.issue(key, at: entry)
            values[issue] = try decodeValueFunction(entry, issue: context.issues[issue])
        }

        var interactions: [Interaction] = []
        if let list = map.optional("interactions") {
            for item in try list.list() {
                let entry = try item.map(allowed: ["when", "value"])
                let choices = try context.choices(try entry.required("when"))
                interactions.append(Interaction(when: choices, value: try entry.required("value").number()))
            }
        }
        let redLines = try map.optional("red_lines")?.list().map { try decodeRedLine($0, context) } ?? []
        return Preference(weights: weights, values: values, interactions: interactions, redLines: redLines)
    }

    private func decodeValueFunction(_ field: Field, issue: Issue) throws -> ValueFunction {
        switch issue.domain {
        case .options(let options):
            var table = Array(repeating: Double.nan, count: options.count)
            for (key, entry) in try field.entries() {
                guard let option = options.firstIndex(of: key) else {
                    throw entry.problem(unknownOption(key, issue: issue.id, options: options))
                }
                table[option] = try entry.number()
            }
            if let missing = table.indices.first(where: { table[$0].isNaN }) {
                throw field.problem("missing value for option '\(options[missing])'")
            }
            return .table(table)
        case .range, .divisible:
            return .piecewise(try field.list().map { item in
                let pair = try item.list()
                guard pair.count == 2 else { throw item.problem("expected a point [x, value], found \(pair.count) numbers") }
                return ValueFunction.Breakpoint(x: try pair[0].number(), value: try pair[1].number())
            })
        }
    }

    private func decodeRedLine(_ field: Field, _ context: Context) throws -> RedLine {
        let map = try field.map(allowed: ["issue", "forbid", "min", "max", "forbid_combination"])
        if let combination = map.optional("forbid_combination") {
            guard !map.has("issue"), !map.has("forbid"), !map.has("min"), !map.has("max") else {
                throw field.problem("a forbid_combination red line takes no other keys")
            }
            return .forbidCombination(try context.choices(combination))
        }
        let issueField = try map.required("issue", hint: " (or use forbid_combination)")
        let issue = try context.issue(try issueField.string(), at: issueField)
        if let forbid = map.optional("forbid") {
            guard !map.has("min"), !map.has("max") else { throw field.problem("use either forbid or min/max, not both") }
            return .forbid(issue: issue, options: try forbid.list().map { try context.option(try $0.string(), of: issue, at: $0) })
        }
        return .bounds(issue: issue, min: try map.optional("min")?.number(), max: try map.optional("max")?.number())
    }
}

private extension Issue {
    var withoutStatusQuo: Issue {
        var copy = self
        copy.statusQuo = nil
        return copy
    }
}

private func unknownOption(_ name: String, issue: String, options: [String]) -> String {
    var message = "unknown option '\(name)' of issue '\(issue)'"
    if let guess = closestMatch(to: name, among: options) { message += " (did you mean '\(guess)'?)" }
    return message + "; options: \(options.joined(separator: ", "))"
}
