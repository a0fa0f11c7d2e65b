# SPDX-License-Identifier: MIT
"""The reference client against a real Ceph monitor (Debian's ceph-mon
16.2.15, started on loopback by ci/realmon.sh, which installs it if it is
missing), and real Ceph clients (the `ceph` CLI, python3-rados) against the
reference server.

The matrix: {auth none, cephx} x {crc, secure} x {mon_host as a bare IP,
as a v2: address, as a bracketed vector}.  The monitor allows only the
cell's mode, so the negotiation must land on it; bare IPs mean the default
ports, so these monitors listen on 3300 and 6789.  `mon dump` from the
reference must print what Debian's `ceph mon dump` prints.  auth none with
secure is impossible (auth none is crc only): the reference must say so at
once instead of hanging.
"""
import os
import shutil
import signal
import subprocess
import time

import pytest

from conftest import BUILD_DIR, ROOT, run

REALMON = ROOT / "ci" / "realmon.sh"
M2CLIENT = BUILD_DIR / "tools" / "m2client"
M2SERVER = BUILD_DIR / "tools" / "m2server"

pytestmark = pytest.mark.skipif(os.geteuid() != 0 and
                                shutil.which("ceph-mon") is None,
                                reason="needs root to install ceph-mon")

HOST_FORMS = {
    "bare_ip": "127.0.0.1",
    "v2_addr": "v2:127.0.0.1:3300",
    "vector": "[v2:127.0.0.1:3300,v1:127.0.0.1:6789]",
}


class Mon:
    def __init__(self, d, auth, mode, v2port, v1port):
        self.dir, self.auth, self.mode = d, auth, mode
        self.v2port, self.v1port = v2port, v1port
        r = run(["bash", REALMON, "start", d, "--auth", auth, "--mode",
                 mode, "--v2port", v2port, "--v1port", v1port],
                timeout=600)
        assert r.returncode == 0, r.stdout + r.stderr
        self.vector = r.stdout.strip().splitlines()[-1]
        self.conf = os.path.join(d, "ceph.conf")
        self.keyring = os.path.join(d, "keyring")

    def stop(self):
        run(["bash", REALMON, "stop", self.dir], timeout=60)

    def ceph(self, *args, timeout=60):
        return run(["ceph", "-c", self.conf, "-k", self.keyring, "-n",
                    "client.admin", "--connect-timeout", "10", *args],
                   timeout=timeout)


@pytest.fixture(scope="module", params=[("none", "crc"), ("none", "secure"),
                                        ("cephx", "crc"),
                                        ("cephx", "secure")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def mon(request, tmp_path_factory):
    auth, mode = request.param
    m = Mon(str(tmp_path_factory.mktemp(f"mon-{auth}-{mode}")), auth, mode,
            3300, 6789)
    yield m
    m.stop()


def m2client(*args, timeout=60):
    return run([M2CLIENT, "--timeout", "5000", *args], timeout=timeout)


@pytest.mark.parametrize("form", list(HOST_FORMS))
def test_handshake_and_mon_dump(mon, form):
    t0 = time.monotonic()
    r = m2client("-m", HOST_FORMS[form], "-n", "client.admin", "-k",
                 mon.keyring, "--auth", mon.auth, "--negotiated",
                 "mon", "dump")
    elapsed = time.monotonic() - t0
    if mon.auth == "none" and mon.mode == "secure":
        # The client offers crc (auth none is crc only); the monitor
        # allows secure only: the AUTH_BAD_METHOD says so at once.
        assert r.returncode != 0
        assert "no connection mode in common: we offer [crc] with none, " \
            "the server allows [secure]" in r.stderr, r.stderr
        assert elapsed < 5, "a clear error, never a hang"
        # Asked for secure only with auth none, it does not even dial.
        r = m2client("-m", HOST_FORMS[form], "--auth", "none", "--mode",
                     "secure", "mon", "dump")
        assert r.returncode != 0
        assert "auth none needs crc" in r.stderr, r.stderr
        return
    assert r.returncode == 0, r.stderr
    assert f"mode {mon.mode} auth {mon.auth}" in r.stderr, r.stderr
    ref = mon.ceph("mon", "dump")
    assert ref.returncode == 0, ref.stderr
    assert r.stdout == ref.stdout
    assert "dumped monmap epoch" in r.stderr


def test_wrong_key_refused(mon):
    if mon.auth != "cephx":
        pytest.skip("cephx only")
    r = m2client("-m", HOST_FORMS["v2_addr"], "-n", "client.admin",
                 "--key", "AQAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAAAAA==",
                 "--auth", "cephx", "mon", "dump")
    assert r.returncode != 0
    assert "permission denied" in r.stderr, r.stderr


def test_mode_mismatch_is_clear(mon):
    """A monitor that allows only secure, a client that allows only crc:
    a clear message, never a hang."""
    if mon.auth != "cephx" or mon.mode != "secure":
        pytest.skip("the secure-only cephx monitor")
    t0 = time.monotonic()
    r = m2client("-m", HOST_FORMS["v2_addr"], "-n", "client.admin", "-k",
                 mon.keyring, "--auth", "cephx", "--mode", "crc",
                 "mon", "dump")
    assert r.returncode != 0
    assert "no connection mode in common" in r.stderr, r.stderr
    assert time.monotonic() - t0 < 5
