#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""authz_extract.py: turn a capture_authz.sh run into
vectors/captures/authz/mon_authz_<mode>_c<k>.json, one file per TCP stream
on which one monitor presented a cephx authorizer to the other and got
AUTH_DONE.  Each file holds what it takes to check the exchange end to
end: the keyring (throwaway test keys; the "mon." key seals the ticket),
the accepting monitor's cephx log lines (the challenge it issued, the
answer it got, "verify_authorizer ok nonce ..."), the dialing monitor's
log lines for the connection (its auth frames and "ready"), and both byte
streams up to and including AUTH_SIGNATURE.  Streams from the ceph CLI
(HELLO entity type client) and streams that ended before AUTH_DONE (a
connection race) are skipped.  vectors/gen/m2gen/cases_authz.py does the
checking.

  authz_extract.py --port a=PA --port b=PB --run MODE:DIR [--run ...]
                   --out OUT
"""

import argparse
import json
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from pcap2json import streams, short, CEPH_VERSION  # noqa: E402
from cephx_extract import auth_prefix, keyring  # noqa: E402

ENTITY_MON = 1


def plain_frames(data):
    """(tag, payload) of the plain frames after the banner, up to the
    first one that does not parse as a one-segment rev1 frame."""
    (n,) = struct.unpack("<H", data[8:10])
    off, out = 10 + n, []
    while off + 32 <= len(data):
        tag, nseg = data[off], data[off + 1]
        (l0,) = struct.unpack("<I", data[off + 2:off + 6])
        if nseg != 1 or tag not in (1, 2, 3, 4, 5, 6, 7):
            break
        out.append((tag, data[off + 32:off + 32 + l0]))
        off += 32 + l0 + (4 if l0 else 0)
        if tag in (5, 6):
            break
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", action="append", required=True)
    ap.add_argument("--run", action="append", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    ports = {}
    for p in a.port:
        name, port = p.split("=")
        ports[int(port)] = name
    for r in a.run:
        mode, d = r.split(":", 1)
        secure = mode == "secure"
        keys = keyring(os.path.join(d, "keyring"))
        logs = {}
        for name in ports.values():
            logs[name] = open(os.path.join(d, "log", "ceph-mon.%s.log"
                                           % name),
                              errors="replace").read().splitlines()
        k = 0
        for c in streams(os.path.join(d, "authz.pcap"), set(ports)):
            c2s, s2c = c.c2s.assemble(), c.s2c.assemble()
            cf, sf = plain_frames(c2s), plain_frames(s2c)
            tags_c = [t for t, _ in cf]
            tags_s = [t for t, _ in sf]
            if not cf or cf[0][1][0] != ENTITY_MON:
                continue
            if 5 not in tags_c or 6 not in tags_s:
                print("authz_extract: %s: %d -> %d ends before AUTH_DONE "
                      "(%s / %s), skipped" % (mode, c.client[1],
                                              c.server[1], tags_c, tags_s))
                continue
            srv = ports[c.server[1]]
            dialer = [n for n in ports.values() if n != srv][0]
            sl = [ln[ln.index("cephx: "):].strip() for ln in logs[srv]
                  if "cephx: " in ln and "authorizer" in ln]
            peer = ">> v2:127.0.0.1:%d/0 " % c.server[1]
            cl = [short(ln) for ln in logs[dialer]
                  if peer in ln and ("handle_auth" in ln or
                                     ").ready " in ln)]
            k += 1
            name = "mon_authz_%s_c%d" % (mode, k)
            doc = {
                "description": "ceph-mon 16.2.15 mon.%s dialing mon.%s in %s "
                               "mode (a two-monitor cluster on loopback, "
                               "cephx): the authorizer exchange up to "
                               "AUTH_SIGNATURE; the keys are throwaway "
                               "test keys, recorded so that the exchange "
                               "can be decrypted and checked"
                               % (dialer, srv, mode),
                "ceph_version": CEPH_VERSION,
                "mode": mode,
                "dialer": "mon." + dialer,
                "acceptor": "mon." + srv,
                "keyring": keys,
                "acceptor_log": sl,
                "dialer_log": cl,
                "client_to_server": auth_prefix(c2s, 5, secure).hex(),
                "server_to_client": auth_prefix(s2c, 6, secure).hex(),
            }
            with open(os.path.join(a.out, name + ".json"), "w") as fp:
                json.dump(doc, fp, indent=1)
                fp.write("\n")
            print("authz_extract: %s (mon.%s -> mon.%s)" % (name, dialer,
                                                             srv))


if __name__ == "__main__":
    main()
