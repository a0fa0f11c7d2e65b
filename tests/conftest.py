# SPDX-License-Identifier: MIT
"""Shared fixtures: where the build is, and how to run its programs."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = os.environ.get("M2_BUILD", "release")
BUILD_DIR = ROOT / "build" / BUILD


def run(args, timeout=300, **kw):
    """Run a program of ours with a deadline; return the CompletedProcess."""
    return subprocess.run([str(a) for a in args], cwd=ROOT, timeout=timeout,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kw)


def codec_names():
    """The codec table's rows and the frame codecs, as m2vec lists them."""
    m2vec = BUILD_DIR / "tools" / "m2vec"
    if not m2vec.exists():
        return []
    return run([m2vec, "list"]).stdout.split()


@pytest.fixture(scope="session")
def build_dir():
    if not BUILD_DIR.is_dir():
        pytest.fail(f"{BUILD_DIR} is missing: run make BUILD={BUILD} first")
    return BUILD_DIR
