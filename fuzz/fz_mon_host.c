/* SPDX-License-Identifier: MIT */
/* Target: m2_mon_host_parse m2_mon_host_build (codec row "mon_host") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("mon_host", data, size);
}
