#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""probe.py: a tiny raw-socket msgr2 client that elicits real frames.

It speaks just enough of msgr2 (crc mode only, both framing revisions) to
make a real monitor answer, so that capture.sh can record those answers:

  bad_method_rev1   banner (supported 0x1), HELLO, AUTH_REQUEST method 0
                    -> the monitor's HELLO and AUTH_BAD_METHOD
  bad_method_rev0   the same with a rev0 banner (supported 0x0): the
                    monitor answers in msgr2.0-crc framing
  none_rev1/_rev0   (monitor with auth none) AUTH_REQUEST method 1, modes
                    [crc], payload {u8 10, EntityName client.admin,
                    le64 global_id 0} -> AUTH_DONE; then AUTH_SIGNATURE (32
                    zero bytes: auth none has no session key), CLIENT_IDENT
                    -> SERVER_IDENT, KEEPALIVE2 -> KEEPALIVE2_ACK
  cephx_rev1/_rev0  (monitor with cephx) AUTH_REQUEST method 2, modes
                    [crc], the same payload -> AUTH_REPLY_MORE (the cephx
                    server challenge); then it closes
  msgr1_port        connects to the v1 port, reads the monitor's msgr1
                    banner and addresses (281 bytes), sends nothing

Layouts: ceph src/msg/async/frames_v2.h (preamble_block_t,
epilogue_plain_block_t, the *Frame structs), src/msg/msg_types.h
(entity_addr_t::encode), src/include/msgr.h (banner, features).  Written
for this project; stdlib only.  Every socket has a timeout and is closed;
every read loop is bounded by the bytes it expects.

Output: one JSON object per line on stdout: {"name", "local_port",
"server_port", "rx_tags", "tx_tags", "ok", "error"}.  capture.sh uses
local_port to name the TCP streams it captured.
"""

import argparse
import json
import os
import socket
import struct
import sys
import time

# -- crc32c: reflected, polynomial 0x82F63B78, no pre/post inversion
#    (ceph_crc32c's convention: the caller passes the seed). --
_T = []
for _i in range(256):
    _c = _i
    for _ in range(8):
        _c = (_c >> 1) ^ (0x82F63B78 if _c & 1 else 0)
    _T.append(_c)


def crc32c(seed, data):
    c = seed & 0xFFFFFFFF
    for b in data:
        c = _T[(c ^ b) & 0xFF] ^ (c >> 8)
    return c


BANNER_PREFIX = b"ceph v2\n"
ENTITY_TYPE_CLIENT = 8
ADDR_TYPE_MSGR2, ADDR_TYPE_ANY = 2, 3
TAG_HELLO, TAG_AUTH_REQUEST, TAG_AUTH_SIGNATURE = 1, 2, 7
TAG_CLIENT_IDENT, TAG_KEEPALIVE2 = 8, 18
AUTH_NONE, AUTH_CEPHX = 1, 2
CON_MODE_CRC = 1
AUTH_MODE_MON = 10
TIMEOUT = 5.0


def le32(v):
    return struct.pack("<I", v)


def le64(v):
    return struct.pack("<Q", v)


def banner(supported, required=0):
    payload = le64(supported) + le64(required)
    return BANNER_PREFIX + struct.pack("<H", len(payload)) + payload


def addr_ipv4(ip, port, type_=ADDR_TYPE_MSGR2, nonce=0):
    """entity_addr_t, new form (marker 1, ENCODE_START(1, 1))."""
    sa = struct.pack("<H", socket.AF_INET) + struct.pack(">H", port)
    sa += socket.inet_aton(ip) + bytes(8)
    body = le32(type_) + le32(nonce) + le32(len(sa)) + sa
    return b"\x01\x01\x01" + le32(len(body)) + body


def addrvec(addrs):
    return b"\x02" + le32(len(addrs)) + b"".join(addrs)


def preamble(tag, seglens, align=8):
    segs = list(seglens) + [0] * (4 - len(seglens))
    nseg = 1
    for i in range(4, 0, -1):
        if segs[i - 1]:
            nseg = i
            break
    p = struct.pack("<BB", tag, nseg)
    for i, n in enumerate(segs):
        p += struct.pack("<IH", n, align if i < len(seglens) else 0)
    p += b"\x00\x00"
    return p + le32(crc32c(0, p))


def frame(tag, payload, rev1):
    """A one-segment control frame in rev1-crc or rev0-crc framing."""
    out = preamble(tag, [len(payload)])
    if rev1:
        if payload:
            out += payload + le32(crc32c(0xFFFFFFFF, payload))
        return out          # one segment: no epilogue
    crcs = [crc32c(0xFFFFFFFF, payload), 0, 0, 0]
    return out + payload + b"\x00" + b"".join(le32(c) for c in crcs)


class Conn:
    def __init__(self, host, port):
        self.s = socket.create_connection((host, port), timeout=TIMEOUT)
        self.s.settimeout(TIMEOUT)
        self.local_port = self.s.getsockname()[1]
        self.rx_tags, self.tx_tags = [], []
        self.rev1 = True

    def close(self):
        self.s.close()

    def send(self, b):
        self.s.sendall(b)

    def recv_exact(self, n):
        buf = b""
        while len(buf) < n:         # bounded: each recv returns >= 1 byte
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                raise EOFError("peer closed after %d of %d bytes"
                               % (len(buf), n))
            buf += chunk
        return buf

    def send_frame(self, tag, payload):
        self.tx_tags.append(tag)
        self.send(frame(tag, payload, self.rev1))

    def recv_banner(self):
        head = self.recv_exact(10)
        if head[:8] != BANNER_PREFIX:
            raise ValueError("bad banner %s" % head.hex())
        (n,) = struct.unpack("<H", head[8:10])
        payload = self.recv_exact(n)
        sup, req = struct.unpack("<QQ", payload[:16])
        return sup, req

    def recv_frame(self):
        """Read one crc-mode frame; check its crcs; return (tag, seg0)."""
        pre = self.recv_exact(32)
        if crc32c(0, pre[:28]) != struct.unpack("<I", pre[28:32])[0]:
            raise ValueError("bad preamble crc")
        tag, nseg = pre[0], pre[1]
        lens = [struct.unpack("<I", pre[2 + 6 * i:6 + 6 * i])[0]
                for i in range(4)]
        segs = []
        if self.rev1:
            if lens[0]:
                seg = self.recv_exact(lens[0])
                (crc,) = struct.unpack("<I", self.recv_exact(4))
                if crc != crc32c(0xFFFFFFFF, seg):
                    raise ValueError("bad seg0 crc")
            else:
                seg = b""
            segs.append(seg)
            if nseg > 1:
                for i in range(1, nseg):
                    segs.append(self.recv_exact(lens[i]))
                epi = self.recv_exact(13)
                for i in range(1, nseg):
                    crc = struct.unpack("<I", epi[1 + 4 * (i - 1):
                                                  5 + 4 * (i - 1)])[0]
                    if crc != crc32c(0xFFFFFFFF, segs[i]):
                        raise ValueError("bad seg%d crc" % i)
        else:
            for i in range(nseg):
                segs.append(self.recv_exact(lens[i]))
            epi = self.recv_exact(17)
            for i in range(nseg):
                crc = struct.unpack("<I", epi[1 + 4 * i:5 + 4 * i])[0]
                if crc != crc32c(0xFFFFFFFF, segs[i]):
                    raise ValueError("bad seg%d crc" % i)
        self.rx_tags.append(tag)
        return tag, segs[0]

    def expect(self, want):
        tag, payload = self.recv_frame()
        if tag != want:
            raise ValueError("expected tag %d, got %d (%s)"
                             % (want, tag, payload.hex()))
        return payload


def entity_name_admin():
    """EntityName client.admin: le32 type, le32 len + id."""
    return le32(ENTITY_TYPE_CLIENT) + le32(5) + b"admin"


def mon_auth_payload():
    return bytes([AUTH_MODE_MON]) + entity_name_admin() + le64(0)


def auth_request(method, modes, payload):
    out = le32(method) + le32(len(modes)) + b"".join(le32(m) for m in modes)
    return out + le32(len(payload)) + payload


def handshake(host, port, rev1):
    """Banner exchange and HELLO exchange; returns the connection."""
    c = Conn(host, port)
    c.send(banner(1 if rev1 else 0))
    sup, _ = c.recv_banner()
    c.rev1 = rev1 and bool(sup & 1)
    me = bytes([ENTITY_TYPE_CLIENT])
    c.send_frame(TAG_HELLO, me + addr_ipv4(host, port))
    c.expect(TAG_HELLO)
    return c


def run_bad_method(args, rev1):
    c = handshake(args.host, args.v2port, rev1)
    try:
        c.send_frame(TAG_AUTH_REQUEST, auth_request(0, [CON_MODE_CRC], b""))
        c.expect(3)                         # AUTH_BAD_METHOD
    finally:
        c.close()
    return c


def run_none(args, rev1):
    c = handshake(args.host, args.v2port, rev1)
    try:
        c.send_frame(TAG_AUTH_REQUEST,
                     auth_request(AUTH_NONE, [CON_MODE_CRC],
                                  mon_auth_payload()))
        done = c.expect(6)                  # AUTH_DONE
        (global_id,) = struct.unpack("<Q", done[:8])
        c.send_frame(TAG_AUTH_SIGNATURE, bytes(32))
        c.expect(TAG_AUTH_SIGNATURE)
        # CLIENT_IDENT: addrs [any:127.0.0.1:0/nonce], target = the address
        # we dialled exactly, gid, global_seq 1, features, flags LOSSY,
        # cookie 0 (lossy clients send none).
        nonce = (os.getpid() << 8 | (1 if rev1 else 2)) & 0xFFFFFFFF
        mine = addrvec([addr_ipv4(args.host, 0, ADDR_TYPE_ANY, nonce)])
        ident = mine + addr_ipv4(args.host, args.v2port)
        ident += le64(global_id) + le64(1) + le64(args.features)
        ident += le64(0) + le64(1) + le64(0)
        c.send_frame(TAG_CLIENT_IDENT, ident)
        c.expect(9)                         # SERVER_IDENT
        now = time.time()
        stamp = le32(int(now)) + le32(int((now % 1) * 1e9))
        c.send_frame(TAG_KEEPALIVE2, stamp)
        c.expect(19)                        # KEEPALIVE2_ACK
    finally:
        c.close()
    return c


def run_cephx(args, rev1):
    c = handshake(args.host, args.v2port, rev1)
    try:
        c.send_frame(TAG_AUTH_REQUEST,
                     auth_request(AUTH_CEPHX, [CON_MODE_CRC],
                                  mon_auth_payload()))
        c.expect(4)                         # AUTH_REPLY_MORE
    finally:
        c.close()
    return c


class V1:
    """Result holder for the v1-port probe."""

    def __init__(self, local_port):
        self.local_port = local_port
        self.rx_tags, self.tx_tags = [], []


def run_msgr1(args):
    s = socket.create_connection((args.host, args.v1port), timeout=TIMEOUT)
    try:
        s.settimeout(TIMEOUT)
        r = V1(s.getsockname()[1])
        got = b""
        # "ceph v027" + two 136-byte legacy addresses; bounded by 281 bytes
        # and the timeout.
        while len(got) < 9 + 2 * 136:
            chunk = s.recv(9 + 2 * 136 - len(got))
            if not chunk:
                break
            got += chunk
        if not got.startswith(b"ceph v027"):
            raise ValueError("no msgr1 banner: %s" % got[:16].hex())
        r.rx_tags = ["msgr1 %d bytes" % len(got)]
    finally:
        s.close()
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--v2port", type=int, default=13300)
    ap.add_argument("--v1port", type=int, default=0)
    ap.add_argument("--auth", choices=["none", "cephx"], required=True)
    ap.add_argument("--features", type=lambda s: int(s, 0),
                    default=0x3F01CFBDFFFDFFFF,
                    help="CLIENT_IDENT features_supported (default: what "
                    "the Pacific ceph CLI sends)")
    ap.add_argument("--pause", type=float, default=0.3,
                    help="seconds between sessions")
    args = ap.parse_args()

    plan = [("bad_method_rev1", lambda: run_bad_method(args, True)),
            ("bad_method_rev0", lambda: run_bad_method(args, False))]
    if args.auth == "none":
        plan += [("none_rev1", lambda: run_none(args, True)),
                 ("none_rev0", lambda: run_none(args, False))]
    else:
        plan += [("cephx_rev1", lambda: run_cephx(args, True)),
                 ("cephx_rev0", lambda: run_cephx(args, False))]
    if args.v1port:
        plan.append(("msgr1_port", lambda: run_msgr1(args)))

    failed = 0
    for name, fn in plan:
        rec = {"name": name, "server_port":
               args.v1port if name == "msgr1_port" else args.v2port}
        try:
            c = fn()
            rec.update(local_port=c.local_port, rx_tags=c.rx_tags,
                       tx_tags=c.tx_tags, ok=True)
        except (OSError, ValueError, EOFError) as e:
            rec.update(ok=False, error=str(e))
            failed += 1
        print(json.dumps(rec), flush=True)
        time.sleep(args.pause)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
