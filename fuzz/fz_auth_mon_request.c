/* SPDX-License-Identifier: MIT */
/* Target: m2_auth_mon_request_parse m2_auth_mon_request_build (codec row "auth_mon_request") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("auth_mon_request", data, size);
}
