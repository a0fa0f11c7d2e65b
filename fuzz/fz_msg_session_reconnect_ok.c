/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_session_reconnect_ok_parse m2_msg_session_reconnect_ok_build (codec row "msg_session_reconnect_ok") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_session_reconnect_ok", data, size);
}
