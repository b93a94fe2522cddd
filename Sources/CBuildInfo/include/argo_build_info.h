#ifndef ARGO_BUILD_INFO_H
#define ARGO_BUILD_INFO_H
/// The commit the binary was built from (`make` writes it before building;
/// "unknown" for a build without make).
const char *argo_build_commit(void);
#endif
