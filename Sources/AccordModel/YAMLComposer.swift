import CYaml

/// Builds the `DocumentTree` of a YAML text from libyaml's event stream, in one pass that
/// also measures the text (`YAMLExpansion`).
///
/// Each scalar is read once: it is null when it is plain and `~`, `null`, `Null`, `NULL` or
/// empty (whatever its tag), and otherwise kept as written. Aliases are resolved to the node of
/// their anchor (a copy of the node that shares its children, `DocumentTree.Builder`). A map refuses a key that appears twice: keys
/// are compared by text with a hash set, and only when two texts are equal are their tags
/// compared (`YAMLScalarTag`: a plain `1` and a quoted `'1'` are two keys).
///
/// A node's line is the line where it starts, except that a map value is located at its key;
/// an alias is its anchor's node, lines included.
///
/// Which problem is reported: a text beyond the expansion limits is refused as such wherever
/// the limit is passed, before libyaml finds an error (the whole text is measured first);
/// otherwise the first problem in the text, libyaml's or the composer's (a duplicate key, an
/// undefined alias, a second document).
/// - Complexity: O(length of the text + nodes of the tree) expected time; an explicit stack,
///   no recursion.
struct YAMLComposer {
    /// The root of the text's single document, `nil` when the stream holds no document.
    static func compose(_ text: String, nodeLimit: Int, depthLimit: Int) throws(YAMLProblem) -> DocumentTree? {
        var expansion = YAMLExpansion(nodeLimit: nodeLimit, depthLimit: depthLimit)
        var composer = YAMLComposer()
        var refused: YAMLProblem?
        /// The composer's first problem; the rest of the text is still measured.
        var composing: YAMLProblem?
        let syntax = YAMLEvents.forEach(in: text) { event in
            if let problem = expansion.take(event) {
                refused = problem
                return false
            }
            guard composing == nil else { return true }
            do throws(YAMLProblem) {
                try composer.take(event)
            } catch {
                composing = error
            }
            return true
        }
        if let problem = refused ?? composing ?? syntax { throw problem }
        guard let root = composer.root else { return nil }
        return composer.builder.tree(root: root)
    }

    /// A finished node; for a scalar, what it is as a key: its text as written (a null key keeps
    /// its `~`), that text's span in the builder's bytes, and its tag.
    private struct Node {
        var tree: DocumentTree.Node
        var key: (text: String, span: Range<Int>, tag: YAMLScalarTag)?
    }

    /// A key of a map: its text, tag and line.
    private struct Key {
        var text: String
        var tag: YAMLScalarTag
        var line: Int
    }

    /// A list or map whose end has not been reached.
    private struct Open {
        var line: Int
        var anchor: String?
        var isMap: Bool
        /// Where its finished children begin in the builder's pending nodes.
        var start: Int
        /// The keys of a map's entries so far, in order.
        var keys: [Key] = []
        /// The key whose value comes next, with its span in the builder's bytes.
        var key: (key: Key, span: Range<Int>)?
    }

    private var anchors: [String: Node] = [:]
    private var open: [Open] = []
    private var builder = DocumentTree.Builder()
    private var root: DocumentTree.Node?
    private var documents = 0

    private mutating func take(_ event: yaml_event_t) throws(YAMLProblem) {
        let line = Int(event.start_mark.line) + 1
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            guard documents == 1 else {
                throw YAMLProblem(message: "invalid YAML: but found another document (expected a single document in the stream at line 1)", line: line)
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let bytes = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
            let text = String(decoding: bytes, as: UTF8.self)
            let span = builder.append(bytes)
            let isNull = scalar.style == YAML_PLAIN_SCALAR_STYLE && bytes.count <= 4 && YAMLScalarTag.isNull(Array(bytes))
            let tag: YAMLScalarTag = scalar.quoted_implicit == 1 ? .string : YAMLEvents.name(scalar.tag).map { .named($0) } ?? .plain
            let node = DocumentTree.Node(isNull ? .null : .scalar, line: line, start: span.lowerBound, count: span.count)
            try complete(Node(tree: node, key: (text, span, tag)), anchor: YAMLEvents.name(scalar.anchor))
        case YAML_ALIAS_EVENT:
            guard let node = YAMLEvents.name(event.data.alias.anchor).flatMap({ anchors[$0] }) else {
                throw YAMLProblem(message: "invalid YAML: found undefined alias", line: line)
            }
            try complete(node, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            open.append(Open(line: line, anchor: YAMLEvents.name(event.data.sequence_start.anchor), isMap: false, start: builder.pendingCount))
        case YAML_MAPPING_START_EVENT:
            open.append(Open(line: line, anchor: YAMLEvents.name(event.data.mapping_start.anchor), isMap: true, start: builder.pendingCount))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let done = open.popLast() else { return }
            if done.isMap, let duplicates = Self.duplicates(done.keys) { throw duplicates }
            try complete(Node(tree: builder.close(done.isMap ? .map : .list, from: done.start, line: done.line)), anchor: done.anchor)
        default:
            break
        }
    }

    /// Adds a finished node to the list or map it is in (or makes it the root) and records its anchor.
    private mutating func complete(_ node: Node, anchor: String?) throws(YAMLProblem) {
        if let anchor { anchors[anchor] = node }
        guard !open.isEmpty else {
            root = node.tree
            return
        }
        let top = open.count - 1
        guard open[top].isMap else {
            builder.add(node.tree)
            return
        }
        guard let key = open[top].key else {
            // `YAMLExpansion` has refused lists and maps as keys already.
            guard let key = node.key else { throw YAMLProblem(message: YAMLExpansion.complexKey, line: Int(node.tree.line)) }
            open[top].key = (Key(text: key.text, tag: key.tag, line: Int(node.tree.line)), key.span)
            return
        }
        builder.add(node.tree, key: key.span, line: key.key.line)
        open[top].keys.append(key.key)
        open[top].key = nil
    }

    /// The duplicate keys of a map: every key (text and tag) that appears more than once,
    /// sorted by text, located at the first occurrence of the first; `nil` when there is none.
    /// Texts are compared first, in one hash set sized once; tags only for a text that repeats.
    /// - Complexity: O(entries) expected.
    private static func duplicates(_ keys: [Key]) -> YAMLProblem? {
        var texts = Set<String>(minimumCapacity: keys.count)
        guard keys.contains(where: { !texts.insert($0.text).inserted }) else { return nil }
        var counts: [String: Int] = [:]
        for key in keys { counts[key.text, default: 0] += 1 }
        /// Occurrences of each key that shares its text with another: count and first index.
        var occurrences: [KeyIdentity: (count: Int, first: Int)] = [:]
        for (index, key) in keys.enumerated() where counts[key.text, default: 0] > 1 {
            occurrences[KeyIdentity(text: key.text, tag: key.tag.name(of: key.text)), default: (0, index)].count += 1
        }
        let repeated = occurrences.filter { $0.value.count > 1 }
            .sorted { ($0.key.text, $0.value.first) < ($1.key.text, $1.value.first) }
        guard let first = repeated.first else { return nil }
        let names = repeated.prefix(5).map { quoted($0.key.text) }.joined(separator: ", ") + (repeated.count > 5 ? ", ..." : "")
        return YAMLProblem(message: "duplicate key \(names)", line: keys[first.value.first].line)
    }

    private struct KeyIdentity: Hashable {
        var text: String
        var tag: String
    }
}
