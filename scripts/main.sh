#!/usr/bin/env bash
# The main job: a Release build, then the interrupt core's self-check.
# Arguments are passed on to 'gibtrace selftest'.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

scripts/deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release
cmake --build build/release -j"$(nproc)"
exec build/release/gibtrace selftest "$@"
