# SPDX-License-Identifier: MIT
"""Each C unit-test program under ref/tests passes."""
import pytest

from conftest import BUILD_DIR, ROOT, run

UNITS = sorted(p.stem for p in (ROOT / "ref" / "tests").glob("t_*.c"))


@pytest.mark.parametrize("unit", UNITS)
def test_unit(build_dir, unit):
    r = run([build_dir / "tests" / unit])
    assert r.returncode == 0, r.stdout + r.stderr
    assert " 0 failed" in r.stdout
