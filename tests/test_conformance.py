# SPDX-License-Identifier: MIT
"""The conformance runner (build/*/conformance/m2conform) against the
reference server, which must pass every case, and against Debian's
ceph-mon 16.2.15 (ci/realmon.sh), where every case passes or is listed
in conformance/expect/ceph-mon-16.2.15.txt with a reason.  Cases whose
reason starts with CRASH: or DISRUPTS: are skipped against ceph-mon
(they kill it, or stall it for the cases after them)."""
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / os.environ.get("M2_BUILD", "release")
CONFORM = BUILD / "conformance" / "m2conform"
M2SERVER = BUILD / "tools" / "m2server"
PROFILE = ROOT / "conformance" / "expect" / "ceph-mon-16.2.15.txt"


def run(args, timeout=600):
    return subprocess.run([str(a) for a in args], capture_output=True,
                          text=True, timeout=timeout)


def keyring(d):
    path = os.path.join(d, "keyring")
    for args in (["--create-keyring", "--gen-key", "-n", "mon."],
                 ["--gen-key", "-n", "client.admin", "--cap", "mon",
                  "allow *"]):
        r = run(["ceph-authtool", path, *args])
        assert r.returncode == 0, r.stderr
    return path


class RefServer:
    def __init__(self, port, auth, kr=None, mode="secure crc", extra=()):
        self.vec = f"[v2:127.0.0.1:{port}]"
        args = [M2SERVER, "--bind", self.vec, "--auth", auth, "--mode",
                mode, "--lifetime", "300", *extra]
        if kr:
            args += ["-k", kr]
        self.p = subprocess.Popen([str(a) for a in args],
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        time.sleep(0.3)

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        try:
            self.p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()


def check_all_pass(out, rc):
    bad = [line for line in out.splitlines()
           if re.match(r"^(fail|timeout|error|xfail|XPASS)\s", line)]
    assert rc == 0 and not bad, "\n".join(bad) or out[-2000:]


def test_list():
    r = run([CONFORM, "--list"])
    assert r.returncode == 0
    ids = [line.split()[0] for line in r.stdout.splitlines()
           if line and not line.startswith(" ")]
    assert len(ids) == len(set(ids)) >= 150
    for area in ("banner", "preamble", "framing", "control", "auth",
                 "session", "message", "cve"):
        assert any(line.split()[1] == area for line in r.stdout.splitlines()
                   if line and not line.startswith(" ")), area


def test_reference_auth_none(tmp_path):
    s = RefServer(15410, "none", mode="crc")
    try:
        js = tmp_path / "none.json"
        r = run([CONFORM, "--target", s.vec, "--step-timeout", "2000",
                 "--json", js])
        check_all_pass(r.stdout, r.returncode)
        recs = json.loads(js.read_text())["results"]
        assert len(recs) > 300
        assert all(x["verdict"] in ("pass", "unsupported") for x in recs)
    finally:
        s.stop()


@pytest.mark.skipif(shutil.which("ceph-authtool") is None,
                    reason="ceph-authtool not installed")
def test_reference_cephx(tmp_path):
    kr = keyring(str(tmp_path))
    s = RefServer(15411, "cephx", kr)
    try:
        r = run([CONFORM, "--target", s.vec, "--auth", "cephx", "-k", kr,
                 "--step-timeout", "2000"])
        check_all_pass(r.stdout, r.returncode)
        assert re.search(r"rev1-secure", r.stdout)
    finally:
        s.stop()


@pytest.mark.skipif(shutil.which("ceph-authtool") is None,
                    reason="ceph-authtool not installed")
def test_reference_lossless_compression(tmp_path):
    """The reconnect matrix and the compression handshake need a server
    that keeps lossless sessions and offers COMPRESSION (m2server
    --lossless --compression): there, each of those cases must run and
    pass, none is unsupported (against the default server they are)."""
    kr = keyring(str(tmp_path))
    s = RefServer(15413, "cephx", kr, extra=("--lossless", "--compression"))
    js = tmp_path / "lc.json"
    try:
        r = run([CONFORM, "--target", s.vec, "--auth", "cephx", "-k", kr,
                 "--step-timeout", "2000", "--json", js, "session",
                 "compression"])
        check_all_pass(r.stdout, r.returncode)
    finally:
        s.stop()
    recs = json.loads(js.read_text())["results"]
    ran = [x for x in recs if x["id"].startswith(("session.reconnect-",
                                                  "compression."))]
    assert len(ran) >= 4 * 18
    assert all(x["verdict"] == "pass" for x in ran), \
        [(x["id"], x["variant"], x["detail"]) for x in ran
         if x["verdict"] != "pass"]


@pytest.mark.skipif(shutil.which("ceph-authtool") is None,
                    reason="ceph-authtool not installed")
def test_wirelog_per_case(tmp_path):
    """--wirelog DIR: a transcript per case run (every byte each way,
    timed chunks, the secrets), and the frames decoded next to it; the
    vector checker replays it, secure mode included."""
    kr = keyring(str(tmp_path))
    s = RefServer(15412, "cephx", kr)
    wl = tmp_path / "wl"
    wl.mkdir()
    try:
        r = run([CONFORM, "--target", s.vec, "--auth", "cephx", "-k", kr,
                 "--wirelog", wl, "--json", tmp_path / "r.json",
                 "auth.correct", "framing.inline-48",
                 "session.global-seq-increases"])
        check_all_pass(r.stdout, r.returncode)
    finally:
        s.stop()
    logs = sorted(wl.glob("auth.correct@*.json"))
    assert [p.name for p in logs] == [
        "auth.correct@rev0-crc.json", "auth.correct@rev0-secure.json",
        "auth.correct@rev1-crc.json", "auth.correct@rev1-secure.json"]
    doc = json.loads(logs[-1].read_text())
    assert doc["schema"] == "m2-transcript/1"
    assert doc["events"][0]["dir"] == "c2s" and doc["events"][0]["len"] == 26
    assert len(doc["secrets"]["connection_secret"]) == 128
    text = (wl / "auth.correct@rev1-secure.txt").read_text()
    assert "rev1_secure AUTH_SIGNATURE" in text and "[signature ok]" in text
    r = run([BUILD / "tools" / "m2vec", "replay", *logs])
    assert r.returncode == 0, r.stdout + r.stderr
    recs = json.loads((tmp_path / "r.json").read_text())["results"]
    assert all(x["wirelog"] for x in recs)
    # a case of two connections: the other one has its own transcript,
    # with its own SERVER_IDENT (another global_seq)
    first = wl / "session.global-seq-increases@rev1-crc.conn1.json"
    last = wl / "session.global-seq-increases@rev1-crc.json"
    d1, d2 = json.loads(first.read_text()), json.loads(last.read_text())
    assert d1["events"][0]["dir"] == "c2s" and d1["events"][0]["len"] == 26
    assert ".conn1.json" in d2["description"], d2["description"]
    gseq = [re.search(r"SERVER_IDENT .* global_seq=(\d+)",
                      p.with_suffix(".txt").read_text()).group(1)
            for p in (first, last)]
    assert gseq[0] != gseq[1], gseq
    r = run([BUILD / "tools" / "m2vec", "replay", first, last])
    assert r.returncode == 0, r.stdout + r.stderr


def profile_skips():
    skips = []
    for line in PROFILE.read_text().splitlines():
        m = re.match(r"^([^#:@\s][^:@]*?)\s*(@[^:]*)?:\s*(CRASH|DISRUPTS):",
                     line)
        if m:
            skips += ["--skip", m.group(1)]
    return skips


@pytest.mark.skipif(shutil.which("ceph-mon") is None,
                    reason="ceph-mon not installed")
def test_ceph_mon_with_profile():
    d = tempfile.mkdtemp(prefix="m2cf-mon-")
    realmon = ROOT / "ci" / "realmon.sh"
    r = run([realmon, "start", d, "--auth", "cephx", "--mode",
             "secure crc", "--v2port", "15420", "--v1port", "15421"],
            timeout=120)
    assert r.returncode == 0, r.stderr
    vec = r.stdout.strip()
    try:
        r = run([CONFORM, "--target", vec, "--auth", "cephx", "-k",
                 os.path.join(d, "keyring"), "--step-timeout", "1000",
                 "--profile", PROFILE, *profile_skips()])
        bad = [line for line in r.stdout.splitlines()
               if re.match(r"^(fail|timeout|error|XPASS)\s", line)]
        assert r.returncode == 0 and not bad, "\n".join(bad)
        # A MON-typed peer (HELLO from "mon.", cephx with the mon. key)
        # gets a lossless session (lossless_peer_reuse): the reconnect
        # matrix runs for real, WAIT included (session.reconnect-race).
        js = os.path.join(d, "mon-peer.json")
        r = run([CONFORM, "--target", vec, "--auth", "cephx", "--name",
                 "mon.", "-k", os.path.join(d, "keyring"),
                 "--step-timeout", "1000", "--profile", PROFILE, "--json",
                 js, "session.reconnect-*"])
        bad = [line for line in r.stdout.splitlines()
               if re.match(r"^(fail|timeout|error|XPASS)\s", line)]
        assert r.returncode == 0 and not bad, "\n".join(bad)
        recs = json.loads(open(js).read())["results"]
        race = [x for x in recs if x["id"] == "session.reconnect-race"]
        assert race and all(x["tag"] == 16 for x in race), race  # WAIT
    finally:
        run([realmon, "stop", d], timeout=60)
        shutil.rmtree(d, ignore_errors=True)
