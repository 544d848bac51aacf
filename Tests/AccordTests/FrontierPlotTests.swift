import Accord
import Foundation
import FoundationXML
import Testing
@testable import AccordModel
@testable import AccordReport

/// `frontier --plot`: the SVG writer, the axes, the placement of labels, and the plots of the
/// scenarios in `Data/`, checked as XML, against the frontier and solutions `accord` prints, and
/// rendered by Debian's `rsvg-convert` where it is installed (`make test` installs it).
@Suite struct FrontierPlotTests {
    // MARK: The writer

    @Test func namesAreEscapedAndNumbersShort() throws {
        #expect(SVGWriter.escaped(#"R&D <draft> "A" 'B'"#) == "R&amp;D &lt;draft&gt; &quot;A&quot; &apos;B&apos;")
        #expect(SVGWriter.number(12) == "12")
        #expect(SVGWriter.number(3.5) == "3.5")
        #expect(SVGWriter.number(-0.001) == "0")
        #expect(SVGWriter.number(2.345678) == "2.35")
        var svg = SVGWriter(width: 100, height: 50)
        svg.element("text", ["x": "1", "y": "2"], text: #"R&D <draft> "A""#)
        let elements = try Self.elements(svg.document)
        #expect(elements.first?.name == "svg")
        #expect(elements.contains { $0.name == "text" && $0.text == #"R&D <draft> "A""# })
    }

    // MARK: Axes

    /// Steps of 1, 2, 2.5 or 5 × 10^k; ticks at their multiples inside a 4% margin. Expected
    /// values worked by hand: [0.12, 0.87] spans 0.75, a fifth is 0.15, the next round step 0.2,
    /// the margin 0.03 gives [0.09, 0.90] and the multiples of 0.2 in it.
    @Test func ticksAreRoundNumbersInsideTheMargin() {
        #expect(Axis.step(for: 0.15) == 0.2)
        #expect(Axis.step(for: 3.6) == 5)
        #expect(Axis.step(for: 0.21) == 0.25)
        #expect(Axis.step(for: 1) == 1)
        let axis = Axis(values: [0.12, 0.5, 0.87], count: 6)
        #expect(abs(axis.lower - 0.09) < 1e-12 && abs(axis.upper - 0.9) < 1e-12)
        #expect(axis.ticks.count == 4)
        #expect(zip(axis.ticks, [0.2, 0.4, 0.6, 0.8]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(axis.ticks.map(axis.label) == ["0.2", "0.4", "0.6", "0.8"])
        // Bill–Jack's Bill: 12 to 30 in steps of 5, labels without decimals.
        let bill = Axis(values: [12, 30], count: 6)
        #expect(bill.ticks == [15, 20, 25, 30])
        #expect(bill.ticks.map(bill.label) == ["15", "20", "25", "30"])
        // All values equal: a unit span around them.
        let flat = Axis(values: [0.5, 0.5], count: 6)
        #expect(flat.lower < 0.5 && flat.upper > 0.5 && !flat.ticks.isEmpty)
    }

    // MARK: Labels

    /// Four labels for marks at one point, beside a fifth mark: each goes to a free position, so
    /// no two labels overlap and none covers a mark.
    @Test func labelsOverlapNoLabelAndNoMark() {
        var layout = LabelLayout(bounds: Rect(x: 0, y: 0, width: 400, height: 300))
        let marks = [Point(x: 200, y: 150), Point(x: 200, y: 150), Point(x: 200, y: 150), Point(x: 200, y: 150), Point(x: 214, y: 150)]
        let boxes = marks.map { Rect(x: $0.x - 8, y: $0.y - 8, width: 16, height: 16) }
        for box in boxes { layout.reserve(box) }
        for (index, text) in ["Nash", "Kalai–Smorodinsky", "egalitarian", "utilitarian"].enumerated() {
            _ = layout.place(text, at: marks[index], fontSize: 12)
        }
        let labels = layout.labels
        #expect(labels.count == 4)
        for a in labels.indices {
            #expect(!boxes.contains { $0.intersects(labels[a]) }, "label \(a) covers a mark")
            for b in labels.indices where b > a { #expect(!labels[a].intersects(labels[b]), "labels \(a) and \(b) overlap") }
        }
    }

    // MARK: Plots of real scenarios

    /// Bill and Jack: one mark per frontier point that `accord frontier --format json` lists,
    /// placed left to right in Bill's order and, as on any Pareto frontier, downwards in Jack's;
    /// axes named after the parties; every solution of `accord solve` labelled, those at one
    /// point in one label.
    @Test func billAndJackPlotsItsFrontierAndSolutions() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("bill-jack.svg").path
        let run = try AccordExecutable.run(["frontier", Repository.data("bill-jack.yaml"), "--format", "json", "--plot", file])
        #expect(run.status == 0, "\(run.stderr)")
        let table = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let points = try #require(table["points"] as? [[String: Any]]).compactMap { $0["utilities"] as? [Double] }
        let elements = try Self.elements(String(contentsOfFile: file, encoding: .utf8))
        let circles = try Self.frontierCircles(elements)
        #expect(circles.count == points.count && points.count > 1)
        let byBill = points.sorted { $0[0] < $1[0] }
        for k in 1..<circles.count {
            #expect(circles[k].x > circles[k - 1].x)
            // SVG's y grows downwards: Jack's utility falls as Bill's rises.
            #expect(byBill[k][1] < byBill[k - 1][1] && circles[k].y > circles[k - 1].y)
        }
        let texts = elements.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains("Bill utility") && texts.contains("Jack utility"))
        let solve = try AccordExecutable.run(["solve", Repository.data("bill-jack.yaml"), "--format", "json"])
        let solutions = try #require((try JSONSerialization.jsonObject(with: Data(solve.stdout.utf8)) as? [String: Any])?["solutions"] as? [String: [String: Any]])
        let titles = ["nash": "Nash", "kalai_smorodinsky": "Kalai–Smorodinsky", "egalitarian": "Egalitarian", "utilitarian": "Utilitarian"]
        for (key, solution) in solutions {
            let utilities = try #require(solution["utilities"] as? [Double])
            let together = solutions.filter { ($0.value["utilities"] as? [Double]) == utilities }.keys.compactMap { titles[$0] }
            let label = try #require(texts.first { text in text.split(separator: " = ").contains { $0 == titles[key] ?? "" } }, "no label for \(key)")
            #expect(Set(label.components(separatedBy: " = ")) == Set(together))
        }
    }

    /// Every scenario of `Data/` with up to six parties: a plot is well-formed XML with its
    /// frontier marks, and where `rsvg-convert` is installed it renders to a PNG.
    @Test func everyDataScenarioPlotsAndRenders() throws {
        if svgRenderer == nil { print("FrontierPlotTests: rsvg-convert is not installed (make test installs librsvg2-bin); the SVGs are checked as XML only") }
        let directory = try temporaryDirectory()
        for name in ["bill-jack.yaml", "blue-harbor-discrete.yaml", "pie.yaml", "cake-day.yaml", "river-basin.yaml", "trade-agreement.yaml", "shared-office.yaml"] {
            let svg = directory.appendingPathComponent(name + ".svg")
            let run = try AccordExecutable.run(["frontier", Repository.data(name), "-o", svg.path, "--quiet"])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let elements = try Self.elements(String(contentsOf: svg, encoding: .utf8))
            #expect(try !Self.frontierCircles(elements).isEmpty, "\(name): no frontier point drawn")
            guard let rendered = try renderPNG(svg, to: directory.appendingPathComponent(name + ".png")) else { continue }
            #expect(rendered.status == 0, "\(name): rsvg-convert failed")
            let bytes = rendered.png
            #expect(bytes.count > 5_000 && bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name): not a PNG of a plot")
        }
    }

    /// Reservations of 0.99 leave Blue Harbor no acceptable package: the plot says why, has no
    /// frontier mark, and the table beside it is the empty frontier (exit 0).
    @Test func aScenarioWithoutAgreementZoneSaysSo() throws {
        let directory = try temporaryDirectory()
        let text = try String(contentsOfFile: Repository.data("blue-harbor-discrete.yaml"), encoding: .utf8)
        let raised = text.replacingOccurrences(of: #"reservation:\s*[0-9.]+"#, with: "reservation: 0.99", options: .regularExpression)
        #expect(raised != text)
        let scenario = directory.appendingPathComponent("no-zone.yaml")
        try raised.write(to: scenario, atomically: true, encoding: .utf8)
        let svg = directory.appendingPathComponent("no-zone.svg").path
        let run = try AccordExecutable.run(["frontier", scenario.path, "--format", "json", "--plot", svg])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"points\": []"))
        let elements = try Self.elements(String(contentsOfFile: svg, encoding: .utf8))
        #expect(try Self.frontierCircles(elements).isEmpty)
        #expect(elements.contains { $0.name == "text" && $0.text.hasPrefix("no agreement zone") })
    }

    /// Usage mistakes exit 64 before anything is written; an unwritable plot exits 74 and
    /// writes no table either.
    @Test func badPlotRequestsAreRefused() throws {
        let directory = try temporaryDirectory()
        let notSVG = try AccordExecutable.run(["frontier", Repository.data("bill-jack.yaml"), "--plot", directory.appendingPathComponent("plot.png").path])
        #expect(notSVG.status == 64 && notSVG.stderr.contains("ending in .svg"))
        let many = try AccordExecutable.run(["frontier", Repository.data("climate-195.yaml"), "--plot", directory.appendingPathComponent("c.svg").path])
        #expect(many.status == 64 && many.stderr.contains("195 parties") && many.stderr.contains("at most 6"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("c.svg").path))
        let table = directory.appendingPathComponent("table.csv").path
        let unwritable = try AccordExecutable.run(["frontier", Repository.data("bill-jack.yaml"), "--plot", "/nonexistent/dir/p.svg", "-o", table])
        #expect(unwritable.status == 74)
        #expect(!FileManager.default.fileExists(atPath: table))
    }

    // MARK: Reading SVG back

    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        var classes: [String]
    }

    /// Every element of an XML document, with its text and the classes of its enclosing groups;
    /// throws when the document is not well-formed.
    static func elements(_ document: String) throws -> [Element] {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [Element] = []
            var open: [Int] = []
            var groupClasses: [String] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "g" { groupClasses.append(attributes["class"] ?? "") }
                elements.append(Element(name: name, attributes: attributes, text: "", classes: groupClasses))
                open.append(elements.count - 1)
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if let last = open.last { elements[last].text += string }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                open.removeLast()
                if name == "g" { groupClasses.removeLast() }
            }
        }
        let parser = XMLParser(data: Data(document.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return collector.elements
    }

    /// The centres of the frontier's points, in document order.
    static func frontierCircles(_ elements: [Element]) throws -> [(x: Double, y: Double)] {
        elements.filter { $0.name == "circle" && $0.classes.contains("frontier-points") }.compactMap { element in
            guard let x = element.attributes["cx"].flatMap(Double.init), let y = element.attributes["cy"].flatMap(Double.init) else { return nil }
            return (x, y)
        }
    }
}
