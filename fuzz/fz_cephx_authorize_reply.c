/* SPDX-License-Identifier: MIT */
/* Target: m2_cephx_authorize_reply_parse m2_cephx_authorize_reply_build (codec row "cephx_authorize_reply") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("cephx_authorize_reply", data, size);
}
