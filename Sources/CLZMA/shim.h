#ifndef NEARDUP_CLZMA_SHIM_H
#define NEARDUP_CLZMA_SHIM_H
#include <lzma.h>
#endif
