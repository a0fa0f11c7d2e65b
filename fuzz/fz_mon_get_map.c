/* SPDX-License-Identifier: MIT */
/* Target: m2_mon_get_map_parse m2_mon_get_map_build (codec row "mon_get_map") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("mon_get_map", data, size);
}
