#!/usr/bin/env python3
"""Writes the ids of one kind of a generated world, one per line, for the wrk
script (recommend.lua). Reads the NDJSON that `qiancheng bench-data` or
`qiancheng export` writes, e.g. WORLD/workers.ndjson.

Usage: write_ids.py NDJSON OUT [--limit N]
The ids are written in file order; the first N when --limit is given (a small
world's 20k workers are all kept by default)."""
import argparse
import json
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ndjson")
    parser.add_argument("out")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    count = 0
    with open(args.ndjson, encoding="utf-8") as src, \
            open(args.out, "w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            record = json.loads(line)
            # Occupations are keyed by their code, every other kind by id.
            key = record.get("id", record.get("code"))
            if not isinstance(key, str) or not key:
                print(f"write_ids: a record without id in {args.ndjson}",
                      file=sys.stderr)
                return 1
            dst.write(key + "\n")
            count += 1
            if args.limit and count >= args.limit:
                break
    if count == 0:
        print(f"write_ids: no records in {args.ndjson}", file=sys.stderr)
        return 1
    print(f"write_ids: {count} ids -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
