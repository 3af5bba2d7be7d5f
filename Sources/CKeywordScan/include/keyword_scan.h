#ifndef OOMLENS_KEYWORD_SCAN_H
#define OOMLENS_KEYWORD_SCAN_H

#include <stddef.h>

/// At most this many keywords in one set.
#define OOMLENS_KEYWORD_SCAN_MAX 8

/// Keywords to search for, each found by its two-byte anchor (`text[anchor]`, `text[anchor + 1]`): a rare pair
/// keeps the number of positions compared in full small.
typedef struct {
    int count;
    const unsigned char *text[OOMLENS_KEYWORD_SCAN_MAX];
    long length[OOMLENS_KEYWORD_SCAN_MAX];
    long anchor[OOMLENS_KEYWORD_SCAN_MAX];
} oomlens_keyword_set;

/// The offset in `buffer[0 ..< length]` where a keyword of `set` starts whose anchor comes first, or -1.
/// Keywords hold no line feed, so the match found lies on the first line that holds any keyword.
long oomlens_keyword_scan(const unsigned char *buffer, long length, const oomlens_keyword_set *set);

#endif
