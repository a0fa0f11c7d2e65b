/* SPDX-License-Identifier: MIT */
/* Target: m2_preamble_parse m2_preamble_build (codec row "preamble").
 * Byte 0 is control: bit 0 keeps the fuzzed crc, else it is recomputed
 * so the checks behind the crc are reached. */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t	p[M2_PREAMBLE_LEN + 1];

	if (size < 1 || size - 1 > M2_PREAMBLE_LEN)
		return 0;
	memcpy(p, data + 1, size - 1);
	if (size - 1 == M2_PREAMBLE_LEN && !(data[0] & 1))
		m2_store_le32(p + 28, m2_crc32c(0, p, 28));
	return fz_codec("preamble", p, size - 1);
}
