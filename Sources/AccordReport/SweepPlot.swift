import AccordModel
import AccordSensitivity
import AccordSolutions
import Foundation

/// The plot of a sweep (`sensitivity --vary … --plot FILE.svg`): one panel per solution, each
/// party's utility of that solution along the parameter (a line through the steps, broken where
/// there is no agreement), and the solution's exact crossovers as dashed vertical lines; the
/// parameter on the shared horizontal axis, a legend with the parties' names.
public struct SweepPlot: Sendable {
    /// The most parties a plot shows (one colour each).
    public static let maximumParties = 8
    static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"]

    let sweep: Sweep

    public init(sweep: Sweep) {
        self.sweep = sweep
    }

    /// The SVG document.
    public var svg: String {
        let scenario = sweep.scenario
        let concepts = sweep.steps.first?.solution.solutions.map(\.concept) ?? []
        let left = 70.0, top = 86.0, plotWidth = 560.0, panelHeight = 170.0, gap = 46.0
        let legendNames = scenario.parties.map(\.legendEntry)
        let legendWidth = 40 + (legendNames.map { LabelLayout.size($0, fontSize: 12).width }.max() ?? 60)
        let width = left + plotWidth + 30 + legendWidth + 20
        let height = top + Double(concepts.count) * (panelHeight + gap) + 20
        var svg = SVGWriter(width: width, height: height)
        svg.heading(
            "\(scenario.name): what if \(sweep.parameter.path) moves?",
            "each party's utility of each solution, \(sweep.steps.count) steps from \(formatNumber(sweep.from)) to \(formatNumber(sweep.to)); dashed: exact crossovers",
            width: width)
        let xAxis = Axis(values: [sweep.from, sweep.to], count: 6)
        let all = sweep.steps.flatMap { $0.solution.solutions.compactMap { $0.result.agreement?.utilities }.flatMap { $0 } }
        let yAxis = Axis(values: all.isEmpty ? [0, 1] : all, count: 4)
        for (row, concept) in concepts.enumerated() {
            let frame = Rect(x: left, y: top + Double(row) * (panelHeight + gap), width: plotWidth, height: panelHeight)
            let x = { (v: Double) in frame.x + (v - xAxis.lower) / (xAxis.upper - xAxis.lower) * frame.width }
            let y = { (v: Double) in frame.y + frame.height - (v - yAxis.lower) / (yAxis.upper - yAxis.lower) * frame.height }
            svg.element("rect", ["x": SVGWriter.number(frame.x), "y": SVGWriter.number(frame.y), "width": SVGWriter.number(frame.width),
                                 "height": SVGWriter.number(frame.height), "fill": "#fafafa", "stroke": "#999"])
            for tick in yAxis.ticks {
                svg.element("line", ["x1": SVGWriter.number(frame.x), "x2": SVGWriter.number(frame.x + frame.width), "y1": SVGWriter.number(y(tick)),
                                     "y2": SVGWriter.number(y(tick)), "stroke": "#e4e4e4"])
                svg.element("text", ["x": SVGWriter.number(frame.x - 6), "y": SVGWriter.number(y(tick) + 4), "text-anchor": "end", "font-size": "11"],
                            text: yAxis.label(tick))
            }
            for tick in xAxis.ticks {
                svg.element("text", ["x": SVGWriter.number(x(tick)), "y": SVGWriter.number(frame.y + frame.height + 15), "text-anchor": "middle",
                                      "font-size": "11"], text: xAxis.label(tick))
            }
            let crossovers = (sweep.crossovers ?? []).filter { $0.concept == concept }
            for crossover in crossovers {
                svg.element("line", ["x1": SVGWriter.number(x(crossover.value)), "x2": SVGWriter.number(x(crossover.value)),
                                     "y1": SVGWriter.number(frame.y), "y2": SVGWriter.number(frame.y + frame.height), "stroke": "#777",
                                     "stroke-dasharray": "4 3"])
            }
            let count = sweep.crossovers == nil ? "crossovers not computed" : "\(crossovers.count) crossover\(crossovers.count == 1 ? "" : "s")"
            svg.element("text", ["x": SVGWriter.number(frame.x), "y": SVGWriter.number(frame.y - 8), "font-size": "13", "font-weight": "bold"],
                        text: "\(concept.title) — \(count)")
            svg.element("text", ["x": SVGWriter.number(frame.x - 48), "y": SVGWriter.number(frame.y + frame.height / 2), "font-size": "11",
                                 "text-anchor": "middle", "transform": "rotate(-90 \(SVGWriter.number(frame.x - 48)) \(SVGWriter.number(frame.y + frame.height / 2)))"],
                        text: "utility")
            for party in scenario.parties.indices {
                // Runs of consecutive steps with an agreement, each one polyline.
                var runs: [[Point]] = [[]]
                for step in sweep.steps {
                    guard let utilities = step.solution.solutions.first(where: { $0.concept == concept })?.result.agreement?.utilities else {
                        if runs.last?.isEmpty == false { runs.append([]) }
                        continue
                    }
                    runs[runs.count - 1].append(Point(x: x(step.value), y: y(utilities[party])))
                }
                let color = Self.colors[party % Self.colors.count]
                for run in runs {
                    if run.count == 1, let only = run.first {
                        svg.element("circle", ["cx": SVGWriter.number(only.x), "cy": SVGWriter.number(only.y), "r": "2.5", "fill": color])
                    } else if run.count > 1 {
                        let points = run.map { "\(SVGWriter.number($0.x)),\(SVGWriter.number($0.y))" }.joined(separator: " ")
                        svg.element("polyline", ["points": points, "fill": "none", "stroke": color, "stroke-width": "2"])
                    }
                }
            }
        }
        let axisTitleY = top + Double(concepts.count) * (panelHeight + gap) - gap + 34
        svg.element("text", ["x": SVGWriter.number(left + plotWidth / 2), "y": SVGWriter.number(axisTitleY), "text-anchor": "middle", "font-size": "13"],
                    text: sweep.parameter.path)
        // Legend: one row per party.
        let lx = left + plotWidth + 30, ly = top
        svg.element("rect", ["x": SVGWriter.number(lx - 8), "y": SVGWriter.number(ly - 4), "width": SVGWriter.number(legendWidth),
                             "height": SVGWriter.number(Double(legendNames.count) * 22 + 30), "fill": "white", "stroke": "#bbb", "rx": "4"])
        for (index, name) in legendNames.enumerated() {
            let cy = ly + 14 + Double(index) * 22
            svg.element("line", ["x1": SVGWriter.number(lx), "x2": SVGWriter.number(lx + 20), "y1": SVGWriter.number(cy), "y2": SVGWriter.number(cy),
                                 "stroke": Self.colors[index % Self.colors.count], "stroke-width": "2.5"])
            svg.element("text", ["x": SVGWriter.number(lx + 28), "y": SVGWriter.number(cy + 4), "font-size": "12"], text: name)
        }
        let dashY = ly + 14 + Double(legendNames.count) * 22
        svg.element("line", ["x1": SVGWriter.number(lx), "x2": SVGWriter.number(lx + 20), "y1": SVGWriter.number(dashY), "y2": SVGWriter.number(dashY),
                             "stroke": "#777", "stroke-dasharray": "4 3"])
        svg.element("text", ["x": SVGWriter.number(lx + 28), "y": SVGWriter.number(dashY + 4), "font-size": "12"], text: "crossover")
        return svg.document
    }
}
