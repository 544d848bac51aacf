/// Reading each party's preferences (part of `ScenarioDecoder`): weights, values,
/// interactions and red lines, with names resolved to indices; each preference is checked by
/// `ScenarioValidation` as soon as it is read.
extension ScenarioDecoder {
    /// The parties and issues that preference keys refer to, with hash indices from ids and
    /// option names to positions, so that resolving a name costs O(1) expected, and decoding a
    /// value table of `n` options O(n) (not O(n²)).
    struct Context {
        let parties: [Party]
        let issues: [Issue]
        let partyIndex: [String: Int]
        private let issueIndex: [String: Int]
        /// The UTF-8 text of each issue's id.
        private let issueIDs: [[UInt8]]
        /// `optionIndex[j][name]`: the position of option `name` of issue `j` (empty when `j` is not discrete).
        private let optionIndex: [[String: Int]]

        /// - Complexity: O(issues + options); the first of equal names wins, like `firstIndex(of:)`.
        init(parties: [Party], issues: [Issue]) {
            self.parties = parties
            self.issues = issues
            partyIndex = Self.index(parties.map(\.id))
            issueIndex = Self.index(issues.map(\.id))
            issueIDs = issues.map { Array($0.id.utf8) }
            optionIndex = issues.map { Self.index($0.options ?? []) }
        }

        /// The position of each name; the first of equal names wins, like `firstIndex(of:)`.
        /// - Complexity: O(names) expected.
        static func index(_ names: [String]) -> [String: Int] {
            Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// The issue named by the key of the entry at `position` of a map of issues: the issue at
        /// `position` when the key is its id (such maps are mostly written in issue order; the
        /// bytes are compared, no `String` is made), else by the hash index.
        func issue(in entries: FieldEntries, at position: Int) throws -> Int {
            if position < issues.count, entries.entries.key(at: position, is: issueIDs[position]) { return position }
            let (key, field) = entries[position]
            return try issue(key, at: field)
        }

        func issue(_ id: String, at field: Field) throws -> Int {
            guard let index = issueIndex[id] else {
                var message = "unknown issue \(quoted(id))"
                if let guess = closestMatch(to: id, among: issues.map(\.id)) { message += " (did you mean \(quoted(guess))?)" }
                throw field.problem(message)
            }
            return index
        }

        func option(_ name: String, of issue: Int, at field: Field) throws -> Int {
            guard case .options(let options) = issues[issue].domain else {
                throw field.problem("issue \(quoted(issues[issue].id)) has no options (it is \(issues[issue].domain.kindName))")
            }
            guard let index = optionIndex[issue][name] else {
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

    func decodePreferences(_ field: Field, _ context: Context) throws -> [Preference]? {
        var byParty: [Int: Preference] = [:]
        /// The parties whose key is in the map: a problem has been reported for each of them not in `byParty`.
        var given = Set<Int>()
        for (key, entry) in try field.entries() {
            guard let party = context.partyIndex[key] else {
                var message = "unknown party \(quoted(key))"
                if let guess = closestMatch(to: key, among: context.parties.map(\.id)) { message += " (did you mean \(quoted(guess))?)" }
                log.report(entry.problem(message))
                continue
            }
            given.insert(party)
            guard let preference = log.attempt({ try decodePreference(entry, context) }) else { continue }
            let problems = ScenarioValidation.preference(
                preference, of: context.parties[party], issues: context.issues)
            report(problems)
            if problems.isEmpty { byParty[party] = preference }
        }
        for (index, party) in context.parties.enumerated() where !given.contains(index) {
            log.report(field.problem("missing preferences for party \(quoted(party.id))"))
        }
        guard log.isEmpty else { return nil }
        return context.parties.indices.compactMap { byParty[$0] }
    }

    private func decodePreference(_ field: Field, _ context: Context) throws -> Preference {
        let map = try field.map(allowed: ["weights", "values", "interactions", "red_lines"])
        let weightsField = try map.required("weights")
        var weights = Array(repeating: Double.nan, count: context.issues.count)
        let weightEntries = try weightsField.entries()
        for position in weightEntries.indices {
            let issue = try context.issue(in: weightEntries, at: position)
            weights[issue] = try weightEntries.tree(at: position).plainNumber ?? weightEntries.field(at: position).number()
        }
        if let missing = weights.indices.first(where: { weights[$0].isNaN }) {
            throw weightsField.problem("missing weight for issue \(quoted(context.issues[missing].id)) (write 0 if the party does not care)")
        }

        var values = [ValueFunction?](repeating: nil, count: context.issues.count)
        let valueEntries = try map.required("values").entries()
        for position in valueEntries.indices {
            let issue = try context.issue(in: valueEntries, at: position)
            values[issue] = try decodeValueFunction(in: valueEntries, at: position, issue: issue, context)
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

    /// The value function of the entry at `position` of a party's `values`.
    private func decodeValueFunction(in entries: FieldEntries, at position: Int, issue index: Int, _ context: Context) throws -> ValueFunction {
        switch context.issues[index].domain {
        case .options(let options):
            let field = entries.field(at: position)
            var table = Array(repeating: Double.nan, count: options.count)
            for (key, entry) in try field.entries() {
                table[try context.option(key, of: index, at: entry)] = try entry.number()
            }
            if let missing = table.indices.first(where: { table[$0].isNaN }) {
                throw field.problem("missing value for option \(quoted(options[missing]))")
            }
            return .table(table)
        case .range, .divisible:
            if let points = entries.tree(at: position).plainPoints { return .piecewise(points) }
            return .piecewise(try entries.field(at: position).list().map { item in
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
