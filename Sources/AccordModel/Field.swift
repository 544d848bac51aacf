/// A problem found at one field of a document, before the file name is attached.
package struct FieldProblem: Error {
    package var path: String
    package var line: Int?
    package var message: String

    package init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    package func located(in file: String) -> ScenarioIssue {
        ScenarioIssue(file: file, path: path, line: line, message: message)
    }
}

/// Collects the problems of one document, so that a user sees all of them at once.
package final class ProblemLog {
    package private(set) var problems: [FieldProblem] = []

    package init() {}

    package var isEmpty: Bool { problems.isEmpty }

    package func report(_ problem: FieldProblem) { problems.append(problem) }

    /// Runs `body`; a `FieldProblem` it throws is recorded and `nil` returned.
    package func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let problem as FieldProblem {
            problems.append(problem)
        } catch {
            problems.append(FieldProblem(path: "", line: nil, message: "\(error)"))
        }
        return nil
    }
}

/// A node of a document together with its field path (`preferences.B.values.fisheries`),
/// with typed accessors whose failures name the path and line. Going down a document costs no
/// text: the path is written out when a message needs it (`FieldPath`).
package struct Field {
    package var tree: DocumentTree
    package var location: FieldPath

    package init(tree: DocumentTree, path: String) {
        self.init(tree: tree, location: FieldPath(path))
    }

    init(tree: DocumentTree, location: FieldPath) {
        self.tree = tree
        self.location = location
    }

    package var path: String { location.text }

    package var line: Int? { tree.line }

    package func problem(_ message: String) -> FieldProblem {
        FieldProblem(path: path, line: line, message: message)
    }

    package func keyPath(_ key: String) -> String { location.appending(key: key).text }

    package var isNull: Bool {
        if case .null = tree.value { return true }
        return false
    }

    /// The node as a map whose keys must all be in `allowed`; an unknown key (a typo) is an error.
    package func map(allowed: [String]) throws -> FieldMap {
        guard case .map(let entries) = tree.value else {
            throw problem("expected a map, found \(tree.kindName)")
        }
        for entry in entries where !allowed.contains(entry.key) {
            let field = Field(tree: entry.value, location: location.appending(key: entry.key))
            var message = "unknown key \(quoted(entry.key))"
            if let guess = closestMatch(to: entry.key, among: allowed) { message += " (did you mean \(quoted(guess))?)" }
            message += "; allowed keys: \(allowed.joined(separator: ", "))"
            throw field.problem(message)
        }
        return FieldMap(owner: Field(tree: tree, location: location.withRoom), entries: entries)
    }

    /// The node as a map with arbitrary keys (ids chosen by the user), in document order.
    package func entries() throws -> FieldEntries {
        guard case .map(let entries) = tree.value else {
            throw problem("expected a map, found \(tree.kindName)")
        }
        return FieldEntries(entries: entries, parent: location.withRoom)
    }

    package func list() throws -> FieldList {
        guard case .list(let items) = tree.value else {
            throw problem("expected a list, found \(tree.kindName)")
        }
        return FieldList(items: items, parent: location.withRoom)
    }

    package func string() throws -> String {
        guard case .scalar(let text) = tree.value else {
            throw problem("expected text, found \(tree.kindName)")
        }
        guard !text.isEmpty else { throw problem("must not be empty") }
        return text
    }

    /// A finite number.
    /// - Complexity: O(length of the text); a plain decimal (`0.25`, `-3`) without a text
    ///   conversion (`plainDecimal(_:)`).
    package func number() throws -> Double {
        guard case .scalar(let text) = tree.value else {
            throw problem("expected a number, found \(tree.kindName)")
        }
        if let value = Self.plainDecimal(text) { return value }
        let lowered = text.lowercased()
        if [".nan", "nan", ".inf", "+.inf", "-.inf", "inf", "-inf", "infinity", "-infinity"].contains(lowered) {
            throw problem("must be a finite number, found \(quoted(text))")
        }
        guard let value = Double(text.trimmingWhitespace) else {
            throw problem("expected a number, found \(quoted(text))")
        }
        guard value.isFinite else { throw problem("must be a finite number, found \(quoted(text))") }
        return value
    }

    /// The value of `text` when it is `-?[0-9]+(\.[0-9]+)?` with at most 19 digits, which read
    /// as one integer `m` of at most 2^53, and at most 22 of them after the point: `m` and
    /// `10^k` are then exact doubles, and `±m / 10^k` is one correctly rounded division, the
    /// double nearest the text, as `Double(_:)` reads it (Clinger's fast path). `nil` for any
    /// other text.
    /// - Complexity: O(length of the text).
    static func plainDecimal(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes -> Double? in
            let negative = bytes.first == UInt8(ascii: "-")
            var mantissa: UInt64 = 0
            var digits = 0
            /// Digits after the point, once there is one.
            var decimals: Int?
            for byte in bytes.dropFirst(negative ? 1 : 0) {
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    digits += 1
                    // 19 digits stay below 2^64.
                    guard digits <= 19 else { return nil }
                    mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                    decimals = decimals.map { $0 + 1 }
                } else if byte == UInt8(ascii: "."), decimals == nil, digits > 0 {
                    decimals = 0
                } else {
                    return nil
                }
            }
            let scale = decimals ?? 0
            guard digits > 0, decimals != 0, mantissa <= 1 << 53, scale < exactPowersOfTen.count else { return nil }
            let value = Double(mantissa) / exactPowersOfTen[scale]
            return negative ? -value : value
        }
    }

    /// 10^0 ... 10^22, every power of ten that a double holds exactly.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    package func bool() throws -> Bool {
        guard case .scalar(let text) = tree.value else {
            throw problem("expected true or false, found \(tree.kindName)")
        }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw problem("expected true or false, found \(quoted(text))")
        }
    }
}

/// The items of a list node as fields (`Field.list()`), each made when it is read.
package struct FieldList: RandomAccessCollection {
    let items: [DocumentTree]
    let parent: FieldPath

    package var startIndex: Int { 0 }
    package var endIndex: Int { items.count }

    package subscript(position: Int) -> Field {
        Field(tree: items[position], location: parent.appending(index: position))
    }
}

/// The entries of a map node as keys and fields (`Field.entries()`), in document order, each
/// made when it is read.
package struct FieldEntries: RandomAccessCollection {
    let entries: [DocumentTree.Entry]
    let parent: FieldPath

    package var startIndex: Int { 0 }
    package var endIndex: Int { entries.count }

    package subscript(position: Int) -> (key: String, field: Field) {
        let entry = entries[position]
        return (entry.key, Field(tree: entry.value, location: parent.appending(key: entry.key)))
    }
}

/// A map node whose keys have been checked against an allowed list.
package struct FieldMap {
    package var owner: Field
    package var entries: [DocumentTree.Entry]

    package func optional(_ key: String) -> Field? {
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        let field = Field(tree: entry.value, location: owner.location.appending(key: key))
        return field.isNull ? nil : field
    }

    package func required(_ key: String, hint: String = "") throws -> Field {
        guard let field = optional(key) else {
            throw owner.problem("missing required key \(quoted(key))\(hint)")
        }
        return field
    }

    package func has(_ key: String) -> Bool { optional(key) != nil }
}

/// The candidate within edit distance 2 of `word`, if exactly one is closest.
/// - Complexity: O(candidates × L²) for candidates of `L` characters; a `word` longer than every
///   candidate by more than 2 characters is answered in O(L) (a 50 MB key costs no 50 MB table).
package func closestMatch(to word: String, among candidates: [String]) -> String? {
    let longest = candidates.map(\.utf8.count).max() ?? 0
    // A character takes 1 to 4 UTF-8 bytes: beyond 4 (L + 2) bytes, `word` has more than L + 2 characters.
    guard word.utf8.count <= 4 * (longest + 2) else { return nil }
    let length = word.count
    let scored = candidates.filter { abs($0.count - length) <= 2 }.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
    return scored.filter { $0.1 == best.1 }.count == 1 ? best.0 : nil
}

/// Levenshtein distance between two strings, by characters.
package func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        previous = current
    }
    return previous[b.count]
}

extension String {
    package var trimmingWhitespace: Substring {
        var slice = self[...]
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return slice
    }
}
