/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_session_retry_parse m2_msg_session_retry_build (codec row "msg_session_retry") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_session_retry", data, size);
}
