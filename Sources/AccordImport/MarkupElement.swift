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
    /// External entities are not resolved. The first well-formedness error becomes a
    /// `FieldProblem` with the line where the parser stopped.
    /// - Complexity: O(n) in the size of the document.
    static func parse(_ data: Data) throws(FieldProblem) -> MarkupElement {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = MarkupBuilder()
        parser.delegate = builder
        _ = parser.parse()  // on Linux it can return true after an error: the builder keeps the error
        if let failure = builder.failure {
            throw FieldProblem(path: "", line: failure.line, message: "malformed XML: \(failure.reason)")
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
        var reason: String
    }

    private var open: [MarkupElement] = []
    private(set) var root: MarkupElement?
    private(set) var failure: Failure?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        let line = parser.lineNumber > 0 ? parser.lineNumber : nil
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
        failure = Failure(line: line, reason: Self.reason((error as NSError).code))
        parser.abortParsing()
    }

    /// A readable reason for a parser error code. The codes are libxml2's `xmlParserErrors`,
    /// which FoundationXML passes through on Linux and Apple's `XMLParser.ErrorCode` mirrors
    /// (`XMLParser.ErrorCode`'s own raw values differ on Linux, so they are not used).
    private static func reason(_ code: Int) -> String {
        switch code {
        case 3, 4: return "the file is empty or not XML"
        case 5: return "the document ends early (an element is not closed)"
        case 76: return "a closing tag does not match the open element"
        case 77, 85: return "unbalanced tags"
        case 86: return "extra content after the root element"
        case 42: return "an attribute is given twice"
        case 38: return "'<' inside an attribute value"
        case 39, 40, 41, 43, 44, 65, 73, 75: return "a start tag or attribute is not well-formed (attribute values need quotes)"
        case 14, 23, 26, 27: return "a bad entity reference (write & as &amp;)"
        case 9, 31, 32, 81: return "invalid characters or encoding"
        case 45: return "a comment is not closed"
        case 80: return "'--' inside a comment"
        default: return "XML parser error \(code)"
        }
    }
}
