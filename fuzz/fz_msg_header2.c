/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_header2_parse m2_msg_header2_build (codec row "msg_header2") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_header2", data, size);
}
