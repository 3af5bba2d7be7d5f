#!/usr/bin/env bash
# Fuzzes OOMLens with libFuzzer: the tokenizer, the assembler with the decoders and the diagnosis, the gzip reader
# fed damaged members, and the config loader.
#
#   scripts/fuzz.sh SECONDS [TARGET...]     (targets: FuzzTokenizer FuzzAssembler FuzzGzip FuzzConfig; default all)
#
# Each target runs SECONDS seconds, one after the other, at low priority. Seeds are copied at run time from the
# peer logs (../shared/peer-cases, or $OOMLENS_PEER_CASES) and the synthesiser's shipped samples (samples/); the
# corpus grows in .build-fuzz/corpus/TARGET across runs. A crashing input is saved as
# .build-fuzz/crashes/TARGET-crash-* and the script exits 1: turn it into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzTokenizer FuzzAssembler FuzzGzip FuzzConfig)
scratch="${FUZZ_SCRATCH_PATH:-.build-fuzz}"
peers="${OOMLENS_PEER_CASES:-../shared/peer-cases}"
mkdir -p "$scratch/crashes"

for target in "${targets[@]}"; do
    OOMLENS_FUZZ=1 swift build -c release --scratch-path "$scratch" --product "$target" \
        -Xswiftc -sanitize=fuzzer,address >/dev/null
done
bin="$(OOMLENS_FUZZ=1 swift build -c release --scratch-path "$scratch" --show-bin-path)"

# Seeds: every log of the peer cases and the shipped samples; gzip members, whole, cut and concatenated; configs.
seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/logs" "$seeds/gzip" "$seeds/config"
i=0
while IFS= read -r -d '' f; do
    case "$f" in *.json|*.md|*.gz) continue ;; esac
    i=$((i + 1))
    cp "$f" "$seeds/logs/$i"
    gzip -c "$f" >"$seeds/gzip/$i.gz"
    head -c "$(( $(stat -c %s "$seeds/gzip/$i.gz") / 2 ))" "$seeds/gzip/$i.gz" >"$seeds/gzip/$i-cut.gz"
done < <(find "$peers" samples -type f -print0 2>/dev/null)
cp samples/syslog.2.gz "$seeds/gzip/sample.gz"
cat "$seeds/gzip/1.gz" "$seeds/gzip/2.gz" >"$seeds/gzip/two-members.gz"
cp pipeline.json "$seeds/config/pipeline.json"
cat >"$seeds/config/full.json" <<'JSON'
{"version": 1, "$schema": "x", "description": "all options",
 "sources": [{"type": "files", "options": {"paths": ["/var/log"], "max_line_bytes": 4096, "read_bytes": 65536}}],
 "stages": [{"type": "tokenizer", "options": {"split_escapes": false}},
            {"type": "oom-assembler", "options": {"max_lines_per_report": 10, "max_open_reports": 2, "keep_raw": true}},
            {"type": "diagnosis", "options": {"top_consumers": 3, "ranked_tasks": 2, "advice": false}}],
 "sinks": [{"type": "jsonl", "comment": "unknown here", "options": {"path": "-"}}]}
JSON

status=0
for target in "${targets[@]}"; do
    case "$target" in
        FuzzGzip) seed="$seeds/gzip"; maxlen=262144 ;;
        FuzzConfig) seed="$seeds/config"; maxlen=8192 ;;
        *) seed="$seeds/logs"; maxlen=131072 ;;
    esac
    corpus="$scratch/corpus/$target"
    mkdir -p "$corpus"
    log="$scratch/$target.log"
    echo "fuzz: $target for $seconds s"
    before=$(find "$scratch/crashes" -name "$target-*" | wc -l)
    : >"$log"
    # After a crash, go on with the time that is left, so a long run finds more than the first crash.
    deadline=$(( $(date +%s) + seconds ))
    runs=0
    while [ "$(date +%s)" -lt "$deadline" ]; do
        left=$(( deadline - $(date +%s) ))
        nice -n 19 "$bin/$target" -max_total_time="$left" -max_len="$maxlen" -timeout=20 -rss_limit_mb=2048 \
            -dict=Fuzz/oomlens.dict -print_final_stats=1 -artifact_prefix="$scratch/crashes/$target-" \
            "$corpus" "$seed" >>"$log" 2>&1 || true
        done_runs=$(grep -E "^stat::number_of_executed_units" "$log" | tail -1 | awk '{print $2}')
        runs=$(( runs + ${done_runs:-0} ))
        sed -i 's/^stat::number_of_executed_units/counted::number_of_executed_units/' "$log"
    done
    found=$(( $(find "$scratch/crashes" -name "$target-*" | wc -l) - before ))
    echo "fuzz: $target: $runs runs in $seconds s | corpus $(find "$corpus" -type f | wc -l) inputs | new crashes: $found"
    if [ "$found" -gt 0 ]; then
        status=1
        echo "fuzz: $target FAILED; see $log and $scratch/crashes/"
        grep -E "Fatal error|runtime failure|invariant|ERROR: AddressSanitizer|deadly" "$log" | sort | uniq -c | head -5 || true
    fi
done
exit "$status"
