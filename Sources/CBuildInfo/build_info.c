#include "argo_build_info.h"

// Written by `make` (the build-info target) before every build, and only when
// it changes: a new commit recompiles this file alone. Not in git.
#if __has_include("generated_commit.h")
#include "generated_commit.h"
#endif
#ifndef ARGO_BUILD_COMMIT
#define ARGO_BUILD_COMMIT "unknown"
#endif

const char *argo_build_commit(void) { return ARGO_BUILD_COMMIT; }
