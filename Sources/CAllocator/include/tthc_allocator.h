#ifndef TTHC_ALLOCATOR_H
#define TTHC_ALLOCATOR_H

/// Asks glibc's allocator to keep the memory a long-running process frees for its next use,
/// instead of handing it back to the system (large blocks unmapped, the heap's top trimmed) only
/// to fault the same pages in, zeroed, moments later. Returns 0 when the allocator refused.
int tthc_keep_freed_memory(void);

#endif
