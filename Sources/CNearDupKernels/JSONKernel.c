#include "NearDupKernels.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static inline bool needs_escape(uint8_t byte) { return byte < 0x20 || byte == '"' || byte == '\\'; }

size_t neardup_json_plain_length(const uint8_t *bytes, size_t count) {
    size_t index = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i last_control = _mm_set1_epi8(0x1F);
    for (; index + 16 <= count; index += 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        // An unsigned byte is at most 0x1F exactly when max(byte, 0x1F) is 0x1F.
        __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(block, last_control), last_control);
        __m128i special = _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash)));
        int mask = _mm_movemask_epi8(special);
        if (mask != 0) {
            return index + (size_t)__builtin_ctz((unsigned)mask);
        }
    }
#endif
    while (index < count && !needs_escape(bytes[index])) {
        index += 1;
    }
    return index;
}
