/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_client_ident_parse m2_msg_client_ident_build (codec row "msg_client_ident") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_client_ident", data, size);
}
