import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

/// What linkage gains are measured from.
public enum LinkageBaseline: String, Sendable, CaseIterable {
    /// `gains_i = u_i − u_i(status quo)` (DESIGN.md §1.4, the default).
    case statusQuo = "status_quo"
    /// `gains_i = u_i − reservation_i`.
    case reservation
}

/// What `linkage` computes and how.
public struct LinkageSettings: Sendable {
    /// Frontier method and enumeration limit of every frontier the analysis computes (the full
    /// scenario, each bundle of tracks, each relaxed red line), and the tie tolerance.
    public var solver = SolverSettings()
    /// What gains are measured from (default: the status quo).
    public var baseline = LinkageBaseline.statusQuo
    /// Number of packages in the menu near the Nash solution.
    public var top = 5
    /// Number of track partitions listed, best first.
    public var bundlings = 10
    /// The bundling search is exhaustive (exact) up to this many tracks, beam search above.
    public var exactBundlingLimit = 10
    /// Beam width of the bundling search above `exactBundlingLimit` tracks.
    public var beamWidth = 8
    /// Re-solve without each red line (one frontier per red line).
    public var redLines = true

    public init() {}
}

/// One track bargained alone (DESIGN.md §1.4).
public struct TrackSettlement: Sendable, Equatable {
    public var track: LinkageTrack
    /// Whether the track reached an agreement; when not, it stays at its status quo.
    public var reached: Bool
    /// Why not, when it did not.
    public var reason: NoAgreementReason?
    /// The track's outcome with every other track at its status quo.
    public var outcome: LinkageOutcome
}

/// The answer of `linkage` (DESIGN.md §1.4, §2.4): separate versus linked settlement, the value
/// of linkage, the logrolls, the best bundling of tracks, the packages near the Nash solution and
/// the red lines that bind.
///
/// All gains are over `baseline` (the status quo by default); Nash products are over the
/// disagreement point `d`.
public struct LinkageReport: Sendable {
    public var scenario: Scenario
    public var tracks: [LinkageTrack]
    public var disagreement: [Double]
    /// What the gains are measured from.
    public var baseline: LinkageBaseline
    /// The settings the analysis ran with (its `tieTolerance` also says when a change is 0).
    public var solver: SolverSettings
    /// The status quo package (gains 0 over the status-quo baseline).
    public var statusQuo: LinkageOutcome
    /// Each track bargained alone, in track order.
    public var perTrack: [TrackSettlement]
    /// The separate settlement: every issue as its track agreed alone. Its gains are the actual
    /// gains of that package; they equal the sum of the per-track gains unless interaction terms
    /// span tracks. It may even cross a red line that spans tracks (`isAcceptable` false).
    public var separate: LinkageOutcome
    /// The linked settlement: Nash over the package of all tracks (the status quo when the full
    /// scenario has no agreement).
    public var linked: LinkageOutcome
    /// Why there is no linked agreement, when there is none.
    public var linkedReason: NoAgreementReason?
    /// `linked.gains − separate.gains` per party.
    public var valueOfLinkage: [Double]
    /// `valueOfLinkage / |separate.gains| · 100`; `nil` when the separate gain is 0.
    public var valueOfLinkagePercent: [Double?]
    /// Parties that gain less from the linked package than from the separate settlement: they
    /// will resist the linkage.
    public var hurt: [Int]
    /// The issues on which the linked package differs from the separate settlement.
    public var logrolls: [Logroll]
    /// Per party, the change of interaction terms between the separate and the linked package.
    public var interactionChange: [Double]
    public var bundling: BundlingSearch
    /// The packages nearest the Nash solution by Nash product, best first.
    public var topPackages: [RankedPackage]
    /// `nil` when not requested.
    public var redLines: RedLineAnalysis?
    /// Number of bundles of tracks solved (each a frontier computation or a concave search).
    public var bundlesSolved: Int
    public var seconds: Double
}

public enum LinkageAnalysis {
    /// Analyses the linkage of a scenario with a status quo on every issue (a divisible issue
    /// without one is not divided: `Scenario.linkageStatusQuo`).
    ///
    /// 1. Each track alone: Nash over the track's issues, the other issues at their status quo,
    ///    against the scenario's disagreement point; a track without agreement stays at its
    ///    status quo. A track with range or divisible issues is a concave (or mixed) solve over
    ///    its issues (`Solver.solve`). The separate settlement puts the tracks' agreements
    ///    together.
    /// 2. Linked: Nash over all issues (the `solve` Nash solution).
    /// 3. Value of linkage, logrolls, best bundling (`TrackBundling`), top packages (with range
    ///    or divisible issues: the best discrete packages, each completed by its Nash solution
    ///    over the continuous issues), red lines.
    ///
    /// With additive utilities the linked Nash product is at least the separate one whenever the
    /// separate settlement is acceptable: it is then one of the packages the linked Nash
    /// maximizes over.
    ///
    /// - Throws: `ScenarioError.invalid` when a discrete or range issue has no status quo; the
    ///   errors of the solves (refusals, numerical trouble).
    /// - Complexity: one frontier or concave search per bundle of tracks (`2^T − 1` up to the
    ///   exact limit), one per red line, and those of the full scenario.
    public static func analyze(_ scenario: Scenario, file: String, settings: LinkageSettings = LinkageSettings()) throws(ScenarioError) -> LinkageReport {
        let clock = ContinuousClock()
        let start = clock.now
        let context = try LinkageContext(scenario: scenario, file: file, settings: settings.solver, baseline: settings.baseline)
        let tracks = context.tracks
        let allTracks = Array(tracks.indices)

        let linkedSettlement: BundleSettlement
        let top: [RankedPackage]
        if let space = context.space {
            let frontier = try context.frontier(of: space)
            linkedSettlement = context.settlement(of: allTracks, on: frontier)
            top = context.topPackages(on: frontier, k: max(settings.top, 0))
        } else {
            linkedSettlement = try context.settle(allTracks)
            top = linkedSettlement.reached ? try context.rankedPackages(k: max(settings.top, 0)) : []
        }
        let linked = context.outcome(of: linkedSettlement.package)

        var perTrack: [TrackSettlement] = []
        var settlements: [BundleSettlement] = []
        for t in tracks.indices {
            let settlement = try context.settle([t])
            settlements.append(settlement)
            perTrack.append(TrackSettlement(
                track: tracks[t], reached: settlement.reached, reason: settlement.reached ? nil : try context.reason(of: [t]),
                outcome: context.outcome(of: settlement.package)))
        }
        let separate = context.outcome(of: context.combine(settlements))
        let n = context.partyCount
        let value = context.change(from: separate, to: linked)
        let percent = (0..<n).map { i -> Double? in abs(separate.gains[i]) <= context.tolerance ? nil : value[i] / abs(separate.gains[i]) * 100 }
        let hurt = (0..<n).filter { context.less(linked, separate, party: $0) }
        let (logrolls, interactionChange) = context.logrolls(linked: linked, separate: separate)
        let bundling = try context.searchBundlings(
            keep: max(settings.bundlings, 1), exactLimit: settings.exactBundlingLimit, beamWidth: settings.beamWidth)
        let redLines = settings.redLines
            ? try context.analyzeRedLines(linked: linkedSettlement.reached ? linked : nil, zoneIsEmpty: linkedSettlement.zoneIsEmpty)
            : nil
        let elapsed = clock.now - start
        return LinkageReport(
            scenario: scenario, tracks: tracks, disagreement: context.disagreement, baseline: settings.baseline, solver: settings.solver,
            statusQuo: context.outcome(of: context.statusQuo), perTrack: perTrack, separate: separate, linked: linked,
            linkedReason: linkedSettlement.reached ? nil : try context.reason(of: allTracks), valueOfLinkage: value, valueOfLinkagePercent: percent, hurt: hurt,
            logrolls: logrolls, interactionChange: interactionChange, bundling: bundling, topPackages: top,
            redLines: redLines, bundlesSolved: context.solved,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}
