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
    /// A number of a scenario file, written so that it reads back exactly
    /// (`scenarioNumberText`): `2/7` in YAML, `"2/7"` in JSON, else a decimal.
    case scenarioNumber(Double)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): return a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        case (.array(let a), .array(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)), (.scenarioNumber(let a), .scenarioNumber(let b)): return a == b
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
        write(into: &output, indent: 0)
        output.append("\n")
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// Text gathered as UTF-8 bytes, written piece by piece without a `String` per piece: a
    /// 200 × 200 answer writes 40,000 shares, and going through `TextOutputStream.write` per
    /// piece took three quarters of its writing.
    struct UTF8Bytes {
        var bytes: [UInt8] = []

        mutating func append(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        mutating func append(_ string: String) {
            // A native string's bytes are contiguous (a small one's too, copied out).
            if string.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes.append(contentsOf: string.utf8)
            }
        }

        /// Two ASCII bytes (a separator such as `,\n` or `: `), without going through a buffer.
        @inline(__always)
        mutating func append(_ first: UInt8, _ second: UInt8) {
            bytes.append(first)
            bytes.append(second)
        }

        mutating func indent(_ level: Int) {
            let count = 2 * level
            if count <= Self.spaces.count {
                bytes.append(contentsOf: Self.spaces[..<count])
            } else {
                bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
            }
        }

        /// The spaces of indentation up to 32 levels, copied as one slice (a large answer has a
        /// line per share, 40,000 at 200 × 200).
        private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

        /// `numberText(value)`, with whole numbers below 10^15 written digit by digit (most of
        /// a large answer's shares are 0 or 1, which come first).
        mutating func append(number value: Double) {
            if value == 0 { return bytes.append(UInt8(ascii: "0")) }
            if value == 1 { return bytes.append(UInt8(ascii: "1")) }
            guard value == value.rounded(), abs(value) < 1e15 else { return append(numberText(value)) }
            var whole = Int64(value)
            if whole < 0 {
                bytes.append(UInt8(ascii: "-"))
                whole = -whole
            }
            if whole < 10 { return bytes.append(UInt8(ascii: "0") + UInt8(whole)) }
            var power: Int64 = 10
            while power <= whole / 10 { power *= 10 }
            while power > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(whole / power % 10))
                power /= 10
            }
        }
    }

    /// Writes the document to `output` as `rendered()` would, nested `indent` levels deep
    /// (no final line break): for documents streamed piece by piece.
    public func write<Target: TextOutputStream>(to output: inout Target, indent: Int) {
        var text = UTF8Bytes()
        write(into: &text, indent: indent)
        output.write(String(decoding: text.bytes, as: UTF8.self))
    }

    private func write(into output: inout UTF8Bytes, indent: Int) {
        switch self {
        case .object(let members):
            if members.isEmpty { return output.append("{}") }
            output.append("{\n")
            for (index, member) in members.enumerated() {
                output.indent(indent + 1)
                Self.writeString(member.0, into: &output)
                output.append(UInt8(ascii: ":"), UInt8(ascii: " "))
                member.1.write(into: &output, indent: indent + 1)
                if index + 1 < members.count { output.append(UInt8(ascii: ","), UInt8(ascii: "\n")) } else { output.bytes.append(UInt8(ascii: "\n")) }
            }
            output.indent(indent)
            output.append("}")
        case .array(let items):
            if items.isEmpty { return output.append("[]") }
            if items.allSatisfy(\.isScalar) {
                output.append("[")
                for (index, item) in items.enumerated() {
                    if index > 0 { output.append(", ") }
                    item.write(into: &output, indent: indent)
                }
                output.append("]")
                return
            }
            output.append("[\n")
            for (index, item) in items.enumerated() {
                output.indent(indent + 1)
                item.write(into: &output, indent: indent + 1)
                output.append(index + 1 < items.count ? ",\n" : "\n")
            }
            output.indent(indent)
            output.append("]")
        case .string(let text):
            Self.writeString(text, into: &output)
        case .number(let value):
            output.append(number: value)
        case .scenarioNumber(let value):
            let (text, isFraction) = scenarioNumberText(value)
            if isFraction { Self.writeString(text, into: &output) } else { output.append(text) }
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

    static func writeString<Target: TextOutputStream>(_ text: String, to output: inout Target) {
        var bytes = UTF8Bytes()
        writeString(text, into: &bytes)
        output.write(String(decoding: bytes.bytes, as: UTF8.self))
    }

    private static func writeString(_ text: String, into output: inout UTF8Bytes) {
        func plain(_ byte: UInt8) -> Bool { byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") }
        // One pass over a native string's contiguous bytes: check, then copy.
        let done = text.utf8.withContiguousStorageIfAvailable { utf8 in
            guard utf8.allSatisfy(plain) else { return false }
            output.bytes.append(UInt8(ascii: "\""))
            output.bytes.append(contentsOf: utf8)
            output.bytes.append(UInt8(ascii: "\""))
            return true
        }
        if done == true { return }
        if done == nil, text.utf8.allSatisfy(plain) {
            output.append("\"")
            output.append(text)
            output.append("\"")
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
        output.append(escaped + "\"")
    }
}
