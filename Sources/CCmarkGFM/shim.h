// Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev (both are needed: see PITFALLS.md).
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
