/* SPDX-License-Identifier: MIT */
/*
 * The body every codec-table fuzz target shares.  Oracle: no sanitizer
 * report, and the round trip holds: whatever parses re-encodes to bytes
 * that parse to the same dump and re-encode to themselves.
 */
#ifndef M2_FZ_CODEC_H
#define M2_FZ_CODEC_H

#include <stdlib.h>
#include <string.h>

#include "m2/m2.h"

#define FZ_MAX_INPUT	(256u << 10)
#define FZ_MAX_OUTPUT	(1u << 20)
#define FZ_MAX_DUMP	(1u << 20)

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
fz_codec(const char *name, const uint8_t *data, size_t size)
{
	static const struct m2_codec	*k;
	static void			*a, *b;
	static uint8_t			*out1, *out2;
	static char			*dump1, *dump2;
	struct m2_cur			 c;
	struct m2_buf			 w;
	size_t				 n1, n2;

	if (k == NULL) {
		if ((k = m2_codec_find(name)) == NULL)
			abort();
		a = malloc(k->size);
		b = malloc(k->size);
		out1 = malloc(FZ_MAX_OUTPUT);
		out2 = malloc(FZ_MAX_OUTPUT);
		dump1 = malloc(FZ_MAX_DUMP);
		dump2 = malloc(FZ_MAX_DUMP);
		if (!a || !b || !out1 || !out2 || !dump1 || !dump2)
			abort();
	}
	if (size > FZ_MAX_INPUT)
		return 0;
	m2_cur_init(&c, data, size);
	if (k->parse(&c, a, NULL) != M2_OK)
		return 0;
	k->dump(a, dump1, FZ_MAX_DUMP);
	m2_buf_init(&w, out1, FZ_MAX_OUTPUT);
	k->build(&w, a);
	if (m2_buf_finish(&w, &n1) != M2_OK)
		abort();
	m2_cur_init(&c, out1, n1);
	if (k->parse(&c, b, NULL) != M2_OK)
		abort();			/* we wrote what we cannot read */
	k->dump(b, dump2, FZ_MAX_DUMP);
	if (strcmp(dump1, dump2) != 0)
		abort();			/* re-encoding changed the value */
	m2_buf_init(&w, out2, FZ_MAX_OUTPUT);
	k->build(&w, b);
	if (m2_buf_finish(&w, &n2) != M2_OK || n1 != n2 ||
	    memcmp(out1, out2, n1) != 0)
		abort();			/* canonical form is not stable */
	return 0;
}

#endif
