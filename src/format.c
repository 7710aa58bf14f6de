/* Formatting messages.  A format is read twice: once to take its
 * arguments (capture), once to write it (render); a conversion this file
 * does not handle sends the whole format to vsnprintf instead. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "format.h"

/* What a conversion takes: %s a string (NULL prints "(null)"), %c, %d and
 * %i a signed and %u an unsigned value, whatever their length modifier. */
union arg {
	const char *s;
	long long i;
	unsigned long long u;
};
#define MAX_ARGS 16

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

static int capture(const char *fmt, va_list ap, union arg *args, int max)
{
	int n = 0;
	for (const char *p = fmt; (p = strchr(p, '%')) != NULL;) {
		p++;
		char len;
		int c = conversion(&p, &len);
		if (c == 0 || (c != '%' && n == max))
			return -1;
		switch (c) {
		case '%': break;
		case 's': args[n++].s = va_arg(ap, const char *); break;
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

static int render(char *buf, size_t size, const char *fmt, const union arg *args)
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
		default: return -1; /* not a format capture() takes */
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
	union arg args[MAX_ARGS] = {{0}};
	int n = capture(fmt, ap, args, MAX_ARGS);
	if (n >= 0)
		n = render(buf, size, fmt, args);
	else
		n = vsnprintf(buf, size, fmt, again);
	va_end(again);
	return n;
}
