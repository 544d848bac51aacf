import AccordModel
import Foundation

/// The character encoding of an XML document, found from its first bytes (byte-order mark or
/// the layout of `<?xml`) and its XML declaration, before any parser sees the bytes.
///
/// Only UTF-8 (what GENIUS writes) and its subset ASCII are read: the parser's converters for
/// other encodings (EBCDIC, UTF-32, …) are not exercised by any GENIUS file and have crashed on
/// hostile input, and UTF-16 files are not supported either.
enum XMLDeclaration {
    /// Encoding names accepted in the declaration (compared case-insensitively).
    static let acceptedEncodings: Set<String> = ["utf-8", "us-ascii", "ascii"]

    /// The declaration must end within this many bytes (it holds only `version`, `encoding`
    /// and `standalone`).
    static let longestDeclaration = 1024

    /// Throws unless `data` is UTF-8 or ASCII by its first bytes and its declaration, if any.
    /// - Complexity: O(1): reads at most the first `longestDeclaration` bytes.
    static func checkEncoding(_ data: Data) throws(FieldProblem) {
        let head = [UInt8](data.prefix(longestDeclaration + 3))
        if let name = encodingOfFirstBytes(head) {
            throw refusal("the file is encoded as \(name)")
        }
        let body = head.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(head.dropFirst(3)) : head
        guard body.starts(with: Array("<?xml".utf8)), body.count > 5, isSpace(body[5]) else { return }
        guard let end = body.firstIndex(of: UInt8(ascii: ">")) else {
            throw FieldProblem(
                path: "", line: 1,
                message: "malformed XML: the XML declaration (<?xml ...?>) does not end within its first \(longestDeclaration) bytes")
        }
        guard let name = encodingAttribute(body[..<end]) else { return }
        guard acceptedEncodings.contains(name.lowercased()) else {
            throw refusal("the XML declaration gives encoding=\(quoted(name))")
        }
    }

    private static func refusal(_ what: String) -> FieldProblem {
        FieldProblem(
            path: "", line: 1,
            message: "\(what); Accord reads GENIUS files in UTF-8 (or ASCII) only: convert the file to UTF-8 (e.g. iconv -t UTF-8) and write encoding=\"UTF-8\" in its declaration")
    }

    /// The encoding that a byte-order mark or the first bytes of `<?xml`/`<` reveal, when it is
    /// not UTF-8 or ASCII (XML 1.0, appendix F.1).
    private static func encodingOfFirstBytes(_ head: [UInt8]) -> String? {
        let patterns: [(bytes: [UInt8], name: String)] = [
            ([0x00, 0x00, 0xFE, 0xFF], "UTF-32 (big-endian byte-order mark)"),
            ([0xFF, 0xFE, 0x00, 0x00], "UTF-32 (little-endian byte-order mark)"),
            ([0xFE, 0xFF], "UTF-16 (big-endian byte-order mark)"),
            ([0xFF, 0xFE], "UTF-16 (little-endian byte-order mark)"),
            ([0x00, 0x00, 0x00, 0x3C], "UTF-32 (big-endian)"),
            ([0x3C, 0x00, 0x00, 0x00], "UTF-32 (little-endian)"),
            ([0x00, 0x3C, 0x00], "UTF-16 (big-endian)"),
            ([0x3C, 0x00], "UTF-16 (little-endian)"),
            ([0x4C, 0x6F, 0xA7, 0x94], "EBCDIC"),
        ]
        return patterns.first { head.starts(with: $0.bytes) }?.name
    }

    /// The value of `encoding="…"` (or `'…'`) in the declaration's bytes, if present.
    private static func encodingAttribute(_ declaration: ArraySlice<UInt8>) -> String? {
        let bytes = Array(declaration)
        let key = Array("encoding".utf8)
        guard bytes.count >= key.count,
              var index = (0...(bytes.count - key.count)).first(where: { bytes[$0...].starts(with: key) }) else { return nil }
        index += key.count
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { return nil }
        let quote = bytes[index]
        let start = index + 1
        let end = bytes[start...].firstIndex(of: quote) ?? bytes.count
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
