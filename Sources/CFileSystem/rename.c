#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include "tthc_file_system.h"

int tthc_rename(const char *from, const char *to, enum tthc_rename_mode mode) {
#if defined(RENAME_EXCHANGE) && defined(RENAME_NOREPLACE)
    return renameat2(AT_FDCWD, from, AT_FDCWD, to, mode == TTHC_RENAME_EXCHANGE ? RENAME_EXCHANGE : RENAME_NOREPLACE);
#else
    (void)from; (void)to; (void)mode;
    errno = ENOSYS;
    return -1;
#endif
}
