# SPDX-License-Identifier: MIT
"""Little helpers for ceph::encode/decode of fixed-width integers
(src/include/encoding.h: every integer is little-endian on the wire) and a
bounded reader that fails with M2_E_TRUNC instead of reading past its end."""

import struct

from .errors import Fail, TRUNC


def le16(v):
    return struct.pack("<H", v & 0xFFFF)


def le32(v):
    return struct.pack("<I", v & 0xFFFFFFFF)


def le64(v):
    return struct.pack("<Q", v & 0xFFFFFFFFFFFFFFFF)


def u8(v):
    return bytes([v & 0xFF])


def s32(v):
    """An int32_t as ceph::encode writes it (two's complement, le32)."""
    return struct.pack("<i", v)


def s64(v):
    return struct.pack("<q", v)


def lp32(b):
    """A bufferlist: le32 length, then the bytes (encode(bufferlist))."""
    return le32(len(b)) + bytes(b)


class Reader:
    """A view of bytes still to decode.  Like bufferlist::const_iterator,
    a read past the end raises (here Fail(M2_E_TRUNC)); unlike it, a Reader
    can be a bounded sub-view (sub()), the way DECODE_START bounds a struct."""

    def __init__(self, data, what="input"):
        self.data = bytes(data)
        self.off = 0
        self.what = what

    def left(self):
        return len(self.data) - self.off

    def take(self, n, field=""):
        if n < 0 or n > self.left():
            raise Fail(TRUNC, f"{self.what}: {field} needs {n} bytes, "
                       f"{self.left()} left")
        b = self.data[self.off:self.off + n]
        self.off += n
        return b

    def u8(self, field=""):
        return self.take(1, field)[0]

    def le16(self, field=""):
        return struct.unpack("<H", self.take(2, field))[0]

    def le32(self, field=""):
        return struct.unpack("<I", self.take(4, field))[0]

    def s32(self, field=""):
        return struct.unpack("<i", self.take(4, field))[0]

    def le64(self, field=""):
        return struct.unpack("<Q", self.take(8, field))[0]

    def s64(self, field=""):
        return struct.unpack("<q", self.take(8, field))[0]

    def be16(self, field=""):
        return struct.unpack(">H", self.take(2, field))[0]

    def sub(self, n, field=""):
        """A Reader over the next |n| bytes; this one skips past them."""
        return Reader(self.take(n, field), f"{self.what}.{field}")

    def rest(self):
        return self.take(self.left())
