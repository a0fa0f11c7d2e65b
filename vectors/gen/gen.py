#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Write vectors/<codec>.json for every codec of vectors/SCHEMA.md.

  /usr/bin/python3 vectors/gen/gen.py [--out DIR] [--no-captures]

DIR defaults to vectors/.  Output is deterministic: running it twice gives
identical files.  If m2gen/captures.py exists, its captured_tests()
({codec: [test, ...]}) are appended to each codec's file as their own
groups (grouped by the test's "params", {} when it has none) and
cross-checked against m2gen's decoders; disagreements are printed on
stderr, and the captured tests are kept as given.
"""

import argparse
import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from m2gen import cases_addr, cases_basic, cases_cephx, cases_frames  # noqa
from m2gen import cases_mon  # noqa
from m2gen import cases_conf  # noqa
from m2gen import cases_dissect  # noqa
from m2gen import cases_msgs  # noqa


def all_files():
    files = [cases_basic.crc32c_file(), cases_basic.secure_keys_file(),
             cases_basic.banner_file(), cases_basic.preamble_file()]
    files += cases_frames.frame_files()
    files += cases_msgs.msg_files()
    files += cases_addr.addr_files()
    files += cases_cephx.files()
    files += cases_mon.mon_files()
    files += cases_conf.conf_files()
    files.append(cases_dissect.dissect_file())
    return files


def load_captures():
    path = HERE / "m2gen" / "captures.py"
    if not path.exists():
        return {}
    spec = importlib.util.spec_from_file_location("m2gen.captures", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.captured_tests()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(HERE.parent),
                    help="directory for the JSON files (default vectors/)")
    ap.add_argument("--no-captures", action="store_true",
                    help="leave out m2gen/captures.py's tests")
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    files = all_files()
    by_codec = {f.codec: f for f in files}
    captured = {} if args.no_captures else load_captures()
    for codec in sorted(captured):
        if codec not in by_codec:
            print(f"gen: captures.py has tests for unknown codec {codec!r}; "
                  "skipped", file=sys.stderr)
            continue
        for msg in by_codec[codec].add_captured(captured[codec]):
            print(f"gen: warning: {msg}", file=sys.stderr)
    total = 0
    for f in files:
        text = f.render()
        (out / f"{f.codec}.json").write_text(text)
        total += f.document()["numberOfTests"]
    print(f"gen: {len(files)} files, {total} tests in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
