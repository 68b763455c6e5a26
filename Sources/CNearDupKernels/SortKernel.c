#include "NearDupKernels.h"

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

size_t neardup_sort_unique(uint64_t *values, size_t count) {
    if (count < 2) {
        return count;
    }
    unsigned depth_budget = 0;
    for (size_t remaining = count; remaining > 1; remaining >>= 1) {
        depth_budget += 2;
    }
    intro_sort(values, count, depth_budget);
    size_t write = 1;
    for (size_t read = 1; read < count; read++) {
        if (values[read] != values[write - 1]) {
            values[write++] = values[read];
        }
    }
    return write;
}
