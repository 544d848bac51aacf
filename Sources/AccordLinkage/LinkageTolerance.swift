import AccordModel
import AccordSpace

/// How finely a linkage analysis with range or divisible issues tells numbers apart. Its answers
/// come from concave solves (the interior point and LPs) certified to duality gaps of about
/// 1e-9, so differences below these thresholds are rounding, not negotiation. A discrete
/// analysis compares exact utilities and needs none.
package enum LinkageTolerance {
    /// Utilities, and their changes, closer than `utility · max(1, |u|)` are equal.
    package static let utility = 1e-9
    /// A share, or a range's value in units of its width, moves only by more than this.
    package static let value = 1e-7
}

extension Scenario {
    /// Whether issue `j` takes different values in two packages: another option, a range's
    /// value further apart than `LinkageTolerance.value` of its width, or a share of a divisible
    /// issue further apart than `LinkageTolerance.value`. Exact for discrete issues.
    package func linkageValuesDiffer(_ a: IssueValue, _ b: IssueValue, issue j: Int) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            var width = 1.0
            if case .range(let lower, let upper) = issues[j].domain { width = upper - lower }
            return abs(x - y) > LinkageTolerance.value * width
        case (.shares(let x), .shares(let y)):
            return zip(x, y).contains { abs($0 - $1) > LinkageTolerance.value }
        default:
            return a != b
        }
    }

    /// Whether a package crosses no red line of any party: no forbidden option or combination,
    /// every range within its parties' bounds and every party's own share of a divisible issue
    /// within its bounds (all within `LinkageTolerance.value`). A divisible issue that is not
    /// divided (every share 0, its status quo when none is given) has no shares for a bound to
    /// speak to.
    ///
    /// - Complexity: O(red lines · issues in a combination).
    func allowsLinkagePackage(_ package: [IssueValue]) -> Bool {
        preferences.indices.allSatisfy { i in
            preferences[i].redLines.allSatisfy { line in
                switch line {
                case .forbid(let issue, let options):
                    return !options.contains { package[issue] == .option($0) }
                case .forbidCombination(let choices):
                    return !choices.allSatisfy { package[$0.issue] == .option($0.option) }
                case .bounds(let issue, let minimum, let maximum):
                    let value: Double
                    switch package[issue] {
                    case .number(let x): value = x
                    case .shares(let shares) where shares.reduce(0, +) > 0: value = shares[i]
                    case .shares, .option: return true
                    }
                    return (minimum.map { value >= $0 - LinkageTolerance.value } ?? true)
                        && (maximum.map { value <= $0 + LinkageTolerance.value } ?? true)
                }
            }
        }
    }
}
