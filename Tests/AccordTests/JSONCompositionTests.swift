@testable import AccordModel
@testable import AccordGenerate
import Foundation
import Testing

/// How a JSON text becomes a `DocumentTree` (`JSONComposer`, RFC 8259): which texts are refused
/// and with which line and column, how strings, escapes and numbers are kept, duplicate keys,
/// nesting, key order and lines; a JSON scenario against its YAML twin; and random documents
/// against Foundation's `JSONSerialization` as an independent parser. Every line and column
/// below is counted by hand in the text beside it (columns in characters, from 1).
@Suite struct JSONCompositionTests {
    static func parse(_ json: String) throws(ScenarioError) -> DocumentTree {
        try DocumentTree.parseJSON(Data(json.utf8), file: "t.json")
    }

    /// The one problem of `bytes`, as the loader reports it.
    static func problem(_ bytes: Data) -> ScenarioIssue? {
        do {
            _ = try DocumentTree.parseJSON(bytes, file: "t.json")
            return nil
        } catch {
            guard case .invalid(let issues) = error, issues.count == 1 else { return nil }
            return issues[0]
        }
    }

    static func problem(_ json: String) -> ScenarioIssue? { problem(Data(json.utf8)) }

    static let anyValue = "expected a value (an object, array, string, number, true, false or null)"

    // MARK: Syntax errors

    @Test(arguments: [
        ("{\"a\": 1,\n \"b\" 2}", 2, "expected ':' after the key 'b', found '2' (line 2, column 6)"),
        ("[1, 2,]", 1, "\(anyValue), found ']' (line 1, column 7)"),
        ("{\"a\": 1,}", 1, "expected a string key after ',', found '}' (line 1, column 9)"),
        ("{1: 2}", 1, "expected a string key after '{', found '1' (line 1, column 2)"),
        ("{\"a\": 1 \"b\": 2}", 1, "expected ',' or '}' after an object member, found '\"' (line 1, column 9)"),
        ("[1 2]", 1, "expected ',' or ']' after an array element, found '2' (line 1, column 4)"),
        ("{\n\"a\": [\n1,\n2\n}", 5, "expected ',' or ']' after an array element, found '}' (line 5, column 1)"),
        ("{\"é\": 1 2}", 1, "expected ',' or '}' after an object member, found '2' (line 1, column 9)"),
        ("[é]", 1, "\(anyValue), found 'é' (line 1, column 2)"),
        ("[1", 1, "expected ',' or ']' after an array element, found the end of the text (line 1, column 3)"),
        ("{\"a\": 1} x", 1, "expected the end of the text after the JSON value, found 'x' (line 1, column 10)"),
        ("{\"a\": 1}{}", 1, "expected the end of the text after the JSON value, found '{' (line 1, column 9)"),
        ("{\"a\": tru}", 1, "\(anyValue), found 't' (line 1, column 7)"),
        ("[nul]", 1, "\(anyValue), found 'n' (line 1, column 2)"),
        ("[True]", 1, "\(anyValue), found 'T' (line 1, column 2)"),
        ("['a']", 1, "\(anyValue), found ''' (line 1, column 2)"),
        // Numbers: RFC 8259 §6, `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [-+]? [0-9]+)?`.
        ("{\"a\": 01}", 1, "invalid number '01': a leading zero is not allowed (line 1, column 7)"),
        ("[-012]", 1, "invalid number '-012': a leading zero is not allowed (line 1, column 3)"),
        ("[-]", 1, "invalid number '-': expected a digit, found ']' (line 1, column 3)"),
        ("[-a]", 1, "invalid number '-': expected a digit, found 'a' (line 1, column 3)"),
        ("[1.]", 1, "invalid number '1.': expected a digit after '.', found ']' (line 1, column 4)"),
        ("[1.e5]", 1, "invalid number '1.': expected a digit after '.', found 'e' (line 1, column 4)"),
        ("[1e+]", 1, "invalid number '1e+': expected a digit in the exponent, found ']' (line 1, column 5)"),
        ("[1E]", 1, "invalid number '1E': expected a digit in the exponent, found ']' (line 1, column 4)"),
        ("[.5]", 1, "\(anyValue), found '.' (line 1, column 2)"),
        ("[+1]", 1, "\(anyValue), found '+' (line 1, column 2)"),
        ("[0x10]", 1, "expected ',' or ']' after an array element, found 'x' (line 1, column 3)"),
        ("[Infinity]", 1, "\(anyValue), found 'I' (line 1, column 2)"),
        // Strings: RFC 8259 §7.
        ("\"abc", 1, "the string that starts here is not closed by a '\"' (line 1, column 1)"),
        ("[1,\n \"abc]", 2, "the string that starts here is not closed by a '\"' (line 2, column 2)"),
        ("[\"a\tb\"]", 1, "control character '\\t' in a string (write it as an escape, e.g. \\n or \\u0009) (line 1, column 4)"),
        ("[\"a\nb\"]", 1, "control character '\\n' in a string (write it as an escape, e.g. \\n or \\u0009) (line 1, column 4)"),
        ("[\"\\x\"]", 1, "invalid escape '\\x' in a string (use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX) (line 1, column 3)"),
        ("[\"\\'\"]", 1, "invalid escape '\\'' in a string (use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX) (line 1, column 3)"),
        ("[\"\\u12G4\"]", 1, "invalid escape '\\u12G4': \\u takes 4 hexadecimal digits (line 1, column 3)"),
        ("[\"\\u12\"]", 1, "invalid escape '\\u12\"]': \\u takes 4 hexadecimal digits (line 1, column 3)"),
        ("[\"\\uD800\"]", 1, "lone surrogate '\\uD800' in a string (a high surrogate \\uD800-\\uDBFF must be followed by a low one \\uDC00-\\uDFFF) (line 1, column 3)"),
        ("[\"x\\ud800\\u0041\"]", 1, "lone surrogate '\\ud800' in a string (a high surrogate \\uD800-\\uDBFF must be followed by a low one \\uDC00-\\uDFFF) (line 1, column 4)"),
        ("[\"\\uDC00\\uD800\"]", 1, "lone surrogate '\\uDC00' in a string (a low surrogate \\uDC00-\\uDFFF must follow a high one \\uD800-\\uDBFF) (line 1, column 3)"),
    ])
    func syntaxErrorsNameLineAndColumn(_ json: String, line: Int, message: String) throws {
        let found = try #require(Self.problem(json), "accepted: \(json)")
        #expect(found.path == "")
        #expect(found.line == line)
        #expect(found.message == "invalid JSON: " + message)
    }

    /// Bytes that are no UTF-8 (Unicode Table 3-7) inside a string: a lone continuation byte, a
    /// lead byte without its continuation, an overlong `/`, an encoded surrogate U+D800, a code
    /// point above U+10FFFF, and 0xFF. The column is that of the first bad byte: after `["`.
    @Test(arguments: [[0x80], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF]] as [[UInt8]])
    func invalidUTF8InAStringIsRefused(_ bad: [UInt8]) throws {
        let found = try #require(Self.problem(Data(Array("[\"".utf8) + bad + Array("\"]".utf8))))
        #expect(found.message == "invalid JSON: invalid UTF-8 in a string (line 1, column 3)")
    }

    // MARK: Strings, numbers and literals

    /// Every escape of RFC 8259 §7, a surrogate pair (U+1F600 is D83D DE00), `\u0000`, and raw
    /// UTF-8 of 2 and 4 bytes, decoded; an escaped `/` and an unescaped one are the same.
    @Test func escapesAndUnicodeAreDecoded() throws {
        let tree = try Self.parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u0041\u00E9", "\ud83d\ude00", "é😀", "a\u0000b", "/"]"#)
        let expected = ["\"\\/\u{8}\u{C}\n\r\t", "éAé", "😀", "é😀", "a\u{0}b", "/"]
        guard case .list(let items) = tree.value else { Issue.record("not a list"); return }
        #expect(items.map(Self.text) == expected)
    }

    /// Numbers keep the text they are written with (the decoder reads them on demand); `true`
    /// and `false` are their text, `null` is null, and a string that reads as a number is that
    /// text too (as YAML's `'1'` is).
    @Test func scalarsKeepTheirTextAsWritten() throws {
        let tree = try Self.parse(#"[1.0, -0, 1E5, 0.10, -2.5e-3, 12345678901234567890, true, false, null, "1", "null", ""]"#)
        guard case .list(let items) = tree.value else { Issue.record("not a list"); return }
        #expect(items.map(Self.text) == ["1.0", "-0", "1E5", "0.10", "-2.5e-3", "12345678901234567890", "true", "false", "null", "1", "null", ""])
        #expect(items.map(\.kindName) == ["'1.0'", "'-0'", "'1E5'", "'0.10'", "'-2.5e-3'", "'12345678901234567890'", "'true'", "'false'", "null", "'1'", "'null'", "''"])
    }

    /// `Field.number()` reads a plain decimal from its bytes (`DocumentTree.plainDecimal`) and
    /// anything else through `Double(_:)`: both give the double nearest the text, which
    /// `Double(_:)` (correctly rounded) computes here independently for each.
    @Test(arguments: ["0", "-0", "7", "0.1", "0.3", "-2.675", "123456.789", "9007199254740993", "0.30000000000000004",
                      "1.7976931348623157e308", "5e-324", "12345678901234567890", "0.1234567890123456789012345", "1E5", "1e-5",
                      "4.35", "1.1", "0.000123", "98765.4321", "9007199254740992", "-123.456789012345", "0.0000000000000000000001"])
    func numbersReadAsDoubleReadsThem(_ text: String) throws {
        let tree = try Self.parse("[\(text)]")
        guard case .list(let items) = tree.value else { Issue.record("not a list"); return }
        let value = try Field(tree: items[0], path: "").number()
        let expected = try #require(Double(text))
        #expect(value == expected && value.sign == expected.sign, "\(text): \(value) against \(expected)")
    }

    // MARK: Keys and structure

    /// Keys keep the order they are written in (`JSONSerialization` gave them sorted).
    @Test func keysKeepTheirOrder() throws {
        let tree = try Self.parse(#"{"b": 1, "a": {"z": 1, "y": 2, "x": 3}, "c": [], "B": {}}"#)
        #expect(YAMLCompositionTests.render(tree) == "{b: '1', a: {z: '1', y: '2', x: '3'}, c: [], B: {}}")
    }

    /// Every node has the line where it starts, a map's value the line of its key (as in YAML).
    @Test func everyNodeHasItsLine() throws {
        let tree = try Self.parse("{\"a\": [1,\n 2],\n \"b\": {\"c\":\n null}, \"d\"\n:\n\"e\"}")
        #expect(YAMLCompositionTests.render(tree, lines: true) == "{a: ['1'@1, '2'@2]@1, b: {c: null@3}@3, d: 'e'@4}@1")
    }

    /// A key that appears twice in one object, compared with escapes decoded; its field path and
    /// the line of its second occurrence. The first duplicate in the text is the one reported,
    /// before a later syntax error and before an outer object's later duplicate; an object of more
    /// than 8 keys checks them by hash (`JSONComposer.hashedFrom`).
    @Test(arguments: [
        ("{\"a\": [{\"x\": 1}, {\"y\": 1,\n \"y\": 2}]}", "a[1].y", 2, "duplicate key 'y'"),
        ("{\"a\": {\"b\": 1, \"b\": 2}, \"a\": 3}", "a.b", 1, "duplicate key 'b'"),
        ("{\"a\": 1, \"a\": 2, \"b\": [}", "a", 1, "duplicate key 'a'"),
        ("[[], [0, {\"\\u00e9\": 1, \"é\": 2}]]", "[1][1].é", 1, "duplicate key 'é'"),
        ("{\"x\": {" + (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ",\n") + ",\n\"k\\u0031\\u0033\": 5}}", "x.k13", 21, "duplicate key 'k13'"),
        ("{\"x\": {" + (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + ", \"k0\": 5}}", "x.k0", 1, "duplicate key 'k0'"),
    ])
    func duplicateKeysNameTheirPathAndLine(_ json: String, path: String, line: Int, message: String) throws {
        let found = try #require(Self.problem(json))
        #expect(found.path == path)
        #expect(found.line == line)
        #expect(found.message == message)
    }

    /// 20 keys `k0`...`k19` and keys that differ from them in one byte, or only in length: no
    /// duplicate, in the compared and in the hashed part of an object.
    @Test func nearlyEqualKeysAreDistinct() throws {
        let keys = (0..<20).map { "k\($0)" } + (0..<20).map { "K\($0)" } + (0..<20).map { "k\($0) " } + ["k", ""]
        let tree = try Self.parse("{" + keys.map { "\"\($0)\": 1" }.joined(separator: ", ") + "}")
        guard case .map(let entries) = tree.value else { Issue.record("not a map"); return }
        #expect(entries.map(\.key) == keys)
    }

    /// Seeded random lists of objects of 0 to 40 keys over a two-letter alphabet (1 to 24 bytes:
    /// shared prefixes, keys of one and of several 8-byte words), one object in two given a copy
    /// of one of its own earlier keys: the text is refused exactly when a copy was given, naming
    /// that key and its object, and otherwise every object keeps its keys in order — also where a
    /// sibling object of many keys had the same ones (its emptied hash table is reused). The
    /// expectation is the generator's own record of what it wrote.
    @Test func randomObjectsFindExactlyTheirOwnDuplicates() throws {
        var random = SeededGenerator(seed: 2026)
        for _ in 0..<300 {
            var objects: [[String]] = []
            var copied: (object: Int, key: String)?
            for object in 0..<Int.random(in: 1...5, using: &random) {
                var keys: [String] = []
                var seen = Set<String>()
                for _ in 0..<Int.random(in: 0...40, using: &random) {
                    let key = String((0..<Int.random(in: 1...24, using: &random)).map { _ in Bool.random(using: &random) ? Character("a") : Character("b") })
                    if seen.insert(key).inserted { keys.append(key) }
                }
                if copied == nil, !keys.isEmpty, Bool.random(using: &random) {
                    let key = keys[Int.random(in: 0..<keys.count, using: &random)]
                    keys.append(key)
                    copied = (object, key)
                }
                objects.append(keys)
            }
            let json = "[" + objects.map { keys in "{" + keys.enumerated().map { "\"\($1)\": \($0)" }.joined(separator: ", ") + "}" }.joined(separator: ", ") + "]"
            if let copied {
                let found = try #require(Self.problem(json))
                #expect(found.path == "[\(copied.object)].\(copied.key)")
                #expect(found.message == "duplicate key '\(copied.key)'")
            } else {
                let tree = try Self.parse(json)
                guard case .list(let items) = tree.value else { Issue.record("not a list"); return }
                let read = items.map { item -> [String] in
                    guard case .map(let entries) = item.value else { return ["not a map"] }
                    return entries.map(\.key)
                }
                #expect(read == objects)
            }
        }
    }

    /// 64 levels are read; the 65th is refused where it opens, for any depth of text (a 100,000
    /// deep `[[[...` is refused cleanly, without recursion), on its line.
    @Test func nestingDeeperThanTheLimitIsRefused() throws {
        let limit = DocumentTree.depthLimit
        let atLimit = try Self.parse(String(repeating: "[", count: limit) + String(repeating: "]", count: limit))
        var depth = 0
        var node = atLimit
        while case .list(let items) = node.value {
            depth += 1
            guard let first = items.first else { break }
            node = first
        }
        #expect(depth == limit)
        for text in [String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 100_000), String(repeating: "[\n", count: 70)] {
            let found = try #require(Self.problem(text))
            #expect(found.message == "lists and maps are nested more than 64 levels deep")
            // One `[` per line in the last text: the 65th opens on line 65.
            #expect(found.line == (text.hasPrefix("[\n") ? 65 : 1))
        }
    }

    /// A text with nothing but white space is empty; a UTF-8 byte-order mark is skipped, and a
    /// text in UTF-16 or UTF-32 (with or without its mark), which `JSONSerialization` read, is
    /// read as its UTF-8 transcoding.
    @Test func encodingsAndEmptyTexts() throws {
        for blank in ["", " \n\t\r\n"] {
            #expect(Self.problem(blank)?.message == "the file is empty")
        }
        let json = "{\"a\": [1, \"é😀\"]}"
        let expected = YAMLCompositionTests.render(try Self.parse(json))
        let encodings: [(String, [UInt8], String.Encoding)] = [
            ("UTF-8 with a mark", [0xEF, 0xBB, 0xBF], .utf8), ("UTF-16LE", [0xFF, 0xFE], .utf16LittleEndian),
            ("UTF-16BE", [0xFE, 0xFF], .utf16BigEndian), ("UTF-16LE without a mark", [], .utf16LittleEndian),
            ("UTF-16BE without a mark", [], .utf16BigEndian), ("UTF-32LE", [0xFF, 0xFE, 0, 0], .utf32LittleEndian),
            ("UTF-32BE without a mark", [], .utf32BigEndian),
        ]
        for (name, mark, encoding) in encodings {
            let data = Data(mark) + (try #require(json.data(using: encoding)))
            let tree = try DocumentTree.parseJSON(data, file: "t.json")
            #expect(YAMLCompositionTests.render(tree) == expected, "\(name)")
        }
    }

    // MARK: Scenarios

    /// Each data file's YAML tree written as JSON by `json(_:)` below (numbers and booleans as
    /// JSON numbers and literals, other scalars as strings): the same tree and the same scenario.
    @Test(arguments: ["bill-jack.yaml", "blue-harbor.yaml", "blue-harbor-discrete.yaml", "climate-finance.yaml", "pie.yaml",
                      "river-basin.yaml", "trade-agreement.yaml"])
    func aJSONTwinDecodesToTheSameScenario(_ name: String) throws {
        let yamlText = try String(contentsOfFile: Repository.data(name), encoding: .utf8)
        let yamlTree = try DocumentTree.parseYAML(yamlText, file: name)
        let jsonText = Self.json(yamlTree)
        let jsonTree = try DocumentTree.parseJSON(Data(jsonText.utf8), file: "twin.json")
        #expect(YAMLCompositionTests.render(jsonTree) == YAMLCompositionTests.render(yamlTree))
        let yaml = try Scenario.parse(data: Data(yamlText.utf8), file: name, format: .yaml)
        #expect(try Scenario.parse(data: Data(jsonText.utf8), file: "twin.json", format: .json) == yaml)
    }

    /// Points of plain decimals are read from the tree's bytes (`DocumentTree.plainPoints`),
    /// others (an exponent, a string) field by field: the same points either way, and the same
    /// messages for a point that is not one.
    @Test func pointsReadTheSameByEitherPath() throws {
        func scenario(_ points: String) throws(ScenarioError) -> Scenario {
            let json = """
                {"accord": 1, "parties": [{"id": "A"}, {"id": "B"}], "issues": [{"id": "g", "divisible": true}],
                 "preferences": {"A": {"weights": {"g": 1}, "values": {"g": \(points)}},
                                 "B": {"weights": {"g": 1}, "values": {"g": [[0, 0], [1, 1]]}}}}
                """
            return try Scenario.parse(data: Data(json.utf8), file: "p.json", format: .json)
        }
        let plain = try scenario("[[0, 0], [0.25, 0.5], [1, 0.75]]")
        #expect(plain.preferences[0].values[0] == .piecewise([.init(x: 0, value: 0), .init(x: 0.25, value: 0.5), .init(x: 1, value: 0.75)]))
        #expect(try scenario(#"[[0e0, 0], ["0.25", 5e-1], [1.0E+0, 0.75]]"#) == plain)
        for (points, message) in [("[[0, 0], [1]]", "p.json:2: preferences.A.values.g[1]: expected a point [x, value], found 1 numbers"),
                                  ("[[0, 0], [1, \"x\"]]", "p.json:2: preferences.A.values.g[1][1]: expected a number, found 'x'")] {
            do {
                _ = try scenario(points)
                Issue.record("accepted \(points)")
            } catch {
                #expect(error.description == message)
            }
        }
    }

    /// A problem in a JSON scenario names its line, as in YAML (the same mistake on line 4).
    @Test func problemsInAJSONScenarioNameTheirLine() throws {
        let json = """
            {"accord": 1,
             "parties": [{"id": "A"}, {"id": "B"}],
             "issues": [{"id": "x", "options": ["a", "b"]}],
             "preferences": {"A": {"weights": {"x": 1}, "values": {"x": {"a": 1, "b": "high"}}},
                             "B": {"weights": {"x": -1}, "values": {"x": {"a": 0, "b": 1}}}}}
            """
        do {
            _ = try Scenario.parse(data: Data(json.utf8), file: "s.json", format: .json)
            Issue.record("accepted")
        } catch {
            #expect(error.description == """
                s.json:4: preferences.A.values.x.b: expected a number, found 'high'
                s.json:5: preferences.B.weights.x: weight must be >= 0, found -1
                """)
        }
    }

    // MARK: Against JSONSerialization

    /// Random documents (objects, arrays, strings with every escape and non-ASCII text, numbers
    /// of every form, literals), written with random white space: the tree has the structure and
    /// values that Foundation's `JSONSerialization`, an independent parser, finds in the same
    /// bytes. Seeds are printed on failure.
    @Test(arguments: 0..<40)
    func randomDocumentsReadAsJSONSerializationReadsThem(_ seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed) &* 0x9E37_79B9 &+ 11)
        let text = Self.randomValue(&random, depth: 0)
        let data = Data(text.utf8)
        let oracle = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        let tree = try DocumentTree.parseJSON(data, file: "random.json")
        #expect(Self.matches(tree, oracle), "seed \(seed): \(text.prefix(300))")
    }

    // MARK: Helpers

    static func text(_ tree: DocumentTree) -> String? {
        if case .scalar(let text) = tree.value { return text }
        if case .null = tree.value { return "null" }
        return nil
    }

    /// JSON text of a YAML tree: a scalar that is a JSON number (RFC 8259's grammar) or `true` /
    /// `false` as such, any other as a string with `"`, `\` and control characters escaped.
    static func json(_ tree: DocumentTree) -> String {
        switch tree.value {
        case .map(let entries): return "{" + entries.map { quotedJSON($0.key) + ": " + json($0.value) }.joined(separator: ",\n") + "}"
        case .list(let items): return "[" + items.map(json).joined(separator: ", ") + "]"
        case .null: return "null"
        case .scalar(let text):
            if text == "true" || text == "false" || text.wholeMatch(of: #/-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/#) != nil { return text }
            return quotedJSON(text)
        }
    }

    static func quotedJSON(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case _ where scalar.value < 0x20: quoted += String(format: "\\u%04x", scalar.value)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// Whether the tree holds what `JSONSerialization` read: the same keys (a dictionary, so
    /// compared as sets) and values, items in order, the same strings, numbers of the same
    /// value, booleans and nulls.
    static func matches(_ tree: DocumentTree, _ oracle: Any) -> Bool {
        switch tree.value {
        case .map(let entries):
            guard let dictionary = oracle as? [String: Any], dictionary.count == entries.count else { return false }
            return entries.allSatisfy { entry in dictionary[entry.key].map { matches(entry.value, $0) } ?? false }
        case .list(let items):
            guard let array = oracle as? [Any], array.count == items.count else { return false }
            return zip(items, array).allSatisfy { matches($0, $1) }
        case .null:
            return oracle is NSNull
        case .scalar(let text):
            if let string = oracle as? String { return string == text }
            // A number it keeps as a decimal (some, with an exponent) is compared as one: its
            // `doubleValue` is not always the double nearest the text.
            if let decimal = oracle as? NSDecimalNumber { return Decimal(string: text) == decimal.decimalValue }
            guard let number = oracle as? NSNumber else { return false }
            if String(cString: number.objCType) == "c" { return text == (number.boolValue ? "true" : "false") }
            return Double(text) == number.doubleValue
        }
    }

    static func randomValue(_ random: inout SeededGenerator, depth: Int) -> String {
        let space = [" ", "", "\n", "\t", "\r\n ", ""][random.below(6)]
        switch random.below(depth > 4 ? 4 : 7) {
        case 0: return space + randomString(&random)
        case 1: return space + randomNumber(&random)
        case 2: return space + ["true", "false", "null"][random.below(3)]
        case 3: return space + (random.below(2) == 0 ? "[]" : "{ }")
        case 4, 5:
            let items = (0..<(1 + random.below(6))).map { _ in randomValue(&random, depth: depth + 1) }
            return space + "[" + items.joined(separator: ",") + space + "]"
        default:
            var keys = Set<String>()
            var members: [String] = []
            for _ in 0..<(1 + random.below(12)) {
                let key = randomString(&random)
                // Decoded keys must differ: `JSONSerialization` would keep one of two equal keys.
                guard let decoded = try? JSONSerialization.jsonObject(with: Data(key.utf8), options: [.fragmentsAllowed]) as? String,
                      keys.insert(decoded).inserted else { continue }
                members.append(space + key + space + ":" + randomValue(&random, depth: depth + 1))
            }
            return space + "{" + members.joined(separator: ",") + "}"
        }
    }

    /// A string of plain characters, non-ASCII text (2, 3 and 4 UTF-8 bytes) and every escape.
    static func randomString(_ random: inout SeededGenerator) -> String {
        let pieces = ["a", "Z", "0", " ", "é", "€", "😀", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t",
                      "\\u00e9", "\\u20AC", "\\ud83d\\ude00", "\\u0000", "\\u001f", "{", "]", ":", ","]
        return "\"" + (0..<random.below(8)).map { _ in pieces[random.below(pieces.count)] }.joined() + "\""
    }

    /// An integer, a decimal or a number with an exponent, of either sign.
    static func randomNumber(_ random: inout SeededGenerator) -> String {
        let sign = random.below(3) == 0 ? "-" : ""
        let integer = random.below(4) == 0 ? "0" : String(1 + random.below(999_999))
        let fraction = random.below(2) == 0 ? "" : "." + String(random.below(1_000_000))
        let exponent = random.below(3) == 0 ? ["e", "E"][random.below(2)] + ["", "+", "-"][random.below(3)] + String(random.below(300)) : ""
        return sign + integer + fraction + exponent
    }
}
