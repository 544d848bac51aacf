import AccordModel
import AccordSolutions

extension ContinuousFrontier {
    /// What the points are, for people.
    var title: String {
        switch kind {
        case .curve:
            return "\(scenario.name): the exact Pareto frontier, a polyline through \(points.count) vertices (linear between them)"
        case .sample:
            return "\(scenario.name): \(points.count) Pareto-optimal acceptable points, a sample of a continuous frontier"
        }
    }

    /// An aligned table: one row per point, party utilities then issue values.
    public var text: String {
        let header = scenario.parties.map(\.id) + scenario.issues.map(\.id)
        var rows = [header]
        for point in points {
            rows.append(point.utilities.map(formatNumber) + point.package.indices.map { scenario.describe(point.package[$0], issue: $0) })
        }
        return scenario.table(title, rows)
    }

    /// `{"scenario", "parties", "kind": "curve"|"sample", "points": [{"utilities", "package"}]}`.
    public var json: JSONValue {
        .object([
            ("scenario", .string(scenario.name)),
            ("parties", .array(scenario.parties.map { .string($0.id) })),
            ("kind", .string(kind.rawValue)),
            ("points", .array(points.map { .object([("utilities", .numbers($0.utilities)), ("package", scenario.json(package: $0.package))]) })),
        ])
    }

    /// One row per point: party utilities, then one column per issue (a divisible issue: one
    /// column per party share, named `issue.party`).
    public var csv: String {
        var header = scenario.parties.map(\.id)
        for issue in scenario.issues {
            if issue.domain == .divisible { header += scenario.parties.map { "\(issue.id).\($0.id)" } } else { header.append(issue.id) }
        }
        var lines = [header.map(csvField).joined(separator: ",")]
        for point in points {
            var cells = point.utilities.map(numberText)
            for (j, value) in point.package.enumerated() {
                if case .shares(let shares) = value { cells += shares.map(numberText) } else { cells.append(csvField(scenario.describe(value, issue: j))) }
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
