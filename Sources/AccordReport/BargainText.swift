import Foundation

/// Layout helpers of the linkage and dynamics text reports.
enum BargainText {
    /// `a`, `a and b`, `a, b and c`.
    static func listed(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// Rows of cells padded into aligned columns (trailing spaces trimmed).
    static func alignedRows(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { BargainText.pad($1, widths[$0]) }.joined(separator: "  ").trimmingTrailingSpaces
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `+80%` / `-12.5%`.
    static func signedPercent(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + String(format: "%.3g", value) + "%"
    }

    /// An exchange rate with three significant digits.
    static func formatRate(_ value: Double) -> String { String(format: "%.3g", value) }
}
