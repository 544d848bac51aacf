import Accord
import Foundation
import Testing

/// `accord report`: the files of the folder, every plot well-formed and rendered, every link of
/// the Markdown to a file that is there, the JSON of each analysis, the sections that apply, and
/// mistakes that leave nothing behind.
@Suite struct ReportTests {
    /// The `](target)` links of a Markdown text.
    static func links(_ markdown: String) -> [String] {
        var result: [String] = []
        var rest = markdown[...]
        while let open = rest.range(of: "](") {
            guard let close = rest[open.upperBound...].firstIndex(of: ")") else { break }
            result.append(String(rest[open.upperBound..<close]))
            rest = rest[close...]
        }
        return result
    }

    @Test func blueHarborGivesEveryFile() throws {
        let directory = try temporaryDirectory().appendingPathComponent("report")
        let run = try AccordExecutable.run(["report", Repository.data("blue-harbor-discrete.yaml"), "-o", directory.path, "--samples", "500", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["frontier.csv", "frontier.svg", "report.md", "result.json", "sensitivity.svg", "tornado.svg"])
        let markdown = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        let links = Self.links(markdown)
        #expect(Set(links) == ["frontier.svg", "tornado.svg", "sensitivity.svg"])
        for link in links { #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(link).path), "\(link)") }
        // The negotiation in words, the solutions side by side with contributions, linkage,
        // sensitivity and the Monte Carlo of the uncertainty section.
        for text in ["Country A", "Country B", "Reservation (BATNA)", "B forbids fisheries bilateral_quotas", "| | Nash | Kalai–Smorodinsky | Egalitarian | Utilitarian |",
                     "### Where the utilities come from", "## Separate tracks or one package?", "## What moves the answer", "## Robustness (Monte Carlo)"] {
            #expect(markdown.contains(text), "\(text)")
        }
        #expect(!markdown.contains("## Not in this report"))
        let result = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("result.json"))) as? [String: Any])
        for key in ["solve", "linkage", "tornado", "sweep", "monte_carlo"] { #expect(result[key] is [String: Any], "\(key)") }
        let csv = try String(contentsOf: directory.appendingPathComponent("frontier.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("A,B,fisheries") && csv.split(separator: "\n").count == 17)  // 16 frontier packages and the header
        for name in names where name.hasSuffix(".svg") {
            let svg = directory.appendingPathComponent(name)
            #expect(try !FrontierPlotTests.elements(String(contentsOf: svg, encoding: .utf8)).isEmpty, "\(name)")
            if let rendered = try renderPNG(svg, to: directory.appendingPathComponent(name + ".png")) {
                #expect(rendered.status == 0 && rendered.png.count > 5_000, "\(name)")
            }
        }
    }

    /// What does not apply is left out with the reason: one track (no linkage), no uncertainty
    /// section (no Monte Carlo).
    @Test func sectionsThatDoNotApplySayWhy() throws {
        let directory = try temporaryDirectory().appendingPathComponent("pie")
        let run = try AccordExecutable.run(["report", Repository.data("pie.yaml"), "-o", directory.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let markdown = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("## Not in this report") && markdown.contains("linkage: the scenario has one track"))
        #expect(!markdown.contains("## Robustness"))
        let result = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("result.json"))) as? [String: Any])
        #expect(result["linkage"] is NSNull && result["monte_carlo"] is NSNull)
    }

    /// Mistakes exit with their code and write nothing: no folder for an invalid scenario.
    @Test func mistakesLeaveNothing() throws {
        let directory = try temporaryDirectory()
        let bad = directory.appendingPathComponent("bad.yaml")
        try "accord: 1\nparties: [{id: A}]\n".write(to: bad, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out")
        let invalid = try AccordExecutable.run(["report", bad.path, "-o", out.path])
        #expect(invalid.status == 65, "\(invalid.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let missing = try AccordExecutable.run(["report", directory.appendingPathComponent("none.yaml").path, "-o", out.path])
        #expect(missing.status == 66, "\(missing.stderr)")
        let file = directory.appendingPathComponent("file.txt")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let onFile = try AccordExecutable.run(["report", Repository.data("pie.yaml"), "-o", file.path])
        #expect(onFile.status == 64 && onFile.stderr.contains("is a file"), "\(onFile.stderr)")
        let tornado = try AccordExecutable.run(["report", Repository.data("pie.yaml"), "-o", out.path, "--tornado", "0%"])
        #expect(tornado.status == 64 && tornado.stderr.contains("above 0 and below 100"), "\(tornado.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
