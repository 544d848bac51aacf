// Bounded quotation of input in messages: a message never grows with its input (a 50 MB line, a
// binary file, `/proc/self/environ` read as a scenario).

/// The first `limit` characters of `text`, with control and format characters escaped
/// (`\0`, `\n`, `\t`, `\r`, `\u{1B}`) and `…` appended when something was cut.
/// - Complexity: O(limit), whatever the length of `text`.
package func excerpt(_ text: some StringProtocol, limit: Int = 60) -> String {
    var result = ""
    var count = 0
    for scalar in text.unicodeScalars {
        guard count < limit else { return result + "…" }
        count += 1
        switch scalar {
        case "\0": result += "\\0"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        case "\r": result += "\\r"
        case " "..."~":
            // Printable ASCII: no category to look up (every key's path is an excerpt).
            result.unicodeScalars.append(scalar)
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result
}

/// `text` in single quotes, as an excerpt (`excerpt(_:limit:)`): how every message quotes input.
package func quoted(_ text: some StringProtocol) -> String { "'" + excerpt(text) + "'" }

/// At most `limit` items, each an excerpt, joined by ", ", with "... (N in all)" when some were left out.
/// - Complexity: O(limit) excerpts.
package func excerptList(_ items: [String], limit: Int = 10) -> String {
    let shown = items.prefix(limit).map { excerpt($0) }.joined(separator: ", ")
    return items.count > limit ? "\(shown), ... (\(items.count) in all)" : shown
}
