#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Write the seed corpus of fuzz/fz_conv_server.c (layout in fz_conv.h):
whole client conversations, built here from the payload layouts of
SPEC-NOTES §4 (independent of ref/), that take the reference server to
READY in each framing, lossy and lossless, with and without the
compression handshake, and a SESSION_RECONNECT for an unknown session.

  /usr/bin/python3 fuzz/conv_seeds.py [DIR]   (default fuzz/corpus/conv_server)
"""
import pathlib
import struct
import sys


def le16(v): return struct.pack("<H", v)
def le32(v): return struct.pack("<I", v)
def le64(v): return struct.pack("<Q", v & (2**64 - 1))


def addr(typ, nonce, ip, port):
    sa = le16(2) + struct.pack(">H", port) + bytes(ip) + bytes(8)
    body = le32(typ) + le32(nonce) + le32(len(sa)) + sa
    return b"\x01\x01\x01" + le32(len(body)) + body


SERVER = addr(2, 0, [127, 0, 0, 1], 3300)
ME = addr(3, 1234, [127, 0, 0, 1], 0)


def rec(tag, *segs):
    out = bytes([tag, len(segs) - 1])
    for s in segs:
        out += le16(len(s)) + s
    return out


def handshake(lossless=False, cookie=0):
    name = b"admin"
    payload = b"\x0a" + le32(8) + le32(len(name)) + name + le64(0)
    r = rec(1, b"\x08" + SERVER)                                  # HELLO
    r += rec(2, le32(1) + le32(1) + le32(1) + le32(len(payload)) + payload)
    r += rec(7, b"")                                               # zeros
    return r


def client_ident(lossless, cookie):
    return rec(8, b"\x02" + le32(1) + ME + SERVER + le64(-1) + le64(1) +
               le64(0x3f01cfbdfffdffff) + le64(0x800000000001000) +
               le64(0 if lossless else 1) + le64(cookie))


def ready_traffic():
    h2 = (le64(1) + le64(0) + le16(5) + le16(127) + le16(1) + le32(0) +
          le16(0) + le64(0) + b"\x03" + le16(1) + le16(0))
    return (rec(18, le32(1700000000) + le32(5)) + rec(17, h2) +
            rec(17, h2.replace(le64(1), le64(2), 1), b"front") +
            rec(20, le64(7)))


def seeds():
    out = {}
    for rev in (0, 1):
        for comp in (0, 1):
            ctl = rev | (comp << 1)
            body = handshake()
            if comp:
                body += rec(21, b"\x00" + le32(0))
            out[f"lossy_rev{rev}_comp{comp}"] = (
                bytes([ctl]) + body + client_ident(False, 0) +
                ready_traffic())
            out[f"lossless_rev{rev}_comp{comp}"] = (
                bytes([ctl | 4]) + body + client_ident(True, 0x55) +
                ready_traffic())
    recon = (b"\x02" + le32(1) + ME + le64(0x55) + le64(0x66) + le64(2) +
             le64(1) + le64(0))
    out["reconnect_unknown"] = (bytes([1 | 4]) + handshake() + rec(11, recon) +
                                client_ident(True, 0x77) + ready_traffic())
    out["garbage_after"] = bytes([1 | 8]) + handshake() + b"\xff" * 40
    return out


def main():
    d = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else
                     pathlib.Path(__file__).parent / "corpus" / "conv_server")
    d.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(seeds().items()):
        (d / name).write_bytes(data)


if __name__ == "__main__":
    main()
