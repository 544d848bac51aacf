import AccordModel
import AccordSpace
import AccordSolutions
import Foundation

/// A tornado (`accord sensitivity --tornado 20%`): every number of the scenario that moves its
/// bargaining solutions (`SensitivityParameter.all(in:)`) moved alone from `(1 − f)·v` to
/// `(1 + f)·v` (by `f·|v|` for a negative value), and for each: the Nash solution at both ends,
/// the range of each party's Nash utility over the whole interval, whether the Nash package
/// changes in it, and the swing — the widest of those ranges. Entries are sorted by swing,
/// largest first.
///
/// On discrete scenarios the ranges are exact: the crossovers of the interval are computed
/// (`Crossovers`), between them the package is fixed and its utilities are affine in the
/// number, so each party's extremes are at the ends of those stretches. Elsewhere (range or
/// divisible issues, `normalize: true`, too many candidates) the interval is solved at
/// `sampledSteps` evenly spaced values and the ranges are those of the samples
/// (`Entry.crossovers` is `nil`, `note` says why).
public struct Tornado: Sendable {
    public struct Entry: Sendable {
        public let parameter: SensitivityParameter
        /// The number as given, and the ends it is moved to.
        public let value: Double
        public let low: Double
        public let high: Double
        public let nashLow: SolutionResult
        public let nashHigh: SolutionResult
        /// Each party's utility at the two ends: of the Nash package, or without agreement its
        /// disagreement utility there.
        public let utilitiesLow: [Double]
        public let utilitiesHigh: [Double]
        /// Each party's Nash utility over `[low, high]`, smallest to largest (no agreement: its
        /// disagreement utility).
        public let ranges: [ClosedRange<Double>]
        /// Where in `[low, high]` the Nash package changes, exact; `nil` where the interval was
        /// sampled.
        public let crossovers: [Double]?
        public let packageChanges: Bool

        /// The largest change of any party's Nash utility over the interval.
        public var swing: Double { ranges.map { $0.upperBound - $0.lowerBound }.max() ?? 0 }
    }

    /// Solves per number where the interval is sampled instead of exact.
    public static let sampledSteps = 11

    public let scenario: Scenario
    /// The fraction each number moves by (0.2 for ±20%).
    public let fraction: Double
    /// The Nash solution at the numbers as given.
    public let base: BargainingSolution
    /// Sorted by swing, largest first (ties in parameter order).
    public let entries: [Entry]
    /// The numbers that are 0 (±f of 0 is 0): not moved, not listed.
    public let unmoved: [String]
    /// Why some ranges are sampled rather than exact; `nil` when every one is exact.
    public let note: String?
    public let seconds: Double

    /// Runs the tornado; `parameterDone` is called after each number (progress).
    /// - Throws: `SensitivityError` when `fraction` is not in (0, 1) or a solve is refused.
    public init(
        scenario: Scenario, fraction: Double, settings: SolverSettings = SolverSettings(), file: String,
        parameterDone: (() -> Void)? = nil
    ) throws(SensitivityError) {
        let start = Date()
        guard fraction > 0, fraction < 1 else {
            throw SensitivityError("the tornado moves each number by a percentage above 0% and below 100%; found \(formatNumber(fraction * 100))%")
        }
        self.scenario = scenario
        self.fraction = fraction
        base = try Self.nash(scenario, file: file, settings: settings, what: "the scenario as given")
        var entries: [Entry] = [], unmoved: [String] = [], notes: Set<String> = []
        for parameter in SensitivityParameter.all(in: scenario) {
            let value = parameter.value(in: scenario)
            guard value != 0 else {
                unmoved.append(parameter.path)
                parameterDone?()
                continue
            }
            let (low, high) = (value - fraction * abs(value), value + fraction * abs(value))
            let lowSolution = try Self.nash(parameter.applied(low, to: scenario), file: file, settings: settings, what: "\(parameter.path) = \(formatNumber(low))")
            let highSolution = try Self.nash(parameter.applied(high, to: scenario), file: file, settings: settings, what: "\(parameter.path) = \(formatNumber(high))")
            let nashLow = lowSolution.solutions[0].result, nashHigh = highSolution.solutions[0].result
            let utilitiesLow = nashLow.agreement?.utilities ?? lowSolution.disagreement
            let utilitiesHigh = nashHigh.agreement?.utilities ?? highSolution.disagreement
            do {
                let exact = try Crossovers.utilityRanges(scenario: scenario, parameter: parameter, from: low, to: high, concept: .nash, settings: settings)
                entries.append(Entry(parameter: parameter, value: value, low: low, high: high, nashLow: nashLow, nashHigh: nashHigh,
                                     utilitiesLow: utilitiesLow, utilitiesHigh: utilitiesHigh,
                                     ranges: exact.ranges, crossovers: exact.crossovers.map(\.value), packageChanges: !exact.crossovers.isEmpty))
            } catch {
                notes.insert(error.description)
                var samples = [lowSolution]
                for k in 1..<(Self.sampledSteps - 1) {
                    let t = low + (high - low) * Double(k) / Double(Self.sampledSteps - 1)
                    samples.append(try Self.nash(parameter.applied(t, to: scenario), file: file, settings: settings, what: "\(parameter.path) = \(formatNumber(t))"))
                }
                samples.append(highSolution)
                let utilities = samples.map { $0.solutions[0].result.agreement?.utilities ?? $0.disagreement }
                let ranges = scenario.parties.indices.map { j in (utilities.map { $0[j] }.min() ?? 0)...(utilities.map { $0[j] }.max() ?? 0) }
                let packages = samples.map { $0.solutions[0].result.agreement?.package }
                let changes = zip(packages, packages.dropFirst()).contains { !Self.samePackage($0, $1, in: scenario) }
                entries.append(Entry(parameter: parameter, value: value, low: low, high: high, nashLow: nashLow, nashHigh: nashHigh,
                                     utilitiesLow: utilitiesLow, utilitiesHigh: utilitiesHigh,
                                     ranges: ranges, crossovers: nil, packageChanges: changes))
            }
            parameterDone?()
        }
        self.entries = entries.enumerated().sorted { ($0.element.swing, $1.offset) > ($1.element.swing, $0.offset) }.map(\.element)
        self.unmoved = unmoved
        note = notes.isEmpty ? nil : "ranges from \(Self.sampledSteps) solves per number, not exact: " + notes.sorted().joined(separator: "; ")
        seconds = Date().timeIntervalSince(start)
    }

    private static func nash(_ scenario: Scenario, file: String, settings: SolverSettings, what: String) throws(SensitivityError) -> BargainingSolution {
        let solution = try Sweep.solve(scenario, concepts: [.nash], file: file, settings: settings, what: what)
        // Callers read `solutions[0]`, the Nash solution asked for.
        guard solution.solutions.first?.concept == .nash else { throw SensitivityError("\(what): no Nash solution was computed") }
        return solution
    }

    /// Whether two packages are the same agreement: the same options, and numbers and shares
    /// within 10^-3 of each other (of the issue's width for a range): a continuous solution
    /// moves a little with every number, which is not a change of package (a share moving by
    /// a tenth of a percentage point is the same split for people).
    static func samePackage(_ a: [IssueValue]?, _ b: [IssueValue]?, in scenario: Scenario) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return scenario.issues.indices.allSatisfy { sameValue(a[$0], b[$0], of: scenario.issues[$0]) }
    }

    /// Whether two values of `issue` are the same term (`samePackage`).
    public static func sameValue(_ a: IssueValue, _ b: IssueValue, of issue: Issue) -> Bool {
        switch (a, b, issue.domain) {
        case (.option(let x), .option(let y), _): return x == y
        case (.number(let x), .number(let y), .range(let lower, let upper)): return abs(x - y) <= 1e-3 * max(upper - lower, 1e-300)
        case (.shares(let x), .shares(let y), _): return zip(x, y).allSatisfy { abs($0 - $1) <= 1e-3 }
        default: return false
        }
    }
}
