/* SPDX-License-Identifier: MIT */
/* Target: m2_cephx_ticket_blob_parse m2_cephx_ticket_blob_build (codec row "cephx_ticket_blob") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("cephx_ticket_blob", data, size);
}
