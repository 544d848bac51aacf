import CLapack
import Synchronization

/// The few dense BLAS/LAPACK kernels the interior point needs, behind a Swift API: arrays in,
/// arrays out, no C pointers or LAPACK types outside this file. Matrices are column-major
/// `[Double]` with an explicit row count (the leading dimension).
package enum LinearAlgebra {
    /// OpenBLAS runs single-threaded: Accord parallelises itself (DESIGN.md §4), and at the sizes
    /// of one Newton system threads cost more than they save. Set once, on first use.
    static let singleThreaded: Void = openblas_set_num_threads(1)

    /// Held around every OpenBLAS call: the single-threaded OpenBLAS shares one pool of work
    /// buffers among its callers without a lock, and two threads multiplying at once corrupted
    /// each other's stacks (a Monte Carlo run's `cblas_dgemm` on two cores crashed 2 runs in 2;
    /// with the lock, none in 20). Accord's parallel work calls BLAS on small blocks between
    /// longer stretches of its own, so callers seldom wait.
    static let lock = Mutex(())

    /// `C ← α·A·Aᵀ + C` (`trans == false`, `A` is `n × k`) or `C ← α·Aᵀ·A + C` (`trans == true`,
    /// `A` is `k × n`), on the lower triangle of the `n × n` matrix `C` (`cblas_dsyrk`).
    ///
    /// - Complexity: O(n² k) flops.
    static func symmetricRankUpdate(
        _ c: inout [Double], order n: Int, _ a: [Double], inner k: Int, transposed trans: Bool, alpha: Double
    ) {
        _ = singleThreaded
        guard n > 0, k > 0, c.count >= n * n, a.count >= n * k else { return }
        let lda = trans ? k : n
        a.withUnsafeBufferPointer { ap in
            c.withUnsafeMutableBufferPointer { cp in
                lock.withLock { _ in
                    cblas_dsyrk(
                        CblasColMajor, CblasLower, trans ? CblasTrans : CblasNoTrans, Int32(n), Int32(k), alpha,
                        ap.baseAddress, Int32(lda), 1, cp.baseAddress, Int32(n))
                }
            }
        }
    }


    /// `C ← A·B` for row-major matrices: `A` is `m × k`, `B` is `k × n`, `C` is `m × n`
    /// (`cblas_dgemm`, one call at a time). Sizes that do not fit BLAS's 32-bit integers, or
    /// buffers too short, leave `C` untouched and return `false`.
    ///
    /// - Complexity: O(m n k) flops.
    package static func multiply(
        _ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, into c: UnsafeMutableBufferPointer<Double>,
        rows m: Int, inner k: Int, columns n: Int
    ) -> Bool {
        _ = singleThreaded
        let limit = Int(Int32.max)
        guard m > 0, n > 0, k > 0, m <= limit, n <= limit, k <= limit,
              a.count >= m * k, b.count >= k * n, c.count >= m * n else { return false }
        lock.withLock { _ in
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a.baseAddress, Int32(k),
                        b.baseAddress, Int32(n), 0, c.baseAddress, Int32(n))
        }
        return true
    }

    /// Solves `S·x = b` for the symmetric positive definite `n × n` matrix `S` (lower triangle
    /// read) by Cholesky (`dposv`). `S` is overwritten by its factor. Returns `nil` when `S` is not
    /// numerically positive definite.
    ///
    /// - Complexity: O(n³/3) flops for the factor, O(n²) per right-hand side.
    static func choleskySolve(_ s: inout [Double], order n: Int, rightHandSide b: [Double]) -> [Double]? {
        _ = singleThreaded
        guard n > 0 else { return [] }
        guard s.count >= n * n, b.count >= n, n <= Int(Int32.max) else { return nil }
        var x = b
        var info: Int32 = 0
        var order = Int32(n), one: Int32 = 1, lda = Int32(n), ldb = Int32(n)
        var uplo = CChar(UInt8(ascii: "L"))
        s.withUnsafeMutableBufferPointer { sp in
            x.withUnsafeMutableBufferPointer { xp in
                lock.withLock { _ in dposv_(&uplo, &order, &one, sp.baseAddress, &lda, xp.baseAddress, &ldb, &info, 1) }
            }
        }
        return info == 0 ? x : nil
    }

    /// Solves `A·x = b` for a square `n × n` matrix `A` by LU with partial pivoting (`dgesv`);
    /// `nil` when `A` is singular.
    ///
    /// - Complexity: O(2n³/3) flops.
    static func generalSolve(_ a: [Double], order n: Int, rightHandSide b: [Double]) -> [Double]? {
        _ = singleThreaded
        guard n > 0 else { return [] }
        guard a.count >= n * n, b.count >= n, n <= Int(Int32.max) else { return nil }
        var matrix = a, x = b
        var pivots = [Int32](repeating: 0, count: n)
        var info: Int32 = 0
        var order = Int32(n), one: Int32 = 1, lda = Int32(n), ldb = Int32(n)
        matrix.withUnsafeMutableBufferPointer { ap in
            x.withUnsafeMutableBufferPointer { xp in
                pivots.withUnsafeMutableBufferPointer { pp in
                    lock.withLock { _ in dgesv_(&order, &one, ap.baseAddress, &lda, pp.baseAddress, xp.baseAddress, &ldb, &info) }
                }
            }
        }
        return info == 0 && x.allSatisfy(\.isFinite) ? x : nil
    }

    /// Solves `L·Lᵀ·x = b` with the factor `L` left by `choleskySolve` (two `cblas_dtrsv`).
    ///
    /// - Complexity: O(n²) flops.
    static func solve(factor l: [Double], order n: Int, rightHandSide b: [Double]) -> [Double] {
        guard n > 0, l.count >= n * n, b.count >= n else { return b }
        var x = b
        l.withUnsafeBufferPointer { lp in
            x.withUnsafeMutableBufferPointer { xp in
                lock.withLock { _ in
                    cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n), lp.baseAddress, Int32(n), xp.baseAddress, 1)
                    cblas_dtrsv(CblasColMajor, CblasLower, CblasTrans, CblasNonUnit, Int32(n), lp.baseAddress, Int32(n), xp.baseAddress, 1)
                }
            }
        }
        return x
    }
}
