/* SPDX-License-Identifier: MIT */
/* Target: m2_addrvec_parse m2_addrvec_build (codec row "addrvec") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("addrvec", data, size);
}
