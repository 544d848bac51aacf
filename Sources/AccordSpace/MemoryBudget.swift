import AccordModel
import AccordSkyline

/// The memory a frontier computation is about to hold, checked against a budget before it is
/// allocated: at `stage`, `points` points in an estimated `bytes` bytes (the point buffers of the
/// finished parts plus the one about to be built, see `PointBuffer.bytes` and
/// `Skyline.workingBytes`).
package struct MemoryUse: Sendable {
    package var stage: FrontierStage
    package var points: Int
    package var bytes: Int

    package init(stage: FrontierStage, points: Int, bytes: Int) {
        self.stage = stage
        self.points = points
        self.bytes = bytes
    }
}

/// Checks a memory use, throwing `Failure` to stop the computation; a check that never throws
/// (`Failure == Never`) computes without a budget.
package typealias MemoryCheck<Failure: Error> = (MemoryUse) throws(Failure) -> Void

extension SolverSettings {
    /// The check of `maxMemory`: refuses (`Refusal.memoryBudget`) a use of more bytes.
    package var memoryCheck: MemoryCheck<Refusal> {
        let budget = maxMemory
        return { (use: MemoryUse) throws(Refusal) in
            if use.bytes > budget {
                throw .memoryBudget(stage: use.stage.description, points: use.points, bytes: use.bytes, budget: budget)
            }
        }
    }
}
