/* SPDX-License-Identifier: MIT */
/* Target: m2_mon_command_parse m2_mon_command_build (codec row "mon_command") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("mon_command", data, size);
}
