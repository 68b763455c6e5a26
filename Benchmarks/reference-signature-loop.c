// The plain C signature loop that the speed targets name as the practical ceiling of NearDup's
// signature stage: tokenize → XXH3 per word 5-gram → 128-slot MinHash, one thread, no allocation
// in the loop. It reads the `text` fields of a JSON Lines feed (untimed), then times the loop
// over all of them, three times, and prints the median in MB of text per second.
//
// Simplifications against NearDup (each makes this loop faster, not slower): words are runs of
// ASCII letters and digits, lowercased, or of bytes >= 0x80 (no Unicode normalization); a line
// is a paragraph; no boilerplate rules, no band keys, no per-paragraph records.
//
// Build and run: bash Benchmarks/reference-signature.sh (see there).
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

enum { slots = 128, shingleWords = 5 };

static uint32_t multipliers[slots], increments[slots];

static int isWordByte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Appends the `text` string of one JSON line to `out` (the first "text" key; escapes decoded
// roughly: \n is a line break, any other escape a space); returns the new length.
static size_t appendText(const char *line, const char *end, char *out, size_t length) {
    const char *field = strstr(line, "\"text\"");
    if (!field || field >= end) return length;
    const char *p = field + 6;
    while (p < end && (*p == ' ' || *p == ':')) p++;
    if (p == end || *p != '"') return length;
    for (p++; p < end && *p != '"'; p++) {
        if (*p == '\\' && p + 1 < end) {
            p++;
            out[length++] = *p == 'n' ? '\n' : ' ';
            if (*p == 'u') p += 4;
        } else {
            out[length++] = *p;
        }
    }
    out[length++] = '\n';
    return length;
}

// Signs every paragraph of `text`; returns a checksum so the work cannot be dropped.
static uint64_t signAll(const char *text, size_t length, char *normalized, uint32_t *wordEnds) {
    uint64_t checksum = 0;
    uint32_t signature[slots];
    size_t start = 0;
    while (start < length) {
        const char *newline = memchr(text + start, '\n', length - start);
        size_t end = newline ? (size_t)(newline - text) : length;
        // Normalize: lowercase words separated by one space; remember where each word ends.
        size_t out = 0, words = 0;
        for (size_t i = start; i < end;) {
            while (i < end && !isWordByte((unsigned char)text[i])) i++;
            if (i == end) break;
            if (words) normalized[out++] = ' ';
            while (i < end && isWordByte((unsigned char)text[i])) {
                unsigned char c = (unsigned char)text[i++];
                normalized[out++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            wordEnds[words++] = (uint32_t)out;
        }
        if (words) {
            for (int k = 0; k < slots; k++) signature[k] = UINT32_MAX;
            size_t shingles = words >= shingleWords ? words - shingleWords + 1 : 1;
            for (size_t s = 0; s < shingles; s++) {
                size_t from = s == 0 ? 0 : wordEnds[s - 1] + 1;
                size_t to = wordEnds[words >= shingleWords ? s + shingleWords - 1 : words - 1];
                // The slot function of NearDup's signature formats 2 and 3: 32-bit affine maps of the
                // hash's high 32 bits.
                uint32_t key = (uint32_t)(XXH3_64bits_withSeed(normalized + from, to - from, 0) >> 32);
                for (int k = 0; k < slots; k++) {
                    uint32_t value = multipliers[k] * key + increments[k];
                    signature[k] = value < signature[k] ? value : signature[k];
                }
            }
            checksum += signature[0];
        }
        start = end + 1;
    }
    return checksum;
}

static double seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec + now.tv_nsec / 1e9;
}

static int compareDoubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FEED.jsonl\n", argv[0]);
        return 64;
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) {
        perror(argv[1]);
        return 1;
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *feed = malloc((size_t)size + 1), *text = malloc((size_t)size + 1);
    char *normalized = malloc((size_t)size + 1);
    uint32_t *wordEnds = malloc(sizeof(uint32_t) * ((size_t)size + 1));
    if (!feed || !text || !normalized || !wordEnds || fread(feed, 1, (size_t)size, file) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    feed[size] = 0;
    size_t length = 0;
    for (char *line = feed; line < feed + size;) {
        char *end = memchr(line, '\n', (size_t)(feed + size - line));
        if (!end) end = feed + size;
        *end = 0;
        length = appendText(line, end, text, length);
        line = end + 1;
    }
    uint64_t state = 42;
    for (int k = 0; k < slots; k++) {
        multipliers[k] = (uint32_t)XXH3_64bits_withSeed(&state, sizeof state, 1) | 1;
        increments[k] = (uint32_t)XXH3_64bits_withSeed(&state, sizeof state, 2);
        state++;
    }
    double runs[3];
    uint64_t checksum = 0;
    for (int run = 0; run < 3; run++) {
        double started = seconds();
        checksum += signAll(text, length, normalized, wordEnds);
        runs[run] = seconds() - started;
    }
    qsort(runs, 3, sizeof runs[0], compareDoubles);
    printf("plain C loop: %.1f MB of text in %.3f s (median of 3): %.1f MB/s (checksum %llu)\n", length / 1e6,
           runs[1], length / 1e6 / runs[1], (unsigned long long)checksum);
    return 0;
}
