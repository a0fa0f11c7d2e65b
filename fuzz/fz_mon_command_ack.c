/* SPDX-License-Identifier: MIT */
/* Target: m2_mon_command_ack_parse m2_mon_command_ack_build (codec row "mon_command_ack") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("mon_command_ack", data, size);
}
