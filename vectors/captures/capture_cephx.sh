#!/bin/bash
# SPDX-License-Identifier: MIT
#
# capture_cephx.sh: record cephx exchanges of the Debian ceph CLI with a
# real ceph-mon 16.2.15 (modes "secure crc"; debug_auth 30, so the monitor
# logs its rotating secrets, and the CLI at debug_auth 20, so it logs the
# session keys it decrypted) and write vectors/captures/cephx/cephx_keyed_*.json
# with cephx_extract.py.  The keys are throwaway test keys.
#
#   vectors/captures/capture_cephx.sh          (as root: tshark needs it)
#
# Environment: M2_CAP_V2PORT (14330), M2_CAP_V1PORT (14793), M2_CAP_WORK.
set -eu
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
V2=${M2_CAP_V2PORT:-14330}
V1=${M2_CAP_V1PORT:-14793}
WORK=${M2_CAP_WORK:-$(mktemp -d /tmp/m2cephx.XXXXXX)}
OUT=vectors/captures/cephx
MON=$WORK/mon
TPID=""

cleanup() {
	if [ -n "$TPID" ] && kill -0 "$TPID" 2>/dev/null; then
		kill -INT "$TPID" 2>/dev/null || true
		wait "$TPID" 2>/dev/null || true
	fi
	ci/realmon.sh stop "$MON" || true
}
trap cleanup EXIT

ci/realmon.sh start "$MON" --auth cephx --mode "secure crc" \
    --v2port "$V2" --v1port "$V1" --debug-ms 1 \
    --mon-opt "debug_auth = 30" --mon-opt "debug_mon = 10" >/dev/null
tshark -i lo -f "tcp port $V2" -F pcap -w "$WORK/cephx.pcap" \
    -a duration:60 -q 2>"$WORK/tshark.err" &
TPID=$!
for _ in $(seq 1 100); do
	grep -q "Capturing on" "$WORK/tshark.err" && break
	sleep 0.1
done
sleep 0.5
runs=()
for mode in crc secure; do
	cmd="ceph -c DIR/ceph.conf -k DIR/keyring -n client.admin --ms_mon_client_mode $mode mon dump"
	timeout 30 ceph -c "$MON/ceph.conf" -k "$MON/keyring" -n client.admin \
	    --connect-timeout 10 --ms_mon_client_mode "$mode" \
	    --debug_auth 20 --log-file "$WORK/cli-$mode.log" mon dump \
	    >"$WORK/cli-$mode.out" 2>&1
	runs+=(--run "$mode:$WORK/cli-$mode.log:$cmd")
done
sleep 0.5
kill -INT "$TPID"
wait "$TPID" || true
TPID=""
cp "$MON/log/ceph-mon.a.log" "$WORK/mon.log"
ci/realmon.sh stop "$MON"
mkdir -p "$OUT"; rm -f "$OUT"/cephx_keyed_*.json
"$PY" vectors/captures/cephx_extract.py --pcap "$WORK/cephx.pcap" --server-port "$V2" \
    --keyring "$MON/keyring" --mon-log "$WORK/mon.log" "${runs[@]}" \
    --out "$OUT"
echo "capture_cephx: done; pcap and logs in $WORK"
