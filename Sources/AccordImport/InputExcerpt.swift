/// Text from an input file as messages quote it: short, on one line, never the whole input.
enum InputExcerpt {
    /// Quoted text longer than this is cut, with its length given.
    static let longest = 60
    /// Lists longer than this show their first entries and how many more there are.
    static let longestList = 10

    /// `'text'`, with control characters written as `\u{…}`; text over `longest` characters as
    /// its first `longest` characters, `…` and the total length.
    /// - Complexity: O(min(length, longest)) beyond counting the characters.
    static func quoted(_ text: String) -> String {
        var shown = ""
        for character in text.prefix(longest) {
            if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                shown += character.unicodeScalars.map { "\\u{\(String($0.value, radix: 16))}" }.joined()
            } else {
                shown.append(character)
            }
        }
        let count = text.count
        return count > longest ? "'\(shown)…' (\(count) characters)" : "'\(shown)'"
    }

    /// The entries joined by `, `, at most `longestList` of them, then `… (n more)`.
    static func list(_ entries: [String]) -> String {
        let shown = entries.prefix(longestList).joined(separator: ", ")
        return entries.count > longestList ? "\(shown), … (\(entries.count - longestList) more)" : shown
    }
}
