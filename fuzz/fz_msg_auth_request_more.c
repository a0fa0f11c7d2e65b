/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_auth_request_more_parse m2_msg_auth_request_more_build (codec row "msg_auth_request_more") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_auth_request_more", data, size);
}
