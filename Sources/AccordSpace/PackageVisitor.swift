import AccordSkyline

/// What an enumeration does with each package that meets the bound: its utilities and options.
/// The buffers are valid only during the call.
protocol PackageVisitor: Sendable {
    mutating func visit(_ utilities: UnsafeBufferPointer<Int64>, _ options: UnsafeBufferPointer<Int32>)
}

/// Keeps the Pareto-optimal packages.
struct FrontierVisitor: PackageVisitor {
    var accumulator: SkylineAccumulator

    mutating func visit(_ utilities: UnsafeBufferPointer<Int64>, _ options: UnsafeBufferPointer<Int32>) {
        accumulator.offer(utilities, tags: options)
    }
}

/// Counts the packages.
struct CountVisitor: PackageVisitor {
    package var count = 0

    mutating func visit(_ utilities: UnsafeBufferPointer<Int64>, _ options: UnsafeBufferPointer<Int32>) {
        count += 1
    }
}
