# SPDX-License-Identifier: MIT
"""The deliberately broken reference server (m2/fault.h): each fault is
live.

For every fault, a minimal probe (tests/wireprobe.py, or the reference
client m2client) is run twice: against the m2server under test
(build/$M2_BUILD, release by default), where it sees what Ceph requires,
and against build/faults/tools/m2server --fault NAME, where it sees the
bug.  So each fault is observable over the
network from the client side, and the conformance suite has something
real to catch (conformance/faults.md says which kind of case catches
which fault).

The faults build is made here, not by `make all`: `make BUILD=faults
build/faults/tools/m2server` (about 5 s from clean with -j2, nothing when
up to date).  Ports 15900-15979.
"""
import base64
import os
import signal
import struct
import subprocess
import time

import pytest

import wireprobe as w
from conftest import BUILD_DIR, ROOT, run

CLEAN = BUILD_DIR / "tools"             # the build under test (release)
FAULTS = ROOT / "build" / "faults" / "tools"
PORT0 = 15900


def fault_names():
    """The names m2/fault.h declares, from the source (no build needed)."""
    src = (ROOT / "ref" / "src" / "fault.c").read_text()
    return [line.split('"')[1] for line in src.splitlines()
            if "] = \"" in line and '"none"' not in line]


@pytest.fixture(scope="module")
def faults_build():
    """build/faults/tools/m2server, made here; M2_FAULTS_SERVER names
    another faults-build binary instead (e.g. one with sanitizers)."""
    if os.environ.get("M2_FAULTS_SERVER"):
        return os.environ["M2_FAULTS_SERVER"]
    r = run(["make", "-j2", "BUILD=faults", "build/faults/tools/m2server"],
            timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    return FAULTS / "m2server"


@pytest.fixture(scope="module")
def keyring(tmp_path_factory):
    """A keyring with mon. and client.admin (fixed keys: no ceph-authtool
    needed): CryptoKey = le16 type 1, utime, le16 16, 16 secret bytes."""
    path = tmp_path_factory.mktemp("faults") / "keyring"
    text = ""
    for i, name in enumerate(("mon.", "client.admin")):
        secret = bytes((i * 16 + k) & 0xff for k in range(16))
        key = struct.pack("<HIIH", 1, 1700000000, 0, 16) + secret
        text += (f"[{name}]\n\tkey = {base64.b64encode(key).decode()}\n"
                 f"\tcaps mon = \"allow *\"\n")
    path.write_text(text)
    return path


class Server:
    """m2server on 127.0.0.1:port with a deadline; stopped by its pid."""

    def __init__(self, binary, port, args, log):
        self.port, self.log = port, log
        if os.path.exists(log):
            os.unlink(log)
        self.p = subprocess.Popen(
            [str(binary), "--bind", f"v2:127.0.0.1:{port}", "--lifetime",
             "60", "--log", str(log), *[str(a) for a in args]],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(100):
            if os.path.exists(log) and "listening" in open(log).read():
                return
            if self.p.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise AssertionError(f"m2server did not start: {self.p.stderr.read()}")

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(10)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()

    def text(self):
        return open(self.log).read() if os.path.exists(self.log) else ""


# -- the probes: each returns one observation, compared below ---------------

def banner_then_next(port):
    with w.Probe(port) as p:
        p.banner()
        return p.outcome()[:2]


def bad_hello_then_auth(port, **bad):
    """HELLO with one defect, then a valid AUTH_REQUEST."""
    with w.Probe(port) as p:
        p.banner()
        p.expect(w.HELLO)
        p.send_frame(w.HELLO, p.hello_payload(), **bad)
        p.send_frame(w.AUTH_REQUEST, p.auth_request_payload())
        return p.outcome()[:2]


def hello_two_segments_then_auth(port, late):
    """HELLO as a two-segment frame (Ceph decodes the last one) with
    late_status |late|, then AUTH_REQUEST."""
    with w.Probe(port) as p:
        p.banner()
        p.expect(w.HELLO)
        p.send(p.frame(w.HELLO, [b"", p.hello_payload()], late=late))
        p.send_frame(w.AUTH_REQUEST, p.auth_request_payload())
        return p.outcome()[:2]


def huge_length_when_ready(port):
    """In READY, a KEEPALIVE2 preamble claiming 2^31 bytes, and nothing
    after it: a capped server closes; an uncapped one waits for them."""
    with w.Probe(port) as p:
        p.to_ready()
        p.send(p.frame(w.KEEPALIVE2, [b"x"], lens=[1 << 31, 0, 0, 0])[:32])
        return p.outcome(timeout=1.5)[:1]


def banner_requiring_unknown(port):
    with w.Probe(port) as p:
        p.banner(required=0x100)
        return p.outcome()[:2]


def hello_with_trailing(port):
    with w.Probe(port) as p:
        p.banner()
        p.expect(w.HELLO)
        p.send_frame(w.HELLO, p.hello_payload() + b"\0\0\0\0")
        p.send_frame(w.AUTH_REQUEST, p.auth_request_payload())
        return p.outcome()[:2]


def message_before_auth(port):
    with w.Probe(port) as p:
        p.to_auth()
        p.send_frame(w.MESSAGE, p.header2(1, w.MSG_MON_GET_MAP))
        p.send_frame(w.AUTH_REQUEST, p.auth_request_payload())
        return p.outcome()[:2]


def auth_request(port, modes=(w.CRC,)):
    with w.Probe(port) as p:
        p.to_auth()
        p.send_frame(w.AUTH_REQUEST, p.auth_request_payload(modes=modes))
        return p.outcome()[:2]


def wrong_signature(port):
    with w.Probe(port) as p:
        p.to_auth()
        p.send_frame(w.AUTH_REQUEST, p.auth_request_payload())
        p.expect(w.AUTH_DONE)
        p.expect(w.AUTH_SIGNATURE)
        p.send_frame(w.AUTH_SIGNATURE, b"\x55" * 32)
        p.send_frame(w.CLIENT_IDENT, p.client_ident_payload())
        return p.outcome()[:2]


def ident(port, **kw):
    with w.Probe(port) as p:
        return w.Probe.parse_ident(p.to_ready(**kw))


def ident_ports_match(port):
    return ident(port)[0] == [port]


def global_seq_grows(port):
    return ident(port)[2] < ident(port)[2]


def lossless_cookie(port):
    _ports, _gid, _gseq, flags, cookie = ident(port, lossy=False,
                                                cookie=0x77)
    assert flags == 0, "the server did not grant a lossless session"
    return cookie != 0


def keepalive_echo(port):
    with w.Probe(port) as p:
        p.to_ready()
        p.send_frame(w.KEEPALIVE2, struct.pack("<II", 1, 2))
        return p.expect(w.KEEPALIVE2_ACK) == struct.pack("<II", 1, 2)


def reply_ack_seq(port):
    with w.Probe(port) as p:
        p.to_ready()
        p.send_frame(w.MESSAGE, p.header2(1, w.MSG_MON_GET_MAP))
        for _ in range(8):
            tag, segs = p.recv_frame()
            if tag == w.MESSAGE:
                return struct.unpack("<Q", segs[0][28:36])[0]
        raise AssertionError("no MESSAGE in reply to MON_GET_MAP")


def stale_reconnect(port):
    """A lossless session (CLIENT_IDENT global_seq 1), closed; then
    SESSION_RECONNECT with the cookies and global_seq 0."""
    with w.Probe(port) as p:
        _ports, _gid, _gseq, flags, scookie = w.Probe.parse_ident(
            p.to_ready(lossy=False, cookie=0x77))
        assert flags == 0, "the server did not grant a lossless session"
    with w.Probe(port) as p:
        p.to_signed()
        p.send_frame(w.SESSION_RECONNECT,
                     w.Probe.reconnect_payload(0x77, scookie, 0, 1))
        return p.outcome()[:2]


def m2client_secure(port, keyring):
    """The release client, cephx secure, `mon dump`: (rc, last line)."""
    r = run([CLEAN / "m2client", "-m", f"v2:127.0.0.1:{port}", "-n",
             "client.admin", "-k", keyring, "--auth", "cephx", "--mode",
             "secure", "--timeout", "3000", "mon", "dump"], timeout=30)
    return r.returncode, (r.stderr.strip().splitlines() or [""])[-1]


NONE_CRC = ["--auth", "none", "--mode", "crc"]
CEPHX_SECURE = ["--auth", "cephx", "--mode", "secure", "-k", "KEYRING"]

# fault: (server args, probe, what the release server shows, what the
# faulty one shows).  Expected values that are callables are predicates.
CASES = {
    "preamble-crc-seed": (NONE_CRC, banner_then_next, ("frame", w.HELLO),
                          ("badframe", "preamble crc")),
    "segment-crc-seed": (NONE_CRC, banner_then_next, ("frame", w.HELLO),
                         ("badframe", "segment 0 crc")),
    "preamble-crc-unchecked": (
        NONE_CRC, lambda port: bad_hello_then_auth(port,
                                                   bad_preamble_crc=True),
        ("close",), ("frame", w.AUTH_DONE)),
    "segment-crc-unchecked": (
        NONE_CRC, lambda port: bad_hello_then_auth(port, bad_seg_crc=True),
        ("close",), ("frame", w.AUTH_DONE)),
    "aborted-processed": (
        NONE_CRC, lambda port: hello_two_segments_then_auth(
            port, w.LATE_ABORTED),
        ("close",), ("frame", w.AUTH_DONE)),
    "length-uncapped": (NONE_CRC, huge_length_when_ready, ("close",),
                        ("silence",)),
    "banner-required-ignored": (NONE_CRC, banner_requiring_unknown,
                                ("close",), ("frame", w.HELLO)),
    "trailing-rejected": (NONE_CRC, hello_with_trailing,
                          ("frame", w.AUTH_DONE), ("close",)),
    "state-unchecked": (NONE_CRC, message_before_auth, ("close",),
                        ("frame", w.AUTH_DONE)),
    "method-unoffered": (["--auth", "cephx", "--mode", "crc", "-k", "KEYRING"],
                         auth_request, ("frame", w.AUTH_BAD_METHOD),
                         ("frame", w.AUTH_DONE)),
    "mode-downgrade": (["--auth", "none", "--mode", "secure"], auth_request,
                       ("frame", w.AUTH_BAD_METHOD), ("frame", w.AUTH_DONE)),
    "signature-unchecked": (NONE_CRC, wrong_signature, ("close",),
                            ("frame", w.SERVER_IDENT)),
    "ident-wrong-addr": (NONE_CRC, ident_ports_match, True, False),
    "global-seq-stuck": (NONE_CRC, global_seq_grows, True, False),
    "cookie-zero": (NONE_CRC + ["--lossless"], lossless_cookie, True, False),
    "keepalive-stamp": (NONE_CRC, keepalive_echo, True, False),
    "ack-seq-stuck": (NONE_CRC, reply_ack_seq, 1, 0),
    "reconnect-stale-accepted": (NONE_CRC + ["--lossless"], stale_reconnect,
                                 ("frame", w.SESSION_RETRY_GLOBAL),
                                 ("frame", w.SESSION_RECONNECT_OK)),
    # msgr2.1 secure: the reference client, cephx, `mon dump`; its exit
    # code, and a word of its error for the faulty server
    "gcm-nonce-reuse": (CEPHX_SECURE, "m2client", 0,
                        "BADTAG_AEAD at frame.head.tag"),
    "inline-boundary": (CEPHX_SECURE, "m2client", 0, "timed out"),
}


def test_every_fault_has_a_probe():
    assert sorted(CASES) == sorted(fault_names())


def observe(binary, port, args, probe, keyring, tmp_path, fault=None):
    args = [keyring if a == "KEYRING" else a for a in args]
    if fault is not None:
        args += ["--fault", fault]
    log = tmp_path / f"{fault or 'clean'}.log"
    s = Server(binary, port, args, log)
    try:
        if probe == "m2client":
            return m2client_secure(port, keyring), s.text()
        return probe(port), s.text()
    finally:
        s.stop()
        err = s.p.stderr.read()
        s.p.stderr.close()
        assert "Sanitizer" not in err and "runtime error" not in err, err
        assert s.p.returncode in (0, -signal.SIGTERM), (s.p.returncode, err)


@pytest.mark.parametrize("fault", sorted(CASES))
def test_fault_is_live(fault, faults_build, keyring, tmp_path):
    args, probe, good, bad = CASES[fault]
    port = PORT0 + 2 * sorted(CASES).index(fault)
    clean, _ = observe(CLEAN / "m2server", port, args, probe, keyring,
                       tmp_path)
    broken, log = observe(faults_build, port + 1, args, probe, keyring,
                          tmp_path, fault)
    assert f"fault injected: {fault}" in log
    if probe == "m2client":
        assert clean[0] == good, f"release server: {clean}"
        assert broken[0] != 0 and bad in broken[1], \
            f"--fault {fault}: {broken}"
    else:
        assert clean == good, f"release server: {clean}"
        assert broken == bad, f"--fault {fault}: {broken}"


def test_two_segment_hello_is_fine(faults_build, tmp_path, keyring):
    """The control for aborted-processed: the same two-segment HELLO,
    complete, is accepted by the release server, so the close above is
    about late_status alone."""
    got, _ = observe(CLEAN / "m2server", PORT0 + 60, NONE_CRC,
                     lambda port: hello_two_segments_then_auth(
                         port, w.LATE_COMPLETE), keyring, tmp_path)
    assert got == ("frame", w.AUTH_DONE)


def test_release_refuses_fault():
    r = run([CLEAN / "m2server", "--bind", f"v2:127.0.0.1:{PORT0 + 62}",
             "--fault", "gcm-nonce-reuse"], timeout=10)
    assert r.returncode == 2
    assert "this build has no faults" in r.stderr


def test_faults_build_lists_and_checks_names(faults_build):
    r = run([faults_build, "--fault", "list"], timeout=10)
    assert r.returncode == 0
    assert r.stdout.split() == fault_names()
    r = run([faults_build, "--bind", f"v2:127.0.0.1:{PORT0 + 64}",
             "--fault", "no-such-fault"], timeout=10)
    assert r.returncode == 2 and "unknown fault" in r.stderr


@pytest.mark.parametrize("fault", sorted(CASES))
def test_faults_build_without_fault_is_clean(fault, faults_build, keyring,
                                             tmp_path):
    """With no --fault the faults build behaves as the reference: every
    hook is inert when off."""
    args, probe, good, _bad = CASES[fault]
    port = PORT0 + 40 + sorted(CASES).index(fault)
    got, _ = observe(faults_build, port, args, probe, keyring, tmp_path)
    assert (got[0] if probe == "m2client" else got) == good
