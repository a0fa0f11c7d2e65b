#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""cephx_extract.py: turn a capture_cephx.sh run into
vectors/captures/cephx/cephx_keyed_<mode>_c<k>.json, one file per TCP stream,
each with what it takes to check the cephx exchange end to end: the
keyring (throwaway test keys), the monitor's rotating secrets (logged at
debug_auth 30 by KeyServer::_rotate_secret), the monitor's and the CLI's
log lines about this exchange (server_challenge, req.key/expected_key,
client_challenge, the session keys the CLI decrypted), and both byte
streams up to and including AUTH_SIGNATURE (what follows is the monmap and
config the CLI fetched, not needed here).

  cephx_extract.py --pcap F --server-port P --keyring K --mon-log L
                   --run MODE:CLILOG:COMMAND [--run ...] --out DIR

Each --run is one CLI invocation, in the order they ran; its connections
are the streams whose server challenge appears in its log.  Only the first
frames (banner, HELLO, AUTH_*) are parsed here, to find the server
challenge; vectors/gen/m2gen/cephx.py does the checking.
"""

import argparse
import json
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from pcap2json import streams, CEPH_VERSION  # noqa: E402


def first_frames(data, want):
    """Yield (tag, payload) of the plain rev1 frames after the banner,
    stopping after |want| frames."""
    if data[:8] != b"ceph v2\n":
        raise ValueError("no banner")
    (n,) = struct.unpack("<H", data[8:10])
    off = 10 + n
    out = []
    while len(out) < want and off + 32 <= len(data):
        tag, nseg = data[off], data[off + 1]
        (l0,) = struct.unpack("<I", data[off + 2:off + 6])
        if nseg != 1:
            break
        out.append((tag, data[off + 32:off + 32 + l0]))
        off += 32 + l0 + (4 if l0 else 0)
    return out


def auth_prefix(data, last_tag, secure):
    """The bytes up to and including the AUTH_SIGNATURE frame: the banner,
    plain frames through |last_tag| (AUTH_REQUEST_MORE from the client,
    AUTH_DONE from the server), then AUTH_SIGNATURE: plain in crc mode,
    96 bytes in msgr2.1 secure mode (preamble block, 48 inline bytes, tag)."""
    (n,) = struct.unpack("<H", data[8:10])
    off = 10 + n
    while True:
        tag = data[off]
        (l0,) = struct.unpack("<I", data[off + 2:off + 6])
        off += 32 + l0 + (4 if l0 else 0)
        if tag == last_tag:
            break
    if secure:
        return data[:off + 96]
    (l0,) = struct.unpack("<I", data[off + 2:off + 6])
    assert data[off] == 7
    return data[:off + 32 + l0 + 4]


def keyring(path):
    keys, cur = {}, None
    for ln in open(path):
        m = re.match(r"\s*\[(.*)\]", ln)
        if m:
            cur = m.group(1)
        m = re.match(r"\s*key\s*=\s*(\S+)", ln)
        if m and cur:
            keys[cur] = m.group(1)
    return keys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pcap", required=True)
    ap.add_argument("--server-port", type=int, required=True)
    ap.add_argument("--keyring", required=True)
    ap.add_argument("--mon-log", required=True)
    ap.add_argument("--run", action="append", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    mon = open(a.mon_log, errors="replace").read().splitlines()
    rot = []
    for ln in mon:
        m = re.search(r"_rotate_secret adding (\w+) id (\d+) (\S+) expires",
                      ln)
        if m:
            rot.append({"service": m.group(1), "id": int(m.group(2)),
                        "key": m.group(3)})
    runs = []
    for r in a.run:
        mode, log, cmd = r.split(":", 2)
        runs.append((mode, open(log, errors="replace").read().splitlines(),
                     cmd))
    conns = streams(a.pcap, {a.server_port})
    count = {}
    for c in conns:
        c2s, s2c = c.c2s.assemble(), c.s2c.assemble()
        fr = first_frames(s2c, 2)
        if len(fr) < 2 or fr[1][0] != 4:
            raise SystemExit("stream %d: no AUTH_REPLY_MORE" % c.client[1])
        ch = "%x" % struct.unpack("<Q", fr[1][1][5:13])[0]
        mine = None
        for mode, lines, cmd in runs:
            for i, ln in enumerate(lines):
                if ln.endswith("got initial server challenge " + ch):
                    j = i + 1
                    while j < len(lines) and "cephx client: reset" not in \
                            lines[j] and "initial server challenge" not in \
                            lines[j]:
                        j += 1
                    cl = [x[x.index(" cephx"):].strip() for x in lines[i:j]
                          if " cephx" in x]
                    mine = (mode, cmd, cl)
        if mine is None:
            raise SystemExit("stream with challenge %s: no CLI log" % ch)
        ml = []
        for i, ln in enumerate(mon):
            if ln.endswith("server_challenge " + ch):
                for x in mon[i:i + 80]:
                    if "cephx server" in x and ("checking" in x or
                                                "server_challenge" in x or
                                                "adding key" in x or
                                                "global_id" in x):
                        ml.append(x[x.index("cephx server"):].strip())
                    if "handle_auth_request" in x and "r 1" in x:
                        break
        mode, cmd, cl = mine
        count[mode] = count.get(mode, 0) + 1
        name = "cephx_keyed_%s_c%d" % (mode, count[mode])
        doc = {
            "description": "connection %d of the Debian ceph CLI (16.2.15) "
                           "in %s mode: `%s`; the keyring's keys and the "
                           "monitor's rotating secrets are throwaway test "
                           "keys, recorded so that the whole cephx exchange "
                           "can be decrypted and checked"
                           % (count[mode], mode, cmd),
            "ceph_version": CEPH_VERSION,
            "command": cmd,
            "mode": mode,
            "keyring": keyring(a.keyring),
            "rotating": rot,
            "mon_log": ml,
            "client_log": cl,
            "client_to_server": auth_prefix(c2s, 5, mode == "secure").hex(),
            "server_to_client": auth_prefix(s2c, 6, mode == "secure").hex(),
        }
        with open(os.path.join(a.out, name + ".json"), "w") as fp:
            json.dump(doc, fp, indent=1)
            fp.write("\n")
        print("cephx_extract: %s (challenge %s)" % (name, ch))


if __name__ == "__main__":
    main()
