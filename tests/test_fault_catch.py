# SPDX-License-Identifier: MIT
"""Every deliberate fault of the reference server (m2/fault.h, built with
BUILD=faults) is caught by at least one conformance case: the whole suite
runs against `m2server --fault NAME` with the settings the fault needs,
and the cases that fail (or time out) there but pass against the clean
server are the ones that catch it.  The mapping is written to
build/<variant>/conformance/fault-catch.txt and printed on failure."""
import json
import os
import subprocess
import time

import pytest

from conftest import BUILD_DIR, ROOT, run

M2CONFORM = BUILD_DIR / "conformance" / "m2conform"
FAULTS_SERVER = ROOT / "build" / "faults" / "tools" / "m2server"
CATCH = BUILD_DIR / "conformance" / "fault-catch.txt"

# fault -> (server auth, server mode, extra server options)
SETTINGS = {
    "preamble-crc-seed": ("none", "crc", ()),
    "segment-crc-seed": ("none", "crc", ()),
    "preamble-crc-unchecked": ("none", "crc", ()),
    "segment-crc-unchecked": ("none", "crc", ()),
    "aborted-processed": ("none", "crc", ()),
    "length-uncapped": ("none", "crc", ()),
    "inline-boundary": ("cephx", "secure", ()),
    "gcm-nonce-reuse": ("cephx", "secure", ()),
    "banner-required-ignored": ("none", "crc", ()),
    "trailing-rejected": ("none", "crc", ()),
    "state-unchecked": ("none", "crc", ()),
    "method-unoffered": ("cephx", "crc", ()),
    "mode-downgrade": ("cephx", "secure", ()),
    "signature-unchecked": ("none", "crc", ()),
    "ident-wrong-addr": ("none", "crc", ()),
    "global-seq-stuck": ("none", "crc", ()),
    "cookie-zero": ("none", "crc", ("--lossless",)),
    "keepalive-stamp": ("none", "crc", ()),
    "ack-seq-stuck": ("none", "crc", ()),
    "reconnect-stale-accepted": ("none", "crc", ("--lossless",)),
}

_results = {}


@pytest.fixture(scope="module")
def keyring(tmp_path_factory):
    d = tmp_path_factory.mktemp("faultkeys")
    k = d / "keyring"
    r = run(["ceph-authtool", "--create-keyring", k, "--gen-key", "-n",
             "client.admin", "--cap", "mon", "allow *"])
    assert r.returncode == 0, r.stderr
    return k


@pytest.fixture(scope="module")
def faults_server():
    r = run(["make", "-s", "-j2", "BUILD=faults",
             "build/faults/tools/m2server"], timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    return FAULTS_SERVER


def conform(server, port, fault, auth, mode, extra, keyring, tmp_path):
    log = tmp_path / f"{fault or 'clean'}-{auth}-{mode}.log"
    args = [str(server), "--bind", f"[v2:127.0.0.1:{port}]", "--auth", auth,
            "--mode", mode, "--lifetime", "120", "--log", str(log), *extra]
    if auth == "cephx":
        args += ["-k", str(keyring)]
    if fault:
        args += ["--fault", fault]
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if log.exists() and "listening" in log.read_text():
                break
            time.sleep(0.05)
        out = tmp_path / f"{fault or 'clean'}-{auth}-{mode}.json"
        cmd = [M2CONFORM, "--target", f"v2:127.0.0.1:{port}", "--auth", auth,
               "--mode", mode, "--step-timeout", "500", "--run-timeout",
               "120", "--json", out]
        if auth == "cephx":
            cmd += ["-k", keyring]
        run(cmd, timeout=300)
        doc = json.loads(out.read_text())
    finally:
        p.terminate()
        p.wait(10)
    recs = doc["results"] if isinstance(doc, dict) else doc
    return {(r["id"], r.get("variant", "-")): r["verdict"] for r in recs}


@pytest.mark.parametrize("fault", sorted(SETTINGS))
def test_fault_is_caught(fault, faults_server, keyring, tmp_path):
    auth, mode, extra = SETTINGS[fault]
    port = 15700 + sorted(SETTINGS).index(fault) * 2
    clean = conform(faults_server, port, None, auth, mode, extra, keyring,
                    tmp_path)
    faulty = conform(faults_server, port + 1, fault, auth, mode, extra,
                     keyring, tmp_path)
    caught = sorted(f"{i}@{v}" for (i, v), verdict in faulty.items()
                    if verdict in ("fail", "timeout") and
                    clean.get((i, v)) == "pass")
    _results[fault] = caught
    CATCH.parent.mkdir(parents=True, exist_ok=True)
    with open(CATCH, "w") as f:
        for name in sorted(_results):
            cases = _results[name]
            f.write(f"{name}: {len(cases)} cases: {', '.join(cases[:12])}"
                    f"{' ...' if len(cases) > 12 else ''}\n")
    assert caught, f"no conformance case catches the fault {fault}"
