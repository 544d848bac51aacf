import AccordModel
import AccordOptimize
import Foundation

/// The exact acceptable Pareto frontier of a two-party negotiation with rectangle utilities
/// (`NonlinearNegotiation`, GENIUS's nonlinear spaces: 10^10 to 10^40 packages), by the
/// ε-constraint method over integer programs solved with GLPK's branch and cut.
///
/// The program. Each issue's values fall into classes that no bound of any rectangle (of either
/// party) separates; a binary `z_ic` picks issue `i`'s class (`Σ_c z_ic = 1`), a binary `y_r`
/// stands for rectangle `r` holding: `y_r ≤ Σ_{c in bound} z_ic` for each bound of an including
/// rectangle, `y_r ≤ Σ_b Σ_{c outside bound b} z_ic` for an excluding one, and where `r`'s value is
/// negative also the converse (`y_r ≥ Σ_b Σ_{c in b} z_ic − (k − 1)`; `y_r ≥ Σ_{c outside b} z_ic`
/// for each `b`), so that `y_r` can only be 1 when `r` holds, and must be when holding costs.
/// Party `p`'s capped value `h_p ≤ Σ_r v_r y_r`, `h_p ≤ cap_p` (the value whose utility is 1),
/// `h_p ≥` the least acceptable value. Values are integers, and so is every optimum.
///
/// The method. The point of largest `h_1`, of those the largest `h_2` — one program maximizing
/// `K·h_1 + h_2` with `K` above the range of `h_2`, where that objective stays below 10^8 in
/// magnitude (`LinearProgram.exactIntegerObjective`: GLPK's tolerances are then below half a
/// unit, and every ANAC 2014 domain is far below), else two programs, `h_1` then `h_2` at that
/// `h_1`; then, with `h_2 ≥ (last h_2) + 1`, the next such point, until no package is left. Each point
/// found is nondominated (no package has more `h_1` with at least its `h_2`, nor more `h_2` at
/// its `h_1`), and every nondominated value pair is found, in order of `h_1` descending. Every
/// point's package is checked: its values, computed exactly from the rectangles, are the
/// program's. Utilities are the capped values over `maximum`, as GENIUS computes them.
public struct RectangleFrontier: Sendable {
    public struct Point: Sendable, Equatable {
        /// Each party's capped value (`min(value, cap)`).
        public var values: [Int64]
        public var utilities: [Double]
        /// One package that reaches the point: a value per issue.
        public var package: [Int]
    }

    public enum Failure: Error, Sendable, Equatable {
        /// Not two parties.
        case partyCount(Int)
        /// GLPK failed, or its answer did not check; the text says which.
        case solver(String)
    }

    /// Where the frontier points not found lie when the search stopped early: the first party's
    /// capped value below `firstBelow` (`nil`: any) and the second's at least `secondAtLeast`.
    public struct Unexplored: Sendable, Equatable {
        public let firstBelow: Int64?
        public let secondAtLeast: Int64
    }

    /// In order of the first party's utility, descending.
    public let points: [Point]
    /// Integer programs solved.
    public let programs: Int
    /// `nil` when the frontier is complete; else the certified box that holds every frontier
    /// point not in `points` (each point in `points` is still exact and on the frontier).
    public let unexplored: Unexplored?

    /// The frontier of `negotiation`; `progress` is called after each point with the count so far.
    /// With `timeLimit` (seconds), the search stops at the first program that would start after
    /// it (a program running past the limit finishes): an anytime frontier, the points found so far
    /// with `unexplored` the region the rest lies in.
    /// - Complexity: one integer program per frontier point, plus one (two each where the
    ///   combined objective would pass `LinearProgram.exactIntegerObjective`).
    public init(_ negotiation: NonlinearNegotiation, timeLimit: Double? = nil, progress: ((Int) -> Void)? = nil) throws(Failure) {
        let start = Date()
        try self.init(negotiation, stop: { _ in timeLimit.map { Date().timeIntervalSince(start) >= $0 } ?? false }, progress: progress)
    }

    /// The search stops before a program when `stop(points found)` is true.
    init(_ negotiation: NonlinearNegotiation, stop: (Int) -> Bool, progress: ((Int) -> Void)? = nil) throws(Failure) {
        guard negotiation.parties.count == 2, negotiation.utilities.count == 2 else {
            throw .partyCount(negotiation.parties.count)
        }
        var model = try Model(negotiation)
        var points: [Point] = []
        var programs = 0
        var floor: Int64?
        let (least, caps) = (model.least, negotiation.utilities.map(\.cap))
        // K·h_1 + h_2 with K = (range of h_2) + 1 orders points as (h_1, h_2) lexicographically.
        let weight = Double(caps[1] - least[1] + 1)
        let largest = max(abs(weight * Double(least[0])), abs(weight * Double(caps[0]))) + Double(max(abs(least[1]), abs(caps[1])))
        let combined = largest < LinearProgram.exactIntegerObjective
        var unexplored: Unexplored?
        while true {
            if stop(points.count) {
                // Found points come with h_1 descending; any other nondominated point has a
                // smaller h_1 than the last and at least the floor's h_2.
                unexplored = Unexplored(firstBelow: points.last?.values[0], secondAtLeast: floor ?? least[1])
                break
            }
            model.setFloor(of: 1, floor)
            let first: Int64, second: Int64
            if combined {
                programs += 1
                guard let both = try model.maximize([weight, 1]) else { break }
                (first, second) = (both[0], both[1])
            } else {
                programs += 1
                guard let top = try model.maximize([1, 0]) else { break }
                model.setFloor(of: 0, top[0])
                programs += 1
                guard let both = try model.maximize([0, 1]) else { throw .solver("the second stage lost the first stage's point") }
                model.setFloor(of: 0, nil)
                (first, second) = (top[0], both[1])
            }
            let point = try model.point()
            guard point.values == [first, second] else {
                throw .solver("the package GLPK returned has values \(point.values), not the program's \([first, second])")
            }
            points.append(point)
            progress?(points.count)
            floor = second + 1
            if second >= negotiation.utilities[1].cap { break }
        }
        self.points = points
        self.programs = programs
        self.unexplored = unexplored
    }

    /// The integer program, kept between the stages.
    private struct Model {
        let negotiation: NonlinearNegotiation
        var program = LinearProgram(sense: .maximize)
        /// `classes[i]`: the classes of issue `i`'s values, as ranges; `z[i][c]` their columns.
        var classes: [[ClosedRange<Int>]] = []
        var z: [[Int]] = []
        /// The capped-value column of each party, and its least acceptable value.
        var h: [Int] = []
        var least: [Int64] = []
        var solution: [Double] = []

        init(_ negotiation: NonlinearNegotiation) throws(Failure) {
            self.negotiation = negotiation
            do {
                try build()
            } catch {
                throw .solver("the integer program could not be built: \(error)")
            }
        }

        private mutating func build() throws(LinearProgram.InputError) {
            let issues = negotiation.issues
            for (i, issue) in issues.enumerated() {
                var cuts: Set<Int> = [issue.lower, issue.upper + 1]
                for utility in negotiation.utilities {
                    for rectangle in utility.rectangles {
                        for bound in rectangle.bounds where bound.issue == i {
                            cuts.insert(min(max(bound.lower, issue.lower), issue.upper + 1))
                            cuts.insert(min(max(bound.upper + 1, issue.lower), issue.upper + 1))
                        }
                    }
                }
                let sorted = cuts.sorted()
                classes.append(zip(sorted, sorted.dropFirst()).map { $0...($1 - 1) })
                var columns: [Int] = []
                for _ in classes[i] { columns.append(try program.addColumn(.double(0, 1), integer: true)) }
                z.append(columns)
                try program.addRow(columns.map { LinearProgram.Term($0, 1) }, .fixed(1))
            }
            for (utility, party) in zip(negotiation.utilities, negotiation.parties) {
                var total: [LinearProgram.Term] = []
                for rectangle in utility.rectangles where rectangle.value != 0 {
                    let y = try program.addColumn(.double(0, 1), integer: true)
                    total.append(LinearProgram.Term(y, Double(rectangle.value)))
                    try constrain(y, rectangle)
                }
                let column = try program.addColumn(.upper(Double(utility.cap)))
                h.append(column)
                // h ≤ Σ v_r y_r (no rectangle: h ≤ 0).
                try program.addRow(total.map { LinearProgram.Term($0.column, -$0.coefficient) } + [LinearProgram.Term(column, 1)], .upper(0))
                least.append(utility.acceptableFrom(reservation: party.reservation) ?? utility.cap + 1)
            }
        }

        /// The rows that tie `y` to `rectangle` holding.
        private mutating func constrain(_ y: Int, _ rectangle: RectangleUtility.Rectangle) throws(LinearProgram.InputError) {
            let bounds = rectangle.bounds
            guard !bounds.isEmpty else {
                try program.addRow([LinearProgram.Term(y, 1)], .fixed(1))
                return
            }
            /// The classes of `bound`'s issue inside it (or outside).
            func terms(_ bound: RectangleUtility.Bound, inside: Bool, sign: Double) -> [LinearProgram.Term] {
                zip(classes[bound.issue], z[bound.issue]).compactMap { range, column in
                    (bound.lower <= range.lowerBound && range.upperBound <= bound.upper) == inside ? LinearProgram.Term(column, sign) : nil
                }
            }
            if rectangle.includes {
                for bound in bounds { try program.addRow([LinearProgram.Term(y, 1)] + terms(bound, inside: true, sign: -1), .upper(0)) }
                if rectangle.value < 0 {
                    try program.addRow([LinearProgram.Term(y, 1)] + bounds.flatMap { terms($0, inside: true, sign: -1) }, .lower(Double(1 - bounds.count)))
                }
            } else {
                try program.addRow([LinearProgram.Term(y, 1)] + bounds.flatMap { terms($0, inside: false, sign: -1) }, .upper(0))
                if rectangle.value < 0 {
                    for bound in bounds { try program.addRow([LinearProgram.Term(y, 1)] + terms(bound, inside: false, sign: -1), .lower(0)) }
                }
            }
        }

        /// The least capped value of each party the next programs allow (with its least
        /// acceptable value); `nil`: that one only.
        private var floors: [Int64?] = [nil, nil]

        mutating func setFloor(of p: Int, _ floor: Int64?) { floors[p] = floor }

        /// The capped values of the package that maximizes `Σ weights_p · h_p` under the floors
        /// (integers: the program's values rounded), or `nil` when no package meets them.
        mutating func maximize(_ weights: [Double]) throws(Failure) -> [Int64]? {
            var lp = program
            do {
                for q in 0..<2 {
                    let cap = Double(negotiation.utilities[q].cap)
                    let lower = Double(max(floors[q] ?? least[q], least[q]))
                    guard lower <= cap else { return nil }
                    try lp.addRow([LinearProgram.Term(h[q], 1)], .lower(lower))
                }
                for (column, weight) in zip(h, weights) { try lp.setObjective(column, weight) }
            } catch {
                throw .solver("the integer program could not be built: \(error)")
            }
            let solution = lp.solveInteger()
            switch solution.status {
            case .optimal:
                self.solution = solution.x
                return h.map { Int64(solution.x[$0].rounded()) }
            case .infeasible:
                return nil
            case .unbounded:
                throw .solver("GLPK found the program unbounded")
            case .failed(let reason):
                throw .solver(reason)
            }
        }

        /// The package of the last solution, with its values and utilities computed exactly.
        func point() throws(Failure) -> Point {
            var package: [Int] = []
            for (i, columns) in z.enumerated() {
                guard let chosen = columns.firstIndex(where: { solution[$0] > 0.5 }) else {
                    throw .solver("GLPK's answer picks no value of issue \(negotiation.issues[i].id)")
                }
                package.append(classes[i][chosen].lowerBound)
            }
            let values = negotiation.utilities.map { min($0.value(of: package), $0.cap) }
            return Point(
                values: values, utilities: zip(negotiation.utilities, values).map { $0.utility(ofValue: $1) }, package: package)
        }
    }
}
