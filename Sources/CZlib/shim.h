#include <zlib.h>

// deflateInit2/inflateInit2 are macros Swift cannot call.
static inline int argo_deflate_init_raw(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}
// The gzip container (RFC 1952) around the same DEFLATE stream.
static inline int argo_deflate_init_gzip(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
static inline int argo_inflate_init_raw(z_streamp strm) {
    return inflateInit2(strm, -15);
}
static inline int argo_inflate_init_gzip(z_streamp strm) {
    return inflateInit2(strm, 15 + 16);
}
