#ifndef NEARDUP_CBZIP2_SHIM_H
#define NEARDUP_CBZIP2_SHIM_H
#include <bzlib.h>
#endif
