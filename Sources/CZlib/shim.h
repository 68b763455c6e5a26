#ifndef NEARDUP_CZLIB_SHIM_H
#define NEARDUP_CZLIB_SHIM_H
#include <zlib.h>
#endif
