#include <zlib.h>

/* inflateInit2 is a macro, which Swift cannot call: wrap it. 15 + 32 = largest
   window and automatic gzip/zlib header detection. */
static inline int czlib_inflate_init_gzip(z_streamp strm) {
    return inflateInit2(strm, 15 + 32);
}
