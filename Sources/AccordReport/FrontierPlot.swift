import AccordModel
import AccordSolutions
import Foundation

/// A picture of a Pareto frontier: each party's utility on an axis named after it, the
/// frontier's points (or its exact curve), the agreement zone above the disagreement point,
/// the ideal point and the solutions, each marked and labelled, with a legend. Two parties make
/// one plot; three to `maximumParties` a matrix of the pairwise projections (party against
/// party, one panel per pair, labels in the legend).
public struct FrontierPlot: Sendable {
    /// The most parties a plot shows: beyond, a matrix of pairwise panels is no longer readable.
    public static let maximumParties = 6

    public var title: String
    /// What the points are, under the title (`16 Pareto-optimal packages`).
    public var subtitle: String
    public var parties: [Party]
    /// The frontier's points, each party's utility.
    public var points: [[Double]]
    /// Whether the points are the vertices of the exact frontier curve, joined by straight lines.
    public var isCurve: Bool
    /// Whether the points are only a sample of a continuous frontier.
    public var isSample: Bool
    public var disagreement: [Double]
    /// Each party's best utility on the frontier; `nil` where the points are only a sample.
    public var ideal: [Double]?
    public var solutions: [(concept: SolutionConcept, utilities: [Double])]

    public init(
        title: String, subtitle: String, parties: [Party], points: [[Double]], isCurve: Bool, isSample: Bool, disagreement: [Double],
        ideal: [Double]?, solutions: [(concept: SolutionConcept, utilities: [Double])]
    ) {
        self.title = title
        self.subtitle = subtitle
        self.parties = parties
        self.points = points
        self.isCurve = isCurve
        self.isSample = isSample
        self.disagreement = disagreement
        self.ideal = ideal
        self.solutions = solutions
    }

    /// The plot of a solve: its discrete frontier or exact curve, with `sample` as the points
    /// where the frontier is only sampled (three or more parties on continuous issues).
    public init(report: BargainingSolution, sample: ContinuousFrontier? = nil) {
        var points: [[Double]] = []
        var isCurve = false, isExact = true
        var subtitle: String
        if let sample {
            points = sample.points.map(\.utilities)
            isCurve = sample.kind == .curve
            isExact = isCurve
            subtitle = isCurve ? "the exact Pareto frontier (\(points.count) vertices, linear between them)" : "\(points.count) Pareto-optimal points, a sample of a continuous frontier"
        } else if let curve = report.curve {
            points = curve.map(\.utilities)
            isCurve = true
            subtitle = "the exact Pareto frontier (\(points.count) vertices, linear between them)"
        } else if let frontier = report.frontier {
            points = (0..<frontier.count).map { frontier.utilities(at: $0) }
            subtitle = "\(groupedInteger(points.count)) Pareto-optimal acceptable package\(points.count == 1 ? "" : "s")"
        } else {
            isExact = false
            subtitle = "no frontier points"
        }
        if points.isEmpty, let reason = report.noAgreementReason?.text(in: report.scenario) { subtitle = reason }
        let n = report.scenario.parties.count
        let ideal = isExact && !points.isEmpty ? (0..<n).map { i in points.map { $0[i] }.max() ?? 0 } : nil
        let solutions = report.solutions.compactMap { entry in entry.result.agreement.map { (entry.concept, $0.utilities) } }
        self.init(
            title: report.scenario.name, subtitle: subtitle, parties: report.scenario.parties, points: points, isCurve: isCurve,
            isSample: !isExact && !points.isEmpty, disagreement: report.disagreement, ideal: ideal, solutions: solutions)
    }

    /// The plot as an SVG document.
    public var svg: String {
        parties.count <= 2 ? singlePanel() : matrix()
    }

    // MARK: Styles

    /// The solutions' marks: color and shape, one each, as in the legend.
    static func style(_ concept: SolutionConcept) -> (color: String, shape: Shape) {
        switch concept {
        case .nash: return ("#d62728", .star)
        case .kalaiSmorodinsky: return ("#2ca02c", .triangle)
        case .egalitarian: return ("#ff7f0e", .square)
        case .utilitarian: return ("#9467bd", .diamond)
        }
    }

    static let frontierColor = "#1f77b4"
    static let zoneColor = "#e8f4e8"

    enum Shape {
        case star, triangle, square, diamond, cross, ring
    }

    /// The solutions at each distinct point, with one label for those that coincide
    /// (`Nash = Kalai–Smorodinsky`).
    var solutionGroups: [(label: String, utilities: [Double], concepts: [SolutionConcept])] {
        var groups: [(label: String, utilities: [Double], concepts: [SolutionConcept])] = []
        for (concept, utilities) in solutions {
            if let index = groups.firstIndex(where: { zip($0.utilities, utilities).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($0)) } }) {
                groups[index].concepts.append(concept)
                groups[index].label += " = " + concept.title
            } else {
                groups.append((concept.title, utilities, [concept]))
            }
        }
        return groups
    }

    // MARK: Two parties

    private func singlePanel() -> String {
        let frame = Rect(x: 80, y: 70, width: 500, height: 450)
        let width = max(frame.maxX + 30 + legendWidth + 20, 640), height = 600.0
        var svg = SVGWriter(width: width, height: height)
        svg.heading(title, subtitle, width: width)
        let x = 0, y = parties.count > 1 ? 1 : 0
        let panel = Panel(plot: self, x: x, y: y, frame: frame, ticks: 8)
        panel.draw(&svg, fontSize: 12)
        svg.element("text", ["x": SVGWriter.number(frame.x + frame.width / 2), "y": SVGWriter.number(frame.maxY + 46),
                             "text-anchor": "middle", "font-size": "14"], text: axisTitle(x))
        svg.element("text", ["x": "22", "y": SVGWriter.number(frame.y + frame.height / 2), "text-anchor": "middle", "font-size": "14",
                             "transform": "rotate(-90 22 \(SVGWriter.number(frame.y + frame.height / 2)))"], text: axisTitle(y))
        // Labels next to the marks, each placed where it covers no other label or mark.
        var layout = LabelLayout(bounds: frame)
        let marks = panel.marks
        for mark in marks { layout.reserve(mark.box) }
        for mark in marks where mark.label != nil {
            let placed = layout.place(mark.label ?? "", at: mark.center, fontSize: 12)
            // A label pushed away from its mark by others is tied to it by a thin line.
            if let box = layout.labels.last {
                let nearest = Point(x: min(max(mark.center.x, box.x), box.maxX), y: min(max(mark.center.y, box.y), box.maxY))
                let distance = hypot(nearest.x - mark.center.x, nearest.y - mark.center.y)
                if distance > 18 {
                    // From the mark's edge (10 px out) to the label's nearest point.
                    let start = Point(x: mark.center.x + (nearest.x - mark.center.x) * 10 / distance,
                                      y: mark.center.y + (nearest.y - mark.center.y) * 10 / distance)
                    svg.element("line", ["x1": SVGWriter.number(start.x), "y1": SVGWriter.number(start.y), "x2": SVGWriter.number(nearest.x),
                                         "y2": SVGWriter.number(nearest.y), "stroke": "#888", "stroke-width": "0.8"])
                }
            }
            svg.element("text", ["x": SVGWriter.number(placed.x), "y": SVGWriter.number(placed.y), "font-size": "12", "fill": "#222"],
                        text: mark.label ?? "")
        }
        legend(&svg, x: frame.maxX + 30, y: frame.y)
        return svg.document
    }

    /// `Country A (A) utility`, or `A utility` for a party without a name.
    func axisTitle(_ party: Int) -> String {
        let id = parties[party].id
        return (parties[party].name.map { "\($0) (\(id))" } ?? id) + " utility"
    }

    /// The width of the legend's box.
    var legendWidth: Double { 46 + (legendRows.map { LabelLayout.size($0.text, fontSize: 12).width }.max() ?? 100) }

    /// The legend: one row per kind of mark.
    private func legend(_ svg: inout SVGWriter, x: Double, y: Double) {
        let rows = legendRows
        let height = Double(rows.count) * 24 + 16
        svg.element("rect", ["x": SVGWriter.number(x - 8), "y": SVGWriter.number(y - 4), "width": SVGWriter.number(legendWidth),
                             "height": SVGWriter.number(height), "fill": "white", "stroke": "#bbb", "rx": "4"])
        for (index, row) in rows.enumerated() {
            let center = Point(x: x + 12, y: y + 16 + Double(index) * 24)
            row.draw(&svg, center)
            svg.element("text", ["x": SVGWriter.number(x + 30), "y": SVGWriter.number(center.y + 4), "font-size": "12"], text: row.text)
        }
    }

    /// The legend's rows: how to draw each mark, and its text.
    private var legendRows: [(draw: (inout SVGWriter, Point) -> Void, text: String)] {
        var rows: [(draw: (inout SVGWriter, Point) -> Void, text: String)] = []
        rows.append(({ svg, at in
            if isCurve {
                svg.element("line", ["x1": SVGWriter.number(at.x - 9), "y1": SVGWriter.number(at.y), "x2": SVGWriter.number(at.x + 9),
                                     "y2": SVGWriter.number(at.y), "stroke": Self.frontierColor, "stroke-width": "2.5"])
            }
            Self.mark(&svg, .ring, at: at, color: Self.frontierColor, size: 3.5, filled: true)
        }, isCurve ? "Pareto frontier (exact curve)" : isSample ? "Pareto-optimal points (a sample)" : "Pareto frontier"))
        rows.append(({ svg, at in
            svg.element("rect", ["x": SVGWriter.number(at.x - 9), "y": SVGWriter.number(at.y - 6), "width": "18", "height": "12",
                                 "fill": Self.zoneColor, "stroke": "#9c9"])
        }, "agreement zone (all ≥ d)"))
        rows.append(({ svg, at in Self.mark(&svg, .cross, at: at, color: "#000", size: 6, filled: true) }, "disagreement point d"))
        if ideal != nil { rows.append(({ svg, at in Self.mark(&svg, .ring, at: at, color: "#555", size: 6, filled: false) }, "ideal point")) }
        for (concept, _) in solutions {
            let style = Self.style(concept)
            rows.append(({ svg, at in Self.mark(&svg, style.shape, at: at, color: style.color, size: 7, filled: true) }, concept.title))
        }
        return rows
    }

    // MARK: Three or more parties

    /// Panels of every pair (row: party `j`, column: party `i < j`), the lower triangle of a
    /// matrix whose diagonal names the parties.
    private func matrix() -> String {
        let n = parties.count
        let cell = 210.0, gap = 26.0, left = 60.0, top = 70.0
        let names = parties.map(\.legendEntry)
        let side = max(legendWidth, names.map { LabelLayout.size($0, fontSize: 12).width }.max() ?? 0) + 30
        let width = left + Double(n - 1) * (cell + gap) + side, height = top + Double(n - 1) * (cell + gap) + 40
        var svg = SVGWriter(width: width, height: height)
        svg.heading(title, subtitle, width: width)
        for j in 1..<n {
            for i in 0..<j {
                let frame = Rect(x: left + Double(i) * (cell + gap), y: top + Double(j - 1) * (cell + gap), width: cell, height: cell - 20)
                Panel(plot: self, x: i, y: j, frame: frame, ticks: 4).draw(&svg, fontSize: 9)
                svg.element("text", ["x": SVGWriter.number(frame.x + frame.width / 2), "y": SVGWriter.number(frame.y - 5),
                                     "text-anchor": "middle", "font-size": "11", "font-weight": "bold"],
                            text: "\(parties[j].id) (up) against \(parties[i].id) (right)")
            }
        }
        // Who the ids are, above the legend.
        var y = top
        for name in names {
            svg.element("text", ["x": SVGWriter.number(width - side + 10), "y": SVGWriter.number(y), "font-size": "12"], text: name)
            y += 18
        }
        legend(&svg, x: width - side + 18, y: y + 10)
        return svg.document
    }

    // MARK: Marks

    /// Draws a mark of `shape` centred at `at`, `size` its half-width in pixels.
    static func mark(_ svg: inout SVGWriter, _ shape: Shape, at: Point, color: String, size: Double, filled: Bool) {
        let fill = filled ? color : "white"
        let n = SVGWriter.number
        switch shape {
        case .ring:
            svg.element("circle", ["cx": n(at.x), "cy": n(at.y), "r": n(size), "fill": fill, "stroke": color, "stroke-width": filled ? "0.8" : "2"])
        case .square:
            svg.element("rect", ["x": n(at.x - size * 0.8), "y": n(at.y - size * 0.8), "width": n(size * 1.6), "height": n(size * 1.6),
                                 "fill": fill, "stroke": "#222", "stroke-width": "0.8"])
        case .diamond:
            svg.element("polygon", ["points": polygon([(0, -1), (1, 0), (0, 1), (-1, 0)], at: at, size: size), "fill": fill, "stroke": "#222", "stroke-width": "0.8"])
        case .triangle:
            svg.element("polygon", ["points": polygon([(0, -1.1), (1, 0.75), (-1, 0.75)], at: at, size: size), "fill": fill, "stroke": "#222", "stroke-width": "0.8"])
        case .star:
            let corners = (0..<10).map { k -> (Double, Double) in
                let angle = Double.pi / 2 + Double(k) * Double.pi / 5, radius = k % 2 == 0 ? 1.15 : 0.5
                return (radius * cos(angle), -radius * sin(angle))
            }
            svg.element("polygon", ["points": polygon(corners, at: at, size: size), "fill": fill, "stroke": "#222", "stroke-width": "0.8"])
        case .cross:
            for (dx, dy) in [(1.0, 1.0), (1.0, -1.0)] {
                svg.element("line", ["x1": n(at.x - dx * size), "y1": n(at.y - dy * size), "x2": n(at.x + dx * size), "y2": n(at.y + dy * size),
                                     "stroke": color, "stroke-width": "2.5"])
            }
        }
    }

    private static func polygon(_ corners: [(Double, Double)], at: Point, size: Double) -> String {
        corners.map { "\(SVGWriter.number(at.x + $0.0 * size)),\(SVGWriter.number(at.y + $0.1 * size))" }.joined(separator: " ")
    }
}

struct Point {
    var x: Double
    var y: Double
}

struct Rect {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    func contains(_ other: Rect) -> Bool {
        other.x >= x && other.maxX <= maxX && other.y >= y && other.maxY <= maxY
    }
}

/// An axis over the values with a margin of 4% of their span on each side (1 when they are all
/// equal), ticks at round numbers within it: steps of 1, 2, 2.5 or 5 times a power of ten,
/// about `count` of them.
struct Axis {
    var lower: Double
    var upper: Double
    var ticks: [Double]

    init(values: [Double], count: Int) {
        var low = values.min() ?? 0, high = values.max() ?? 1
        if !(high - low > 1e-12 * max(1, abs(high))) {
            low -= 0.5
            high += 0.5
        }
        let step = Self.step(for: (high - low) / Double(max(count - 1, 1)))
        let pad = 0.04 * (high - low)
        lower = low - pad
        upper = high + pad
        let first = (lower / step).rounded(.up), last = (upper / step).rounded(.down)
        ticks = first <= last ? (0...Int(last - first)).map { (first + Double($0)) * step } : []
    }

    /// The smallest round step (1, 2, 2.5 or 5 × 10^k) of at least `raw`.
    static func step(for raw: Double) -> Double {
        let power = pow(10, (log10(raw)).rounded(.down))
        for factor in [1.0, 2, 2.5, 5, 10] where factor * power >= raw * (1 - 1e-12) { return factor * power }
        return 10 * power
    }

    /// A tick's label: as many decimals as the step needs (`0.25`, `1.5`, `40`).
    func label(_ value: Double) -> String {
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : Self.step(for: max(abs(value), 1e-12))
        var decimals = 0
        while decimals < 8 && abs((step * pow(10, Double(decimals))).rounded() - step * pow(10, Double(decimals))) > 1e-6 { decimals += 1 }
        let text = String(format: "%.\(decimals)f", abs(value) < step * 1e-9 ? 0 : value)
        return text
    }
}

/// One panel: party `x` against party `y`, in `frame`.
struct Panel {
    struct Mark {
        var center: Point
        var box: Rect
        var label: String?
    }

    let plot: FrontierPlot
    let x: Int
    let y: Int
    let frame: Rect
    let xAxis: Axis
    let yAxis: Axis

    init(plot: FrontierPlot, x: Int, y: Int, frame: Rect, ticks: Int) {
        self.plot = plot
        self.x = x
        self.y = y
        self.frame = frame
        var all = plot.points + [plot.disagreement] + plot.solutions.map(\.utilities)
        if let ideal = plot.ideal { all.append(ideal) }
        xAxis = Axis(values: all.map { $0[x] }, count: ticks)
        yAxis = Axis(values: all.map { $0[y] }, count: ticks)
    }

    func position(_ utilities: [Double]) -> Point {
        Point(x: frame.x + (utilities[x] - xAxis.lower) / (xAxis.upper - xAxis.lower) * frame.width,
              y: frame.maxY - (utilities[y] - yAxis.lower) / (yAxis.upper - yAxis.lower) * frame.height)
    }

    /// The marks that carry a label or must not be covered by one: disagreement, ideal, solutions.
    var marks: [Mark] {
        var marks: [Mark] = []
        func add(_ utilities: [Double], label: String?, size: Double) {
            let center = position(utilities)
            marks.append(Mark(center: center, box: Rect(x: center.x - size, y: center.y - size, width: 2 * size, height: 2 * size), label: label))
        }
        add(plot.disagreement, label: "d", size: 7)
        if let ideal = plot.ideal { add(ideal, label: "ideal", size: 7) }
        for group in plot.solutionGroups { add(group.utilities, label: group.label, size: 8) }
        return marks
    }

    func draw(_ svg: inout SVGWriter, fontSize: Double) {
        let n = SVGWriter.number
        // The agreement zone (every utility at least the disagreement point's), under the grid.
        let d = position(plot.disagreement)
        svg.element("rect", ["x": n(d.x), "y": n(frame.y), "width": n(max(0, frame.maxX - d.x)), "height": n(max(0, d.y - frame.y)),
                             "fill": FrontierPlot.zoneColor, "class": "agreement-zone"])
        // Grid and tick labels.
        for tick in xAxis.ticks {
            let px = frame.x + (tick - xAxis.lower) / (xAxis.upper - xAxis.lower) * frame.width
            svg.element("line", ["x1": n(px), "y1": n(frame.y), "x2": n(px), "y2": n(frame.maxY), "stroke": "#d9d9d9", "stroke-width": "0.8"])
            svg.element("text", ["x": n(px), "y": n(frame.maxY + fontSize + 5), "text-anchor": "middle", "font-size": n(fontSize), "fill": "#444"],
                        text: xAxis.label(tick))
        }
        for tick in yAxis.ticks {
            let py = frame.maxY - (tick - yAxis.lower) / (yAxis.upper - yAxis.lower) * frame.height
            svg.element("line", ["x1": n(frame.x), "y1": n(py), "x2": n(frame.maxX), "y2": n(py), "stroke": "#d9d9d9", "stroke-width": "0.8"])
            svg.element("text", ["x": n(frame.x - 6), "y": n(py + fontSize / 3), "text-anchor": "end", "font-size": n(fontSize), "fill": "#444"],
                        text: yAxis.label(tick))
        }
        svg.element("rect", ["x": n(frame.x), "y": n(frame.y), "width": n(frame.width), "height": n(frame.height), "fill": "none", "stroke": "#555"])
        // The frontier.
        let order = plot.points.indices.sorted { plot.points[$0][x] < plot.points[$1][x] }
        if plot.isCurve, order.count > 1 {
            svg.element("polyline", ["points": order.map { let p = position(plot.points[$0]); return "\(n(p.x)),\(n(p.y))" }.joined(separator: " "),
                                     "fill": "none", "stroke": FrontierPlot.frontierColor, "stroke-width": "2.5", "class": "frontier-curve"])
        }
        svg.open(["class": "frontier-points", "fill": FrontierPlot.frontierColor])
        let radius = plot.points.count > 2_000 ? 1.5 : plot.points.count > 200 ? 2.5 : 3.5
        for index in order {
            let p = position(plot.points[index])
            svg.element("circle", ["cx": n(p.x), "cy": n(p.y), "r": n(radius)])
        }
        svg.close()
        // Disagreement, ideal and solutions on top.
        FrontierPlot.mark(&svg, .cross, at: d, color: "#000", size: 6, filled: true)
        if let ideal = plot.ideal { FrontierPlot.mark(&svg, .ring, at: position(ideal), color: "#555", size: 6, filled: false) }
        // Coinciding solutions are drawn smallest last, so that each stays visible; distinct
        // ones in reverse order, so that Nash's mark is on top where another nearly covers it.
        for group in plot.solutionGroups.reversed() {
            let at = position(group.utilities)
            for (rank, concept) in group.concepts.enumerated() {
                let style = FrontierPlot.style(concept)
                FrontierPlot.mark(&svg, style.shape, at: at, color: style.color, size: 9 - 1.5 * Double(rank), filled: true)
            }
        }
    }
}

/// Places labels next to their marks, each at the first position around the mark (right, left,
/// above, below, the diagonals, then rows further up and down on either side) where it overlaps
/// no label placed before and no reserved box and stays inside `bounds`; where every position
/// is taken, at the one that overlaps least.
struct LabelLayout {
    let bounds: Rect
    private(set) var taken: [Rect] = []
    /// The boxes of the labels placed, in order.
    private(set) var labels: [Rect] = []

    init(bounds: Rect) {
        self.bounds = bounds
    }

    mutating func reserve(_ box: Rect) {
        taken.append(box)
    }

    /// The box a label of `text` takes (width from its length: about 0.6 em a character).
    static func size(_ text: String, fontSize: Double) -> (width: Double, height: Double) {
        (0.6 * fontSize * Double(text.count), fontSize * 1.1)
    }

    /// Where to write `text` (anchored at its start) for the mark at `center`: the start of its
    /// baseline.
    mutating func place(_ text: String, at center: Point, fontSize: Double) -> Point {
        let (width, height) = Self.size(text, fontSize: fontSize)
        let offset = 13.0
        // Right, left, above, below, then the diagonals; boxes from their top-left corner.
        let candidates: [(x: Double, y: Double)] = [
            (center.x + offset, center.y - height / 2), (center.x - offset - width, center.y - height / 2),
            (center.x - width / 2, center.y - offset - height), (center.x - width / 2, center.y + offset),
            (center.x + offset, center.y - offset - height), (center.x + offset, center.y + offset),
            (center.x - offset - width, center.y - offset - height), (center.x - offset - width, center.y + offset),
        ]
        let rows = (1...3).flatMap { k -> [(x: Double, y: Double)] in
            let dy = Double(k) * (height + 2)
            return [(center.x + offset, center.y - height / 2 - dy), (center.x + offset, center.y - height / 2 + dy),
                    (center.x - offset - width, center.y - height / 2 - dy), (center.x - offset - width, center.y - height / 2 + dy),
                    (center.x - width / 2, center.y - offset - height - dy), (center.x - width / 2, center.y + offset + dy)]
        }
        func overlap(_ candidate: (x: Double, y: Double)) -> Double {
            let box = Rect(x: candidate.x, y: candidate.y, width: width, height: height)
            let covered = taken.reduce(0.0) { total, other in
                let w = min(box.maxX, other.maxX) - max(box.x, other.x), h = min(box.maxY, other.maxY) - max(box.y, other.y)
                return total + (w > 0 && h > 0 ? w * h : 0)
            }
            return covered + (bounds.contains(box) ? 0 : width * height)
        }
        let all = candidates + rows
        let chosen = all.first { overlap($0) == 0 } ?? all.min { overlap($0) < overlap($1) } ?? candidates[0]
        let box = Rect(x: chosen.x, y: chosen.y, width: width, height: height)
        taken.append(box)
        labels.append(box)
        return Point(x: chosen.x, y: chosen.y + height * 0.8)
    }
}
