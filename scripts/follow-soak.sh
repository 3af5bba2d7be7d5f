#!/usr/bin/env bash
# Soak test of `oomlens follow`: SIGKILL at many random points while a writer appends OOM reports and rotates the
# log, restarting the follower after each kill; then checks that the SQLite sink holds every report exactly once.
#
#   scripts/follow-soak.sh [KILLS] [SEED]      (defaults: 120 kill points, seed 2024)
#
# Prints: kill points tried / reports / events lost / events duplicated (and JSON Lines deliveries, which are at
# least once). Exit status 0 only when nothing was lost or duplicated.
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-120}"
seed="${2:-2024}"
scratch="${SCRATCH_PATH:-.build-follow}"
swift build --scratch-path "$scratch" --build-tests >/dev/null
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
OOMLENS_FOLLOW_SOAK_KILLS="$kills" OOMLENS_FOLLOW_SOAK_SEED="$seed" \
    swift test --scratch-path "$scratch" --skip-build --filter FollowCrashTests >"$log" 2>&1 || status=$?
grep -h "follow soak:" "$log" | sed 's/^.*follow soak: //' | tr ',' '\n' | sed 's/^ */  /'
if [ "$status" -ne 0 ]; then
    grep -E "✘|Expectation failed" "$log" | head -20
    echo "follow soak: FAILED"
    exit 1
fi
echo "follow soak: passed"
