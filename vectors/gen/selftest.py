#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Check m2gen against answers that do not come from m2gen.

Each check names where its expected value comes from: Ceph's own unit
tests, bytes a real ceph-mon 16.2.15 sent (/work/shared/REAL-CEPH.md), the
worked examples of the protocol map (§4.3), published AES-GCM test vectors,
and glibc (socket.inet_pton / inet_ntop) for the address text helpers.
Exit status 0 when all pass, 1 otherwise.
"""

import pathlib
import random
import socket
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from m2gen import addr as A                                   # noqa: E402
from m2gen import banner, crypto, frames, inet, msgs, preamble  # noqa: E402
from m2gen import transcript                                  # noqa: E402
from m2gen.crc32c import crc32c                               # noqa: E402
from m2gen.wire import Reader                                 # noqa: E402

FAILS = []


def check(what, got, want):
    if got != want:
        FAILS.append(what)
        print(f"FAIL {what}: got {got!r}, want {want!r}")
    else:
        print(f"ok   {what}")


def crc_known_answers():
    # src/test/common/test_crc32c.cc
    check("crc32c Small foo bar baz", crc32c(0, b"foo bar baz"), 4119623852)
    check("crc32c Small seed 1234", crc32c(1234, b"foo bar baz"), 881700046)
    check("crc32c Small whiz bang boom", crc32c(0, b"whiz bang boom"),
          2360230088)
    check("crc32c Small seed 5678", crc32c(5678, b"whiz bang boom"),
          3743019208)
    check("crc32c PartialWord 5", crc32c(0, b"\x01" * 5), 2715569182)
    check("crc32c PartialWord 35", crc32c(0, b"\x01" * 35), 440531800)
    big = b"\x01" * 4096000
    check("crc32c Big", crc32c(0, big), 31583199)
    check("crc32c Big seed 1234", crc32c(1234, big), 1400919119)
    # The standard CRC-32C check value ("123456789" -> 0xe3069283) is
    # ceph_crc32c(-1, ...) ^ 0xffffffff.
    check("crc32c iSCSI check value",
          crc32c(0xFFFFFFFF, b"123456789") ^ 0xFFFFFFFF, 0xE3069283)


def real_ceph_bytes():
    # REAL-CEPH.md: the monitor's banner and its HELLO preamble.
    raw = bytes.fromhex("636570682076320a1000010000000000"
                        "00000000000000000000")
    b = banner.decode(raw)
    check("REAL-CEPH banner dump", b.dump(),
          "len=16 supported=0x1 required=0x0")
    check("REAL-CEPH banner re-encode", b.encode(), raw)
    pre = bytes.fromhex("0101240000000800") + bytes(20)
    check("REAL-CEPH HELLO preamble crc bytes",
          crc32c(0, pre).to_bytes(4, "little").hex(), "3fbd6b06")
    p = preamble.decode(pre + bytes.fromhex("3fbd6b06"))
    check("REAL-CEPH HELLO preamble dump", p.dump(),
          "tag=1 nseg=1 segs=[36:8,0:0,0:0,0:0] flags=0x0 reserved=0x0")
    bad = bytes.fromhex("00000000f3ffffff0100000002000000"
                        "020000000200000001000000")
    m, trailing = msgs.decode("msg_auth_bad_method", bad)
    check("REAL-CEPH AUTH_BAD_METHOD", (m.dump(), trailing),
          ("method=0 result=-13 allowed_methods=[2] allowed_modes=[2,1]", 0))
    check("REAL-CEPH AUTH_BAD_METHOD re-encode", m.encode(), bad)
    av = bytes.fromhex(
        "0202000000"
        "0101011c00000002000000000000001000000002"
        "0033f47f0000010000000000000000"
        "0101011c00000001000000000000001000000002"
        "0041957f0000010000000000000000")
    v = A.decode_addrvec(Reader(av))
    check("REAL-CEPH monmap addrvec", v.text(),
          "[v2:127.0.0.1:13300/0,v1:127.0.0.1:16789/0]")
    check("REAL-CEPH monmap addrvec re-encode", v.encode(), av)
    hello_addr = bytes.fromhex("0101011c000000020000000000000010000000"
                               "0200a0127f0000010000000000000000")
    a = A.decode_addr(Reader(hello_addr))
    check("REAL-CEPH HELLO address shape (port 0xa012 chosen here)",
          a.text(), "v2:127.0.0.1:40978/0")


def worked_examples():
    # msgr2-protocol-map.md §4.3 (derived there, checked here).
    p = msgs.make("msg_keepalive2", 1, 2).encode()
    b, _ = frames.assemble("rev1_crc", 18, [p])
    check("§4.3 KEEPALIVE2 rev1 crc", b.hex(),
          "1201" "08000000" "0800" + "00" * 18 + "0000" "d8d5f599"
          "0100000002000000" "d3138c85")
    b, _ = frames.assemble("rev0_crc", 18, [p])
    check("§4.3 KEEPALIVE2 rev0 crc", b.hex(),
          "1201" "08000000" "0800" + "00" * 18 + "0000" "d8d5f599"
          "0100000002000000" "00" "d3138c85" + "00000000" * 3)
    b, _ = frames.assemble("rev1_crc", 16, [b""])
    check("§4.3 WAIT rev1 crc", b.hex(),
          "1001" "00000000" "0800" + "00" * 18 + "0000" "c8e3aab0")


def frame_lengths():
    # src/test/msgr/test_frames_v2.cc round_trip_instances, column by
    # column: on-wire lengths per mode (rev0 crc, rev0 secure, rev1 crc,
    # rev1 secure) of preamble, each segment and epilogue.
    pre_len = (32, 32, 32, 96)
    seg0 = {0: (0, 0, 0, 0), 1: (1, 16, 5, 0), 48: (48, 48, 52, 0),
            49: (49, 64, 53, 32)}
    front = {101: (101, 112, 101, 112)}
    middle = {202: (202, 208, 202, 208)}
    data = {303: (303, 304, 303, 304)}
    epi = (17, 32, 13, 32)
    modes = ("rev0_crc", "rev0_secure", "rev1_crc", "rev1_secure")
    sec = frames.Secure(bytes(range(64)), "server", 0)
    n = 0
    for h in (0, 1, 48, 49):
        for f in (0, 101):
            for m in (0, 202):
                for d in (0, 303):
                    segs = [b"H" * h, b"F" * f, b"M" * m, b"D" * d]
                    nseg = frames.calc_num_segments(segs)
                    for k, mode in enumerate(modes):
                        want = pre_len[k] + seg0[h][k]
                        want += front[f][k] if f else 0
                        want += middle[m][k] if m else 0
                        want += data[d][k] if d else 0
                        if not mode.startswith("rev1") or nseg > 1:
                            want += epi[k]
                        b, _ = frames.assemble(mode, 123, segs, sec=sec)
                        got = frames.decode(mode, b, sec)
                        if len(b) != want or got.segs != segs[:nseg]:
                            FAILS.append(f"round trip {h}+{f}+{m}+{d} "
                                         f"{mode}")
                            print(f"FAIL {h}+{f}+{m}+{d} {mode}: "
                                  f"{len(b)} != {want}")
                        n += 1
    print(f"ok   test_frames_v2.cc on-wire lengths and round trips ({n})")


def gcm_known_answers():
    # McGrew & Viega, "The Galois/Counter Mode of Operation", test case 2.
    ct = crypto.gcm_seal(bytes(16), bytes(12), bytes(16))
    check("GCM test case 2", ct.hex(),
          "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf")
    check("GCM peek = decrypt without tag", crypto.gcm_peek(
        bytes(16), bytes(12), ct[:16]), bytes(16))
    # Ceph's AES128GCM_OnWireTxHandler test (TEST(AESGCMTxHandler,
    # fits_recording)): key = material[0:16], nonce = material[16:28],
    # the first operation uses the nonce unchanged.
    material = b"mock of crypto material for deriving key and nonce for AES GCM"
    key, nonce = material[:16], material[16:28]
    out = crypto.gcm_seal(key, nonce,
                          b"mock of plain text for AES GCM cipher")
    check("Ceph AESGCMTxHandler fits_recording", out.hex(),
          "4da2a61ba52e200da33e566f368cf3431ae58155b2318c79e516aeab80abd9e4"
          "1391ad447d" "f4919e370edca8b2c6ebf803e96242c5")
    seq = crypto.NonceSeq(nonce, rev1=False)
    check("nonce sequence: first use unchanged", seq.next(), nonce)
    check("nonce sequence: msgr2.0 bumps the first le32", seq.next(),
          (int.from_bytes(nonce[:4], "little") + 1).to_bytes(4, "little") +
          nonce[4:])
    n = bytes.fromhex("ffffffff" "feffffffffffffff")
    check("msgr2.0 wrap", crypto.nonce_add(n, 1, False).hex(),
          "00000000" "feffffffffffffff")
    check("msgr2.1 wrap", crypto.nonce_add(n, 2, True).hex(),
          "ffffffff" "0000000000000000")
    s = bytes(range(64))
    check("create_handler_pair client", crypto.role_nonces(s, "client"),
          (s[:16], s[16:28], s[28:40]))
    check("create_handler_pair server", crypto.role_nonces(s, "server"),
          (s[:16], s[28:40], s[16:28]))


def inet_matches_glibc():
    rnd = random.Random(2)
    texts = ["1.2.3.4", "01.2.3.4", "1.2.3", "256.0.0.1", "0.0.0.0",
             "1.2.3.4.5", "", "1..2.3", "::", "::1", "1::", ":", ":::",
             "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "::ffff:1.2.3.4",
             "::1.2.3.4", "1::2::3", "fe80::1", "FE80::A", "12345::",
             "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4",
             "1:2:3:4:5:6:7:1.2.3.4", "::ffff:1", "0:0:0:0:0:0:0:0"]
    for _ in range(300):
        texts.append(":".join(rnd.choice(["0", "1", "ab", "ffff", "", "10"])
                              for _ in range(rnd.randint(1, 9))))
    bad = 0
    for t in texts:
        for fam, mine in ((socket.AF_INET, inet.pton4),
                          (socket.AF_INET6, inet.pton6)):
            try:
                want = socket.inet_pton(fam, t)
            except OSError:
                want = None
            if mine(t) != want:
                bad += 1
                print(f"FAIL pton {fam} {t!r}: {mine(t)!r} != {want!r}")
    for _ in range(2000):
        b = bytes(rnd.choice([0, 0, 0, 1, 0xFF, rnd.randrange(256)])
                  for _ in range(16))
        if inet.ntop6(b) != socket.inet_ntop(socket.AF_INET6, b):
            bad += 1
            print(f"FAIL ntop6 {b.hex()}")
    for b in (bytes(16), bytes(15) + b"\x01", bytes(10) + b"\xff\xff" +
              b"\x01\x02\x03\x04", bytes(12) + b"\x01\x02\x03\x04",
              bytes(11) + b"\x01" + bytes(4)):
        if inet.ntop6(b) != socket.inet_ntop(socket.AF_INET6, b):
            bad += 1
            print(f"FAIL ntop6 {b.hex()}")
    check("inet_pton/inet_ntop agree with glibc", bad, 0)
    for s, want in (("42", 42), ("", 0), (" 7x", 7), ("-5", -5),
                    ("4294970596", 3300), ("99999999999", 1215752191),
                    ("99999999999999999999", -1)):
        check(f"atoi({s!r})", inet.c_atoi(s), want)


def whole_sessions():
    """Every transcript (vectors/transcripts/) and capture
    (vectors/captures/) replays: bytes a real ceph-mon 16.2.15 sent or
    accepted.  Every crc and GCM tag checks, the payloads decode, and both
    AUTH_SIGNATUREs are recomputed wherever the session key is known
    (auth none: the empty key).  msgr1_port.json is msgr1's banner."""
    import json
    root = pathlib.Path(__file__).resolve().parent.parent
    paths = sorted((root / "transcripts").glob("*.json")) + \
        sorted((root / "captures").glob("*.json"))
    for path in paths:
        doc = json.loads(path.read_text())
        for label, c2s, s2c, key, sec, neg, exp in transcript.sessions(doc):
            if path.name == "msgr1_port.json":
                exp = {"error": "M2_E_MSGR1"}
            r = transcript.dissect(c2s, s2c, key, sec)
            why = transcript.verdict(r, key, neg, exp)
            check(f"replay {path.parent.name}/{path.name} {label}".strip(),
                  why, None)
            if r.auth_method == transcript.AUTH_NONE and r.auth_done:
                check(f"replay {path.name}{' ' + label if label else ''}: "
                      "both signatures recomputed", r.sig, ["ok", "ok"])


def main():
    crc_known_answers()
    real_ceph_bytes()
    worked_examples()
    frame_lengths()
    gcm_known_answers()
    inet_matches_glibc()
    whole_sessions()
    print(f"selftest: {len(FAILS)} failed")
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
