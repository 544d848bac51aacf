/// The tag of a YAML scalar, which decides whether two mapping keys are the same key: a plain
/// `1` (an integer) and `'1'` (a string) are two keys, a plain `a` and `'a'` one.
///
/// A scalar with an explicit tag has that tag, a quoted or block scalar is a string, and a plain
/// untagged scalar is resolved by the YAML 1.1 rules of Yams' default resolver, tried in its
/// order (bool, int, float, merge, null, timestamp, value; anything else is a string). Each rule
/// is one of that resolver's regular expressions written out as a hand-made matcher over the
/// UTF-8 bytes (all of its characters are ASCII), anchored at both ends.
enum YAMLScalarTag: Hashable {
    /// A plain scalar without a tag: resolved from its text when needed.
    case plain
    /// A tag given in the text or implied by the style (`tag:yaml.org,2002:str` for quoted and
    /// block scalars).
    case named(String)

    static let string = YAMLScalarTag.named(YAMLScalarTag.prefix + "str")
    private static let prefix = "tag:yaml.org,2002:"

    /// The full tag name of a scalar with this tag and `text`.
    /// - Complexity: O(length of the text).
    func name(of text: String) -> String {
        switch self {
        case .named(let name): return name
        case .plain: return Self.prefix + Self.resolve(Array(text.utf8))
        }
    }

    /// The YAML 1.1 type of a plain scalar: `bool`, `int`, `float`, `merge`, `null`,
    /// `timestamp`, `value` or `str`.
    static func resolve(_ text: [UInt8]) -> String {
        if isBool(text) { return "bool" }
        if isInt(text) { return "int" }
        if isFloat(text) { return "float" }
        if text == Array("<<".utf8) { return "merge" }
        if isNull(text) { return "null" }
        if isTimestamp(text) { return "timestamp" }
        if text == Array("=".utf8) { return "value" }
        return "str"
    }

    private static let bools = Set(["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                                    "on", "On", "ON", "off", "Off", "OFF"].map { Array($0.utf8) })
    private static let nulls = Set(["", "~", "null", "Null", "NULL"].map { Array($0.utf8) })

    /// `yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF`
    static func isBool(_ text: [UInt8]) -> Bool { bools.contains(text) }

    /// `~|null|Null|NULL|` (the empty text too)
    static func isNull(_ text: [UInt8]) -> Bool { nulls.contains(text) }

    /// `[-+]?0b[01_]+ | [-+]?0o?[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ |
    /// [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`
    static func isInt(_ text: [UInt8]) -> Bool {
        var scan = Scan(text)
        scan.sign()
        if scan.take("0") {
            if scan.isAtEnd { return true }  // 0
            let afterZero = scan
            if scan.take("b") { return scan.many(binary) && scan.isAtEnd }
            if scan.take("x") { return scan.many(hexadecimal) && scan.isAtEnd }
            scan = afterZero
            _ = scan.take("o")
            return scan.many(octal) && scan.isAtEnd
        }
        guard scan.one(nonZeroDigit) else { return false }
        _ = scan.many(decimal)
        if scan.isAtEnd { return true }
        return scan.sexagesimal() && scan.isAtEnd
    }

    /// `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)? | \.[0-9_]+([eE][-+][0-9]+)? |
    /// [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)`
    static func isFloat(_ text: [UInt8]) -> Bool {
        var scan = Scan(text)
        let signed = scan.sign()
        if scan.one(digit) {
            _ = scan.many(decimal)
            let beforeFraction = scan
            if scan.take(".") { _ = scan.many(decimal) }
            if scan.isAtEnd { return true }
            if scan.one({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
                scan.sign()
                if scan.many(digit) && scan.isAtEnd { return true }
            }
            // The sexagesimal form: groups right after the integer part, then a dot.
            scan = beforeFraction
            guard scan.sexagesimal(), scan.take(".") else { return false }
            _ = scan.many(decimal)
            return scan.isAtEnd
        }
        guard scan.take(".") else { return false }
        let rest = Array(text[scan.position...])
        if ["inf", "Inf", "INF"].contains(where: { rest == Array($0.utf8) }) { return true }
        if signed { return false }
        if ["nan", "NaN", "NAN"].contains(where: { rest == Array($0.utf8) }) { return true }
        guard scan.many(decimal) else { return false }
        if scan.isAtEnd { return true }
        guard scan.one({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }), scan.one(sign) else { return false }
        return scan.many(digit) && scan.isAtEnd
    }

    /// `[0-9]{4}-[0-9]{2}-[0-9]{2} | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?
    /// ([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?`
    static func isTimestamp(_ text: [UInt8]) -> Bool {
        var scan = Scan(text)
        guard scan.exactly(4, digit), scan.take("-") else { return false }
        let month = scan.upTo(2, digit)
        guard month > 0, scan.take("-") else { return false }
        let day = scan.upTo(2, digit)
        guard day > 0 else { return false }
        if scan.isAtEnd { return month == 2 && day == 2 }
        if !scan.one({ $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }) {
            guard scan.many(blank) else { return false }
        }
        guard scan.upTo(2, digit) > 0, scan.take(":"), scan.exactly(2, digit), scan.take(":"), scan.exactly(2, digit) else { return false }
        if scan.take(".") { _ = scan.many(digit) }
        if scan.isAtEnd { return true }
        _ = scan.many(blank)
        if scan.take("Z") { return scan.isAtEnd }
        guard scan.one(sign), scan.upTo(2, digit) > 0 else { return false }
        if scan.take(":") { guard scan.exactly(2, digit) else { return false } }
        return scan.isAtEnd
    }

    private static func digit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func nonZeroDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") }
    /// `[0-9_]`
    private static func decimal(_ byte: UInt8) -> Bool { digit(byte) || byte == UInt8(ascii: "_") }
    private static func binary(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "0") || byte == UInt8(ascii: "1") || byte == UInt8(ascii: "_") }
    private static func octal(_ byte: UInt8) -> Bool { (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7")) || byte == UInt8(ascii: "_") }
    private static func hexadecimal(_ byte: UInt8) -> Bool {
        decimal(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
    private static func sign(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") }
    private static func blank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// A position in a text, moved forward by what it takes.
    private struct Scan {
        let text: [UInt8]
        var position = 0

        init(_ text: [UInt8]) { self.text = text }

        var isAtEnd: Bool { position == text.count }

        /// Takes one byte that satisfies `test`.
        mutating func one(_ test: (UInt8) -> Bool) -> Bool {
            guard position < text.count, test(text[position]) else { return false }
            position += 1
            return true
        }

        mutating func take(_ character: Unicode.Scalar) -> Bool { one { $0 == UInt8(ascii: character) } }

        /// Takes an optional `+` or `-`; whether there was one.
        @discardableResult
        mutating func sign() -> Bool { one(YAMLScalarTag.sign) }

        /// Takes every byte that satisfies `test` (`+`); whether there was at least one.
        mutating func many(_ test: (UInt8) -> Bool) -> Bool {
            let start = position
            while one(test) {}
            return position > start
        }

        /// Takes up to `limit` bytes that satisfy `test`; how many.
        mutating func upTo(_ limit: Int, _ test: (UInt8) -> Bool) -> Int {
            var taken = 0
            while taken < limit, one(test) { taken += 1 }
            return taken
        }

        /// Takes exactly `count` bytes that satisfy `test`, or fails.
        mutating func exactly(_ count: Int, _ test: (UInt8) -> Bool) -> Bool { upTo(count, test) == count }

        /// Takes `(:[0-5]?[0-9])+`. A group's digits must be followed by `:`, `.` or the end in
        /// every rule that uses it, so a group takes two digits when there are two (the first
        /// then must be 0-5) and fails on a third.
        mutating func sexagesimal() -> Bool {
            var groups = 0
            while take(":") {
                guard position < text.count, YAMLScalarTag.digit(text[position]) else { return false }
                if position + 1 < text.count, YAMLScalarTag.digit(text[position + 1]) {
                    guard text[position] <= UInt8(ascii: "5") else { return false }
                    position += 2
                } else {
                    position += 1
                }
                groups += 1
            }
            return groups > 0
        }
    }
}
