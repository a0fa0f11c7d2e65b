/* SPDX-License-Identifier: MIT */
/*
 * Target: none.  The negative target: it must crash under ASan on the
 * first input of two or more bytes, proving the sanitizers are live in
 * the build that runs the real targets (s2n's rule).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	volatile uint8_t	*p;

	if (size < 2)
		return 0;
	p = malloc(size);
	if (p == NULL)
		return 0;
	memcpy((void *)p, data, size);
	p[size] = data[0];		/* one past the end: ASan must fire */
	free((void *)p);
	return 0;
}
