/* SPDX-License-Identifier: MIT */
/* Target: m2_cephx_service_ticket_parse m2_cephx_service_ticket_build (codec row "cephx_service_ticket") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("cephx_service_ticket", data, size);
}
