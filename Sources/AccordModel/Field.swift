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

    package var path: String { location.text(in: tree.storage) }

    package var line: Int? { tree.line }

    package func problem(_ message: String) -> FieldProblem {
        FieldProblem(path: path, line: line, message: message)
    }

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
            let field = Field(tree: entry.value, location: location.appending(keyOf: entry.value.index, in: tree.storage))
            var message = "unknown key \(quoted(entry.key))"
            if let guess = closestMatch(to: entry.key, among: allowed) { message += " (did you mean \(quoted(guess))?)" }
            message += "; allowed keys: \(allowed.joined(separator: ", "))"
            throw field.problem(message)
        }
        return FieldMap(owner: Field(tree: tree, location: location.withRoom(in: tree.storage)), entries: entries)
    }

    /// The node as a map with arbitrary keys (ids chosen by the user), in document order.
    package func entries() throws -> FieldEntries {
        guard case .map(let entries) = tree.value else {
            throw problem("expected a map, found \(tree.kindName)")
        }
        return FieldEntries(entries: entries, parent: location.withRoom(in: tree.storage))
    }

    package func list() throws -> FieldList {
        guard case .list(let items) = tree.value else {
            throw problem("expected a list, found \(tree.kindName)")
        }
        return FieldList(items: items, parent: location.withRoom(in: tree.storage))
    }

    package func string() throws -> String {
        guard case .scalar(let text) = tree.value else {
            throw problem("expected text, found \(tree.kindName)")
        }
        guard !text.isEmpty else { throw problem("must not be empty") }
        return text
    }

    /// A finite number.
    /// - Complexity: O(length of the text); a plain decimal (`0.25`, `-3`) is read from its
    ///   bytes (`DocumentTree.plainDecimal(_:)`).
    package func number() throws -> Double {
        if let value = tree.plainNumber { return value }
        guard case .scalar(let text) = tree.value else {
            throw problem("expected a number, found \(tree.kindName)")
        }
        let lowered = text.lowercased()
        if [".nan", "nan", ".inf", "+.inf", "-.inf", "inf", "-inf", "infinity", "-infinity"].contains(lowered) {
            throw problem("must be a finite number, found \(quoted(text))")
        }
        if let fraction = try fraction(text.trimmingWhitespace) { return fraction }
        guard let value = Double(text.trimmingWhitespace) else {
            throw problem("expected a number, found \(quoted(text))")
        }
        guard value.isFinite else { throw problem("must be a finite number, found \(quoted(text))") }
        return value
    }

    /// The double nearest `p/q` for a text `-?p/q` of decimal integers (`2/7`), `nil` for any other
    /// text. `p` and `q` up to 2^53 are exact doubles, so this is one correctly rounded division;
    /// the exact reading (`ExactFraction`) gives `p/q` back. Refused: `q = 0`, or a `p` or `q`
    /// beyond 2^53.
    private func fraction(_ text: Substring) throws -> Double? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let top = parts[0].hasPrefix("-") ? parts[0].dropFirst() : parts[0]
        guard !top.isEmpty, !parts[1].isEmpty, (top + parts[1]).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard let p = UInt64(top), let q = UInt64(parts[1]), p <= 1 << 53, q <= 1 << 53 else {
            throw problem("the numerator and denominator of \(quoted(text)) must be at most 2^53 (9007199254740992)")
        }
        guard q > 0 else { throw problem("\(quoted(text)) divides by zero") }
        let value = Double(p) / Double(q)
        return parts[0].hasPrefix("-") ? -value : value
    }

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
    let items: DocumentTree.Items
    let parent: FieldPath

    package var startIndex: Int { 0 }
    package var endIndex: Int { items.count }

    package subscript(position: Int) -> Field {
        let item = items[position]
        return Field(tree: item, location: parent.appending(index: position, in: item.storage))
    }
}

/// The entries of a map node as keys and fields (`Field.entries()`), in document order, each
/// made when it is read.
package struct FieldEntries: RandomAccessCollection {
    let entries: DocumentTree.Entries
    let parent: FieldPath

    package var startIndex: Int { 0 }
    package var endIndex: Int { entries.count }

    package subscript(position: Int) -> (key: String, field: Field) {
        (entries[position].key, field(at: position))
    }

    /// The value of the entry at `position` as a node, without a field path: for reading a
    /// value the plain way (`DocumentTree.plainNumber`), with a `Field` made only when that fails.
    package func tree(at position: Int) -> DocumentTree {
        DocumentTree(storage: entries.storage, index: entries.children.lowerBound + position)
    }

    /// The value of the entry at `position`, without making its key a `String`.
    package func field(at position: Int) -> Field {
        let value = DocumentTree(storage: entries.storage, index: entries.children.lowerBound + position)
        return Field(tree: value, location: parent.appending(keyOf: value.index, in: value.storage))
    }
}

/// A map node whose keys have been checked against an allowed list.
package struct FieldMap {
    package var owner: Field
    package var entries: DocumentTree.Entries

    package func optional(_ key: String) -> Field? {
        guard let value = entries.value(forKey: key) else { return nil }
        let field = Field(tree: value, location: owner.location.appending(keyOf: value.index, in: value.storage))
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
