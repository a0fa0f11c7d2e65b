/* SPDX-License-Identifier: MIT */
/*
 * crc32c with Ceph's convention, through ISA-L.  SPEC-NOTES §2.2.
 */
#include <limits.h>

#include <isa-l/crc.h>

#include "internal.h"

/*
 * ISA-L's crc32_iscsi is the bare register update: no inversion in or
 * out, the same as ceph_crc32c (Ceph's own crc32c_isal calls it as is).
 * Checked by t_crc32c: 4119623852 for "foo bar baz" with seed 0, and the
 * HELLO preamble crc a ceph-mon 16.2.15 sent (REAL-CEPH.md).  It takes
 * an int length and a non-const pointer it only reads, hence the chunks
 * and the cast.
 */
#define M2_CRC_CHUNK	(1u << 30)

/* see m2/frame.h */
uint32_t
m2_crc32c(uint32_t seed, const uint8_t *p, size_t n)
{
	while (n > 0) {
		size_t	k = n < M2_CRC_CHUNK ? n : M2_CRC_CHUNK;

		seed = crc32_iscsi((unsigned char *)(uintptr_t)p, (int)k, seed);
		p += k;
		n -= k;
	}
	return seed;
}
