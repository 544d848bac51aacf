import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace

extension JSONValue {
    /// The document as block-style YAML; small maps and lists of scalars are written in flow style
    /// (`{a: 1, b: 2}`, `[x, y]`). Strings are quoted whenever a YAML reader could take them for
    /// anything else (numbers, booleans, null, special characters).
    public var yaml: String {
        var output = ""
        switch self {
        case .object(let members): Self.writeBlock(members, indent: 0, to: &output)
        default: output = flow + "\n"
        }
        return output
    }

    /// Whether the value can be written on one line.
    private var isFlowable: Bool {
        switch self {
        case .object(let members): return members.allSatisfy { $0.1.isYAMLScalar }
        case .array(let items): return items.allSatisfy { item in
            if case .object = item { return false }
            return item.isFlowable
        }
        default: return true
        }
    }

    private var isYAMLScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }

    private var flow: String {
        switch self {
        case .object(let members): return "{" + members.map { "\(yamlScalar($0.0)): \($0.1.flow)" }.joined(separator: ", ") + "}"
        case .array(let items): return "[" + items.map(\.flow).joined(separator: ", ") + "]"
        case .string(let text): return yamlScalar(text)
        case .number(let value): return numberText(value)
        case .scenarioNumber(let value): return scenarioNumberText(value).text
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        }
    }

    private static func writeBlock(_ members: [(String, JSONValue)], indent: Int, to output: inout String) {
        let pad = String(repeating: "  ", count: indent)
        for (key, value) in members {
            if value.isFlowable {
                output += "\(pad)\(yamlScalar(key)): \(value.flow)\n"
                continue
            }
            output += "\(pad)\(yamlScalar(key)):\n"
            switch value {
            case .object(let inner): writeBlock(inner, indent: indent + 1, to: &output)
            case .array(let items): writeList(items, indent: indent + 1, to: &output)
            default: break
            }
        }
    }

    private static func writeList(_ items: [JSONValue], indent: Int, to output: inout String) {
        let pad = String(repeating: "  ", count: indent)
        for item in items {
            guard case .object(let members) = item, members.count > 3 || !members.allSatisfy({ $0.1.isYAMLScalar }) else {
                output += "\(pad)- \(item.flow)\n"
                continue
            }
            var nested = ""
            writeBlock(members, indent: indent + 1, to: &nested)
            // The first line of the map goes after the dash.
            let dropped = nested.dropFirst(pad.count + 2)
            output += "\(pad)- \(dropped)"
        }
    }
}

/// A string as a YAML scalar: plain when every YAML reader reads it back as the same text,
/// double-quoted otherwise.
func yamlScalar(_ text: String) -> String {
    let special: Set<Character> = [":", "#", "{", "}", "[", "]", ",", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "\\"]
    let lowered = text.lowercased()
    let ambiguous = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"].contains(lowered)
        || Double(text) != nil || lowered.hasPrefix(".") || text.first.map({ "-?".contains($0) }) == true
        || text.first?.isNumber == true
    let plain = !text.isEmpty && !ambiguous && !text.contains(where: { special.contains($0) || $0.isNewline })
        && text.first?.isWhitespace == false && text.last?.isWhitespace == false
    if plain { return text }
    // A JSON string is a valid YAML double-quoted scalar (same escapes).
    var quoted = ""
    JSONValue.writeString(text, to: &quoted)
    return quoted
}
