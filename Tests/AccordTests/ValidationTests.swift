import Accord
@testable import AccordModel
@testable import AccordImport
@testable import AccordGenerate
@testable import AccordSkyline
@testable import AccordSpace
@testable import AccordFrontier
@testable import AccordSolutions
@testable import AccordLinkage
@testable import AccordDynamics
@testable import AccordReport
import Foundation
import Testing

/// Every kind of bad scenario input (DESIGN.md §1, §2.3) must be reported as a `ScenarioIssue`
/// that names the file, the field path and, in YAML, the line — never a crash, never silence.
///
/// Each case edits one place of `ValidationBase.yaml`, a valid scenario that uses every field of
/// the format. The expected line is found by searching the edited text for a marker, so the
/// expectations do not depend on how the parser counts.
@Suite struct ValidationTests {
    // MARK: The base scenario

    @Test func baseScenarioIsValid() throws {
        #expect(problems(yaml: ValidationBase.yaml) == [])
        let scenario = try scenario(yaml: ValidationBase.yaml)
        #expect(scenario.parties.map(\.id) == ["north", "south"])
        #expect(scenario.issues.map(\.id) == ["fisheries", "patrols", "revenue", "costs"])
        #expect(scenario.preferences[0].redLines.count == 3)
    }

    // MARK: One mistake, one precise message

    @Test(arguments: ValidationCase.unknownIds + ValidationCase.missing + ValidationCase.numbers)
    func idsMissingFieldsAndNumbers(_ item: ValidationCase) throws { try check(item) }

    @Test(arguments: ValidationCase.duplicates + ValidationCase.structure + ValidationCase.unknownKeys)
    func duplicatesStructureAndUnknownKeys(_ item: ValidationCase) throws { try check(item) }

    @Test(arguments: ValidationCase.types + ValidationCase.valueFunctions + ValidationCase.statusQuo)
    func typesValueFunctionsAndStatusQuo(_ item: ValidationCase) throws { try check(item) }

    @Test(arguments: ValidationCase.redLines + ValidationCase.impossibleRedLines + ValidationCase.overflow)
    func redLinesAndOverflow(_ item: ValidationCase) throws { try check(item) }

    @Test(arguments: ValidationCase.syntax)
    func syntaxErrors(_ item: ValidationCase) throws { try check(item) }

    private func check(_ item: ValidationCase) throws {
        let text = try item.text()
        let found = problems(yaml: text, file: "case.yaml")
        let problem = try #require(
            found.first { $0.path == item.path },
            "no problem at '\(item.path)'; found: \(found.map(\.description))")
        #expect(problem.file == "case.yaml")
        #expect(problem.line == item.line.resolve(in: text), "line of \(problem)")
        #expect(problem.message.contains(item.message), "message of \(problem)")
        #expect(found.count == item.count, "one mistake, \(item.count) message(s): \(found.map(\.description))")
    }

    // MARK: Edge cases that are valid

    /// Limits that are allowed: they must not be rejected by the rules above.
    @Test(arguments: [
        ("discount of exactly 1", [("discount: 0.9", "discount: 1")]),
        ("power just above 0", [("power: 1", "power: 1e-9")]),
        ("weight 0 without values", [("      patrols: 0.2", "      patrols: 0"), ("      patrols: {separate: 0.4, joint: 1}\n", "")]),
        ("min equal to the upper bound", [("        max: 0.8", "        min: 1")]),
        ("max equal to the lower bound", [("        max: 0.8", "        max: 0")]),
        ("min equal to max", [("        max: 0.8", "        min: 0.3\n        max: 0.3")]),
        ("forbid all options but one", [("forbid: [open]", "forbid: [open, closed]")]),
        // Two parties' red lines together leave nothing: a "no agreement zone" result, not an error.
        ("parties' red lines exclude each other", [("      costs: [[0, 0], [1, 1]]\n", "      costs: [[0, 0], [1, 1]]\n    red_lines:\n      - {issue: fisheries, forbid: [closed, seasonal]}\n")]),
        ("shares 0.1 and 0.9", [("{north: 0.5, south: 0.5}", "{north: 0.1, south: 0.9}")]),
        ("points beyond the range", [("[[0, 1], [0.5, 0.7], [1, 0]]", "[[-1, 1], [2, 0]]")]),
        ("an anchor reused for a value table", [("fisheries: {closed: 1, seasonal: 0.6, open: 0}", "fisheries: &table {closed: 1, seasonal: 0.6, open: 0}"), ("fisheries: {closed: 0, seasonal: 0.5, open: 1}", "fisheries: *table")]),
        ("disagreement status_quo with every status quo given", [("disagreement: reservation", "disagreement: status_quo")]),
    ] as [(String, [(String, String)])])
    func validEdgeCases(_ name: String, _ edits: [(String, String)]) throws {
        let text = try ValidationBase.edited(edits)
        #expect(problems(yaml: text) == [], "\(name)")
    }

    // MARK: All problems at once

    @Test func problemsInSeveralPartiesAreAllReported() throws {
        let text = try ValidationBase.edited([
            ("      fisheries: 0.4", "      fisheries: -0.4"),
            ("fisheries: {closed: 0, seasonal: 0.5, open: 1}", "fisheries: {closed: 0, seasonal: 0.5, opne: 1}"),
        ])
        let found = problems(yaml: text)
        #expect(found.map(\.path) == ["preferences.north.weights.fisheries", "preferences.south.values.fisheries.opne"])
    }

    @Test func problemsInPartiesAndIssuesAreAllReported() throws {
        let text = try ValidationBase.edited([
            ("power: 1", "power: 0"),
            ("options: [separate, joint]", "options: []"),
        ])
        #expect(problems(yaml: text).map(\.path) == ["parties[0].power", "issues[1].options"])
    }

    /// A party whose id is a prefix of another's is still reported as missing when the other's
    /// preferences have a problem.
    @Test func missingPreferencesNextToAPartyWithASimilarId() {
        let found = problems(yaml: """
            accord: 1
            parties: [{id: A}, {id: AB}]
            issues: [{id: x, options: [a, b]}]
            preferences:
              AB: {weights: {x: -1}, values: {x: {a: 0, b: 1}}}
            """)
        #expect(found.map(\.path) == ["preferences.AB.weights.x", "preferences"])
        #expect(found.last?.message == "missing preferences for party 'A'")
    }

    // MARK: Messages

    @Test func descriptionNamesFileLinePathAndMessage() throws {
        let text = try ValidationBase.edited([("{closed: 1, seasonal: 0.6, open: 0}", "{closed: 1, seasonal: 0.6, opne: 0}")])
        let found = problems(yaml: text, file: "blue-harbor-discrete.yaml")
        let line = try #require(Marker.at("seasonal: 0.6, opne").resolve(in: text))
        #expect(found.map(\.description) == [
            "blue-harbor-discrete.yaml:\(line): preferences.north.values.fisheries.opne: unknown option 'opne' of issue 'fisheries' (did you mean 'open'?); options: closed, seasonal, open",
        ])
    }

    @Test func descriptionWithoutPathOrLine() {
        #expect(problems(yaml: "", file: "empty.yaml").map(\.description) == ["empty.yaml: the file is empty"])
    }

    @Test func nonUTF8TextIsInvalid() {
        do {
            _ = try Scenario.parse(data: Data([0x61, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]), file: "latin.yaml", format: .yaml)
            Testing.Issue.record("non-UTF-8 text was accepted")
        } catch {
            #expect(error == .invalid([ScenarioIssue(file: "latin.yaml", path: "", line: nil, message: "the file is not UTF-8 text")]))
        }
    }

    // MARK: JSON

    @Test(arguments: JSONCase.all)
    func jsonProblems(_ item: JSONCase) throws {
        let found = jsonProblems(item.json)
        let problem = try #require(found.first { $0.path == item.path }, "found: \(found.map(\.description))")
        #expect(problem.line == item.line)
        #expect(problem.message.contains(item.message), "message of \(problem)")
    }

    @Test func validJSONLoads() throws {
        let scenario = try Scenario.parse(data: Data(JSONCase.valid.utf8), file: "case.json", format: .json)
        #expect(scenario.issues.map(\.domain) == [.options(["a", "b"]), .divisible])
        #expect(scenario.parties[1].reservation == 0.25)
    }

    /// The JSON rendering of a scenario loads back (so JSON cases test the same rules as YAML).
    @Test func baseScenarioAsJSONLoads() throws {
        let scenario = try scenario(yaml: ValidationBase.yaml)
        let json = scenario.jsonDocument.rendered()
        #expect(try Scenario.parse(data: Data(json.utf8), file: "base.json", format: .json) == scenario)
    }

    private func jsonProblems(_ json: String) -> [ScenarioIssue] {
        do {
            _ = try Scenario.parse(data: Data(json.utf8), file: "case.json", format: .json)
            return []
        } catch {
            guard case .invalid(let issues) = error else { return [] }
            return issues
        }
    }

    // MARK: Files

    @Test func missingFileIsUnreadable() throws {
        let path = try temporaryDirectory().appendingPathComponent("nowhere.yaml").path
        #expect(throws: ScenarioError.unreadable(file: path, reason: "no such file")) { try Scenario.load(path: path) }
    }

    @Test func directoryIsUnreadable() throws {
        let path = try temporaryDirectory().path
        #expect(throws: ScenarioError.unreadable(file: path, reason: "is a directory, not a scenario file")) {
            try Scenario.load(path: path)
        }
    }

    @Test func loadNamesTheFileWithoutItsDirectory() throws {
        let url = try temporaryDirectory().appendingPathComponent("typo.yaml")
        try Data(ValidationBase.edited([("name: Validation base", "nmae: Validation base")]).utf8).write(to: url)
        do {
            _ = try Scenario.load(path: url.path)
            Testing.Issue.record("a scenario with an unknown key loaded")
        } catch {
            guard case .invalid(let issues) = error else { Testing.Issue.record("\(error)"); return }
            #expect(issues.map(\.file) == ["typo.yaml"])
            #expect(issues.map(\.path) == ["nmae"])
            #expect(issues.map(\.line) == [2])
        }
    }
}

// MARK: - Cases

/// A valid scenario using every field of DESIGN.md §1; the cases edit it.
enum ValidationBase {
    static let parties = """
        parties:
          - id: north
            reservation: 0.1
            power: 1
            discount: 0.9
          - id: south
            reservation: 0.2

        """

    static let issues = """
        issues:
          - id: fisheries
            options: [closed, seasonal, open]
            status_quo: closed
          - id: patrols
            options: [separate, joint]
            status_quo: separate
          - id: revenue
            range: [0, 1]
            status_quo: 0
          - id: costs
            divisible: true
            status_quo: {north: 0.5, south: 0.5}

        """

    static let northWeights = """
            weights:
              fisheries: 0.4
              patrols: 0.2
              revenue: 0.3
              costs: 0.1

        """

    static let south = """
          south:
            weights: {fisheries: 0.3, patrols: 0.1, revenue: 0.5, costs: 0.1}
            values:
              fisheries: {closed: 0, seasonal: 0.5, open: 1}
              patrols: {separate: 1, joint: 0.2}
              revenue: [[0, 0], [1, 1]]
              costs: [[0, 0], [1, 1]]

        """

    static let yaml = """
        accord: 1
        name: Validation base
        description: Every field of the scenario format, once.
        disagreement: reservation

        """ + parties + issues + """
        preferences:
          north:

        """ + northWeights + """
            values:
              fisheries: {closed: 1, seasonal: 0.6, open: 0}
              patrols: {separate: 0.4, joint: 1}
              revenue: [[0, 1], [0.5, 0.7], [1, 0]]
              costs: [[0, 1], [1, 0]]
            interactions:
              - when: {fisheries: seasonal, patrols: joint}
                value: 0.05
            red_lines:
              - issue: fisheries
                forbid: [open]
              - issue: revenue
                max: 0.8
              - forbid_combination: {fisheries: closed, patrols: joint}

        """ + south

    /// The base with each `(old, new)` applied; `old` must occur exactly once.
    static func edited(_ edits: [(String, String)]) throws -> String {
        var text = yaml
        for (old, new) in edits {
            let count = text.components(separatedBy: old).count - 1
            try #require(count == 1, "'\(old)' occurs \(count) times in the base scenario")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text
    }
}

/// Where a problem is expected: the line where a marker (possibly of several lines) first
/// starts, or no line.
enum Marker: Sendable {
    case at(String)
    case none

    func resolve(in text: String) -> Int? {
        guard case .at(let marker) = self, let range = text.range(of: marker) else { return nil }
        return text[..<range.lowerBound].reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
    }
}

struct ValidationCase: Sendable, CustomTestStringConvertible {
    var name: String
    var edits: [(String, String)]
    /// A whole text instead of edits of the base.
    var yaml: String?
    var path: String
    var line: Marker
    var message: String
    /// How many problems the text has in all (one mistake should give one message).
    var count = 1

    var testDescription: String { name }

    init(_ name: String, _ edits: [(String, String)], path: String, line: Marker, _ message: String, count: Int = 1) {
        self.name = name
        self.edits = edits
        self.path = path
        self.line = line
        self.message = message
        self.count = count
    }

    init(_ name: String, yaml: String, path: String, line: Marker, _ message: String) {
        self.init(name, [], path: path, line: line, message)
        self.yaml = yaml
    }

    func text() throws -> String { try yaml ?? ValidationBase.edited(edits) }

    static let unknownIds: [ValidationCase] = [
        .init("unknown party in preferences", [("  south:\n    weights", "  suoth:\n    weights")],
              path: "preferences.suoth", line: .at("  suoth:"), "unknown party 'suoth' (did you mean 'south'?)", count: 2),
        .init("preferences of an unknown party leave a party without preferences", [("  south:\n    weights", "  suoth:\n    weights")],
              path: "preferences", line: .at("preferences:"), "missing preferences for party 'south'", count: 2),
        .init("unknown issue in weights", [("      patrols: 0.2", "      patrol: 0.2")],
              path: "preferences.north.weights.patrol", line: .at("patrol: 0.2"), "unknown issue 'patrol' (did you mean 'patrols'?)"),
        .init("unknown issue in values", [("      costs: [[0, 1], [1, 0]]", "      cost: [[0, 1], [1, 0]]")],
              path: "preferences.north.values.cost", line: .at("cost: [[0, 1]"), "unknown issue 'cost' (did you mean 'costs'?)"),
        .init("unknown option in values", [("{closed: 1, seasonal: 0.6, open: 0}", "{closed: 1, seasonal: 0.6, opne: 0}")],
              path: "preferences.north.values.fisheries.opne", line: .at("opne: 0"),
              "unknown option 'opne' of issue 'fisheries' (did you mean 'open'?); options: closed, seasonal, open"),
        .init("unknown option as status quo", [("status_quo: closed", "status_quo: shut")],
              path: "issues[0].status_quo", line: .at("status_quo: shut"), "unknown option 'shut' of issue 'fisheries'"),
        .init("unknown party in divisible status quo", [("{north: 0.5, south: 0.5}", "{north: 0.5, west: 0.5}")],
              path: "issues[3].status_quo.west", line: .at("west: 0.5"), "unknown party 'west'"),
        .init("unknown issue in a red line", [("      - issue: fisheries\n", "      - issue: fisheris\n")],
              path: "preferences.north.red_lines[0].issue", line: .at("issue: fisheris"), "unknown issue 'fisheris' (did you mean 'fisheries'?)"),
        .init("unknown option in a red line", [("forbid: [open]", "forbid: [opne]")],
              path: "preferences.north.red_lines[0].forbid[0]", line: .at("forbid: [opne]"), "unknown option 'opne' of issue 'fisheries' (did you mean 'open'?)"),
        .init("unknown option in forbid_combination", [("{fisheries: closed, patrols: joint}", "{fisheries: closed, patrols: both}")],
              path: "preferences.north.red_lines[2].forbid_combination.patrols", line: .at("patrols: both"), "unknown option 'both' of issue 'patrols'"),
        .init("unknown issue in forbid_combination", [("{fisheries: closed, patrols: joint}", "{fisheries: closed, patrol: joint}")],
              path: "preferences.north.red_lines[2].forbid_combination.patrol", line: .at("patrol: joint}"), "unknown issue 'patrol'"),
        .init("unknown issue in an interaction", [("when: {fisheries: seasonal, patrols: joint}", "when: {fisheries: seasonal, patrol: joint}")],
              path: "preferences.north.interactions[0].when.patrol", line: .at("patrol: joint"), "unknown issue 'patrol' (did you mean 'patrols'?)"),
        .init("unknown option in an interaction", [("when: {fisheries: seasonal, patrols: joint}", "when: {fisheries: season, patrols: joint}")],
              path: "preferences.north.interactions[0].when.fisheries", line: .at("fisheries: season,"), "unknown option 'season' of issue 'fisheries'"),
    ]

    static let missing: [ValidationCase] = [
        .init("missing preferences", [(ValidationBase.south, "")],
              path: "preferences", line: .at("preferences:"), "missing preferences for party 'south'"),
        .init("missing weight", [("      patrols: 0.2\n", "")],
              path: "preferences.north.weights", line: .at("    weights:"), "missing weight for issue 'patrols' (write 0 if the party does not care)"),
        .init("missing values of a weighted issue", [("      patrols: {separate: 0.4, joint: 1}\n", "")],
              path: "preferences.north.values", line: .at("    values:"), "missing values for issue 'patrols' (its weight is 0.2)"),
        .init("missing value of an option", [("{closed: 1, seasonal: 0.6, open: 0}", "{closed: 1, seasonal: 0.6}")],
              path: "preferences.north.values.fisheries", line: .at("{closed: 1, seasonal: 0.6}"), "missing value for option 'open'"),
        .init("missing weights", [(ValidationBase.northWeights, "")],
              path: "preferences.north", line: .at("  north:"), "missing required key 'weights'"),
        .init("missing format version", [("accord: 1\n", "")],
              path: "", line: .at("name: Validation base"), "missing required key 'accord' (the format version: write 'accord: 1' at the top)"),
        .init("missing party id", [("  - id: south\n", "  - name: South\n")],
              path: "parties[1]", line: .at("name: South"), "missing required key 'id'"),
        .init("missing share in a divisible status quo", [("{north: 0.5, south: 0.5}", "{north: 1}")],
              path: "issues[3].status_quo", line: .at("status_quo: {north: 1}"), "missing the share of party 'south'"),
        .init("missing preferences section", yaml: ValidationBase.yaml.components(separatedBy: "preferences:\n")[0],
              path: "", line: .at("accord: 1"), "missing required key 'preferences'"),
    ]

    static let numbers: [ValidationCase] = [
        .init("negative weight", [("      fisheries: 0.4", "      fisheries: -0.4")],
              path: "preferences.north.weights.fisheries", line: .at("fisheries: -0.4"), "weight must be >= 0, found -0.4"),
        .init("NaN weight", [("      fisheries: 0.4", "      fisheries: .nan")],
              path: "preferences.north.weights.fisheries", line: .at("fisheries: .nan"), "must be a finite number, found '.nan'"),
        .init("infinite weight", [("      fisheries: 0.4", "      fisheries: .inf")],
              path: "preferences.north.weights.fisheries", line: .at("fisheries: .inf"), "must be a finite number, found '.inf'"),
        .init("NaN weight, spelled nan", [("      revenue: 0.3", "      revenue: NaN")],
              path: "preferences.north.weights.revenue", line: .at("revenue: NaN"), "must be a finite number, found 'NaN'"),
        .init("negative infinity as a value", [("{separate: 0.4, joint: 1}", "{separate: -.inf, joint: 1}")],
              path: "preferences.north.values.patrols.separate", line: .at("separate: -.inf"), "must be a finite number, found '-.inf'"),
        .init("NaN reservation", [("reservation: 0.1", "reservation: .NaN")],
              path: "parties[0].reservation", line: .at("reservation: .NaN"), "must be a finite number, found '.NaN'"),
        .init("NaN in a piecewise point", [("[[0, 1], [0.5, 0.7], [1, 0]]", "[[0, 1], [0.5, .nan], [1, 0]]")],
              path: "preferences.north.values.revenue[1][1]", line: .at("[0.5, .nan]"), "must be a finite number, found '.nan'"),
        .init("NaN interaction value", [("        value: 0.05", "        value: .nan")],
              path: "preferences.north.interactions[0].value", line: .at("value: .nan"), "must be a finite number"),
        .init("number too large for a double", [("reservation: 0.2", "reservation: 1e999")],
              path: "parties[1].reservation", line: .at("reservation: 1e999"), "must be a finite number, found '1e999'"),
        .init("text where a number is expected", [("power: 1", "power: strong")],
              path: "parties[0].power", line: .at("power: strong"), "expected a number, found 'strong'"),
        .init("power of zero", [("power: 1", "power: 0")],
              path: "parties[0].power", line: .at("power: 0"), "bargaining power must be > 0, found 0"),
        .init("negative power", [("power: 1", "power: -2")],
              path: "parties[0].power", line: .at("power: -2"), "bargaining power must be > 0, found -2"),
        .init("discount of zero", [("discount: 0.9", "discount: 0")],
              path: "parties[0].discount", line: .at("discount: 0"), "discount factor must be in (0, 1], found 0"),
        .init("discount above one", [("discount: 0.9", "discount: 1.5")],
              path: "parties[0].discount", line: .at("discount: 1.5"), "discount factor must be in (0, 1], found 1.5"),
        .init("negative discount", [("discount: 0.9", "discount: -0.5")],
              path: "parties[0].discount", line: .at("discount: -0.5"), "discount factor must be in (0, 1], found -0.5"),
    ]

    static let duplicates: [ValidationCase] = [
        // The invalid parties must not make the divisible status quo {north, south} look wrong too.
        .init("duplicate party id", [("  - id: south\n", "  - id: north\n")],
              path: "parties[1].id", line: .at("  - id: north\n    reservation: 0.2"), "duplicate party id 'north' (also parties[0])"),
        .init("duplicate issue id", [("  - id: costs\n", "  - id: revenue\n")],
              path: "issues[3].id", line: .at("  - id: revenue\n    divisible"), "duplicate issue id 'revenue' (also issues[2])"),
        .init("duplicate option", [("options: [closed, seasonal, open]", "options: [closed, seasonal, closed]")],
              path: "issues[0].options[2]", line: .at("[closed, seasonal, closed]"), "duplicate option 'closed'"),
        .init("duplicate key", [("      patrols: 0.2\n", "      patrols: 0.2\n      patrols: 0.3\n")],
              path: "", line: .at("      patrols: 0.2"), "duplicate key 'patrols'"),
    ]

    static let structure: [ValidationCase] = [
        .init("empty option list", [("options: [separate, joint]", "options: []")],
              path: "issues[1].options", line: .at("options: []"), "issue 'patrols' has an empty option list"),
        .init("options and range together", [("    range: [0, 1]\n", "    range: [0, 1]\n    options: [low, high]\n")],
              path: "issues[2]", line: .at("  - id: revenue"), "issue 'revenue' needs exactly one of options, range or divisible: true (found options and range)"),
        .init("no options, range or divisible", [("    divisible: true\n", "")],
              path: "issues[3]", line: .at("  - id: costs"), "issue 'costs' needs exactly one of options, range or divisible: true (found none)"),
        .init("divisible: false", [("divisible: true", "divisible: false")],
              path: "issues[3].divisible", line: .at("divisible: false"), "divisible: false is not an issue kind"),
        .init("range with lower equal to upper", [("range: [0, 1]", "range: [1, 1]")],
              path: "issues[2].range", line: .at("range: [1, 1]"), "range lower bound 1 must be below upper bound 1"),
        .init("range with lower above upper", [("range: [0, 1]", "range: [2, 1]")],
              path: "issues[2].range", line: .at("range: [2, 1]"), "range lower bound 2 must be below upper bound 1"),
        .init("range with one bound", [("range: [0, 1]", "range: [0]")],
              path: "issues[2].range", line: .at("range: [0]"), "expected [lower, upper]"),
        .init("infinite range", [("range: [0, 1]", "range: [0, .inf]")],
              path: "issues[2].range[1]", line: .at("range: [0, .inf]"), "must be a finite number, found '.inf'"),
        .init("one party", [("  - id: south\n    reservation: 0.2\n", "")],
              path: "parties", line: .at("parties:"), "a negotiation needs at least two parties, found 1"),
        .init("no parties", [(ValidationBase.parties, "parties: []\n")],
              path: "parties", line: .at("parties: []"), "a negotiation needs at least two parties, found 0"),
        .init("no issues", [(ValidationBase.issues, "issues: []\n")],
              path: "issues", line: .at("issues: []"), "there must be at least one issue"),
        .init("unknown disagreement rule", [("disagreement: reservation", "disagreement: statusquo")],
              path: "disagreement", line: .at("disagreement: statusquo"), "unknown disagreement rule 'statusquo'; use reservation or status_quo"),
        .init("id that is not an identifier", [("  - id: north\n", "  - id: north pole\n")],
              path: "parties[0].id", line: .at("id: north pole"), "'north pole' is not a valid id (use letters, digits, '_' and '-')"),
        .init("empty name", [("name: Validation base", "name: ''")],
              path: "name", line: .at("name: ''"), "must not be empty"),
    ]

    static let unknownKeys: [ValidationCase] = [
        .init("unknown top-level key", [("name: Validation base", "nmae: Validation base")],
              path: "nmae", line: .at("nmae:"),
              "unknown key 'nmae' (did you mean 'name'?); allowed keys: accord, name, description, disagreement, normalize, parties, issues, preferences"),
        .init("unknown key without a value", [("disagreement: reservation\n", "disagreement: reservation\nnotes:\n")],
              path: "notes", line: .at("notes:"), "unknown key 'notes'"),
        .init("unknown party key", [("reservation: 0.1", "reservaton: 0.1")],
              path: "parties[0].reservaton", line: .at("reservaton: 0.1"), "unknown key 'reservaton' (did you mean 'reservation'?)"),
        .init("unknown issue key", [("    status_quo: separate", "    statusquo: separate")],
              path: "issues[1].statusquo", line: .at("statusquo: separate"), "unknown key 'statusquo' (did you mean 'status_quo'?)"),
        .init("unknown preference key", [("    red_lines:", "    redlines:")],
              path: "preferences.north.redlines", line: .at("redlines:"), "unknown key 'redlines' (did you mean 'red_lines'?)"),
        .init("unknown red line key", [("        max: 0.8", "        maximum: 0.8")],
              path: "preferences.north.red_lines[1].maximum", line: .at("maximum: 0.8"), "unknown key 'maximum'"),
        .init("unknown interaction key", [("        value: 0.05", "        valeu: 0.05")],
              path: "preferences.north.interactions[0].valeu", line: .at("valeu: 0.05"), "unknown key 'valeu' (did you mean 'value'?)"),
        .init("preferences misspelled", [("preferences:\n  north:\n", "preferneces:\n  north:\n")],
              path: "preferneces", line: .at("preferneces:"), "unknown key 'preferneces' (did you mean 'preferences'?)"),
        .init("weights with a typo in an issue", [("weights: {fisheries: 0.3,", "weights: {fisheires: 0.3,")],
              path: "preferences.south.weights.fisheires", line: .at("fisheires: 0.3"), "unknown issue 'fisheires' (did you mean 'fisheries'?)"),
    ]

    static let types: [ValidationCase] = [
        .init("format version 2", [("accord: 1", "accord: 2")],
              path: "accord", line: .at("accord: 2"), "unsupported format version '2'; this accord reads version 1"),
        .init("format version 1.5", [("accord: 1", "accord: 1.5")],
              path: "accord", line: .at("accord: 1.5"), "unsupported format version '1.5'"),
        .init("format version as text", [("accord: 1", "accord: one")],
              path: "accord", line: .at("accord: one"), "expected a number, found 'one'"),
        .init("parties as a map", [(ValidationBase.parties, "parties: {north: {}, south: {}}\n")],
              path: "parties", line: .at("parties: {"), "expected a list, found a map"),
        .init("weights as a list", [(ValidationBase.northWeights, "    weights: [0.4, 0.2, 0.3, 0.1]\n")],
              path: "preferences.north.weights", line: .at("weights: [0.4"), "expected a map, found a list"),
        .init("value table as a list", [("{closed: 1, seasonal: 0.6, open: 0}", "[1, 0.6, 0]")],
              path: "preferences.north.values.fisheries", line: .at("fisheries: [1, 0.6, 0]"), "expected a map, found a list"),
        .init("piecewise values as a map", [("[[0, 1], [0.5, 0.7], [1, 0]]", "{0: 1, 1: 0}")],
              path: "preferences.north.values.revenue", line: .at("revenue: {0: 1"), "expected a list, found a map"),
        .init("options as text", [("options: [separate, joint]", "options: separate")],
              path: "issues[1].options", line: .at("options: separate"), "expected a list, found 'separate'"),
        .init("id as a list", [("  - id: north\n", "  - id: [north]\n")],
              path: "parties[0].id", line: .at("id: [north]"), "expected text, found a list"),
        .init("a party as text", [("  - id: south\n    reservation: 0.2\n", "  - south\n")],
              path: "parties[1]", line: .at("  - south"), "expected a map, found 'south'"),
        .init("preferences of a party as text", [("  north:\n    weights:\n", "  north: likes fish\n  x-north:\n    weights:\n")],
              path: "preferences.north", line: .at("north: likes fish"), "expected a map, found 'likes fish'", count: 2),
        .init("a share as text", [("{north: 0.5, south: 0.5}", "{north: half, south: 0.5}")],
              path: "issues[3].status_quo.north", line: .at("north: half"), "expected a number, found 'half'"),
        .init("divisible status quo as a number", [("{north: 0.5, south: 0.5}", "0.5")],
              path: "issues[3].status_quo", line: .at("status_quo: 0.5"), "expected a map, found '0.5'"),
        .init("divisible as text", [("divisible: true", "divisible: sure")],
              path: "issues[3].divisible", line: .at("divisible: sure"), "expected true or false, found 'sure'"),
        .init("red lines as a map", [("    red_lines:\n      - issue: fisheries\n        forbid: [open]\n      - issue: revenue\n        max: 0.8\n      - forbid_combination: {fisheries: closed, patrols: joint}\n", "    red_lines: {issue: fisheries, forbid: [open]}\n")],
              path: "preferences.north.red_lines", line: .at("red_lines: {"), "expected a list, found a map"),
        .init("root is a list", yaml: "- accord: 1\n- name: x\n",
              path: "", line: .at("- accord: 1"), "expected a map, found a list"),
        .init("root is text", yaml: "just some text\n",
              path: "", line: .at("just some text"), "expected a map, found 'just some text'"),
    ]

    static let valueFunctions: [ValidationCase] = [
        .init("piecewise x decreasing", [("[[0, 1], [0.5, 0.7], [1, 0]]", "[[0, 1], [0.5, 0.7], [0.4, 0]]")],
              path: "preferences.north.values.revenue[2]", line: .at("[0.4, 0]"), "points out of order: x = 0.4 after x = 0.5 (x must increase strictly)"),
        .init("piecewise x repeated", [("[[0, 1], [0.5, 0.7], [1, 0]]", "[[0, 1], [0.5, 0.7], [0.5, 0], [1, 0]]")],
              path: "preferences.north.values.revenue[2]", line: .at("[0.5, 0]"), "points out of order: x = 0.5 after x = 0.5"),
        .init("piecewise short of the upper bound", [("[[0, 1], [0.5, 0.7], [1, 0]]", "[[0, 1], [0.5, 0.7]]")],
              path: "preferences.north.values.revenue", line: .at("revenue: [[0, 1], [0.5, 0.7]]"), "points cover [0, 0.5] but must cover the whole range [0, 1]"),
        .init("piecewise short of the lower bound", [("[[0, 1], [0.5, 0.7], [1, 0]]", "[[0.2, 1], [0.5, 0.7], [1, 0]]")],
              path: "preferences.north.values.revenue", line: .at("revenue: [[0.2, 1]"), "points cover [0.2, 1] but must cover the whole range [0, 1]"),
        .init("divisible share function short of 1", [("costs: [[0, 1], [1, 0]]", "costs: [[0, 1], [0.9, 0]]")],
              path: "preferences.north.values.costs", line: .at("costs: [[0, 1], [0.9, 0]]"), "points cover [0, 0.9] but must cover the whole range [0, 1]"),
        .init("a single point", [("[[0, 1], [0.5, 0.7], [1, 0]]", "[[0, 1]]")],
              path: "preferences.north.values.revenue", line: .at("revenue: [[0, 1]]"), "expected at least two points [[x, value], ...] covering [0, 1]"),
        .init("a point with three numbers", [("[[0, 1], [0.5, 0.7], [1, 0]]", "[[0, 1, 2], [1, 0]]")],
              path: "preferences.north.values.revenue[0]", line: .at("[[0, 1, 2]"), "expected a point [x, value], found 3 numbers"),
        .init("a point as a number", [("[[0, 1], [0.5, 0.7], [1, 0]]", "[[0, 1], 0.5, [1, 0]]")],
              path: "preferences.north.values.revenue[1]", line: .at("0.5, [1, 0]]"), "expected a list, found '0.5'"),
    ]

    static let statusQuo: [ValidationCase] = [
        .init("status quo outside the range", [("    status_quo: 0\n", "    status_quo: 2\n")],
              path: "issues[2].status_quo", line: .at("status_quo: 2"), "2 is outside the range [0, 1]"),
        .init("shares not summing to 1", [("{north: 0.5, south: 0.5}", "{north: 0.5, south: 0.6}")],
              path: "issues[3].status_quo", line: .at("{north: 0.5, south: 0.6}"), "shares must sum to 1, found 1.1"),
        .init("a share above 1", [("{north: 0.5, south: 0.5}", "{north: 1.5, south: -0.5}")],
              path: "issues[3].status_quo.north", line: .at("north: 1.5"), "a share must be in [0, 1], found 1.5"),
        .init("status_quo disagreement without a status quo",
              [("disagreement: reservation", "disagreement: status_quo"), ("    status_quo: separate\n", "")],
              path: "issues[1]", line: .at("  - id: patrols"), "issue 'patrols' needs a status_quo because disagreement is status_quo"),
    ]

    static let redLines: [ValidationCase] = [
        .init("min above max", [("        max: 0.8", "        min: 0.9\n        max: 0.8")],
              path: "preferences.north.red_lines[1]", line: .at("- issue: revenue"), "min 0.9 is above max 0.8"),
        .init("max on a discrete issue", [("      - issue: revenue\n        max: 0.8", "      - issue: patrols\n        max: 0.8")],
              path: "preferences.north.red_lines[1]", line: .at("- issue: patrols"),
              "min/max apply to range and divisible issues; use forbid: [options] for issue 'patrols'"),
        .init("forbid on a range issue", [("      - issue: revenue\n        max: 0.8", "      - issue: revenue\n        forbid: [high]")],
              path: "preferences.north.red_lines[1].forbid[0]", line: .at("forbid: [high]"), "issue 'revenue' has no options (it is a range)"),
        .init("forbid and max together", [("        forbid: [open]", "        forbid: [open]\n        max: 1")],
              path: "preferences.north.red_lines[0]", line: .at("- issue: fisheries"), "use either forbid or min/max, not both"),
        .init("a red line without a rule", [("        max: 0.8\n", "")],
              path: "preferences.north.red_lines[1]", line: .at("- issue: revenue"), "a red line on issue 'revenue' needs forbid, min or max"),
        .init("an empty forbid list", [("forbid: [open]", "forbid: []")],
              path: "preferences.north.red_lines[0].forbid", line: .at("forbid: []"), "forbid needs at least one option"),
        .init("forbid_combination with other keys", [("      - forbid_combination: {fisheries: closed, patrols: joint}\n", "      - forbid_combination: {fisheries: closed, patrols: joint}\n        issue: patrols\n")],
              path: "preferences.north.red_lines[2]", line: .at("- forbid_combination"), "a forbid_combination red line takes no other keys"),
        .init("forbid_combination on a range issue", [("{fisheries: closed, patrols: joint}", "{fisheries: closed, revenue: 0.5}")],
              path: "preferences.north.red_lines[2].forbid_combination.revenue", line: .at("revenue: 0.5}"), "issue 'revenue' has no options (it is a range)"),
        .init("interaction on a range issue", [("when: {fisheries: seasonal, patrols: joint}", "when: {fisheries: seasonal, revenue: 0.5}")],
              path: "preferences.north.interactions[0].when.revenue", line: .at("revenue: 0.5}"), "issue 'revenue' has no options (it is a range)"),
        .init("interaction on a divisible issue", [("when: {fisheries: seasonal, patrols: joint}", "when: {costs: all}")],
              path: "preferences.north.interactions[0].when.costs", line: .at("when: {costs: all}"), "issue 'costs' has no options (it is divisible)"),
        .init("interaction without conditions", [("when: {fisheries: seasonal, patrols: joint}", "when: {}")],
              path: "preferences.north.interactions[0].when", line: .at("when: {}"), "expected at least one 'issue: option' pair"),
        .init("interaction without a value", [("        value: 0.05\n", "")],
              path: "preferences.north.interactions[0]", line: .at("- when:"), "missing required key 'value'"),
    ]

    /// One party's own red lines leave nothing of an issue: no package could ever be acceptable.
    static let impossibleRedLines: [ValidationCase] = [
        .init("forbid every option", [("forbid: [open]", "forbid: [closed, seasonal, open]")],
              path: "preferences.north.red_lines[0]", line: .at("- issue: fisheries"),
              "red lines forbid every option of issue 'fisheries' (closed, seasonal, open)"),
        .init("forbid every option over two red lines", [("        forbid: [open]\n", "        forbid: [open, closed]\n      - {issue: fisheries, forbid: [seasonal]}\n")],
              path: "preferences.north.red_lines[1]", line: .at("{issue: fisheries, forbid: [seasonal]}"),
              "red lines forbid every option of issue 'fisheries' (closed, seasonal, open)"),
        .init("forbid_combination of one option forbids the last one", [("forbid: [open]", "forbid: [open, seasonal]"), ("{fisheries: closed, patrols: joint}", "{fisheries: closed}")],
              path: "preferences.north.red_lines[2]", line: .at("forbid_combination: {fisheries: closed}"),
              "red lines forbid every option of issue 'fisheries'"),
        .init("min above the range", [("        max: 0.8", "        min: 1.5")],
              path: "preferences.north.red_lines[1]", line: .at("- issue: revenue"),
              "min 1.5 lies above the range [0, 1] of issue 'revenue': no value meets this red line"),
        .init("max below the range", [("        max: 0.8", "        max: -0.1")],
              path: "preferences.north.red_lines[1]", line: .at("- issue: revenue"),
              "max -0.1 lies below the range [0, 1] of issue 'revenue': no value meets this red line"),
        .init("min above a whole share", [("      - forbid_combination: {fisheries: closed, patrols: joint}\n", "      - forbid_combination: {fisheries: closed, patrols: joint}\n      - {issue: costs, min: 1.2}\n")],
              path: "preferences.north.red_lines[3]", line: .at("{issue: costs, min: 1.2}"),
              "min 1.2 lies above the shares [0, 1] of divisible issue 'costs': no value meets this red line"),
        .init("bounds of two red lines that exclude each other", [("        max: 0.8\n", "        max: 0.4\n      - {issue: revenue, min: 0.6}\n")],
              path: "preferences.north.red_lines[2]", line: .at("{issue: revenue, min: 0.6}"),
              "with the other red lines on issue 'revenue', no value is left (min 0.6 > max 0.4)"),
    ]

    /// Finite numbers whose weighted sum is not: the solvers would turn infinity into a trap.
    /// Numbers beyond 2^53 = 9007199254740992 (each, or the utilities they add up to); the sums
    /// in the names are by hand: 1e9 · 1e9 = 1e18, 6e15 + 6e15 = 1.2e16, 5e15 + 5e15 = 1e16, all > 2^53.
    static let overflow: [ValidationCase] = [
        .init("weight times value overflows", [("      fisheries: 0.4", "      fisheries: 1e9"), ("{closed: 1, seasonal: 0.6, open: 0}", "{closed: 1e9, seasonal: 0.6, open: 0}")],
              path: "preferences.north", line: .at("  north:"), "weights × values overflow: utilities reach up to 1"),
        .init("sum of weighted values overflows", [("      fisheries: 0.4", "      fisheries: 1"), ("      patrols: 0.2", "      patrols: 1"), ("{closed: 1, seasonal: 0.6, open: 0}", "{closed: 6e15, seasonal: 0.6, open: 0}"), ("{separate: 0.4, joint: 1}", "{separate: 6e15, joint: 1}")],
              path: "preferences.north", line: .at("  north:"), "weights × values overflow"),
        .init("interaction values overflow", [("        value: 0.05", "        value: 5e15\n      - when: {patrols: joint}\n        value: 5e15")],
              path: "preferences.north", line: .at("  north:"), "weights × values overflow"),
        // Issue 9: a weight of 1e308 passed validation, then the quantizer trapped.
        .init("a weight of 1e308", [("      fisheries: 0.4", "      fisheries: 1e308")],
              path: "preferences.north.weights.fisheries", line: .at("      fisheries: 1e308"), "beyond the limit of ±2^53 = 9007199254740992"),
        .init("a value beyond 2^53", [("{closed: 1, seasonal: 0.6, open: 0}", "{closed: 1, seasonal: -1e16, open: 0}")],
              path: "preferences.north.values.fisheries.seasonal", line: .at("      fisheries: {closed: 1, seasonal: -1e16"), "value -1e+16 is beyond the limit"),
        .init("an interaction beyond 2^53", [("        value: 0.05", "        value: 2e16")],
              path: "preferences.north.interactions[0].value", line: .at("        value: 2e16"), "beyond the limit of ±2^53"),
    ]

    static let syntax: [ValidationCase] = [
        // libyaml notices on the next line; the message points back to where the list began.
        .init("unclosed bracket", [("options: [closed, seasonal, open]", "options: [closed, seasonal, open")],
              path: "", line: .at("status_quo: closed"), "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 14)"),
        .init("tab indentation", [("    reservation: 0.2\n", "\treservation: 0.2\n")],
              path: "", line: .at("\treservation: 0.2"), "invalid YAML: found a tab character"),
        .init("bad indentation", [("    power: 1\n", "      power: 1\n")],
              path: "", line: .at("      power: 1"), "invalid YAML"),
        .init("empty text", yaml: "", path: "", line: .none, "the file is empty"),
        .init("only comments", yaml: "# a scenario, one day\n\n", path: "", line: .none, "the file is empty"),
        .init("only a document marker", yaml: "---\n", path: "", line: .none, "the file is empty"),
        .init("only null", yaml: "~\n", path: "", line: .none, "the file is empty"),
        .init("nesting too deep", yaml: "accord: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n",
              path: "", line: .at("accord:"), "invalid YAML"),
        // "Billion laughs": 10^8 values from a few hundred bytes of aliases.
        .init("aliases that expand beyond reason", yaml: (1...8).reduce("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n") { text, level in
            text + "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        // Located where the expansion passes 10^6 + 16 per byte: a_k stands for 1 + 10 · |a_(k-1)|
        // nodes, |a0| = 11, so |a5| = 1,111,111 (by hand) is the first beyond the ~10^6 limit.
        }, path: "", line: .at("a5: &a5"), "the document is too large once its aliases are expanded"),
    ]
}

struct JSONCase: Sendable, CustomTestStringConvertible {
    var name: String
    var json: String
    var path: String
    var line: Int?
    var message: String
    var testDescription: String { name }

    static let valid = """
        {"accord": 1, "parties": [{"id": "A"}, {"id": "B", "reservation": 0.25}],
         "issues": [{"id": "x", "options": ["a", "b"]}, {"id": "c", "divisible": true, "status_quo": {"A": 0.5, "B": 0.5}}],
         "preferences": {"A": {"weights": {"x": 1, "c": 0.5}, "values": {"x": {"a": 1, "b": 0}, "c": [[0, 0], [1, 1]]}},
                         "B": {"weights": {"x": 1, "c": 0.5}, "values": {"x": {"a": 0, "b": 1}, "c": [[0, 0], [1, 1]]}}}}
        """

    static func edited(_ old: String, _ new: String) -> String { valid.replacingOccurrences(of: old, with: new) }

    static let all: [JSONCase] = [
        .init(name: "malformed JSON names its line", json: "{\"accord\": 1,\n \"name\": \"x\",\n \"parties\": [}\n", path: "", line: 3, message: "invalid JSON"),
        .init(name: "missing colon", json: edited("\"options\": [\"a\", \"b\"]}, {\"id\": \"c\"", "\"options\" [\"a\", \"b\"]}, {\"id\": \"c\""), path: "", line: 2, message: "invalid JSON"),
        .init(name: "empty JSON file", json: "", path: "", line: nil, message: "the file is empty"),
        .init(name: "whitespace-only JSON file", json: " \n\t\n", path: "", line: nil, message: "the file is empty"),
        // RFC 8259 sets no range: 1e400 is a number, which a double cannot hold, like YAML's 1e400.
        .init(name: "JSON number too large", json: edited("\"reservation\": 0.25", "\"reservation\": 1e400"),
              path: "parties[1].reservation", line: 1, message: "must be a finite number, found '1e400'"),
        .init(name: "JSON root is a list", json: "[1, 2]", path: "", line: 1, message: "expected a map, found a list"),
        .init(name: "JSON parties as numbers", json: edited("[{\"id\": \"A\"}, {\"id\": \"B\", \"reservation\": 0.25}]", "[1, 2]"),
              path: "parties[0]", line: 1, message: "expected a map, found '1'"),
        .init(name: "JSON unknown key", json: edited("\"reservation\": 0.25", "\"reservaton\": 0.25"),
              path: "parties[1].reservaton", line: 1, message: "unknown key 'reservaton' (did you mean 'reservation'?)"),
        .init(name: "JSON null id", json: edited("{\"id\": \"A\"}", "{\"id\": null}"),
              path: "parties[0]", line: 1, message: "missing required key 'id'"),
        .init(name: "JSON text where a number is expected", json: edited("\"reservation\": 0.25", "\"reservation\": \"high\""),
              path: "parties[1].reservation", line: 1, message: "expected a number, found 'high'"),
        .init(name: "JSON boolean where a number is expected", json: edited("\"reservation\": 0.25", "\"reservation\": true"),
              path: "parties[1].reservation", line: 1, message: "expected a number, found 'true'"),
        .init(name: "JSON unknown option", json: edited("{\"a\": 1, \"b\": 0}", "{\"a\": 1, \"bb\": 0}"),
              path: "preferences.A.values.x.bb", line: 3, message: "unknown option 'bb' of issue 'x'"),
        .init(name: "JSON shares not summing to 1", json: edited("{\"A\": 0.5, \"B\": 0.5}", "{\"A\": 0.5, \"B\": 0.25}"),
              path: "issues[1].status_quo", line: 2, message: "shares must sum to 1, found 0.75"),
        .init(name: "JSON version 2", json: edited("\"accord\": 1", "\"accord\": 2"),
              path: "accord", line: 1, message: "unsupported format version '2'"),
    ]
}
