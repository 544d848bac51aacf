import AccordModel
import AccordSensitivity
import AccordSolutions
import Foundation

/// The plot of a tornado (`sensitivity --tornado 20% --plot FILE.svg`): the numbers with the
/// largest swing, one row each, largest first; one panel per party, where each row's bar spans
/// the party's Nash utility over the number's interval, a filled dot marks it at the low end
/// and a ring at the high end, and a vertical line the Nash utility at the numbers as given.
/// Bars are orange where the Nash package changes in the interval, blue where it stays.
public struct TornadoPlot: Sendable {
    /// The most parties a plot shows (one panel each).
    public static let maximumParties = 4
    /// The most numbers a plot shows, those with the largest swing.
    public static let rows = 20
    static let sameColor = "#7fa7d1"
    static let changeColor = "#f0a04b"

    let tornado: Tornado

    public init(tornado: Tornado) {
        self.tornado = tornado
    }

    /// The SVG document.
    public var svg: String {
        let scenario = tornado.scenario
        let shown = Array(tornado.entries.prefix(Self.rows))
        let labelSize = 12.0, rowHeight = 22.0, top = 96.0
        let labelWidth = 16 + (shown.map { LabelLayout.size($0.parameter.path, fontSize: labelSize).width }.max() ?? 80)
        let panelWidth = 240.0, gap = 26.0
        let parties = Array(scenario.parties.indices.prefix(Self.maximumParties))
        let plotHeight = Double(max(shown.count, 1)) * rowHeight
        let legendHeight = 40.0
        let width = max(labelWidth + Double(parties.count) * (panelWidth + gap) + 20, 620)
        let height = top + plotHeight + 50 + legendHeight
        var svg = SVGWriter(width: width, height: height)
        let percent = formatNumber(tornado.fraction * 100)
        let count = tornado.entries.count > shown.count ? "the \(shown.count) of \(tornado.entries.count) numbers with the largest swing" : "all \(shown.count) numbers, largest swing first"
        svg.heading("\(scenario.name): which numbers move the Nash solution?",
                    "each number moved ±\(percent)% alone — \(count)", width: width)
        let base = tornado.base.solutions[0].result.agreement?.utilities ?? tornado.base.disagreement
        for (column, party) in parties.enumerated() {
            let frame = Rect(x: labelWidth + Double(column) * (panelWidth + gap), y: top, width: panelWidth, height: plotHeight)
            let values = shown.flatMap { [$0.ranges[party].lowerBound, $0.ranges[party].upperBound] } + [base[party]]
            let axis = Axis(values: values, count: 4)
            let x = { (v: Double) in frame.x + (v - axis.lower) / (axis.upper - axis.lower) * frame.width }
            svg.element("rect", ["x": SVGWriter.number(frame.x), "y": SVGWriter.number(frame.y), "width": SVGWriter.number(frame.width),
                                 "height": SVGWriter.number(frame.height), "fill": "#fafafa", "stroke": "#999"])
            for tick in axis.ticks {
                svg.element("line", ["x1": SVGWriter.number(x(tick)), "x2": SVGWriter.number(x(tick)), "y1": SVGWriter.number(frame.y),
                                     "y2": SVGWriter.number(frame.maxY), "stroke": "#e4e4e4"])
                svg.element("text", ["x": SVGWriter.number(x(tick)), "y": SVGWriter.number(frame.maxY + 15), "text-anchor": "middle", "font-size": "11"],
                            text: axis.label(tick))
            }
            svg.element("text", ["x": SVGWriter.number(frame.x + frame.width / 2), "y": SVGWriter.number(frame.y - 10), "text-anchor": "middle",
                                 "font-size": "13", "font-weight": "bold"], text: scenario.parties[party].legendEntry)
            svg.element("text", ["x": SVGWriter.number(frame.x + frame.width / 2), "y": SVGWriter.number(frame.maxY + 32), "text-anchor": "middle",
                                 "font-size": "12"], text: "Nash utility")
            for (row, entry) in shown.enumerated() {
                let cy = frame.y + (Double(row) + 0.5) * rowHeight
                let range = entry.ranges[party]
                let color = entry.packageChanges ? Self.changeColor : Self.sameColor
                svg.element("rect", ["x": SVGWriter.number(x(range.lowerBound)), "y": SVGWriter.number(cy - 7),
                                     "width": SVGWriter.number(max(x(range.upperBound) - x(range.lowerBound), 1.5)), "height": "14", "fill": color])
                let low = entry.utilitiesLow[party], high = entry.utilitiesHigh[party]
                svg.element("circle", ["cx": SVGWriter.number(x(low)), "cy": SVGWriter.number(cy), "r": "3.5", "fill": "#333"])
                svg.element("circle", ["cx": SVGWriter.number(x(high)), "cy": SVGWriter.number(cy), "r": "3.5", "fill": "white", "stroke": "#333", "stroke-width": "1.5"])
            }
            svg.element("line", ["x1": SVGWriter.number(x(base[party])), "x2": SVGWriter.number(x(base[party])), "y1": SVGWriter.number(frame.y),
                                 "y2": SVGWriter.number(frame.maxY), "stroke": "#333", "stroke-width": "1.2"])
        }
        for (row, entry) in shown.enumerated() {
            let cy = top + (Double(row) + 0.5) * rowHeight
            svg.element("text", ["x": SVGWriter.number(labelWidth - 10), "y": SVGWriter.number(cy + 4), "text-anchor": "end", "font-size": "12"],
                        text: entry.parameter.path)
        }
        // Legend, one line under the panels.
        let ly = top + plotHeight + 58
        var lx = labelWidth
        svg.element("rect", ["x": SVGWriter.number(lx), "y": SVGWriter.number(ly - 8), "width": "18", "height": "12", "fill": Self.sameColor])
        svg.element("text", ["x": SVGWriter.number(lx + 24), "y": SVGWriter.number(ly + 2), "font-size": "12"], text: "same Nash package")
        lx += 160
        svg.element("rect", ["x": SVGWriter.number(lx), "y": SVGWriter.number(ly - 8), "width": "18", "height": "12", "fill": Self.changeColor])
        svg.element("text", ["x": SVGWriter.number(lx + 24), "y": SVGWriter.number(ly + 2), "font-size": "12"], text: "package changes")
        lx += 150
        svg.element("circle", ["cx": SVGWriter.number(lx + 6), "cy": SVGWriter.number(ly - 2), "r": "3.5", "fill": "#333"])
        svg.element("text", ["x": SVGWriter.number(lx + 16), "y": SVGWriter.number(ly + 2), "font-size": "12"], text: "−\(percent)%")
        lx += 70
        svg.element("circle", ["cx": SVGWriter.number(lx + 6), "cy": SVGWriter.number(ly - 2), "r": "3.5", "fill": "white", "stroke": "#333", "stroke-width": "1.5"])
        svg.element("text", ["x": SVGWriter.number(lx + 16), "y": SVGWriter.number(ly + 2), "font-size": "12"], text: "+\(percent)%")
        lx += 70
        svg.element("line", ["x1": SVGWriter.number(lx), "x2": SVGWriter.number(lx), "y1": SVGWriter.number(ly - 9), "y2": SVGWriter.number(ly + 4),
                             "stroke": "#333", "stroke-width": "1.2"])
        svg.element("text", ["x": SVGWriter.number(lx + 8), "y": SVGWriter.number(ly + 2), "font-size": "12"], text: "as given")
        return svg.document
    }
}
