#ifndef TTHC_FILE_SYSTEM_H
#define TTHC_FILE_SYSTEM_H

/// How `tthc_rename` moves `from` to `to`.
enum tthc_rename_mode {
    /// Swaps the two paths in one step: a reader sees the old folder or the new one, never neither.
    TTHC_RENAME_EXCHANGE = 1,
    /// Renames only if `to` does not exist: a folder that appeared there after it was checked is never replaced.
    TTHC_RENAME_NO_REPLACE = 2,
};

/// Linux renameat2 with RENAME_EXCHANGE or RENAME_NOREPLACE. Returns 0, or -1 with errno set
/// (EEXIST when `to` exists; EINVAL or ENOSYS when the system or file system cannot do it, in
/// which case the caller falls back to plain renames).
int tthc_rename(const char *from, const char *to, enum tthc_rename_mode mode);

#endif
