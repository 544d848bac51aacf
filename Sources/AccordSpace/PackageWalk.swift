import AccordSkyline

/// One depth-first walk over the packages of a `GroupEnumerator`, in lexicographic order of
/// options (the last level varies fastest), over tables and scratch memory that stay in place for
/// the whole walk: visiting a package allocates nothing.
///
/// The utilities are built incrementally: `partial[k · n + i]` is party `i`'s utility from levels
/// `0..<k` (terms plus the interactions complete within them), so placing level `k` costs one
/// row of the option table plus the rules that end at level `k`. A node is cut when a forbidden
/// combination ends at it or when `partial + remaining < lowerBound` for some party (no
/// completion can meet the bound).
struct PackageWalk {
    let tables: EnumerationTables.View
    let partyCount: Int
    let levelCount: Int
    /// `partial[k · n + i]`; row `m` holds the utilities of a complete package.
    let partial: UnsafeMutableBufferPointer<Int64>
    /// Current option of each level, as an index into its allowed options.
    let digit: UnsafeMutableBufferPointer<Int>
    /// Current option of each level, as an option index of the issue (the packages' tags).
    let chosen: UnsafeMutableBufferPointer<Int32>
    /// Packages of the space below one node of each level (`below[m] = 1`), saturating: the
    /// progress each cut or finished node accounts for.
    let below: UnsafeMutableBufferPointer<Int>

    /// Runs `body` with a walk over `tables`, its scratch memory allocated for the call.
    static func withWalk<Result>(
        over tables: EnumerationTables, _ body: (PackageWalk) -> Result
    ) -> Result {
        let n = tables.partyCount, m = tables.levelCount
        let partial = UnsafeMutableBufferPointer<Int64>.allocate(capacity: (m + 1) * n)
        let digit = UnsafeMutableBufferPointer<Int>.allocate(capacity: m)
        let chosen = UnsafeMutableBufferPointer<Int32>.allocate(capacity: m)
        let below = UnsafeMutableBufferPointer<Int>.allocate(capacity: m + 1)
        defer {
            partial.deallocate()
            digit.deallocate()
            chosen.deallocate()
            below.deallocate()
        }
        partial.initialize(repeating: 0)
        digit.initialize(repeating: 0)
        chosen.initialize(repeating: 0)
        below.initialize(repeating: 1)
        for k in stride(from: m - 1, through: 0, by: -1) {
            below[k] = below[k + 1].saturatingMultiplied(by: tables.optionCounts[k])
        }
        return tables.withUnsafeTables { view in
            body(PackageWalk(
                tables: view, partyCount: n, levelCount: m, partial: partial, digit: digit, chosen: chosen, below: below))
        }
    }

    /// Utilities of the current complete package.
    private var utilities: UnsafeBufferPointer<Int64> {
        UnsafeBufferPointer(rebasing: partial[(levelCount * partyCount)..<((levelCount + 1) * partyCount)])
    }

    /// Fixes level `k` to its current digit and fills `partial` for level `k + 1`; false when a
    /// forbidden combination ends here or the bound can no longer be met.
    @inline(__always)
    private func place(_ k: Int) -> Bool {
        let n = partyCount
        let a = tables.optionStart[k] + digit[k]
        chosen[k] = tables.options[a]
        let base = k * n, next = (k + 1) * n
        for i in 0..<n { partial[next + i] = partial[base + i] &+ tables.terms[a * n + i] }
        var r = tables.ruleStart[k]
        while r < tables.ruleStart[k + 1] {
            if applies(rule: r) {
                let party = tables.ruleParty[r]
                if party < 0 { return false }
                partial[next + party] &+= tables.ruleValue[r]
            }
            r += 1
        }
        for i in 0..<n where partial[next + i] &+ tables.remaining[next + i] < tables.lowerBound[i] { return false }
        return true
    }

    /// Whether every condition of rule `r` holds for the options chosen so far.
    @inline(__always)
    private func applies(rule r: Int) -> Bool {
        var c = tables.conditionStart[r]
        while c < tables.conditionStart[r + 1] {
            if chosen[tables.conditionLevel[c]] != tables.conditionOption[c] { return false }
            c += 1
        }
        return true
    }

    /// Sets the first `levels` digits from `prefix` read as a mixed-radix number (the last of
    /// these levels fastest) and places them; false when the prefix is cut.
    private func placePrefix(_ prefix: Int, levels: Int) -> Bool {
        var rest = prefix
        for k in stride(from: levels - 1, through: 0, by: -1) {
            digit[k] = rest % tables.optionCount(k)
            rest /= tables.optionCount(k)
        }
        for k in 0..<levels where !place(k) { return false }
        return true
    }

    /// Visits every package whose first `prefixLevels` options, read as a mixed-radix number,
    /// fall in `range`, until the visitor stops the walk. Progress is counted in packages of the
    /// space, cut ones included.
    func run<Visitor: PackageVisitor>(
        prefixLevels: Int, range: Range<Int>, progress: ProgressCounter?, visitor: inout Visitor
    ) {
        var done = 0
        defer { progress?.add(done) }
        for prefix in range {
            if !placePrefix(prefix, levels: prefixLevels) {
                done = done.saturatingAdding(below[prefixLevels])
            } else if prefixLevels == levelCount {
                done = done.saturatingAdding(1)
                if !visitor.visit(utilities, UnsafeBufferPointer(chosen)) { return }
            } else if !complete(from: prefixLevels, done: &done, progress: progress, visitor: &visitor) {
                return
            }
        }
    }

    /// Visits every completion of the placed levels `0..<first`: a depth-first walk over the
    /// levels `first...`, where `digit[k] == optionCount(k)` means level `k` is exhausted.
    /// - Returns: false when the visitor stopped the walk.
    private func complete<Visitor: PackageVisitor>(
        from first: Int, done: inout Int, progress: ProgressCounter?, visitor: inout Visitor
    ) -> Bool {
        let last = levelCount - 1
        let tags = UnsafeBufferPointer(chosen)
        var k = first
        digit[k] = 0
        while k >= first {
            if digit[k] == tables.optionCount(k) {
                k -= 1
                if k >= first { digit[k] += 1 }
                continue
            }
            if place(k) {
                if k == last {
                    if !visitor.visit(utilities, tags) { return false }
                } else {
                    k += 1
                    digit[k] = 0
                    continue
                }
            }
            done = done.saturatingAdding(below[k + 1])
            if done >= 1 << 20 {
                progress?.add(done)
                done = 0
                if !visitor.proceeds { return false }
            }
            digit[k] += 1
        }
        return true
    }
}
