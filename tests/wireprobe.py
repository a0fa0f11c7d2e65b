# SPDX-License-Identifier: MIT
"""A tiny msgr2.1 crc client (stdlib only), for probing a server's reaction
to one deliberate deviation at a time: tests/test_faults.py uses it to show
that each injected fault of the reference server (m2/fault.h) is live.

It speaks auth none in crc mode, which is all a probe needs: banner, HELLO,
AUTH_REQUEST, AUTH_SIGNATURE (32 zero bytes with auth none's empty session
key), CLIENT_IDENT, then KEEPALIVE2 and MESSAGE.  Every layout follows
SPEC-NOTES (§1 banner, §2.1 preamble, §2.4 msgr2.1 crc frames, §4 control
payloads, §8.1 ceph_msg_header2).  Every read has a deadline; a probe's
result is what the server did next: a frame, a close, or silence.
"""
import socket
import struct
import time

# Tags (SPEC-NOTES §4).
HELLO, AUTH_REQUEST, AUTH_BAD_METHOD, AUTH_DONE = 1, 2, 3, 6
AUTH_SIGNATURE, CLIENT_IDENT, SERVER_IDENT = 7, 8, 9
SESSION_RECONNECT, SESSION_RESET, SESSION_RETRY = 11, 12, 13
SESSION_RETRY_GLOBAL, SESSION_RECONNECT_OK = 14, 15
MESSAGE, KEEPALIVE2, KEEPALIVE2_ACK, ACK = 17, 18, 19, 20

CRC, SECURE = 1, 2                      # connection modes
AUTH_NONE = 1
ENTITY_CLIENT = 8
FEATURES_ALL = 0x3f01cfbdfffdffff       # what Pacific's CLI advertises
LATE_COMPLETE, LATE_ABORTED = 0x0e, 0x01
MSG_MON_GET_MAP = 5


def _table():
    t = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        t.append(c)
    return t


_T = _table()


def crc32c(seed, data):
    """ceph_crc32c: the reflected CRC-32C update, no inversions."""
    crc = seed
    for b in data:
        crc = _T[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc


def addr(port, ip=(127, 0, 0, 1), type_=2, nonce=0):
    """entity_addr_t, marker 1 form, AF_INET."""
    sa = struct.pack("<H", 2) + struct.pack(">H", port) + bytes(ip) + bytes(8)
    body = struct.pack("<III", type_, nonce, len(sa)) + sa
    return b"\x01\x01\x01" + struct.pack("<I", len(body)) + body


def addrvec(*addrs):
    return b"\x02" + struct.pack("<I", len(addrs)) + b"".join(addrs)


class Closed(Exception):
    pass


class Silence(Exception):
    pass


class BadFrame(Exception):
    """The server sent bytes that do not check out (crc)."""


class Probe:
    def __init__(self, port, timeout=3.0):
        self.port = port
        self.timeout = timeout
        self.s = socket.create_connection(("127.0.0.1", port), timeout)
        self.buf = b""

    def close(self):
        self.s.close()

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()

    # -- bytes ------------------------------------------------------------
    def read(self, n, timeout=None):
        end = time.monotonic() + (timeout or self.timeout)
        while len(self.buf) < n:
            left = end - time.monotonic()
            if left <= 0:
                raise Silence()
            self.s.settimeout(left)
            try:
                b = self.s.recv(65536)
            except socket.timeout:
                raise Silence()
            except ConnectionResetError:
                raise Closed()
            if not b:
                raise Closed()
            self.buf += b
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def send(self, b):
        """Send; a server that already closed shows in the next read."""
        try:
            self.s.sendall(b)
        except (BrokenPipeError, ConnectionResetError):
            pass

    # -- banner and frames ---------------------------------------------------
    def banner(self, supported=1, required=0):
        self.send(b"ceph v2\n" + struct.pack("<HQQ", 16, supported,
                                             required))
        head = self.read(10)
        assert head[:8] == b"ceph v2\n", head
        n = struct.unpack("<H", head[8:])[0]
        return struct.unpack("<QQ", self.read(n)[:16])

    def frame(self, tag, segs, late=LATE_COMPLETE, bad_preamble_crc=False,
              bad_seg_crc=False, lens=None):
        """msgr2.1 crc frame; |lens| overrides the preamble's lengths."""
        nseg = max([i + 1 for i, s in enumerate(segs) if s] or [1])
        segs = list(segs[:nseg]) + [b""] * (4 - nseg)
        lens = lens or [len(s) for s in segs]
        pre = struct.pack("<BB", tag, nseg)
        for i in range(4):
            pre += struct.pack("<IH", lens[i], 8 if i < nseg else 0)
        pre += b"\x00\x00"
        crc = crc32c(0, pre)
        pre += struct.pack("<I", crc ^ (1 if bad_preamble_crc else 0))
        out = pre
        flip = 1 if bad_seg_crc else 0
        if segs[0]:
            out += segs[0] + struct.pack("<I", crc32c(0xffffffff, segs[0])
                                         ^ flip)
        if nseg > 1:
            out += b"".join(segs[1:nseg]) + bytes([late])
            for i in range(1, 4):
                out += struct.pack("<I", crc32c(0xffffffff, segs[i])
                                   if i < nseg else 0)
        return out

    def send_frame(self, tag, payload, **kw):
        self.send(self.frame(tag, [payload], **kw))

    def recv_frame(self, timeout=None):
        """(tag, segments); raises Closed, Silence or BadFrame."""
        pre = self.read(32, timeout)
        if crc32c(0, pre[:28]) != struct.unpack("<I", pre[28:])[0]:
            raise BadFrame("preamble crc")
        tag, nseg = pre[0], pre[1]
        lens = [struct.unpack("<I", pre[2 + 6 * i:6 + 6 * i])[0]
                for i in range(4)]
        segs = [b""] * 4
        if lens[0]:
            segs[0] = self.read(lens[0], timeout)
            want = struct.unpack("<I", self.read(4, timeout))[0]
            if crc32c(0xffffffff, segs[0]) != want:
                raise BadFrame("segment 0 crc")
        if nseg > 1:
            for i in range(1, nseg):
                segs[i] = self.read(lens[i], timeout)
            epi = self.read(13, timeout)
            for i in range(1, nseg):
                want = struct.unpack("<I", epi[1 + 4 * (i - 1):
                                               5 + 4 * (i - 1)])[0]
                if crc32c(0xffffffff, segs[i]) != want:
                    raise BadFrame(f"segment {i} crc")
        return tag, segs

    def expect(self, tag, timeout=None):
        t, segs = self.recv_frame(timeout)
        assert t == tag, f"expected tag {tag}, got {t}"
        return segs[0]

    def outcome(self, timeout=None):
        """What the server did next: ("frame", tag, seg0), ("close",),
        ("silence",) or ("badframe", why)."""
        try:
            t, segs = self.recv_frame(timeout)
            return ("frame", t, segs[0])
        except Closed:
            return ("close",)
        except Silence:
            return ("silence",)
        except BadFrame as e:
            return ("badframe", str(e))

    # -- payloads -----------------------------------------------------------
    def hello_payload(self):
        return bytes([ENTITY_CLIENT]) + addr(self.port)

    @staticmethod
    def auth_request_payload(method=AUTH_NONE, modes=(CRC,)):
        none = (b"\x0a" + struct.pack("<I", ENTITY_CLIENT) +
                struct.pack("<I", 5) + b"admin" + struct.pack("<Q", 0))
        return (struct.pack("<I", method) + struct.pack("<I", len(modes)) +
                b"".join(struct.pack("<I", m) for m in modes) +
                struct.pack("<I", len(none)) + none)

    def client_ident_payload(self, lossy=True, cookie=0):
        return (addrvec(addr(0, type_=3, nonce=0x1234)) + addr(self.port) +
                struct.pack("<qQQQQQ", -1, 1, FEATURES_ALL, 0,
                            1 if lossy else 0, cookie))

    @staticmethod
    def reconnect_payload(cookie, server_cookie, global_seq, connect_seq,
                          msg_seq=0):
        """SESSION_RECONNECT from the addresses client_ident_payload
        names."""
        return (addrvec(addr(0, type_=3, nonce=0x1234)) +
                struct.pack("<QQQQQ", cookie, server_cookie, global_seq,
                            connect_seq, msg_seq))

    @staticmethod
    def parse_ident(p):
        """SERVER_IDENT: (ports of its addrs, gid, global_seq, flags,
        cookie)."""
        assert p[0] == 2
        n = struct.unpack("<I", p[1:5])[0]
        off, ports = 5, []
        for _ in range(n):
            blen = struct.unpack("<I", p[off + 3:off + 7])[0]
            body = p[off + 7:off + 7 + blen]
            ports.append(struct.unpack(">H", body[14:16])[0])
            off += 7 + blen
        gid, gseq, _fs, _fr, flags, cookie = struct.unpack(
            "<qQQQQQ", p[off:off + 48])
        return ports, gid, gseq, flags, cookie

    @staticmethod
    def header2(seq, type_, ack_seq=0, tid=0):
        return struct.pack("<QQHHHIHQBHH", seq, tid, type_, 127, 1, 0, 0,
                           ack_seq, 0, 1, 0)

    # -- steps --------------------------------------------------------------
    def to_auth(self):
        """Banner and HELLO both ways: the server now waits for
        AUTH_REQUEST."""
        self.banner()
        self.expect(HELLO)
        self.send_frame(HELLO, self.hello_payload())

    def to_signed(self, sig=bytes(32)):
        """Through AUTH_SIGNATURE: the server now waits for CLIENT_IDENT
        or SESSION_RECONNECT."""
        self.to_auth()
        self.send_frame(AUTH_REQUEST, self.auth_request_payload())
        self.expect(AUTH_DONE)
        self.expect(AUTH_SIGNATURE)
        self.send_frame(AUTH_SIGNATURE, sig)

    def to_ready(self, sig=bytes(32), lossy=True, cookie=0):
        """The whole handshake; returns SERVER_IDENT's payload."""
        self.to_signed(sig)
        self.send_frame(CLIENT_IDENT, self.client_ident_payload(lossy,
                                                                cookie))
        return self.expect(SERVER_IDENT)
