#ifndef TTHC_SYSTEM_H
#define TTHC_SYSTEM_H

/// Swaps two paths in one step (Linux renameat2 with RENAME_EXCHANGE): a reader sees the old
/// folder or the new one, never neither. Returns 0, or -1 with errno set (for example when the
/// file system cannot exchange), in which case the caller falls back to two renames.
int tthc_exchange_paths(const char *first, const char *second);

#endif
