/* SPDX-License-Identifier: MIT */
/* Target: m2_banner_parse m2_banner_build (codec row "banner") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("banner", data, size);
}
