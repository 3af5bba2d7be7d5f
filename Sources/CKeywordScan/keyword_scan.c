#include "keyword_scan.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define OOMLENS_HAVE_AVX2_PATH 1
#endif

/// The start of a keyword whose anchor is at `q`, or -1.
static long match_at(const unsigned char *buffer, long length, const oomlens_keyword_set *set, long q) {
    for (int k = 0; k < set->count; k++) {
        long p = q - set->anchor[k];
        if (p < 0 || p + set->length[k] > length) continue;
        if (buffer[q] != set->text[k][set->anchor[k]] || buffer[q + 1] != set->text[k][set->anchor[k] + 1]) continue;
        if (memcmp(buffer + p, set->text[k], (size_t)set->length[k]) == 0) return p;
    }
    return -1;
}

#if OOMLENS_HAVE_AVX2_PATH
/// The AVX2 loop: 32 positions per step. Returns the match, -1, or -2 with `*next` the first position not looked at.
__attribute__((target("avx2")))
static long scan_avx2(const unsigned char *buffer, long length, const oomlens_keyword_set *set, long *next) {
    __m256i first[OOMLENS_KEYWORD_SCAN_MAX];
    __m256i second[OOMLENS_KEYWORD_SCAN_MAX];
    for (int k = 0; k < OOMLENS_KEYWORD_SCAN_MAX; k++) {
        int j = k < set->count ? k : 0;
        first[k] = _mm256_set1_epi8((char)set->text[j][set->anchor[j]]);
        second[k] = _mm256_set1_epi8((char)set->text[j][set->anchor[j] + 1]);
    }
    long q = 0;
    for (; q + 33 <= length; q += 32) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(buffer + q));
        __m256i b = _mm256_loadu_si256((const __m256i *)(buffer + q + 1));
        __m256i hit = _mm256_and_si256(_mm256_cmpeq_epi8(a, first[0]), _mm256_cmpeq_epi8(b, second[0]));
        for (int k = 1; k < OOMLENS_KEYWORD_SCAN_MAX; k++) {
            hit = _mm256_or_si256(hit, _mm256_and_si256(_mm256_cmpeq_epi8(a, first[k]), _mm256_cmpeq_epi8(b, second[k])));
        }
        unsigned mask = (unsigned)_mm256_movemask_epi8(hit);
        while (mask != 0) {
            long p = match_at(buffer, length, set, q + __builtin_ctz(mask));
            if (p >= 0) return p;
            mask &= mask - 1;
        }
    }
    *next = q;
    return -2;
}
#endif

long oomlens_keyword_scan(const unsigned char *buffer, long length, const oomlens_keyword_set *set) {
    long q = 0;
    if (set->count < 1) return -1;
#if OOMLENS_HAVE_AVX2_PATH
    if (__builtin_cpu_supports("avx2")) {
        long found = scan_avx2(buffer, length, set, &q);
        if (found != -2) return found;
    }
#endif
#if defined(__SSE2__)
    __m128i first[OOMLENS_KEYWORD_SCAN_MAX];
    __m128i second[OOMLENS_KEYWORD_SCAN_MAX];
    // Unused slots repeat the first keyword, so that the loop below has a fixed length and is unrolled.
    for (int k = 0; k < OOMLENS_KEYWORD_SCAN_MAX; k++) {
        int j = k < set->count ? k : 0;
        first[k] = _mm_set1_epi8((char)set->text[j][set->anchor[j]]);
        second[k] = _mm_set1_epi8((char)set->text[j][set->anchor[j] + 1]);
    }
    for (; q + 17 <= length; q += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(buffer + q));
        __m128i b = _mm_loadu_si128((const __m128i *)(buffer + q + 1));
        __m128i hit = _mm_and_si128(_mm_cmpeq_epi8(a, first[0]), _mm_cmpeq_epi8(b, second[0]));
        for (int k = 1; k < OOMLENS_KEYWORD_SCAN_MAX; k++) {
            hit = _mm_or_si128(hit, _mm_and_si128(_mm_cmpeq_epi8(a, first[k]), _mm_cmpeq_epi8(b, second[k])));
        }
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        while (mask != 0) {
            long lane = __builtin_ctz(mask);
            long p = match_at(buffer, length, set, q + lane);
            if (p >= 0) return p;
            mask &= mask - 1;
        }
    }
#endif
    for (; q + 1 < length; q++) {
        long p = match_at(buffer, length, set, q);
        if (p >= 0) return p;
    }
    return -1;
}
