#if os(Linux)
import CMalloc
import Glibc
#endif

/// Keeps `value` to the end of the `accord` process instead of freeing it. A command runs once
/// per process, and the large values it makes — a scenario's value functions, its programs, a
/// JSON report — are up to millions of small arrays: freeing them one by one when the command
/// ends took a tenth of the instructions of a 200 × 200 `solve` (callgrind; the operating system
/// takes the memory of an exiting process back at once). Only the executable calls it; the library frees
/// everything as usual.
func keepUntilExit<Value>(_ value: Value) {
    _ = Unmanaged.passRetained(Kept(value))
}

private final class Kept<Value> {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// Asks the kernel for 2 MB pages for the first `hugePageHeap` bytes of the heap. A 200 × 200
/// `solve` touches about 36 MB of small arrays; with 4 KB pages that is about 7,000 page faults,
/// a quarter of its time. Transparent huge pages on Debian default to `madvise` (only regions
/// that ask get them), so the executable asks for its heap: the heap grows once by
/// `hugePageHeap` (`M_TOP_PAD`), allocations up to 32 MB stay on it (`M_MMAP_THRESHOLD`), it is
/// never trimmed, and that range is advised `MADV_HUGEPAGE` — what glibc's own
/// `glibc.malloc.hugetlb=1` tunable does, which an executable cannot set for itself. Where the
/// kernel has huge pages off, or any call fails, memory works as before: this changes speed only.
func useHugePagesForHeap() {
    #if os(Linux)
    let hugePageHeap = 64 << 20
    guard mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1, mallopt(M_TOP_PAD, Int32(hugePageHeap)) == 1,
          mallopt(M_TRIM_THRESHOLD, Int32.max) == 1,
          let before = sbrk(0).map(UInt.init(bitPattern:))
    else { return }
    // An allocation larger than the heap's free top makes malloc extend it, by the top pad too
    // (through the runtime's allocator, which the optimizer does not remove as an unused malloc).
    UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16).deallocate()
    guard let after = sbrk(0).map(UInt.init(bitPattern:)), after > before else { return }
    let page = UInt(2 << 20)
    let start = (before + page - 1) / page * page
    guard after > start, let base = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(base, Int(after - start), MADV_HUGEPAGE)
    #endif
}
