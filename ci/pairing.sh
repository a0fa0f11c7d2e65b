#!/bin/sh
# SPDX-License-Identifier: MIT
# The pairing rule: every codec row has its three legs.  Vectors:
# vectors/<codec>.json with a valid and an invalid test.  Fuzz:
# fuzz/fz_<codec>.c with a seed corpus.  Test: the replay of its vectors
# (tests/test_vectors.py runs every listed codec, so a vector file is
# enough).  Exits non-zero, naming each missing leg.
set -eu
cd "$(dirname "$0")/.."
m2vec=build/${BUILD:-release}/tools/m2vec
[ -x "$m2vec" ] || make -s BUILD="${BUILD:-release}" "$m2vec"
missing=0
for codec in $("$m2vec" list); do
	case $codec in crc32c | secure_keys) parser=0 ;; *) parser=1 ;; esac
	v=vectors/$codec.json
	if [ ! -f "$v" ]; then
		echo "pairing: $codec has no $v"; missing=$((missing + 1))
	else
		grep -q '"result": "valid"' "$v" ||
		    { echo "pairing: $codec has no valid vector"; missing=$((missing + 1)); }
		[ $parser -eq 0 ] || [ "$codec" = msg_wait ] ||
		    [ "$codec" = mon_get_map ] ||
		    grep -q '"result": "invalid"' "$v" ||
		    { echo "pairing: $codec has no invalid vector"; missing=$((missing + 1)); }
	fi
	[ $parser -eq 1 ] || continue
	[ -f "fuzz/fz_$codec.c" ] ||
	    { echo "pairing: $codec has no fuzz/fz_$codec.c"; missing=$((missing + 1)); }
	[ -n "$(ls "fuzz/corpus/$codec" 2>/dev/null)" ] ||
	    { echo "pairing: $codec has no seed corpus"; missing=$((missing + 1)); }
done
echo "pairing: $missing missing"
[ "$missing" -eq 0 ]
