/* SPDX-License-Identifier: MIT */
/* Target: m2_addr_parse m2_addr_build (codec row "addr") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("addr", data, size);
}
