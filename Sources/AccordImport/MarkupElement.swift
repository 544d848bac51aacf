import AccordModel

#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation

/// An element of a parsed XML file: its tag, attributes and children, with where it was found.
///
/// `path` names the element the way import errors do: tags from the root joined by `.`, with the
/// 1-based position among same-named siblings in brackets when there is more than one, as in
/// XPath (`utility_space.objective.issue[2].item[3]`); `@name` is appended for an attribute.
struct MarkupElement: Sendable {
    var name: String
    var attributes: [String: String]
    var children: [MarkupElement]
    /// Line of the start tag, when the parser reports it.
    var line: Int?
    var path: String

    /// The children with this tag, in document order.
    func children(named tag: String) -> [MarkupElement] { children.filter { $0.name == tag } }

    /// The path of one of the element's attributes, e.g. `…item[3]@evaluation`.
    func attributePath(_ attribute: String) -> String { "\(path)@\(attribute)" }

    /// A problem at this element.
    func problem(_ message: String) -> FieldProblem { FieldProblem(path: path, line: line, message: message) }

    /// A problem at one of the element's attributes.
    func problem(_ message: String, attribute: String) -> FieldProblem {
        FieldProblem(path: attributePath(attribute), line: line, message: message)
    }

    /// Every descendant with this tag, in document order (depth first).
    func descendants(named tag: String) -> [MarkupElement] {
        children.flatMap { child in (child.name == tag ? [child] : []) + child.descendants(named: tag) }
    }
}

extension MarkupElement {
    /// Parses an XML document into its root element.
    ///
    /// Refused before the parser sees a byte: files over `limits.maximumFileBytes`, encodings
    /// other than UTF-8 and ASCII (`XMLDeclaration`). While parsing: an element nested deeper
    /// than `limits.maximumDepth` stops the
    /// parser at once, so the tree, and every recursion over it, is at most that deep. External
    /// entities are not resolved. The bytes are given to the parser in chunks (as from a file),
    /// so documents over libxml2's 10,000,000-byte single-chunk lookup limit are read; a single
    /// name, attribute value or text over 10,000,000 bytes is still refused with that limit named.
    /// The first well-formedness error becomes a `FieldProblem` with the line where the parser
    /// stopped.
    /// - Complexity: O(n) time in the size of the document; memory O(n) for the tree, of which
    ///   the paths take O(n · limits.maximumDepth) at most.
    static func parse(_ data: Data, limits: GeniusImport.Limits) throws(FieldProblem) -> MarkupElement {
        if let tooLarge = limits.fileSizeProblem(bytes: data.count) { throw FieldProblem(path: "", line: nil, message: tooLarge) }
        try XMLDeclaration.checkEncoding(data)
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = MarkupBuilder(maximumDepth: limits.maximumDepth)
        parser.delegate = builder
        _ = parser.parse()  // on Linux it can return true after an error: the builder keeps the error
        if let failure = builder.failure {
            throw FieldProblem(path: "", line: failure.line, message: failure.message)
        }
        guard var root = builder.root else {
            throw FieldProblem(path: "", line: nil, message: "malformed XML: no root element (the file is empty, truncated or not XML)")
        }
        root.assignPaths(parent: nil)
        return root
    }

    /// Sets `path` of this element and its descendants.
    private mutating func assignPaths(parent: String?) {
        if let parent { path = parent + "." + path } else { path = name }
        var totals: [String: Int] = [:]
        for child in children { totals[child.name, default: 0] += 1 }
        var seen: [String: Int] = [:]
        for index in children.indices {
            let tag = children[index].name
            seen[tag, default: 0] += 1
            children[index].path = (totals[tag] ?? 0) > 1 ? "\(tag)[\(seen[tag] ?? 0)]" : tag
            children[index].assignPaths(parent: path)
        }
    }
}

/// The delegate that builds the element tree and records the first error.
private final class MarkupBuilder: NSObject, XMLParserDelegate {
    struct Failure {
        var line: Int?
        var message: String
    }

    /// Elements deeper than this stop the parse.
    let maximumDepth: Int
    private var open: [MarkupElement] = []
    private(set) var root: MarkupElement?
    private(set) var failure: Failure?

    init(maximumDepth: Int) { self.maximumDepth = maximumDepth }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        let line = parser.lineNumber > 0 ? parser.lineNumber : nil
        guard open.count < maximumDepth else {
            failure = Failure(
                line: line,
                message: "elements are nested more than \(maximumDepth) levels deep (GENIUS files have fewer than 10); Accord reads at most \(maximumDepth) levels")
            parser.abortParsing()
            return
        }
        open.append(MarkupElement(name: elementName, attributes: attributeDict, children: [], line: line, path: ""))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard failure == nil, let element = open.popLast() else { return }
        if open.isEmpty {
            root = element
        } else {
            open[open.count - 1].children.append(element)
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        record(parser, parseError)
    }

    func parser(_ parser: XMLParser, validationErrorOccurred validationError: Error) {
        record(parser, validationError)
    }

    private func record(_ parser: XMLParser, _ error: Error) {
        guard failure == nil else { return }
        let line = parser.lineNumber > 0 ? parser.lineNumber : nil
        failure = Failure(line: line, message: "malformed XML: " + Self.reason((error as NSError).code))
        parser.abortParsing()
    }

    /// A readable reason for a parser error code. The codes are libxml2's `xmlParserErrors`
    /// (and `XML_I18N_*` from 6000), which FoundationXML passes through on Linux and Apple's
    /// `XMLParser.ErrorCode` mirrors (`XMLParser.ErrorCode`'s own raw values differ on Linux,
    /// so they are not used). Codes not listed keep their number.
    private static func reason(_ code: Int) -> String {
        switch code {
        case 1: return "the XML parser hit one of libxml2's limits (a single name, attribute value or text over 10,000,000 bytes)"
        case 2: return "the XML parser ran out of memory"
        case 3, 4: return "the file is empty or not XML"
        case 5: return "the document ends early (an element is not closed)"
        case 76: return "a closing tag does not match the open element"
        case 77, 85: return "unbalanced tags"
        case 86: return "extra content after the root element"
        case 42: return "an attribute is given twice"
        case 38: return "'<' inside an attribute value"
        case 39, 40, 41, 43, 44, 65, 73, 75: return "a start tag or attribute is not well-formed (attribute values need quotes)"
        case 6, 7, 8, 10, 11, 12, 13: return "a bad character reference (&#...;)"
        case 14, 15, 16, 17, 22, 23, 26, 27: return "a bad entity reference (write & as &amp;)"
        case 28, 29, 30: return "an entity that Accord does not read (unparsed, external or parameter entity)"
        case 9, 81, 87: return "invalid characters (bytes that are not UTF-8, or control characters XML does not allow)"
        case 31, 32, 79, 6000, 6001, 6002, 6003, 6004: return "an unknown or unsupported encoding"
        case 33, 34: return "a quoted value is not closed"
        case 45: return "a comment is not closed"
        case 46, 47: return "a processing instruction (<?...?>) is not closed"
        case 56, 57, 96, 97, 98: return "a malformed XML declaration (<?xml version=\"1.0\"?>)"
        case 61, 60: return "a DOCTYPE declaration is not closed"
        case 62, 63: return "a CDATA section is not closed or misplaced"
        case 64: return "'<?xml' is reserved and allowed only at the very start of the file"
        case 68: return "a name is expected (an element or attribute name, after '<' or '&')"
        case 80: return "'--' inside a comment"
        case 89: return "an entity refers to itself (entity loop)"
        case 99: return "a name is too long"
        default: return "XML parser error \(code) (libxml2's xmlParserErrors)"
        }
    }
}
