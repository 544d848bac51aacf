extension DocumentTree {
    /// The largest text a document is read from: 1 GiB (2^30 bytes), far beyond any scenario.
    /// Every offset, count and line of a `Node` then fits its 32 bits: a node takes at least one
    /// byte of the text (an alias at least two), and the texts kept stay below 2^31 bytes — a
    /// JSON text and its strings with escapes decoded (shorter than written), or a YAML text's
    /// scalars (at most 1.5 bytes per byte read: the escape `\L`, 2 bytes, is U+2028, 3 bytes).
    static let byteLimit = 1 << 30

    /// One node of a document, with no reference to count: what it is, its line, and where its
    /// text (a scalar's; a null's as written, for a YAML key `~`) or its children (a list's or
    /// map's, consecutive in `Storage.nodes`) are; for a map's value, which of `Storage.keys` its
    /// key is. 16 bytes (the kind shares a word with the key's index): a 200 × 200 scenario has
    /// 320,000 nodes, and the memory they take is a good part of reading it (zeroed pages).
    struct Node {
        enum Kind: UInt8 {
            case scalar, null, list, map
        }

        /// 1-based line where the node starts; for a map's value, the line of its key.
        var line: Int32
        /// A scalar's or null's text in `Storage.bytes`, or a list's or map's children in `Storage.nodes`.
        var start: Int32
        var count: Int32
        /// The kind in the top 2 bits; a map value's key, as an index into `Storage.keys`, in
        /// the other 30 (a node is added for a byte of text or more, and a text has at most 2^30).
        private var kindAndKey: UInt32

        /// Every argument is below 2^31 (`byteLimit`), so the conversions keep their value.
        @inline(__always)
        init(_ kind: Kind, line: Int, start: Int, count: Int) {
            self.line = Int32(truncatingIfNeeded: line)
            self.start = Int32(truncatingIfNeeded: start)
            self.count = Int32(truncatingIfNeeded: count)
            kindAndKey = UInt32(kind.rawValue) << 30
        }

        var kind: Kind { Kind(rawValue: UInt8(kindAndKey >> 30)) ?? .null }

        /// The index of a map value's key in `Storage.keys`.
        var key: Int { Int(kindAndKey & (1 << 30 - 1)) }

        /// This node as the value of a map entry whose key is `key` of `Storage.keys`, located at
        /// the key's `line`.
        @inline(__always)
        func under(key: Int, line: Int) -> Node {
            var node = self
            node.kindAndKey = node.kindAndKey & ~(1 << 30 - 1) | UInt32(truncatingIfNeeded: key)
            node.line = Int32(truncatingIfNeeded: line)
            return node
        }
    }

    /// Where a map value's key is in `Storage.bytes`.
    struct KeySpan {
        var start: Int32
        var count: Int32

        var range: Range<Int> { Int(start)..<Int(start + count) }
    }

    /// Whether two texts have the same bytes (a loop the compiler keeps short for short keys,
    /// which the generic `elementsEqual` does not).
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var index = 0
        while index < a.count {
            guard a[index] == b[index] else { return false }
            index += 1
        }
        return true
    }

    /// The nodes and texts of a whole document, shared by every `DocumentTree` taken from it.
    final class Storage: Sendable {
        let nodes: [Node]
        let bytes: [UInt8]
        /// The key of every map value as its span in `bytes`.
        let keys: [KeySpan]

        init(nodes: [Node], bytes: [UInt8], keys: [KeySpan]) {
            self.nodes = nodes
            self.bytes = bytes
            self.keys = keys
        }

        func text(_ start: Int32, _ count: Int32) -> String {
            bytes.withUnsafeBufferPointer { String(decoding: $0[Int(start)..<Int(start + count)], as: UTF8.self) }
        }

        /// The span in `bytes` of the key of the map value `node`.
        func keySpan(_ node: Node) -> Range<Int> { keys[node.key].range }

        /// The key of the map value at `node`.
        func key(of node: Int) -> String {
            bytes.withUnsafeBufferPointer { String(decoding: $0[keySpan(nodes[node])], as: UTF8.self) }
        }
    }

    /// Builds a document in one pass, as a composer reads its text: finished nodes wait on a
    /// stack until their list or map is closed, then move to their final place, consecutive.
    /// A node may be added more than once (a YAML alias): its children are then shared.
    /// - Complexity: O(1) amortized per text byte and per node added; no allocation per node.
    struct Builder {
        /// The texts of scalars and keys.
        private(set) var bytes: [UInt8]
        private var nodes: [Node] = []
        /// The spans of map values' keys (`Storage.keys`).
        private var keys: [KeySpan] = []
        /// The finished children of every open list and map, innermost last: the first
        /// `pendingCount` of `pending`, whose slots are reused rather than removed.
        private var pending: [Node] = []
        private(set) var pendingCount = 0

        /// A builder whose texts start with `bytes` (a JSON text, whose strings are mostly spans
        /// of it), with room for `nodes` nodes and `keys` keys before its storage grows.
        init(bytes: [UInt8] = [], nodes capacity: Int = 0, keys keyCapacity: Int = 0) {
            self.bytes = bytes
            nodes.reserveCapacity(capacity)
            keys.reserveCapacity(keyCapacity)
        }

        /// Appends `text` to `bytes`; its span there.
        mutating func append(_ text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
            let start = bytes.count
            bytes.append(contentsOf: text)
            return start..<bytes.count
        }

        /// Adds a finished node to the innermost open map, under the key at `key` of `bytes`
        /// located at `line`.
        @inline(__always)
        mutating func add(_ node: Node, key: Range<Int>, line: Int) {
            add(node.under(key: keys.count, line: line))
            keys.append(KeySpan(start: Int32(truncatingIfNeeded: key.lowerBound), count: Int32(truncatingIfNeeded: key.count)))
        }

        /// Adds a finished node to the innermost open list or map.
        @inline(__always)
        mutating func add(_ node: Node) {
            if pendingCount < pending.count {
                pending[pendingCount] = node
            } else {
                pending.append(node)
            }
            pendingCount += 1
        }

        /// The pending nodes from `start` on (`pendingCount` when the list or map was opened),
        /// moved to their final place as the children of a new list or map starting at `line`.
        mutating func close(_ kind: Node.Kind, from start: Int, line: Int) -> Node {
            let first = nodes.count
            if pendingCount - start <= 8 {
                // One by one: most lists and maps are short, where a range copy costs more.
                for index in start..<pendingCount { nodes.append(pending[index]) }
            } else {
                nodes.append(contentsOf: pending[start..<pendingCount])
            }
            pendingCount = start
            return Node(kind, line: line, start: first, count: nodes.count - first)
        }

        /// `body` applied to the texts and the pending nodes as they are now, read through
        /// pointers: checking a key against its object's earlier ones then costs no retain and
        /// no bounds check per key.
        func withPendingKeys<Result>(_ body: (PendingKeys) -> Result) -> Result {
            bytes.withUnsafeBufferPointer { bytes in
                pending.withUnsafeBufferPointer { pending in
                    keys.withUnsafeBufferPointer { keys in body(PendingKeys(bytes: bytes, pending: pending, keys: keys)) }
                }
            }
        }

        /// The keys of pending map values, valid inside `withPendingKeys(_:)` only.
        struct PendingKeys {
            let bytes: UnsafeBufferPointer<UInt8>
            let pending: UnsafeBufferPointer<Node>
            let keys: UnsafeBufferPointer<KeySpan>

            /// The text of the key of the pending node at `index`.
            func key(ofPending index: Int) -> UnsafeBufferPointer<UInt8> {
                text(keys[pending[index].key].range)
            }

            /// The text at `span` of the builder's bytes.
            func text(_ span: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[span]) }
        }

        /// The document whose root is `root`.
        mutating func tree(root: Node) -> DocumentTree {
            nodes.append(root)
            return DocumentTree(storage: Storage(nodes: nodes, bytes: bytes, keys: keys), index: nodes.count - 1)
        }
    }
}
