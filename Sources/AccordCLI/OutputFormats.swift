import ArgumentParser

/// The output formats of one command: its `--format` accepts, and its `--help` lists, exactly
/// these. Every command writes text (for people, the default on a terminal) and JSON (for
/// programs, the default otherwise).
protocol CommandFormat: RawRepresentable<String>, CaseIterable, ExpressibleByArgument, Equatable, Sendable {
    static var text: Self { get }
    static var json: Self { get }
}

extension CommandFormat {
    /// The `-o` file extensions that select this format: `.txt` for text, `.md` or `.markdown`
    /// for Markdown, the format's name otherwise (`.json`, `.csv`).
    var fileExtensions: [String] {
        switch rawValue {
        case "text": ["txt"]
        case "md": ["md", "markdown"]
        default: [rawValue]
        }
    }

    /// The format an `-o` extension (without the dot, any case) selects, if this command has one.
    init?(fileExtension: String) {
        let wanted = fileExtension.lowercased()
        guard let format = Self.allCases.first(where: { $0.fileExtensions.contains(wanted) }) else { return nil }
        self = format
    }

    /// The format's name for people: `text`, `JSON`, `Markdown`, `CSV`.
    var displayName: String {
        switch rawValue {
        case "md": "Markdown"
        case "text": "text"
        default: rawValue.uppercased()
        }
    }

    /// `text (.txt), JSON (.json) or Markdown (.md, .markdown)`: what `-o` accepts, for messages
    /// and help.
    static var extensionList: String {
        let items = allCases.map { "\($0.displayName) (" + $0.fileExtensions.map { "." + $0 }.joined(separator: ", ") + ")" }
        return items.dropLast().joined(separator: ", ") + (items.count > 1 ? " or " : "") + (items.last ?? "")
    }
}

/// `solve`: a report for people, JSON, or a Markdown table of the solutions.
enum SolveFormat: String, CommandFormat {
    case text, json, md
}

/// `frontier`: an aligned table, JSON, CSV (one column per party utility, then per issue), or
/// the plot as SVG.
enum FrontierFormat: String, CommandFormat {
    case text, json, csv, svg
}

/// `sensitivity`: the steps and crossovers for people, JSON, or CSV (a row per step and solution).
enum SensitivityFormat: String, CommandFormat {
    case text, json, csv
}

/// `linkage`: a report for people, JSON, or Markdown.
enum LinkageFormat: String, CommandFormat {
    case text, json, md
}

/// `coalitions` and `game`: a report for people or JSON.
enum CoalitionsFormat: String, CommandFormat {
    case text, json
}

/// `dynamics`: a report for people or JSON.
enum DynamicsFormat: String, CommandFormat {
    case text, json
}
