/// A party's utility over packages of integer issues given by hyper-rectangles, as GENIUS's
/// nonlinear utility spaces (ANAC 2014) define it: the value of a package is the sum of the
/// values of the rectangles it satisfies — an including rectangle when every bound
/// `lower ≤ x_issue ≤ upper` holds, an excluding one when some bound fails, one without bounds
/// always — and its utility is that value divided by `maximum`, capped at 1.
///
/// Values are integers, so that a package's value, and every comparison of two of them, is
/// exact; the utility is the double GENIUS computes (`value / maximum`, then the cap).
public struct RectangleUtility: Sendable, Equatable {
    public struct Bound: Sendable, Equatable {
        /// The issue's position in the negotiation.
        public var issue: Int
        public var lower: Int
        public var upper: Int

        public init(issue: Int, lower: Int, upper: Int) {
            self.issue = issue
            self.lower = lower
            self.upper = upper
        }
    }

    public struct Rectangle: Sendable, Equatable {
        /// Satisfied when every bound holds (`true`) or when some bound fails (`false`).
        public var includes: Bool
        public var bounds: [Bound]
        public var value: Int64

        public init(includes: Bool, bounds: [Bound], value: Int64) {
            self.includes = includes
            self.bounds = bounds
            self.value = value
        }

        /// Whether `package` (one value per issue) satisfies the rectangle.
        public func holds(for package: [Int]) -> Bool {
            guard !bounds.isEmpty else { return true }
            let inside = bounds.allSatisfy { (($0.lower)...($0.upper)).contains(package[$0.issue]) }
            return includes == inside
        }
    }

    public var rectangles: [Rectangle]
    /// GENIUS's `maxutility`, positive: a value at or above it has utility 1.
    public var maximum: Double

    public init(rectangles: [Rectangle], maximum: Double) {
        self.rectangles = rectangles
        self.maximum = maximum
    }

    /// The sum of the values of the rectangles `package` satisfies. Every value's magnitude is
    /// below 2^40 and there are fewer than 2^20 rectangles (`NonlinearNegotiation.init`), so
    /// the sum stays far inside Int64.
    public func value(of package: [Int]) -> Int64 {
        rectangles.reduce(0) { $0 + ($1.holds(for: package) ? $1.value : 0) }
    }

    /// The smallest integer value whose utility is `maximum` or more: values from it on are
    /// capped at 1.
    public var cap: Int64 { Int64(maximum.rounded(.up)) }

    /// The utility of a value: `value / maximum`, capped at 1 (GENIUS's arithmetic).
    public func utility(ofValue value: Int64) -> Double { min(1, Double(value) / maximum) }

    /// The smallest integer value whose utility is at least `reservation`, or `nil` when none
    /// is (a reservation above 1). Decided with GENIUS's arithmetic, `value / maximum ≥ reservation`.
    public func acceptableFrom(reservation: Double) -> Int64? {
        guard reservation <= 1 else { return nil }
        if reservation == 1 { return cap }
        var value = Int64((reservation * maximum).rounded(.up).clamped(to: -1e15...1e15))
        while utility(ofValue: value - 1) >= reservation { value -= 1 }
        while utility(ofValue: value) < reservation { value += 1 }
        return value
    }
}

/// A negotiation over integer issues with rectangle utilities (GENIUS's nonlinear spaces).
public struct NonlinearNegotiation: Sendable {
    /// An integer issue `lower...upper`; a discrete one (which no rectangle bounds) as the
    /// positions `0..<items.count` of its `items`.
    public struct IntegerIssue: Sendable, Equatable {
        public var id: String
        public var lower: Int
        public var upper: Int
        public var items: [String]?

        public init(id: String, lower: Int, upper: Int, items: [String]? = nil) {
            self.id = id
            self.lower = lower
            self.upper = upper
            self.items = items
        }
    }

    public var name: String
    public var issues: [IntegerIssue]
    /// The parties, with their reservations (each party's disagreement utility).
    public var parties: [Party]
    /// One per party, in party order.
    public var utilities: [RectangleUtility]

    /// The largest magnitude of a rectangle's value, and the most rectangles of a party, that
    /// keep every sum of values exact in Int64.
    public static let valueLimit: Int64 = 1 << 40
    public static let rectangleLimit = 1 << 20

    public init(name: String, issues: [IntegerIssue], parties: [Party], utilities: [RectangleUtility]) {
        self.name = name
        self.issues = issues
        self.parties = parties
        self.utilities = utilities
    }

    /// The number of packages, as a double (10^30 and more).
    public var packageCount: Double {
        issues.reduce(1.0) { $0 * Double($1.upper - $1.lower + 1) }
    }
}

private extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
