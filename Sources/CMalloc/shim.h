#ifndef ACCORD_CMALLOC_SHIM_H
#define ACCORD_CMALLOC_SHIM_H

// glibc's malloc tuning (mallopt and its M_* parameters), which the Glibc module leaves out.
#include <malloc.h>

#endif
