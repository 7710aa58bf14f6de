/* Unit tests of bclint_hash64 (src/hash.c): fingerprints and baselines on
 * disk depend on its values, so they must never change. */
#include <stdint.h>
#include <string.h>

#include "tap.h"
#include "hash.h"

/* FNV-1a as written down, one byte at a time. */
static uint64_t reference(const unsigned char *p, size_t n, uint64_t seed)
{
	uint64_t h = 0xcbf29ce484222325ull ^ seed;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

int main(void)
{
	plan(5);
	ok(bclint_hash64("", 0, 0) == 0xcbf29ce484222325ull, "FNV-1a of nothing");
	ok(bclint_hash64("a", 1, 0) == 0xaf63dc4c8601ec8cull, "FNV-1a of 'a'");
	ok(bclint_hash64("foobar", 6, 0) == 0x85944171f73967e8ull, "FNV-1a of 'foobar'");

	/* every length up to a few blocks of eight, at every alignment, with
	 * bytes of both halves */
	unsigned char buf[80];
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 37 + 11);
	size_t bad = 0;
	static const uint64_t seeds[] = {0, 1, 0x6263, 0x9e3779b97f4a7c15ull};
	for (size_t s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++)
		for (size_t at = 0; at < 8; at++)
			for (size_t n = 0; at + n <= 72; n++)
				bad += bclint_hash64(buf + at, n, seeds[s]) !=
				       reference(buf + at, n, seeds[s]);
	is_int((long long)bad, 0, "lengths 0 to 72: values that differ from byte-wise FNV-1a");

	const char *email = "maria.garcia.1234@acme.example";
	ok(bclint_hash64(email, strlen(email), 7) ==
	           reference((const unsigned char *)email, strlen(email), 7),
	   "an email address, as the fingerprints hash it");
	return done_testing();
}
