import AccordLinkage

extension LinkageReport {
    /// A Markdown briefing: the overview as a list, then each section of `sections` with its
    /// table (the same content as `text`).
    public var markdown: String {
        let overview = self.overview
        var lines = ["# \(overview.title)", ""] + overview.facts.map { "- " + $0 } + [""]
        for section in sections { lines += section.markdownLines }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
