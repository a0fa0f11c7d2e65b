# SPDX-License-Identifier: MIT
"""Whole sessions: both byte streams of one msgr2 connection, replayed.

A transcript (vectors/SCHEMA.md, "Transcripts") or a capture holds every
byte the client sent and every byte the server sent, timing removed.  This
module walks both, frame by frame, with this package's own banner, frame,
crypto and payload code, and recomputes both AUTH_SIGNATUREs.  It follows
Ceph 16.2.15's ProtocolV2 (src/msg/async/ProtocolV2.cc):

- Each side sends its banner first (_banner_exchange); both banners decide
  the framing: msgr2.1 iff both set REVISION_1
  (_handle_peer_banner_payload: HAVE_MSGR2_FRAME_REVISION_1).  A side
  that requires a feature the other lacks closes without a frame
  (M2_E_COMPAT here).
- Frames use the crc format until authentication ends.  The server
  switches its handlers when it sends AUTH_DONE (handle_auth_request ->
  _auth_bad_method / finish_auth: session_stream_handlers are replaced
  right after AUTH_DONE is written), so its frames after AUTH_DONE are
  secure when AUTH_DONE's con_mode is SECURE; the client switches when it
  reads AUTH_DONE (handle_auth_done), so its frames after its last
  AUTH_REQUEST / AUTH_REQUEST_MORE are secure.  The client sends HELLO
  and then one auth frame per server auth frame it read before AUTH_DONE
  (AUTH_BAD_METHOD: a new AUTH_REQUEST; AUTH_REPLY_MORE:
  AUTH_REQUEST_MORE), so its first 1 + K frames are plain, K being the
  server's AUTH_BAD_METHOD + AUTH_REPLY_MORE + AUTH_DONE frames.
- Keys and nonces: crypto_onwire.cc create_handler_pair; the client
  receives the server's stream, so the server's frames open with the
  client's rx nonce (role "client"), the client's with the server's
  (role "server").
- AUTH_SIGNATURE (finish_auth / handle_auth_signature): while
  pre_auth.enabled, every byte read is appended to pre_auth.rxbuf and
  every byte written to txbuf; each side sends hmac_sha256(session_key,
  rxbuf) and expects the peer's to equal hmac_sha256(session_key, txbuf).
  The client's rxbuf is the server's stream through AUTH_DONE; the
  server's rxbuf is the client's stream through its last auth frame.  An
  empty session key (auth none) gives 32 zero bytes.

Error tokens are those of errors.py; the first error (client stream
first, then server stream) is the session's.  A broken framing ends that
stream; a payload that does not decode, an unknown tag or a bad signature
does not.
"""

import hashlib
import hmac
import struct

from . import banner as B
from . import crypto, frames, limits, msgs
from . import preamble as P
from .errors import Fail, BADSIG, BADTAG, COMPAT, TRAILING, TRUNC

C2S, S2C = 0, 1
DIR_NAMES = ("c2s", "s2c")
REVISION_1 = 0x1
AUTH_NONE, AUTH_CEPHX, AUTH_GSS = 1, 2, 4
MODE_CRC, MODE_SECURE = 1, 2

TAG_CODEC = {spec[0]: codec for codec, spec in msgs.SPECS.items()}
TAG_MESSAGE = 17
TAG_AUTH_REQUEST = 2
TAG_AUTH_DONE = 6
TAG_AUTH_SIGNATURE = 7
SERVER_AUTH_TAGS = (3, 4, 6)    # AUTH_BAD_METHOD, AUTH_REPLY_MORE, DONE


def tag_name(tag):
    if tag == TAG_MESSAGE:
        return "MESSAGE"
    codec = TAG_CODEC.get(tag)
    return codec[len("msg_"):].upper() if codec else None


def signature(key, data):
    """finish_auth's hmac_sha256; the empty key of auth none gives 32
    zero bytes."""
    if not key:
        return bytes(limits.SIGNATURE_LEN)
    return hmac.new(bytes(key), bytes(data), hashlib.sha256).digest()


def _pad16(n):
    return (n + 15) & ~15


def _banner(data):
    """The banner at the start of |data|: (Banner, length)."""
    n = len(data)
    if n >= limits.BANNER_HEAD_LEN:
        n = min(n, limits.BANNER_HEAD_LEN +
                struct.unpack_from("<H", data, limits.BANNER_PREFIX_LEN)[0])
    return B.decode(data[:n]), n


class _Stream:
    """One direction: its bytes and, once secure, its nonce count."""

    def __init__(self, data, role):
        self.data = bytes(data)
        self.role = role            # who receives it
        self.ops = 0                # GCM operations so far


def _frame_at(st, off, fmt, secret):
    """The frame at |off|: (Frame, on-wire length).  Lengths from the
    preamble are held against the bytes there before anything past the
    head is read (frames_v2.cc: disassemble_preamble, then the segments)."""
    data, left = st.data, len(st.data) - off
    rev1 = fmt.startswith("rev1")
    if fmt.endswith("crc"):
        if left < limits.PREAMBLE_LEN:
            raise Fail(TRUNC, "frame head")
        pre = P.decode(data[off:off + limits.PREAMBLE_LEN])
        lens = [pre.segs[i][0] for i in range(pre.nseg)]
        if rev1:
            rest = (lens[0] + 4 if lens[0] else 0)
            if pre.nseg > 1:
                rest += sum(lens[1:]) + 13
        else:
            rest = sum(lens) + 17
        total = limits.PREAMBLE_LEN + rest
        sec = None
        ops = 0
    else:
        key, rx, _ = crypto.role_nonces(secret, st.role)
        iv = crypto.NonceSeq(rx, rev1, st.ops).next()
        if rev1:
            head = limits.PREAMBLE_LEN + limits.INLINE_LEN + \
                limits.GCM_TAG_LEN
            if left < head:
                raise Fail(TRUNC, "frame head")
            plain = crypto.gcm_open(key, iv, data[off:off + head])
            pre = P.decode(plain[:limits.PREAMBLE_LEN])
            lens = [pre.segs[i][0] for i in range(pre.nseg)]
            total, ops = head, 1
            if _pad16(lens[0]) > limits.INLINE_LEN:
                total += _pad16(lens[0]) - limits.INLINE_LEN + \
                    limits.GCM_TAG_LEN
                ops += 1
            if pre.nseg > 1:
                total += sum(_pad16(x) for x in lens[1:]) + 16 + \
                    limits.GCM_TAG_LEN
                ops += 1
        else:
            if left < limits.PREAMBLE_LEN:
                raise Fail(TRUNC, "frame head")
            pre = P.decode(crypto.gcm_peek(
                key, iv, data[off:off + limits.PREAMBLE_LEN]))
            lens = [pre.segs[i][0] for i in range(pre.nseg)]
            total = limits.PREAMBLE_LEN + sum(_pad16(x) for x in lens) + \
                16 + limits.GCM_TAG_LEN
            ops = 1
        sec = frames.Secure(secret, st.role, st.ops)
    if total > left:
        raise Fail(TRUNC, "frame")
    f = frames.decode(fmt, data[off:off + total], sec)
    st.ops += ops
    return f, total


def _payload(tag, seg0):
    """(dump, trailing) of segment 0; Fail if it does not decode."""
    if tag == TAG_MESSAGE:
        h = msgs.decode_header2(seg0)   # exactly 41 bytes (AMB-12)
        return h, 0
    codec = TAG_CODEC.get(tag)
    if codec is None:
        raise Fail(BADTAG, f"tag {tag}")
    return msgs.decode(codec, seg0)


class Frame:
    def __init__(self, direction, off, length, fmt, frame, value):
        self.direction = direction
        self.off = off
        self.length = length
        self.fmt = fmt
        self.frame = frame
        self.value = value          # decoded payload, or None

    def label(self):
        name = tag_name(self.frame.tag)
        if name is None:
            return f"tag{self.frame.tag}"
        if self.frame.tag == TAG_MESSAGE and self.value is not None:
            return f"MESSAGE:{self.value.v['type']}"
        return name


class Result:
    def __init__(self):
        self.rev1 = 0
        self.auth_method = 0
        self.auth_done = False
        self.con_mode = 0
        self.global_id = 0
        self.frames = ([], [])
        self.sig = ["none", "none"]
        self.opaque = [0, 0]
        self.errors = []            # (direction, token, why)

    @property
    def error(self):
        return self.errors[0] if self.errors else None

    def summary(self):
        """The "dump" of a dissect vector (vectors/SCHEMA.md)."""
        auth = {0: "-", AUTH_NONE: "none", AUTH_CEPHX: "cephx",
                AUTH_GSS: "gss"}.get(self.auth_method, str(self.auth_method))
        if not self.auth_done:
            mode = "-"
        else:
            mode = {MODE_CRC: "crc", MODE_SECURE: "secure"}.get(
                self.con_mode, str(self.con_mode))
        lists = []
        for d in (C2S, S2C):
            items = [f.label() for f in self.frames[d]]
            if self.opaque[d]:
                items.append("opaque")
            lists.append(",".join(items) or "-")
        return (f"rev={self.rev1} auth={auth} mode={mode} "
                f"global_id={self.global_id} c2s={lists[0]} s2c={lists[1]} "
                f"sig={self.sig[0]},{self.sig[1]}")


def dissect(c2s, s2c, session_key=None, secret=None, strict=False):
    """Replay one session.  |session_key| None means "not given" (auth
    none still implies the empty key); |secret| None leaves secure frames
    undecoded (Result.opaque)."""
    r = Result()
    streams = (_Stream(c2s, "server"), _Stream(s2c, "client"))
    banners, blen = [None, None], [0, 0]
    for d in (C2S, S2C):
        if streams[d].data:
            try:
                banners[d], blen[d] = _banner(streams[d].data)
            except Fail:
                pass
    have = [b for b in banners if b is not None]
    if len(have) == 2:
        r.rev1 = int(bool(banners[0].supported & banners[1].supported &
                          REVISION_1))
    elif have:
        r.rev1 = int(bool(have[0].supported & REVISION_1))
    crc_fmt = "rev1_crc" if r.rev1 else "rev0_crc"
    sec_fmt = "rev1_secure" if r.rev1 else "rev0_secure"

    # Read ahead in crc format: the server up to AUTH_DONE, the client's
    # first 1 + K frames.
    plain = [None, None]            # frames before the switch; None: all
    signed = [0, 0]
    k = 0
    if banners[S2C] is not None:
        off, idx = blen[S2C], 0
        while off < len(streams[S2C].data):
            try:
                f, n = _frame_at(streams[S2C], off, crc_fmt, None)
            except Fail:
                break
            off += n
            idx += 1
            if f.tag not in SERVER_AUTH_TAGS:
                continue
            k += 1
            if f.tag != TAG_AUTH_DONE:
                continue
            try:
                v, _ = msgs.decode("msg_auth_done", f.segs[0])
            except Fail:
                break
            r.auth_done = True
            gid, mode = v.values[0], v.values[1]
            r.con_mode, r.global_id = mode, gid
            signed[S2C] = off
            if mode == MODE_SECURE:
                plain[S2C] = idx
            break
    if banners[C2S] is not None:
        off, idx = blen[C2S], 0
        while off < len(streams[C2S].data) and \
                (not r.auth_done or idx < 1 + k):
            try:
                f, n = _frame_at(streams[C2S], off, crc_fmt, None)
            except Fail:
                break
            off += n
            idx += 1
            if f.tag == TAG_AUTH_REQUEST:
                try:
                    v, _ = msgs.decode("msg_auth_request", f.segs[0])
                    r.auth_method = v.values[0]
                except Fail:
                    pass
        if r.auth_done and idx == 1 + k:
            signed[C2S] = off
            if r.con_mode == MODE_SECURE:
                plain[C2S] = idx

    if session_key is not None:
        key = bytes(session_key)
    elif r.auth_method == AUTH_NONE:
        key = b""
    else:
        key = None

    for d in (C2S, S2C):
        st = streams[d]
        if not st.data:
            continue
        try:
            banners[d], off = _banner(st.data)
        except Fail as e:
            r.errors.append((d, e.err, e.why))
            continue
        if d == S2C and banners[C2S] is not None:
            c, s = banners[C2S], banners[S2C]
            if (c.required & ~s.supported) or (s.required & ~c.supported):
                r.errors.append((d, COMPAT, "required features"))
        idx = 0
        while off < len(st.data):
            secure = plain[d] is not None and idx >= plain[d]
            if secure and (secret is None or
                           len(secret) < limits.CON_SECRET_MIN):
                r.opaque[d] = len(st.data) - off
                break
            fmt = sec_fmt if secure else crc_fmt
            try:
                f, n = _frame_at(st, off, fmt, secret)
            except Fail as e:
                r.errors.append((d, e.err, e.why))
                break
            fr = Frame(d, off, n, fmt, f, None)
            r.frames[d].append(fr)
            off += n
            idx += 1
            try:
                fr.value, trailing = _payload(f.tag, f.segs[0])
            except Fail as e:
                r.errors.append((d, e.err, e.why))
                continue
            if trailing and strict:
                r.errors.append((d, TRAILING, "payload"))
                continue
            if f.tag != TAG_AUTH_SIGNATURE or r.sig[d] != "none":
                continue
            peer = 1 - d
            if key is None or not r.auth_done or not signed[peer]:
                r.sig[d] = "unchecked"
                continue
            want = signature(key, streams[peer].data[:signed[peer]])
            if bytes(fr.value.values[0]) == want:
                r.sig[d] = "ok"
            else:
                r.sig[d] = "bad"
                r.errors.append((d, BADSIG, "AUTH_SIGNATURE"))
    return r


def split_input(inp):
    """A dissect vector's input: le32 n | n bytes c2s | the rest s2c."""
    n = struct.unpack_from("<I", inp, 0)[0]
    return inp[4:4 + n], inp[4 + n:]


def join_input(c2s, s2c):
    return struct.pack("<I", len(c2s)) + bytes(c2s) + bytes(s2c)


def sessions(doc):
    """The sessions of a transcript or capture document: a list of
    (label, c2s, s2c, session_key or None, secret or None, negotiated or
    None, expect or None)."""
    conns = doc.get("connections")
    items = [(f"connections[{i}]", c) for i, c in enumerate(conns)] \
        if isinstance(conns, list) else [("", doc)]
    out = []
    for label, c in items:
        secrets = c.get("secrets") or {}
        key = secrets.get("session_key")
        sec = secrets.get("connection_secret")
        out.append((label, bytes.fromhex(c["client_to_server"]),
                    bytes.fromhex(c["server_to_client"]),
                    None if key is None else bytes.fromhex(key),
                    None if not sec else bytes.fromhex(sec),
                    c.get("negotiated"), c.get("expect", doc.get("expect"))))
    return out


def verdict(r, key, negotiated, expect):
    """None if the replay is what the document says, else the reason."""
    if expect and expect.get("error"):
        if not r.errors:
            return f"no error, want {expect['error']}"
        if r.errors[0][1] != expect["error"]:
            return f"{r.errors[0]}, want {expect['error']}"
        return None
    if r.errors:
        d, tok, why = r.errors[0]
        return f"{DIR_NAMES[d]} {tok}: {why}"
    if any(r.opaque):
        return "secure frames not decoded (no connection_secret)"
    if (key is not None or r.auth_method == AUTH_NONE) and r.auth_done \
            and r.sig != ["ok", "ok"]:
        return f"signatures {r.sig}"
    if negotiated:
        mode = {MODE_CRC: "crc", MODE_SECURE: "secure"}.get(r.con_mode)
        auth = {AUTH_NONE: "none", AUTH_CEPHX: "cephx"}.get(r.auth_method)
        got = (r.rev1, mode, auth, r.global_id)
        want = (negotiated.get("revision"), negotiated.get("con_mode"),
                negotiated.get("auth_method"), negotiated.get("global_id"))
        if got != want:
            return f"negotiated {got}, the document says {want}"
    return None
