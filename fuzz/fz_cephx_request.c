/* SPDX-License-Identifier: MIT */
/* Target: m2_cephx_request_parse m2_cephx_request_build (codec row "cephx_request") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("cephx_request", data, size);
}
