#!/usr/bin/env python3
"""Fails when an engine stage includes a header of a stage to its left in the
data flow of DESIGN.md: api -> {ingest, recommend} -> {rank, policy, index,
embed, taxonomy, text, store} -> core. Usage: layering_test.py SOURCE_DIR"""
import pathlib
import re
import sys

# Which stages each stage may include (besides itself).
ALLOWED = {
    "core": set(),
    "text": {"core"},
    "taxonomy": {"core", "text"},
    "store": {"core"},
    "embed": {"core", "text", "taxonomy"},
    "index": {"core"},
    "policy": {"core", "taxonomy"},
    "rank": {"core", "taxonomy"},
    "ingest": {"core", "store", "text", "taxonomy", "embed", "index", "policy"},
    "recommend": {"core", "store", "text", "taxonomy", "embed", "index", "policy", "rank"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')


def main() -> int:
    root = pathlib.Path(sys.argv[1]) / "engine"
    bad = []
    for stage, allowed in ALLOWED.items():
        for path in sorted((root / stage).rglob("*")):
            if path.suffix not in (".h", ".cc"):
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = INCLUDE.match(line)
                if m and m.group(1) != stage and m.group(1) in ALLOWED and m.group(1) not in allowed:
                    bad.append(f"{path.relative_to(root.parent)}:{n}: {stage} may not include {m.group(1)}/")
    for b in bad:
        print(b)
    print(f"layering: {len(bad)} backward includes")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
