@testable import AccordModel
import Foundation
import Testing

/// How a YAML text becomes a `DocumentTree`: which scalars are null, which keys are the same key,
/// the line of every node, and the composer's own errors. These tests were written against the
/// Yams composer (issue 9, point 6) and pin its behaviour for the event-stream composer that
/// replaced it; every expectation below is derived by hand from the YAML 1.1 rules cited.
@Suite struct YAMLCompositionTests {
    /// The tree as text: `{k: v, ...}`, `[a, ...]`, `'text'` for a scalar, `null`; with lines
    /// when `lines` is set (`@line` after each node).
    static func render(_ tree: DocumentTree, lines: Bool = false) -> String {
        let at = lines ? "@\(tree.line.map(String.init) ?? "-")" : ""
        switch tree.value {
        case .map(let entries): return "{" + entries.map { "\($0.key): \(render($0.value, lines: lines))" }.joined(separator: ", ") + "}" + at
        case .list(let items): return "[" + items.map { render($0, lines: lines) }.joined(separator: ", ") + "]" + at
        case .scalar(let text): return "'\(text)'" + at
        case .null: return "null" + at
        }
    }

    static func issues(_ yaml: String) -> [ScenarioIssue] {
        do {
            _ = try DocumentTree.parseYAML(yaml, file: "t.yaml")
            return []
        } catch {
            if case .invalid(let issues) = error { return issues }
            return []
        }
    }

    // MARK: Key identity: the YAML 1.1 tag of a plain key

    /// A plain key and the same text quoted are one key (a duplicate) exactly when the plain text
    /// resolves to a string; a plain `1` is the integer 1 and `'1'` the string "1", two keys.
    /// The tag of each plain text is derived by hand from the YAML 1.1 resolution rules in the
    /// order bool, int, float, merge, null, timestamp, value (anything else is a string):
    /// - bool: `yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF`;
    ///   `y`, `n`, `yEs` are strings.
    /// - int: `[-+]?0b[01_]+`, `[-+]?0o?[0-7_]+`, `[-+]?(0|[1-9][0-9_]*)`, `[-+]?0x[0-9a-fA-F_]+`,
    ///   sexagesimal `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`; `0x` has no digit and `1:60` has 60 > 59:
    ///   strings; `0:30` has no leading 1-9: a string; `0_` is octal-like (`0` then `_`) and `1_`
    ///   decimal: ints.
    /// - float: `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?` (so `08`, `1.`, `1e3` are
    ///   floats), `\.[0-9_]+([eE][-+][0-9]+)?` (an exponent after a leading dot needs its sign, so
    ///   `.5e3` is a string and `.5e+3` a float; no sign before the dot: `-.5` is a string),
    ///   sexagesimal with a dot `0:30.`, `[-+]?\.(inf|Inf|INF)`, `\.(nan|NaN|NAN)` (no sign:
    ///   `-.nan` is a string; `.iNf` is one too).
    /// - merge `<<`; null `~|null|Null|NULL` (`nULL` a string); value `=`.
    /// - timestamp `yyyy-mm-dd`, or `yyyy-m-d` with a time `hh:mm:ss[.f]` after `T`, `t` or blanks,
    ///   and an optional zone: `2001-1-14` (no time) and `2001-12-14T21:59` (no seconds) are strings.
    static let notStrings = [
        "yes", "Yes", "YES", "no", "NO", "true", "True", "TRUE", "false", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        "0", "-0", "+12", "1_000", "1_", "0b101", "-0b1_0", "017", "0o17", "0x1F", "-0xff", "0x_", "0_", "1:30", "190:20:30", "1:59",
        "08", "1.", "1e3", "1E+3", "1.5_0", "+1.5", "1_000.5", ".5", "._5", ".5e+3", "0:30.", "1:30.5",
        ".inf", "-.inf", "+.Inf", ".INF", ".nan", ".NaN", ".NAN",
        "<<", "~", "null", "Null", "NULL", "=",
        "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-1-4T1:59:43Z", "2001-12-14\t21:59:43",
    ]
    static let strings = [
        "y", "n", "yEs", "tRue", "o1", "abc", "0x", "0o", "0b", "1:60", "0:30", "1e", ".5e3", "-.5", ".", "+", "-",
        ".iNf", "inf", "-.nan", "nULL", "<<<", "==", "2001-1-14", "2001-12-14T21:59", "_1", "0x1G", "1.2.3", "12e3.5",
    ]

    @Test(arguments: notStrings)
    func aPlainKeyThatIsNoStringDiffersFromTheQuotedText(_ text: String) throws {
        let tree = try DocumentTree.parseYAML("\(text): 1\n'\(text)': 2\n", file: "t.yaml")
        #expect(Self.render(tree) == "{\(text): '1', \(text): '2'}")
    }

    @Test(arguments: strings)
    func aPlainKeyThatIsAStringEqualsTheQuotedText(_ text: String) {
        let found = Self.issues("\(text): 1\n'\(text)': 2\n")
        #expect(found.map(\.message) == ["duplicate key '\(text)'"])
        #expect(found.first?.line == 1)
    }

    /// An explicit tag decides instead: `!!str 1` and `'1'` are both strings, `!!int 1` and `1`
    /// both integers (duplicates); `!!float 1` is no integer and the local tag `!str` is no string.
    @Test func explicitTagsDecideKeyIdentity() throws {
        #expect(Self.issues("!!str 1: a\n'1': b\n").map(\.message) == ["duplicate key '1'"])
        #expect(Self.issues("!!int 1: a\n1: b\n").map(\.message) == ["duplicate key '1'"])
        #expect(Self.render(try DocumentTree.parseYAML("!!float 1: a\n1: b\n", file: "t.yaml")) == "{1: 'a', 1: 'b'}")
        #expect(Self.render(try DocumentTree.parseYAML("!str 1: a\n'1': b\n", file: "t.yaml")) == "{1: 'a', 1: 'b'}")
        // Block scalars are strings like quoted ones.
        #expect(Self.issues("? |-\n  abc\n: 1\nabc: 2\n").map(\.message) == ["duplicate key 'abc'"])
    }

    // MARK: Null

    /// Null is a PLAIN scalar `~`, `null`, `Null`, `NULL` or nothing, whatever its tag (so
    /// `!!str ~` is null too); quoted, it is text. Nothing else is null (`nULL`, `None`).
    @Test func nullIsAPlainTildeNullOrNothing() throws {
        let yaml = "a: ~\nb:\nc: null\nd: Null\ne: NULL\nf: '~'\ng: \"null\"\nh: ''\ni: !!str ~\nj: nULL\nk: None\nl: [~, 'x']\n"
        let tree = try DocumentTree.parseYAML(yaml, file: "t.yaml")
        #expect(Self.render(tree) == "{a: null, b: null, c: null, d: null, e: null, f: '~', g: 'null', h: '', i: null, j: 'nULL', k: 'None', l: [null, 'x']}")
    }

    /// Every other scalar is kept as written: booleans, numbers and dates are not converted.
    @Test func scalarsKeepTheirText() throws {
        let items = ["yes", "0x1F", ".inf", "1e3", "'1e3'", "007", "2001-12-14", "\"a\\tb\"", "'it''s'", ">-\n  folded\n  text"]
        let tree = try DocumentTree.parseYAML(items.map { "- \($0)\n" }.joined(), file: "t.yaml")
        #expect(Self.render(tree) == "['yes', '0x1F', '.inf', '1e3', '1e3', '007', '2001-12-14', 'a\tb', 'it's', 'folded text']")
    }

    // MARK: Lines

    /// A map value is located at its key; a list item at itself. An alias is the node of its
    /// anchor, so an aliased list item keeps the anchor's line (line 2 here), while an aliased
    /// map value takes its key's line (line 6). Lines counted by hand in the text.
    @Test func linesOfNodes() throws {
        let yaml = """
            a: 1
            b: &x [p,
              q]
            c:
              - r
            d: *x
            e: [*x, {f: g}]
            """
        let tree = try DocumentTree.parseYAML(yaml, file: "t.yaml")
        #expect(Self.render(tree, lines: true)
            == "{a: '1'@1, b: ['p'@2, 'q'@3]@2, c: ['r'@5]@4, d: ['p'@2, 'q'@3]@6, e: [['p'@2, 'q'@3]@2, {f: 'g'@7}@7]@7}@1")
    }

    // MARK: Duplicates and composer errors

    /// Every duplicated key of a map is named, sorted; the line is the first occurrence of the
    /// first of them (`a`, line 2). A scalar alias used as a key is its anchor's key (`k`).
    @Test func duplicateKeysAreNamedSortedAtTheFirstOccurrence() {
        let found = Self.issues("b: 1\na: 2\nb: 3\nx:\n  y: 1\na: 4\n")
        #expect(found.map(\.message) == ["duplicate key 'a', 'b'"])
        #expect(found.first?.line == 2)
        let many = Self.issues((1...7).map { "k\($0): 1\n" }.joined() + (1...7).reversed().map { "k\($0): 2\n" }.joined())
        #expect(many.map(\.message) == ["duplicate key 'k1', 'k2', 'k3', 'k4', 'k5', ..."])
        #expect(many.first?.line == 1)
        let nested = Self.issues("top:\n  x: 1\n  y: 2\n  x: 3\n")
        #expect(nested.map(\.message) == ["duplicate key 'x'"])
        #expect(nested.first?.line == 2)
        let aliased = Self.issues("list: [&k k]\nk: 1\n*k : 2\n")
        #expect(aliased.map(\.message) == ["duplicate key 'k'"])
        #expect(aliased.first?.line == 2)
    }

    /// Equal keys in different maps are no duplicates; neither are keys equal only in case.
    @Test func equalKeysInDifferentMapsAreNoDuplicates() throws {
        let tree = try DocumentTree.parseYAML("a: {x: 1, X: 2}\nb: {x: 3}\n", file: "t.yaml")
        #expect(Self.render(tree) == "{a: {x: '1', X: '2'}, b: {x: '3'}}")
    }

    /// An alias to no anchor and a second document are refused where they stand.
    @Test func undefinedAliasesAndSecondDocumentsAreRefused() {
        let undefined = Self.issues("a: 1\nb: *nowhere\n")
        #expect(undefined.map(\.message) == ["invalid YAML: found undefined alias"])
        #expect(undefined.first?.line == 2)
        let twice = Self.issues("a: 1\n---\nb: 2\n")
        #expect(twice.map(\.message) == ["invalid YAML: but found another document (expected a single document in the stream at line 1)"])
        #expect(twice.first?.line == 2)
    }

    /// The composer and the expansion guard read the text in one pass; an alias bomb is still
    /// refused as such when a duplicate key comes before it (line 1, found where its map ends),
    /// as when the whole text was measured before composing. The text has 16 + 39 + 6 · 59 = 409
    /// bytes (by counting its lines), so the limit is 10^6 + 16 · 409 = 1,006,544 nodes;
    /// |a_k| = 1 + 10·|a_(k-1)|, |a0| = 11, so |a4| = 111,111 and the list of `a5` passes the
    /// limit at its 10th alias (1 + 10 · 111,111), line 7. A duplicate in a map that ends before
    /// a syntax error is reported first.
    @Test func anAliasBombAfterADuplicateKeyIsRefusedAsABomb() {
        let bomb = (1...6).reduce("m: {d: 1, d: 2}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n") { text, level in
            text + "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let found = Self.issues(bomb)
        #expect(found.map(\.message) == ["the document is too large once its aliases are expanded (more than 1,006,544 nodes)"])
        #expect(found.first?.line == 7)
        let broken = Self.issues("m: {d: 1, d: 2}\ne: [1, 2\n")
        #expect(broken.map(\.message) == ["duplicate key 'd'"])
        #expect(broken.first?.line == 1)
    }

    /// An alias of an empty list or map counts one node, but as a key it is no name either:
    /// refused like a list written as a key (Yams took the map's description as the key text).
    @Test func anAliasOfAnEmptyMapAsAKeyIsRefused() {
        let found = Self.issues("e: &e {}\n*e : 1\n")
        #expect(found.map(\.message) == ["a mapping key must be a single value (a name), not a list or map"])
        #expect(found.first?.line == 2)
    }

    /// libyaml's own errors, in its words: a control character (reader), a tab where a key should
    /// start (scanner), a missing `]` (parser, with where the list began).
    @Test func syntaxErrorsNameTheirLine() {
        let control = Self.issues("a: 1\nb: x\u{1}y\n")
        #expect(control.map(\.message) == ["invalid YAML: control characters are not allowed (U+0001)"])
        #expect(control.first?.line == 2)
        let tab = Self.issues("a:\n\tb: 1\n")
        #expect(tab.map(\.message) == ["invalid YAML: found character that cannot start any token (while scanning for the next token at line 2)"])
        #expect(tab.first?.line == 2)
        let bracket = Self.issues("a: [1, 2\nb: 3\n")
        #expect(bracket.map(\.message) == ["invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1)"])
        #expect(bracket.first?.line == 2)
    }

    /// libyaml counts a reader error's offset in bytes: after 12 lines `- é` ending in CRLF
    /// (6 bytes, 4 characters each) the bad character is on line 13. Read as characters, the
    /// offset (12·4 + 3 = 51) fell 4 lines short (the first 51 bytes hold 8 line ends).
    @Test func aReaderErrorAfterNonASCIILinesIsOnItsLine() {
        let found = Self.issues(String(repeating: "- é\r\n", count: 12) + "- x\u{1}\n")
        #expect(found.map(\.message) == ["invalid YAML: control characters are not allowed (U+0001)"])
        #expect(found.first?.line == 13)
    }

    /// The file is empty when it holds no node, only comments, or a null root.
    @Test(arguments: ["", "# nothing\n", "---\n", "~\n", "--- null\n...\n"])
    func emptyDocuments(_ yaml: String) {
        #expect(Self.issues(yaml).map(\.message) == ["the file is empty"])
    }
}

/// Point 6 of issue 9: loading is linear in the number of options.
@Suite struct ManyOptionsTests {
    /// 200,000 options (8.9 s at 40,000 and over 25 s at 200,000 when keys were hashed through
    /// Yams' regex tag resolution), each party's table written in reverse order: every value
    /// lands at its option (the value of option `o_k` is k, as written). The time limit is the
    /// honest failure: quadratic work in 200,000 keys (4·10^10 steps) cannot finish in a minute,
    /// while the linear load takes a few seconds in a debug build.
    @Test(.timeLimit(.minutes(1))) func twoHundredThousandOptionsLoad() throws {
        let count = 200_000
        let options = (0..<count).map { "o\($0)" }
        let table = (0..<count).reversed().map { "        o\($0): \($0)\n" }.joined()
        let yaml = """
            accord: 1
            parties: [{id: A}, {id: B}]
            issues:
              - id: x
                options: [\(options.joined(separator: ", "))]
            preferences:
              A:
                weights: {x: 1}
                values:
                  x:
            \(table)  B:
                weights: {x: 1}
                values:
                  x:
            \(table)
            """
        let loaded = try scenario(yaml: yaml)
        #expect(loaded.issues.map(\.options) == [options])
        let expected = (0..<count).map(Double.init)
        #expect(loaded.preferences.count == 2)
        #expect(loaded.preferences.allSatisfy { $0.values[0] == .table(expected) })
    }
}
