#include "NearDupKernels.h"

#include <string.h>

/// U+00A0–U+00BF that stay separators through NFKC and case folding, one bit each from U+00A0:
/// no-break space, ¡ ¢ £ ¤ ¥ ¦ §, ©, « ¬, soft hyphen, ®, ° ±, ¶ ·, », ¿ (not ¨ ª ¯ ² ³ ´ µ ¸ ¹ º
/// ¼ ½ ¾, which NFKC turns into letters, digits or combining marks).
static const uint32_t latin1_separators = 0x88C37AFFu;

bool neardup_normalize_admits(const uint8_t *text, size_t count) {
    size_t index = 0;
    while (index < count) {
        uint64_t eight;
        if (index + 8 <= count) {
            memcpy(&eight, text + index, 8);
            if ((eight & 0x8080808080808080ull) == 0) {
                index += 8;
                continue;
            }
        }
        uint8_t byte = text[index];
        if (byte < 0x80) {
            index += 1;
            continue;
        }
        if (index + 1 >= count) {
            return false;
        }
        uint8_t second = text[index + 1];
        if (byte == 0xC2 && second >= 0xA0 && second <= 0xBF && (latin1_separators >> (second - 0xA0) & 1)) {
            index += 2;
            continue;
        }
        if (byte != 0xE2 || index + 2 >= count) {
            return false;
        }
        uint8_t third = text[index + 2];
        bool is_general_punctuation = second == 0x80 || (second == 0x81 && third < 0xB0);
        bool has_combining_form = second == 0x80 && (third == 0x97 || third == 0xBE);
        if (!is_general_punctuation || has_combining_form) {
            return false;
        }
        index += 3;
    }
    return true;
}

/// Each byte's value in a word: ASCII letters lowercased, digits as they are, 0 for a separator.
static const uint8_t word_byte[256] = {
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
    ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
    ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f', ['G'] = 'g',
    ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
    ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u',
    ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
    ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f', ['g'] = 'g',
    ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
    ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't', ['u'] = 'u',
    ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};

/// The portable loop, branch-free: every byte writes its output byte and its word's bounds; only
/// the counters decide what is kept. Leaving a word writes the one space before the next.
static size_t normalize_bytewise(const uint8_t *text, size_t count, uint8_t *output, size_t *output_length,
                                 int32_t *word_starts, int32_t *word_ends) {
    size_t length = 0;
    size_t words = 0;
    int32_t start = 0;
    size_t in_word = 0;
    for (size_t index = 0; index < count; index++) {
        uint8_t mapped = word_byte[text[index]];
        size_t is_word = mapped != 0;
        size_t enters = is_word & (in_word ^ 1);
        size_t leaves = in_word & (is_word ^ 1);
        start = enters ? (int32_t)length : start;
        word_starts[words] = start;
        word_ends[words] = (int32_t)length;
        words += leaves;
        output[length] = is_word ? mapped : ' ';
        length += is_word | leaves;
        in_word = is_word;
    }
    if (in_word) {
        word_starts[words] = start;
        word_ends[words] = (int32_t)length;
        words += 1;
    } else if (length > 0) {
        length -= 1;  // the space after the last word
    }
    *output_length = length;
    return words;
}

#if defined(__x86_64__) && defined(__SSE2__)
#include <emmintrin.h>

enum { block_size = 64 };

/// Lowercases the letters of 64 bytes into `lowered` and returns the mask of word bytes (ASCII
/// letters and digits), bit `i` for byte `i`. Bytes beyond ASCII compare as negative: never words.
static uint64_t word_mask(const uint8_t *block, uint8_t *lowered) {
    uint64_t mask = 0;
    for (int part = 0; part < block_size / 16; part++) {
        __m128i bytes = _mm_loadu_si128((const __m128i *)(block + 16 * part));
        __m128i folded = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
        __m128i is_letter =
            _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8(0x60)), _mm_cmplt_epi8(folded, _mm_set1_epi8(0x7B)));
        __m128i is_digit =
            _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8(0x2F)), _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x3A)));
        __m128i lowered_bytes = _mm_or_si128(_mm_and_si128(is_letter, folded), _mm_andnot_si128(is_letter, bytes));
        _mm_storeu_si128((__m128i *)(lowered + 16 * part), lowered_bytes);
        uint64_t part_mask = (uint16_t)_mm_movemask_epi8(_mm_or_si128(is_letter, is_digit));
        mask |= part_mask << (16 * part);
    }
    return mask;
}

/// 64 bytes at a time: a vector pass lowercases the block into `scratch` and finds its word bytes;
/// the word boundaries are the mask's bit changes, and each word is copied to `output` in 16-byte
/// moves (so `output` needs 16 bytes of slack, `scratch` 64).
static size_t normalize_blockwise(const uint8_t *text, size_t count, uint8_t *output, size_t *output_length,
                                  int32_t *word_starts, int32_t *word_ends, uint8_t *scratch) {
    size_t length = 0;
    size_t words = 0;
    size_t word_start = 0;
    uint64_t in_word = 0;
    for (size_t base = 0; base < count; base += block_size) {
        uint64_t mask;
        if (base + block_size <= count) {
            mask = word_mask(text + base, scratch + base);
        } else {
            uint8_t tail[block_size] = {0};
            memcpy(tail, text + base, count - base);
            mask = word_mask(tail, scratch + base);
        }
        uint64_t changes = mask ^ (mask << 1 | in_word);
        while (changes != 0) {
            size_t position = base + (size_t)__builtin_ctzll(changes);
            changes &= changes - 1;
            if (!in_word) {
                word_start = position;
                in_word = 1;
                continue;
            }
            in_word = 0;
            if (words > 0) {
                output[length++] = ' ';
            }
            size_t word_length = position - word_start;
            word_starts[words] = (int32_t)length;
            for (size_t offset = 0; offset < word_length; offset += 16) {
                memcpy(output + length + offset, scratch + word_start + offset, 16);
            }
            length += word_length;
            word_ends[words++] = (int32_t)length;
        }
    }
    if (in_word) {  // the text ends in a word at a block boundary
        if (words > 0) {
            output[length++] = ' ';
        }
        size_t word_length = count - word_start;
        word_starts[words] = (int32_t)length;
        memcpy(output + length, scratch + word_start, word_length);
        length += word_length;
        word_ends[words++] = (int32_t)length;
    }
    *output_length = length;
    return words;
}
#endif

ptrdiff_t neardup_normalize_fast(const uint8_t *text, size_t count, uint8_t *output, size_t *output_length,
                                 int32_t *word_starts, int32_t *word_ends, uint8_t *scratch) {
    if (!neardup_normalize_admits(text, count)) {
        return -1;
    }
#if defined(__x86_64__) && defined(__SSE2__)
    return (ptrdiff_t)normalize_blockwise(text, count, output, output_length, word_starts, word_ends, scratch);
#else
    (void)scratch;
    return (ptrdiff_t)normalize_bytewise(text, count, output, output_length, word_starts, word_ends);
#endif
}

ptrdiff_t neardup_normalize_fast_portable(const uint8_t *text, size_t count, uint8_t *output, size_t *output_length,
                                          int32_t *word_starts, int32_t *word_ends) {
    if (!neardup_normalize_admits(text, count)) {
        return -1;
    }
    return (ptrdiff_t)normalize_bytewise(text, count, output, output_length, word_starts, word_ends);
}
