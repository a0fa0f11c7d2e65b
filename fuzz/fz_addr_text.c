/* SPDX-License-Identifier: MIT */
/* Target: m2_addr_text_parse m2_addr_text_build (codec row "addr_text") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("addr_text", data, size);
}
