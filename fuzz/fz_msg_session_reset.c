/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_session_reset_parse m2_msg_session_reset_build (codec row "msg_session_reset") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_session_reset", data, size);
}
