import Foundation

/// A JSON document with object keys kept in the order they are written (the contracts of
/// DESIGN.md §2 fix the key order for readability and diffing).
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): return a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        case (.array(let a), .array(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    /// Numbers as JSON numbers; a non-finite number becomes `null`.
    public static func numbers(_ values: [Double]) -> JSONValue { .array(values.map { .number($0) }) }

    /// The document as text: two-space indentation, arrays of numbers on one line.
    public func rendered() -> String {
        var output = ""
        write(to: &output, indent: 0)
        output.append("\n")
        return output
    }

    private func write(to output: inout String, indent: Int) {
        switch self {
        case .object(let members):
            if members.isEmpty { output.append("{}"); return }
            output.append("{\n")
            for (index, member) in members.enumerated() {
                output.append(String(repeating: "  ", count: indent + 1))
                Self.writeString(member.0, to: &output)
                output.append(": ")
                member.1.write(to: &output, indent: indent + 1)
                output.append(index + 1 < members.count ? ",\n" : "\n")
            }
            output.append(String(repeating: "  ", count: indent))
            output.append("}")
        case .array(let items):
            if items.isEmpty { output.append("[]"); return }
            if items.allSatisfy(\.isScalar) {
                output.append("[")
                for (index, item) in items.enumerated() {
                    if index > 0 { output.append(", ") }
                    item.write(to: &output, indent: indent)
                }
                output.append("]")
                return
            }
            output.append("[\n")
            for (index, item) in items.enumerated() {
                output.append(String(repeating: "  ", count: indent + 1))
                item.write(to: &output, indent: indent + 1)
                output.append(index + 1 < items.count ? ",\n" : "\n")
            }
            output.append(String(repeating: "  ", count: indent))
            output.append("]")
        case .string(let text):
            Self.writeString(text, to: &output)
        case .number(let value):
            output.append(Self.numberText(value))
        case .bool(let value):
            output.append(value ? "true" : "false")
        case .null:
            output.append("null")
        }
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }

    /// Integral values below 2^53 print as integers; others with 15 significant digits, which
    /// drops the noise of binary arithmetic (`0.7040000000000001` prints as `0.704`).
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return String(format: "%.15g", value)
    }

    private static func writeString(_ text: String, to output: inout String) {
        output.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.append("\"")
    }
}
