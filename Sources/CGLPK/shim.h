#ifndef ACCORD_CGLPK_SHIM_H
#define ACCORD_CGLPK_SHIM_H

// GLPK (Debian's libglpk-dev): linear programs, with an exact rational simplex (glp_exact).
#include <glpk.h>

#endif
