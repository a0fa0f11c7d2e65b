#!/bin/bash
# SPDX-License-Identifier: MIT
# ci/conform-demo.sh [BUILD]: the main job.  Start the reference server
# on loopback (cephx with a fresh keyring, crc and secure), run the whole
# conformance suite against it in both revisions, print the summary and
# write the reports to build/reports/ (JSON, JUnit XML, HTML), then stop
# the server by its PID.  Every wait is bounded.
set -eu
cd "$(dirname "$0")/.."
b=build/${1:-release}
out=build/reports
dir=$(mktemp -d /tmp/m2-conform.XXXXXX)
srv=""
cleanup() {
	if [ -n "$srv" ]; then
		kill "$srv" 2>/dev/null || true
		wait "$srv" 2>/dev/null || true
	fi
	rm -rf "$dir"
}
trap cleanup EXIT
mkdir -p "$out"
ceph-authtool --create-keyring "$dir/keyring" --gen-key -n client.admin \
    --cap mon 'allow *' >/dev/null
port=15990
"$b/tools/m2server" --bind "[v2:127.0.0.1:$port]" -k "$dir/keyring" \
    --auth "cephx none" --mode "secure crc" --lifetime 300 \
    --log "$dir/server.log" &
srv=$!
for _ in $(seq 1 50); do
	grep -q listening "$dir/server.log" 2>/dev/null && break
	sleep 0.1
done
"$b/conformance/m2conform" --target "v2:127.0.0.1:$port" --auth cephx \
    -k "$dir/keyring" --mode "crc secure" --rev both \
    --label "m2server (reference)" --json "$out/conformance.json" \
    --junit "$out/conformance.xml" --html "$out/conformance.html"
echo "reports: $out/conformance.html, $out/conformance.xml, $out/conformance.json"
