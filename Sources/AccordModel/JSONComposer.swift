import Foundation

/// Builds the `DocumentTree` of a JSON text (RFC 8259) in one pass over its UTF-8 bytes, as
/// `YAMLComposer` builds it from libyaml's events; Accord reads large generated scenarios
/// (10^6 numbers) in JSON, and this pass is most of the time it takes to load them.
///
/// What the tree holds, as for YAML: a string, a number, `true` and `false` are scalars, each
/// kept as its text (a string with its escapes decoded, a number exactly as written: `1.0`
/// stays `1.0`); `null` is null. Like a YAML plain `1` and quoted `'1'`, the number `1` and the
/// string `"1"` are then one scalar text: the decoder reads each field by what it expects
/// (`Field.number()`, `.bool()`, `.string()`). A node's line is the 1-based line where it
/// starts, except that an object member's value is located at its key, and an object keeps its
/// members in the order written.
///
/// Refused, with the line and column of the problem (`invalid JSON: expected ',' or '}' after an
/// object member, found ']' (line 3, column 7)`): anything outside the grammar of RFC 8259 —
/// trailing text or commas, a number with a leading zero or without digits, a control character
/// in a string, an unknown escape, a lone surrogate, invalid UTF-8 in a string —, a key that
/// appears twice in one object (`duplicate key 'x'` at the key's field path and the line of its
/// second occurrence; keys are compared with their escapes decoded, `"x"` and `"\u0078"` are one
/// key), and lists and maps nested deeper than the depth limit (before the node past it is
/// built, with the message YAML gives). The first problem in the text is the one reported.
///
/// A text in UTF-16 or UTF-32 (a byte-order mark, or the zero bytes of its first ASCII
/// character), which `JSONSerialization` read too, is transcoded first; a UTF-8 byte-order mark
/// is skipped.
/// - Complexity: O(length of the text) expected time (a key is checked against its object's
///   earlier keys by comparison up to `hashedFrom` keys and by a hash table beyond); an explicit
///   stack of open lists and objects, so that no depth of input can overflow the call stack.
struct JSONComposer {
    /// The root value of `data`, or `nil` when it holds nothing but white space.
    static func compose(_ data: Data, depthLimit: Int) throws(FieldProblem) -> DocumentTree? {
        let text = try utf8(data)
        let result: Result<DocumentTree?, FieldProblem> = text.withUnsafeBytes { raw in
            // The document's texts start as a copy of the JSON text: a string without escapes, a
            // number or a literal is the span of the text where it is written. Room for a node
            // per 4 bytes (a node takes 2 or more, `0,`; a scenario's numbers about 5) and a key
            // per 16 (`"g1":[[0,0],[1,0.5]],`), up to 2^22 of each (64 and 32 MiB) before they
            // grow as they come; only what is used is touched.
            let builder = DocumentTree.Builder(bytes: Array(raw), nodes: min(raw.count / 4, 1 << 22), keys: min(raw.count / 16, 1 << 22))
            var composer = JSONComposer(text: raw.bindMemory(to: UInt8.self), depthLimit: depthLimit, builder: builder)
            do throws(FieldProblem) {
                return .success(try composer.compose())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Up to this many keys, an object's new key is compared with each earlier one; from then
    /// on they are kept in a hash table (`KeyTable`). Scenario objects are mostly small (a party,
    /// an issue); a party's weights and values have a key per issue.
    private static let hashedFrom = 8

    /// A list or object whose end has not been reached.
    private struct Open {
        var isObject: Bool
        /// Where its finished items or members begin in `builder.pending`.
        var start: Int
        var line: Int
        /// The key of the member whose value is being read (its text in `builder.bytes`), and
        /// the line of that key.
        var key = 0..<0
        var keyLine = 0
        /// Whether `tables` holds the object's keys (it has `hashedFrom` keys or more); then the
        /// last table there, as the innermost such object.
        var hashed = false
    }

    /// The keys of one object, by their positions in `builder.pending`: an open-addressing hash
    /// table (linear probing, at most half full) of each key's hash and position. The hashes
    /// are keyed by a seed drawn at random for each text (`hash(_:seed:)`), so that which keys
    /// share a slot changes from run to run and a text cannot be prepared to pile its keys up.
    private struct KeyTable {
        private var slots: [(hash: Int, position: Int)]
        private var count = 0

        init(capacity: Int) {
            slots = Array(repeating: (0, -1), count: capacity)
        }

        /// Adds the key at `position` unless an equal key is in the table (`isEqual(to:)`
        /// compares the new key with the one at another position); whether it was added.
        /// - Complexity: O(1) expected, amortized over the doublings of the table.
        mutating func insert(hash: Int, position: Int, isEqual: (_ other: Int) -> Bool) -> Bool {
            if 2 * (count + 1) > slots.count {
                var larger = KeyTable(capacity: 2 * slots.count)
                for slot in slots where slot.position >= 0 { larger.place(slot) }
                self = larger
            }
            var slot = hash & (slots.count - 1)
            while slots[slot].position >= 0 {
                if slots[slot].hash == hash && isEqual(slots[slot].position) { return false }
                slot = (slot + 1) & (slots.count - 1)
            }
            slots[slot] = (hash, position)
            count += 1
            return true
        }

        /// Whether the table has at most 4 slots per key: then emptying it costs O(keys), paid
        /// by the object that filled it. (A table that grew is more than a quarter full; one
        /// reused by a smaller object may not be.)
        var isCompact: Bool { slots.count <= 4 * count }

        /// The table emptied, its room kept for the next object.
        /// - Complexity: O(room).
        mutating func removeAll() {
            for slot in slots.indices { slots[slot] = (0, -1) }
            count = 0
        }

        /// Adds a key known to be new.
        private mutating func place(_ entry: (hash: Int, position: Int)) {
            var slot = entry.hash & (slots.count - 1)
            while slots[slot].position >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = entry
            count += 1
        }
    }

    private let text: UnsafeBufferPointer<UInt8>
    private let depthLimit: Int
    private var position = 0
    /// The line of `position`, and where that line begins.
    private var line = 1
    private var lineStart = 0
    private var open: [Open] = []
    /// The keys of every open object with `hashedFrom` keys or more, innermost last.
    private var tables: [KeyTable] = []
    /// Emptied tables of closed objects, reused so that a text of many large objects (a
    /// party's weights and values) does not grow a table from its smallest size for each; only
    /// compact ones (`KeyTable.isCompact`), so that emptying stays O(keys) per object.
    private var spareTables: [KeyTable] = []
    private var builder: DocumentTree.Builder
    /// The bytes of a string with escapes, decoded.
    private var scratch: [UInt8] = []
    /// The key of `hash(_:seed:)` for this text.
    private let hashSeed = UInt64.random(in: .min ... .max)

    private init(text: UnsafeBufferPointer<UInt8>, depthLimit: Int, builder: DocumentTree.Builder) {
        self.text = text
        self.depthLimit = depthLimit
        self.builder = builder
    }

    // MARK: Structure

    /// Reads the one value of the text and checks that only white space follows it.
    private mutating func compose() throws(FieldProblem) -> DocumentTree? {
        skipWhitespace()
        guard position < text.count else { return nil }
        while true {
            // A value starts here; lists and objects are opened, scalars read whole.
            var node: DocumentTree.Node
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = byte == UInt8(ascii: "{")
                guard open.count < depthLimit else {
                    // As for YAML (`YAMLExpansion`).
                    throw FieldProblem(path: "", line: line, message: "lists and maps are nested more than \(depthLimit) levels deep")
                }
                open.append(Open(isObject: isObject, start: builder.pendingCount, line: line))
                position += 1
                skipWhitespace()
                if byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    node = close()
                } else {
                    if isObject { try key(after: "'{'") }
                    continue
                }
            default:
                node = try scalar()
            }
            // The node is finished: it goes into its list or object, whose end may follow.
            while true {
                guard !open.isEmpty else {
                    skipWhitespace()
                    guard position == text.count else { throw problem("expected the end of the text after the JSON value, found \(found)") }
                    return builder.tree(root: node)
                }
                let top = open.count - 1
                let isObject = open[top].isObject
                if isObject { builder.add(node, key: open[top].key, line: open[top].keyLine) } else { builder.add(node) }
                skipWhitespace()
                if byte == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    if isObject { try key(after: "','") }
                    break
                }
                guard byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    let what = isObject ? "',' or '}' after an object member" : "',' or ']' after an array element"
                    throw problem("expected \(what), found \(found)")
                }
                position += 1
                node = close()
            }
        }
    }

    /// The innermost open list or object, now closed, as a node.
    private mutating func close() -> DocumentTree.Node {
        let done = open.removeLast()
        if done.hashed {
            var table = tables.removeLast()
            // Only a compact table is emptied and kept: emptying a large table again after each
            // small object that reused it would cost the large one's room per small object.
            if table.isCompact {
                table.removeAll()
                spareTables.append(table)
            }
        }
        return builder.close(done.isObject ? .map : .list, from: done.start, line: done.line)
    }

    /// Reads an object member's key and its `:`, leaving the value next; refuses a key that the
    /// object has already. `place` names what the key follows, for messages.
    private mutating func key(after place: String) throws(FieldProblem) {
        guard byte == UInt8(ascii: "\"") else { throw problem("expected a string key after \(place), found \(found)") }
        let keyLine = line
        let key = try string()
        let top = open.count - 1
        let start = open[top].start
        // The key's place in `builder.pending` once its value is added.
        let place = builder.pendingCount
        let repeated: Bool
        if place - start < Self.hashedFrom {
            repeated = builder.withPendingKeys { keys in
                let new = keys.text(key)
                return (start..<place).contains { DocumentTree.equal(keys.key(ofPending: $0), new) }
            }
        } else {
            // Taken out while it changes (it is the last of `tables`), so that it is not copied.
            var table = open[top].hashed ? tables.removeLast() : spareTables.popLast() ?? KeyTable(capacity: 4 * Self.hashedFrom)
            let earlierKeys = open[top].hashed ? place..<place : start..<place
            open[top].hashed = true
            let seed = hashSeed
            repeated = builder.withPendingKeys { keys in
                for earlier in earlierKeys {
                    _ = table.insert(hash: Self.hash(keys.key(ofPending: earlier), seed: seed), position: earlier) { _ in false }
                }
                let new = keys.text(key)
                return !table.insert(hash: Self.hash(new, seed: seed), position: place) { DocumentTree.equal(keys.key(ofPending: $0), new) }
            }
            tables.append(table)
        }
        open[top].key = key
        open[top].keyLine = keyLine
        if repeated { throw FieldProblem(path: path(), line: keyLine, message: "duplicate key \(quoted(Self.text(builder.bytes[key])))") }
        skipWhitespace()
        guard byte == UInt8(ascii: ":") else { throw problem("expected ':' after the key \(quoted(Self.text(builder.bytes[key]))), found \(found)") }
        position += 1
        skipWhitespace()
    }

    /// The field path of the value being read (`preferences.B.weights.x`, `parties[1]`): the key
    /// or index it has in each open list and object.
    private func path() -> String {
        var path = ""
        for level in open.indices {
            if open[level].isObject {
                path += (path.isEmpty ? "" : ".") + excerpt(Self.text(builder.bytes[open[level].key]))
            } else {
                // The index of the item being read: how many of the list's items are finished.
                let end = level + 1 < open.count ? open[level + 1].start : builder.pendingCount
                path += "[\(end - open[level].start)]"
            }
        }
        return path
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// A hash of `text` keyed by `seed`, for `KeyTable`: the text's 8-byte words mixed in one by
    /// one, each by a multiplication and a shift (for a given seed and earlier words a bijection
    /// of the word, so two keys of up to 8 bytes never have one hash), then SplitMix64's finish,
    /// which spreads every bit over the low ones a table slot is taken from. On the short keys
    /// of scenarios (ids, option names) about a quarter of what `Hasher` (SipHash) cost (perf).
    static func hash(_ text: UnsafeBufferPointer<UInt8>, seed: UInt64) -> Int {
        let raw = UnsafeRawBufferPointer(text)
        var state = seed ^ (UInt64(text.count) &* 0x9E37_79B9_7F4A_7C15)
        var offset = 0
        while offset < raw.count {
            var word: UInt64 = 0
            if raw.count - offset >= 8 {
                word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                offset += 8
            } else {
                var shift: UInt64 = 0
                while offset < raw.count {
                    word |= UInt64(raw[offset]) << shift
                    shift += 8
                    offset += 1
                }
            }
            state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
            state ^= state >> 31
        }
        state = (state ^ (state >> 30)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: state ^ (state >> 31))
    }



    // MARK: Scalars

    /// A string, number, `true`, `false` or `null` starting at `position`.
    private mutating func scalar() throws(FieldProblem) -> DocumentTree.Node {
        let line = self.line
        let text: Range<Int>
        switch byte {
        case UInt8(ascii: "\""): text = try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): text = try number()
        case UInt8(ascii: "t"): text = try literal("true")
        case UInt8(ascii: "f"): text = try literal("false")
        case UInt8(ascii: "n"): return DocumentTree.Node(.null, line: line, start: try literal("null").lowerBound, count: 4)
        default: throw problem("expected a value (an object, array, string, number, true, false or null), found \(found)")
        }
        return DocumentTree.Node(.scalar, line: line, start: text.lowerBound, count: text.count)
    }

    /// The span of `word` at `position`.
    private mutating func literal(_ word: StaticString) throws(FieldProblem) -> Range<Int> {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard text.count - position >= expected.count, text[position..<(position + expected.count)].elementsEqual(expected) else {
            throw problem("expected a value (an object, array, string, number, true, false or null), found \(found)")
        }
        position += expected.count
        return (position - expected.count)..<position
    }

    /// The span of a number as written: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`.
    private mutating func number() throws(FieldProblem) -> Range<Int> {
        let start = position
        if byte == UInt8(ascii: "-") { position += 1 }
        if byte == UInt8(ascii: "0") {
            position += 1
            guard !isDigit(byte) else {
                let zero = position - 1
                skipDigits()
                let written = numberText(from: start)
                position = zero
                throw problem("invalid number \(quoted(written)): a leading zero is not allowed")
            }
        } else {
            guard isDigit(byte) else { throw problem("invalid number \(quoted(numberText(from: start))): expected a digit, found \(found)") }
            skipDigits()
        }
        if byte == UInt8(ascii: ".") {
            position += 1
            guard isDigit(byte) else { throw problem("invalid number \(quoted(numberText(from: start))): expected a digit after '.', found \(found)") }
            skipDigits()
        }
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            position += 1
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { position += 1 }
            guard isDigit(byte) else { throw problem("invalid number \(quoted(numberText(from: start))): expected a digit in the exponent, found \(found)") }
            skipDigits()
        }
        return start..<position
    }

    private func numberText(from start: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[start..<position]), as: UTF8.self)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    @inline(__always)
    private mutating func skipDigits() {
        var next = position
        while next < text.count, text[next] &- UInt8(ascii: "0") < 10 { next += 1 }
        position = next
    }

    /// The span in `builder.bytes` of the string whose opening quote is at `position`, escapes
    /// decoded; `position` moves past its closing quote. A string without escapes is its span of
    /// the text (after its UTF-8 is checked); one with escapes is decoded and appended.
    private mutating func string() throws(FieldProblem) -> Range<Int> {
        let opening = position
        position += 1
        var run = position
        var escaped = false
        while true {
            guard position < text.count else {
                position = opening
                throw problem("the string that starts here is not closed by a '\"'")
            }
            let byte = text[position]
            if byte >= 0x20 && byte < 0x80 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                defer { position += 1 }
                guard escaped else { return run..<position }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<position]))
                return scratch.withUnsafeBufferPointer { builder.append($0) }
            case UInt8(ascii: "\\"):
                if !escaped { scratch.removeAll(keepingCapacity: true) }
                escaped = true
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<position]))
                try escape()
                run = position
            case 0x80...:
                guard let length = utf8Length(at: position) else { throw problem("invalid UTF-8 in a string") }
                position += length
            default:
                throw problem("control character \(found) in a string (write it as an escape, e.g. \\n or \\u0009)")
            }
        }
    }

    /// Decodes the escape at `position` (a backslash) into `scratch`.
    private mutating func escape() throws(FieldProblem) {
        let start = position
        position += 1
        let decoded: UInt8
        switch byte {
        case UInt8(ascii: "\""): decoded = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): decoded = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): decoded = UInt8(ascii: "/")
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            position = start
            try unicodeEscape()
            return
        default:
            position = start
            throw problem("invalid escape \(quoted(escapeText(from: start, count: 2))) in a string (use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)")
        }
        scratch.append(decoded)
        position += 1
    }

    /// Decodes `\uXXXX` at `position`, or a surrogate pair `\uD83D\uDE00`, into `scratch` as UTF-8.
    private mutating func unicodeEscape() throws(FieldProblem) {
        let start = position
        let first = try hexCode()
        var scalar = first
        if (0xD800...0xDBFF).contains(first) {
            guard text.count - position >= 2, text[position] == UInt8(ascii: "\\"), text[position + 1] == UInt8(ascii: "u"),
                  let second = try? hexCode(), (0xDC00...0xDFFF).contains(second) else {
                position = start
                throw problem("lone surrogate \(quoted(escapeText(from: start, count: 6))) in a string (a high surrogate \\uD800-\\uDBFF must be followed by a low one \\uDC00-\\uDFFF)")
            }
            scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(first) {
            position = start
            throw problem("lone surrogate \(quoted(escapeText(from: start, count: 6))) in a string (a low surrogate \\uDC00-\\uDFFF must follow a high one \\uD800-\\uDBFF)")
        }
        // Always a Unicode scalar: surrogates are excluded above, and a pair is at most 0x10FFFF.
        if let scalar = Unicode.Scalar(scalar) { UTF8.encode(scalar) { scratch.append($0) } }
    }

    /// The value of `\uXXXX` at `position`; `position` moves past it.
    private mutating func hexCode() throws(FieldProblem) -> UInt32 {
        let start = position
        guard text.count - position >= 6 else {
            throw problem("invalid escape \(quoted(escapeText(from: start, count: 6))): \\u takes 4 hexadecimal digits")
        }
        var value: UInt32 = 0
        for offset in 2..<6 {
            let byte = text[start + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw problem("invalid escape \(quoted(escapeText(from: start, count: 6))): \\u takes 4 hexadecimal digits")
            }
            value = value << 4 | UInt32(digit)
        }
        position += 6
        return value
    }

    /// Up to `count` bytes of the text from `start`, for quoting an escape in a message.
    private func escapeText(from start: Int, count: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[start..<min(text.count, start + count)]), as: UTF8.self)
    }

    /// The length of the well-formed UTF-8 sequence at `offset` (Unicode Table 3-7: no overlong
    /// form, no surrogate, nothing above U+10FFFF), or `nil`.
    private func utf8Length(at offset: Int) -> Int? {
        let lead = text[offset]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return nil
        }
        guard text.count - offset >= length, (low...high).contains(text[offset + 1]) else { return nil }
        for next in (offset + 2)..<(offset + length) where !(0x80...0xBF).contains(text[next]) { return nil }
        return length
    }

    // MARK: Position

    /// The byte at `position`, 0 at the end of the text (0 is no valid byte outside a string,
    /// and strings check the end themselves).
    @inline(__always)
    private var byte: UInt8 { position < text.count ? text[position] : 0 }

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < text.count {
            switch text[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "\n"):
                position += 1
                line += 1
                lineStart = position
            default:
                return
            }
        }
    }

    /// What is at `position`, for messages: `'x'`, `the end of the text`.
    private var found: String {
        guard position < text.count else { return "the end of the text" }
        let length = text[position] < 0x80 ? 1 : utf8Length(at: position) ?? 0
        guard length > 0 else { return "the byte 0x" + String(text[position], radix: 16, uppercase: true) + " (invalid UTF-8)" }
        return quoted(String(decoding: UnsafeBufferPointer(rebasing: text[position..<(position + length)]), as: UTF8.self))
    }

    /// `message` located at `position`: `invalid JSON: message (line L, column C)`, the column
    /// counted in characters (Unicode scalars) from 1.
    private func problem(_ message: String) -> FieldProblem {
        let end = min(position, text.count)
        let column = 1 + text[lineStart..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return FieldProblem(path: "", line: line, message: "invalid JSON: \(message) (line \(line), column \(column))")
    }

    // MARK: Encoding

    /// The text as UTF-8, as `JSONSerialization` detected its encoding: by a byte-order mark, or
    /// else by the zero bytes around the first character (ASCII in every JSON text), UTF-8 when
    /// there are none. A UTF-8 byte-order mark is dropped.
    private static func utf8(_ data: Data) throws(FieldProblem) -> Data {
        let head = Array(data.prefix(4)) + [UInt8](repeating: 1, count: max(0, 4 - data.count))
        let encoding: String.Encoding
        var mark = 0
        switch (head[0], head[1], head[2], head[3]) {
        case (0xEF, 0xBB, 0xBF, _): return data.dropFirst(3)
        case (0x00, 0x00, 0xFE, 0xFF): encoding = .utf32BigEndian; mark = 4
        case (0xFF, 0xFE, 0x00, 0x00): encoding = .utf32LittleEndian; mark = 4
        case (0xFE, 0xFF, _, _): encoding = .utf16BigEndian; mark = 2
        case (0xFF, 0xFE, _, _): encoding = .utf16LittleEndian; mark = 2
        case (0x00, 0x00, 0x00, _): encoding = .utf32BigEndian
        case (_, 0x00, 0x00, 0x00): encoding = .utf32LittleEndian
        case (0x00, _, _, _): encoding = .utf16BigEndian
        case (_, 0x00, _, _): encoding = .utf16LittleEndian
        default: return data
        }
        guard let text = String(data: data.dropFirst(mark), encoding: encoding) else {
            throw FieldProblem(path: "", line: nil, message: "invalid JSON: the text is neither UTF-8 nor valid UTF-16 or UTF-32")
        }
        return Data(text.utf8)
    }
}
