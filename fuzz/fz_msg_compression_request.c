/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_compression_request_parse m2_msg_compression_request_build (codec row "msg_compression_request") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_compression_request", data, size);
}
