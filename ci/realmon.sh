#!/bin/bash
# SPDX-License-Identifier: MIT
#
# realmon.sh: one real Ceph monitor (Debian's ceph-mon 16.2.15) on loopback,
# for captures and conformance runs.  Recipe: /work/shared/REAL-CEPH.md.
#
#   ci/realmon.sh start DIR [--auth cephx|none] [--mode "secure crc"]
#                           [--v2port N] [--v1port N] [--msgr1 true|false]
#                           [--ipv6] [--debug-ms N] [--mon-opt "key = value"]...
#   ci/realmon.sh stop DIR
#   ci/realmon.sh status DIR
#
# start installs ceph-mon and ceph-common if they are missing, writes
# DIR/ceph.conf and DIR/keyring (mon. and client.admin), runs mkfs, starts
# `ceph-mon -f` in the background, records its PID in DIR/mon.pid, waits
# (at most about 10 s) until `ceph mon dump` answers (or, when no client
# can connect, its admin socket says it leads), and prints the
# mon_host vector on stdout.  --mode sets all six ms_*_mode options.
# --debug-ms raises the monitor's messenger log level; --mon-opt adds any
# other option line.  Both go in the [mon] section only, so the CLI does
# not log at that level too.
#
# stop kills the PID in DIR/mon.pid (only if that process is the ceph-mon
# started with DIR/ceph.conf) and waits for it to exit.  Both commands are
# idempotent: start on a running DIR prints the vector and changes nothing;
# stop on a stopped DIR does nothing.  Every wait is bounded.
#
# Defaults: auth cephx, mode "secure crc" (Ceph's default for mons),
# ports 13300 (v2) and 16789 (v1), msgr1 bound, IPv4.
set -eu

usage() {
	sed -n '7,11p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

log() {
	echo "realmon: $*" >&2
}

# is_our_mon PID DIR: the process is alive (not a zombie) and is a ceph-mon
# started with DIR/ceph.conf.
is_our_mon() {
	local pid=$1 dir=$2 state cmd
	[ -r "/proc/$pid/stat" ] || return 1
	state=$(sed 's/^.*) //' "/proc/$pid/stat" | cut -d' ' -f1)
	[ "$state" != Z ] || return 1
	cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
	case "$cmd" in
	*ceph-mon*"$dir/ceph.conf"*) return 0 ;;
	esac
	return 1
}

# gone PID: the process has exited (or is a zombie nobody has reaped yet).
gone() {
	local state
	[ -r "/proc/$1/stat" ] || return 0
	state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
	[ -z "$state" ] || [ "$state" = Z ]
}

install_if_missing() {
	local p missing=""
	for p in ceph-mon ceph-common; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q 'ok installed' || missing="$missing $p"
	done
	[ -n "$missing" ] || return 0
	if [ "$(id -u)" -ne 0 ]; then
		log "not root; install with apt-get:$missing"
		exit 1
	fi
	log "installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >&2
}

# port_busy PORT: something listens on TCP PORT (any address).
port_busy() {
	ss -Hltn "( sport = :$1 )" 2>/dev/null | grep -q .
}

cmd_start() {
	local dir=$1; shift
	local auth=cephx mode="secure crc" v2port=13300 v1port=16789
	local msgr1=true ipv6=false debug_ms="" mon_opts=""
	while [ $# -gt 0 ]; do
		case "$1" in
		--auth) auth=${2:?}; shift 2 ;;
		--mode) mode=${2:?}; shift 2 ;;
		--v2port) v2port=${2:?}; shift 2 ;;
		--v1port) v1port=${2:?}; shift 2 ;;
		--msgr1) msgr1=${2:?}; shift 2 ;;
		--ipv6) ipv6=true; shift ;;
		--debug-ms) debug_ms=${2:?}; shift 2 ;;
		--mon-opt) mon_opts="$mon_opts${2:?}
"; shift 2 ;;
		*) usage ;;
		esac
	done
	case "$auth" in cephx|none) ;; *) usage ;; esac
	case "$msgr1" in true|false) ;; *) usage ;; esac
	case "$mode" in
	crc|secure|"secure crc"|"crc secure") ;;
	*) usage ;;
	esac

	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd -P)

	if [ -s "$dir/mon.pid" ] && is_our_mon "$(cat "$dir/mon.pid")" "$dir"
	then
		log "already running, pid $(cat "$dir/mon.pid"); options unchanged"
		cat "$dir/mon_host"
		return 0
	fi
	rm -f "$dir/mon.pid"

	install_if_missing

	local host v2 v1 vec bind4=true bind6=false
	if [ "$ipv6" = true ]; then
		host="[::1]"; bind4=false; bind6=true
	else
		host=127.0.0.1
	fi
	v2="v2:$host:$v2port"
	v1="v1:$host:$v1port"
	if [ "$msgr1" = true ]; then
		vec="[$v2,$v1]"
		! port_busy "$v1port" || { log "port $v1port is in use"; exit 1; }
	else
		vec="[$v2]"
	fi
	! port_busy "$v2port" || { log "port $v2port is in use"; exit 1; }

	# A fresh store each time: mkfs takes well under a second, and a stale
	# monmap would carry the ports of an earlier run.
	rm -rf "$dir/mon-data" "$dir/run" "$dir/monmap"
	mkdir -p "$dir/mon-data" "$dir/run" "$dir/log"

	local fsid
	fsid=$(cat /proc/sys/kernel/random/uuid)
	cat >"$dir/ceph.conf" <<EOF
# written by ci/realmon.sh
[global]
fsid = $fsid
mon_host = $vec
mon_initial_members = a
auth_cluster_required = $auth
auth_service_required = $auth
auth_client_required = $auth
auth_allow_insecure_global_id_reclaim = false
mon_data_avail_warn = 5
mon_data_avail_crit = 1
ms_bind_msgr1 = $msgr1
ms_bind_msgr2 = true
ms_bind_ipv4 = $bind4
ms_bind_ipv6 = $bind6
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
mon_data = $dir/mon-data/\$cluster-\$id

[mon]
${debug_ms:+debug_ms = $debug_ms}
$mon_opts
[mon.a]
public_addrv = $vec
EOF
	echo "$vec" >"$dir/mon_host"

	rm -f "$dir/keyring"
	ceph-authtool --create-keyring "$dir/keyring" --gen-key -n mon. \
	    --cap mon 'allow *' >/dev/null
	ceph-authtool "$dir/keyring" --gen-key -n client.admin \
	    --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' \
	    --cap mgr 'allow *' >/dev/null
	monmaptool --create --fsid "$fsid" --addv a "$vec" "$dir/monmap" \
	    >/dev/null
	ceph-mon -c "$dir/ceph.conf" --mkfs -i a --monmap "$dir/monmap" \
	    --keyring "$dir/keyring" >>"$dir/log/mkfs.out" 2>&1 || {
		log "mkfs failed; see $dir/log/mkfs.out"
		exit 1
	}

	# -f: foreground, so $! is the daemon itself.
	ceph-mon -c "$dir/ceph.conf" -i a -f </dev/null \
	    >>"$dir/log/mon.out" 2>&1 &
	local pid=$!
	echo "$pid" >"$dir/mon.pid"

	# Poll about 10 s: at most 40 tries, each bounded by timeout(1), and
	# no new try once 10 s have passed.
	local ok=false deadline=$((SECONDS + 10))
	for _ in $(seq 1 40); do
		if gone "$pid" || [ "$SECONDS" -ge "$deadline" ]; then
			break
		fi
		# A client that can connect must get an answer: a leader
		# still refuses authentication (-EBUSY: it closes the
		# connection) until its auth service is up.  Only auth none
		# with a secure-only monitor admits no client; then the admin
		# socket's "leader" has to do.
		if [ "$auth" = none ] && ! echo "$mode" | grep -qw crc; then
			if timeout 5 ceph --admin-daemon \
			    "$dir/run/ceph-mon.a.asok" mon_status 2>/dev/null |
			    grep -q '"state": "leader"'; then
				sleep 0.5
				ok=true
				break
			fi
		elif timeout 5 ceph -c "$dir/ceph.conf" -k "$dir/keyring" \
		    -n client.admin --connect-timeout 3 mon dump \
		    >/dev/null 2>&1; then
			ok=true
			break
		fi
		sleep 0.25
	done
	if [ "$ok" != true ]; then
		log "monitor did not answer; log: $dir/log/ceph-mon.a.log"
		tail -n 5 "$dir/log/mon.out" >&2 2>/dev/null || true
		cmd_stop "$dir" || true
		exit 1
	fi
	log "ceph-mon pid $pid answering ($auth, mode \"$mode\")"
	echo "$vec"
}

cmd_stop() {
	local dir=$1 pid
	[ -d "$dir" ] || return 0
	dir=$(cd "$dir" && pwd -P)
	[ -s "$dir/mon.pid" ] || return 0
	pid=$(cat "$dir/mon.pid")
	if ! is_our_mon "$pid" "$dir"; then
		rm -f "$dir/mon.pid"
		return 0
	fi
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 1 100); do		# 10 s
		gone "$pid" && break
		sleep 0.1
	done
	if ! gone "$pid"; then
		log "pid $pid ignored SIGTERM; sending SIGKILL"
		kill -KILL "$pid" 2>/dev/null || true
		for _ in $(seq 1 50); do	# 5 s
			gone "$pid" && break
			sleep 0.1
		done
	fi
	if ! gone "$pid"; then
		log "pid $pid still there"
		return 1
	fi
	rm -f "$dir/mon.pid"
	log "stopped pid $pid"
}

cmd_status() {
	local dir=$1
	if [ -s "$dir/mon.pid" ] &&
	    is_our_mon "$(cat "$dir/mon.pid")" "$(cd "$dir" && pwd -P)"; then
		echo "running pid $(cat "$dir/mon.pid") $(cat "$dir/mon_host")"
		return 0
	fi
	echo "stopped"
	return 1
}

[ $# -ge 2 ] || usage
case "$1" in
start) shift; cmd_start "$@" ;;
stop) cmd_stop "$2" ;;
status) cmd_status "$2" ;;
*) usage ;;
esac
