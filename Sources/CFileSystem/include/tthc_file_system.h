#ifndef TTHC_FILE_SYSTEM_H
#define TTHC_FILE_SYSTEM_H

/// Swaps two paths in one step (Linux renameat2 with RENAME_EXCHANGE): a reader sees the old
/// folder or the new one, never neither. Returns 0, or -1 with errno set (for example when the
/// file system cannot exchange), in which case the caller falls back to two renames.
int tthc_exchange_paths(const char *first, const char *second);

/// Renames `from` to `to` only if `to` does not exist (renameat2 with RENAME_NOREPLACE): a folder
/// that appeared there after it was checked is never replaced. Returns 0, or -1 with errno set
/// (EEXIST when `to` exists; EINVAL or ENOSYS when the file system cannot tell).
int tthc_rename_no_replace(const char *from, const char *to);

#endif
