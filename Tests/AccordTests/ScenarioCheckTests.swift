import Accord
@testable import AccordModel
@testable import AccordImport
import Foundation
import Testing

/// One validation path (issue 8, point 3): a hand-built scenario is checked as a loaded file is,
/// with field paths, and the GENIUS importer reports the same message as YAML for the same
/// mistake. Passing a GENIUS XML file as a scenario says to use `--genius` (point 14).
@Suite struct ScenarioCheckTests {
    /// Two parties, two discrete issues of two options each: valid as written.
    static let parties = [Party(id: "A"), Party(id: "B")]
    static let issues = [AccordModel.Issue(id: "fish", domain: .options(["closed", "open"])), Issue(id: "wind", domain: .options(["low", "high"]))]
    static func preference(weights: [Double] = [0.5, 0.5], redLines: [RedLine] = []) -> Preference {
        Preference(weights: weights, values: [.table([1, 0]), .table([0, 1])], redLines: redLines)
    }

    /// The problems `Scenario(...)` throws for these parts (empty when it builds).
    static func handBuiltProblems(
        parties: [Party] = parties, issues: [AccordModel.Issue] = issues, preferences: [Preference] = [preference(), preference()]
    ) -> [ScenarioIssue] {
        do {
            _ = try Scenario(name: "hand-built", parties: parties, issues: issues, preferences: preferences, file: "hand.swift")
            return []
        } catch {
            guard case .invalid(let issues) = error else { return [ScenarioIssue(file: "", path: "", line: nil, message: "\(error)")] }
            return issues
        }
    }

    @Test func theValidPartsBuild() {
        #expect(Self.handBuiltProblems() == [])
    }

    /// Before, each of these built a scenario that crashed (index out of range) or computed
    /// nonsense later; now each is one problem at its field path.
    @Test func handBuiltMistakesAreRejectedWithAFieldPath() {
        let cases: [(String, [ScenarioIssue])] = [
            ("wrong-length weights", Self.handBuiltProblems(preferences: [Self.preference(), Self.preference(weights: [1])])),
            ("option index out of range",
             Self.handBuiltProblems(preferences: [Self.preference(redLines: [.forbid(issue: 1, options: [0, 5])]), Self.preference()])),
            ("issue index out of range",
             Self.handBuiltProblems(preferences: [Self.preference(redLines: [.forbidCombination([OptionChoice(issue: 0, option: 0), OptionChoice(issue: 9, option: 0)])]), Self.preference()])),
            ("NaN reservation", Self.handBuiltProblems(parties: [Party(id: "A", reservation: .nan), Party(id: "B")])),
            ("duplicate party ids", Self.handBuiltProblems(parties: [Party(id: "A"), Party(id: "A")])),
            ("duplicate issue ids", Self.handBuiltProblems(issues: [Self.issues[0], AccordModel.Issue(id: "fish", domain: .options(["x", "y"]))])),
            ("one preference for two parties", Self.handBuiltProblems(preferences: [Self.preference()])),
        ]
        let expected = [
            "hand.swift: preferences.B.weights: expected 2 weights (one per issue), found 1",
            "hand.swift: preferences.A.red_lines[0].forbid[1]: option index 5 is out of range: issue 'wind' has 2 options",
            "hand.swift: preferences.A.red_lines[0].forbid_combination: issue index 9 is out of range: the scenario has 2 issues",
            "hand.swift: parties[0].reservation: must be a finite number, found nan",
            "hand.swift: parties[1].id: duplicate party id 'A' (also parties[0])",
            "hand.swift: issues[1].id: duplicate issue id 'fish' (also issues[0])",
            "hand.swift: preferences: expected preferences for 2 parties (one per party, in party order), found 1",
        ]
        for ((name, found), message) in zip(cases, expected) {
            #expect(found.map(\.description) == [message], "\(name)")
        }
    }

    /// A scenario changed after it was built is checked again by `validated(file:)`.
    @Test func aChangedScenarioIsCheckedAgain() throws {
        var scenario = try Scenario(name: "s", parties: Self.parties, issues: Self.issues, preferences: [Self.preference(), Self.preference()])
        scenario.preferences[0].values[1] = .table([0.5])
        #expect(throws: ScenarioError.invalid([ScenarioIssue(
            file: "edited", path: "preferences.A.values.wind", line: nil,
            message: "expected 2 values (one per option of issue 'wind'), found 1")])) {
            try scenario.validated(file: "edited")
        }
    }

    /// The same mistake — a negative weight, weights beyond the 2^53 limit, weights whose
    /// products go beyond it — gives the same messages from a GENIUS profile as from YAML (each
    /// located in its own file).
    @Test(arguments: [
        ("-0.2", ["weight must be >= 0, found -0.2"]),
        ("1e308", Array(repeating: "weight 1e+308 is beyond the limit of ±2^53 = 9007199254740992 that Accord computes with exactly; rescale the weights or values", count: 2)),
        // 6e15 · 1 (Pizza) + 6e15 · 1 (Live) = 1.2e16 > 2^53, by hand.
        ("6e15", ["weights × values overflow: utilities reach up to 1.2e+16 (sum over issues of the largest |weight × value|, plus every |interaction|), which is beyond the limit of ±2^53 = 9007199254740992 that Accord computes with exactly; rescale the weights or values"]),
    ])
    func geniusAndYAMLSayTheSame(weight: String, messages: [String]) throws {
        // GENIUS: Alice's weight of issue 2 (Music); for the large ones, Food's too.
        var alice = String(decoding: try GeniusFixtures.edited("party-alice.xml", #"<weight index="2" value="0.2"/>"#, #"<weight index="2" value="\#(weight)"/>"#), as: UTF8.self)
        let large = weight != "-0.2"
        if large { alice = alice.replacingOccurrences(of: #"<weight index="1" value="0.5"/>"#, with: #"<weight index="1" value="\#(weight)"/>"#) }
        var geniusMessages: [String] = []
        do {
            _ = try GeniusImport.scenario(
                domain: GeniusFixtures.file("party-domain.xml"),
                profiles: [GeniusImport.File(path: "alice.xml", data: Data(alice.utf8)), GeniusFixtures.file("party-bob.xml")])
        } catch let error as ScenarioError {
            if case .invalid(let issues) = error { geniusMessages = issues.map(\.message) }
        }
        let food = large ? weight : "0.5"
        let yaml = """
            accord: 1
            parties: [{id: alice}, {id: bob}]
            issues: [{id: Food, options: [Pizza, Sushi]}, {id: Music, options: [DJ, Live]}]
            preferences:
              alice: {weights: {Food: \(food), Music: \(weight)}, values: {Food: {Pizza: 1, Sushi: 0.5}, Music: {DJ: 0.4, Live: 1}}}
              bob: {weights: {Food: 0.5, Music: 0.5}, values: {Food: {Pizza: 0, Sushi: 1}, Music: {DJ: 1, Live: 0}}}
            """
        #expect(geniusMessages == messages)
        #expect(problems(yaml: yaml).map(\.message) == messages)
    }

    /// Issue problems too: a duplicate item and an empty range give the YAML message, located at
    /// the domain's `<item>` (line 8 of the fixture) and `<range>` (line 11).
    @Test func geniusDomainProblemsAreTheYAMLOnes() throws {
        let duplicate = try GeniusFixtures.edited("party-domain.xml", #"value="Sushi""#, #"value="Pizza""#)
        #expect(throws: ScenarioError.invalid([ScenarioIssue(
            file: "party-domain.xml", path: "negotiation_template.utility_space.objective.issue[1].item[2]@value", line: 8,
            message: "duplicate option 'Pizza'")])) {
            try GeniusImport.scenario(
                domain: GeniusImport.File(path: "party-domain.xml", data: duplicate),
                profiles: [GeniusFixtures.file("party-alice.xml"), GeniusFixtures.file("party-bob.xml")])
        }
        let inverted = try GeniusFixtures.edited("real-domain.xml", #"<range lowerbound="10" upperbound="20"/>"#, #"<range lowerbound="20" upperbound="10"/>"#)
        let error = #expect(throws: ScenarioError.self) {
            try GeniusImport.scenario(
                domain: GeniusImport.File(path: "real-domain.xml", data: inverted),
                profiles: [GeniusFixtures.file("real-buyer.xml"), GeniusFixtures.file("real-seller.xml")])
        }
        #expect(error?.description.hasSuffix("@upperbound: range lower bound 20 must be below upper bound 10") == true, "\(String(describing: error))")
        let yaml = """
            accord: 1
            parties: [{id: A}, {id: B}]
            issues: [{id: food, options: [Pizza, Pizza]}, {id: price, range: [20, 10]}]
            preferences: {}
            """
        #expect(problems(yaml: yaml).map(\.message) == ["duplicate option 'Pizza'", "range lower bound 20 must be below upper bound 10"])
    }

    /// A negative GENIUS weight is still located at its `<weight>` element (line 15 of the fixture).
    @Test func geniusWeightProblemsPointAtTheWeightElement() throws {
        let alice = try GeniusFixtures.edited("party-alice.xml", #"<weight index="2" value="0.2"/>"#, #"<weight index="2" value="-0.2"/>"#)
        #expect(throws: ScenarioError.invalid([ScenarioIssue(
            file: "alice.xml", path: "utility_space.objective.weight[2]@value", line: 15, message: "weight must be >= 0, found -0.2")])) {
            try GeniusImport.scenario(
                domain: GeniusFixtures.file("party-domain.xml"),
                profiles: [GeniusImport.File(path: "alice.xml", data: alice), GeniusFixtures.file("party-bob.xml")])
        }
    }

    // MARK: XML given as a scenario (point 14)

    static let xmlHint = "this is an XML file, not a scenario (YAML or JSON); for GENIUS/ANAC files give the domain and its profiles: --genius DOMAIN.xml PROFILE.xml PROFILE.xml..."

    /// By content (`<?xml`, or a leading `<` after white space) whatever the extension, and by a
    /// `.xml` extension whatever the content; before, YAML said "invalid YAML: ..." at line 1.
    @Test func xmlTextIsRefusedWithTheGeniusHint() throws {
        for text in ["<?xml version=\"1.0\"?>\n<utility_space/>", "\u{FEFF}  \n<negotiation_template></negotiation_template>"] {
            let found = problems(yaml: text, file: "domain.yaml")
            #expect(found.count == 1)
            #expect(found.first?.message.hasPrefix(Self.xmlHint) == true, "\(found)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let named = directory.appendingPathComponent("profile.xml")
        try Data("accord: 1\n".utf8).write(to: named)
        let error = #expect(throws: ScenarioError.self) { try Scenario.load(path: named.path) }
        #expect(error?.description.hasPrefix("profile.xml: " + Self.xmlHint) == true, "\(String(describing: error))")
    }

    /// `accord solve domain.xml` exits 65 (invalid scenario) and names `--genius`.
    @Test func solveOnAGeniusFileSaysToUseGenius() throws {
        for command in ["solve", "validate"] {
            let result = try AccordExecutable.run([command, try GeniusFixtures.path("party-domain.xml")])
            #expect(result.status == 65, "\(command)")
            #expect(result.stderr.contains("--genius DOMAIN.xml PROFILE.xml PROFILE.xml..."), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("invalid YAML"), "\(command): \(result.stderr)")
        }
    }
}
