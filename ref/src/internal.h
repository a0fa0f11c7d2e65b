/* SPDX-License-Identifier: MIT */
/* Private to ref/src: every unit includes this, and it includes m2.h. */
#ifndef M2_INTERNAL_H
#define M2_INTERNAL_H

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "m2/m2.h"

/* Append formatted text at |*at| within |s|/|n|, snprintf-style; the
 * return value accumulates the full length even when |n| is too small. */
size_t	m2_fmt(char *s, size_t n, size_t at, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

/* Append |len| bytes of |p| as lowercase hex. */
size_t	m2_fmt_hex(char *s, size_t n, size_t at, const uint8_t *p,
	    size_t len);

/* Append "[a,b,c]" of |n| u32 values. */
size_t	m2_fmt_u32_list(char *s, size_t n, size_t at, const uint32_t *v,
	    size_t count);

#endif
