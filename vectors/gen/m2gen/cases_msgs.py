# SPDX-License-Identifier: MIT
"""Cases for the control payloads (msg_*) and msg_header2."""

import hashlib

from . import addr as A
from . import limits, msgs
from .errors import BADVAL, COMPAT, LIMIT, TRAILING, TRUNC
from .vec import VecFile
from .wire import le32, le64, lp32, s64, u8

LOCAL = A.ipv4(127, 0, 0, 1, 3300)
MON_V2 = A.ipv4(127, 0, 0, 1, 13300)
MON_V1 = A.ipv4(127, 0, 0, 1, 16789, type=A.TYPE_LEGACY)
CLIENT_SEEN = A.ipv4(127, 0, 0, 1, 41234)
IPV6_LOOP = bytes(15) + b"\x01"

# Pacific 16.2.x CEPH_FEATURES_ALL, as a client advertises it in
# CLIENT_IDENT, and a plausible required set (Nautilus-era).
FEATURES_ALL = 0x3F01CFBFFFFDFFFF
FEATURES_REQ = 0x0000000000000000

DESCRIPTIONS = {
    "msg_hello": "HELLO payload (tag 1, HelloFrame): u8 entity_type, "
                 "entity_addr_t peer_addr (the address the sender sees for "
                 "the receiver).",
    "msg_auth_request": "AUTH_REQUEST payload (tag 2, AuthRequestFrame): "
                        "le32 method, vector<u32> preferred_modes, "
                        "bufferlist auth_payload.",
    "msg_auth_bad_method": "AUTH_BAD_METHOD payload (tag 3, "
                           "AuthBadMethodFrame): le32 method, le32 result "
                           "(signed, a negative errno), vector<u32> "
                           "allowed_methods, vector<u32> allowed_modes.",
    "msg_auth_reply_more": "AUTH_REPLY_MORE payload (tag 4, "
                           "AuthReplyMoreFrame): bufferlist auth_payload.",
    "msg_auth_request_more": "AUTH_REQUEST_MORE payload (tag 5, "
                             "AuthRequestMoreFrame): bufferlist "
                             "auth_payload.",
    "msg_auth_done": "AUTH_DONE payload (tag 6, AuthDoneFrame): le64 "
                     "global_id, le32 con_mode, bufferlist auth_payload.",
    "msg_auth_signature": "AUTH_SIGNATURE payload (tag 7, "
                          "AuthSignatureFrame): sha256_digest_t, 32 raw "
                          "bytes.",
    "msg_client_ident": "CLIENT_IDENT payload (tag 8, ClientIdentFrame): "
                        "entity_addrvec_t addrs, entity_addr_t target_addr, "
                        "le64 gid (signed), le64 global_seq, le64 "
                        "features_supported, le64 features_required, le64 "
                        "flags, le64 cookie.",
    "msg_server_ident": "SERVER_IDENT payload (tag 9, ServerIdentFrame): "
                        "entity_addrvec_t addrs, le64 gid (signed), le64 "
                        "global_seq, le64 features_supported, le64 "
                        "features_required, le64 flags, le64 cookie.",
    "msg_ident_missing_features": "IDENT_MISSING_FEATURES payload (tag 10, "
                                  "IdentMissingFeaturesFrame): le64 "
                                  "features.",
    "msg_session_reconnect": "SESSION_RECONNECT payload (tag 11, "
                             "ReconnectFrame): entity_addrvec_t addrs, le64 "
                             "client_cookie, le64 server_cookie, le64 "
                             "global_seq, le64 connect_seq, le64 msg_seq.",
    "msg_session_reset": "SESSION_RESET payload (tag 12, ResetFrame): "
                         "bool full, one byte; decode(bool) takes any "
                         "non-zero byte as true, m2 keeps and dumps the "
                         "raw byte.",
    "msg_session_retry": "SESSION_RETRY payload (tag 13, RetryFrame): le64 "
                         "connect_seq.",
    "msg_session_retry_global": "SESSION_RETRY_GLOBAL payload (tag 14, "
                                "RetryGlobalFrame): le64 global_seq.",
    "msg_session_reconnect_ok": "SESSION_RECONNECT_OK payload (tag 15, "
                                "ReconnectOkFrame): le64 msg_seq.",
    "msg_wait": "WAIT payload (tag 16, WaitFrame): no fields.",
    "msg_keepalive2": "KEEPALIVE2 payload (tag 18, KeepAliveFrame): utime_t "
                      "stamp, le32 sec and le32 nsec, not normalised.",
    "msg_keepalive2_ack": "KEEPALIVE2_ACK payload (tag 19, "
                          "KeepAliveFrameAck): utime_t stamp, le32 sec and "
                          "le32 nsec.",
    "msg_ack": "ACK payload (tag 20, AckFrame): le64 seq.",
    "msg_compression_request": "COMPRESSION_REQUEST payload (tag 21, Quincy "
                               "CompressionRequestFrame): bool is_compress "
                               "(raw byte kept), vector<u32> "
                               "preferred_methods.",
    "msg_compression_done": "COMPRESSION_DONE payload (tag 22, Quincy "
                            "CompressionDoneFrame): bool is_compress (raw "
                            "byte kept), le32 method.",
}
COMMON = (" Fields are ceph::encode'd in order with msgr2_frame_assumed "
          "features (ControlFrame::_encode); addresses use the marker-1/2 "
          "forms.  Ceph ignores bytes after the last field (ControlFrame::"
          "_decode has no end check): such tests are acceptable with "
          "M2_E_TRAILING.  Vector counts over the limits.h caps are "
          "M2_E_LIMIT; counts or lengths that pass the end M2_E_TRUNC.")


def src(codec):
    return f"hand: ceph frames_v2.h {msgs.SPECS[codec][1]}"


def entity_name(t, name):
    """EntityName: le32 type, string id (src/common/entity_name.h)."""
    return le32(t) + lp32(name.encode())


def cephx_mon_request(gid=0):
    """The auth_payload a client sends to a monitor: u8 AUTH_MODE_MON (10),
    EntityName client.admin, le64 global_id (MonConnection::
    get_auth_request)."""
    return u8(10) + entity_name(8, "admin") + le64(gid)


def h(label, n):
    return hashlib.sha256(label.encode()).digest()[:n]


def payload_file(codec):
    f = VecFile(codec, DESCRIPTIONS[codec] + COMMON)
    g = f.group()
    s = src(codec)

    def enc(*v):
        return msgs.make(codec, *v).encode()

    def common_tail(good, trunc_at=None):
        """A truncation and a trailing byte for a valid payload."""
        cut = len(good) - 1 if trunc_at is None else trunc_at
        g.add(f"cut to {cut} of {len(good)} bytes", good[:cut], s,
              "invalid", TRUNC, flags=["Truncated"])
        g.add("one byte after the last field", good + b"\xee", s,
              "acceptable", TRAILING, flags=["Trailing"])

    if codec == "msg_hello":
        good = enc(8, LOCAL)
        g.add("client to monitor: entity type CLIENT (8), the address it "
              "dialed", good, s + " (ProtocolV2::send_hello)",
              dump="entity_type=8 peer_addr=v2:127.0.0.1:3300/0")
        g.add("monitor to client: entity type MON (1), the client's socket "
              "address with type v2 and nonce 0 (the shape a ceph-mon "
              "16.2.15 sent; port chosen here)", enc(1, CLIENT_SEEN),
              s + " (ProtocolV2::send_hello)")
        g.add("an IPv6 peer address", enc(4, A.ipv6(IPV6_LOOP, 6800)), s)
        g.add("a TYPE_ANY peer address with a nonce",
              enc(16, A.ipv4(10, 1, 2, 3, 0, A.TYPE_ANY, 12345)), s)
        leg = A.ipv4(192, 168, 0, 1, 6789, A.TYPE_LEGACY, 7)
        leg.legacy = True
        g.add("peer address in the legacy 136-byte form: "
              "entity_addr_t::decode takes marker 0", enc(1, leg), s,
              flags=["Legacy"])
        bad = u8(1) + u8(3) + LOCAL.encode()[1:]
        g.add("peer address marker 3", bad, s, "invalid", BADVAL)
        bad = u8(1) + u8(1) + u8(1) + u8(2) + LOCAL.encode()[3:]
        g.add("peer address struct_compat 2", bad, s, "invalid", COMPAT)
        g.add("entity type only", good[:1], s, "invalid", TRUNC,
              flags=["Truncated"])
        g.add("empty payload", b"", s, "invalid", TRUNC,
              flags=["Truncated"])
        common_tail(good, 20)

    elif codec == "msg_auth_request":
        good = enc(2, [2, 1], cephx_mon_request())
        g.add("cephx to a monitor, modes [secure, crc] (the default for "
              "mons), payload AUTH_MODE_MON + client.admin + global_id 0",
              good, s + " (MonConnection::get_auth_request)",
              dump="method=2 modes=[2,1] payload=0a08000000050000006164"
                   "6d696e0000000000000000")
        g.add("auth none: method 1, modes [crc]",
              enc(1, [1], cephx_mon_request(4235)), s)
        g.add("method 0 (the probe a REAL-CEPH capture answered with "
              "AUTH_BAD_METHOD), no modes, empty payload", enc(0, [], b""),
              s)
        g.add("16 modes (the cap)", enc(2, list(range(16)), b""), s,
              flags=["Limit"])
        bad = le32(2) + le32(17) + b"".join(le32(i) for i in range(17)) + \
            lp32(b"")
        g.add("17 modes: over M2_MAX_CON_MODES", bad, s, "invalid", LIMIT,
              flags=["Limit"])
        g.add("mode count 0xffffffff", le32(2) + le32(0xFFFFFFFF), s,
              "invalid", LIMIT, flags=["Limit"])
        bad = le32(2) + le32(3) + le32(2) + le32(1) + lp32(b"")
        g.add("mode count 3, two modes and the payload length follow", bad,
              s, "invalid", TRUNC)
        g.add("mode count 3, two modes, then the end",
              le32(2) + le32(3) + le32(2) + le32(1), s, "invalid", TRUNC)
        g.add("payload length 100, 4 bytes follow",
              le32(2) + le32(0) + le32(100) + b"abcd", s, "invalid", TRUNC)
        g.add("payload length 0xffffffff: over the 16 MiB cap",
              le32(2) + le32(0) + le32(0xFFFFFFFF), s, "invalid", LIMIT,
              flags=["Limit"])
        g.add("3 bytes", b"\x02\x00\x00", s, "invalid", TRUNC,
              flags=["Truncated"])
        common_tail(good)

    elif codec == "msg_auth_bad_method":
        real = bytes.fromhex("00000000f3ffffff0100000002000000"
                             "020000000200000001000000")
        g.add("a ceph-mon 16.2.15 refusing method 0: result -13 (EACCES), "
              "allowed methods [cephx], allowed modes [secure, crc]", real,
              "capture: ceph-mon 16.2.15, AUTH_BAD_METHOD to an "
              "AUTH_REQUEST with method 0 (/work/shared/REAL-CEPH.md)",
              flags=["Capture"],
              dump="method=0 result=-13 allowed_methods=[2] "
                   "allowed_modes=[2,1]")
        good = enc(2, -95, [2, 1], [2, 1])
        g.add("no common mode: result -95 (EOPNOTSUPP)", good,
              s + " (ProtocolV2::_handle_auth_request)",
              dump="method=2 result=-95 allowed_methods=[2,1] "
                   "allowed_modes=[2,1]")
        g.add("result -13, empty lists", enc(1, -13, [], []), s)
        g.add("result -2147483648, the smallest int32_t",
              enc(2, -(1 << 31), [2], [1]), s)
        g.add("result 2147483647, the largest int32_t",
              enc(2, (1 << 31) - 1, [2], [1]), s)
        bad = le32(2) + le32(0xFFFFFFA1) + le32(17) + \
            b"".join(le32(1) for _ in range(17)) + le32(0)
        g.add("17 allowed methods", bad, s, "invalid", LIMIT,
              flags=["Limit"])
        bad = le32(2) + le32(0xFFFFFFA1) + le32(1) + le32(2) + le32(17) + \
            b"".join(le32(1) for _ in range(17))
        g.add("17 allowed modes", bad, s, "invalid", LIMIT, flags=["Limit"])
        g.add("allowed methods count 2, one follows, then the end",
              le32(2) + le32(0xFFFFFFA1) + le32(2) + le32(2), s, "invalid",
              TRUNC)
        g.add("allowed modes count 5, two follow",
              le32(2) + le32(0xFFFFFFA1) + le32(0) + le32(5) + le32(2) +
              le32(1), s, "invalid", TRUNC)
        common_tail(good, 6)
        g.add("the captured payload plus one byte", real + b"\x00", s,
              "acceptable", TRAILING, flags=["Trailing"])

    elif codec in ("msg_auth_reply_more", "msg_auth_request_more"):
        if codec == "msg_auth_reply_more":
            body = u8(1) + le64(0x1122334455667788)
            what = ("CephXServerChallenge (u8 1, le64 server_challenge) "
                    "from a monitor")
        else:
            body = (le32(0x0100) + u8(3) + le64(0xA1B2C3D4E5F60718) +
                    le64(0x0F1E2D3C4B5A6978) + u8(1) + le64(0) + lp32(b"") +
                    le32(0x20))
            what = ("a CEPHX_GET_AUTH_SESSION_KEY request "
                    "(CephXAuthenticate v3, no old ticket)")
        good = enc(body)
        g.add(what, good, s)
        g.add("empty auth payload", enc(b""), s, dump="payload=")
        g.add("a 1000-byte auth payload", enc(h("more", 32) * 31 + b"xyzw" +
                                              b"\x00" * 4), s)
        g.add("length 10, 9 bytes follow", le32(10) + bytes(9), s,
              "invalid", TRUNC)
        g.add("length 0xffffffff: over the 16 MiB cap", le32(0xFFFFFFFF),
              s, "invalid", LIMIT, flags=["Limit"])
        g.add("2 bytes of a length", b"\x09\x00", s, "invalid", TRUNC,
              flags=["Truncated"])
        common_tail(good)

    elif codec == "msg_auth_done":
        good = enc(4235, 2, h("auth_done", 32) + bytes(8))
        g.add("cephx done: global_id 4235, con_mode secure (2)", good,
              s + " (ProtocolV2::handle_auth_request)")
        g.add("auth none done: con_mode crc (1), empty payload",
              enc(4236, 1, b""), s,
              dump="global_id=4236 con_mode=1 payload=")
        g.add("global_id 2^64-1, con_mode 0", enc((1 << 64) - 1, 0, b"x"),
              s)
        g.add("payload length 1, none follows", le64(1) + le32(1) +
              le32(1), s, "invalid", TRUNC)
        common_tail(good, 11)

    elif codec == "msg_auth_signature":
        sig = hashlib.sha256(b"m2 pre-auth bytes").digest()
        good = enc(sig)
        g.add("an HMAC-SHA256 over the pre-auth bytes", good,
              s + " (ProtocolV2::handle_auth_done)")
        g.add("auth none: 32 zero bytes (sha256_digest_t())", enc(bytes(32)),
              s + " (ProtocolV2::handle_auth_done)",
              dump="sig=" + "00" * 32)
        g.add("31 bytes", sig[:31], s, "invalid", TRUNC,
              flags=["Truncated"])
        g.add("empty", b"", s, "invalid", TRUNC, flags=["Truncated"])
        g.add("33 bytes", sig + b"\x00", s, "acceptable", TRAILING,
              flags=["Trailing"])

    elif codec == "msg_client_ident":
        me = A.AddrVec([A.ipv4(127, 0, 0, 1, 0, A.TYPE_ANY, 2046301935)])
        good = enc(me, LOCAL, 4235, 7, FEATURES_ALL, FEATURES_REQ, 1, 0)
        g.add("a lossy client (flags CEPH_MSG_CONNECT_LOSSY, cookie 0), "
              "address learned from HELLO: type any, port 0, its nonce",
              good, s + " (ProtocolV2::send_client_ident)",
              dump="addrs=[127.0.0.1:0/2046301935] "
                   "target_addr=v2:127.0.0.1:3300/0 gid=4235 global_seq=7 "
                   "features_supported=0x3f01cfbffffdffff "
                   "features_required=0x0 flags=0x1 cookie=0x0")
        g.add("a lossless daemon: two addresses, cookie set, gid -1",
              enc(A.AddrVec([A.ipv4(10, 0, 0, 5, 6800, nonce=991),
                             A.ipv4(10, 0, 0, 5, 6801, A.TYPE_LEGACY, 991)]),
                  A.ipv4(10, 0, 0, 6, 6800, nonce=42), -1, 1,
                  FEATURES_ALL, 0x800000000000000, 0, 0x0123456789ABCDEF),
              s)
        g.add("no addresses (the server faults on that, the codec does "
              "not)", enc(A.AddrVec([]), LOCAL, 0, 0, 0, 0, 0, 0), s)
        g.add("gid -9223372036854775808", enc(me, LOCAL, -(1 << 63), 0, 0,
                                              0, 0, 0), s)
        bad = u8(2) + le32(17) + LOCAL.encode() * 17 + LOCAL.encode() + \
            bytes(48)
        g.add("17 addresses", bad, s, "invalid", LIMIT, flags=["Limit"])
        bad = u8(2) + le32(3) + LOCAL.encode() * 2
        g.add("address count 3, two addresses, then the end", bad, s,
              "invalid", TRUNC)
        g.add("address marker 3", u8(3) + good[1:], s, "invalid", BADVAL)
        common_tail(good, 50)

    elif codec == "msg_server_ident":
        good = enc(A.AddrVec([MON_V2, MON_V1]), 0, 1, FEATURES_ALL, 0, 1, 0)
        g.add("a monitor to a lossy client: its address vector, gid 0",
              good, s + " (ProtocolV2::send_server_ident)",
              dump="addrs=[v2:127.0.0.1:13300/0,v1:127.0.0.1:16789/0] gid=0 "
                   "global_seq=1 features_supported=0x3f01cfbffffdffff "
                   "features_required=0x0 flags=0x1 cookie=0x0")
        g.add("a lossless peer: server_cookie set",
              enc(A.AddrVec([A.ipv4(10, 0, 0, 6, 6800, nonce=42)]), 3, 99,
                  FEATURES_ALL, 0x800000000000000, 0, 0xFEDCBA9876543210),
              s)
        g.add("gid -1", enc(A.AddrVec([MON_V2]), -1, 0, 0, 0, 0, 0), s)
        bad = u8(2) + le32(16) + MON_V2.encode()
        g.add("address count 16, one address follows", bad, s, "invalid",
              TRUNC)
        common_tail(good, 80)

    elif codec == "msg_ident_missing_features":
        good = enc(0x0000000000200000)
        g.add("missing one feature bit", good, s +
              " (ProtocolV2::handle_client_ident)",
              dump="features=0x200000")
        g.add("all bits", enc((1 << 64) - 1), s)
        g.add("zero", enc(0), s, dump="features=0x0")
        common_tail(good)

    elif codec == "msg_session_reconnect":
        good = enc(A.AddrVec([A.ipv4(10, 0, 0, 5, 6800, nonce=991)]),
                   0x0123456789ABCDEF, 0xFEDCBA9876543210, 12, 3, 77)
        g.add("a lossless client reconnecting", good,
              s + " (ProtocolV2::send_reconnect)",
              dump="addrs=[v2:10.0.0.5:6800/991] "
                   "client_cookie=0x123456789abcdef "
                   "server_cookie=0xfedcba9876543210 global_seq=12 "
                   "connect_seq=3 msg_seq=77")
        g.add("maximum values", enc(A.AddrVec([MON_V2, MON_V1]),
                                    (1 << 64) - 1, (1 << 64) - 1,
                                    (1 << 64) - 1, (1 << 64) - 1,
                                    (1 << 64) - 1), s)
        g.add("addrvec marker 1: one address without a vector",
              u8(1) + MON_V2.encode()[1:] + good[40:], s,
              flags=["NonCanonical"])
        common_tail(good, 60)

    elif codec == "msg_session_reset":
        g.add("full reset", enc(1), s + " (ProtocolV2::handle_reconnect)",
              dump="full=1")
        g.add("not full", enc(0), s, dump="full=0")
        g.add("byte 2: decode(bool) reads it as true; the raw byte is kept",
              enc(2), s, dump="full=2")
        g.add("empty", b"", s, "invalid", TRUNC, flags=["Truncated"])
        g.add("two bytes", b"\x01\x00", s, "acceptable", TRAILING,
              flags=["Trailing"])

    elif codec in ("msg_session_retry", "msg_session_retry_global",
                   "msg_session_reconnect_ok", "msg_ack"):
        name = msgs.SPECS[codec][2][0][0]
        good = enc(5)
        g.add(f"{name} 5", good, s, dump=f"{name}=5")
        g.add(f"{name} 0", enc(0), s)
        g.add(f"{name} 2^64-1", enc((1 << 64) - 1), s)
        g.add("7 bytes", good[:7], s, "invalid", TRUNC, flags=["Truncated"])
        g.add("empty", b"", s, "invalid", TRUNC, flags=["Truncated"])
        g.add("one byte after the last field", good + b"\xee", s,
              "acceptable", TRAILING, flags=["Trailing"])

    elif codec == "msg_wait":
        g.add("empty: the only WAIT Ceph sends", b"", s +
              " (ProtocolV2::send_wait)", dump="")
        g.add("one byte: ignored by Ceph", b"\x00", s, "acceptable",
              TRAILING, flags=["Trailing"])
        g.add("eight bytes", bytes(8), s, "acceptable", TRAILING,
              flags=["Trailing"])

    elif codec in ("msg_keepalive2", "msg_keepalive2_ack"):
        good = enc(1, 2)
        g.add("sec=1 nsec=2 (protocol map §4.3)", good, s,
              dump="sec=1 nsec=2")
        g.add("a real time stamp", enc(1764050000, 123456789), s)
        g.add("nsec 0xffffffff: not normalised", enc(0, 0xFFFFFFFF), s)
        g.add("7 bytes", good[:7], s, "invalid", TRUNC, flags=["Truncated"])
        g.add("4 bytes", good[:4], s, "invalid", TRUNC, flags=["Truncated"])
        g.add("one byte after the last field", good + b"\xee", s,
              "acceptable", TRAILING, flags=["Trailing"])

    elif codec == "msg_compression_request":
        good = enc(1, [1, 2, 3, 4])
        g.add("compress, methods snappy, zlib, zstd, lz4", good,
              s + " (ProtocolV2::send_compression_request)",
              dump="is_compress=1 methods=[1,2,3,4]")
        g.add("no compression (Quincy with compression off): false, []",
              enc(0, []), s, dump="is_compress=0 methods=[]")
        g.add("is_compress byte 2: true to decode(bool), kept raw",
              enc(2, [3]), s)
        g.add("16 methods (the cap)", enc(1, list(range(16))), s,
              flags=["Limit"])
        g.add("17 methods", u8(1) + le32(17) + bytes(68), s, "invalid",
              LIMIT, flags=["Limit"])
        g.add("count 4, three methods", u8(1) + le32(4) + bytes(12), s,
              "invalid", TRUNC)
        g.add("is_compress only", u8(1), s, "invalid", TRUNC,
              flags=["Truncated"])
        g.add("empty", b"", s, "invalid", TRUNC, flags=["Truncated"])
        g.add("one byte after the last field", good + b"\xee", s,
              "acceptable", TRAILING, flags=["Trailing"])

    elif codec == "msg_compression_done":
        good = enc(1, 3)
        g.add("compress with zstd (3)", good,
              s + " (ProtocolV2::handle_compression_request)",
              dump="is_compress=1 method=3")
        g.add("no compression", enc(0, 0), s)
        g.add("4 bytes", good[:4], s, "invalid", TRUNC, flags=["Truncated"])
        g.add("one byte after the last field", good + b"\xee", s,
              "acceptable", TRAILING, flags=["Trailing"])
    else:
        raise ValueError(codec)
    return f


def header2_file():
    f = VecFile("msg_header2",
                "ceph_msg_header2 (src/include/msgr.h), segment 0 of a "
                "MESSAGE frame, 41 bytes packed: le64 seq, le64 tid, le16 "
                "type, le16 priority, le16 version, le32 "
                "data_pre_padding_len, le16 data_off, le64 ack_seq, u8 "
                "flags, le16 compat_version, le16 reserved.  Ceph's "
                "MessageFrame::header() does not check the length; m2, like "
                "the kernel (process_message_header), wants exactly 41 "
                "bytes: fewer is M2_E_TRUNC, more M2_E_TRAILING (invalid).")
    g = f.group()
    s = "hand: ceph src/include/msgr.h struct ceph_msg_header2"
    H = msgs.Header2
    good = H(seq=1, tid=0, type=19, priority=127, version=1,
             data_pre_padding_len=0, data_off=0, ack_seq=0, flags=0x03,
             compat_version=1, reserved=0).encode()
    g.add("userspace: flags COMPLETE|NOCRC (0x03), priority "
          "CEPH_MSG_PRIO_DEFAULT", good,
          s + " (ProtocolV2::prepare_send_message)",
          dump="seq=1 tid=0 type=19 priority=127 version=1 "
               "data_pre_padding_len=0 data_off=0 ack_seq=0 flags=0x3 "
               "compat_version=1 reserved=0")
    g.add("kernel: flags 0", H(seq=7, tid=4242, type=42, priority=127,
                               version=8, data_off=4096, ack_seq=6,
                               compat_version=4).encode(),
          "kernel: net/ceph/messenger_v2.c prepare_head_plain "
          "(ceph_msg_header2 from msg->hdr)")
    g.add("every field at its maximum", bytes([0xFF]) * 41, s)
    g.add("all zero", bytes(41), s)
    g.add("40 bytes", good[:40], s, "invalid", TRUNC, flags=["Truncated"])
    g.add("empty", b"", s, "invalid", TRUNC, flags=["Truncated"])
    g.add("42 bytes: segment 0 of a MESSAGE must be exactly 41", good +
          b"\x00", s, "invalid", TRAILING)
    return f


def msg_files():
    return ([payload_file(c) for c in msgs.SPECS] + [header2_file()])
