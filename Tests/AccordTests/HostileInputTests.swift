@testable import AccordModel
@testable import AccordSpace
import Accord
import Foundation
import Testing

/// Issue 9: hostile and oversized scenario input is answered or refused (exit 65 with the field
/// path), in bounded time, with bounded messages: never a trap, a hang or an echo of the input.
@Suite struct HostileInputTests {
    // MARK: Magnitudes (point 1)

    /// A weight of 1e308 with values 1, 1, 1 passed validation; the quantizer then summed the
    /// options' 3e308 = inf and trapped converting 1e308 to Int64. Now refused at the weight.
    @Test func aWeightOf1e308IsRefusedAtLoad() {
        let found = problems(yaml: Self.text(weight: "1e308", values: "{a: 1, b: 1, c: 1}"))
        #expect(found.map(\.path) == ["preferences.A.weights.x"])
        #expect(found.first?.line == 5)  // the line of `A: {weights: {x: 1e308}, ...}`, counted in `text`
        #expect(found.first?.message.contains("beyond the limit of ±2^53 = 9007199254740992") == true)
    }

    /// The limit itself is allowed and solved exactly: A's utility of option `a` is
    /// 2^53 · 1 = 9007199254740992 (by hand), the largest on the frontier.
    @Test func utilitiesOfExactly2To53AreSolved() throws {
        let scenario = try scenario(yaml: Self.text(weight: "9007199254740992", values: "{a: 1, b: 0, c: 0}"))
        let solution = Solver.solve(try BargainingProblem(scenario, file: "limit.yaml"))
        let frontier = try #require(solution.frontier)
        #expect((0..<frontier.count).map { frontier.utilities(at: $0)[0] }.max() == 9_007_199_254_740_992)
    }

    /// Whatever it is given, the quantizer returns integers within `±limit` rather than trapping:
    /// an infinite product, NaN, and magnitudes whose sum over options is infinite.
    @Test func theQuantizerNeverTraps() {
        let quantizer = Quantizer(parties: [
            .init(weights: [1e308], tables: [[1, 1, 1]], interactions: [.infinity]),
            .init(weights: [.nan], tables: [[.infinity]], interactions: [.nan]),
        ])
        let limit = quantizer.limit
        let results = [
            quantizer.term(weight: 1e308, value: 1, party: 0), quantizer.term(weight: 1e308, value: 1e308, party: 0),
            quantizer.term(weight: .nan, value: 1, party: 1), quantizer.interaction(.infinity, party: 0),
            quantizer.interaction(-.infinity, party: 1), quantizer.interaction(.nan, party: 1),
            quantizer.threshold(.nan, party: 0), quantizer.threshold(.infinity, party: 1), quantizer.threshold(-1e308, party: 1),
        ]
        #expect(results.allSatisfy { abs($0) <= limit }, "\(results)")
    }

    // MARK: Alias expansion (point 4)

    /// A bomb inside a mapping KEY: 6 levels of 10 aliases each stand for 10^6+ scalars
    /// (10 + 10^2 + ... : at least 10^6 at the last level), beyond the limit of 10^6 + 16 per byte.
    /// Yams hashes keys to find duplicates, walking the whole expansion: this hung before.
    @Test func anAliasBombAsAKeyIsRefused() {
        var levels = ["&a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...6 { levels.append("&a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        let yaml = "accord: 1\n? [" + levels.joined(separator: ",\n   ") + "]\n: 1\n"
        let found = problems(yaml: yaml)
        #expect(found.count == 1)
        #expect(found.first?.message == "a mapping key must be a single value (a name), not a list or map", "\(found)")
    }

    /// Found by `make fuzz` (seed 1, case 1686): a bomb of 9^6 = 531,441 leaves stays under the
    /// expansion limit, but used as a key (`? *a5`) it made Yams hash every node: 16 s in a
    /// release build. Keys are names in every scenario, so a list or map key — direct or through
    /// an alias — is refused where it stands (line 7 here, by counting the lines below).
    @Test func aListUnderTheExpansionLimitUsedAsAKeyIsRefused() {
        var lines = ["x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...5 { lines.append("x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]") }
        lines += ["? *a5", ": 1", "accord: 1"]
        let found = problems(yaml: lines.joined(separator: "\n") + "\n")
        #expect(found.map(\.message) == ["a mapping key must be a single value (a name), not a list or map"])
        #expect(found.first?.line == 7)
        let direct = problems(yaml: "accord: 1\n? [a, b]\n: 1\n")
        #expect(direct.map(\.message) == ["a mapping key must be a single value (a name), not a list or map"])
        #expect(direct.first?.line == 2)
    }

    /// The same bomb as a value is refused too (it was before, by the copy's budget).
    @Test func anAliasBombAsAValueIsRefused() {
        var lines = ["k0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...6 { lines.append("k\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        let found = problems(yaml: "accord: 1\n" + lines.joined(separator: "\n") + "\n")
        #expect(found.first?.message.contains("too large once its aliases are expanded") == true, "\(found)")
    }

    /// Nesting deeper than 64 lists is refused before Yams' recursive composer sees it (libyaml
    /// itself stops at 1,000 levels, with its own message).
    @Test func deepNestingIsRefused() {
        let found = problems(yaml: String(repeating: "[", count: 500) + String(repeating: "]", count: 500))
        #expect(found.map(\.message) == ["lists and maps are nested more than 64 levels deep"])
        #expect(found.first?.line == 1)
    }

    // MARK: Many options (point 6)

    /// 20,000 options, each party's table written in reverse order: every value lands at its
    /// option (value of option `o_k` is k, as written), through the hash index.
    @Test func manyOptionsResolveToTheirOptions() throws {
        let count = 20_000
        let options = (0..<count).map { "o\($0)" }
        let table = (0..<count).reversed().map { "o\($0): \($0)" }.joined(separator: ", ")
        let yaml = """
            accord: 1
            parties: [{id: A}, {id: B}]
            issues: [{id: x, options: [\(options.joined(separator: ", "))]}]
            preferences:
              A: {weights: {x: 1}, values: {x: {\(table)}}}
              B: {weights: {x: 1}, values: {x: {\(table)}}}
            """
        let scenario = try scenario(yaml: yaml)
        let expected = (0..<count).map(Double.init)
        #expect(scenario.preferences.allSatisfy { $0.values[0] == .table(expected) })
    }

    // MARK: Bounded messages (point 8)

    /// Quoted input is cut at 60 characters and its control characters escaped (by hand).
    @Test func excerptsAreShortAndEscaped() {
        #expect(excerpt("a\u{0}b\n\t\r\u{1B}[31m") == "a\\0b\\n\\t\\r\\u{1B}[31m")
        #expect(excerpt(String(repeating: "y", count: 61)) == String(repeating: "y", count: 60) + "…")
        #expect(excerpt(String(repeating: "y", count: 60)) == String(repeating: "y", count: 60))
        #expect(excerptList((1...12).map { "o\($0)" }) == "o1, o2, o3, o4, o5, o6, o7, o8, o9, o10, ... (12 in all)")
    }

    /// A 1 MB scalar, a 100 KB key, 100 KB of NUL bytes, an environment-like text and a string
    /// with terminal escapes: every message stays short and holds no raw control character.
    @Test(arguments: [
        ("long scalar", "accord: 1\nparties: " + String(repeating: "x", count: 1_000_000) + "\n"),
        ("long key", "accord: 1\n" + String(repeating: "k", count: 100_000) + ": 1\n"),
        ("NUL bytes", String(repeating: "\u{0}", count: 100_000)),
        ("environment", "SHELL=/bin/bash\u{0}HOME=/root\u{0}SECRET=" + String(repeating: "s", count: 10_000) + "\u{0}"),
    ])
    func messagesAreBounded(_ name: String, _ yaml: String) {
        let found = problems(yaml: yaml)
        #expect(!found.isEmpty)
        for issue in found {
            #expect(issue.description.utf8.count < 400, "\(name): \(issue.description.utf8.count) bytes")
            #expect(!issue.description.unicodeScalars.contains { $0.value < 0x20 }, "\(name): raw control characters")
        }
    }

    /// JSON strings may hold any character: a NUL and an escape sequence are quoted escaped.
    @Test func controlCharactersInJSONStringsAreEscaped() {
        let found = jsonProblems(#"{"accord": 1, "parties": "\u0000\u001b[2J"}"#)
        #expect(found.first?.message == #"expected a list, found '\0\u{1B}[2J'"#)
    }

    /// 200 options and an unknown one: the "options:" list names 10 of them and the count.
    @Test func unknownOptionListsAFewOptions() {
        let options = (0..<200).map { "o\($0)" }
        let yaml = """
            accord: 1
            parties: [{id: A}, {id: B}]
            issues: [{id: x, options: [\(options.joined(separator: ", "))]}]
            preferences:
              A: {weights: {x: 1}, values: {x: {nope: 1}}}
              B: {weights: {x: 1}, values: {x: {o1: 1}}}
            """
        let message = problems(yaml: yaml).first?.message ?? ""
        #expect(message.hasSuffix("; options: o0, o1, o2, o3, o4, o5, o6, o7, o8, o9, ... (200 in all)"), "\(message)")
    }

    // MARK: JSON duplicate keys (point 11a)

    /// `JSONSerialization` kept one of two equal keys silently; now refused like YAML, with the
    /// key's field path and line (counted by hand in the texts below).
    @Test(arguments: [
        (#"{"accord": 1, "accord": 1}"#, "accord", 1, "duplicate key 'accord'"),
        ("{\"accord\": 1,\n \"parties\": [{\"id\": \"A\"},\n  {\"id\": \"B\", \"name\": \"x\", \"name\": \"y\"}]}", "parties[1].name", 3, "duplicate key 'name'"),
        // An escaped key is the same key once decoded: "\u0078" is "x".
        ("{\"preferences\": {\"A\": {\n\"weights\": {\"x\": 1,\n \"\\u0078\": 2}}}}", "preferences.A.weights.x", 3, "duplicate key 'x'"),
    ])
    func duplicateJSONKeysAreRefused(_ json: String, path: String, line: Int, message: String) {
        let found = jsonProblems(json)
        #expect(found.map(\.path) == [path])
        #expect(found.first?.line == line)
        #expect(found.first?.message == message)
    }

    /// Equal keys in different objects, and braces, quotes and colons inside strings, are no duplicates.
    @Test func equalKeysInDifferentObjectsAreNoDuplicates() throws {
        let json = #"{"parties": [{"id": "A", "name": "a \"{id\": x"}, {"id": "B", "name": "[}]"}], "issues": [{"id": "x"}]}"#
        let tree = try DocumentTree.parseJSON(Data(json.utf8), file: "t.json")
        #expect(YAMLCompositionTests.render(tree) == #"{parties: [{id: 'A', name: 'a "{id": x'}, {id: 'B', name: '[}]'}], issues: [{id: 'x'}]}"#)
    }

    // MARK: Helpers

    /// Two parties, one issue of three options; A's weight and values as given (line 5).
    static func text(weight: String, values: String) -> String {
        """
        accord: 1
        parties: [{id: A}, {id: B}]
        issues: [{id: x, options: [a, b, c]}]
        preferences:
          A: {weights: {x: \(weight)}, values: {x: \(values)}}
          B: {weights: {x: 1}, values: {x: {a: 0, b: 1, c: 0.5}}}
        """
    }

    func jsonProblems(_ json: String) -> [ScenarioIssue] {
        do {
            _ = try Scenario.parse(data: Data(json.utf8), file: "test.json", format: .json)
            return []
        } catch {
            if case .invalid(let issues) = error { return issues }
            return [ScenarioIssue(file: "test.json", path: "", line: nil, message: error.description)]
        }
    }
}
