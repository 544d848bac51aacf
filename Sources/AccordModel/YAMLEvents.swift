import CYaml
import Foundation

/// Why a YAML text is refused (by libyaml, the alias guard or the composer), in words that quote
/// at most a short excerpt of the text.
struct YAMLProblem: Error {
    var message: String
    /// 1-based line of the problem.
    var line: Int?
}

/// libyaml's event stream of a YAML text, the one place that drives the C parser.
enum YAMLEvents {
    /// Calls `body` with each event of `text` in order, until `body` returns `false` or the
    /// stream ends. The event is valid only during the call.
    ///
    /// - Returns: libyaml's error when the text is not YAML (the events before it have been
    ///   seen), or `nil`.
    /// - Complexity: O(length of the text) besides `body`; libyaml holds O(depth) state.
    static func forEach(in text: String, _ body: (yaml_event_t) -> Bool) -> YAMLProblem? {
        var text = text
        return text.withUTF8 { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return YAMLProblem(message: "invalid YAML: out of memory", line: nil) }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return Self.error(of: parser, in: buffer) }
                defer { yaml_event_delete(&event) }
                guard body(event), event.type != YAML_STREAM_END_EVENT else { return nil }
            }
        }
    }

    /// The parser's error: its problem, the character for a reader error, and where the
    /// construct that failed began (often lines before the problem) for the others.
    private static func error(of parser: yaml_parser_t, in text: UnsafeBufferPointer<UInt8>) -> YAMLProblem {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        switch parser.error {
        case YAML_READER_ERROR:
            // libyaml's offset counts bytes of the UTF-8 text.
            let line = 1 + text.prefix(parser.problem_offset).reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            let value = parser.problem_value
            let character = value >= 0 ? String(format: " (U+%04X)", value) : ""
            return YAMLProblem(message: "invalid YAML: \(excerpt(problem))\(character)", line: line)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let begun = parser.context.map { " (\(String(cString: $0)) at line \(parser.context_mark.line + 1))" } ?? ""
            return YAMLProblem(
                message: "invalid YAML: \(excerpt(problem, limit: 200))\(excerpt(begun, limit: 200))", line: Int(parser.problem_mark.line) + 1)
        default:
            return YAMLProblem(message: "invalid YAML: out of memory", line: nil)
        }
    }

    /// The text of a NUL-terminated libyaml string (anchors, tags).
    static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
