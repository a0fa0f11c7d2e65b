/* SPDX-License-Identifier: MIT */
/* Target: m2_cephx_authorizer_parse m2_cephx_authorizer_build (codec row "cephx_authorizer") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("cephx_authorizer", data, size);
}
