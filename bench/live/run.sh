#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/live/run.sh BUILD_DIR [N]: start a cephx, secure-only monitor on
# loopback (ci/realmon.sh), run bench_live against it, stop it by PID.
set -eu
cd "$(dirname "$0")/../.."
bin=$1/bench/live/bench_live
n=${2:-30}
dir=$(mktemp -d /tmp/m2-bench-mon.XXXXXX)
trap 'ci/realmon.sh stop "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
vec=$(ci/realmon.sh start "$dir" --auth cephx --mode secure \
    --v2port 13600 --v1port 13601 | tail -1)
"$bin" "$dir/ceph.conf" "$dir/keyring" "$vec" "$n"
