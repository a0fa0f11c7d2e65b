# SPDX-License-Identifier: MIT
"""The 32-byte frame preamble.

Follows ceph frames_v2.h struct preamble_block_t and
FrameAssembler::fill_preamble / disassemble_preamble (frames_v2.cc):
  off  0  u8  tag
  off  1  u8  num_segments (1..4)
  off  2  4 x { le32 length, le16 alignment }
  off 26  u8  flags (Quincy: FRAME_EARLY_DATA_COMPRESSED = 1; Pacific:
              _reserved[0]) -- neither Pacific nor the kernel checks it
  off 27  u8  reserved
  off 28  le32 ceph_crc32c(0, bytes 0..27)
Receiver order: crc, then 1 <= num_segments <= 4, then "last segment
empty" (num_segments > 1 and segments[num_segments-1].length == 0).
The tag is not judged here (unknown tags are refused later, by
ProtocolV2::handle_read_frame_dispatch).  On top of Ceph, the caps of
limits.h (the kernel's decode_preamble limits) give M2_E_LIMIT, and an
alignment that no allocator could honour gives M2_E_BADVAL (see
check_align).
"""

import struct
from dataclasses import dataclass, field

from . import limits
from .crc32c import crc32c
from .errors import Fail, BADCRC, BADVAL, LIMIT, TRUNC

DEFAULT_ALIGNMENT = 8           # segment_t::DEFAULT_ALIGNMENT, 64-bit
PAGE_SIZE_ALIGNMENT = 4096      # segment_t::PAGE_SIZE_ALIGNMENT


@dataclass
class Preamble:
    tag: int
    nseg: int
    segs: list = field(default_factory=list)    # 4 x (length, align)
    flags: int = 0
    reserved: int = 0

    def dump(self):
        segs = ",".join(f"{n}:{a}" for n, a in self.segs)
        return (f"tag={self.tag} nseg={self.nseg} segs=[{segs}] "
                f"flags={self.flags:#x} reserved={self.reserved:#x}")

    def body(self):
        """The 28 bytes the crc covers."""
        b = bytes([self.tag & 0xFF, self.nseg & 0xFF])
        for n, a in self.segs:
            b += struct.pack("<IH", n, a)
        return b + bytes([self.flags & 0xFF, self.reserved & 0xFF])

    def encode(self, crc=None):
        """fill_preamble; |crc| overrides the computed crc (for tests)."""
        b = self.body()
        if crc is None:
            crc = crc32c(0, b)
        return b + struct.pack("<I", crc)


def make(tag, lens, aligns=None, flags=0, reserved=0, nseg=None):
    """A preamble for segments of |lens| (1..4 entries): num_segments is
    the index of the last non-empty one plus one, at least one
    (FrameAssembler::assemble_frame -> calc_num_segments); the unused
    descriptors stay zero."""
    lens = list(lens)
    if aligns is None:
        aligns = [DEFAULT_ALIGNMENT] * 3 + [PAGE_SIZE_ALIGNMENT]
    if nseg is None:
        nseg = 1
        for i in range(len(lens) - 1, -1, -1):
            if lens[i]:
                nseg = i + 1
                break
    segs = []
    for i in range(limits.MAX_SEGMENTS):
        if i < nseg:
            segs.append((lens[i], aligns[i]))
        else:
            segs.append((0, 0))
    return Preamble(tag, nseg, segs, flags, reserved)


def check_align(align):
    """The alignment rule of the m2 contract: a value that is neither a
    power of two nor at most 8 is M2_E_BADVAL.

    What Ceph userspace does (src/common/buffer.cc, Pacific and later):
    ProtocolV2::read_frame_segment passes the wire alignment, unclamped, to
    buffer::create_aligned(len, align).  create_aligned_in_mempool sends
    page-multiple alignments (0 too) and lengths >= 8 KiB to
    raw_posix_aligned, which ceph_assert()s align >= sizeof(void*) and a
    power of two (an abort, for 0 or a non-power of two); everything else
    goes to raw_combined::create -> posix_memalign(align), which fails
    with EINVAL unless align is a power of two and a multiple of
    sizeof(void*), and ProtocolV2 turns the bad_alloc into a fault.  The
    kernel ignores the alignment on receive."""
    if align > 8 and align & (align - 1):
        raise Fail(BADVAL, f"alignment {align}")


def decode(data):
    """disassemble_preamble on exactly 32 bytes (plus the m2 caps)."""
    if len(data) < limits.PREAMBLE_LEN:
        raise Fail(TRUNC, "preamble")
    data = bytes(data[:limits.PREAMBLE_LEN])
    crc = struct.unpack_from("<I", data, 28)[0]
    calc = crc32c(0, data[:28])
    if crc != calc:
        raise Fail(BADCRC, f"preamble crc {crc:#x}, computed {calc:#x}")
    tag, nseg = data[0], data[1]
    segs = [struct.unpack_from("<IH", data, 2 + 6 * i) for i in range(4)]
    if nseg < 1 or nseg > limits.MAX_SEGMENTS:
        raise Fail(BADVAL, f"num_segments {nseg}")
    for i in range(limits.MAX_SEGMENTS):
        if segs[i][0] > limits.SEG_MAX[i]:
            raise Fail(LIMIT, f"segment {i} length {segs[i][0]}")
    if nseg > 1 and segs[nseg - 1][0] == 0:
        raise Fail(BADVAL, "last segment empty")
    for i in range(nseg):
        check_align(segs[i][1])
    return Preamble(tag, nseg, [tuple(s) for s in segs], data[26], data[27])
