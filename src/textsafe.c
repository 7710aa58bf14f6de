/* Escaping snapshot text for line-oriented reports (see textsafe.h).
 *
 * The shapes are what the readers bclint is tested with look for inside a
 * line: Vim's error formats (gcc and default), Emacs compilation-mode's
 * whole default regexp list and its directory tracking, VS Code's $gcc,
 * GitHub's problem matchers and workflow commands, and the GCC and
 * clang-tidy parsers of Jenkins Warnings NG.  Each of their patterns
 * needs one of the shapes below; breaking one character of the shape
 * breaks every pattern that needs it (t/contrib/consumers.sh proves it
 * with the readers themselves). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "textsafe.h"

/* The code point of the well-formed UTF-8 sequence at p and its length;
 * 0 when the byte at p starts none (overlong forms and surrogates too). */
static size_t utf8_decode(const unsigned char *p, uint32_t *cp)
{
	static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
	if (n == 0 || p[0] > 0xf4)
		return 0;
	uint32_t v = p[0] & (0x7f >> n);
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (p[k] & 0x3f);
	}
	if (v < least[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/* Characters no reader should get raw: C1 controls; spaces other than
 * ASCII's (each is \s somewhere); line and paragraph separators (a line
 * break to some readers, and not matched by JavaScript's '.'); the
 * bidirectional controls and other invisible format characters, which
 * make a line look other than it is. */
static int hidden(uint32_t cp)
{
	static const uint32_t ranges[][2] = {
	        {0x80, 0xa0},     {0xad, 0xad},     {0x61c, 0x61c},   {0x1680, 0x1680},
	        {0x180e, 0x180e}, {0x2000, 0x200f}, {0x2028, 0x202f}, {0x205f, 0x206f},
	        {0x3000, 0x3000}, {0xfeff, 0xfeff}, {0xfff9, 0xfffb}, {0xe0000, 0xe007f},
	};
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return 1;
	return 0;
}

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Does s start with p (lower case), ASCII letters compared without case?
 * Most calls fail at the first or second byte: a loop, not a call. */
static int prefix_ci(const char *s, const char *p)
{
	for (; *p != '\0'; s++, p++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			c |= 0x20;
		if (c != (unsigned char)*p)
			return 0;
	}
	return 1;
}

/* ':' before a number (":12:", ": 12.", ":[12,", ":(12)", ":12" at the
 * end: a location to every reader; ":12 " and ":12a" are none, as in
 * "static:0 left"), after a severity ("error: ", "Warning: ", "terror: "
 * to Jenkins' gcc parser, which takes ".*[Ee]rror: "), at the very end (a
 * file header to some), and in a file name also before a space (a program
 * prefix, "make: x.json:1:"). */
static int colon_shape(const char *s, size_t i, unsigned flags)
{
	const char *n = s + i + 1, *d = n + strspn(n, " [(");
	if (digit(*d)) {
		d += strspn(d, "0123456789");
		if (*d != ' ' && !(*d >= 'a' && *d <= 'z') && !(*d >= 'A' && *d <= 'Z'))
			return 1;
	}
	if (*n == '\0')
		return 1;
	if ((flags & BCLINT_TEXTSAFE_LINE_START) && *n == ' ')
		return 1;
	if (*n != ' ')
		return 0;
	return (i >= 4 && prefix_ci(s + i - 4, "rror")) ||
	       (i >= 6 && prefix_ci(s + i - 6, "arning"));
}

/* '(' before a number that reads as "FILE(12)", "(12:", "(12," or
 * "(12) in FILE"; the "(12)" of "ad account 'Brand' (12)" stays. */
static int paren_shape(const char *s, size_t i)
{
	if (!digit(s[i + 1]))
		return 0;
	if (i > 0 && s[i - 1] != ' ')
		return 1;
	const char *d = s + i + 1;
	d += strspn(d, "0123456789");
	return *d == ':' || *d == ',' || strncmp(d, ") in ", 5) == 0;
}

/* "line 12", "lines 12", "Line = 12" (not "line=12"): a location to
 * Emacs (perl, php, aix, sun, ...), Vim's gcc formats and shellcheck's. */
static int line_shape(const char *s)
{
	if (!prefix_ci(s, "line"))
		return 0;
	s += 4;
	s += *s == 's' || *s == 'S';
	if (*s != ' ')
		return 0; /* "line=1" is no location to anyone */
	s += strspn(s, " ");
	if (*s == '=')
		s += 1 + strspn(s + 1, " ");
	return digit(*s);
}

/* Phrases a reader acts on wherever they are in a line: make's directory
 * changes (Emacs, Vim, Jenkins), CMake's (Jenkins), gcc's include chain,
 * and Ant's javac prefix (Jenkins' gcc parser skips a line holding it).
 * Does one start at s?  Only the phrase of s's first character can. */
static int phrase_at(const char *s)
{
	const char *p;
	switch (*s) {
	case 'e':
	case 'E': p = "entering directory"; break;
	case 'l':
	case 'L': p = "leaving directory"; break;
	case 'i':
	case 'I': p = "in file included from"; break;
	case '-': p = "-- build files have"; break;
	case '[': p = "[javac]"; break;
	default: return 0;
	}
	return prefix_ci(s, p);
}

/* Is the ASCII character s[i] written escaped? */
static int shape(const char *s, size_t i, unsigned flags)
{
	int start = (flags & BCLINT_TEXTSAFE_LINE_START) != 0;
	/* GitHub's runner trims a line, then takes "::cmd" and "##[cmd]";
	 * a name of digits only reads as gcov's and guile's "12:34:". */
	if (start && i == 0 &&
	    (s[0] == ' ' || s[0] == ':' || s[0] == '#' || s[strspn(s, "0123456789")] == '\0'))
		return 1;
	switch (s[i]) {
	case '"':
	case '`': return 1; /* quoted file names, make's `dir' */
	case ':': return colon_shape(s, i, flags);
	case '(': return paren_shape(s, i);
	case '#': return start || s[i + 1] == ' '; /* cucumber's "# FILE:12" */
	case ']': return start;                    /* an Ant task's "[x] FILE:12:" */
	case ' ': return start && digit(s[i + 1]); /* Borland's "Error FILE 12" */
	case 'l':
	case 'L':
		if (line_shape(s + i))
			return 1;
		break;
	default: break;
	}
	return phrase_at(s + i);
}

static void control(struct bclint_buf *b, unsigned char c)
{
	switch (c) {
	case '\n': bclint_buf_puts(b, "\\n"); break;
	case '\r': bclint_buf_puts(b, "\\r"); break;
	case '\t': bclint_buf_puts(b, "\\t"); break;
	default: bclint_buf_printf(b, "\\x%02x", c); break;
	}
}

/* What a byte needs beyond copying, by class: OTHER (controls, DEL, every
 * byte past ASCII and the terminating NUL) always gets a look; of the
 * printable ASCII characters shape() may escape or that start a phrase,
 * LOOK inside a line, START only in a name that starts one, PAIR when
 * only a certain second character can make a shape or a phrase of it
 * (after_pair).  A table, not a search of a string: most of a report's
 * bytes pass here, and the letters of PAIR are among English's commonest. */
enum { OTHER = 1, LOOK = 2, START = 4, PAIR = 8 };
#define OTHER4  OTHER, OTHER, OTHER, OTHER
#define OTHER16 OTHER4, OTHER4, OTHER4, OTHER4
static const unsigned char lookout[256] = {
        [0x00] = OTHER16, OTHER16,      ['"'] = LOOK, ['`'] = LOOK,  [':'] = LOOK,  ['('] = LOOK,
        ['#'] = LOOK,     ['l'] = PAIR, ['L'] = PAIR, ['e'] = PAIR,  ['E'] = PAIR,  ['i'] = PAIR,
        ['I'] = PAIR,     ['-'] = PAIR, ['['] = PAIR, [']'] = START, [' '] = START, [0x7f] = OTHER,
        [0x80] = OTHER16, OTHER16,      OTHER16,      OTHER16,       OTHER16,       OTHER16,
        OTHER16,          OTHER16,
};
#undef OTHER16
#undef OTHER4

/* The next two characters (in lower case) that a shape or phrase starting
 * with a PAIR character needs: "line", "leaving directory", "entering
 * directory", "in file included from", "-- build files have", "[javac]".
 * Two, because "le", "en" and "in" start a fifth of a report's words. */
static const char after_pair[128][2][3] = {
        ['l'] = {"in", "ea"}, ['L'] = {"in", "ea"}, ['e'] = {"nt", "nt"}, ['E'] = {"nt", "nt"},
        ['i'] = {"n ", "n "}, ['I'] = {"n ", "n "}, ['-'] = {"- ", "- "}, ['['] = {"ja", "ja"},
};

/* Do the two characters after p read as next (lower case), ignoring the
 * case of letters?  (c | 0x20) joins only a letter's two cases, and a
 * control character with what it cannot be confused with harmlessly: a
 * false yes costs a look, never an escape. */
static int followed_by(const unsigned char *p, const char *next)
{
	return (char)(p[1] | 0x20) == next[0] && (char)(p[2] | 0x20) == next[1];
}

/* Does the byte at p need a look (lookout[*p] & want), PAIR's two next
 * characters considered? */
static int looks(const unsigned char *p, unsigned want)
{
	unsigned k = lookout[*p] & want;
	if (k != PAIR)
		return k != 0;
	return followed_by(p, after_pair[*p][0]) || followed_by(p, after_pair[*p][1]);
}

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>

/* The bytes of the 16 at p that may need a look in want's classes, as
 * bits: every one that does, and a few more (looks() then decides).  A
 * PAIR letter is one byte in five of a report; with the character after
 * it, one in fifty. */
static unsigned maybe16(const unsigned char *p, unsigned want)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	/* OTHER: below ' ' or above '~', as signed bytes below ' ' or DEL */
	__m128i m = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(' ')),
	                         _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));
	if (want & LOOK) {
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('`')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('(')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('#')));
	}
	if (want & PAIR) {
		/* with the character after it (p[16] is at most s's NUL): "li",
		 * "le", "en", "in", "--", "[j", the letters in either case (c |
		 * 0x20 joins them, and a control character with one, which OTHER
		 * has anyway) */
		__m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
		__m128i next = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
		__m128i low_next = _mm_or_si128(next, _mm_set1_epi8(0x20));
		__m128i n_ = _mm_cmpeq_epi8(low_next, _mm_set1_epi8('n'));
		__m128i l_ =
		        _mm_and_si128(_mm_cmpeq_epi8(low, _mm_set1_epi8('l')),
		                      _mm_or_si128(_mm_cmpeq_epi8(low_next, _mm_set1_epi8('i')),
		                                   _mm_cmpeq_epi8(low_next, _mm_set1_epi8('e'))));
		__m128i e_i = _mm_or_si128(_mm_cmpeq_epi8(low, _mm_set1_epi8('e')),
		                           _mm_cmpeq_epi8(low, _mm_set1_epi8('i')));
		m = _mm_or_si128(m, _mm_or_si128(l_, _mm_and_si128(e_i, n_)));
		m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')),
		                                  _mm_cmpeq_epi8(next, _mm_set1_epi8('-'))));
		m = _mm_or_si128(m, _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('[')),
		                                  _mm_cmpeq_epi8(low_next, _mm_set1_epi8('j'))));
	}
	if (want & START) {
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(']')));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
	}
	return (unsigned)_mm_movemask_epi8(m);
}

/* The first byte from p on, before end (s's NUL), that needs a look, or
 * end: sixteen bytes at a time while sixteen are left. */
static const unsigned char *next_look(const unsigned char *p, const unsigned char *end,
                                      unsigned want)
{
	for (; end - p >= 16; p += 16)
		for (unsigned m = maybe16(p, want); m != 0; m &= m - 1)
			if (looks(p + __builtin_ctz(m), want))
				return p + __builtin_ctz(m);
	while (p < end && !looks(p, want))
		p++;
	return p;
}
#else
/* The first byte from p on, before end (s's NUL), that needs a look, or
 * end. */
static const unsigned char *next_look(const unsigned char *p, const unsigned char *end,
                                      unsigned want)
{
	while (p < end && !looks(p, want))
		p++;
	return p;
}
#endif

void bclint_textsafe(struct bclint_buf *b, const char *s, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s, *run = p, *end = p + strlen(s);
	int keep_nl = (flags & BCLINT_TEXTSAFE_KEEP_NEWLINES) != 0;
	/* The first byte of a line always gets a look. */
	int first = (flags & BCLINT_TEXTSAFE_LINE_START) != 0;
	unsigned want = !(flags & BCLINT_TEXTSAFE_SHAPES) ? OTHER
	                : first                           ? OTHER | LOOK | START | PAIR
	                                                  : OTHER | LOOK | PAIR;
	for (; *p; run = p, first = 0) {
		/* Most text is plain: find the next byte that needs a look. */
		if (!first)
			p = next_look(p, end, want);
		bclint_buf_add(b, (const char *)run, (size_t)(p - run));
		if (*p == '\0')
			break;
		uint32_t cp = 0;
		size_t n = *p < 0x80 ? 1 : utf8_decode(p, &cp);
		if (*p < 0x20 || *p == 0x7f) {
			if (keep_nl && (*p == '\n' || *p == '\r'))
				bclint_buf_putc(b, (char)*p);
			else
				control(b, *p);
		} else if (*p < 0x80) {
			if ((flags & BCLINT_TEXTSAFE_SHAPES) &&
			    shape(s, (size_t)((const char *)p - s), flags))
				bclint_buf_printf(b, "\\x%02x", *p);
			else
				bclint_buf_putc(b, (char)*p);
		} else if (n == 0) {
			bclint_buf_printf(b, "\\x%02x", *p);
			n = 1;
		} else if (hidden(cp)) {
			bclint_buf_printf(b, cp > 0xffff ? "\\U%08x" : "\\u%04x", (unsigned)cp);
		} else {
			bclint_buf_add(b, (const char *)p, n);
		}
		p += n;
	}
}
