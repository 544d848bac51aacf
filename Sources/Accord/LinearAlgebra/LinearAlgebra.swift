import CLapack

/// A small dense linear-algebra layer over OpenBLAS/LAPACK. Matrices are column-major `[Double]`;
/// no C types leave this file.
enum LinearAlgebra {
    /// Why a factorization failed.
    enum Failure: Error, Equatable {
        /// The matrix is not positive definite (the leading minor of this order is not positive).
        case notPositiveDefinite(order: Int)
        /// The matrix is singular (a zero pivot at this position).
        case singular(pivot: Int)
        /// Inconsistent dimensions or an illegal argument.
        case invalidArgument(Int)
    }

    /// Solves `A X = B` for symmetric positive definite `A` (n × n) by Cholesky (`dposv`).
    /// `b` holds the right-hand sides column-major (n × nrhs); returns `X` in the same layout.
    /// - Complexity: O(n³/3 + n² · nrhs).
    static func solvePositiveDefinite(_ a: [Double], _ b: [Double], n: Int) throws(Failure) -> [Double] {
        guard n > 0, a.count == n * n, b.count % n == 0, !b.isEmpty else { throw .invalidArgument(0) }
        var matrix = a
        var rhs = b
        var uplo = CChar(UInt8(ascii: "L"))
        var order = Int32(n), columns = Int32(b.count / n), lda = Int32(n), ldb = Int32(n), info: Int32 = 0
        dposv_(&uplo, &order, &columns, &matrix, &lda, &rhs, &ldb, &info, 1)
        if info > 0 { throw .notPositiveDefinite(order: Int(info)) }
        if info < 0 { throw .invalidArgument(Int(-info)) }
        return rhs
    }

    /// Solves `A X = B` for a general square `A` (n × n) by LU with partial pivoting (`dgesv`).
    /// - Complexity: O(2n³/3 + n² · nrhs).
    static func solve(_ a: [Double], _ b: [Double], n: Int) throws(Failure) -> [Double] {
        guard n > 0, a.count == n * n, b.count % n == 0, !b.isEmpty else { throw .invalidArgument(0) }
        var matrix = a
        var rhs = b
        var pivots = [Int32](repeating: 0, count: n)
        var order = Int32(n), columns = Int32(b.count / n), lda = Int32(n), ldb = Int32(n), info: Int32 = 0
        dgesv_(&order, &columns, &matrix, &lda, &pivots, &rhs, &ldb, &info)
        if info > 0 { throw .singular(pivot: Int(info)) }
        if info < 0 { throw .invalidArgument(Int(-info)) }
        return rhs
    }

    /// `C = A · B` for column-major A (m × k) and B (k × n), by `cblas_dgemm`.
    /// - Complexity: O(m · n · k).
    static func multiply(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
        precondition(a.count == m * k && b.count == k * n, "internal: matrix dimensions")
        var c = [Double](repeating: 0, count: m * n)
        guard m > 0, n > 0, k > 0 else { return c }
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(m), b, Int32(k), 0, &c, Int32(m))
        return c
    }
}
