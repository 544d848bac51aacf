import Foundation
import Yams

/// A parsed YAML or JSON document, kept with the line of every node so that validation errors
/// can point at it. Keys keep their order of appearance.
struct DocumentTree: Sendable {
    enum Value: Sendable {
        case map([Entry])
        case list([DocumentTree])
        /// Scalar text as written (numbers are parsed on demand).
        case scalar(String)
        case null
    }

    struct Entry: Sendable {
        var key: String
        var value: DocumentTree
    }

    var value: Value
    /// 1-based line, when the format records it (YAML does, JSON does not).
    var line: Int?

    /// A short name of the node's kind for messages ("a map", "a list", ...).
    var kindName: String {
        switch value {
        case .map: return "a map"
        case .list: return "a list"
        case .scalar(let text): return "'\(text)'"
        case .null: return "null"
        }
    }
}

extension DocumentTree {
    /// Parses YAML text. Duplicate keys and syntax errors are reported with their line.
    static func parseYAML(_ text: String, file: String) throws(ScenarioError) -> DocumentTree {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw .invalid([Self.issue(for: error, file: file)])
        } catch {
            throw .invalid([ScenarioIssue(file: file, path: "", line: nil, message: "cannot parse YAML: \(error)")])
        }
        guard let root else {
            throw .invalid([ScenarioIssue(file: file, path: "", line: nil, message: "the file is empty")])
        }
        return DocumentTree(yaml: root)
    }

    private init(yaml node: Node) {
        line = node.mark?.line
        switch node {
        case .scalar(let scalar):
            let isNull = scalar.style == .plain && node.null != nil
            value = isNull ? .null : .scalar(scalar.string)
        case .mapping(let mapping):
            value = .map(mapping.map { Entry(key: $0.key.string ?? "\($0.key)", value: DocumentTree(yaml: $0.value)) })
        case .sequence(let sequence):
            value = .list(sequence.map { DocumentTree(yaml: $0) })
        case .alias:
            // Yams resolves aliases while composing; an unresolved alias carries no data.
            value = .null
        }
    }

    private static func issue(for error: YamlError, file: String) -> ScenarioIssue {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ScenarioIssue(file: file, path: "", line: mark.line, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let line = context.mark.line
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ScenarioIssue(file: file, path: "", line: line, message: "duplicate key \(keys)")
        default:
            return ScenarioIssue(file: file, path: "", line: nil, message: "invalid YAML: \(error)")
        }
    }

    /// Parses JSON text with Foundation. JSON carries no line numbers here.
    static func parseJSON(_ data: Data, file: String) throws(ScenarioError) -> DocumentTree {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw .invalid([ScenarioIssue(file: file, path: "", line: nil, message: "invalid JSON: \(reason)")])
        }
        return DocumentTree(json: object)
    }

    private init(json object: Any) {
        line = nil
        switch object {
        case let dictionary as [String: Any]:
            value = .map(dictionary.keys.sorted().map { Entry(key: $0, value: DocumentTree(json: dictionary[$0] as Any)) })
        case let array as [Any]:
            value = .list(array.map { DocumentTree(json: $0) })
        case let string as String:
            value = .scalar(string)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" {
                value = .scalar(number.boolValue ? "true" : "false")
            } else {
                value = .scalar(Self.jsonText(number))
            }
        default:
            value = .null
        }
    }

    private static func jsonText(_ number: NSNumber) -> String {
        let double = number.doubleValue
        if double == double.rounded(), abs(double) < 9.0e15 { return String(Int64(double)) }
        return String(double)
    }
}
