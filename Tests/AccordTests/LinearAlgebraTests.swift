@testable import Accord
import Testing

@Suite struct LinearAlgebraTests {
    /// A = [[4, 2, 0], [2, 5, 3], [0, 3, 6]] is SPD; with x = (1, -2, 3), b = A x = (0, 1, 12).
    @Test func choleskySolvesKnownSystem() throws {
        let a: [Double] = [4, 2, 0, 2, 5, 3, 0, 3, 6]  // symmetric: column-major = row-major
        let x = try LinearAlgebra.solvePositiveDefinite(a, [0, 1, 12], n: 3)
        for (value, expected) in zip(x, [1.0, -2.0, 3.0]) { #expect(abs(value - expected) < 1e-12) }
    }

    @Test func choleskyRejectsIndefiniteMatrix() {
        #expect(throws: LinearAlgebra.Failure.notPositiveDefinite(order: 2)) {
            try LinearAlgebra.solvePositiveDefinite([1, 2, 2, 1], [1, 1], n: 2)
        }
    }

    /// A = [[0, 1], [2, 3]] (needs pivoting); x = (5, -1) gives b = (-1, 7). Column-major A = [0, 2, 1, 3].
    @Test func luSolvesSystemNeedingPivoting() throws {
        let x = try LinearAlgebra.solve([0, 2, 1, 3], [-1, 7], n: 2)
        #expect(abs(x[0] - 5) < 1e-12 && abs(x[1] + 1) < 1e-12)
    }

    @Test func gemmMatchesHandProduct() {
        // [[1, 2], [3, 4]] · [[5], [6]] = [[17], [39]]; A column-major = [1, 3, 2, 4].
        let c = LinearAlgebra.multiply([1, 3, 2, 4], [5, 6], m: 2, k: 2, n: 1)
        #expect(c == [17, 39])
    }
}
