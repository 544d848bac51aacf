import AccordModel
import Foundation

/// One party's nonlinear utility space from an ANAC 2014 GENIUS profile (`type="nonlinear"`),
/// read and checked against its domain.
///
/// The file looks like
/// ```xml
/// <utility_space type="nonlinear">
///   <objective index="0" name="root"> <issue index="1" .../> ... </objective>
///   <utility maxutility="2353">
///     <ufun type="PlainUfun" weight="1" aggregation="sum">
///       <hyperRectangle utility="21">
///         <INCLUDES index="12" min="4" max="9"/> ...
///       </hyperRectangle> ...
///     </ufun>
///   </utility>
///   <reservation value="0"/>
/// </utility_space>
/// ```
/// GENIUS semantics (`genius.core.utility`: `NonlinearUtilitySpace`, `UtilityFunction`,
/// `InclusiveHyperRectangle`, `ExclusiveHyperRectangle`): a bid's utility is the ufun's value
/// divided by `maxutility`, capped at 1; the ufun (aggregation `sum`) adds, times its `weight`,
/// the value of each hyper-rectangle: `utility × weight` (weight 1 when absent) when every
/// `INCLUDES` bound `min ≤ value ≤ max` holds, or, for `EXCLUDES` bounds, when some bound fails;
/// a rectangle with no bound holds for every bid. Bounds compare the integer value of an
/// integer issue (`ValueInteger`), so they name integer issues only. A rectangle with both
/// kinds of bound is an `EXCLUDES` one, as GENIUS's loader reads it (its second test overwrites
/// the first).
struct GeniusNonlinearProfile {
    struct Bound {
        /// The issue's position in the domain.
        var issue: Int
        var lower: Int
        var upper: Int
    }

    struct Rectangle {
        /// `INCLUDES` (every bound holds) or `EXCLUDES` (some bound fails).
        var includes: Bool
        var bounds: [Bound]
        /// `utility × weight`.
        var value: Double
    }

    /// `maxutility`, which the ufun's value is divided by.
    var maximum: Double
    /// The ufun's `weight`.
    var weight: Double
    var rectangles: [Rectangle]
    var reservation: Double
    var discount: Double?

    /// `ufun` aggregations Accord reads; GENIUS's others (`max`, `min`, ...) are refused by name.
    static let aggregations: Set<String> = ["sum"]
}

extension GeniusNonlinearProfile {
    /// Whether a profile's root says it is nonlinear.
    static func isNonlinear(_ root: MarkupElement) -> Bool {
        root.attributes["type"]?.lowercased() == "nonlinear"
    }

    /// Reads a nonlinear profile against `domain`; every problem found is reported to `log`
    /// (file-relative element path and line), and the result is `nil` when there was any.
    static func read(_ root: MarkupElement, domain: GeniusDomain, log: ProblemLog) -> GeniusNonlinearProfile? {
        let utilities = root.descendants(named: "utility")
        guard let utility = utilities.first else {
            log.report(root.problem("a nonlinear utility space needs a <utility maxutility=\"...\"> element with its <ufun>"))
            return nil
        }
        if utilities.count > 1 { log.report(utilities[1].problem("more than one <utility> element")) }
        let maximum = log.attempt { () throws -> Double in
            let value = try GeniusAttribute.number(utility, "maxutility")
            guard value > 0 else { throw utility.problem("maxutility must be positive, found \(GeniusAttribute.text(value))", attribute: "maxutility") }
            return value
        }
        let functions = utility.children(named: "ufun")
        guard functions.count == 1, let ufun = functions.first else {
            log.report(functions.count == 0 ? utility.problem("missing <ufun> (the utility function of the hyper-rectangles)")
                : functions[1].problem("more than one <ufun>: Accord reads one utility function per profile"))
            return nil
        }
        let weight = log.attempt { () throws -> Double in try optionalNumber(ufun, "weight") ?? 1 }
        if let aggregation = ufun.attributes["aggregation"], !aggregations.contains(aggregation.lowercased()) {
            log.report(ufun.problem("aggregation \(quoted(aggregation)) is not supported: Accord reads ufuns that sum their hyper-rectangles (aggregation=\"sum\")", attribute: "aggregation"))
        }
        for element in ufun.children where element.name != "hyperRectangle" {
            log.report(element.problem(element.name == "ufun"
                ? "nested <ufun> elements are not supported: Accord reads one utility function of hyper-rectangles"
                : "unknown element <\(element.name)> in a <ufun> (it holds <hyperRectangle> elements)"))
        }
        let rectangles = ufun.children(named: "hyperRectangle").compactMap { element in
            log.attempt { () throws in try rectangle(element, domain: domain) }
        }
        let reservation = log.attempt { () throws in try GeniusProfile.readReservation(root) }
        let discount = log.attempt { () throws in try GeniusProfile.readDiscount(root) }
        guard log.isEmpty, let maximum, let weight, let reservation, let discount else { return nil }
        return GeniusNonlinearProfile(maximum: maximum, weight: weight, rectangles: rectangles, reservation: reservation, discount: discount)
    }

    /// One `<hyperRectangle utility weight>` and its bounds.
    private static func rectangle(_ element: MarkupElement, domain: GeniusDomain) throws(FieldProblem) -> Rectangle {
        let value = try GeniusAttribute.number(element, "utility") * (try optionalNumber(element, "weight") ?? 1)
        for child in element.children where child.name != "INCLUDES" && child.name != "EXCLUDES" {
            throw child.problem("unknown constraint <\(child.name)>: a hyper-rectangle holds INCLUDES or EXCLUDES bounds (index, min, max)")
        }
        let excludes = element.children(named: "EXCLUDES")
        let bounds = try (excludes.isEmpty ? element.children(named: "INCLUDES") : excludes).map { child throws(FieldProblem) in
            try bound(child, domain: domain)
        }
        return Rectangle(includes: excludes.isEmpty, bounds: bounds, value: value)
    }

    /// One `<INCLUDES index min max>` (or `EXCLUDES`): an integer issue of the domain and a
    /// range `min ≤ max` of its values.
    private static func bound(_ element: MarkupElement, domain: GeniusDomain) throws(FieldProblem) -> Bound {
        let index = try GeniusAttribute.integer(element, "index")
        let position = try domain.position(ofIssue: index, namedBy: element)
        let issue = domain.issues[position]
        guard case .integer = issue.kind else {
            throw element.problem("issue \(index) \(quoted(issue.name)) is \(issue.kind.typeName): hyper-rectangle bounds compare integer values, so they name integer issues", attribute: "index")
        }
        let lower = try GeniusAttribute.integer(element, "min"), upper = try GeniusAttribute.integer(element, "max")
        guard lower <= upper else {
            throw element.problem("min \(lower) is above max \(upper): the bound holds for no value", attribute: "min")
        }
        return Bound(issue: position, lower: lower, upper: upper)
    }

    /// An optional numeric attribute.
    private static func optionalNumber(_ element: MarkupElement, _ attribute: String) throws(FieldProblem) -> Double? {
        guard let text = element.attributes[attribute] else { return nil }
        return try GeniusAttribute.number(text, element, attribute)
    }
}
