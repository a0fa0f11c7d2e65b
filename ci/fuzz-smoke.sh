#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every libFuzzer target (clang, ASan+UBSan) for a bounded time from
# its seed corpus, after proving the sanitizers are live: the negative
# target must crash.  FUZZ_SECONDS sets the time per target (default 10).
set -eu
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-10}
make -j"$(nproc)" BUILD=fuzz fuzzers build/fuzz/fuzz/neg_selftest >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf 'xx' >"$work/neg_input"
if build/fuzz/fuzz/neg_selftest "$work/neg_input" >"$work/neg.log" 2>&1; then
	echo "fuzz-smoke: the negative target did not crash: sanitizers are off"
	exit 1
fi
grep -q 'AddressSanitizer' "$work/neg.log" || {
	echo "fuzz-smoke: the negative target failed without an ASan report"
	exit 1
}
echo "fuzz-smoke: negative target crashed under ASan, as it must"

fail=0
n=0
for t in build/fuzz/fuzz/fz_*; do
	case $t in *.o | *.d) continue ;; esac
	name=$(basename "$t")
	codec=${name#fz_}
	mkdir -p "$work/$name"
	if ! "$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 \
	    -dict=fuzz/m2.dict -artifact_prefix="$work/$name/" \
	    "$work/$name" "fuzz/corpus/$codec" >"$work/$name.log" 2>&1; then
		echo "fuzz-smoke: $name FOUND A CRASH:"
		tail -40 "$work/$name.log"
		mkdir -p build/fuzz-findings
		cp "$work/$name"/crash-* "$work/$name"/leak-* \
		    "$work/$name"/timeout-* build/fuzz-findings/ 2>/dev/null || :
		fail=$((fail + 1))
	else
		execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' \
		    "$work/$name.log" | grep -o '[0-9]*$' || echo '?')
		echo "fuzz-smoke: $name ok (${secs}s, $execs runs)"
	fi
	n=$((n + 1))
done
# AFL++: the same targets build with afl-clang-fast (AFL++'s libFuzzer
# driver); one runs under afl-fuzz for a few seconds.
if command -v afl-fuzz >/dev/null 2>&1; then
	make -j"$(nproc)" BUILD=afl fuzzers >/dev/null
	mkdir -p "$work/afl_in"
	cp fuzz/corpus/msg_hello/* "$work/afl_in/"
	if AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 \
	    AFL_NO_UI=1 AFL_NO_AFFINITY=1 afl-fuzz -V "$secs" \
	    -i "$work/afl_in" -o "$work/afl_out" -- \
	    build/afl/fuzz/fz_msg_hello >"$work/afl.log" 2>&1 &&
	    grep -q 'saved_crashes *: 0' "$work/afl_out/default/fuzzer_stats"; then
		echo "fuzz-smoke: afl-fuzz fz_msg_hello ok (${secs}s," \
		    "$(grep -o 'execs_done *: [0-9]*' \
		    "$work/afl_out/default/fuzzer_stats" | grep -o '[0-9]*$') runs)"
	else
		echo "fuzz-smoke: afl-fuzz fz_msg_hello FAILED:"
		tail -20 "$work/afl.log"
		fail=$((fail + 1))
	fi
	n=$((n + 1))
fi
echo "fuzz-smoke: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
