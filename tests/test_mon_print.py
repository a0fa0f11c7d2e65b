# SPDX-License-Identifier: MIT
"""vectors/monmap.json: every valid map's `print` is what the reference's
m2_monmap_print writes (ref/tests/t_mon print HEX), and, where Ceph's
monmaptool is installed, what `monmaptool --print` writes in a UTC time
zone; every invalid test flagged Oracle is refused by monmaptool."""
import json
import os
import shutil
import subprocess
import tempfile

import pytest

from conftest import ROOT, run

VECS = json.loads((ROOT / "vectors" / "monmap.json").read_text())
TESTS = [t for g in VECS["testGroups"] for t in g["tests"]]
PRINTED = [t for t in TESTS if "print" in t]
MONMAPTOOL = shutil.which("monmaptool")


def test_every_valid_map_has_a_print():
    for t in TESTS:
        if t["result"] == "valid":
            assert "print" in t, t["tcId"]


@pytest.mark.parametrize("t", PRINTED, ids=lambda t: str(t["tcId"]))
def test_reference_print(build_dir, t):
    r = run([build_dir / "tests" / "t_mon", "print", t["input"]])
    assert r.returncode == 0, r.stderr
    assert r.stdout == t["print"]


def monmaptool_print(hexin):
    with tempfile.NamedTemporaryFile(suffix=".monmap") as f:
        f.write(bytes.fromhex(hexin))
        f.flush()
        env = dict(os.environ, TZ="UTC")
        return subprocess.run([MONMAPTOOL, "--print", f.name], env=env,
                              stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=30)


@pytest.mark.skipif(MONMAPTOOL is None, reason="monmaptool not installed")
@pytest.mark.parametrize("t", [t for t in TESTS if "Oracle" in
                               t.get("flags", ())],
                         ids=lambda t: str(t["tcId"]))
def test_monmaptool_agrees(t):
    r = monmaptool_print(t["input"])
    if t["result"] == "valid":
        assert r.returncode == 0, r.stderr
        # the first line names the file
        out = r.stdout.decode("latin-1").split("\n", 1)[1]
        assert out == t["print"]
    else:
        assert r.returncode != 0
