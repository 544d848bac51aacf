import AccordSpace
import AccordSkyline

extension MergeTree {
    /// Two parties: both inputs are staircases (x descending, y ascending). The sums `a_i + B` form
    /// one x-descending stream per `i`; a heap merges the streams in x order and a sum is kept when
    /// its y beats every y seen so far. A stream whose head is dominated jumps (binary search) to
    /// its first element that could still beat the best y, and the merge stops once x falls below
    /// the bound. O((F + k·|A|) log |A|) for F kept points and k jumps per stream.
    /// `check` sees the tree's bytes plus the heap, the coordinate copies and the result at the
    /// start and every 2^16 kept points.
    static func mergeTwoParty<Failure: Error>(
        _ a: PointBuffer, _ b: PointBuffer, lowerBound: [Int64], prefer: TiePreference, context: MergeContext,
        check: MemoryCheck<Failure>
    ) throws(Failure) -> PointBuffer {
        var result = PointBuffer(dimension: 2, tagWidth: 2)
        guard !a.isEmpty, !b.isEmpty else { return result }
        // Heap entries (32 bytes) and x, y copies (16 bytes) per point of a; copies of b.
        let working = context.held.saturatingAdding(a.count.saturatingMultiplied(by: 48)).saturatingAdding(b.count.saturatingMultiplied(by: 16))
        try check(MemoryUse(stage: context.stage, points: 0, bytes: working))
        let ax = (0..<a.count).map { a.coordinate($0, 0) }, ay = (0..<a.count).map { a.coordinate($0, 1) }
        let bx = (0..<b.count).map { b.coordinate($0, 0) }, by = (0..<b.count).map { b.coordinate($0, 1) }
        var best = lowerBound[1] - 1  // a kept sum must have y > best and y ≥ bound

        // First j ≥ from in stream i with ay[i] + by[j] > best (by ascends along the stream).
        func jump(_ i: Int, from: Int) -> Int {
            var low = from, high = b.count
            while low < high {
                let mid = (low + high) / 2
                if ay[i] + by[mid] > best { high = mid } else { low = mid + 1 }
            }
            return low
        }

        var heap = StreamHeap()
        for i in 0..<a.count {
            let j = jump(i, from: 0)
            if j < b.count { heap.push(x: ax[i] + bx[j], y: ay[i] + by[j], i: i, j: j) }
        }
        while let top = heap.pop() {
            if top.x < lowerBound[0] { break }
            if top.y > best {
                result.append([top.x, top.y], tags: [Int32(top.i), Int32(top.j)])
                best = top.y
                if result.count % (1 << 16) == 0 {
                    try check(MemoryUse(stage: context.stage, points: result.count, bytes: working.saturatingAdding(result.bytes)))
                    context.progress?.found(result.count)
                }
            } else if top.y == best, let last = result.count > 0 ? result.count - 1 : nil,
                      result.coordinate(last, 0) == top.x, prefer([Int32(top.i), Int32(top.j)], result.tagSlice(last)) {
                result.tags[2 * last] = Int32(top.i)
                result.tags[2 * last + 1] = Int32(top.j)
            }
            // Elements of this stream skipped by the jump have y ≤ best and x below the kept point
            // with y = best: strictly dominated, never a tie.
            let next = top.j + 1 < b.count ? jump(top.i, from: top.j + 1) : b.count
            if next < b.count { heap.push(x: ax[top.i] + bx[next], y: ay[top.i] + by[next], i: top.i, j: next) }
        }
        return result
    }
}

/// A binary max-heap of stream heads ordered by x, then y (both descending), then stream index.
private struct StreamHeap {
    struct Entry {
        var x: Int64
        var y: Int64
        var i: Int
        var j: Int
    }

    private var entries: [Entry] = []

    private func above(_ p: Entry, _ q: Entry) -> Bool {
        if p.x != q.x { return p.x > q.x }
        if p.y != q.y { return p.y > q.y }
        return p.i < q.i
    }

    mutating func push(x: Int64, y: Int64, i: Int, j: Int) {
        entries.append(Entry(x: x, y: y, i: i, j: j))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard above(entries[child], entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Entry? {
        guard let top = entries.first else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var largest = parent
                if left < entries.count && above(entries[left], entries[largest]) { largest = left }
                if right < entries.count && above(entries[right], entries[largest]) { largest = right }
                if largest == parent { break }
                entries.swapAt(parent, largest)
                parent = largest
            }
        }
        return top
    }
}
