/* SPDX-License-Identifier: MIT */
/* Target: m2_mon_config_parse m2_mon_config_build (codec row "mon_config") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("mon_config", data, size);
}
