/* SPDX-License-Identifier: MIT */
/* Target: m2_monmap_parse m2_monmap_build (codec row "monmap") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("monmap", data, size);
}
