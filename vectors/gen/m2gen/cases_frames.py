# SPDX-License-Identifier: MIT
"""Cases for frame_rev0_crc, frame_rev1_crc, frame_rev0_secure and
frame_rev1_secure."""

from . import frames, msgs, preamble as P
from .cases_basic import SECRET, SECRET_WRAP
from .errors import BADCRC, BADTAG_AEAD, BADVAL, LIMIT, TRAILING, TRUNC
from .frames import Secure
from .vec import VecFile

MATRIX = [(h, f, m, d) for h in (0, 1, 48, 49) for f in (0, 101)
          for m in (0, 202) for d in (0, 303)]
PATTERN_NOTE = ("Segment k (0 header, 1 front, 2 middle, 3 data) of n "
                "bytes holds bytes (64 * k + i) mod 256 for i = 0 .. n-1.")
TAG_MESSAGE = 17
TAG_KEEPALIVE2 = 18
TAG_WAIT = 16


def pattern(k, n):
    return bytes((64 * k + i) & 0xFF for i in range(n))


def msg_segs(h, f=0, m=0, d=0):
    return [pattern(0, h), pattern(1, f), pattern(2, m), pattern(3, d)]


def ka2(sec=1, nsec=2):
    return [msgs.make("msg_keepalive2", sec, nsec).encode()]


DESC = {
    "rev0_crc": "msgr2.0 crc mode (FrameAssembler::asm_crc_rev0): "
                "preamble, the segments back to back, then a 17-byte "
                "epilogue (u8 late_flags, le32 crc32c(-1) of each of the "
                "four segments, 0 for unused ones).",
    "rev1_crc": "msgr2.1 crc mode (FrameAssembler::asm_crc_rev1): "
                "preamble, segment 0 and its le32 crc32c(-1) (both absent "
                "when segment 0 is empty), then, only when there is more "
                "than one segment, segments 1..3 and a 13-byte epilogue "
                "(u8 late_status, three le32 crcs).",
    "rev0_secure": "msgr2.0 secure mode (FrameAssembler::asm_secure_rev0): "
                   "one AES-128-GCM operation over preamble, each segment "
                   "zero-padded to 16, and a 16-byte epilogue (u8 "
                   "late_flags + 15 zeros), then the 16-byte tag.  The "
                   "nonce's first le32 counts operations.",
    "rev1_secure": "msgr2.1 secure mode (FrameAssembler::asm_secure_rev1): "
                   "GCM operation 1 over preamble and a 48-byte inline "
                   "buffer holding the first 48 bytes of segment 0 "
                   "(zero-filled), 96 bytes with its tag; operation 2 over "
                   "the rest of segment 0 padded to 16 (only if it is longer "
                   "than 48); operation 3 over segments 1..3 padded to 16 "
                   "and a 16-byte epilogue (u8 late_status + 15 zeros), "
                   "only if there is more than one segment.  Each operation "
                   "has its own nonce; the nonce's le64 at bytes 4..11 "
                   "counts them.",
}
COMMON = (" The dump lists one alignment and one segment (hex) per used "
          "segment; late is late_flags (msgr2.0), late_status (msgr2.1) or "
          "- (msgr2.1 frame of one segment: no epilogue).  Checks: preamble "
          "as the preamble codec, then segment crcs (M2_E_BADCRC), "
          "late_status (msgr2.1: low nibble 0xe complete or 0x1 aborted, "
          "else M2_E_BADVAL; the high nibble is ignored; msgr2.0 "
          "late_flags: any value, bit 0 = aborted), GCM tags "
          "(M2_E_BADTAG_AEAD); bytes after the frame are M2_E_TRAILING.")
SECURE_NOTE = (" params: secret (the connection secret), role (the side "
               "that receives the frame: a client decrypts with "
               "secret[16:28], a server with secret[28:40]) and frameIndex "
               "(GCM operations that direction did before this frame).  "
               "Segment padding, inline fill and epilogue padding are not "
               "checked (unpad_zero): non-zero fill is valid, with an "
               "`output` holding the zero-filled re-encryption.")


def src(fmt, fn=None):
    if fn is None:
        fn = {"rev0_crc": "asm_crc_rev0", "rev1_crc": "asm_crc_rev1",
              "rev0_secure": "asm_secure_rev0",
              "rev1_secure": "asm_secure_rev1"}[fmt]
    return f"hand: ceph frames_v2.cc FrameAssembler::{fn}"


def dsrc(fmt):
    return src(fmt, {"rev0_crc": "disasm_all_crc_rev0",
                     "rev1_crc": "disasm_remaining_crc_rev1",
                     "rev0_secure": "disasm_all_secure_rev0",
                     "rev1_secure": "disasm_remaining_secure_rev1"}[fmt])


def params(secret, role, index):
    return {"secret": secret.hex(), "role": role, "frameIndex": index}


def flip(b, off, mask=0x01):
    return b[:off] + bytes([b[off] ^ mask]) + b[off + 1:]


def frame_file(fmt):
    secure = fmt.endswith("secure")
    rev1 = fmt.startswith("rev1")
    notes = {"Pattern": PATTERN_NOTE}
    if secure:
        notes["Secret"] = ("Groups use the connection secret bytes 0x00.."
                           "0x3f, or the counter-wrap secret 0x42 x 16 | "
                           "ffffffff feffffffffffffff | feffffff "
                           "ffffffffffffffff | 24 zero bytes.")
    f = VecFile("frame_" + fmt, DESC[fmt] + COMMON +
                (SECURE_NOTE if secure else ""), notes=notes)
    sec = Secure(SECRET, "client", 0) if secure else None
    g = f.group(params(SECRET, "client", 0) if secure else {})

    def asm(tag, segs, **kw):
        return frames.assemble(fmt, tag, segs, sec=kw.pop("sec", sec),
                               **kw)

    # -- the round-trip matrix of test_frames_v2.cc ----------------------
    for h, fr, m, d in MATRIX:
        b, _ = asm(TAG_MESSAGE, msg_segs(h, fr, m, d))
        g.add(f"MESSAGE, segments {h}+{fr}+{m}+{d} bytes",
              b, src(fmt), flags=["Matrix"])

    # -- control frames --------------------------------------------------
    b, _ = asm(TAG_KEEPALIVE2, ka2())
    g.add("KEEPALIVE2 sec=1 nsec=2 (protocol map §4.3 worked example)", b,
          src(fmt))
    b, _ = asm(TAG_WAIT, [b""])
    g.add("WAIT: one empty segment", b, src(fmt))
    b, _ = asm(99, [bytes(8)])
    g.add("tag 99: the framing layer does not judge the tag", b, src(fmt))

    # -- late_flags / late_status ----------------------------------------
    segs2 = msg_segs(41, 101)
    if rev1:
        for v, ok, why in (
                (0x0E, True, "FRAME_LATE_STATUS_COMPLETE"),
                (0x01, True, "FRAME_LATE_STATUS_ABORTED: valid, the "
                 "receiver drops the frame"),
                (0x1E, True, "complete; the high nibble "
                 "(FRAME_LATE_STATUS_RESERVED_TRUE) is ignored"),
                (0xEE, True, "complete; high nibble 0xe ignored"),
                (0x11, True, "low nibble 0x1: aborted (valid; the high "
                 "nibble is ignored, so this is not a bad late_status)"),
                (0xE1, True, "aborted; high nibble ignored"),
                (0x00, False, "low nibble 0: bad late_status"),
                (0x0F, False, "low nibble 0xf: bad late_status")):
            b, _ = asm(TAG_MESSAGE, segs2, late=v)
            flags = ["Aborted"] if v & 0x0F == 0x01 else []
            g.add(f"late_status {v:#04x}: {why}", b,
                  src(fmt, "check_epilogue_late_status" if not secure
                      else "disasm_remaining_secure_rev1"),
                  "valid" if ok else "invalid", None if ok else BADVAL,
                  flags=flags)
        b, _ = asm(TAG_MESSAGE, segs2, late=0x12)
        g.add("late_status 0x12: low nibble 0x2, bad late_status", b,
              src(fmt, "check_epilogue_late_status"), "invalid", BADVAL)
        b, _ = asm(TAG_MESSAGE, segs2, late=0x10)
        g.add("late_status 0x10: FRAME_LATE_STATUS_RESERVED_TRUE with low "
              "nibble 0, bad late_status", b,
              src(fmt, "check_epilogue_late_status"), "invalid", BADVAL)
    else:
        for v, why in ((0x00, "complete"),
                       (0x01, "FRAME_LATE_FLAG_ABORTED: dropped by the "
                        "receiver"),
                       (0x02, "bit 1: not a defined flag, ignored"),
                       (0xFF, "every bit: aborted, others ignored")):
            b, _ = asm(TAG_MESSAGE, segs2, late=v)
            g.add(f"late_flags {v:#04x}: {why}", b, dsrc(fmt),
                  flags=["Aborted"] if v & 1 else [])

    # -- integrity ------------------------------------------------------
    if not secure:
        b, info = asm(TAG_MESSAGE, msg_segs(41, 101, 202, 303))
        g.add("preamble crc off by one bit", flip(b, 28), dsrc(fmt),
              "invalid", BADCRC, flags=["BadCrc"])
        g.add("preamble length field changed, crc not recomputed",
              flip(b, 2, 0x02), dsrc(fmt), "invalid", BADCRC,
              flags=["BadCrc"])
        names = ("segment 0 (header)", "front", "middle", "data")
        for i in range(4):
            where = ("the crc after segment 0" if rev1 and i == 0 else
                     f"epilogue crc[{i - 1 if rev1 else i}]")
            g.add(f"{names[i]} crc wrong ({where})",
                  flip(b, info["seg_crc"][i], 0x80), dsrc(fmt), "invalid",
                  BADCRC, flags=["BadCrc"])
        body = 32 + (41 + 4 if rev1 else 0) + 5
        g.add("a byte of the front segment flipped", flip(b, body),
              dsrc(fmt), "invalid", BADCRC, flags=["BadCrc"])
        b, info = asm(TAG_MESSAGE, msg_segs(41, 0, 0, 303))
        g.add("front and middle used but empty: their crcs are 0xffffffff",
              b, src(fmt))
        bad, _ = asm(TAG_MESSAGE, msg_segs(41, 0, 0, 303),
                     crc_override={1: 0})
        g.add("front used but empty, its crc written as 0 instead of "
              "0xffffffff", bad, dsrc(fmt), "invalid", BADCRC,
              flags=["BadCrc"])
        b, _ = asm(TAG_MESSAGE, msg_segs(41, 101), unused_crc=0xDEADBEEF)
        g.add("epilogue crc slots of unused segments hold 0xdeadbeef: not "
              "checked (written back as 0)", b, dsrc(fmt),
              flags=["NonCanonical"])
        if not rev1:
            b, _ = asm(TAG_KEEPALIVE2, ka2(), unused_crc=0x01020304)
            g.add("one segment, unused crc slots non-zero", b, dsrc(fmt),
                  flags=["NonCanonical"])
    else:
        b, info = asm(TAG_MESSAGE, msg_segs(49, 101, 202, 303))
        ops = info["ops"]
        if not rev1:
            s, e = ops[0]
            g.add("the tag changed", flip(b, e - 1), dsrc(fmt), "invalid",
                  BADTAG_AEAD, flags=["AeadTag"])
            g.add("a ciphertext byte of segment 0 changed", flip(b, 40),
                  dsrc(fmt), "invalid", BADTAG_AEAD, flags=["AeadTag"])
            g.add("a ciphertext byte of the data segment changed",
                  flip(b, e - 40), dsrc(fmt), "invalid", BADTAG_AEAD,
                  flags=["AeadTag"])
            g.add("a ciphertext byte of the epilogue changed",
                  flip(b, e - 20), dsrc(fmt), "invalid", BADTAG_AEAD,
                  flags=["AeadTag"])
        else:
            what = ("operation 1 (preamble and inline buffer)",
                    "operation 2 (rest of segment 0)",
                    "operation 3 (segments 1..3 and epilogue)")
            for k, (s, e) in enumerate(ops):
                g.add(f"the tag of {what[k]} changed", flip(b, e - 1),
                      dsrc(fmt), "invalid", BADTAG_AEAD, flags=["AeadTag"])
                g.add(f"a ciphertext byte of {what[k]} changed",
                      flip(b, s + 3), dsrc(fmt), "invalid", BADTAG_AEAD,
                      flags=["AeadTag"])
            g.add("a ciphertext byte of the inline buffer changed",
                  flip(b, 40), dsrc(fmt), "invalid", BADTAG_AEAD,
                  flags=["AeadTag"])
            b1, info1 = asm(TAG_KEEPALIVE2, ka2())
            g.add("KEEPALIVE2 with its only tag changed", flip(b1, 95),
                  dsrc(fmt), "invalid", BADTAG_AEAD, flags=["AeadTag"])
        p = P.make(TAG_MESSAGE, [41, 101])
        b, _ = asm(TAG_MESSAGE, msg_segs(41, 101),
                   pre=p.encode(crc=0x12345678))
        g.add("a wrong preamble crc, encrypted with a good tag", b,
              src(fmt, "disassemble_preamble"), "invalid", BADCRC,
              flags=["BadCrc"])
        b, _ = asm(TAG_MESSAGE, msg_segs(41, 101), pad_fill=0xAA)
        g.add("segment padding bytes 0xaa instead of zero", b, dsrc(fmt),
              flags=["Padding", "NonCanonical"])
        b, _ = asm(TAG_MESSAGE, msg_segs(41, 101), epi_fill=0x55)
        g.add("epilogue padding bytes 0x55 instead of zero", b, dsrc(fmt),
              flags=["Padding", "NonCanonical"])
        if rev1:
            b, _ = asm(TAG_KEEPALIVE2, ka2(), inline_fill=0xCC)
            g.add("inline buffer fill 0xcc instead of zero (segment 0 of 8 "
                  "bytes: padding 8 bytes, then fill 32)", b,
                  src(fmt, "disasm_first_secure_rev1"),
                  flags=["Padding", "NonCanonical"])
            b, _ = asm(TAG_KEEPALIVE2, ka2(), pad_fill=0x01, inline_fill=0x02)
            g.add("segment 0 padding 0x01 and inline fill 0x02", b,
                  src(fmt, "disasm_first_secure_rev1"),
                  flags=["Padding", "NonCanonical"])
        if rev1:
            # msgr2.0 would decrypt garbage lengths from the preamble before
            # any tag check: which error comes first is not well defined.
            b, _ = asm(TAG_MESSAGE, msg_segs(41, 101),
                       sec=Secure(SECRET, "server", 0))
            g.add("sealed for the server (the other direction's nonce)", b,
                  dsrc(fmt), "invalid", BADTAG_AEAD,
                  flags=["AeadTag", "Nonce"])
            b, _ = asm(TAG_MESSAGE, msg_segs(41, 101),
                       sec=Secure(SECRET, "client", 1))
            g.add("sealed one GCM operation later (a frame out of order)",
                  b, dsrc(fmt), "invalid", BADTAG_AEAD,
                  flags=["AeadTag", "Nonce"])

    # -- framing errors ---------------------------------------------------
    b, _ = asm(TAG_MESSAGE, msg_segs(41, 101))
    g.add("one byte after the frame", b + b"\x00", dsrc(fmt), "invalid",
          TRAILING)
    small, _ = asm(TAG_KEEPALIVE2, ka2())
    cuts = sorted({0, 1, 31, 32, 33, len(small) - 1} - {len(small)})
    for n in cuts:
        if n >= len(small):
            continue
        g.add(f"KEEPALIVE2 frame cut to {n} of {len(small)} bytes",
              small[:n], dsrc(fmt), "invalid", TRUNC, flags=["Truncated"])
    b, info = asm(TAG_MESSAGE, msg_segs(49, 101, 0, 303))
    if secure:
        bounds = [e for _, e in info["ops"][:-1]]
    else:
        bounds = [32 + 49 + (4 if rev1 else 0), 32 + 49 + (4 if rev1 else 0)
                  + 101, len(b) - (13 if rev1 else 17)]
    for n in bounds:
        g.add(f"4-segment frame cut to {n} of {len(b)} bytes (a segment "
              "boundary)", b[:n], dsrc(fmt), "invalid", TRUNC,
              flags=["Truncated"])
    g.add(f"4-segment frame missing its last byte", b[:-1], dsrc(fmt),
          "invalid", TRUNC, flags=["Truncated"])
    if not secure:
        p = P.make(TAG_MESSAGE, [41, 0, 0, 0], nseg=0).encode()
        g.add("preamble with num_segments 0", p, dsrc(fmt), "invalid",
              BADVAL)
        p = P.make(TAG_MESSAGE, [41, 0, 0, (64 << 20) + 1]).encode()
        g.add("preamble claims a data segment one over the cap", p + bytes(8),
              dsrc(fmt), "invalid", LIMIT, flags=["Limit"])
        p = P.make(TAG_MESSAGE, [41, 0], nseg=2).encode()
        g.add("preamble with an empty last segment", p, dsrc(fmt),
              "invalid", BADVAL)
    else:
        b, _ = asm(TAG_MESSAGE, [pattern(0, 41)],
                   pre=P.make(TAG_MESSAGE, [41, 0], nseg=2).encode())
        g.add("preamble (authentic) with an empty last segment", b,
              src(fmt, "disassemble_preamble"), "invalid", BADVAL)

    if not secure:
        return f

    # -- other receivers and nonces -------------------------------------
    for role, index, label in (("server", 0, "server receiving"),
                               ("client", 5, "client, 5 operations done"),
                               ("server", 1000, "server, 1000 operations "
                                "done")):
        s2 = Secure(SECRET, role, index)
        g2 = f.group(params(SECRET, role, index))
        for h, fr, m, d in ((8, 0, 0, 0), (41, 101, 0, 0), (49, 0, 0, 303),
                            (49, 101, 202, 303)):
            b, _ = frames.assemble(fmt, TAG_MESSAGE, msg_segs(h, fr, m, d),
                                   sec=s2)
            g2.add(f"{label}: MESSAGE {h}+{fr}+{m}+{d}", b, src(fmt),
                   flags=["Nonce"])
    for index in (0, 1, 2):
        s2 = Secure(SECRET_WRAP, "client", index)
        g2 = f.group(params(SECRET_WRAP, "client", index))
        if not rev1:
            what = {0: "nonce fixed field 0xffffffff",
                    1: "fixed field wrapped to 0 (counter bytes unchanged)",
                    2: "fixed field 1 after the wrap"}[index]
        else:
            what = {0: "three operations with counters ...fe, ...ff, 0 "
                       "(wraps mod 2^64; bytes 0..3 unchanged)",
                    1: "counters ...ff, 0, 1",
                    2: "counters 0, 1, 2 after the wrap"}[index]
        b, _ = frames.assemble(fmt, TAG_MESSAGE, msg_segs(49, 101, 202, 303),
                               sec=s2)
        g2.add(f"counter wrap, frameIndex {index}: {what}", b, src(fmt),
               flags=["Nonce"])
    return f


def frame_files():
    return [frame_file(fmt) for fmt in frames.FORMATS]
