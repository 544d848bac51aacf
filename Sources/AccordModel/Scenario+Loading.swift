import Foundation

/// The text format of a scenario file.
public enum DocumentFormat: Sendable {
    case yaml
    case json

    /// `.json` files are JSON; everything else is read as YAML.
    public init(path: String) {
        self = path.lowercased().hasSuffix(".json") ? .json : .yaml
    }
}

extension Scenario {
    /// The format version this build reads and writes.
    public static let formatVersion = 1

    /// Loads and validates a scenario file (YAML or JSON, by extension).
    ///
    /// - Throws: `ScenarioError.unreadable` when the file cannot be read, `.invalid` with every
    ///   problem found (file, field path, line) when it is not a valid scenario.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let file = (path as NSString).lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(file: path, reason: "is a directory, not a scenario file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, reason: "cannot read the file (permission denied?)")
        }
        return try parse(data: data, file: file, format: DocumentFormat(path: path))
    }

    /// Parses and validates scenario text. `file` is the name used in messages.
    public static func parse(data: Data, file: String, format: DocumentFormat) throws(ScenarioError) -> Scenario {
        let tree: DocumentTree
        switch format {
        case .json:
            tree = try DocumentTree.parseJSON(data, file: file)
        case .yaml:
            guard let text = String(data: data, encoding: .utf8) else {
                throw .invalid([ScenarioIssue(file: file, path: "", line: nil, message: "the file is not UTF-8 text")])
            }
            tree = try DocumentTree.parseYAML(text, file: file)
        }
        let log = ProblemLog()
        let scenario = ScenarioDecoder(log: log).decode(Field(tree: tree, path: ""))
        guard log.isEmpty, let scenario else {
            throw .invalid(log.problems.map { $0.located(in: file) })
        }
        return scenario
    }
}

/// Turns a document tree into a `Scenario`, checking every field (DESIGN.md §1).
private struct ScenarioDecoder {
    let log: ProblemLog

    func decode(_ root: Field) -> Scenario? {
        guard let top = log.attempt({
            try root.map(allowed: ["accord", "name", "description", "disagreement", "parties", "issues", "preferences"])
        }) else { return nil }
        guard log.attempt({ try checkVersion(top) }) != nil else { return nil }

        let name = log.attempt { try top.optional("name")?.string() } ?? nil
        let description = log.attempt { try top.optional("description")?.string() } ?? nil
        let disagreement = log.attempt { try decodeDisagreement(top.optional("disagreement")) } ?? .reservation

        let parties = log.attempt { try decodeParties(top.required("parties")) } ?? nil
        let issues = log.attempt { try decodeIssues(top.required("issues"), parties: parties) } ?? nil
        guard let parties, let issues, log.isEmpty else { return nil }

        if disagreement == .statusQuo, let items = try? top.required("issues").list() {
            for (item, issue) in zip(items, issues) where issue.statusQuo == nil && issue.domain != .divisible {
                log.report(item.problem("issue '\(issue.id)' needs a status_quo because disagreement is status_quo"))
            }
        }
        let context = Context(parties: parties, issues: issues)
        guard let decoded = log.attempt({ try decodePreferences(top.required("preferences"), context) }),
              let preferences = decoded else {
            return nil
        }
        return Scenario(
            name: name ?? "Untitled scenario", description: description, disagreement: disagreement,
            parties: parties, issues: issues, preferences: preferences)
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
        let items = try field.list()
        guard items.count >= 2 else { throw field.problem("a negotiation needs at least two parties, found \(items.count)") }
        var seen: [String: Int] = [:]
        let parties = items.enumerated().map { index, item in
            log.attempt { () throws -> Party in
                let map = try item.map(allowed: ["id", "name", "reservation", "power", "discount"])
                let idField = try map.required("id")
                let id = try idField.identifier()
                if let first = seen[id] { throw idField.problem("duplicate party id '\(id)' (also parties[\(first)])") }
                seen[id] = index
                var party = Party(id: id)
                party.name = try map.optional("name")?.string()
                if let reservation = map.optional("reservation") { party.reservation = try reservation.number() }
                if let powerField = map.optional("power") {
                    party.power = try powerField.number()
                    guard party.power > 0 else { throw powerField.problem("bargaining power must be > 0, found \(formatted(party.power))") }
                }
                if let discountField = map.optional("discount") {
                    let discount = try discountField.number()
                    guard discount > 0, discount <= 1 else {
                        throw discountField.problem("discount factor must be in (0, 1], found \(formatted(discount))")
                    }
                    party.discount = discount
                }
                return party
            }
        }
        let decoded = parties.compactMap { $0 }
        return decoded.count == parties.count ? decoded : nil
    }

    // MARK: Issues

    /// `parties` is `nil` when they are invalid; the shares of a divisible status quo are then not checked.
    private func decodeIssues(_ field: Field, parties: [Party]?) throws -> [Issue]? {
        let items = try field.list()
        guard !items.isEmpty else { throw field.problem("there must be at least one issue") }
        var seen: [String: Int] = [:]
        let issues = items.enumerated().map { index, item in
            log.attempt { () throws -> Issue in
                let map = try item.map(allowed: ["id", "name", "track", "options", "range", "divisible", "status_quo"])
                let idField = try map.required("id")
                let id = try idField.identifier()
                if let first = seen[id] { throw idField.problem("duplicate issue id '\(id)' (also issues[\(first)])") }
                seen[id] = index
                let domain = try decodeDomain(map, id: id)
                var issue = Issue(id: id, name: try map.optional("name")?.string(), track: try map.optional("track")?.string(), domain: domain)
                if let statusQuo = map.optional("status_quo") {
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
            let items = try field.list()
            guard !items.isEmpty else { throw field.problem("issue '\(id)' has an empty option list") }
            var options: [String] = []
            for item in items {
                let option = try item.string()
                if options.contains(option) { throw item.problem("duplicate option '\(option)'") }
                options.append(option)
            }
            return .options(options)
        }
        if let field = map.optional("range") {
            let bounds = try field.list()
            guard bounds.count == 2 else { throw field.problem("expected [lower, upper], found \(bounds.count) numbers") }
            let lower = try bounds[0].number(), upper = try bounds[1].number()
            guard lower < upper else { throw field.problem("range lower bound \(formatted(lower)) must be below upper bound \(formatted(upper))") }
            return .range(lower: lower, upper: upper)
        }
        let field = try map.required("divisible")
        guard try field.bool() else {
            throw field.problem("divisible: false is not an issue kind; give options or range instead")
        }
        return .divisible
    }

    /// A value of `issue`: an option name, a number in the range, or shares per party.
    private func decodeValue(_ field: Field, of issue: Issue, parties: [Party]?) throws -> IssueValue {
        switch issue.domain {
        case .options(let options):
            let text = try field.string()
            guard let index = options.firstIndex(of: text) else {
                throw field.problem(unknownOption(text, issue: issue.id, options: options))
            }
            return .option(index)
        case .range(let lower, let upper):
            let x = try field.number()
            guard x >= lower, x <= upper else { throw field.problem("\(formatted(x)) is outside the range [\(formatted(lower)), \(formatted(upper))]") }
            return .number(x)
        case .divisible:
            guard let parties else { return .shares([]) }
            var shares = Array(repeating: Double.nan, count: parties.count)
            for (key, entry) in try field.entries() {
                guard let party = parties.firstIndex(where: { $0.id == key }) else {
                    throw entry.problem("unknown party '\(key)'")
                }
                let share = try entry.number()
                guard share >= 0, share <= 1 else { throw entry.problem("a share must be in [0, 1], found \(formatted(share))") }
                shares[party] = share
            }
            if let missing = shares.indices.first(where: { shares[$0].isNaN }) {
                throw field.problem("missing the share of party '\(parties[missing].id)'")
            }
            let total = shares.reduce(0, +)
            guard abs(total - 1) <= 1e-9 else {
                // Rounded, so that 0.6 + 0.3 reads 0.9 rather than 0.8999999999999999.
                throw field.problem("shares must sum to 1, found \(formatted((total * 1e12).rounded() / 1e12))")
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
            if let preference = log.attempt({ try decodePreference(entry, context) }) { byParty[party] = preference }
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
            let issue = try context.issue(key, at: entry)
            let weight = try entry.number()
            guard weight >= 0 else { throw entry.problem("weight must be >= 0, found \(formatted(weight))") }
            weights[issue] = weight
        }
        if let missing = weights.indices.first(where: { weights[$0].isNaN }) {
            throw weightsField.problem("missing weight for issue '\(context.issues[missing].id)' (write 0 if the party does not care)")
        }

        var values = [ValueFunction?](repeating: nil, count: context.issues.count)
        let valuesField = try map.required("values")
        for (key, entry) in try valuesField.entries() {
            let issue = try context.issue(key, at: entry)
            values[issue] = try decodeValueFunction(entry, issue: context.issues[issue])
        }
        if let missing = values.indices.first(where: { values[$0] == nil && weights[$0] > 0 }) {
            throw valuesField.problem("missing values for issue '\(context.issues[missing].id)' (its weight is \(formatted(weights[missing])))")
        }

        var interactions: [Interaction] = []
        if let list = map.optional("interactions") {
            for item in try list.list() {
                let entry = try item.map(allowed: ["when", "value"])
                let when = try entry.required("when")
                let choices = try context.choices(when)
                interactions.append(Interaction(when: choices, value: try entry.required("value").number()))
            }
        }
        // `Σ_j max |w_j · v_j| + Σ |interaction|` bounds |u|; the solvers need it finite.
        let bound = zip(weights, values).reduce(0.0) { sum, term in
            guard let function = term.1 else { return sum }
            return sum + (function.extremeCandidates.map { abs(term.0 * $0) }.max() ?? 0)
        } + interactions.reduce(0.0) { $0 + abs($1.value) }
        guard bound.isFinite else {
            throw field.problem("weights × values overflow: utilities would reach infinity; rescale them")
        }

        var redLines: [RedLine] = []
        if let list = map.optional("red_lines") {
            var feasibility = RedLineFeasibility(issues: context.issues)
            for item in try list.list() {
                let redLine = try decodeRedLine(item, context)
                if let reason = feasibility.add(redLine) { throw item.problem(reason) }
                redLines.append(redLine)
            }
        }
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
        case .range(let lower, let upper):
            return .piecewise(try decodePoints(field, lower: lower, upper: upper))
        case .divisible:
            return .piecewise(try decodePoints(field, lower: 0, upper: 1))
        }
    }

    /// Points `[[x, value], ...]` with strictly increasing x that cover `lower...upper`.
    private func decodePoints(_ field: Field, lower: Double, upper: Double) throws -> [ValueFunction.Breakpoint] {
        let items = try field.list()
        guard items.count >= 2 else {
            throw field.problem("expected at least two points [[x, value], ...] covering [\(formatted(lower)), \(formatted(upper))]")
        }
        var points: [ValueFunction.Breakpoint] = []
        for item in items {
            let pair = try item.list()
            guard pair.count == 2 else { throw item.problem("expected a point [x, value], found \(pair.count) numbers") }
            let point = ValueFunction.Breakpoint(x: try pair[0].number(), value: try pair[1].number())
            if let last = points.last, point.x <= last.x {
                throw item.problem("points out of order: x = \(formatted(point.x)) after x = \(formatted(last.x)) (x must increase strictly)")
            }
            points.append(point)
        }
        if let first = points.first, let last = points.last, first.x > lower || last.x < upper {
            throw field.problem("points cover [\(formatted(first.x)), \(formatted(last.x))] but must cover the whole range [\(formatted(lower)), \(formatted(upper))]")
        }
        return points
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
            let items = try forbid.list()
            guard !items.isEmpty else { throw forbid.problem("forbid needs at least one option") }
            return .forbid(issue: issue, options: try items.map { try context.option(try $0.string(), of: issue, at: $0) })
        }
        guard map.has("min") || map.has("max") else {
            throw field.problem("a red line on issue '\(context.issues[issue].id)' needs forbid, min or max")
        }
        if case .options = context.issues[issue].domain {
            throw field.problem("min/max apply to range and divisible issues; use forbid: [options] for issue '\(context.issues[issue].id)'")
        }
        let minimum = try map.optional("min")?.number()
        let maximum = try map.optional("max")?.number()
        if let minimum, let maximum, minimum > maximum {
            throw field.problem("min \(formatted(minimum)) is above max \(formatted(maximum))")
        }
        return .bounds(issue: issue, min: minimum, max: maximum)
    }
}

/// What one party's red lines leave of each issue; a red line that leaves nothing is impossible
/// to meet (no package would ever be acceptable to that party).
private struct RedLineFeasibility {
    package let issues: [Issue]
    /// Forbidden options of each discrete issue.
    private var forbidden: [Int: Set<Int>] = [:]
    /// The interval of each range or divisible issue (the party's own share) still allowed.
    private var allowed: [Int: (lower: Double, upper: Double)] = [:]

    init(issues: [Issue]) { self.issues = issues }

    /// Records `redLine`; returns why it is impossible to meet, or `nil`.
    mutating func add(_ redLine: RedLine) -> String? {
        switch redLine {
        case .forbid(let issue, let options):
            return forbid(options, of: issue)
        case .forbidCombination(let choices) where choices.count == 1:
            return forbid([choices[0].option], of: choices[0].issue)
        case .forbidCombination:
            return nil
        case .bounds(let issue, let minimum, let maximum):
            let range: (lower: Double, upper: Double)
            switch issues[issue].domain {
            case .range(let lower, let upper): range = (lower, upper)
            default: range = (0, 1)
            }
            let name = issues[issue].id
            let what = issues[issue].domain == .divisible
                ? "the shares [0, 1] of divisible issue '\(name)'"
                : "the range [\(formatted(range.lower)), \(formatted(range.upper))] of issue '\(name)'"
            if let minimum, minimum > range.upper {
                return "min \(formatted(minimum)) lies above \(what): no value meets this red line"
            }
            if let maximum, maximum < range.lower {
                return "max \(formatted(maximum)) lies below \(what): no value meets this red line"
            }
            var current = allowed[issue] ?? range
            current.lower = max(current.lower, minimum ?? current.lower)
            current.upper = min(current.upper, maximum ?? current.upper)
            allowed[issue] = current
            guard current.lower <= current.upper else {
                let bounds = "min \(formatted(current.lower)) > max \(formatted(current.upper))"
                return "with the other red lines on issue '\(name)', no value is left (\(bounds))"
            }
            return nil
        }
    }

    private mutating func forbid(_ options: [Int], of issue: Int) -> String? {
        guard case .options(let names) = issues[issue].domain else { return nil }
        forbidden[issue, default: []].formUnion(options)
        guard forbidden[issue]?.count == names.count else { return nil }
        let options = names.joined(separator: ", ")
        return "red lines forbid every option of issue '\(issues[issue].id)' (\(options)); no package can be acceptable"
    }
}

private extension ValueFunction {
    /// The values at the table entries or breakpoints: the function's extremes are among them.
    var extremeCandidates: [Double] {
        switch self {
        case .table(let values): return values
        case .piecewise(let points): return points.map(\.value)
        }
    }
}

/// A number as users write it: `1` rather than `1.0`.
private func formatted(_ value: Double) -> String { numberText(value) }

private func unknownOption(_ name: String, issue: String, options: [String]) -> String {
    var message = "unknown option '\(name)' of issue '\(issue)'"
    if let guess = closestMatch(to: name, among: options) { message += " (did you mean '\(guess)'?)" }
    return message + "; options: \(options.joined(separator: ", "))"
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
}
