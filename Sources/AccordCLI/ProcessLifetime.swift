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
