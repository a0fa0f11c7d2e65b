/* SPDX-License-Identifier: MIT */
/* Target: m2_server_accept m2_conn_recv (a client conversation, fz_conv.h) */
#include "fz_conv.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_conv_server(data, size);
}
