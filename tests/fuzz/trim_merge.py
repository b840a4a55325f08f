#!/usr/bin/env python3
"""Adds to the committed corpus the fuzz-run inputs that add the most coverage,
at most N of them, so the corpus stays under its 300-file budget.

A plain -merge=1 keeps every input that adds any edge (hundreds of files, many
adding one edge each). This reads the control file of a
`-set_cover_merge=1 -merge_control_file=FILE` run and picks greedily: each
step takes the input adding the most features not yet covered (the smaller on
ties) and copies it to CORPUS_DIR under its SHA-1, as libFuzzer names files.

Usage: trim_merge.py CONTROL_FILE CORPUS_DIR [--max-new N] [--dry-run]
Paths in the control file are relative to where the fuzzer ran."""
import argparse
import hashlib
import os
import shutil


def read_control(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    count, first = int(lines[0]), int(lines[1])
    paths = lines[2:2 + count]
    features, sizes = {}, {}
    for line in lines[2 + count:]:
        parts = line.split()
        if parts and parts[0] == "STARTED":
            sizes[int(parts[1])] = int(parts[2])
        elif parts and parts[0] == "FT":
            features[int(parts[1])] = set(map(int, parts[2:]))
    return paths, first, features, sizes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("control_file")
    parser.add_argument("corpus_dir")
    parser.add_argument("--max-new", type=int, default=200)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    paths, first, features, sizes = read_control(args.control_file)
    # The first `first` files are the corpus merged into: already covered.
    covered = set().union(*(features.get(i, set()) for i in range(first)))
    reachable = covered.union(*features.values())
    candidates = {i: f for i, f in features.items() if i >= first}
    picked = []
    while len(picked) < args.max_new and candidates:
        best = max(candidates,
                   key=lambda i: (len(candidates[i] - covered), -sizes[i]))
        if not candidates[best] - covered:
            break
        covered |= candidates.pop(best)
        picked.append(best)
    print(f"trim_merge: {len(picked)} inputs added; {len(covered)} of "
          f"{len(reachable)} features covered")
    for i in [] if args.dry_run else picked:
        data = open(paths[i], "rb").read()
        name = hashlib.sha1(data).hexdigest()
        shutil.copyfile(paths[i], os.path.join(args.corpus_dir, name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
