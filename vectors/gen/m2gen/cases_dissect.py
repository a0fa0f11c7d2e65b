# SPDX-License-Identifier: MIT
"""Case table for "dissect": whole sessions (transcript.py).

Inputs are le32 n | n bytes the client sent | the bytes the server sent.
Valid tests: the transcripts (vectors/transcripts/), the small captures
(vectors/captures/, up to 4 KiB), and synthetic sessions built here in
every framing with a cephx-shaped exchange (AUTH_BAD_METHOD, then
AUTH_REPLY_MORE, then AUTH_DONE), real HMAC signatures and multi-segment
MESSAGE frames.  Invalid tests: one change each to those (a flipped byte,
a wrong key, a cut, a retagged frame) with the error it must give.
"""

import json
import pathlib

from . import banner as B
from . import frames, msgs
from . import transcript as T
from .errors import (BADCRC, BADSIG, BADTAG, BADTAG_AEAD, BADVAL, MSGR1,
                     TRUNC)
from .vec import VecFile

VECTORS = pathlib.Path(__file__).resolve().parent.parent.parent
CAPTURE_MAX = 4096

SESSION_KEY = bytes(range(0x10, 0x20))
SECRET = bytes(range(0x40))
# entity_addr_t v2:127.0.0.1:3300/0 (msg_types.h, as in the captures)
ADDR = bytes.fromhex("0101011c00000002000000000000001000000002000ce4"
                     "7f0000010000000000000000")


def _frames_of(c2s, s2c, key=None, secret=None):
    r = T.dissect(c2s, s2c, key, secret)
    assert not r.errors, r.errors
    return r


def _splice(data, off, length, new):
    return bytes(data[:off]) + bytes(new) + bytes(data[off + length:])


def _reframe(fr, tag=None, segs=None):
    """The crc frame |fr| written again with another tag or segments."""
    f = fr.frame
    return frames.assemble(fr.fmt, f.tag if tag is None else tag,
                           f.segs if segs is None else segs, f.aligns,
                           f.flags)[0]


def _find(r, d, tag):
    return next(f for f in r.frames[d] if f.frame.tag == tag)


class _Builder:
    """Both streams of a synthetic session, written frame by frame."""

    def __init__(self, rev1, secret):
        self.rev1 = rev1
        self.secret = secret
        self.data = [bytearray(), bytearray()]
        self.secure = [False, False]
        self.ops = [0, 0]
        for d in (T.C2S, T.S2C):
            self.data[d] += B.Banner(16, 1 if rev1 else 0, 0).encode()

    def frame(self, d, tag, segs):
        fmt = ("rev1" if self.rev1 else "rev0") + \
            ("_secure" if self.secure[d] else "_crc")
        sec = None
        if self.secure[d]:
            sec = frames.Secure(self.secret, "server" if d == T.C2S
                                else "client", self.ops[d])
        out, info = frames.assemble(fmt, tag, segs, sec=sec)
        self.ops[d] += len(info["ops"])
        self.data[d] += out

    def control(self, d, codec, *values):
        self.frame(d, msgs.SPECS[codec][0],
                   [msgs.make(codec, *values).encode()])

    def message(self, d, mtype, seq):
        h = msgs.Header2(seq=seq, type=mtype, version=1, flags=3)
        self.frame(d, T.TAG_MESSAGE, [h.encode(), bytes(range(200)), b"",
                                      bytes(i * 7 & 0xFF
                                            for i in range(700))])


def synthetic(rev1, mode, key=SESSION_KEY, secret=SECRET):
    """A cephx-shaped session (ProtocolV2's order, §5.1 of the protocol
    map): the client's first method is refused, one challenge round, then
    AUTH_DONE in |mode|, the two signatures, keepalives, one MESSAGE each
    way.  Returns (c2s, s2c)."""
    b = _Builder(rev1, secret)
    c, s = T.C2S, T.S2C
    b.frame(c, 1, [bytes([8]) + ADDR])
    b.frame(s, 1, [bytes([1]) + ADDR])
    b.control(c, "msg_auth_request", T.AUTH_GSS, [mode], b"")
    b.control(s, "msg_auth_bad_method", T.AUTH_GSS, -95, [T.AUTH_CEPHX],
              [mode])
    b.control(c, "msg_auth_request", T.AUTH_CEPHX, [mode], b"hello")
    b.control(s, "msg_auth_reply_more", b"challenge")
    b.control(c, "msg_auth_request_more", b"answer")
    b.control(s, "msg_auth_done", 4242, mode, b"ticket")
    client_signed = bytes(b.data[c])
    if mode == T.MODE_SECURE:
        b.secure = [True, True]
    b.control(c, "msg_auth_signature", T.signature(key, b.data[s]))
    b.control(s, "msg_auth_signature", T.signature(key, client_signed))
    b.control(c, "msg_keepalive2", 7, 8)
    b.message(c, 15, 1)
    b.control(s, "msg_keepalive2_ack", 7, 8)
    b.control(s, "msg_ack", 1)
    b.message(s, 4, 1)
    return bytes(b.data[c]), bytes(b.data[s])


def _load(path):
    return json.loads(path.read_text())


def _transcript_cases(f):
    for path in sorted((VECTORS / "transcripts").glob("*.json")):
        doc = _load(path)
        rel = f"vectors/transcripts/{path.name}"
        for label, c2s, s2c, key, sec, neg, exp in T.sessions(doc):
            params = {}
            if key is not None:
                params["session_key"] = key.hex()
            if sec:
                params["connection_secret"] = sec.hex()
            where = f"{rel}{' ' + label if label else ''}"
            src = f"capture: {doc.get('peer', 'a Ceph daemon')}; " \
                f"{doc.get('recorded_by', '?')} transcript {where}"
            g = f.group(params)
            g.add(f"{where}: {doc['description'][:120]}",
                  T.join_input(c2s, s2c), src, flags=["Transcript"])
            r = _frames_of(c2s, s2c, key, sec)
            if any(fr.fmt.endswith("secure") for d in (0, 1)
                   for fr in r.frames[d]):
                continue            # crc mutations below
            _crc_mutations(g, where, src, c2s, s2c, r)
            if key is not None and r.auth_done:
                g2 = f.group(dict(params, session_key="00" * 16))
                g2.add(f"{where} with a wrong session key: the client's "
                       "AUTH_SIGNATURE is the first to fail",
                       T.join_input(c2s, s2c), src, "invalid", BADSIG,
                       flags=["BadSignature"])


def _crc_mutations(g, where, src, c2s, s2c, r):
    join = T.join_input
    req = _find(r, T.C2S, T.TAG_AUTH_REQUEST)
    g.add(f"{where}, one bit of the client's AUTH_REQUEST payload flipped",
          join(_splice(c2s, req.off + 40, 1,
                       [c2s[req.off + 40] ^ 0x01]), s2c),
          src, "invalid", BADCRC, flags=["BadCrc"])
    done = _find(r, T.S2C, T.TAG_AUTH_DONE)
    g.add(f"{where}, the server's AUTH_DONE preamble altered (segment "
          "length)", join(c2s, _splice(s2c, done.off + 2, 1,
                                       [s2c[done.off + 2] ^ 0x04])),
          src, "invalid", BADCRC, flags=["BadCrc"])
    g.add(f"{where}, the client's stream cut one byte short",
          join(c2s[:-1], s2c), src, "invalid", TRUNC, flags=["Truncated"])
    g.add(f"{where}, the server's stream cut inside its banner",
          join(c2s, s2c[:5]), src, "invalid", TRUNC, flags=["Truncated"])
    g.add(f"{where}, the server's banner prefix altered",
          join(c2s, b"ceph v3\n" + s2c[8:]), src, "invalid", BADVAL)
    sig = _find(r, T.C2S, T.TAG_AUTH_SIGNATURE)
    g.add(f"{where}, the client's AUTH_SIGNATURE replaced by 32 bytes 01 "
          "(crc recomputed)",
          join(_splice(c2s, sig.off, sig.length,
                       _reframe(sig, segs=[bytes([1]) * 32])), s2c),
          src, "invalid", BADSIG, flags=["BadSignature"])
    last = r.frames[T.S2C][-1]
    g.add(f"{where}, the server's last frame retagged 30 (no such tag; "
          "crcs recomputed): a payload error, the framing goes on",
          join(c2s, _splice(s2c, last.off, last.length,
                            _reframe(last, tag=30))),
          src, "invalid", BADTAG)


def _capture_cases(f):
    g = f.group({})
    for path in sorted((VECTORS / "captures").glob("*.json")):
        doc = _load(path)
        c2s = bytes.fromhex(doc["client_to_server"])
        s2c = bytes.fromhex(doc["server_to_client"])
        if len(c2s) + len(s2c) > CAPTURE_MAX:
            continue
        src = f"capture: {doc.get('ceph_version', 'ceph 16.2.15')}, " \
            f"vectors/captures/{path.name}"
        what = doc.get("description", path.name)[:120]
        if s2c.startswith(b"ceph v027"):
            g.add(f"{path.name}: the msgr1 port answers with msgr1's "
                  "banner", T.join_input(c2s, s2c), src, "invalid", MSGR1,
                  flags=["Capture"])
            continue
        g.add(f"{path.name}: {what}", T.join_input(c2s, s2c), src,
              flags=["Capture"])
        if path.name == "none_probe_none_rev0.json":
            r = _frames_of(c2s, s2c)
            ident = r.frames[T.C2S][3]
            g.add(f"{path.name}, one byte of the client's CLIENT_IDENT "
                  "flipped (msgr2.0 epilogue crc)",
                  T.join_input(_splice(c2s, ident.off + 40, 1,
                                       [c2s[ident.off + 40] ^ 0x80]), s2c),
                  src, "invalid", BADCRC, flags=["Capture", "BadCrc"])


def _synthetic_cases(f):
    src = "hand: ProtocolV2 handshake order (send_auth_request, " \
        "handle_auth_bad_method, handle_auth_reply_more, " \
        "handle_auth_done, finish_auth), FrameAssembler, " \
        "crypto_onwire.cc create_handler_pair"
    for rev1 in (0, 1):
        for mode in (T.MODE_CRC, T.MODE_SECURE):
            name = f"msgr2.{rev1} {'secure' if mode == 2 else 'crc'}"
            c2s, s2c = synthetic(rev1, mode)
            params = {"session_key": SESSION_KEY.hex()}
            if mode == T.MODE_SECURE:
                params["connection_secret"] = SECRET.hex()
            g = f.group(params)
            g.add(f"synthetic {name} session: bad method, a challenge "
                  "round, AUTH_DONE, signatures, keepalives, a MESSAGE "
                  "each way", T.join_input(c2s, s2c), src,
                  flags=["Synthetic"])
            g.add(f"synthetic {name} session, the client's stream cut "
                  "inside its MESSAGE", T.join_input(c2s[:-20], s2c), src,
                  "invalid", TRUNC, flags=["Synthetic", "Truncated"])
            if mode == T.MODE_SECURE:
                g.add(f"synthetic {name} session, the last byte of the "
                      "client's stream (a GCM tag) flipped",
                      T.join_input(c2s[:-1] + bytes([c2s[-1] ^ 1]), s2c),
                      src, "invalid", BADTAG_AEAD,
                      flags=["Synthetic", "AeadTag"])
                g.add(f"synthetic {name} session, the last byte of the "
                      "server's stream (a GCM tag) flipped",
                      T.join_input(c2s, s2c[:-1] + bytes([s2c[-1] ^ 1])),
                      src, "invalid", BADTAG_AEAD,
                      flags=["Synthetic", "AeadTag"])
            g2 = f.group(dict(params, session_key="ff" * 16))
            g2.add(f"synthetic {name} session with a wrong session key",
                   T.join_input(c2s, s2c), src, "invalid", BADSIG,
                   flags=["Synthetic", "BadSignature"])
            if mode == T.MODE_SECURE and rev1:
                wrong = bytes([SECRET[0] ^ 1]) + SECRET[1:]
                g3 = f.group(dict(params, connection_secret=wrong.hex()))
                g3.add(f"synthetic {name} session with a wrong connection "
                       "secret: the first secure frame's tag fails",
                       T.join_input(c2s, s2c), src, "invalid",
                       BADTAG_AEAD, flags=["Synthetic", "AeadTag"])


def dissect_file():
    f = VecFile("dissect", "whole msgr2 sessions (both byte streams) "
                "replayed frame by frame: framing switch, every crc and "
                "GCM tag, payloads, both AUTH_SIGNATUREs", notes={
                    "Input": "le32 n | n bytes client to server | the "
                             "rest, server to client (vectors/SCHEMA.md, "
                             "Transcripts)"})
    _transcript_cases(f)
    _capture_cases(f)
    _synthetic_cases(f)
    return f
