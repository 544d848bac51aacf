#ifndef ACCORD_CLAPACK_SHIM_H
#define ACCORD_CLAPACK_SHIM_H

#include <stddef.h>
#include <cblas.h>

// LAPACK (Fortran) routines provided by libopenblas. Every argument is passed by pointer and
// integers are 32-bit. Character arguments carry a hidden trailing length argument on gfortran
// builds, declared here as `size_t`.

/// Cholesky solve of A X = B for symmetric positive definite A (column-major).
void dposv_(const char *uplo, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, int *info, size_t uplo_len);

/// LU solve of A X = B for a general square A (column-major).
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv,
            double *b, const int *ldb, int *info);

/// OpenBLAS's own thread count (Accord parallelises itself; see DESIGN.md §4).
void openblas_set_num_threads(int num_threads);

#endif
