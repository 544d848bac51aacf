import Foundation

/// A parsed YAML or JSON document, kept with the line of every node so that validation errors
/// can point at it. Keys keep their order of appearance.
///
/// A tree is a node of its document's flat storage (`DocumentTree+Storage.swift`): reading a
/// document allocates no list, map or text per node, and a node's text becomes a `String` only
/// when it is read.
package struct DocumentTree: Sendable {
    package enum Value {
        case map(Entries)
        case list(Items)
        /// Scalar text as written (numbers are parsed on demand).
        case scalar(String)
        case null
    }

    package struct Entry {
        package var key: String
        package var value: DocumentTree
    }

    let storage: Storage
    /// This node in `storage.nodes`.
    let index: Int

    private var node: Node { storage.nodes[index] }

    package var value: Value {
        let node = node
        switch node.kind {
        case .scalar: return .scalar(storage.text(node.start, node.count))
        case .null: return .null
        case .list: return .list(Items(storage: storage, children: Int(node.start)..<Int(node.start + node.count)))
        case .map: return .map(Entries(storage: storage, children: Int(node.start)..<Int(node.start + node.count)))
        }
    }

    /// 1-based line; for a map value, the line of its key.
    package var line: Int? { Int(node.line) }

    /// `body` applied to the UTF-8 text of a scalar, without making it a `String`; `nil` for
    /// any other node.
    package func withScalarBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        let node = node
        guard node.kind == .scalar else { return nil }
        return storage.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(node.start)..<Int(node.start + node.count)])) }
    }

    /// A short name of the node's kind for messages ("a map", "a list", ...).
    package var kindName: String {
        switch value {
        case .map: return "a map"
        case .list: return "a list"
        case .scalar(let text): return "\(quoted(text))"
        case .null: return "null"
        }
    }

    /// The items of a list, in order.
    package struct Items: RandomAccessCollection {
        let storage: Storage
        let children: Range<Int>

        package var startIndex: Int { 0 }
        package var endIndex: Int { children.count }
        package subscript(position: Int) -> DocumentTree { DocumentTree(storage: storage, index: children.lowerBound + position) }
    }

    /// The entries of a map, in the order written.
    package struct Entries: RandomAccessCollection {
        let storage: Storage
        let children: Range<Int>

        package var startIndex: Int { 0 }
        package var endIndex: Int { children.count }

        package subscript(position: Int) -> Entry {
            let index = children.lowerBound + position
            return Entry(key: storage.key(of: index), value: DocumentTree(storage: storage, index: index))
        }

        /// Whether the key of the entry at `position` is the UTF-8 text `text`, compared without
        /// making the key a `String`.
        package func key(at position: Int, is text: [UInt8]) -> Bool {
            let key = storage.keySpan(storage.nodes[children.lowerBound + position])
            guard key.count == text.count else { return false }
            return storage.bytes.withUnsafeBufferPointer { bytes in
                text.withUnsafeBufferPointer { DocumentTree.equal(UnsafeBufferPointer(rebasing: bytes[key]), $0) }
            }
        }

        /// The value under `key`, the first if there are several (a composed document has none);
        /// keys are compared as UTF-8 bytes, without making them `String`s.
        /// - Complexity: O(entries × length of the key).
        package func value(forKey key: String) -> DocumentTree? {
            var key = key
            return key.withUTF8 { wanted in
                storage.bytes.withUnsafeBufferPointer { bytes in
                    children.first { index in bytes[storage.keySpan(storage.nodes[index])].elementsEqual(wanted) }
                }
            }.map { DocumentTree(storage: storage, index: $0) }
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
        try refuseBeyondLimit(text.utf8.count, file: file)
        let root: DocumentTree?
        do throws(YAMLProblem) {
            root = try YAMLComposer.compose(text, nodeLimit: nodeLimit(bytes: text.utf8.count), depthLimit: depthLimit)
        } catch {
            throw .invalid([ScenarioIssue(file: file, path: "", line: error.line, message: error.message)])
        }
        if let root, root.node.kind != .null { return root }
        throw .invalid([ScenarioIssue(file: file, path: "", line: nil, message: "the file is empty")])
    }

    /// Parses JSON text (`JSONComposer`): syntax errors, duplicate keys and nesting deeper than
    /// `depthLimit` are reported with their line, and every node keeps its line.
    /// - Complexity: O(length of the text) expected.
    package static func parseJSON(_ data: Data, file: String) throws(ScenarioError) -> DocumentTree {
        try refuseBeyondLimit(data.count, file: file)
        let root: DocumentTree?
        do throws(FieldProblem) {
            root = try JSONComposer.compose(data, depthLimit: depthLimit)
        } catch {
            throw .invalid([error.located(in: file)])
        }
        guard let root else { throw .invalid([ScenarioIssue(file: file, path: "", line: nil, message: "the file is empty")]) }
        return root
    }

    /// A text beyond `byteLimit` is refused before it is read.
    private static func refuseBeyondLimit(_ bytes: Int, file: String) throws(ScenarioError) {
        guard bytes > byteLimit else { return }
        throw .invalid([ScenarioIssue(file: file, path: "", line: nil, message: "the file is larger than 1 GiB, beyond what Accord reads (a scenario takes far less)")])
    }
}

extension DocumentTree {
    /// The line of the node at a field path (`preferences.B.weights.fisheries`,
    /// `issues[1].options[0]`), or of the deepest node on the way when the path goes further than
    /// the document.
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
