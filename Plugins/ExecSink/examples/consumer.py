#!/usr/bin/env python3
"""Example consumer for the OOMLens `exec` sink, protocol version 1 (see ../PROTOCOL.md).

Appends every event to OUTPUT (one JSON object per line), makes the file durable, then acknowledges the batch.
With --verbose it also logs one line per event to stderr, which OOMLens shows as a warning.

    {"type": "exec", "options": {"command": ["python3", "Plugins/ExecSink/examples/consumer.py", "oom.jsonl"]}}
"""
import io
import json
import os
import sys

PROTOCOL_VERSION = 1


def main(argv):
    args = [a for a in argv[1:] if a != "--verbose"]
    verbose = len(args) != len(argv) - 1
    if len(args) != 1:
        print("usage: consumer.py [--verbose] OUTPUT.jsonl", file=sys.stderr)
        return 2
    # Read bytes as UTF-8 whatever the locale says; stdout (the acknowledgements) is flushed after every line.
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="\n")
    with open(args[0], "a", encoding="utf-8") as out:
        while True:
            header_line = stdin.readline()
            if not header_line:
                return 0  # end of input: OOMLens is done
            header = json.loads(header_line)
            if header.get("oomlens_exec") != PROTOCOL_VERSION:
                print(f"unsupported protocol version {header.get('oomlens_exec')!r}", file=sys.stderr)
                return 2
            events = []
            for _ in range(header["events"]):
                line = stdin.readline()
                if not line:
                    print(f"input ended inside batch {header['batch']}", file=sys.stderr)
                    return 1
                events.append(json.loads(line))
            for event in events:
                # The same id may come again as an update; a real consumer upserts by event["id"].
                out.write(json.dumps(event, sort_keys=True) + "\n")
                if verbose:
                    victim = (event.get("victim") or {}).get("comm", "?")
                    cause = (event.get("diagnosis") or {}).get("cause", "?")
                    print(f"event {event['id']} on {event.get('host') or '?'}: killed {victim} ({cause})",
                          file=sys.stderr, flush=True)
            out.flush()
            os.fsync(out.fileno())
            print(f"ack {header['batch']}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
