# SPDX-License-Identifier: MIT
"""Golden vectors whose bytes real Ceph sent: the captured msgr2 sessions.

vectors/captures/<name>.json each hold one TCP stream between a client and
Debian's ceph-mon 16.2.15 (capture.sh records them), the bytes of each
direction in order: {"description", "ceph_version", "mon_conf", "command",
"client_to_server", "server_to_client", "notes"}.  captured_tests() splits
every stream into its banner and frames and returns, per codec, tests in
the shape of vectors/SCHEMA.md (without tcId; gen.py numbers them):

  banner                    each side's banner (prefix, le16 len, payload)
  preamble                  each frame's 32-byte preamble
  frame_rev1_crc / _rev0_   each whole frame
  msg_<tag name>            each control frame's payload (segment 0)
  msg_header2               each MESSAGE frame's segment 0
  addrvec, addr             the address vectors in CLIENT_IDENT and
                            SERVER_IDENT, and every address in HELLO and
                            the idents (the vectors' entries included)

A test that repeats the input of an earlier one for the same codec is
dropped, so each distinct byte string appears once.  Whole frames longer
than MAX_FRAME_TEST bytes (the CLI's 73 KB get_command_descriptions reply)
are left out of the frame tests to keep the vector files small; their
preamble and header2 tests remain, and the bytes stay in the capture.  Frames are numbered
from 1 in each direction; the banner is not a frame.

The splitter and decoders here are deliberately small and separate from
the rest of m2gen (they only need the stdlib and the JSON files), so that
the captured bytes are checked by a second reading of Ceph's layouts:
  - banner: src/include/msgr.h CEPH_BANNER_V2_PREFIX; ProtocolV2::
    _banner_exchange writes le16 payload length, le64 supported, le64
    required.  The stream's framing is rev1 when both sides advertise
    REVISION_1 (bit 0), else rev0 (_handle_peer_banner_payload).
  - frames: frames_v2.h preamble_block_t {u8 tag, u8 num_segments,
    4 x {le32 length, le16 alignment}, u8 _reserved[2], le32 crc};
    epilogue_plain_block_t {u8 late_flags, 4 x le32 crc} (rev0: all
    segments, then 17 bytes); rev1 crc (FrameAssembler::asm_crc_rev1):
    seg0 and its le32 crc if len0 > 0, then segs 1..3 and a 13-byte
    epilogue {u8 late_status, 3 x le32 crc} if num_segments > 1.
    Preamble crc: crc32c seed 0 over bytes 0..27; segment crcs: seed
    0xffffffff, no final xor (ceph_crc32c).
  - payloads: the *Frame structs of frames_v2.h, fields ceph::encode'd in
    order; entity_addr_t / entity_addrvec_t as msg_types.h and
    msg_types.cc encode them with MSG_ADDR2; ceph_msg_header2 from
    src/include/msgr.h (41 bytes, packed).
A crc that does not check, a short frame or trailing bytes in a stream
raise CaptureError: a capture is only a golden vector if it is whole.

Run `python3 -m m2gen.captures` (from vectors/gen) to print each stream's
frames and dumps.
"""

import glob
import json
import os
import socket
import struct

CAPTURE_DIR = os.path.normpath(os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "..", "..", "captures"))
CEPH = "ceph-mon 16.2.15"

TAG_NAMES = {
    1: "hello", 2: "auth_request", 3: "auth_bad_method",
    4: "auth_reply_more", 5: "auth_request_more", 6: "auth_done",
    7: "auth_signature", 8: "client_ident", 9: "server_ident",
    10: "ident_missing_features", 11: "session_reconnect",
    12: "session_reset", 13: "session_retry", 14: "session_retry_global",
    15: "session_reconnect_ok", 16: "wait", 17: "message",
    18: "keepalive2", 19: "keepalive2_ack", 20: "ack",
}
TAG_MESSAGE = 17
BANNER_PREFIX = b"ceph v2\n"
PREAMBLE_LEN = 32
REV0_EPILOGUE_LEN = 17
REV1_EPILOGUE_LEN = 13
HEADER2_LEN = 41
MAX_FRAME_TEST = 8192


class CaptureError(Exception):
    pass


# -- crc32c (reflected 0x82F63B78; the seed is the caller's, no final xor) --

def _crc_table():
    t = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ (0x82F63B78 if c & 1 else 0)
        t.append(c)
    return t


_CRC_T = _crc_table()


def crc32c(seed, data):
    c = seed & 0xFFFFFFFF
    for b in data:
        c = _CRC_T[(c ^ b) & 0xFF] ^ (c >> 8)
    return c


# -- a bounded reader ------------------------------------------------------

class Reader:
    def __init__(self, data, off=0, end=None):
        self.data = data
        self.off = off
        self.end = len(data) if end is None else end

    def left(self):
        return self.end - self.off

    def take(self, n):
        if n > self.left():
            raise CaptureError("short read: %d wanted, %d left at %d"
                               % (n, self.left(), self.off))
        b = self.data[self.off:self.off + n]
        self.off += n
        return b

    def u8(self):
        return self.take(1)[0]

    def le16(self):
        return struct.unpack("<H", self.take(2))[0]

    def le32(self):
        return struct.unpack("<I", self.take(4))[0]

    def s32(self):
        return struct.unpack("<i", self.take(4))[0]

    def le64(self):
        return struct.unpack("<Q", self.take(8))[0]

    def s64(self):
        return struct.unpack("<q", self.take(8))[0]


# -- entity_addr_t / entity_addrvec_t --------------------------------------

ADDR_TYPES = {0: "-", 1: "v1", 2: "v2", 3: "any", 4: "cidr"}


class Addr:
    """One decoded entity_addr_t; raw = its encoded bytes."""

    def __init__(self, type_, nonce, family, sa, raw):
        self.type, self.nonce, self.family, self.sa = type_, nonce, family, sa
        self.raw = raw

    def sockaddr_text(self):
        if self.family == 2:
            port = struct.unpack(">H", self.sa[0:2])[0]
            return "%s:%u" % (socket.inet_ntop(socket.AF_INET,
                                               self.sa[2:6]), port)
        if self.family == 10:
            port = struct.unpack(">H", self.sa[0:2])[0]
            return "[%s]:%u" % (socket.inet_ntop(socket.AF_INET6,
                                                 self.sa[6:22]), port)
        return "(unrecognized address family %u)" % self.family

    def text(self):
        """operator<<(ostream&, const entity_addr_t&)."""
        if self.type == 0:
            return "-"
        prefix = "" if self.type == 3 else \
            ADDR_TYPES.get(self.type, "???") + ":"
        return "%s%s/%u" % (prefix, self.sockaddr_text(), self.nonce)


def decode_addr(r):
    start = r.off
    marker = r.u8()
    if marker == 0:                         # legacy: rest of le32 type ...
        r.take(3)
        nonce = r.le32()
        ss = r.take(128)
        fam = struct.unpack(">H", ss[0:2])[0]
        sa = ss[2:28]
        return Addr(0 if fam == 0 else 1, nonce, fam, sa,
                    r.data[start:r.off])
    if marker != 1:
        raise CaptureError("entity_addr_t marker %d" % marker)
    r.u8()                                  # struct_v
    compat = r.u8()
    if compat > 1:
        raise CaptureError("entity_addr_t compat %d" % compat)
    n = r.le32()
    body = Reader(r.data, r.off, r.off + n)
    if n > r.left():
        raise CaptureError("entity_addr_t struct_len %d past the end" % n)
    r.off += n
    type_ = body.le32()
    nonce = body.le32()
    elen = body.le32()
    fam, sa = 0, bytes(26)
    if elen:
        fam = body.le16()
        sa = body.take(elen - 2)
        sa += bytes(26 - len(sa))
    return Addr(type_, nonce, fam, sa, r.data[start:r.off])


class AddrVec:
    def __init__(self, addrs, raw):
        self.addrs, self.raw = addrs, raw

    def text(self):
        """SCHEMA.md: always bracketed."""
        return "[" + ",".join(a.text() for a in self.addrs) + "]"

    def ceph_text(self):
        """operator<<(ostream&, const entity_addrvec_t&): one address bare."""
        if len(self.addrs) == 1:
            return self.addrs[0].text()
        return self.text()


def decode_addrvec(r):
    start = r.off
    marker = r.data[r.off] if r.left() else None
    if marker in (0, 1):
        a = decode_addr(r)
        return AddrVec([a], r.data[start:r.off])
    if marker != 2:
        raise CaptureError("entity_addrvec_t marker %r" % marker)
    r.u8()
    n = r.le32()
    addrs = []
    for _ in range(n):
        if not r.left():
            raise CaptureError("addrvec count past the end")
        addrs.append(decode_addr(r))
    return AddrVec(addrs, r.data[start:r.off])


# -- control payloads -------------------------------------------------------

def _vec32(r):
    n = r.le32()
    if n > r.left() // 4:
        raise CaptureError("vector count past the end")
    return [r.le32() for _ in range(n)]


def _blob(r):
    return r.take(r.le32())


def _lst(v):
    return "[" + ",".join(str(x) for x in v) + "]"


def _hex(v):
    return "0x%x" % v


def decode_payload(tag, payload):
    """Decode a control payload.  Returns (dump, fields, addrs, addrvecs):
    the SCHEMA.md dump, a dict of decoded values, the Addr objects and
    AddrVec objects inside."""
    r = Reader(payload)
    f = {}
    addrs, vecs = [], []
    if tag == 1:
        f["entity_type"] = r.u8()
        a = decode_addr(r)
        addrs.append(a)
        f["peer_addr"] = a
        dump = "entity_type=%d peer_addr=%s" % (f["entity_type"], a.text())
    elif tag == 2:
        f["method"] = r.le32()
        f["modes"] = _vec32(r)
        f["payload"] = _blob(r)
        dump = "method=%d modes=%s payload=%s" % (
            f["method"], _lst(f["modes"]), f["payload"].hex())
    elif tag == 3:
        f["method"] = r.le32()
        f["result"] = r.s32()
        f["allowed_methods"] = _vec32(r)
        f["allowed_modes"] = _vec32(r)
        dump = "method=%d result=%d allowed_methods=%s allowed_modes=%s" % (
            f["method"], f["result"], _lst(f["allowed_methods"]),
            _lst(f["allowed_modes"]))
    elif tag in (4, 5):
        f["payload"] = _blob(r)
        dump = "payload=%s" % f["payload"].hex()
    elif tag == 6:
        f["global_id"] = r.le64()
        f["con_mode"] = r.le32()
        f["payload"] = _blob(r)
        dump = "global_id=%d con_mode=%d payload=%s" % (
            f["global_id"], f["con_mode"], f["payload"].hex())
    elif tag == 7:
        f["sig"] = r.take(32)
        dump = "sig=%s" % f["sig"].hex()
    elif tag in (8, 9):
        v = decode_addrvec(r)
        vecs.append(v)
        addrs.extend(v.addrs)
        f["addrs"] = v
        parts = ["addrs=%s" % v.text()]
        if tag == 8:
            t = decode_addr(r)
            addrs.append(t)
            f["target_addr"] = t
            parts.append("target_addr=%s" % t.text())
        f["gid"] = r.s64()
        f["global_seq"] = r.le64()
        f["features_supported"] = r.le64()
        f["features_required"] = r.le64()
        f["flags"] = r.le64()
        f["cookie"] = r.le64()
        parts += ["gid=%d" % f["gid"], "global_seq=%d" % f["global_seq"],
                  "features_supported=" + _hex(f["features_supported"]),
                  "features_required=" + _hex(f["features_required"]),
                  "flags=" + _hex(f["flags"]), "cookie=" + _hex(f["cookie"])]
        dump = " ".join(parts)
    elif tag == 10:
        f["features"] = r.le64()
        dump = "features=" + _hex(f["features"])
    elif tag == 11:
        v = decode_addrvec(r)
        vecs.append(v)
        addrs.extend(v.addrs)
        f["addrs"] = v
        for k in ("client_cookie", "server_cookie", "global_seq",
                  "connect_seq", "msg_seq"):
            f[k] = r.le64()
        dump = ("addrs=%s client_cookie=0x%x server_cookie=0x%x "
                "global_seq=%d connect_seq=%d msg_seq=%d") % (
            v.text(), f["client_cookie"], f["server_cookie"],
            f["global_seq"], f["connect_seq"], f["msg_seq"])
    elif tag == 12:
        f["full"] = r.u8()
        dump = "full=%d" % f["full"]
    elif tag in (13, 14, 15, 20):
        name = {13: "connect_seq", 14: "global_seq", 15: "msg_seq",
                20: "seq"}[tag]
        f[name] = r.le64()
        dump = "%s=%d" % (name, f[name])
    elif tag == 16:
        dump = ""
    elif tag in (18, 19):
        f["sec"] = r.le32()
        f["nsec"] = r.le32()
        dump = "sec=%d nsec=%d" % (f["sec"], f["nsec"])
    else:
        raise CaptureError("no decoder for tag %d" % tag)
    if r.left():
        raise CaptureError("%d trailing bytes in tag %d payload"
                           % (r.left(), tag))
    return dump, f, addrs, vecs


HEADER2_FIELDS = [("seq", "<Q"), ("tid", "<Q"), ("type", "<H"),
                  ("priority", "<H"), ("version", "<H"),
                  ("data_pre_padding_len", "<I"), ("data_off", "<H"),
                  ("ack_seq", "<Q"), ("flags", "<B"),
                  ("compat_version", "<H"), ("reserved", "<H")]


def decode_header2(seg):
    """ceph_msg_header2 (msgr.h, packed): returns (dump, fields)."""
    if len(seg) != HEADER2_LEN:
        raise CaptureError("header2 is %d bytes" % len(seg))
    r = Reader(seg)
    f = {}
    parts = []
    for name, fmt in HEADER2_FIELDS:
        f[name] = struct.unpack(fmt, r.take(struct.calcsize(fmt)))[0]
        parts.append("%s=%s" % (name, _hex(f[name]) if name == "flags"
                                else f[name]))
    return " ".join(parts), f


# -- banner and frames -----------------------------------------------------

def split_banner(data):
    """Returns (banner bytes, supported, required, rest)."""
    if data[:8] != BANNER_PREFIX or len(data) < 10:
        raise CaptureError("no msgr2 banner")
    (n,) = struct.unpack("<H", data[8:10])
    if len(data) < 10 + n or n < 16:
        raise CaptureError("short banner")
    sup, req = struct.unpack("<QQ", data[10:26])
    return data[:10 + n], sup, req, data[10 + n:]


class Frame:
    """One frame: raw bytes, preamble fields, segments, late byte."""

    def __init__(self, raw, tag, nseg, descs, flags, reserved, segs, late):
        self.raw, self.tag, self.nseg, self.descs = raw, tag, nseg, descs
        self.flags, self.reserved, self.segs, self.late = \
            flags, reserved, segs, late

    def preamble_dump(self):
        return "tag=%d nseg=%d segs=[%s] flags=0x%x reserved=0x%x" % (
            self.tag, self.nseg,
            ",".join("%d:%d" % d for d in self.descs),
            self.flags, self.reserved)

    def dump(self):
        return "tag=%d flags=0x%x aligns=%s segs=[%s] late=%s" % (
            self.tag, self.flags,
            _lst([self.descs[i][1] for i in range(self.nseg)]),
            ",".join(s.hex() for s in self.segs),
            "-" if self.late is None else "0x%x" % self.late)


def split_frames(data, rev1):
    """Split crc-mode frames; check every crc; the data must end on a
    frame boundary."""
    frames = []
    off = 0
    while off < len(data):
        start = off
        pre = data[off:off + PREAMBLE_LEN]
        if len(pre) < PREAMBLE_LEN:
            raise CaptureError("short preamble at %d" % off)
        if crc32c(0, pre[:28]) != struct.unpack("<I", pre[28:32])[0]:
            raise CaptureError("preamble crc at %d" % off)
        tag, nseg = pre[0], pre[1]
        if not 1 <= nseg <= 4:
            raise CaptureError("nseg %d at %d" % (nseg, off))
        descs = [struct.unpack("<IH", pre[2 + 6 * i:8 + 6 * i])
                 for i in range(4)]
        off += PREAMBLE_LEN
        lens = [descs[i][0] for i in range(nseg)]
        segs, crcs, late = [], [], None

        def take(n):
            nonlocal off
            if off + n > len(data):
                raise CaptureError("short frame at %d" % start)
            b = data[off:off + n]
            off += n
            return b

        if rev1:
            seg0 = take(lens[0])
            segs.append(seg0)
            if lens[0]:
                crcs.append((seg0, struct.unpack("<I", take(4))[0]))
            if nseg > 1:
                for i in range(1, nseg):
                    segs.append(take(lens[i]))
                epi = take(REV1_EPILOGUE_LEN)
                late = epi[0]
                for i in range(1, nseg):
                    crcs.append((segs[i], struct.unpack(
                        "<I", epi[1 + 4 * (i - 1):5 + 4 * (i - 1)])[0]))
        else:
            for i in range(nseg):
                segs.append(take(lens[i]))
            epi = take(REV0_EPILOGUE_LEN)
            late = epi[0]
            for i in range(4):
                c = struct.unpack("<I", epi[1 + 4 * i:5 + 4 * i])[0]
                if i < nseg:
                    crcs.append((segs[i], c))
                elif c != 0:
                    raise CaptureError("unused crc slot %d is %08x" % (i, c))
        for seg, c in crcs:
            if crc32c(0xFFFFFFFF, seg) != c:
                raise CaptureError("segment crc in frame at %d" % start)
        frames.append(Frame(data[start:off], tag, nseg, descs, pre[26],
                            pre[27], segs, late))
    return frames


class Stream:
    """A captured stream, split: .rev1, and per direction the banner
    (bytes, supported, required) and the frames."""

    def __init__(self, name, doc):
        self.name, self.doc = name, doc
        c2s = bytes.fromhex(doc["client_to_server"])
        s2c = bytes.fromhex(doc["server_to_client"])
        cb, csup, creq, crest = split_banner(c2s)
        sb, ssup, sreq, srest = split_banner(s2c)
        self.rev1 = bool(csup & ssup & 1)
        self.banner = {"client_to_server": (cb, csup, creq),
                       "server_to_client": (sb, ssup, sreq)}
        self.frames = {"client_to_server": split_frames(crest, self.rev1),
                       "server_to_client": split_frames(srest, self.rev1)}

    def mode(self):
        return "rev1-crc" if self.rev1 else "rev0-crc"

    def auth(self):
        return "auth-" + self.doc["mon_conf"].get("auth_client_required",
                                                  "?")


def load_streams(directory=CAPTURE_DIR):
    """Every msgr2 capture in |directory|, sorted by name."""
    out = []
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        with open(path) as fp:
            doc = json.load(fp)
        c2s = bytes.fromhex(doc.get("client_to_server", ""))
        s2c = bytes.fromhex(doc.get("server_to_client", ""))
        if not (c2s.startswith(BANNER_PREFIX) and
                s2c.startswith(BANNER_PREFIX)):
            continue                    # msgr1_port.json and the like
        name = os.path.splitext(os.path.basename(path))[0]
        out.append(Stream(name, doc))
    return out


# -- the tests ----------------------------------------------------------------

def _who(st, direction):
    if direction == "server_to_client":
        return "the monitor sent"
    if "_probe_" in st.name:
        return "probe.py sent and the monitor accepted"
    return "the ceph CLI (16.2.15) sent"


def captured_tests(directory=CAPTURE_DIR):
    """{codec: [test, ...]} from every captured stream (see the module
    doc).  Tests carry comment, flags, source, input, result and dump."""
    tests = {}
    seen = set()

    def add(codec, raw, dump, comment, source):
        key = (codec, raw)
        if key in seen:
            return
        seen.add(key)
        tests.setdefault(codec, []).append({
            "comment": comment, "flags": ["Capture"], "source": source,
            "input": raw.hex(), "result": "valid", "dump": dump})

    for st in load_streams(directory):
        where = "capture: %s %s %s, vectors/captures/%s.json" % (
            CEPH, st.mode(), st.auth(), st.name)
        for d in ("client_to_server", "server_to_client"):
            who = "%s (%s, %s)" % (_who(st, d), st.name, st.mode())
            raw, sup, req = st.banner[d]
            add("banner", raw, "len=%d supported=0x%x required=0x%x"
                % (len(raw) - 10, sup, req), "banner " + who,
                "%s, %s banner" % (where, d))
            fcodec = "frame_rev1_crc" if st.rev1 else "frame_rev0_crc"
            for i, fr in enumerate(st.frames[d], 1):
                src = "%s, %s frame %d" % (where, d, i)
                tname = TAG_NAMES.get(fr.tag, "tag%d" % fr.tag)
                what = "%s %s, frame %d" % (tname.upper(), who, i)
                add("preamble", fr.raw[:PREAMBLE_LEN], fr.preamble_dump(),
                    "preamble of " + what, src)
                if len(fr.raw) <= MAX_FRAME_TEST:
                    add(fcodec, fr.raw, fr.dump(), what, src)
                if fr.tag == TAG_MESSAGE:
                    dump, h = decode_header2(fr.segs[0])
                    add("msg_header2", fr.segs[0], dump,
                        "ceph_msg_header2 (type %d) of MESSAGE %s, frame %d"
                        % (h["type"], who, i), src)
                    continue
                if fr.nseg != 1:
                    raise CaptureError("control frame with %d segments"
                                       % fr.nseg)
                dump, _, addrs, vecs = decode_payload(fr.tag, fr.segs[0])
                add("msg_" + tname, fr.segs[0], dump,
                    "%s payload %s, frame %d" % (tname.upper(), who, i), src)
                for v in vecs:
                    add("addrvec", v.raw, v.text(),
                        "address vector in %s" % what, src)
                for a in addrs:
                    add("addr", a.raw, a.text(), "address in %s" % what, src)
    return tests


def describe(st):
    """Human-readable listing of a stream's frames."""
    lines = ["%s (%s)" % (st.name, st.mode())]
    for d in ("client_to_server", "server_to_client"):
        raw, sup, req = st.banner[d]
        lines.append("  %s banner supported=0x%x required=0x%x"
                     % (d, sup, req))
        for i, fr in enumerate(st.frames[d], 1):
            tname = TAG_NAMES.get(fr.tag, "tag%d" % fr.tag)
            if fr.tag == TAG_MESSAGE:
                dump = decode_header2(fr.segs[0])[0] + " lens=%s" % (
                    [len(s) for s in fr.segs])
            else:
                dump = decode_payload(fr.tag, fr.segs[0])[0]
            lines.append("  %s %d %s (%d bytes) %s"
                         % (d, i, tname, len(fr.raw), dump[:300]))
    return "\n".join(lines)


if __name__ == "__main__":
    for s in load_streams():
        print(describe(s))
    t = captured_tests()
    print({k: len(v) for k, v in sorted(t.items())})
