# SPDX-License-Identifier: MIT
"""The reference agrees with every golden vector, codec by codec, and the
vectors are what the independent generator produces."""
import json

import pytest

from conftest import ROOT, codec_names, run

VEC = ROOT / "vectors"
CODECS = codec_names()


@pytest.mark.parametrize("codec", CODECS)
def test_codec_vectors(build_dir, codec):
    path = VEC / f"{codec}.json"
    assert path.exists(), f"{path} is missing"
    r = run([build_dir / "tools" / "m2vec", "check", path])
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("codec", CODECS)
def test_codec_has_valid_and_invalid(codec):
    doc = json.loads((VEC / f"{codec}.json").read_text())
    results = {t["result"] for g in doc["testGroups"] for t in g["tests"]}
    assert "valid" in results
    # No crc32c input or connection secret of 40+ bytes is invalid, and
    # WAIT's (and MMonGetMap's) empty payload cannot be malformed, only
    # followed by bytes.
    if codec not in ("crc32c", "secure_keys", "msg_wait", "mon_get_map"):
        assert "invalid" in results


@pytest.mark.parametrize("codec", CODECS)
def test_every_test_names_its_source(codec):
    doc = json.loads((VEC / f"{codec}.json").read_text())
    for g in doc["testGroups"]:
        for t in g["tests"]:
            assert t.get("source"), f"tcId {t['tcId']} has no source"


def test_generator_selftest():
    r = run(["/usr/bin/python3", VEC / "gen" / "selftest.py"])
    assert r.returncode == 0, r.stdout + r.stderr


def test_generator_reproduces_vectors(tmp_path):
    r = run(["/usr/bin/python3", VEC / "gen" / "gen.py", "--out", tmp_path])
    assert r.returncode == 0, r.stdout + r.stderr
    for f in sorted(tmp_path.glob("*.json")):
        assert f.read_text() == (VEC / f.name).read_text(), f.name
