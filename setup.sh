#!/bin/sh
# SPDX-License-Identifier: MIT
# Quick start, step 1: install what is missing (Debian 12 packages), build
# everything, and run the main job: the reference against every vector,
# then the whole conformance suite against the reference server on
# loopback (summary on the console, reports in build/reports/).
set -eu
cd "$(dirname "$0")"
./ci/deps.sh
make -j"$(nproc)" all
make demo
