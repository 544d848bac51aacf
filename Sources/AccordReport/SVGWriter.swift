import Foundation

/// Writes an SVG 1.1 document element by element: every attribute value and text escaped for
/// XML (`&`, `<`, `>`, `"`, `'`), numbers with at most two decimals, so that the document is
/// well-formed whatever the names in it (a scenario called `R&D <draft>` included).
struct SVGWriter {
    private var text: String

    /// A document of `width` × `height` pixels (its view box the same), on a white background.
    init(width: Double, height: Double) {
        text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
        text += "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        element("rect", ["x": "0", "y": "0", "width": Self.number(width), "height": Self.number(height), "fill": "white"])
    }

    /// An empty element such as `<circle cx="…" …/>`, attributes in name order (so that a
    /// document is the same bytes from run to run).
    mutating func element(_ name: String, _ attributes: [String: String]) {
        text += "<\(name)\(Self.attributes(attributes))/>\n"
    }

    /// An element with text content, such as `<text x="…">Nash</text>`.
    mutating func element(_ name: String, _ attributes: [String: String], text content: String) {
        text += "<\(name)\(Self.attributes(attributes))>\(Self.escaped(content))</\(name)>\n"
    }

    /// Opens a group `<g …>`; `close()` ends it.
    mutating func open(_ attributes: [String: String]) {
        text += "<g\(Self.attributes(attributes))>\n"
    }

    mutating func close() {
        text += "</g>\n"
    }

    /// A plot's title (bold, 18 px) and subtitle (grey, 13 px), centred on a document `width` wide.
    mutating func heading(_ title: String, _ subtitle: String, width: Double) {
        element("text", ["x": Self.number(width / 2), "y": "28", "text-anchor": "middle", "font-size": "18", "font-weight": "bold"], text: title)
        element("text", ["x": Self.number(width / 2), "y": "50", "text-anchor": "middle", "font-size": "13", "fill": "#555"], text: subtitle)
    }

    /// The finished document.
    var document: String { text + "</svg>\n" }

    private static func attributes(_ attributes: [String: String]) -> String {
        attributes.keys.sorted().map { " \($0)=\"\(escaped(attributes[$0] ?? ""))\"" }.joined()
    }

    /// `text` with XML's five special characters written as entities (`&` first, so that the
    /// others' entities are not escaped again).
    static func escaped(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&apos;")
    }

    /// A coordinate with at most two decimals and no trailing zeros (`12`, `3.5`, `-0.25`);
    /// non-finite values, which no plot computes, as 0.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
