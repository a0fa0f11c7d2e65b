# SPDX-License-Identifier: MIT
"""Real Ceph clients against the reference server: Debian's `ceph` CLI and
python3-rados (16.2.15, run by /usr/bin/python3) with a keyring the server
serves, in crc and in secure mode.  The handshake completes, the client's
first messages (its subscriptions) reach the server and decode, and
`ceph mon dump` prints the reference's monmap.  A msgr1 peer on the v1
port is refused cleanly and logged.
"""
import json
import os
import shutil
import signal
import subprocess
import time

import pytest

from conftest import BUILD_DIR, ROOT, run

M2SERVER = BUILD_DIR / "tools" / "m2server"
M2CLIENT = BUILD_DIR / "tools" / "m2client"

pytestmark = pytest.mark.skipif(shutil.which("ceph") is None or
                                shutil.which("ceph-authtool") is None,
                                reason="needs ceph-common (ci/deps.sh)")

V2, V1 = 14810, 14811
VECTOR = f"[v2:127.0.0.1:{V2},v1:127.0.0.1:{V1}]"
FSID = "5e1f2a3b-0c4d-4e5f-8a9b-0123456789ab"


class Server:
    def __init__(self, d, auth, mode, extra=()):
        self.dir, self.log = d, os.path.join(d, "server.log")
        self.keyring = os.path.join(d, "keyring")
        self.conf = os.path.join(d, "ceph.conf")
        if not os.path.exists(self.keyring):
            for args in (["--create-keyring", "--gen-key", "-n", "mon."],
                         ["--gen-key", "-n", "client.admin", "--cap", "mon",
                          "allow *", "--cap", "osd", "allow *", "--cap",
                          "mgr", "allow *"]):
                r = run(["ceph-authtool", self.keyring, *args])
                assert r.returncode == 0, r.stderr
        with open(self.conf, "w") as f:
            f.write(f"[global]\nmon_host = {VECTOR}\n"
                    f"auth_client_required = {auth}\n"
                    f"ms_mon_client_mode = {mode}\n")
        self.p = subprocess.Popen(
            [str(M2SERVER), "--bind", VECTOR, "-k", self.keyring, "--auth",
             auth, "--mode", mode, "--fsid", FSID, "--lifetime", "120",
             "--log", self.log, *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(50):
            if os.path.exists(self.log) and "listening" in open(self.log).read():
                break
            time.sleep(0.05)

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(10)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()

    def text(self):
        return open(self.log).read()

    def ceph(self, *args, timeout=60):
        return run(["ceph", "-c", self.conf, "-k", self.keyring, "-n",
                    "client.admin", "--connect-timeout", "10", *args],
                   timeout=timeout)


@pytest.fixture(params=["crc", "secure"])
def server(request, tmp_path):
    s = Server(str(tmp_path), "cephx", request.param)
    s.mode = request.param
    yield s
    s.stop()


def expected_dump():
    return (f"0: [v2:127.0.0.1:{V2}/0,v1:127.0.0.1:{V1}/0] mon.a\n")


def test_ceph_cli_mon_dump(server):
    r = server.ceph("mon", "dump")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("epoch 1\nfsid " + FSID + "\n")
    assert r.stdout.endswith(expected_dump())
    assert "dumped monmap epoch 1" in r.stderr
    log = server.text()
    assert f"mode {server.mode} auth cephx" in log
    # The CLI's first messages reached the server and decoded.
    assert 'subscribe what=["config"={start=0 flags=0x0},' \
        '"monmap"={start=0 flags=0x0}]' in log
    assert 'command "get_command_descriptions" -> 0' in log
    assert 'command "mon dump" -> 0' in log


def test_python_rados_mon_dump(server):
    code = (
        "import json, rados\n"
        f"r = rados.Rados(conffile={server.conf!r}, name='client.admin',"
        f" conf={{'keyring': {server.keyring!r}}})\n"
        "r.connect(timeout=10)\n"
        "ret, out, outs = r.mon_command(json.dumps({'prefix': 'mon dump'}),"
        " b'', timeout=10)\n"
        "print(ret, outs)\n"
        "print(out.decode(), end='')\n"
        "r.shutdown()\n")
    r = run(["/usr/bin/python3", "-c", code], timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("0 dumped monmap epoch 1\n")
    assert r.stdout.endswith(expected_dump())
    assert f"mode {server.mode} auth cephx" in server.text()


def test_reference_client_against_reference_server(server):
    r = run([M2CLIENT, "-m", VECTOR, "-k", server.keyring, "--mode",
             server.mode, "--negotiated", "--keepalive", "mon", "dump"])
    assert r.returncode == 0, r.stderr
    assert f"mode {server.mode} auth cephx" in r.stderr
    assert r.stdout.endswith(expected_dump())


def test_wrong_key_refused(server, tmp_path):
    other = tmp_path / "other.keyring"
    r = run(["ceph-authtool", "--create-keyring", other, "--gen-key", "-n",
             "client.admin"])
    assert r.returncode == 0
    r = run([M2CLIENT, "-m", VECTOR, "-k", other, "mon", "dump"])
    assert r.returncode != 0
    assert "permission denied" in r.stderr
    assert "client.admin refused" in server.text()


def test_auth_none_server(tmp_path):
    s = Server(str(tmp_path), "none", "crc")
    try:
        r = run(["ceph", "-c", s.conf, "--connect-timeout", "10", "mon",
                 "dump"], timeout=60)
        assert r.returncode == 0, r.stderr
        assert r.stdout.endswith(expected_dump())
        assert "mode crc auth none" in s.text()
    finally:
        s.stop()


def test_msgr1_peer_refused_and_logged(tmp_path):
    s = Server(str(tmp_path), "none", "crc", ("--ms_bind_msgr1", "true"))
    try:
        r = run(["ceph", "-c", s.conf, "-m", f"v1:127.0.0.1:{V1}",
                 "--connect-timeout", "3", "mon", "dump"], timeout=60)
        assert r.returncode != 0
        assert "on the v1 port refused: this server speaks msgr2 only" \
            in s.text()
    finally:
        s.stop()


def test_no_v1_listener_without_msgr1(tmp_path):
    s = Server(str(tmp_path), "none", "crc", ("--ms_bind_msgr1", "false"))
    try:
        assert f"listening on v1:127.0.0.1:{V1}" not in s.text()
        assert f"listening on v2:127.0.0.1:{V2}" in s.text()
    finally:
        s.stop()


def test_ipv6(tmp_path):
    """ms_bind_ipv6: the server on [::1], Debian's CLI over IPv6."""
    vec6 = "[v2:[::1]:14820,v1:[::1]:14821]"
    keyring = tmp_path / "keyring"
    r = run(["ceph-authtool", "--create-keyring", keyring, "--gen-key", "-n",
             "client.admin", "--cap", "mon", "allow *"])
    assert r.returncode == 0
    conf = tmp_path / "ceph.conf"
    conf.write_text(f"[global]\nmon_host = {vec6}\nms_bind_ipv6 = true\n"
                    "ms_bind_ipv4 = false\n")
    log = tmp_path / "server.log"
    p = subprocess.Popen([str(M2SERVER), "-c", str(conf), "--bind", vec6,
                          "-k", str(keyring), "--lifetime", "120", "--log",
                          str(log)], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            if log.exists() and "listening" in log.read_text():
                break
            time.sleep(0.05)
        r = run(["ceph", "-c", conf, "-k", keyring, "-n", "client.admin",
                 "--connect-timeout", "10", "mon", "dump"], timeout=60)
        assert r.returncode == 0, r.stderr
        assert r.stdout.endswith("0: [v2:[::1]:14820/0,v1:[::1]:14821/0] "
                                 "mon.a\n")
        r = run([M2CLIENT, "-c", conf, "-k", keyring, "--negotiated",
                 "mon", "dump"])
        assert r.returncode == 0, r.stderr
        assert "peer v2:[::1]:14820/0" in r.stderr
    finally:
        p.terminate()
        p.wait(10)
