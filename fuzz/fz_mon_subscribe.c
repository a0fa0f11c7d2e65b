/* SPDX-License-Identifier: MIT */
/* Target: m2_mon_subscribe_parse m2_mon_subscribe_build (codec row "mon_subscribe") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("mon_subscribe", data, size);
}
