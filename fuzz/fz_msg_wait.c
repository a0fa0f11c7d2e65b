/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_wait_parse m2_msg_wait_build (codec row "msg_wait") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_wait", data, size);
}
