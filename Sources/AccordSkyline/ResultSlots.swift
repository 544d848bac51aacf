import Synchronization

/// Results written by parallel workers, one slot each.
package final class ResultSlots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    package init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    package func store(_ index: Int, _ value: sending Value) {
        slots.withLock { $0[index] = value }
    }

    /// The stored values in slot order.
    package var values: [Value] { slots.withLock { $0.compactMap { $0 } } }
}
