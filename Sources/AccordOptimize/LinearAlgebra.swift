import CLapack

/// The few dense BLAS/LAPACK kernels the interior point needs, behind a Swift API: arrays in,
/// arrays out, no C pointers or LAPACK types outside this file. Matrices are column-major
/// `[Double]` with an explicit row count (the leading dimension).
enum LinearAlgebra {
    /// OpenBLAS runs single-threaded: Accord parallelises itself (DESIGN.md §4), and at the sizes
    /// of one Newton system threads cost more than they save. Set once, on first use.
    static let singleThreaded: Void = openblas_set_num_threads(1)

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
                cblas_dsyrk(
                    CblasColMajor, CblasLower, trans ? CblasTrans : CblasNoTrans, Int32(n), Int32(k), alpha,
                    ap.baseAddress, Int32(lda), 1, cp.baseAddress, Int32(n))
            }
        }
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
                dposv_(&uplo, &order, &one, sp.baseAddress, &lda, xp.baseAddress, &ldb, &info, 1)
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
                    dgesv_(&order, &one, ap.baseAddress, &lda, pp.baseAddress, xp.baseAddress, &ldb, &info)
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
                cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n), lp.baseAddress, Int32(n), xp.baseAddress, 1)
                cblas_dtrsv(CblasColMajor, CblasLower, CblasTrans, CblasNonUnit, Int32(n), lp.baseAddress, Int32(n), xp.baseAddress, 1)
            }
        }
        return x
    }
}
