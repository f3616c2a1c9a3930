#include "tthc_allocator.h"
#include <malloc.h>

int tthc_keep_freed_memory(void) {
    // Blocks up to 256 MB come from the heap (reused when freed) rather than from mmap of their
    // own; the heap is trimmed only past 1 GB free at its top.
    return mallopt(M_MMAP_THRESHOLD, 256 << 20) && mallopt(M_TRIM_THRESHOLD, 1 << 30);
}
