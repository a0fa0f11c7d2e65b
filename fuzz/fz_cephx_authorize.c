/* SPDX-License-Identifier: MIT */
/* Target: m2_cephx_authorize_parse m2_cephx_authorize_build (codec row "cephx_authorize") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("cephx_authorize", data, size);
}
