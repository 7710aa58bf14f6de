/* The hash of fingerprints and entity identities.  Its values end up in
 * reports and baselines on disk: they must never change. */
#ifndef BCLINT_HASH_H
#define BCLINT_HASH_H 1

#include <stddef.h>
#include <stdint.h>

/* FNV-1a 64 over n bytes of data, starting from seed. */
uint64_t bclint_hash64(const void *data, size_t n, uint64_t seed);

#endif
