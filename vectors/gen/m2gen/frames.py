# SPDX-License-Identifier: MIT
"""Frame assembly and disassembly in the four on-wire formats.

Follows ceph frames_v2.cc, FrameAssembler:
- assemble_frame: num_segments = index of the last non-empty segment + 1,
  at least 1 (calc_num_segments); secure modes pad every segment with
  zeros to a multiple of 16 (CRYPTO_BLOCK_SIZE) before encrypting.
- asm_crc_rev0 (msgr2.0 crc):
    preamble(32) | seg0 | seg1 | ... (no padding) |
    epilogue_crc_rev0_block_t: u8 late_flags, le32 crc[4]
  crc[i] = ceph_crc32c(-1, seg i) for each used segment (0xffffffff for an
  empty one), 0 for unused slots.  Always present.
- asm_crc_rev1 (msgr2.1 crc):
    preamble | [seg0 | le32 crc(seg0)]  (only if seg0 is not empty) |
    [seg1.. | epilogue_crc_rev1_block_t: u8 late_status, le32 crc[3]]
    (only if num_segments > 1; late_status = FRAME_LATE_STATUS_COMPLETE)
- asm_secure_rev0 (msgr2.0 secure): one GCM operation over
    preamble | pad16(seg0) | ... | epilogue_secure_rev0_block_t
    (u8 late_flags + 15 zero bytes), then the 16-byte tag.
- asm_secure_rev1 (msgr2.1 secure): up to three GCM operations, each with
  its own nonce:
    1. preamble | the first 48 bytes of pad16(seg0), zero-filled to 48
       (FRAME_PREAMBLE_INLINE_SIZE) -> 80 bytes + tag = 96
    2. the rest of pad16(seg0), if pad16(len0) > 48
    3. pad16(seg1) | pad16(seg2) | pad16(seg3) | epilogue_secure_rev1_block_t
       (u8 late_status + 15 zeros), if num_segments > 1
Receiving (disassemble_preamble, disasm_*): crc mode checks the preamble
crc, each used segment's crc (check_segment_crc) and, in msgr2.1, the
late_status (check_epilogue_late_status: low nibble 0xe complete, 0x1
aborted, anything else FrameError; the high nibble is ignored).  msgr2.0
late_flags: bit 0 = aborted, other bits ignored.  Secure msgr2.0 decrypts
and uses the preamble before the tag has been checked; msgr2.1 checks the
tag of each operation first.  Segment padding, the inline zero fill and the
epilogue padding are dropped unchecked (unpad_zero).
"""

import struct
from dataclasses import dataclass

from . import crypto, limits, preamble as P
from .crc32c import crc32c
from .errors import Fail, BADCRC, BADVAL, TRAILING, TRUNC
from .wire import le32

FORMATS = ("rev0_crc", "rev1_crc", "rev0_secure", "rev1_secure")
LATE_COMPLETE = 0x0E            # FRAME_LATE_STATUS_COMPLETE
LATE_ABORTED = 0x01             # FRAME_LATE_STATUS_ABORTED
LATE_MASK = 0x0F                # FRAME_LATE_STATUS_ABORTED_MASK
INLINE = limits.INLINE_LEN
TAG = limits.GCM_TAG_LEN


def pad16(n):
    return (n + 15) & ~15


def seg_crc(seg):
    """check_segment_crc / bufferlist::crc32c(-1)."""
    return crc32c(0xFFFFFFFF, seg)


def calc_num_segments(segs):
    for i in range(len(segs) - 1, -1, -1):
        if segs[i]:
            return i + 1
    return 1


@dataclass
class Frame:
    tag: int
    segs: list                  # bytes of each used segment
    aligns: list                # alignment of each used segment
    flags: int = 0              # preamble byte 26
    late: object = None         # rev0 late_flags, rev1 late_status, None

    def dump(self):
        late = "-" if self.late is None else f"{self.late:#x}"
        return (f"tag={self.tag} flags={self.flags:#x} "
                f"aligns=[{','.join(str(a) for a in self.aligns)}] "
                f"segs=[{','.join(bytes(s).hex() for s in self.segs)}] "
                f"late={late}")


@dataclass
class Secure:
    """A receiver's view: the secret, whose rx nonce decrypts (role), and
    how many GCM operations that direction already did (frame_index)."""
    secret: bytes
    role: str
    frame_index: int = 0

    def key_nonces(self, rev1):
        key, rx, _ = crypto.role_nonces(self.secret, self.role)
        return key, crypto.NonceSeq(rx, rev1, self.frame_index)


def assemble(fmt, tag, segs, aligns=None, flags=0, late=None, sec=None,
             pre=None, unused_crc=0, crc_override=None, pad_fill=0,
             inline_fill=0, epi_fill=0):
    """FrameAssembler::assemble_frame for |fmt|.  The keyword arguments
    let tests write what Ceph would not: |late| (default: 0 in msgr2.0,
    0x0e in msgr2.1), |pre| (raw preamble bytes), |unused_crc| (epilogue
    slots of unused segments), |crc_override| ({segment index: crc}),
    |pad_fill|/|inline_fill|/|epi_fill| (bytes used instead of the zero
    padding).  Returns (bytes, info) where info gives offsets for tests:
    'seg_crc' {i: offset}, 'late' offset, 'ops' [(start, end)] of each GCM
    operation including its tag."""
    segs = [bytes(s) for s in segs]
    nseg = calc_num_segments(segs)
    segs = segs[:nseg]
    if aligns is None:
        aligns = [P.DEFAULT_ALIGNMENT] * 3 + [P.PAGE_SIZE_ALIGNMENT]
    aligns = list(aligns)[:nseg]
    if pre is None:
        pre = P.make(tag, [len(s) for s in segs], aligns, flags).encode()
    crcs = {i: seg_crc(s) for i, s in enumerate(segs)}
    crcs.update(crc_override or {})
    rev1 = fmt.startswith("rev1")
    if late is None:
        late = LATE_COMPLETE if rev1 else 0
    info = {"seg_crc": {}, "ops": []}

    if fmt == "rev0_crc":
        out = bytearray(pre)
        for s in segs:
            out += s
        info["late"] = len(out)
        out.append(late)
        for i in range(limits.MAX_SEGMENTS):
            info["seg_crc"][i] = len(out)
            out += le32(crcs[i] if i < nseg else unused_crc)
        return bytes(out), info

    if fmt == "rev1_crc":
        out = bytearray(pre)
        if segs[0]:
            out += segs[0]
            info["seg_crc"][0] = len(out)
            out += le32(crcs[0])
        if nseg == 1:
            return bytes(out), info
        for s in segs[1:]:
            out += s
        info["late"] = len(out)
        out.append(late)
        for i in range(1, limits.MAX_SEGMENTS):
            info["seg_crc"][i] = len(out)
            out += le32(crcs[i] if i < nseg else unused_crc)
        return bytes(out), info

    key, nonces = sec.key_nonces(rev1)
    padded = [s + bytes([pad_fill]) * (pad16(len(s)) - len(s)) for s in segs]
    epilogue = bytes([late]) + bytes([epi_fill]) * 15

    if fmt == "rev0_secure":
        plain = pre + b"".join(padded) + epilogue
        out = crypto.gcm_seal(key, nonces.next(), plain)
        info["ops"].append((0, len(out)))
        return out, info

    assert fmt == "rev1_secure"
    p0 = padded[0]
    if len(p0) > INLINE:
        inline, rest = p0[:INLINE], p0[INLINE:]
    else:
        inline, rest = p0 + bytes([inline_fill]) * (INLINE - len(p0)), b""
    out = bytearray(crypto.gcm_seal(key, nonces.next(), pre + inline))
    info["ops"].append((0, len(out)))
    if rest:
        start = len(out)
        out += crypto.gcm_seal(key, nonces.next(), rest)
        info["ops"].append((start, len(out)))
    if nseg > 1:
        start = len(out)
        out += crypto.gcm_seal(key, nonces.next(),
                               b"".join(padded[1:]) + epilogue)
        info["ops"].append((start, len(out)))
    return bytes(out), info


def encode(fmt, frame, sec=None):
    """The canonical bytes of a decoded frame (what m2 re-encodes)."""
    return assemble(fmt, frame.tag, frame.segs, frame.aligns, frame.flags,
                    frame.late, sec)[0]


def _need(data, off, n, what):
    if len(data) - off < n:
        raise Fail(TRUNC, f"{what}: need {n} bytes at {off}, have "
                   f"{len(data) - off}")


def _check_crc(seg, wire, i):
    calc = seg_crc(seg)
    if calc != wire:
        raise Fail(BADCRC, f"segment {i} crc {wire:#x}, computed {calc:#x}")


def _check_late_status(v):
    """check_epilogue_late_status."""
    if v & LATE_MASK not in (LATE_COMPLETE, LATE_ABORTED):
        raise Fail(BADVAL, f"bad late_status {v:#x}")


def _frame(pre, segs, late):
    n = pre.nseg
    return Frame(pre.tag, segs, [pre.segs[i][1] for i in range(n)],
                 pre.flags, late)


def decode(fmt, data, sec=None):
    """FrameAssembler::disassemble_preamble + disassemble_first_segment +
    disassemble_remaining_segments on one whole frame; trailing bytes are
    M2_E_TRAILING."""
    data = bytes(data)
    rev1 = fmt.startswith("rev1")

    if fmt in ("rev0_crc", "rev1_crc"):
        pre = P.decode(data)
        lens = [pre.segs[i][0] for i in range(pre.nseg)]
        off = limits.PREAMBLE_LEN
        segs = []
        late = None
        if fmt == "rev0_crc":
            _need(data, off, sum(lens) + 17, "segments and epilogue")
            for n in lens:
                segs.append(data[off:off + n])
                off += n
            late = data[off]
            wire = struct.unpack_from("<4I", data, off + 1)
            off += 17
            for i, s in enumerate(segs):
                _check_crc(s, wire[i], i)
        else:
            if lens[0]:
                _need(data, off, lens[0] + 4, "segment 0 and its crc")
                s0 = data[off:off + lens[0]]
                off += lens[0]
                _check_crc(s0, struct.unpack_from("<I", data, off)[0], 0)
                off += 4
            else:
                s0 = b""
            segs.append(s0)
            if pre.nseg > 1:
                _need(data, off, sum(lens[1:]) + 13,
                      "segments and epilogue")
                for n in lens[1:]:
                    segs.append(data[off:off + n])
                    off += n
                late = data[off]
                wire = struct.unpack_from("<3I", data, off + 1)
                off += 13
                for i in range(1, pre.nseg):
                    _check_crc(segs[i], wire[i - 1], i)
                _check_late_status(late)
        if off != len(data):
            raise Fail(TRAILING, f"{len(data) - off} bytes after the frame")
        return _frame(pre, segs, late)

    key, nonces = sec.key_nonces(rev1)
    if fmt == "rev0_secure":
        _need(data, 0, limits.PREAMBLE_LEN, "preamble")
        iv = nonces.next()
        pre = P.decode(crypto.gcm_peek(key, iv, data[:limits.PREAMBLE_LEN]))
        lens = [pre.segs[i][0] for i in range(pre.nseg)]
        total = limits.PREAMBLE_LEN + sum(pad16(n) for n in lens) + 16 + TAG
        _need(data, 0, total, "frame")
        plain = crypto.gcm_open(key, iv, data[:total])
        off = limits.PREAMBLE_LEN
        segs = []
        for n in lens:
            segs.append(plain[off:off + n])
            off += pad16(n)
        late = plain[off]
        if total != len(data):
            raise Fail(TRAILING, f"{len(data) - total} bytes after the frame")
        return _frame(pre, segs, late)

    assert fmt == "rev1_secure"
    first = limits.PREAMBLE_LEN + INLINE + TAG
    _need(data, 0, first, "preamble and inline buffer")
    plain = crypto.gcm_open(key, nonces.next(), data[:first])
    pre = P.decode(plain[:limits.PREAMBLE_LEN])
    lens = [pre.segs[i][0] for i in range(pre.nseg)]
    off = first
    s0 = plain[limits.PREAMBLE_LEN:]
    if pad16(lens[0]) > INLINE:
        n = pad16(lens[0]) - INLINE + TAG
        _need(data, off, n, "rest of segment 0")
        s0 += crypto.gcm_open(key, nonces.next(), data[off:off + n])
        off += n
    segs = [s0[:lens[0]]]
    late = None
    if pre.nseg > 1:
        n = sum(pad16(x) for x in lens[1:]) + 16 + TAG
        _need(data, off, n, "segments and epilogue")
        rest = crypto.gcm_open(key, nonces.next(), data[off:off + n])
        off += n
        p = 0
        for x in lens[1:]:
            segs.append(rest[p:p + x])
            p += pad16(x)
        late = rest[p]
        _check_late_status(late)
    if off != len(data):
        raise Fail(TRAILING, f"{len(data) - off} bytes after the frame")
    return _frame(pre, segs, late)
