#!/bin/sh
# SPDX-License-Identifier: MIT
# The whole test suite under ASan+UBSan (gcc), like Monocypher's test.sh:
# unit tests, every vector, every corpus replayed.
set -eu
cd "$(dirname "$0")/.."
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
make -j"$(nproc)" BUILD=asan all
make BUILD=asan check
