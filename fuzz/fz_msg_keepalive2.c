/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_keepalive2_parse m2_msg_keepalive2_build (codec row "msg_keepalive2") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_keepalive2", data, size);
}
