/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_hello_parse m2_msg_hello_build (codec row "msg_hello") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_hello", data, size);
}
