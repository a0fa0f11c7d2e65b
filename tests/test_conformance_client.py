# SPDX-License-Identifier: MIT
"""The conformance runner in the CLIENT role (m2conform --listen): it
plays a monitor, correct or wrong at one point, and judges the client it
starts for each case (--exec) or that connects by itself.  Against the
reference client (build/*/tools/m2client) every case passes; against
Debian's ceph CLI 16.2.15 every case passes or is in
conformance/expect/ceph-cli-16.2.15.txt with a reason.  The runner
listens on an ephemeral loopback port and ends every client it started,
by its process group."""
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / os.environ.get("M2_BUILD", "release")
CONFORM = BUILD / "conformance" / "m2conform"
M2CLIENT = BUILD / "tools" / "m2client"
PROFILE = ROOT / "conformance" / "expect" / "ceph-cli-16.2.15.txt"
# A fixed client key (a CryptoKey in base64; no secret: loopback tests).
KEY = "AQC2xAZrZ4DHCBAA9X6gcBMlTtoCT2PXMjsPeQ=="


def conform(tmp_path, name, args, timeout=900):
    js = tmp_path / f"{name}.json"
    r = subprocess.run([str(CONFORM), "--listen", "127.0.0.1:0",
                        "--step-timeout", "2000", "--json", str(js),
                        "--label", name, *[str(a) for a in args]],
                       capture_output=True, text=True, timeout=timeout)
    recs = json.loads(js.read_text())["results"] if js.exists() else []
    return r, recs


def xfail(x):
    return bool((x.get("profile") or {}).get("expected_fail"))


def bad(recs):
    return [(x["id"], x["variant"], x["detail"]) for x in recs
            if x["verdict"] not in ("pass", "unsupported") and
            not (xfail(x) and x["verdict"] != "pass")]


def test_list_client_cases():
    r = subprocess.run([str(CONFORM), "--list"], capture_output=True,
                       text=True, timeout=30)
    assert r.returncode == 0
    ids = [ln.split()[0] for ln in r.stdout.splitlines()
           if ln and not ln.startswith(" ")]
    client = [i for i in ids if ".client." in i or i.startswith(
        ("cve.2026-43407-client", "cve.2026-46"))]
    assert len(client) >= 150, len(client)
    assert len(ids) == len(set(ids))


def test_reference_client_none(tmp_path):
    r, recs = conform(tmp_path, "m2client-none", [
        "--auth", "none", "--exec",
        f"{M2CLIENT} -m {{addr}} --auth none --lossless mon dump"])
    assert r.returncode == 0, r.stdout[-3000:]
    assert not bad(recs)
    passed = [x for x in recs if x["verdict"] == "pass"]
    assert len(passed) >= 280, len(passed)
    # the reconnect matrix ran (m2client --lossless resumes sessions)
    assert {x["id"] for x in passed} >= {
        "session.client.reconnect-ok", "session.client.reconnect-retry",
        "session.client.reconnect-retry-global",
        "session.client.reconnect-reset", "session.client.reconnect-wait"}


def test_reference_client_cephx(tmp_path):
    r, recs = conform(tmp_path, "m2client-cephx", [
        "--auth", "cephx", "--key", KEY, "--exec",
        f"{M2CLIENT} -m {{addr}} --key {KEY} --lossless mon dump"])
    assert r.returncode == 0, r.stdout[-3000:]
    assert not bad(recs)
    unsup = sorted({x["id"] for x in recs if x["verdict"] == "unsupported"})
    # mode-downgrade/upgrade need a one-mode client (next test)
    assert unsup == ["auth.client.mode-downgrade",
                     "auth.client.mode-upgrade"], unsup
    assert sum(x["verdict"] == "pass" for x in recs) >= 590


@pytest.mark.parametrize("mode,case", [("secure", "auth.client.mode-downgrade"),
                                       ("crc", "auth.client.mode-upgrade")])
def test_reference_client_one_mode(tmp_path, mode, case):
    r, recs = conform(tmp_path, f"m2client-{mode}", [
        "--auth", "cephx", "--key", KEY, "--mode", mode, "--exec",
        f"{M2CLIENT} -m {{addr}} --key {KEY} --mode {mode} mon dump", case])
    assert r.returncode == 0, r.stdout[-3000:]
    assert len(recs) == 2 and all(x["verdict"] == "pass" for x in recs), recs


def test_wait_for_client(tmp_path):
    """Without --exec the runner waits; the client is started by hand."""
    js = tmp_path / "wait.json"
    p = subprocess.Popen([str(CONFORM), "--listen", "127.0.0.1:0", "--rev",
                          "1", "--accept-timeout", "20000", "--json",
                          str(js), "session.client.handshake",
                          "banner.client.garbage"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    try:
        line = p.stderr.readline()
        assert "listening on v2:127.0.0.1:" in line, line
        addr = line.split("listening on ")[1].split(";")[0].strip()
        for _ in range(2):
            subprocess.run([str(M2CLIENT), "-m", addr, "--auth", "none",
                            "--timeout", "3000", "mon", "dump"],
                           capture_output=True, timeout=30)
        out, _ = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    assert p.returncode == 0, out
    recs = json.loads(js.read_text())["results"]
    assert [(x["id"], x["verdict"]) for x in recs] == [
        ("banner.client.garbage", "pass"),
        ("session.client.handshake", "pass")], recs


def test_crashing_client_fails(tmp_path):
    """A client that dies of a signal fails the case, whatever the wire
    showed (here it never connects: a timeout, then the crash)."""
    r, recs = conform(tmp_path, "crasher", [
        "--rev", "1", "--mode", "crc", "--accept-timeout", "1500",
        "--exec", "sleep 0.2; kill -SEGV $$", "session.client.handshake"])
    assert r.returncode == 1
    assert len(recs) == 1 and recs[0]["verdict"] == "fail", recs
    assert "CRASHED" in recs[0]["detail"], recs[0]["detail"]


def test_exec_placeholders(tmp_path):
    out = tmp_path / "args"
    r, recs = conform(tmp_path, "placeholders", [
        "--rev", "1", "--mode", "crc", "--accept-timeout", "1000",
        "--exec", f"echo '{{addr}} {{addrvec}} {{host}} {{port}}' > {out}",
        "session.client.handshake"])
    words = out.read_text().split()
    assert words[0].startswith("v2:127.0.0.1:") and words[0].endswith("/0")
    assert words[1] == f"[{words[0]}]"
    assert words[2] == "127.0.0.1" and words[0] == f"v2:127.0.0.1:{words[3]}/0"
    # it never connected: the run could not be made
    assert recs[0]["verdict"] == "error", recs[0]


@pytest.mark.skipif(shutil.which("ceph") is None,
                    reason="Debian's ceph CLI (ceph-common) is not installed")
def test_ceph_cli_with_profile(tmp_path):
    """Debian's ceph CLI: every case passes or is an expected deviation.
    The state matrix runs in one variant (msgr2.1 secure) to keep the
    time down; everything else in all four."""
    conf = tmp_path / "ceph.conf"
    conf.write_text("[global]\n")
    cli = (f"ceph -c {conf} -m {{addr}} -n client.admin --key {KEY} "
           f"--connect-timeout 15 --no-mon-config mon dump")
    common = ["--auth", "cephx", "--key", KEY, "--profile", PROFILE,
              "--exec", cli, "--client-log", tmp_path / "cli.log"]
    r1, recs1 = conform(tmp_path, "ceph-cli", [*common, "--skip", "state.*"])
    r2, recs2 = conform(tmp_path, "ceph-cli-states", [
        *common, "--rev", "1", "--mode", "secure", "state.client.*"])
    recs = recs1 + recs2
    assert not bad(recs), bad(recs)
    assert r1.returncode == 0 and r2.returncode == 0, r1.stdout[-3000:]
    dev = {x["id"] for x in recs if xfail(x) and x["verdict"] != "pass"}
    # the four crashes are real (each case restarts the client)
    assert {"control.client.server-ident-addrs-huge", "cve.2026-46024",
            "cve.2026-22992", "cve.2026-43304"} <= dev, dev
    xpass = [x["id"] for x in recs if xfail(x) and x["verdict"] == "pass"]
    assert not xpass, xpass
    assert sum(x["verdict"] == "pass" for x in recs) >= 240
