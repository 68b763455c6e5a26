#include "NearDupKernels.h"

#include <stdio.h>
#include <unistd.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void neardup_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

long long neardup_resident_bytes(void) {
#if defined(__linux__)
    FILE *file = fopen("/proc/self/statm", "r");
    if (file == NULL) return -1;
    long long size = 0, resident = 0;
    int read = fscanf(file, "%lld %lld", &size, &resident);
    fclose(file);
    if (read != 2) return -1;
    return resident * (long long)sysconf(_SC_PAGESIZE);
#else
    return -1;
#endif
}
