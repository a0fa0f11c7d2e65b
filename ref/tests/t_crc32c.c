/* SPDX-License-Identifier: MIT */
/*
 * crc32c known answers (m2/frame.h m2_crc32c): Ceph's own unit-test value,
 * a crc a real ceph-mon 16.2.15 sent, the standard CRC-32C check value
 * through the inversion identity, and chaining.
 */
#include "t.h"

int
main(void)
{
	static const uint8_t	hello_pre[28] = {
		0x01, 0x01, 0x24, 0x00, 0x00, 0x00, 0x08, 0x00,
	};
	static const uint8_t	big[300] = { 1, 2, 3 };
	const uint8_t		*foo = (const uint8_t *)"foo bar baz";
	const uint8_t		*nine = (const uint8_t *)"123456789";

	/* ceph src/test/common/test_crc32c.cc: ceph_crc32c(0, "foo bar baz") */
	T_EQ(m2_crc32c(0, foo, 11), 4119623852u);
	/* REAL-CEPH.md: the monitor's HELLO preamble ends 3f bd 6b 06 */
	T_EQ(m2_crc32c(0, hello_pre, sizeof(hello_pre)), 0x066bbd3fu);
	/* The standard CRC-32C check value is ~crc(~0, x): no inversion. */
	T_EQ(~m2_crc32c(0xffffffffu, nine, 9), 0xe3069283u);
	/* Empty input returns the seed; NULL is fine then. */
	T_EQ(m2_crc32c(0xffffffffu, NULL, 0), 0xffffffffu);
	T_EQ(m2_crc32c(0x12345678u, foo, 0), 0x12345678u);
	/* Chaining over a split equals one pass. */
	for (size_t k = 0; k <= sizeof(big); k += 37)
		T_EQ(m2_crc32c(m2_crc32c(7, big, k), big + k, sizeof(big) - k),
		    m2_crc32c(7, big, sizeof(big)));
	/* §4.3: crc32c(-1, le32 1 | le32 2) as KEEPALIVE2 carries it. */
	T_EQ(m2_crc32c(0xffffffffu, (const uint8_t *)"\1\0\0\0\2\0\0\0", 8),
	    0x858c13d3u);
	return T_DONE();
}
