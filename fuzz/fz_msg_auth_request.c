/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_auth_request_parse m2_msg_auth_request_build (codec row "msg_auth_request") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_auth_request", data, size);
}
