#include <zlib.h>

/* inflateInit2 is a macro, which Swift cannot call: wrap it. 15 + 32 = largest
   window and automatic gzip/zlib header detection. */
static inline int czlib_inflate_init_gzip(z_streamp strm) {
    return inflateInit2(strm, 15 + 32);
}

/* deflateInit2 is a macro too: gzip output (15 + 16), for tests and corpus tools. */
static inline int czlib_deflate_init_gzip(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
