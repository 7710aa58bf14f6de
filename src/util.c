/* Arena, buffer, hash table and time helpers shared by the core. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#ifdef HAVE_VALGRIND_VALGRIND_H
#include <valgrind/valgrind.h>
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#include "util.h"

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

#define ARENA_BLOCK 65536
#define HUGE_PAGE ((size_t)2 << 20)
#define ARENA_MAX (2 * HUGE_PAGE)

/* A new block for the arena: 64 KiB at first, then growing with the
 * arena up to 4 MiB, so that a big arena (a parse tree, a model, the
 * findings) costs few allocations.  Blocks of 2 MiB and more are aligned
 * to huge pages and offered them: one page fault per 2 MiB instead of 512
 * when they are first written. */
/* Full-size blocks of freed arenas, kept for the next arena to grow:
 * memory already written once costs no page fault when it is reused (the
 * parse tree's becomes the findings').  At most 1 GiB. */
static struct arena_block *spare;
static size_t n_spare;
#define MAX_SPARE 256

void bclint_arena_spare_free(void)
{
	while (spare != NULL) {
		struct arena_block *next = spare->next;
		free(spare);
		spare = next;
	}
	n_spare = 0;
}

void *bclint_big_alloc(size_t size)
{
	if (size < HUGE_PAGE)
		return malloc(size);
	if (size > SIZE_MAX - HUGE_PAGE)
		return NULL;
	size_t total = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	void *p = aligned_alloc(HUGE_PAGE, total);
#ifdef MADV_HUGEPAGE
	if (p != NULL)
		madvise(p, total, MADV_HUGEPAGE);
#endif
	return p;
}

void *bclint_big_calloc(size_t n, size_t size)
{
	if (n == 0 || size == 0)
		n = size = 1; /* calloc(0) may give NULL, taken for a failure */
	if (n > SIZE_MAX / size)
		return NULL;
	if (n * size < HUGE_PAGE)
		return calloc(n, size);
	void *p = bclint_big_alloc(n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

static struct arena_block *arena_block(struct bclint_arena *a, size_t min)
{
	size_t total = ARENA_BLOCK;
	while (total < ARENA_MAX && total * 4 <= a->grown)
		total *= 2;
	struct arena_block *b = NULL;
	if (total == ARENA_MAX && min <= total - sizeof(*b) && spare != NULL) {
		b = spare;
		spare = b->next;
		n_spare--;
	} else if (min > total - sizeof(*b)) {
		/* a block of its own (an array of entities, say) */
		if (min > SIZE_MAX - sizeof(*b) - HUGE_PAGE)
			return NULL;
		total = sizeof(*b) + min;
		if (total >= HUGE_PAGE)
			total = (total + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		b = bclint_big_alloc(total);
	} else if (total >= HUGE_PAGE) {
		b = aligned_alloc(HUGE_PAGE, total);
#ifdef MADV_HUGEPAGE
		if (b != NULL)
			madvise(b, total, MADV_HUGEPAGE);
#endif
	} else {
		b = malloc(total);
	}
	if (b == NULL)
		return NULL;
	b->size = total - sizeof(*b);
	b->used = 0;
	a->grown += total;
	return b;
}

/* size bytes at a multiple of align (a power of two, at most that of
 * max_align_t) in the arena. */
static void *arena_take(struct bclint_arena *a, size_t size, size_t align)
{
	struct arena_block *b = a->head;
	size_t at = b != NULL ? (b->used + align - 1) & ~(align - 1) : 0;
	if (b == NULL || at > b->size || b->size - at < size) {
		int big = size > ARENA_BLOCK / 4;
		b = arena_block(a, size);
		if (b == NULL)
			return NULL;
		at = 0;
		if (big && a->head != NULL && b->size - size < a->head->size - a->head->used) {
			/* a block of its own, almost full: keep filling the
			 * current one */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = (char *)b->data + at;
	b->used = at + size;
	return p;
}

void *bclint_arena_take(struct bclint_arena *a, size_t size, size_t align)
{
	return arena_take(a, size, align);
}

int bclint_arena_owns(const struct bclint_arena *a, const void *p)
{
	for (const struct arena_block *b = a->head; b != NULL; b = b->next)
		if ((const char *)p >= (const char *)b->data &&
		    (const char *)p < (const char *)b->data + b->used)
			return 1;
	return 0;
}

void bclint_arena_each(const struct bclint_arena *a,
                       void (*fn)(void *arg, const void *start, size_t len), void *arg)
{
	for (const struct arena_block *b = a->head; b != NULL; b = b->next)
		fn(arg, b->data, b->used);
}

void *bclint_arena_alloc(struct bclint_arena *a, size_t size)
{
	return arena_take(a, size, _Alignof(max_align_t));
}

void *bclint_arena_extend(struct bclint_arena *a, void *p, size_t old, size_t size)
{
	struct arena_block *b = a->head;
	if (p == NULL || b == NULL || size < old)
		return NULL;
	char *base = (char *)b->data;
	if ((char *)p < base || (char *)p > base + b->used)
		return NULL;
	size_t at = (size_t)((char *)p - base);
	if (at + old != b->used || size > b->size - at)
		return NULL;
	b->used = at + size;
	return p;
}

void *bclint_arena_calloc(struct bclint_arena *a, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	void *p = bclint_arena_alloc(a, n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

char *bclint_arena_strndup(struct bclint_arena *a, const char *s, size_t n)
{
	/* strings need no alignment: packed, they take less memory */
	char *p = n < SIZE_MAX ? arena_take(a, n + 1, 1) : NULL;
	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *bclint_arena_strdup(struct bclint_arena *a, const char *s)
{
	return bclint_arena_strndup(a, s, strlen(s));
}

/* Where bclint_vformat writes: the first room bytes of buf are kept, len
 * counts every byte, as vsnprintf does. */
struct fmt_out {
	char *buf;
	size_t room, len;
};

static void fmt_put(struct fmt_out *o, const char *s, size_t n)
{
	if (o->len < o->room) {
		size_t left = o->room - o->len;
		memcpy(o->buf + o->len, s, n < left ? n : left);
	}
	o->len += n;
}

static void fmt_num(struct fmt_out *o, unsigned long long v, int negative)
{
	char digits[24], *p = digits + sizeof(digits);
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (negative)
		*--p = '-';
	fmt_put(o, p, (size_t)(digits + sizeof(digits) - p));
}

static void fmt_signed(struct fmt_out *o, long long v)
{
	/* negated as unsigned, so that LLONG_MIN does not overflow */
	fmt_num(o, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0);
}

/* The conversion at p (just after a '%'): its letter, with the length
 * modifier in *len (0 int, 'l' long, 'L' long long, 'z' size_t) and p
 * moved past it; 0 for a conversion this file leaves to vsnprintf (flags,
 * width, precision, other letters). */
static int conversion(const char **p, char *len)
{
	const char *q = *p;
	*len = 0;
	if (*q == 'l') {
		*len = 'l';
		if (*++q == 'l') {
			*len = 'L';
			q++;
		}
	} else if (*q == 'z') {
		*len = 'z';
		q++;
	}
	int c = (unsigned char)*q++;
	*p = q;
	if (c == 's' || c == 'c' || c == '%')
		return *len == 0 ? c : 0;
	return c == 'd' || c == 'i' || c == 'u' ? c : 0;
}

int bclint_fmt_capture(const char *fmt, va_list ap, union bclint_arg *args, int max,
                       unsigned *strings)
{
	int n = 0;
	*strings = 0;
	for (const char *p = fmt; (p = strchr(p, '%')) != NULL;) {
		p++;
		char len;
		int c = conversion(&p, &len);
		if (c == 0 || (c != '%' && n == max))
			return -1;
		switch (c) {
		case '%': break;
		case 's':
			*strings |= 1u << n;
			args[n++].s = va_arg(ap, const char *);
			break;
		case 'c': args[n++].i = va_arg(ap, int); break;
		case 'u':
			switch (len) {
			case 'l': args[n++].u = va_arg(ap, unsigned long); break;
			case 'L': args[n++].u = va_arg(ap, unsigned long long); break;
			/* not a clone of default: va_arg's types differ */
			/* NOLINTNEXTLINE(bugprone-branch-clone) */
			case 'z': args[n++].u = va_arg(ap, size_t); break;
			default: args[n++].u = va_arg(ap, unsigned); break;
			}
			break;
		default: /* d, i */
			switch (len) {
			case 'l': args[n++].i = va_arg(ap, long); break;
			case 'L': args[n++].i = va_arg(ap, long long); break;
			/* NOLINTNEXTLINE(bugprone-branch-clone): as above */
			case 'z': args[n++].i = va_arg(ap, ssize_t); break;
			default: args[n++].i = va_arg(ap, int); break;
			}
			break;
		}
	}
	return n;
}

int bclint_fmt_render(char *buf, size_t size, const char *fmt, const union bclint_arg *args)
{
	struct fmt_out o = {buf, size ? size - 1 : 0, 0};
	for (const char *p = fmt;;) {
		const char *pct = strchr(p, '%');
		fmt_put(&o, p, pct ? (size_t)(pct - p) : strlen(p));
		if (pct == NULL)
			break;
		p = pct + 1;
		char len;
		int c = conversion(&p, &len);
		switch (c) {
		case 's': {
			const char *s = args->s ? args->s : "(null)"; /* as glibc prints it */
			fmt_put(&o, s, strlen(s));
			args++;
			break;
		}
		case 'c': {
			char ch = (char)args++->i;
			fmt_put(&o, &ch, 1);
			break;
		}
		case 'u': fmt_num(&o, args++->u, 0); break;
		case '%': fmt_put(&o, "%", 1); break;
		case 'd':
		case 'i': fmt_signed(&o, args++->i); break;
		default: return -1; /* not a format bclint_fmt_capture takes */
		}
	}
	if (size > 0)
		buf[o.len < o.room ? o.len : o.room] = '\0';
	return o.len > INT_MAX ? -1 : (int)o.len;
}

int bclint_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	/* Arguments already taken from ap cannot be put back: vsnprintf gets
	 * this copy when the format turns out to need it. */
	va_list again;
	va_copy(again, ap);
	union bclint_arg args[BCLINT_FMT_MAX_ARGS] = {{0}};
	unsigned strings;
	int n = bclint_fmt_capture(fmt, ap, args, BCLINT_FMT_MAX_ARGS, &strings);
	if (n >= 0)
		n = bclint_fmt_render(buf, size, fmt, args);
	else
		n = vsnprintf(buf, size, fmt, again);
	va_end(again);
	return n;
}

char *bclint_arena_vprintf(struct bclint_arena *a, const char *fmt, va_list ap)
{
	char small[256];
	va_list ap2;
	va_copy(ap2, ap);
	int n = bclint_vformat(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	char *p = bclint_arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	if ((size_t)n < sizeof(small))
		memcpy(p, small, (size_t)n + 1);
	else
		bclint_vformat(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *bclint_arena_printf(struct bclint_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = bclint_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void bclint_arena_free(struct bclint_arena *a)
{
	if (a == NULL)
		return;
	struct arena_block *b = a->head;
	while (b != NULL) {
		struct arena_block *next = b->next;
		if (b->size + sizeof(*b) == ARENA_MAX && n_spare < MAX_SPARE) {
			b->next = spare;
			spare = b;
			n_spare++;
		} else {
			free(b);
		}
		b = next;
	}
	a->head = NULL;
	a->grown = 0;
}

void bclint_arena_reset(struct bclint_arena *a)
{
	struct arena_block *keep = a->head;
	if (keep == NULL)
		return;
	a->head = keep->next;
	bclint_arena_free(a);
	keep->next = NULL;
	keep->used = 0;
	a->head = keep;
	a->grown = keep->size + sizeof(*keep);
}

static int buf_grow(struct bclint_buf *b, size_t more)
{
	if (b->oom)
		return -1;
	if (b->cap - b->len > more)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len <= more) {
		if (cap > SIZE_MAX / 2) {
			b->oom = 1;
			return -1;
		}
		cap *= 2;
	}
	char *p = realloc(b->data, cap);
	if (p == NULL) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void bclint_buf_spill(struct bclint_buf *b)
{
	if (b->sink == NULL || b->len < BCLINT_SPILL || b->oom)
		return;
	if (b->sink(b->sink_arg, b->data, b->len) < 0)
		b->oom = 1;
	b->len = 0;
	b->data[0] = '\0';
}

int bclint_buf_reserve(struct bclint_buf *b, size_t more)
{
	return buf_grow(b, more);
}

void bclint_buf_add_slow(struct bclint_buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n) < 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}


void bclint_buf_uint(struct bclint_buf *b, uint64_t n)
{
	char digits[24], *p = digits + sizeof(digits);
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n != 0);
	bclint_buf_add(b, p, (size_t)(digits + sizeof(digits) - p));
}

void bclint_buf_printf(struct bclint_buf *b, const char *fmt, ...)
{
	if (b->oom)
		return;
	/* Straight into the free space; only a message that does not fit is
	 * formatted twice. */
	size_t room = b->cap - b->len;
	va_list ap;
	va_start(ap, fmt);
	int n = bclint_vformat(room ? b->data + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < room) {
		b->len += (size_t)n;
		return;
	}
	if (room > 0)
		b->data[b->len] = '\0'; /* the cut-off attempt is not kept */
	if (n < 0 || buf_grow(b, (size_t)n) < 0)
		return;
	va_start(ap, fmt);
	bclint_vformat(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void bclint_buf_json_str(struct bclint_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *run = p;
	for (; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7f)
			continue;
		bclint_buf_add(b, (const char *)run, (size_t)(p - run));
		switch (*p) {
		case '"': bclint_buf_puts(b, "\\\""); break;
		case '\\': bclint_buf_puts(b, "\\\\"); break;
		case '\n': bclint_buf_puts(b, "\\n"); break;
		case '\r': bclint_buf_puts(b, "\\r"); break;
		case '\t': bclint_buf_puts(b, "\\t"); break;
		default: bclint_buf_printf(b, "\\u%04x", *p); break;
		}
		run = p + 1;
	}
	bclint_buf_add(b, (const char *)run, (size_t)(p - run));
}

/* Is any of the 8 bytes a control character, DEL, or 0xC2 (which starts
 * the UTF-8 form of a C1 control)? */
static int unsafe8(uint64_t v)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	uint64_t del = v ^ 0x7f7f7f7f7f7f7f7full, c2 = v ^ 0xc2c2c2c2c2c2c2c2ull;
	uint64_t low = (v - 0x2020202020202020ull) & ~v & highs; /* < 0x20, NUL too */
	return (low | ((del - ones) & ~del & highs) | ((c2 - ones) & ~c2 & highs)) != 0;
}

void bclint_buf_safe(struct bclint_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *run = p;
	size_t n = strlen(s);
	for (uint64_t v; n >= 8 && (memcpy(&v, p, 8), !unsafe8(v)); n -= 8)
		p += 8;
	for (; *p; p++) {
		/* C0 controls, DEL, and the C1 controls' UTF-8 form (C2 80-9F) */
		if (*p >= 0x20 && *p != 0x7f && *p != 0xc2)
			continue;
		int c1 = p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f;
		if (*p == 0xc2 && !c1)
			continue;
		bclint_buf_add(b, (const char *)run, (size_t)(p - run));
		switch (*p) {
		case '\n': bclint_buf_puts(b, "\\n"); break;
		case '\r': bclint_buf_puts(b, "\\r"); break;
		case '\t': bclint_buf_puts(b, "\\t"); break;
		default:
			if (c1) {
				p++;
				bclint_buf_printf(b, "\\u%04x", *p);
			} else {
				bclint_buf_printf(b, "\\x%02x", *p);
			}
			break;
		}
		run = p + 1;
	}
	bclint_buf_add(b, (const char *)run, (size_t)(p - run));
}

/* One cache line per slot: a short key (IDs, most e-mail addresses) is
 * kept in the slot itself, so that a lookup in a table too big for the
 * cache costs one miss, not a second one to compare with the key. */
#define MAP_INLINE 32
struct map_slot {
	uint64_t hash;
	void *value;
	const char *key; /* NULL: empty slot */
	uint32_t tag, len;
	char inl[MAP_INLINE]; /* the key, when len < MAP_INLINE */
};

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

/* The table's own hash, eight bytes at a step (bclint_hash64, a byte at a
 * time, is kept for what must not change: fingerprints).  The tag is not
 * hashed, only compared, so that a key can be asked for early without
 * knowing its tag (an asset ID before its type is read). */
static uint64_t key_hash(const char *key, size_t len)
{
	const uint64_t k = 0xbf58476d1ce4e5b9ull;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len;
	uint64_t w = 0;
	if (len >= 8) {
		/* whole words, then the last eight bytes (overlapping the
		 * word before them unless len is a multiple of eight) */
		const char *last = key + len - 8;
		for (; key < last; key += 8) {
			memcpy(&w, key, 8);
			h = (h ^ w) * k;
			h ^= h >> 31;
		}
		memcpy(&w, last, 8);
	} else {
		for (size_t i = 0; i < len; i++)
			w |= (uint64_t)(unsigned char)key[i] << (8 * i);
	}
	h = (h ^ w) * 0x94d049bb133111ebull;
	h ^= h >> 29;
	h *= k;
	return h ^ (h >> 32);
}

static int same_key(const struct map_slot *s, const char *key, size_t len)
{
	if (s->len != len)
		return 0;
	return memcmp(len < MAP_INLINE ? s->inl : s->key, key, len) == 0;
}

static struct map_slot *map_find(const struct bclint_map *m, unsigned tag,
                                 const char *key, size_t len, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct map_slot *s = &m->slots[i];
		if (s->key == NULL || (s->hash == h && s->tag == tag && same_key(s, key, len)))
			return s;
	}
}

void *bclint_map_get_stored(const struct bclint_map *m, unsigned tag, const char *key,
                            const char **stored)
{
	*stored = NULL;
	if (m->len == 0)
		return NULL;
	size_t len = strlen(key);
	struct map_slot *s = map_find(m, tag, key, len, key_hash(key, len));
	*stored = s->key;
	return s->key ? s->value : NULL;
}

void *bclint_map_get(const struct bclint_map *m, unsigned tag, const char *key)
{
	const char *stored;
	return bclint_map_get_stored(m, tag, key, &stored);
}

void bclint_map_prefetch(const struct bclint_map *m, const char *key, size_t len)
{
	if (m->cap > 0)
		__builtin_prefetch(&m->slots[key_hash(key, len) & (m->cap - 1)]);
}

static int map_resize(struct bclint_map *m, size_t cap)
{
	struct map_slot *old = m->slots;
	size_t oldcap = m->cap;
	if (cap > SIZE_MAX / sizeof(*old))
		return -1;
	size_t size = cap * sizeof(*old);
	/* a big table on huge pages: lookups in random order miss the TLB
	 * less (one entry per 2 MiB) */
	m->slots = aligned_alloc(size >= HUGE_PAGE ? HUGE_PAGE : 64, size);
#ifdef MADV_HUGEPAGE
	if (m->slots != NULL && size >= HUGE_PAGE)
		madvise(m->slots, size, MADV_HUGEPAGE);
#endif
	if (m->slots == NULL) {
		m->slots = old;
		return -1;
	}
	memset(m->slots, 0, size);
	m->cap = cap;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*map_find(m, old[i].tag, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
	return 0;
}

int bclint_map_reserve(struct bclint_map *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;
	while ((n + 1) * 4 >= cap * 3) {
		if (cap > SIZE_MAX / 2)
			return -1;
		cap *= 2;
	}
	return cap == m->cap ? 0 : map_resize(m, cap);
}

void *bclint_map_put(struct bclint_map *m, unsigned tag, const char *key, void *value)
{
	size_t len = strlen(key);
	if (len > UINT32_MAX)
		return m;
	if ((m->len + 1) * 4 >= m->cap * 3 &&
	    map_resize(m, m->cap ? m->cap * 2 : 64) < 0)
		return m;
	uint64_t h = key_hash(key, len);
	struct map_slot *s = map_find(m, tag, key, len, h);
	if (s->key != NULL)
		return s->value;
	s->key = key;
	s->tag = tag;
	s->len = (uint32_t)len;
	if (len < MAP_INLINE)
		memcpy(s->inl, key, len);
	s->hash = h;
	s->value = value;
	m->len++;
	return NULL;
}

void bclint_map_free(struct bclint_map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->len = 0;
}

static int read_digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (**p < '0' || **p > '9')
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*out = v;
	return 0;
}

static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int bclint_parse_time(const char *s, bclint_time *t)
{
	int y, mo, d, h = 0, mi = 0, se = 0, off = 0;
	const char *p = s;
	if (read_digits(&p, 4, &y) || *p++ != '-' || read_digits(&p, 2, &mo) ||
	    *p++ != '-' || read_digits(&p, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (d > mdays[mo - 1] ||
	    (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return -1;
	if (*p != '\0') {
		if (*p != 'T' && *p != 't' && *p != ' ')
			return -1;
		p++;
		if (read_digits(&p, 2, &h) || *p++ != ':' || read_digits(&p, 2, &mi) ||
		    *p++ != ':' || read_digits(&p, 2, &se))
			return -1;
		if (h > 23 || mi > 59 || se > 60)
			return -1;
		if (*p == '.') {
			p++;
			if (*p < '0' || *p > '9')
				return -1;
			while (*p >= '0' && *p <= '9')
				p++;
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh, om;
			if (read_digits(&p, 2, &oh) || *p++ != ':' || read_digits(&p, 2, &om) ||
			    oh > 23 || om > 59)
				return -1;
			off = sign * (oh * 3600 + om * 60);
		} else {
			return -1;
		}
		if (*p != '\0')
			return -1;
	}
	*t = days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + se - off;
	return 0;
}

struct pcre2_real_code_8 *bclint_regex_compile(const char *pattern, char *why, size_t size)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
	                               &code, &off, NULL);
	if (re == NULL) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(code, msg, sizeof(msg));
		if (why != NULL)
			snprintf(why, size, "bad regular expression '%s': %s at offset %zu", pattern,
			         (const char *)msg, (size_t)off);
		return NULL;
	}
	/* JIT code reads whole words past a subject's terminator, which
	 * memcheck reports as uninitialised reads; the interpreter gives the
	 * same answers, so under valgrind it is used instead. */
	if (!RUNNING_ON_VALGRIND)
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

int bclint_regex_check(const char *pattern, char *why, size_t size)
{
	pcre2_code *re = bclint_regex_compile(pattern, why, size);
	pcre2_code_free(re);
	return re == NULL ? -1 : 0;
}

static const char *const level_names[] = {"default", "note", "warning", "error", "off"};

int bclint_level_from_name(const char *s)
{
	for (int i = 1; i < 5; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

const char *bclint_level_name(int level)
{
	return level >= 0 && level < 5 ? level_names[level] : "?";
}

/* Reading files. */

int bclint_read_file(const char *path, char **text, size_t *len)
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (fd != STDIN_FILENO)
			close(fd);
		errno = EISDIR;
		return -1;
	}
	size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
	size_t n = 0;
	char *buf = malloc(cap);
	int saved = 0;
	while (buf != NULL) {
		if (n + 1 >= cap) {
			char *p = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
			if (p == NULL) {
				free(buf);
				buf = NULL;
				saved = ENOMEM;
				break;
			}
			buf = p;
			cap *= 2;
		}
		ssize_t got = read(fd, buf + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			saved = errno;
			free(buf);
			buf = NULL;
			break;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (buf == NULL && saved == 0)
		saved = ENOMEM;
	if (fd != STDIN_FILENO)
		close(fd);
	if (buf == NULL) {
		errno = saved;
		return -1;
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

/* Mapped snapshots: few (one per input), so a list says which texts to
 * unmap rather than free. */
struct mapping {
	struct mapping *next;
	char *base;
	size_t size;
};
static struct mapping *mappings;

#define MAP_MIN ((size_t)1 << 16)

/* Map a regular file of size bytes read-only, followed by at least one
 * zero byte: an anonymous reservation first, the file over its start.
 * The pages are the page cache's: nothing is copied and no fresh memory is
 * written.  Returns NULL when the file cannot be mapped. */
static char *map_text(int fd, size_t size)
{
	long page = sysconf(_SC_PAGESIZE);
	if (page <= 0 || size > SIZE_MAX - 2 * (size_t)page)
		return NULL;
	size_t total = (size / (size_t)page + 1) * (size_t)page;
	struct mapping *m = malloc(sizeof(*m));
	char *base = mmap(NULL, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == NULL || base == MAP_FAILED) {
		free(m);
		if (base != MAP_FAILED)
			munmap(base, total);
		return NULL;
	}
	if (mmap(base, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
		munmap(base, total);
		free(m);
		return NULL;
	}
	*m = (struct mapping){mappings, base, total};
	mappings = m;
	return base;
}

int bclint_read_text(const char *path, char **text, size_t *len)
{
	int fd = strcmp(path, "-") == 0 ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *base = NULL;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uintmax_t)st.st_size >= MAP_MIN && (uintmax_t)st.st_size < SIZE_MAX)
		base = map_text(fd, (size_t)st.st_size);
	if (fd >= 0)
		close(fd);
	if (base == NULL)
		return bclint_read_file(path, text, len);
	*text = base;
	*len = (size_t)st.st_size;
	return 0;
}

void bclint_text_free(char *text)
{
	for (struct mapping **m = &mappings; *m != NULL; m = &(*m)->next) {
		if ((*m)->base != text)
			continue;
		struct mapping *dead = *m;
		munmap(dead->base, dead->size);
		*m = dead->next;
		free(dead);
		return;
	}
	free(text);
}
