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
    /// 1-based line, when the format records it (YAML does, JSON does not); for a map value, the
    /// line of its key.
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
    /// The deepest nesting of lists and maps a YAML scenario may have; the format itself needs 6
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

    /// Parses JSON text with Foundation. JSON values carry no line numbers here; a syntax error
    /// does, when Foundation names the character where it failed.
    package static func parseJSON(_ data: Data, file: String) throws(ScenarioError) -> DocumentTree {
        guard data.contains(where: { !Self.jsonWhitespace.contains($0) }) else {
            throw .invalid([ScenarioIssue(file: file, path: "", line: nil, message: "the file is empty")])
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            let line = Self.characterOffset(in: reason).map { offset in
                1 + data.prefix(offset).reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            }
            throw .invalid([ScenarioIssue(file: file, path: "", line: line, message: "invalid JSON: \(excerpt(reason, limit: 200))")])
        }
        if let duplicate = duplicateJSONKey(in: data) {
            // As YAML does; `JSONSerialization` would keep one of the two values silently.
            throw .invalid([ScenarioIssue(file: file, path: duplicate.path, line: duplicate.line, message: "duplicate key \(quoted(duplicate.key))")])
        }
        return DocumentTree(json: object)
    }

    private static let jsonWhitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]

    /// `N` of "... around character N." in a Foundation JSON error.
    private static func characterOffset(in reason: String) -> Int? {
        guard let range = reason.range(of: "around character ") else { return nil }
        return Int(reason[range.upperBound...].prefix { $0.isNumber })
    }

    private init(json object: Any) {
        line = nil
        switch object {
        case let dictionary as [String: Any]:
            value = .map(dictionary.keys.sorted().map { Entry(key: $0, value: DocumentTree(json: dictionary[$0] as Any)) })
        case let array as [Any]:
            value = .list(array.map { DocumentTree(json: $0) })
        case let string as String:
            value = .scalar(string)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" {
                value = .scalar(number.boolValue ? "true" : "false")
            } else {
                value = .scalar(Self.jsonText(number))
            }
        default:
            value = .null
        }
    }

    private static func jsonText(_ number: NSNumber) -> String {
        let double = number.doubleValue
        if double == double.rounded(), abs(double) < 9.0e15 { return String(Int64(double)) }
        return String(double)
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
