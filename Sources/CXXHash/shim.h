// Debian's libxxhash-dev: XXH3, the hash by which builds and the preview tell changed bytes from
// unchanged ones (FileSystem/ContentHash.swift says why this one).
#include <xxhash.h>
