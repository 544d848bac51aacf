import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace

extension Scenario {
    /// The lines of an agreement for people, indented two spaces: its package (or each package of
    /// a lottery with its probability), then utilities, gains and Nash product.
    func agreementLines(_ outcome: Outcome, utilities: [Double], gains: [Double], nashProduct: Double) -> [String] {
        let width = max(12, issues.map(\.id.count).max() ?? 0)
        func packageLines(_ package: [IssueValue], indent: String) -> [String] {
            package.enumerated().map { j, value in indent + BargainText.pad(issues[j].id, width) + "  " + describe(value, issue: j) }
        }
        var lines: [String] = []
        switch outcome {
        case .package(let package):
            lines += packageLines(package, indent: "  ")
        case .lottery(let shares):
            for share in shares {
                lines.append("  with probability \(formatNumber(share.probability)):")
                lines += packageLines(share.package, indent: "    ")
            }
        }
        lines.append("  " + BargainText.pad("utilities", width) + "  " + partyValues(utilities))
        lines.append("  " + BargainText.pad("gains", width) + "  " + partyValues(gains, format: signed))
        lines.append("  " + BargainText.pad("Nash product", width) + "  " + formatNumber(nashProduct))
        return lines
    }
}
