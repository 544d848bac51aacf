import Foundation

extension DocumentTree {
    /// The first key that appears twice in one object of `data`, a JSON text that
    /// `JSONSerialization` has accepted (which keeps one of the two silently): its field path
    /// (`preferences.B.weights.fisheries`), the key and the 1-based line of its second occurrence.
    ///
    /// Keys are compared after their escapes are decoded (`"a"` and `"\u0061"` are one key).
    /// - Complexity: O(bytes) expected; an explicit stack, so any depth.
    static func duplicateJSONKey(in data: Data) -> (path: String, key: String, line: Int)? {
        /// An object or an array being read; mutated in place (`stack[top]`), so that a key set is never copied.
        struct Frame {
            var path: String
            var isObject: Bool
            var keys: Set<String> = []
            /// The key of the value being read (objects), or its index (arrays).
            var current = ""
            var index = 0
            /// In an object, the next string is a key (after `{` or `,`).
            var expectsKey = true
        }
        var stack: [Frame] = []
        var line = 1
        let bytes = [UInt8](data)
        /// The path of a value that starts now, inside the top frame.
        func childPath() -> String {
            guard let top = stack.last else { return "" }
            guard top.isObject else { return "\(top.path)[\(top.index)]" }
            return top.path.isEmpty ? excerpt(top.current) : "\(top.path).\(excerpt(top.current))"
        }
        var position = 0
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\n"):
                line += 1
            case UInt8(ascii: "{"):
                stack.append(Frame(path: childPath(), isObject: true))
            case UInt8(ascii: "["):
                stack.append(Frame(path: childPath(), isObject: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
            case UInt8(ascii: ","):
                guard !stack.isEmpty else { break }
                stack[stack.count - 1].index += 1
                stack[stack.count - 1].expectsKey = true
            case UInt8(ascii: "\""):
                var end = position + 1
                var escaped = false
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\") { escaped = true; end += 1 }
                    end += 1
                }
                let top = stack.count - 1
                if top >= 0, stack[top].isObject, stack[top].expectsKey {
                    let key = Self.jsonString(bytes[(position + 1)..<min(end, bytes.count)], escaped: escaped)
                    guard stack[top].keys.insert(key).inserted else {
                        let path = stack[top].path
                        return (path.isEmpty ? excerpt(key) : "\(path).\(excerpt(key))", key, line)
                    }
                    stack[top].current = key
                    stack[top].expectsKey = false
                }
                position = end
            default:
                break
            }
            position += 1
        }
        return nil
    }

    /// The text of a JSON string's contents (between its quotes), escapes decoded.
    private static func jsonString(_ contents: ArraySlice<UInt8>, escaped: Bool) -> String {
        guard escaped else { return String(decoding: contents, as: UTF8.self) }
        let quoted = Data([UInt8(ascii: "\"")] + contents + [UInt8(ascii: "\"")])
        return (try? JSONSerialization.jsonObject(with: quoted, options: [.fragmentsAllowed])) as? String
            ?? String(decoding: contents, as: UTF8.self)
    }
}
