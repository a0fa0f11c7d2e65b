# SPDX-License-Identifier: MIT
"""The reference's cephx authorizer (AUTH_MODE_AUTHORIZER) against a real
Ceph monitor (Debian's ceph-mon 16.2.15, ci/realmon.sh, ports 14740 and
14741): m2client -n mon.b presents the ticket a monitor makes for a peer
monitor (service MON, secret_id -1, sealed with the "mon." key), answers
the monitor's challenge and checks CephXAuthorizeReply, in crc and secure
mode, on a lossless session that then survives SESSION_RECONNECT.  The
monitor must refuse a replayed authorizer (the old answer to a new
challenge) and an authorizer sealed with the wrong "mon." key, each with
-EACCES, and its log (debug_auth 10) must say why.

The committed transcripts in vectors/transcripts/ are checked offline: the
ticket in each AUTH_REQUEST opens with the recorded "mon." key and holds
the recorded session key, and both AUTH_SIGNATUREs verify with it.
"""
import json
import os
import re
import shutil
import struct
import sys
import time

import pytest

from conftest import BUILD_DIR, ROOT, run

sys.path.insert(0, str(ROOT / "vectors" / "gen"))
from m2gen import cephx as X  # noqa: E402
from m2gen import crypto  # noqa: E402

REALMON = ROOT / "ci" / "realmon.sh"
M2CLIENT = BUILD_DIR / "tools" / "m2client"
TRANSCRIPTS = ROOT / "vectors" / "transcripts"
V2PORT, V1PORT = 14740, 14741

live = pytest.mark.skipif(os.geteuid() != 0 and
                          shutil.which("ceph-mon") is None,
                          reason="needs root to install ceph-mon")


class Mon:
    def __init__(self, d):
        self.dir = d
        r = run(["bash", REALMON, "start", d, "--auth", "cephx", "--mode",
                 "secure crc", "--v2port", V2PORT, "--v1port", V1PORT,
                 "--mon-opt", "debug_auth = 10"], timeout=600)
        assert r.returncode == 0, r.stdout + r.stderr
        self.keyring = os.path.join(d, "keyring")
        self.log = os.path.join(d, "log", "ceph-mon.a.log")
        self.addr = "v2:127.0.0.1:%d" % V2PORT

    def stop(self):
        run(["bash", REALMON, "stop", self.dir], timeout=60)

    def log_since(self, mark, until=None):
        """The monitor's log after |mark|; with |until|, wait (at most
        5 s) for that text, since the monitor writes its log
        asynchronously."""
        deadline = time.monotonic() + 5
        while True:
            with open(self.log, errors="replace") as fp:
                fp.seek(mark)
                text = fp.read()
            if until is None or until in text or \
                    time.monotonic() > deadline:
                return text
            time.sleep(0.05)

    def log_mark(self):
        return os.path.getsize(self.log)


@pytest.fixture(scope="module")
def mon(tmp_path_factory):
    # realmon.sh stops the monitor itself when start fails
    m = Mon(str(tmp_path_factory.mktemp("mon-authz")))
    try:
        yield m
    finally:
        m.stop()


def m2client(mon, *args):
    return run([M2CLIENT, "--timeout", "5000", "-m", mon.addr, "--auth",
                "cephx", *args], timeout=60)


@live
@pytest.mark.parametrize("mode", ["crc", "secure"])
def test_authorizer_accepted(mon, mode):
    mark = mon.log_mark()
    r = m2client(mon, "-n", "mon.b", "-k", mon.keyring, "--mode", mode,
                 "--lossless", "--keepalive", "--negotiated")
    assert r.returncode == 0, r.stderr
    assert "mode %s auth cephx global_id 0" % mode in r.stderr
    assert "keepalive: acked" in r.stderr
    log = mon.log_since(mark, "reply_bl.length()=")
    assert "verify_authorizer decrypted service mon secret_id=" \
           "18446744073709551615" in log
    m = re.search(r"got server_challenge\+1 (\d+) expecting (\d+)", log)
    assert m and m.group(1) == m.group(2), log[-2000:]
    # CephXAuthorizeReply: le32 + AES of (9 + 9) = 36 bytes in crc; in
    # secure v2 with the 64-byte secret: le32 + AES of (9 + 13 + 64) = 100
    want = 100 if mode == "secure" else 36
    assert "verify_authorizer ok nonce" in log
    assert "reply_bl.length()=%d" % want in log


@live
@pytest.mark.parametrize("mode", ["crc", "secure"])
def test_authorizer_session_reconnects(mon, mode):
    r = m2client(mon, "-n", "mon.b", "-k", mon.keyring, "--mode", mode,
                 "--lossless", "--keepalive", "--reconnect", "--negotiated")
    assert r.returncode == 0, r.stderr
    assert "reconnected: connect_seq 1" in r.stderr
    assert r.stderr.count("keepalive: acked") == 2


@live
@pytest.mark.parametrize("mode", ["crc", "secure"])
def test_replayed_authorizer_refused(mon, mode):
    mark = mon.log_mark()
    r = m2client(mon, "-n", "mon.b", "-k", mon.keyring, "--mode", mode,
                 "--lossless", "--replay-authorizer")
    assert r.returncode == 0, r.stderr
    assert "replayed authorizer refused" in r.stderr
    assert "-13 (permission denied)" in r.stderr
    deadline = time.monotonic() + 5
    while True:
        log = mon.log_since(mark)
        pairs = re.findall(r"got server_challenge\+1 (\d+) expecting "
                           r"(\d+)", log)
        if len(pairs) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert len(pairs) == 2, log[-2000:]
    assert pairs[0][0] == pairs[0][1]          # the genuine session
    assert pairs[1][0] == pairs[0][0]          # the old answer again ...
    assert pairs[1][1] != pairs[1][0]          # ... to a new challenge


@live
def test_wrong_mon_key_refused(mon):
    mark = mon.log_mark()
    wrong = run(["ceph-authtool", "--gen-print-key"]).stdout.strip()
    r = m2client(mon, "-n", "mon.b", "--key", wrong, "--mode", "crc",
                 "--lossless", "--keepalive")
    assert r.returncode == 1
    assert "refused cephx: -13 (permission denied)" in r.stderr
    want = "verify_authorizer could not decrypt ticket info: error: " \
           "bad magic"
    log = mon.log_since(mark, want)
    assert want in log


@live
def test_client_name_with_mon_key_accepted(mon):
    """The monitor does not tie the authorizer to the HELLO's entity type:
    a peer calling itself client.x with a valid "mon." ticket is let in
    (get_auth_authorize_handler picks the handler by peer type; cephx
    verifies the ticket only)."""
    key = None
    with open(mon.keyring) as fp:
        sect = None
        for ln in fp:
            m = re.match(r"\s*\[(.*)\]", ln)
            if m:
                sect = m.group(1)
            m = re.match(r"\s*key\s*=\s*(\S+)", ln)
            if m and sect == "mon.":
                key = m.group(1)
    r = m2client(mon, "-n", "client.x", "--key", key, "--authorizer",
                 "--mode", "crc", "--keepalive", "--negotiated")
    assert r.returncode == 0, r.stderr
    assert "global_id 0" in r.stderr


# -- the committed transcripts, offline -------------------------------------

def _frames(data, secure, stop_tag):
    """Banner, plain frames through |stop_tag|, then the AUTH_SIGNATURE
    frame (plain, or the 96 raw bytes of msgr2.1 secure mode)."""
    assert data[:8] == b"ceph v2\n"
    off = 10 + struct.unpack("<H", data[8:10])[0]
    out = []
    while True:
        tag = data[off]
        (l0,) = struct.unpack("<I", data[off + 2:off + 6])
        out.append((tag, data[off + 32:off + 32 + l0]))
        off += 32 + l0 + (4 if l0 else 0)
        out[-1] += (off,)
        if tag == stop_tag:
            break
    if secure:
        out.append((7, data[off:off + 96], off + 96))
    else:
        (l0,) = struct.unpack("<I", data[off + 2:off + 6])
        assert data[off] == 7
        out.append((7, data[off + 32:off + 32 + l0], off + 32 + l0 + 4))
    return out


def _connections(doc):
    if "connections" in doc:
        return doc["connections"]
    return [doc]


@pytest.mark.parametrize("name", ["mon_authz_crc", "mon_authz_secure",
                                  "mon_authz_secure_reconnect"])
def test_transcript_checks_out(name):
    doc = json.load(open(TRANSCRIPTS / (name + ".json")))
    mon_key = bytes.fromhex(doc["authorizer"]["mon_key"])
    conns = _connections(doc)
    assert len(conns) == (2 if "reconnect" in name else 1)
    for conn in conns:
        secure = conn["negotiated"]["con_mode"] == "secure"
        sk = bytes.fromhex(conn["secrets"]["session_key"])
        c2s = bytes.fromhex(conn["client_to_server"])
        s2c = bytes.fromhex(conn["server_to_client"])
        cf = _frames(c2s, secure, 5)
        sf = _frames(s2c, secure, 6)
        assert [f[0] for f in cf] == [1, 2, 5, 7]
        assert [f[0] for f in sf] == [1, 4, 6, 7]
        areq = cf[1][1]
        nm = struct.unpack("<I", areq[4:8])[0]
        authz = areq[8 + 4 * nm + 4:]
        r = X.Reader(authz)
        assert (r.u8(), r.le64(), r.le32()) == (1, 0, X.MON)
        r.u8()
        assert r.le64() == 2**64 - 1
        info = X.dec_bl(mon_key, r.take(r.le32()))
        assert info.endswith(sk)                # the ticket's session key
        sec = b""
        if secure:
            sec = bytes.fromhex(conn["secrets"]["connection_secret"])
            assert len(sec) == 64
        done = sf[2][1]
        reply = X.dec_bl(sk, done[20:])
        assert reply[0] == (2 if secure else 1)
        if secure:
            assert reply[13:] == sec
        want_c = X.hmac_sha256(sk, s2c[:sf[2][2]])
        want_s = X.hmac_sha256(sk, c2s[:cf[2][2]])
        got_c, got_s = cf[3][1], sf[3][1]
        if secure:
            k, na, nb = crypto.split_secret(sec)
            got_c = crypto.gcm_open(k, nb, got_c)[32:64]
            got_s = crypto.gcm_open(k, na, got_s)[32:64]
        assert got_c == want_c, "client AUTH_SIGNATURE"
        assert got_s == want_s, "monitor AUTH_SIGNATURE"
