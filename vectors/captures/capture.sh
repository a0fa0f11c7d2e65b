#!/bin/bash
# SPDX-License-Identifier: MIT
#
# capture.sh: record real msgr2 sessions with Debian's ceph-mon 16.2.15 and
# write them as vectors/captures/<name>.json.
#
# For auth none, then cephx, it starts its own monitor (ci/realmon.sh, crc
# mode only; debug_ms 20, debug_auth 20, debug_mon 10), captures loopback
# traffic to the monitor's ports with tshark (bounded by -a duration), runs the Debian ceph CLI (`mon
# dump`, `-s`, in crc mode) and probe.py against it, stops tshark and the
# monitor, and turns each TCP stream into JSON with pcap2json.py, which also
# checks the decoded frames against the monitor's log.  The pcap files and
# logs stay in the work folder (printed at the end), never in git.
#
#   vectors/captures/capture.sh            (as root: tshark needs it)
#
# Environment: M2_CAP_V2PORT (13330), M2_CAP_V1PORT (16793), M2_CAP_WORK
# (a fresh mktemp -d folder).  Takes about 10 s.  The JSON files are
# replaced only when both runs succeed.
set -eu
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
V2=${M2_CAP_V2PORT:-13330}
V1=${M2_CAP_V1PORT:-16793}
WORK=${M2_CAP_WORK:-$(mktemp -d /tmp/m2cap.XXXXXX)}
OUT=vectors/captures
DURATION=60		# tshark's own upper bound, seconds
TPID=""
MON=""

cleanup() {
	if [ -n "$TPID" ] && kill -0 "$TPID" 2>/dev/null; then
		kill -INT "$TPID" 2>/dev/null || true
		wait "$TPID" 2>/dev/null || true
	fi
	[ -z "$MON" ] || ci/realmon.sh stop "$MON" || true
}
trap cleanup EXIT

now() {
	date +%s.%N
}

# cli NAME ARGS...: run the ceph CLI against $MON; log its time window.
cli() {
	local name=$1; shift
	local t0 t1
	t0=$(now)
	timeout 30 ceph -c "$MON/ceph.conf" -k "$MON/keyring" -n client.admin \
	    --connect-timeout 10 --ms_mon_client_mode crc "$@" \
	    >"$WORK/$AUTH.$name.out" 2>&1
	t1=$(now)
	printf '%s\t%s\t%s\t%s\n' "$name" "$t0" "$t1" \
	    "ceph -c DIR/ceph.conf -k DIR/keyring -n client.admin --connect-timeout 10 --ms_mon_client_mode crc $*" \
	    >>"$WORK/$AUTH.plan"
}

start=$(date +%s)
mkdir -p "$WORK/json"
for AUTH in none cephx; do
	MON=$WORK/mon-$AUTH
	ci/realmon.sh start "$MON" --auth "$AUTH" --mode crc \
	    --v2port "$V2" --v1port "$V1" --debug-ms 20 \
	    --mon-opt "debug_auth = 20" --mon-opt "debug_mon = 10" >/dev/null
	: >"$WORK/$AUTH.plan"
	tshark -i lo -f "tcp port $V2 or tcp port $V1" -F pcap \
	    -w "$WORK/$AUTH.pcap" -a "duration:$DURATION" -q \
	    2>"$WORK/$AUTH.tshark.err" &
	TPID=$!
	for _ in $(seq 1 100); do	# up to 10 s for tshark to start
		grep -q "Capturing on" "$WORK/$AUTH.tshark.err" && break
		kill -0 "$TPID" 2>/dev/null || break
		sleep 0.1
	done
	grep -q "Capturing on" "$WORK/$AUTH.tshark.err" || {
		echo "capture: tshark did not start" >&2
		cat "$WORK/$AUTH.tshark.err" >&2
		exit 1
	}
	sleep 0.5

	cli mon_dump mon dump
	cli status -s
	v1opt=""
	[ "$AUTH" != none ] || v1opt="--v1port $V1"
	# shellcheck disable=SC2086
	timeout 60 "$PY" "$OUT/probe.py" --auth "$AUTH" --v2port "$V2" \
	    $v1opt >"$WORK/$AUTH.probe.jsonl"

	sleep 0.5
	kill -INT "$TPID"
	wait "$TPID" || true
	TPID=""
	ci/realmon.sh stop "$MON"
	MON_DIR=$MON
	MON=""
	"$PY" "$OUT/pcap2json.py" --pcap "$WORK/$AUTH.pcap" \
	    --conf "$MON_DIR/ceph.conf" --server-ports "$V2,$V1" \
	    --prefix "$AUTH" --plan "$WORK/$AUTH.plan" \
	    --probe "$WORK/$AUTH.probe.jsonl" \
	    --mon-log "$MON_DIR/log/ceph-mon.a.log" --out "$WORK/json"
done
rm -f "$OUT"/*.json
cp "$WORK"/json/*.json "$OUT"/
echo "capture: done in $(( $(date +%s) - start )) s; pcaps and logs in $WORK"
