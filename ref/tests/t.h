/* SPDX-License-Identifier: MIT */
/*
 * A tiny test harness: checks count, failures print where and why, and
 * T_DONE() prints the summary line "N passed, N failed" and returns the
 * exit status.  Control-flow macros are allowed in tests, not in ref/src.
 */
#ifndef M2_T_H
#define M2_T_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "m2/m2.h"

static unsigned long	t_passed, t_failed;

#define T_CHECK(cond, ...) do {						\
	if (cond) {							\
		t_passed++;						\
	} else {							\
		t_failed++;						\
		fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);	\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
	}								\
} while (0)

#define T_OK(e)		T_CHECK((e) == M2_OK, "%s: got %s", #e,		\
			    m2_err_name(e))
#define T_ERR(e, want)	do {						\
	m2_err t_e_ = (e);						\
	T_CHECK(t_e_ == (want), "%s: got %s, want %s", #e,		\
	    m2_err_name(t_e_), m2_err_name(want));			\
} while (0)
#define T_EQ(a, b)	T_CHECK((a) == (b), "%s == %s: %llu != %llu",	\
			    #a, #b, (unsigned long long)(a),		\
			    (unsigned long long)(b))
#define T_MEM(a, b, n)	T_CHECK(memcmp((a), (b), (n)) == 0,		\
			    "%s and %s differ", #a, #b)
#define T_STR(a, b)	T_CHECK(strcmp((a), (b)) == 0,			\
			    "%s: \"%s\" != \"%s\"", #a, (a), (b))

/* T_HEX decodes a hex string literal (spaces allowed) into |out|. */
static inline size_t
t_hex(const char *s, uint8_t *out, size_t cap)
{
	size_t	n = 0;
	int	hi = -1;

	for (; *s != '\0'; s++) {
		int	v;

		if (*s >= '0' && *s <= '9')
			v = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			v = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			v = *s - 'A' + 10;
		else
			continue;
		if (hi < 0) {
			hi = v;
		} else {
			if (n < cap)
				out[n] = (uint8_t)(hi << 4 | v);
			n++;
			hi = -1;
		}
	}
	return n;
}

#define T_DONE() (printf("%s: %lu passed, %lu failed\n", __FILE__,	\
	t_passed, t_failed), t_failed == 0 ? 0 : 1)

#endif
