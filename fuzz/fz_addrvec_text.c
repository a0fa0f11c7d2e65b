/* SPDX-License-Identifier: MIT */
/* Target: m2_addrvec_text_parse m2_addrvec_text_build (codec row "addrvec_text") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("addrvec_text", data, size);
}
