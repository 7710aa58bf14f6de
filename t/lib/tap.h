/* A tiny TAP producer for the C tests: plan, ok, is_int, is_string, diag,
 * skip_all.  Output is read by Automake's tap-driver.sh and by prove. */
#ifndef BCLINT_TAP_H
#define BCLINT_TAP_H 1

void plan(int n);
void skip_all(const char *why);
int ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int is_int(long long got, long long want, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
int is_string(const char *got, const char *want, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Exit status: 0 if every test passed and the plan was met. */
int done_testing(void);

#endif
