import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace
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
        var output = UTF8Bytes()
        write(to: &output, indent: 0)
        output.write("\n")
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// Text gathered as UTF-8 bytes: appending many short pieces to an array is about twice as
    /// fast as growing a `String` (a 500 × 500 answer writes 250,000 shares).
    struct UTF8Bytes: TextOutputStream {
        var bytes: [UInt8] = []

        mutating func write(_ string: String) {
            // A native string's bytes are contiguous (a small one's too, copied out): no copy of
            // the string and no check of its form per piece.
            if string.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes.append(contentsOf: string.utf8)
            }
        }
    }

    /// Writes the document to `output` as `rendered()` would, nested `indent` levels deep
    /// (no final line break): for documents streamed piece by piece.
    public func write<Target: TextOutputStream>(to output: inout Target, indent: Int) {
        switch self {
        case .object(let members):
            if members.isEmpty { output.write("{}"); return }
            output.write("{\n")
            for (index, member) in members.enumerated() {
                output.write(Self.indentation(indent + 1))
                Self.writeString(member.0, to: &output)
                output.write(": ")
                member.1.write(to: &output, indent: indent + 1)
                output.write(index + 1 < members.count ? ",\n" : "\n")
            }
            output.write(Self.indentation(indent))
            output.write("}")
        case .array(let items):
            if items.isEmpty { output.write("[]"); return }
            if items.allSatisfy(\.isScalar) {
                output.write("[")
                for (index, item) in items.enumerated() {
                    if index > 0 { output.write(", ") }
                    item.write(to: &output, indent: indent)
                }
                output.write("]")
                return
            }
            output.write("[\n")
            for (index, item) in items.enumerated() {
                output.write(Self.indentation(indent + 1))
                item.write(to: &output, indent: indent + 1)
                output.write(index + 1 < items.count ? ",\n" : "\n")
            }
            output.write(Self.indentation(indent))
            output.write("]")
        case .string(let text):
            Self.writeString(text, to: &output)
        case .number(let value):
            output.write(numberText(value))
        case .bool(let value):
            output.write(value ? "true" : "false")
        case .null:
            output.write("null")
        }
    }

    /// Two spaces per level; the first levels made once (a large answer writes one per line).
    private static let indentations = (0..<16).map { String(repeating: "  ", count: $0) }

    private static func indentation(_ level: Int) -> String {
        level < indentations.count ? indentations[level] : String(repeating: "  ", count: level)
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }

    static func writeString<Target: TextOutputStream>(_ text: String, to output: inout Target) {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            output.write("\"")
            output.write(text)
            output.write("\"")
            return
        }
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        output.write(escaped + "\"")
    }
}
