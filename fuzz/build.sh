#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# Builds every fuzz target the way OSS-Fuzz and ClusterFuzzLite expect:
# $OUT/<target>, $OUT/<target>_seed_corpus.zip, $OUT/<target>.dict and
# $OUT/<target>.options.  Inside OSS-Fuzz, CC, CFLAGS, LIB_FUZZING_ENGINE,
# SRC and OUT are set; run by hand it defaults to clang + libFuzzer with
# ASan and UBSan, writing to build/oss-fuzz/.
cd "$(dirname "$0")/.."
: "${CC:=clang}"
: "${CFLAGS:=-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fsanitize=fuzzer-no-link}"
: "${LIB_FUZZING_ENGINE:=-fsanitize=fuzzer}"
: "${OUT:=$PWD/build/oss-fuzz}"
mkdir -p "$OUT"
obj="$OUT/obj"
mkdir -p "$obj"
crypto_cflags=$(pkg-config --cflags libcrypto 2>/dev/null || true)
crypto_libs=$(pkg-config --libs libcrypto 2>/dev/null || echo -lcrypto)
for src in ref/src/*.c; do
	$CC $CFLAGS -std=c11 -D_POSIX_C_SOURCE=200809L -Iref/include \
	    $crypto_cflags -c "$src" -o "$obj/$(basename "${src%.c}").o"
done
rm -f "$obj/libm2.a"
ar rcs "$obj/libm2.a" "$obj"/*.o
for src in fuzz/fz_*.c; do
	t=$(basename "${src%.c}")
	codec=${t#fz_}
	$CC $CFLAGS -std=c11 -D_POSIX_C_SOURCE=200809L -Iref/include \
	    -Ifuzz "$src" -o "$OUT/$t" $LIB_FUZZING_ENGINE "$obj/libm2.a" \
	    $crypto_libs -lisal
	cp fuzz/m2.dict "$OUT/$t.dict"
	printf '[libfuzzer]\nmax_len = 65536\ndict = %s.dict\n' "$t" \
	    >"$OUT/$t.options"
	if [ -d "fuzz/corpus/$codec" ]; then
		rm -f "$OUT/${t}_seed_corpus.zip"
		(cd "fuzz/corpus/$codec" && zip -q -r \
		    "$OUT/${t}_seed_corpus.zip" .)
	fi
done
