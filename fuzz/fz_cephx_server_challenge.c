/* SPDX-License-Identifier: MIT */
/* Target: m2_cephx_server_challenge_parse m2_cephx_server_challenge_build (codec row "cephx_server_challenge") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("cephx_server_challenge", data, size);
}
