/* SPDX-License-Identifier: MIT */
/* Target: m2_crypto_key_parse m2_crypto_key_build (codec row "crypto_key") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("crypto_key", data, size);
}
