#include "NearDupKernels.h"

#include <stdlib.h>
#include <string.h>

enum { insertion_limit = 24 };

static void insertion_sort(uint64_t *values, size_t count) {
    for (size_t index = 1; index < count; index++) {
        uint64_t value = values[index];
        size_t hole = index;
        while (hole > 0 && values[hole - 1] > value) {
            values[hole] = values[hole - 1];
            hole--;
        }
        values[hole] = value;
    }
}

static void sift_down(uint64_t *values, size_t root, size_t count) {
    uint64_t value = values[root];
    while (2 * root + 1 < count) {
        size_t child = 2 * root + 1;
        if (child + 1 < count && values[child + 1] > values[child]) {
            child++;
        }
        if (values[child] <= value) {
            break;
        }
        values[root] = values[child];
        root = child;
    }
    values[root] = value;
}

static void heap_sort(uint64_t *values, size_t count) {
    for (size_t root = count / 2; root-- > 0;) {
        sift_down(values, root, count);
    }
    for (size_t end = count; end-- > 1;) {
        uint64_t top = values[0];
        values[0] = values[end];
        values[end] = top;
        sift_down(values, 0, end);
    }
}

static uint64_t median_of_three(uint64_t a, uint64_t b, uint64_t c) {
    if (a > b) {
        uint64_t swap = a;
        a = b;
        b = swap;
    }
    return c < a ? a : (c > b ? b : c);
}

/// Introsort: quicksort on a median-of-three pivot, heapsort when the partitions stay unbalanced
/// (so no input takes quadratic time), insertion sort for short runs.
static void intro_sort(uint64_t *values, size_t count, unsigned depth_budget) {
    while (count > insertion_limit) {
        if (depth_budget-- == 0) {
            heap_sort(values, count);
            return;
        }
        uint64_t pivot = median_of_three(values[0], values[count / 2], values[count - 1]);
        size_t low = 0;
        size_t high = count - 1;
        while (true) {
            while (values[low] < pivot) {
                low++;
            }
            while (values[high] > pivot) {
                high--;
            }
            if (low >= high) {
                break;
            }
            uint64_t swap = values[low];
            values[low] = values[high];
            values[high] = swap;
            low++;
            high--;
        }
        // values[0...high] <= pivot <= values[high + 1...]; recurse into the smaller side.
        size_t left = high + 1;
        if (left < count - left) {
            intro_sort(values, left, depth_budget);
            values += left;
            count -= left;
        } else {
            intro_sort(values + left, count - left, depth_budget);
            count = left;
        }
    }
    insertion_sort(values, count);
}

/// Sorts `count` values into `sorted` by distributing them on their top bits into about `count / 2`
/// buckets, then sorting each bucket. Shingle hashes are uniform, so buckets hold one or two values
/// and the whole sort is two linear passes; a skewed input only makes one bucket's introsort longer.
static void bucket_sort(const uint64_t *values, size_t count, uint64_t *sorted, uint32_t *bucket_starts,
                        unsigned bits) {
    size_t buckets = (size_t)1 << bits;
    unsigned shift = 64 - bits;
    memset(bucket_starts, 0, (buckets + 1) * sizeof(uint32_t));
    for (size_t index = 0; index < count; index++) {
        bucket_starts[(values[index] >> shift) + 1]++;
    }
    for (size_t bucket = 0; bucket < buckets; bucket++) {
        bucket_starts[bucket + 1] += bucket_starts[bucket];
    }
    for (size_t index = 0; index < count; index++) {
        sorted[bucket_starts[values[index] >> shift]++] = values[index];
    }
    // Each start has moved to the next bucket's start: bucket b is now [starts[b - 1], starts[b]).
    size_t start = 0;
    for (size_t bucket = 0; bucket < buckets; bucket++) {
        size_t end = bucket_starts[bucket];
        intro_sort(sorted + start, end - start, 2 * 64);
        start = end;
    }
}

enum { stack_values = 4096 };

size_t neardup_sort_unique(uint64_t *values, size_t count) {
    if (count < 2) {
        return count;
    }
    unsigned bits = 0;
    while (((size_t)4 << bits) <= count) {
        bits++;
    }
    if (count <= insertion_limit) {
        insertion_sort(values, count);
    } else {
        uint64_t stack_sorted[stack_values];
        uint32_t stack_starts[stack_values / 2 + 1];
        bool on_heap = count > stack_values;
        uint64_t *sorted = on_heap ? malloc(count * sizeof(uint64_t)) : stack_sorted;
        uint32_t *starts = on_heap ? malloc((((size_t)1 << bits) + 1) * sizeof(uint32_t)) : stack_starts;
        if (sorted != NULL && starts != NULL) {
            bucket_sort(values, count, sorted, starts, bits);
            memcpy(values, sorted, count * sizeof(uint64_t));
        } else {
            intro_sort(values, count, 2 * 64);
        }
        if (on_heap) {
            free(sorted);
            free(starts);
        }
    }
    size_t write = 1;
    for (size_t read = 1; read < count; read++) {
        if (values[read] != values[write - 1]) {
            values[write++] = values[read];
        }
    }
    return write;
}
