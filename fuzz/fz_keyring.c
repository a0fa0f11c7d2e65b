/* SPDX-License-Identifier: MIT */
/* Target: m2_keyring_parse m2_keyring_build (codec row "keyring") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("keyring", data, size);
}
