#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs whatever is missing, from Debian 12 packages only.  Idempotent:
# it runs apt-get only when a package is absent.  Needs root for apt-get.
# ceph-mon and ceph-common (16.2.15) are the real peers of tests/test_live.py
# and the bench; librados-dev is the C API the bench compares against.
set -eu
pkgs="make gcc clang libclang-rt-14-dev pkg-config libssl-dev libisal-dev
libjansson-dev python3 python3-pytest python3-cryptography zip afl++
ceph-mon ceph-common librados-dev"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
	    missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps: not root; install these with apt-get:$missing" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing
fi
