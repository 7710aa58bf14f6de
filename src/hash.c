/* FNV-1a, for fingerprints and identities. */
#include "config.h"

#include "hash.h"

uint64_t bclint_hash64(const void *data, size_t n, uint64_t seed)
{
	const unsigned char *p = data;
	const uint64_t prime = 0x100000001b3ull;
	uint64_t h = 0xcbf29ce484222325ull ^ seed;
	/* Each byte needs the hash of the ones before it, so eight bytes
	 * cannot be taken in one step without changing the hash: unrolled,
	 * the loop's own count and test are paid once per eight. */
	for (; n >= 8; p += 8, n -= 8) {
		h = (h ^ p[0]) * prime;
		h = (h ^ p[1]) * prime;
		h = (h ^ p[2]) * prime;
		h = (h ^ p[3]) * prime;
		h = (h ^ p[4]) * prime;
		h = (h ^ p[5]) * prime;
		h = (h ^ p[6]) * prime;
		h = (h ^ p[7]) * prime;
	}
	for (; n > 0; p++, n--)
		h = (h ^ *p) * prime;
	return h;
}
