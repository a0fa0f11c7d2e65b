#!/bin/bash
# SPDX-License-Identifier: MIT
# bench/live/run.sh BUILD_DIR [N]: start a cephx monitor on loopback
# (ci/realmon.sh), run bench_live against it (secure mode), then time the
# whole conformance suite against the reference server and against the
# monitor (with its profile); stop everything by PID.
set -eu
cd "$(dirname "$0")/../.."
build=$1
bin=$build/bench/live/bench_live
n=${2:-30}
dir=$(mktemp -d /tmp/m2-bench-mon.XXXXXX)
srv=""
cleanup() {
	if [ -n "$srv" ]; then
		kill "$srv" 2>/dev/null || true
		wait "$srv" 2>/dev/null || true
	fi
	ci/realmon.sh stop "$dir" >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap cleanup EXIT
vec=$(ci/realmon.sh start "$dir" --auth cephx --mode "secure crc" \
    --v2port 13600 --v1port 13601 | tail -1)
"$bin" "$dir/ceph.conf" "$dir/keyring" "$vec" "$n"

# The conformance suite's wall time (targets: 10 s and 60 s).
conform=$build/conformance/m2conform
[ -x "$conform" ] || exit 0
"$build/tools/m2server" --bind "[v2:127.0.0.1:13610]" -k "$dir/keyring" \
    --auth cephx --mode "secure crc" --lifetime 300 --log "$dir/srv.log" &
srv=$!
sleep 0.3
skip=()
while read -r id; do skip+=(--skip "$id"); done < <(
    sed -n 's/^\([^#][^ :]*\).*: \(CRASH\|DISRUPTS\):.*/\1/p' \
    conformance/expect/ceph-mon-16.2.15.txt)
t0=$(date +%s.%N)
"$conform" --target v2:127.0.0.1:13610 --auth cephx -k "$dir/keyring" \
    --mode "crc secure" --rev both >/dev/null || true
t1=$(date +%s.%N)
"$conform" --target v2:127.0.0.1:13600 --auth cephx -k "$dir/keyring" \
    --mode "crc secure" --rev both \
    --profile conformance/expect/ceph-mon-16.2.15.txt "${skip[@]}" \
    >/dev/null || true
t2=$(date +%s.%N)
printf '\nconformance suite, all cases, crc and secure, both revisions\n'
printf '%-28s %8.1f s (target 10 s)\n' "against the reference server" \
    "$(awk "BEGIN { print $t1 - $t0 }")"
printf '%-28s %8.1f s (target 60 s)\n' "against ceph-mon 16.2.15" \
    "$(awk "BEGIN { print $t2 - $t1 }")"
