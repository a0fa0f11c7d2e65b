/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_auth_bad_method_parse m2_msg_auth_bad_method_build (codec row "msg_auth_bad_method") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_auth_bad_method", data, size);
}
