#ifndef NEARDUP_CZSTD_SHIM_H
#define NEARDUP_CZSTD_SHIM_H
#include <zstd.h>
#endif
