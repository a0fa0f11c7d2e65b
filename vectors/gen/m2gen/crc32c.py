# SPDX-License-Identifier: MIT
"""crc32c with Ceph's convention.

Follows ceph_crc32c(seed, buf, len) (src/include/crc32c.h, src/common/
sctp_crc32.c): the reflected CRC-32C register update with polynomial
0x82F63B78 and *no* inversion on input or output.  The "standard" CRC-32C
(iSCSI) of a buffer is therefore ceph_crc32c(0xffffffff, buf) ^ 0xffffffff.
"""

POLY = 0x82F63B78


def _make_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ POLY if c & 1 else c >> 1
        table.append(c)
    return tuple(table)


TABLE = _make_table()


def crc32c(seed, data):
    """ceph_crc32c(seed, data): a bytewise table-driven update of |seed|."""
    crc = seed & 0xFFFFFFFF
    for b in data:
        crc = TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc
