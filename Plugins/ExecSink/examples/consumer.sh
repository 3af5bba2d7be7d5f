#!/bin/sh
# Example consumer for the OOMLens `exec` sink, protocol version 1 (see ../PROTOCOL.md). POSIX sh only.
#
# Appends every event line to OUTPUT, then acknowledges the batch on stdout. Anything written to stderr shows up
# in OOMLens's log as a warning; stdout is for "ack N" lines only.
#
#   {"type": "exec", "options": {"command": ["sh", "Plugins/ExecSink/examples/consumer.sh", "oom.jsonl"]}}
set -u

out=${1:?usage: consumer.sh OUTPUT.jsonl}
exec 3>>"$out" || exit 1

while IFS= read -r header; do
    # The header's first keys are always "oomlens_exec", "batch", "events", in that order.
    case $header in
        '{"oomlens_exec":1,'*) ;;
        *) printf 'consumer.sh: unsupported header: %s\n' "$header" >&2; exit 2 ;;
    esac
    batch=${header#*\"batch\":}
    batch=${batch%%[!0-9]*}
    count=${header#*\"events\":}
    count=${count%%[!0-9]*}
    i=0
    while [ "$i" -lt "$count" ]; do
        if ! IFS= read -r event; then
            printf 'consumer.sh: input ended inside batch %s\n' "$batch" >&2
            exit 1
        fi
        printf '%s\n' "$event" >&3
        i=$((i + 1))
    done
    # Make the file durable before acknowledging (GNU and BusyBox sync take a file; elsewhere it syncs all).
    sync "$out" 2>/dev/null || sync
    printf 'ack %s\n' "$batch"
done
exit 0
