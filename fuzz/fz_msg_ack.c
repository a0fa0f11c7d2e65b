/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_ack_parse m2_msg_ack_build (codec row "msg_ack") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_ack", data, size);
}
