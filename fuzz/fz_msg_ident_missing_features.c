/* SPDX-License-Identifier: MIT */
/* Target: m2_msg_ident_missing_features_parse m2_msg_ident_missing_features_build (codec row "msg_ident_missing_features") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("msg_ident_missing_features", data, size);
}
