/// A cell of a report table; `strong` cells are emphasized in Markdown (bold) and plain in text.
struct ReportCell: ExpressibleByStringLiteral, Equatable {
    var text: String
    var strong = false

    init(_ text: String, strong: Bool = false) {
        self.text = text
        self.strong = strong
    }

    init(stringLiteral value: String) { self.init(value) }
}

/// A table of a report section: a header and rows of the same width.
struct ReportTable: Equatable {
    var header: [String]
    var rows: [[ReportCell]]
}

/// One section of a report as data — a title, sentences before a table, the table, a list and
/// closing sentences — rendered the same way as text (aligned columns) or Markdown (a pipe
/// table), so the two formats show the same content.
struct ReportSection: Equatable {
    var title: String
    var lead: [String] = []
    var table: ReportTable? = nil
    var items: [String] = []
    var notes: [String] = []

    /// The title, then every part indented by two spaces (list items with `- `).
    var textLines: [String] {
        var lines = [title]
        lines += lead.map { "  " + $0 }
        if let table {
            lines += BargainText.alignedRows([table.header] + table.rows.map { $0.map(\.text) }).map { "  " + $0 }
        }
        lines += items.map { "  - " + $0 }
        lines += notes.map { "  " + $0 }
        return lines
    }

    /// `## title`, paragraphs, a pipe table, a bullet list, paragraphs.
    var markdownLines: [String] {
        var lines = ["## " + title, ""]
        for sentence in lead { lines += [sentence, ""] }
        if let table {
            lines.append("| " + table.header.joined(separator: " | ") + " |")
            lines.append("|" + String(repeating: "---|", count: table.header.count))
            for row in table.rows {
                lines.append("| " + row.map { $0.strong && !$0.text.isEmpty ? "**\($0.text)**" : $0.text }.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        if !items.isEmpty { lines += items.map { "- " + $0 } + [""] }
        for sentence in notes { lines += [sentence, ""] }
        return lines
    }
}
