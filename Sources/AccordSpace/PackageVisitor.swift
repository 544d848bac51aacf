import AccordSkyline
import Synchronization

/// What an enumeration does with each package that meets the bound: its utilities and options.
/// The buffers are valid only during the call.
protocol PackageVisitor: Sendable {
    /// Takes one package; `false` stops the walk.
    mutating func visit(_ utilities: UnsafeBufferPointer<Int64>, _ options: UnsafeBufferPointer<Int32>) -> Bool
    /// Whether the walk should go on, asked between packages every 2^20 packages of the space (a
    /// visitor that stops because of another's work says so here).
    var proceeds: Bool { get }
}

/// The points kept by the parallel parts of one enumeration, summed, against a limit: the first
/// part to push the sum past `limit` stops, and every other part stops at its next poll.
final class PointTally: Sendable {
    let limit: Int
    private let total = Atomic<Int>(0)
    private let progress: ProgressCounter?

    init(limit: Int, progress: ProgressCounter?) {
        self.limit = limit
        self.progress = progress
    }

    /// Adds `change` points (negative after a filter drops some); false once the sum exceeds the
    /// limit. The progress shows the sum as the points found so far.
    func add(_ change: Int) -> Bool {
        let sum = total.add(change, ordering: .relaxed).newValue
        progress?.found(sum)
        return sum <= limit
    }

    /// The points reported so far.
    var sum: Int { total.load(ordering: .relaxed) }

    var exceeded: Bool { sum > limit }
}

/// Keeps the Pareto-optimal packages, and reports how many it keeps to a shared tally every
/// `reportEvery` points gained (and after each filter), stopping when the tally's limit is passed.
struct FrontierVisitor: PackageVisitor {
    var accumulator: SkylineAccumulator
    let tally: PointTally
    private var reported = 0
    private let reportEvery: Int

    init(accumulator: SkylineAccumulator, tally: PointTally, reportEvery: Int) {
        self.accumulator = accumulator
        self.tally = tally
        self.reportEvery = reportEvery
    }

    mutating func visit(_ utilities: UnsafeBufferPointer<Int64>, _ options: UnsafeBufferPointer<Int32>) -> Bool {
        accumulator.offer(utilities, tags: options)
        let count = accumulator.count
        guard count >= reported + reportEvery || count < reported else { return true }
        defer { reported = count }
        return tally.add(count - reported)
    }

    var proceeds: Bool { !tally.exceeded }
}

/// Counts the packages.
struct CountVisitor: PackageVisitor {
    package var count = 0

    mutating func visit(_ utilities: UnsafeBufferPointer<Int64>, _ options: UnsafeBufferPointer<Int32>) -> Bool {
        count += 1
        return true
    }

    var proceeds: Bool { true }
}
