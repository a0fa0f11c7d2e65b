#!/bin/bash
# SPDX-License-Identifier: MIT
#
# capture_authz.sh: record the cephx authorizer exchanges between two real
# monitors (Debian's ceph-mon 16.2.15, mon.a and mon.b on loopback, cephx,
# msgr2 only) and write vectors/captures/authz/mon_authz_<mode>_c<k>.json
# with authz_extract.py.  One fresh two-monitor cluster per mode (crc, then
# secure: ms_mon_cluster_mode and the other ms_*_mode options).  The
# monitors log at debug_auth 30 and debug_ms 10, so their logs show the
# challenge each one issued, the answer each one got and "verify_authorizer
# ok"; the extractor keeps those lines next to the bytes.  The "mon." key
# is a throwaway test key, recorded so that anyone can open the tickets.
#
#   vectors/captures/capture_authz.sh          (as root: tshark needs it)
#
# Environment: M2_AUTHZ_PORT_A (14720), M2_AUTHZ_PORT_B (14722),
# M2_AUTHZ_MODES ("crc secure"), M2_AUTHZ_WORK (a new /tmp directory).
# Both monitors are stopped by PID (SIGTERM, then SIGKILL after 10 s).
set -eu
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
PA=${M2_AUTHZ_PORT_A:-14720}
PB=${M2_AUTHZ_PORT_B:-14722}
MODES=${M2_AUTHZ_MODES:-"crc secure"}
WORK=${M2_AUTHZ_WORK:-$(mktemp -d /tmp/m2authz.XXXXXX)}
OUT=vectors/captures/authz
PIDS=""
TPID=""

log() {
	echo "capture_authz: $*" >&2
}

# stop_pid PID: SIGTERM, wait up to 10 s, then SIGKILL and 5 s more.
stop_pid() {
	local pid=$1
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null || true
		for _ in $(seq 1 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
	fi
	wait "$pid" 2>/dev/null || true
}

cleanup() {
	if [ -n "$TPID" ]; then
		kill -INT "$TPID" 2>/dev/null || true
		wait "$TPID" 2>/dev/null || true
		TPID=""
	fi
	for p in $PIDS; do
		stop_pid "$p"
	done
	PIDS=""
}
trap cleanup EXIT

port_busy() {
	ss -Hltn "( sport = :$1 )" 2>/dev/null | grep -q .
}

# run_mode MODE: one cluster, one capture, both monitors stopped again.
run_mode() {
	local mode=$1 dir="$WORK/$1" fsid ok=false
	for p in "$PA" "$PB"; do
		! port_busy "$p" || { log "port $p is in use"; exit 1; }
	done
	rm -rf "$dir"
	mkdir -p "$dir/run" "$dir/log" "$dir/data"
	fsid=$(cat /proc/sys/kernel/random/uuid)
	cat >"$dir/ceph.conf" <<EOF
# written by vectors/captures/capture_authz.sh
[global]
fsid = $fsid
mon_host = [v2:127.0.0.1:$PA],[v2:127.0.0.1:$PB]
mon_initial_members = a, b
auth_cluster_required = cephx
auth_service_required = cephx
auth_client_required = cephx
auth_allow_insecure_global_id_reclaim = false
mon_data_avail_warn = 5
mon_data_avail_crit = 1
ms_bind_msgr1 = false
ms_bind_msgr2 = true
ms_bind_ipv4 = true
ms_bind_ipv6 = false
ms_cluster_mode = $mode
ms_service_mode = $mode
ms_client_mode = $mode
ms_mon_cluster_mode = $mode
ms_mon_service_mode = $mode
ms_mon_client_mode = $mode
keyring = $dir/keyring
run_dir = $dir/run
admin_socket = $dir/run/\$cluster-\$name.asok
log_file = $dir/log/\$cluster-\$name.log
mon_cluster_log_file = $dir/log/\$cluster.log
pid_file = $dir/run/\$cluster-\$name.pid
mon_data = $dir/data/\$cluster-\$id

[mon]
debug_auth = 30
debug_ms = 10
debug_mon = 10

[mon.a]
public_addrv = [v2:127.0.0.1:$PA]

[mon.b]
public_addrv = [v2:127.0.0.1:$PB]
EOF
	ceph-authtool --create-keyring "$dir/keyring" --gen-key -n mon. \
	    --cap mon 'allow *' >/dev/null
	ceph-authtool "$dir/keyring" --gen-key -n client.admin \
	    --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' \
	    --cap mgr 'allow *' >/dev/null
	monmaptool --create --fsid "$fsid" \
	    --addv a "[v2:127.0.0.1:$PA]" --addv b "[v2:127.0.0.1:$PB]" \
	    "$dir/monmap" >/dev/null
	for id in a b; do
		ceph-mon -c "$dir/ceph.conf" --mkfs -i "$id" \
		    --monmap "$dir/monmap" --keyring "$dir/keyring" \
		    >>"$dir/log/mkfs.out" 2>&1 || {
			log "mkfs of mon.$id failed; see $dir/log/mkfs.out"
			exit 1
		}
	done

	tshark -i lo -f "tcp port $PA or tcp port $PB" -F pcap \
	    -w "$dir/authz.pcap" -a duration:90 -q 2>"$dir/tshark.err" &
	TPID=$!
	for _ in $(seq 1 100); do
		grep -q "Capturing on" "$dir/tshark.err" && break
		sleep 0.1
	done
	sleep 0.5

	for id in a b; do
		ceph-mon -c "$dir/ceph.conf" -i "$id" -f </dev/null \
		    >>"$dir/log/mon-$id.out" 2>&1 &
		PIDS="$PIDS $!"
		echo "$!" >"$dir/mon-$id.pid"
	done
	# Quorum of both: at most 40 tries in about 30 s.
	local deadline=$((SECONDS + 30))
	for _ in $(seq 1 40); do
		[ "$SECONDS" -lt "$deadline" ] || break
		if timeout 5 ceph -c "$dir/ceph.conf" -k "$dir/keyring" \
		    -n client.admin --connect-timeout 3 quorum_status \
		    2>/dev/null | grep -q '"quorum_names":\["a","b"\]'; then
			ok=true
			break
		fi
		sleep 0.5
	done
	sleep 1
	cleanup
	[ "$ok" = true ] || { log "$mode: no quorum of a and b"; exit 1; }
	log "$mode: mon.a and mon.b formed a quorum"
	runs+=(--run "$mode:$dir")
}

runs=()
for mode in $MODES; do
	run_mode "$mode"
done
mkdir -p "$OUT"
rm -f "$OUT"/mon_authz_*.json
"$PY" vectors/captures/authz_extract.py --port a="$PA" --port b="$PB" \
    "${runs[@]}" --out "$OUT"
log "done; pcaps and logs in $WORK"
