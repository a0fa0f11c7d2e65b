/* SPDX-License-Identifier: MIT */
/* Target: m2_mon_map_parse m2_mon_map_build (codec row "mon_map") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("mon_map", data, size);
}
