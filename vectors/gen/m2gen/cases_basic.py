# SPDX-License-Identifier: MIT
"""Cases for crc32c, secure_keys, banner and preamble."""

import hashlib
import struct

from . import limits, msgs, preamble as P
from .banner import PREFIX
from .errors import BADCRC, BADVAL, LIMIT, MSGR1, TRUNC
from .vec import VecFile
from .wire import le16, le64

SRC_CRC = "hand: ceph ceph_crc32c (src/include/crc32c.h)"
SRC_CRC_TEST = "hand: ceph src/test/common/test_crc32c.cc TEST(Crc32c, {})"
SRC_CAPTURE_HELLO = ("capture: ceph-mon 16.2.15, rev1 crc HELLO preamble "
                     "(/work/shared/REAL-CEPH.md)")
HELLO_PREAMBLE = bytes.fromhex("0101240000000800") + bytes(20) + \
    bytes.fromhex("3fbd6b06")

# The disclosed secrets every secure vector uses.
SECRET = bytes(range(64))
SECRET_WRAP = (b"\x42" * 16 + bytes.fromhex("ffffffff" "feffffffffffffff") +
               bytes.fromhex("feffffff" "ffffffffffffffff") + bytes(24))


def det_bytes(label, n):
    """Deterministic filler bytes: SHA-256 in counter mode over |label|."""
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(f"{label}/{i}".encode()).digest()
        i += 1
    return out[:n]


def crc32c_file():
    f = VecFile("crc32c",
                "ceph_crc32c(seed, input): reflected CRC-32C (polynomial "
                "0x82F63B78) with no inversion on input or output; the seed "
                "is in the group's params.  The preamble crc uses seed 0, "
                "segment crcs seed 0xffffffff.")
    g = f.group({"seed": 0})
    g.add("\"foo bar baz\"", b"foo bar baz", SRC_CRC_TEST.format("Small"),
          flags=["KnownAnswer"], dump=f"crc={4119623852:#x}")
    g.add("\"whiz bang boom\"", b"whiz bang boom",
          SRC_CRC_TEST.format("Small"), flags=["KnownAnswer"],
          dump=f"crc={2360230088:#x}")
    g.add("5 bytes of 0x01", b"\x01" * 5, SRC_CRC_TEST.format("PartialWord"),
          flags=["KnownAnswer"], dump=f"crc={2715569182:#x}")
    g.add("35 bytes of 0x01", b"\x01" * 35,
          SRC_CRC_TEST.format("PartialWord"), flags=["KnownAnswer"],
          dump=f"crc={440531800:#x}")
    g.add("empty input: the seed comes back", b"", SRC_CRC, dump="crc=0x0")
    g.add("one zero byte", b"\x00", SRC_CRC)
    g.add("bytes 0..255", bytes(range(256)), SRC_CRC)
    g.add("bytes 0..27 of the HELLO preamble a ceph-mon sent: its crc "
          "bytes on the wire were 3f bd 6b 06", HELLO_PREAMBLE[:28],
          SRC_CAPTURE_HELLO, flags=["Capture"], dump="crc=0x66bbd3f")
    g = f.group({"seed": 1234})
    g.add("\"foo bar baz\", seed 1234", b"foo bar baz",
          SRC_CRC_TEST.format("Small"), flags=["KnownAnswer"],
          dump=f"crc={881700046:#x}")
    g = f.group({"seed": 5678})
    g.add("\"whiz bang boom\", seed 5678", b"whiz bang boom",
          SRC_CRC_TEST.format("Small"), flags=["KnownAnswer"],
          dump=f"crc={3743019208:#x}")
    g = f.group({"seed": 0xFFFFFFFF})
    src = ("hand: ceph frames_v2.cc check_segment_crc "
           "(bufferlist::crc32c(-1))")
    g.add("empty segment: 0xffffffff, the value an epilogue carries for a "
          "used empty segment", b"", src, dump="crc=0xffffffff")
    g.add("\"foo bar baz\", seed 0xffffffff", b"foo bar baz", SRC_CRC)
    g.add("KEEPALIVE2 payload sec=1 nsec=2: wire bytes d3138c85",
          msgs.make("msg_keepalive2", 1, 2).encode(), src,
          dump="crc=0x858c13d3")
    g.add("101 bytes of 'F'", b"F" * 101, src)
    g.add("bytes 0..255", bytes(range(256)), SRC_CRC)
    return f


def secure_keys_file():
    f = VecFile("secure_keys",
                "The AES-128-GCM key and the four 12-byte nonces taken from "
                "a connection secret (input), as "
                "rxtx_t::create_handler_pair does: key = secret[0:16]; "
                "the client (crossed=false) receives with secret[16:28] "
                "and sends with secret[28:40]; the server (crossed=true) "
                "the other way round.  Bytes past 40 are unused; Ceph "
                "generates 64.")
    g = f.group()
    src = "hand: ceph crypto_onwire.cc rxtx_t::create_handler_pair"
    g.add("bytes 0x00..0x3f (the secret of the frame_*_secure vectors)",
          SECRET, src)
    g.add("the counter-wrap secret of the frame_*_secure vectors",
          SECRET_WRAP, src)
    g.add("64 pseudo-random bytes", det_bytes("secure_keys", 64), src)
    g.add("the 62-byte key_and_nonce of Ceph's AES-GCM handler test "
          "(TEST(AESGCMTxHandler, fits_recording)), whose first "
          "ciphertext selftest.py reproduces",
          b"mock of crypto material for deriving key and nonce for AES GCM",
          "hand: ceph crypto_onwire.cc rxtx_t::create_handler_pair; key and "
          "nonce of Ceph's AES128GCM_OnWireTxHandler unit test",
          flags=["KnownAnswer"])
    g.add("40 bytes: the least create_handler_pair accepts "
          "(ceph_assert_always)", det_bytes("secure_keys-40", 40), src)
    return f


def banner_bytes(supported, required, length=16, extra=b""):
    return (PREFIX + le16(length) + le64(supported) + le64(required) +
            extra)


def banner_file():
    f = VecFile("banner",
                "The msgr2 banner: \"ceph v2\\n\", le16 payload length, "
                "payload (le64 supported, le64 required msgr2 features, "
                "then bytes Ceph reads and ignores).  The parsed value keeps "
                "the payload length; extra payload bytes are written back "
                "as zeros.  Inputs shorter than the 10-byte head are "
                "M2_E_TRUNC whatever they hold (Ceph reads 10 bytes before "
                "it looks).")
    g = f.group()
    src = "hand: ceph ProtocolV2::_handle_peer_banner_payload"
    g.add("Pacific 16.2.15 monitor: supported 0x1 (REVISION_1), "
          "required 0", banner_bytes(1, 0),
          "capture: ceph-mon 16.2.15 banner (/work/shared/REAL-CEPH.md)",
          flags=["Capture"], dump="len=16 supported=0x1 required=0x0")
    g.add("Quincy: supported 0x3 (REVISION_1 | COMPRESSION), required 0",
          banner_bytes(3, 0), "hand: ceph ProtocolV2::_banner_exchange "
          "(CEPH_MSGR2_SUPPORTED_FEATURES, Quincy)")
    g.add("Linux kernel client: supported 0x1, required 0x1",
          banner_bytes(1, 1),
          "kernel: net/ceph/messenger_v2.c prepare_banner "
          "(CEPH_MSGR2_SUPPORTED_FEATURES, CEPH_MSGR2_REQUIRED_FEATURES)")
    g.add("msgr2.0 only (Nautilus before 14.2.11): supported 0, "
          "required 0", banner_bytes(0, 0),
          "hand: ceph ProtocolV2::_banner_exchange (Nautilus 14.2.0)")
    g.add("every feature bit set: the banner codec does not judge "
          "features", banner_bytes((1 << 64) - 1, (1 << 64) - 1), src)
    g.add("payload of 17 bytes, the extra byte zero: read and ignored",
          banner_bytes(1, 0, 17, b"\x00"), src)
    g.add("payload of 17 bytes, the extra byte 0x5a: read and ignored "
          "(written back as zero)", banner_bytes(1, 0, 17, b"\x5a"), src,
          flags=["NonCanonical"])
    g.add("payload of 100 bytes of which 84 extra", banner_bytes(
          3, 0, 100, det_bytes("banner-100", 84)), src,
          flags=["NonCanonical"])
    g.add("payload length 0: decode(uint64_t) throws",
          PREFIX + le16(0), src, "invalid", BADVAL)
    g.add("payload length 15 with 15 bytes: decode(uint64_t) throws",
          PREFIX + le16(15) + bytes(15), src, "invalid", BADVAL)
    legacy = (bytes(4) + bytes(4) + b"\x00\x02\x41\x95\x7f\x00\x00\x01" +
              bytes(120))
    peer = (bytes(4) + bytes(4) + b"\x00\x02\xa2\x12\x7f\x00\x00\x01" +
            bytes(120))
    g.add("a msgr1 banner (\"ceph v027\" and two 136-byte legacy "
          "addresses, 281 bytes, as a monitor's v1 port sends them)",
          b"ceph v027" + legacy + peer,
          "hand: ceph ProtocolV2::_handle_peer_banner (CEPH_BANNER check)",
          "invalid", MSGR1)
    g.add("not a banner: an HTTP request", b"GET / HTTP/1.1\r\n\r\n",
          "hand: ceph ProtocolV2::_handle_peer_banner", "invalid", BADVAL)
    g.add("\"ceph v1\\n\": a prefix that is neither msgr2 nor msgr1",
          b"ceph v1\n" + le16(16) + bytes(16),
          "hand: ceph ProtocolV2::_handle_peer_banner", "invalid", BADVAL)
    g.add("payload length 0xffff, 16 bytes present",
          PREFIX + le16(0xFFFF) + le64(1) + le64(0), src, "invalid", TRUNC,
          flags=["Truncated"])
    g.add("payload length 16, 10 bytes present",
          banner_bytes(1, 0)[:20], src, "invalid", TRUNC,
          flags=["Truncated"])
    g.add("the prefix alone", PREFIX, src, "invalid", TRUNC,
          flags=["Truncated"])
    return f


def pre(tag, lens, aligns=None, flags=0, reserved=0, nseg=None, crc=None):
    return P.make(tag, lens, aligns, flags, reserved, nseg).encode(crc)


def preamble_file():
    f = VecFile("preamble",
                "The 32-byte frame preamble (preamble_block_t): tag, "
                "num_segments, four {le32 length, le16 alignment}, flags, "
                "reserved, le32 crc32c (seed 0) of bytes 0..27.  Checked in "
                "this order: crc (M2_E_BADCRC), 1 <= num_segments <= 4 "
                "(M2_E_BADVAL), segment lengths against limits.h "
                "(M2_E_LIMIT), last used segment not empty when "
                "num_segments > 1 (M2_E_BADVAL), alignment of each used "
                "segment (M2_E_BADVAL when it is not a power of two and "
                "greater than 8).  The tag, flags, reserved byte and unused "
                "descriptors are not judged.")
    src = "hand: ceph frames_v2.cc FrameAssembler::disassemble_preamble"
    fill = "hand: ceph frames_v2.cc FrameAssembler::fill_preamble"
    g = f.group()
    g.add("HELLO a ceph-mon sent (36-byte payload)", HELLO_PREAMBLE,
          SRC_CAPTURE_HELLO, flags=["Capture"],
          dump="tag=1 nseg=1 segs=[36:8,0:0,0:0,0:0] flags=0x0 "
               "reserved=0x0")
    typical = {1: 36, 2: 29, 3: 28, 4: 13, 5: 44, 6: 120, 7: 32, 8: 173,
               9: 141, 10: 8, 11: 87, 12: 1, 13: 8, 14: 8, 15: 8, 16: 0,
               18: 8, 19: 8, 20: 8, 21: 9, 22: 5}
    names = {1: "HELLO", 2: "AUTH_REQUEST", 3: "AUTH_BAD_METHOD",
             4: "AUTH_REPLY_MORE", 5: "AUTH_REQUEST_MORE", 6: "AUTH_DONE",
             7: "AUTH_SIGNATURE", 8: "CLIENT_IDENT", 9: "SERVER_IDENT",
             10: "IDENT_MISSING_FEATURES", 11: "SESSION_RECONNECT",
             12: "SESSION_RESET", 13: "SESSION_RETRY",
             14: "SESSION_RETRY_GLOBAL", 15: "SESSION_RECONNECT_OK",
             16: "WAIT", 17: "MESSAGE", 18: "KEEPALIVE2",
             19: "KEEPALIVE2_ACK", 20: "ACK", 21: "COMPRESSION_REQUEST",
             22: "COMPRESSION_DONE"}
    for tag in range(1, 23):
        if tag == 17:
            g.add("tag 17 MESSAGE: header2, front, middle, data",
                  pre(17, [41, 101, 202, 303]), fill,
                  dump="tag=17 nseg=4 segs=[41:8,101:8,202:8,303:4096] "
                       "flags=0x0 reserved=0x0")
            g.add("tag 17 MESSAGE with header2 only (trailing empty "
                  "segments dropped)", pre(17, [41, 0, 0, 0]), fill)
            continue
        n = typical[tag]
        g.add(f"tag {tag} {names[tag]}, one segment of {n} byte"
              f"{'' if n == 1 else 's'}",
              pre(tag, [n]), fill)
    for tag in (0, 23, 99, 255):
        g.add(f"tag {tag}: not a known tag, but the preamble codec does not "
              "judge tags (ProtocolV2::handle_read_frame_dispatch does, "
              "after the whole frame is read)", pre(tag, [8]), src)
    g.add("num_segments 0", pre(16, [0], nseg=0), src, "invalid", BADVAL)
    g.add("num_segments 5", pre(17, [41, 1, 1, 1], nseg=5), src,
          "invalid", BADVAL)
    g.add("num_segments 255", pre(17, [41, 1, 1, 1], nseg=255), src,
          "invalid", BADVAL)
    g.add("num_segments 2, segment 1 empty: \"last segment empty\"",
          pre(17, [41, 0], nseg=2), src, "invalid", BADVAL)
    g.add("num_segments 4, segment 3 empty", pre(17, [41, 1, 1, 0], nseg=4),
          src, "invalid", BADVAL)
    g.add("num_segments 1, segment 0 empty: WAIT", pre(16, [0]), src,
          dump="tag=16 nseg=1 segs=[0:8,0:0,0:0,0:0] flags=0x0 "
               "reserved=0x0")
    g.add("num_segments 2, segment 0 empty, segment 1 not", pre(17, [0, 5]),
          src)
    g.add("num_segments 4, segments 1 and 2 empty", pre(17, [41, 0, 0, 303]),
          src)
    good = pre(18, [8])
    bad = good[:28] + bytes([good[28] ^ 0x01]) + good[29:]
    g.add("crc with one bit flipped", bad, src, "invalid", BADCRC,
          flags=["BadCrc"])
    bad = good[:2] + bytes([good[2] ^ 0x10]) + good[3:]
    g.add("segment 0 length changed, crc not recomputed", bad, src,
          "invalid", BADCRC, flags=["BadCrc"])
    g.add("crc of zero", good[:28] + bytes(4), src, "invalid", BADCRC,
          flags=["BadCrc"])
    caps = limits.SEG_MAX
    segname = ("segment 0", "front", "middle", "data")
    for i in range(4):
        lens = [41, 1, 1, 1][:i + 1]
        lens[i] = caps[i]
        g.add(f"{segname[i]} length at the cap ({caps[i]})", pre(17, lens),
              src, flags=["Limit"])
        lens[i] = caps[i] + 1
        g.add(f"{segname[i]} length one over the cap ({caps[i] + 1})",
              pre(17, lens), src, "invalid", LIMIT, flags=["Limit"])
    g.add("segment 0 length 0xffffffff", pre(17, [0xFFFFFFFF]), src,
          "invalid", LIMIT, flags=["Limit"])
    align_note = (" Ceph userspace passes the alignment unclamped to "
                  "buffer::create_aligned (ProtocolV2::read_frame_segment; "
                  "src/common/buffer.cc): page multiples (0 too) and "
                  "segments of 8 KiB or more go to raw_posix_aligned, which "
                  "ceph_assert()s align >= sizeof(void*) and a power of "
                  "two; the rest to posix_memalign, which fails (EINVAL -> "
                  "bad_alloc -> fault) unless align is a power of two and a "
                  "multiple of sizeof(void*).  The kernel ignores it.")
    g.add("alignment 0 on segment 0: accepted by the m2 rule (the kernel "
          "writes PAGE_SIZE, 0 for 64 KiB pages, in the data segment); "
          "Ceph userspace would ceph_assert." + align_note,
          pre(18, [8], [0]), src, flags=["CephQuirk"])
    g.add("alignment 1 on segment 0: accepted by the m2 rule; Ceph "
          "userspace's posix_memalign(1) fails." + align_note,
          pre(18, [8], [1]), src, flags=["CephQuirk"])
    g.add("alignment 8 (segment_t::DEFAULT_ALIGNMENT)", pre(18, [8], [8]),
          fill)
    g.add("alignment 4096 (PAGE_SIZE_ALIGNMENT) on segment 0",
          pre(18, [8], [4096]), src)
    g.add("alignment 65535: not a power of two." + align_note,
          pre(18, [8], [65535]), src, "invalid", BADVAL)
    g.add("alignment 12: not a power of two." + align_note,
          pre(18, [8], [12]), src, "invalid", BADVAL)
    g.add("flags byte 26 = 1 (Quincy FRAME_EARLY_DATA_COMPRESSED): the "
          "preamble codec does not judge it (Pacific ignores it; Quincy "
          "asserts unless compression was negotiated)",
          pre(17, [41, 5], flags=1), src,
          dump="tag=17 nseg=2 segs=[41:8,5:8,0:0,0:0] flags=0x1 "
               "reserved=0x0")
    g.add("reserved byte 27 = 0xa5: not checked", pre(18, [8], reserved=0xA5),
          src)
    p = P.make(18, [8])
    p.segs[2] = (77, 3)
    g.add("an unused descriptor holds a length and alignment: not checked",
          p.encode(), src)
    g.add("31 bytes", good[:31], src, "invalid", TRUNC, flags=["Truncated"])
    g.add("empty input", b"", src, "invalid", TRUNC, flags=["Truncated"])
    return f
