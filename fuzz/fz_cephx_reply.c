/* SPDX-License-Identifier: MIT */
/* Target: m2_cephx_reply_parse m2_cephx_reply_build (codec row "cephx_reply") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("cephx_reply", data, size);
}
