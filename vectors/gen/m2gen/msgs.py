# SPDX-License-Identifier: MIT
"""Control frame payloads (tags 1-16, 18-22) and ceph_msg_header2.

Follows ceph frames_v2.h: each ControlFrame<C, Args...> encodes its Args
in order with ceph::encode and features = msgr2_frame_assumed
(MSG_ADDR2 | SERVER_NAUTILUS), and decodes them in order from the payload
(ControlFrame::_decode).  Primitive forms (src/include/encoding.h):
uint8_t/bool one byte; (u)int32_t le32; (u)int64_t le64; utime_t le32 sec,
le32 nsec; bufferlist le32 length + bytes; std::vector<uint32_t> le32
count + le32 each (_encode_payload_each special case); sha256_digest_t 32
raw bytes.  Decoding ignores bytes after the last field (no end check in
_decode): m2 reports them as M2_E_TRAILING and the test is "acceptable".
Vector counts are trusted by Ceph (t.resize(size)); m2 caps them
(limits.h, M2_E_LIMIT) and then checks them against the bytes left
(M2_E_TRUNC).  COMPRESSION_REQUEST/DONE (tags 21, 22) are Quincy's
CompressionRequestFrame<bool, std::vector<uint32_t>> and
CompressionDoneFrame<bool, uint32_t>.
"""

from . import addr as A
from . import limits
from .errors import Fail, LIMIT, TRAILING, TRUNC
from .wire import Reader, le16, le32, le64, s32, s64, u8

# field kinds: (name, kind, arg)
#   u8      one byte, dumped as unsigned decimal (bool fields keep the raw
#           byte: decode(bool) reads a byte, and m2 keeps it)
#   u32/u64 dumped decimal; x64 dumped hex; s32/s64 dumped signed
#   vec32   std::vector<uint32_t>, arg = cap
#   blob    bufferlist, dumped hex
#   raw32   sha256_digest_t, dumped hex
#   addr    entity_addr_t; addrvec entity_addrvec_t
SPECS = {
    "msg_hello": (1, "HelloFrame", [
        ("entity_type", "u8", None), ("peer_addr", "addr", None)]),
    "msg_auth_request": (2, "AuthRequestFrame", [
        ("method", "u32", None), ("modes", "vec32", limits.MAX_CON_MODES),
        ("payload", "blob", None)]),
    "msg_auth_bad_method": (3, "AuthBadMethodFrame", [
        ("method", "u32", None), ("result", "s32", None),
        ("allowed_methods", "vec32", limits.MAX_AUTH_METHODS),
        ("allowed_modes", "vec32", limits.MAX_CON_MODES)]),
    "msg_auth_reply_more": (4, "AuthReplyMoreFrame", [
        ("payload", "blob", None)]),
    "msg_auth_request_more": (5, "AuthRequestMoreFrame", [
        ("payload", "blob", None)]),
    "msg_auth_done": (6, "AuthDoneFrame", [
        ("global_id", "u64", None), ("con_mode", "u32", None),
        ("payload", "blob", None)]),
    "msg_auth_signature": (7, "AuthSignatureFrame", [
        ("sig", "raw32", None)]),
    "msg_client_ident": (8, "ClientIdentFrame", [
        ("addrs", "addrvec", None), ("target_addr", "addr", None),
        ("gid", "s64", None), ("global_seq", "u64", None),
        ("features_supported", "x64", None),
        ("features_required", "x64", None), ("flags", "x64", None),
        ("cookie", "x64", None)]),
    "msg_server_ident": (9, "ServerIdentFrame", [
        ("addrs", "addrvec", None), ("gid", "s64", None),
        ("global_seq", "u64", None), ("features_supported", "x64", None),
        ("features_required", "x64", None), ("flags", "x64", None),
        ("cookie", "x64", None)]),
    "msg_ident_missing_features": (10, "IdentMissingFeaturesFrame", [
        ("features", "x64", None)]),
    "msg_session_reconnect": (11, "ReconnectFrame", [
        ("addrs", "addrvec", None), ("client_cookie", "x64", None),
        ("server_cookie", "x64", None), ("global_seq", "u64", None),
        ("connect_seq", "u64", None), ("msg_seq", "u64", None)]),
    "msg_session_reset": (12, "ResetFrame", [("full", "u8", None)]),
    "msg_session_retry": (13, "RetryFrame", [("connect_seq", "u64", None)]),
    "msg_session_retry_global": (14, "RetryGlobalFrame", [
        ("global_seq", "u64", None)]),
    "msg_session_reconnect_ok": (15, "ReconnectOkFrame", [
        ("msg_seq", "u64", None)]),
    "msg_wait": (16, "WaitFrame", []),
    "msg_keepalive2": (18, "KeepAliveFrame", [
        ("sec", "u32", None), ("nsec", "u32", None)]),
    "msg_keepalive2_ack": (19, "KeepAliveFrameAck", [
        ("sec", "u32", None), ("nsec", "u32", None)]),
    "msg_ack": (20, "AckFrame", [("seq", "u64", None)]),
    "msg_compression_request": (21, "CompressionRequestFrame", [
        ("is_compress", "u8", None),
        ("methods", "vec32", limits.MAX_COMP_METHODS)]),
    "msg_compression_done": (22, "CompressionDoneFrame", [
        ("is_compress", "u8", None), ("method", "u32", None)]),
}


class Msg:
    """A decoded control payload: |codec| and its field values in order."""

    def __init__(self, codec, values):
        self.codec = codec
        self.values = list(values)

    def fields(self):
        return SPECS[self.codec][2]

    def dump(self):
        out = []
        for (name, kind, _), v in zip(self.fields(), self.values):
            out.append(f"{name}={fmt(kind, v)}")
        return " ".join(out)

    def encode(self):
        return b"".join(enc(kind, v)
                        for (_, kind, _), v in zip(self.fields(), self.values))


def fmt(kind, v):
    if kind in ("u8", "u32", "u64", "s32", "s64"):
        return str(v)
    if kind == "x64":
        return f"{v:#x}"
    if kind == "vec32":
        return "[" + ",".join(str(x) for x in v) + "]"
    if kind in ("blob", "raw32"):
        return bytes(v).hex()
    if kind in ("addr", "addrvec"):
        return v.text()
    raise ValueError(kind)


def enc(kind, v):
    """ceph::encode of one field (ControlFrame::_encode_payload_each)."""
    if kind == "u8":
        return u8(v)
    if kind == "u32":
        return le32(v)
    if kind == "s32":
        return s32(v)
    if kind in ("u64", "x64"):
        return le64(v)
    if kind == "s64":
        return s64(v)
    if kind == "vec32":
        return le32(len(v)) + b"".join(le32(x) for x in v)
    if kind == "blob":
        return le32(len(v)) + bytes(v)
    if kind == "raw32":
        assert len(v) == limits.SIGNATURE_LEN
        return bytes(v)
    if kind in ("addr", "addrvec"):
        return v.encode()
    raise ValueError(kind)


def dec(kind, arg, r, name):
    """ceph::decode of one field (ControlFrame::_decode_payload_each)."""
    if kind == "u8":
        return r.u8(name)
    if kind == "u32":
        return r.le32(name)
    if kind == "s32":
        return r.s32(name)
    if kind in ("u64", "x64"):
        return r.le64(name)
    if kind == "s64":
        return r.s64(name)
    if kind == "vec32":
        n = r.le32(name + ".count")
        if n > arg:
            raise Fail(LIMIT, f"{name}: {n} entries, cap {arg}")
        if n > r.left() // 4:
            raise Fail(TRUNC, f"{name}: {n} entries in {r.left()} bytes")
        return [r.le32(name) for _ in range(n)]
    if kind == "blob":
        n = r.le32(name + ".len")
        if n > limits.MAX_AUTH_PAYLOAD:
            raise Fail(LIMIT, f"{name}: {n} bytes, cap "
                       f"{limits.MAX_AUTH_PAYLOAD}")
        return r.take(n, name)
    if kind == "raw32":
        return r.take(limits.SIGNATURE_LEN, name)
    if kind == "addr":
        return A.decode_addr(r)
    if kind == "addrvec":
        return A.decode_addrvec(r)
    raise ValueError(kind)


def decode(codec, data):
    """ControlFrame<...>::Decode(payload).  Returns (Msg, trailing) where
    |trailing| is the number of bytes Ceph would ignore."""
    r = Reader(data, codec)
    vals = [dec(kind, arg, r, name) for name, kind, arg in SPECS[codec][2]]
    return Msg(codec, vals), r.left()


def make(codec, *values):
    return Msg(codec, values)


# -- ceph_msg_header2 (src/include/msgr.h), 41 bytes, packed --------------

HEADER2_FIELDS = [
    ("seq", "<Q"), ("tid", "<Q"), ("type", "<H"), ("priority", "<H"),
    ("version", "<H"), ("data_pre_padding_len", "<I"), ("data_off", "<H"),
    ("ack_seq", "<Q"), ("flags", "<B"), ("compat_version", "<H"),
    ("reserved", "<H")]


class Header2:
    def __init__(self, **kw):
        self.v = {name: kw.get(name, 0) for name, _ in HEADER2_FIELDS}

    def dump(self):
        out = []
        for name, _ in HEADER2_FIELDS:
            v = self.v[name]
            out.append(f"{name}={v:#x}" if name == "flags" else f"{name}={v}")
        return " ".join(out)

    def encode(self):
        import struct
        return b"".join(struct.pack(f, self.v[n]) for n, f in HEADER2_FIELDS)


def decode_header2(data):
    """MessageFrame::header() reinterprets segment 0 as ceph_msg_header2
    without a length check; m2 (like the kernel's process_message_header)
    wants exactly 41 bytes: fewer is M2_E_TRUNC, more M2_E_TRAILING."""
    import struct
    r = Reader(data, "header2")
    h = Header2()
    for name, f in HEADER2_FIELDS:
        h.v[name] = struct.unpack(f, r.take(struct.calcsize(f), name))[0]
    if r.left():
        raise Fail(TRAILING, "header2 longer than 41 bytes")
    return h
