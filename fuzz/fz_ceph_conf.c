/* SPDX-License-Identifier: MIT */
/* Target: m2_ceph_conf_parse m2_ceph_conf_build (codec row "ceph_conf") */
#include "fz_codec.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_codec("ceph_conf", data, size);
}
