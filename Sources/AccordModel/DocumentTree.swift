import Foundation

/// A parsed YAML or JSON document, kept with the line of every node so that validation errors
/// can point at it. Keys keep their order of appearance.
package struct DocumentTree: Sendable {
    package enum Value: Sendable {
        case map([Entry])
        case list([DocumentTree])
        /// Scalar text as written (numbers are parsed on demand).
        case scalar(String)
        case null
    }

    package struct Entry: Sendable {
        var key: String
        var value: DocumentTree
    }

    package var value: Value
    /// 1-based line (`nil` in a tree built without a text); for a map value, the line of its key.
    package var line: Int?

    /// A short name of the node's kind for messages ("a map", "a list", ...).
    package var kindName: String {
        switch value {
        case .map: return "a map"
        case .list: return "a list"
        case .scalar(let text): return "\(quoted(text))"
        case .null: return "null"
        }
    }
}

extension DocumentTree {
    /// The deepest nesting of lists and maps a YAML or JSON scenario may have; the format itself needs 6
    /// (`preferences.B.interactions[0].when.issue`).
    package static let depthLimit = 64

    /// The most nodes a YAML text of `bytes` bytes may expand to through its aliases:
    /// 10^6 + 16 per byte, far above any scenario written out in full (a node takes 2 bytes or more).
    package static func nodeLimit(bytes: Int) -> Int { 1_000_000 + 16 * bytes }

    /// Parses YAML text. Duplicate keys and syntax errors are reported with their line; a text
    /// nested deeper than `depthLimit` or that expands beyond `nodeLimit(bytes:)` nodes through
    /// its aliases ("billion laughs", as a value or as a key) is refused where the limit is
    /// passed, before that node is built.
    /// - Complexity: O(length of the text) expected (`YAMLComposer`).
    package static func parseYAML(_ text: String, file: String) throws(ScenarioError) -> DocumentTree {
        let root: DocumentTree?
        do throws(YAMLProblem) {
            root = try YAMLComposer.compose(text, nodeLimit: nodeLimit(bytes: text.utf8.count), depthLimit: depthLimit)
        } catch {
            throw .invalid([ScenarioIssue(file: file, path: "", line: error.line, message: error.message)])
        }
        if let root, !root.isNull { return root }
        throw .invalid([ScenarioIssue(file: file, path: "", line: nil, message: "the file is empty")])
    }

    private var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// Parses JSON text (`JSONComposer`): syntax errors, duplicate keys and nesting deeper than
    /// `depthLimit` are reported with their line, and every node keeps its line.
    /// - Complexity: O(length of the text) expected.
    package static func parseJSON(_ data: Data, file: String) throws(ScenarioError) -> DocumentTree {
        let root: DocumentTree?
        do throws(FieldProblem) {
            root = try JSONComposer.compose(data, depthLimit: depthLimit)
        } catch {
            throw .invalid([error.located(in: file)])
        }
        guard let root else { throw .invalid([ScenarioIssue(file: file, path: "", line: nil, message: "the file is empty")]) }
        return root
    }
}

extension DocumentTree {
    /// The line of the node at a field path (`preferences.B.weights.fisheries`,
    /// `issues[1].options[0]`), or of the deepest node on the way when the path goes further than
    /// the document; `nil` when the format records no lines.
    ///
    /// A map key may itself contain `.` or `[` (option names are free text): at each map the
    /// longest key that the rest of the path starts with is taken.
    /// - Complexity: O(length of the path × keys along it).
    package func line(at path: String) -> Int? {
        var node = self
        var rest = Substring(path)
        var found = line
        while !rest.isEmpty {
            if rest.first == "." { rest = rest.dropFirst() }
            switch node.value {
            case .list(let items):
                guard rest.first == "[", let close = rest.firstIndex(of: "]"),
                      let index = Int(rest[rest.index(after: rest.startIndex)..<close]), items.indices.contains(index) else {
                    return found
                }
                node = items[index]
                rest = rest[rest.index(after: close)...]
            case .map(let entries):
                let matches = entries.filter { entry in
                    guard rest.hasPrefix(entry.key) else { return false }
                    let after = rest.dropFirst(entry.key.count)
                    return after.isEmpty || after.first == "." || after.first == "["
                }
                guard let entry = matches.max(by: { $0.key.count < $1.key.count }) else { return found }
                node = entry.value
                rest = rest.dropFirst(entry.key.count)
            case .scalar, .null:
                return found
            }
            found = node.line ?? found
        }
        return found
    }
}
