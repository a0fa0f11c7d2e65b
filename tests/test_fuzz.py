# SPDX-License-Identifier: MIT
"""Every fuzz target exists, has a seed corpus, and replays it cleanly.
In non-fuzz builds the targets are linked with fuzz/replay.c."""
import pytest

from conftest import ROOT, codec_names, run

FUZZ = ROOT / "fuzz"
TARGETS = sorted(p.stem for p in FUZZ.glob("fz_*.c"))


NOT_PARSERS = {"crc32c", "secure_keys"}


@pytest.mark.parametrize("codec", [c for c in codec_names()
                                   if c not in NOT_PARSERS])
def test_codec_has_target(codec):
    assert (FUZZ / f"fz_{codec}.c").exists()


@pytest.mark.parametrize("target", TARGETS)
def test_replay_corpus(build_dir, target):
    corpus = FUZZ / "corpus" / target[len("fz_"):]
    assert corpus.is_dir() and any(corpus.iterdir()), f"{corpus} is empty"
    r = run([build_dir / "fuzz" / target, corpus])
    assert r.returncode == 0, r.stdout + r.stderr
    assert "replayed" in r.stdout


@pytest.mark.parametrize("target", TARGETS)
def test_target_names_its_functions(target):
    text = (FUZZ / f"{target}.c").read_text()
    assert "/* Target: " in text
    body = [l for l in text.splitlines() if l.strip()]
    assert len(body) <= 40, "fuzz targets stay small"


def test_pairing_rule(build_dir):
    """ci/pairing.sh: every codec row has vectors, a target and a corpus."""
    r = run(["sh", ROOT / "ci" / "pairing.sh"],
            env={"BUILD": build_dir.name, "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stdout + r.stderr
