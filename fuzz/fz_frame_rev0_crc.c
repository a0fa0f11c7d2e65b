/* SPDX-License-Identifier: MIT */
/* Target: m2_frame_parse m2_frame_open_head m2_frame_open_rest
 *         m2_frame_build (format M2_FMT_REV0_CRC) */
#include "fz_frame.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_frame(M2_FMT_REV0_CRC, data, size);
}
