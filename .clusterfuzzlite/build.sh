#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz entry point: the project's own fuzz/build.sh.
cd "$SRC/m2"
./fuzz/build.sh
