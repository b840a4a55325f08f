#!/usr/bin/env python3
"""Folds the raw outputs of run_scale.sh (one folder) into one JSON document.

Usage: summarize.py RAW_DIR SCALE > scale_SCALE.json
Reads the /usr/bin/time -v reports (*.time), import.tsv, recommend_bench.json
(Google Benchmark JSON), recommend_bench.err (read-side progress) and
bench_index.json (one JSON object per line).
"""
import json
import os
import re
import subprocess
import sys


def time_report(path):
    """Wall seconds, CPU seconds and max RSS (MiB) of one /usr/bin/time -v."""
    out = {}
    if not os.path.exists(path):
        return out
    text = open(path, encoding="utf-8").read()
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        out["max_rss_mib"] = round(int(m.group(1)) / 1024, 1)
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    if m:
        secs = 0.0
        for part in m.group(1).split(":"):
            secs = secs * 60 + float(part)
        out["wall_s"] = round(secs, 2)
    user = re.search(r"User time \(seconds\): ([\d.]+)", text)
    system = re.search(r"System time \(seconds\): ([\d.]+)", text)
    if user and system:
        out["cpu_s"] = round(float(user.group(1)) + float(system.group(1)), 2)
    return out


def machine():
    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem_kib = int(line.split()[1])
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "cpu": model,
    }


def main():
    raw, scale = sys.argv[1], sys.argv[2]
    doc = {"scale": scale, "machine": machine()}
    doc["date"] = subprocess.run(["date", "-u", "+%Y-%m-%dT%H:%M:%SZ"],
                                 capture_output=True, text=True).stdout.strip()
    for name in ("load_start", "load_end"):
        path = os.path.join(raw, name + ".txt")
        if os.path.exists(path):
            doc[name] = open(path, encoding="utf-8").read().strip()
    doc["bench_data"] = time_report(os.path.join(raw, "bench_data.time"))

    imports, rows_total, secs_total = [], 0, 0.0
    tsv = os.path.join(raw, "import.tsv")
    if os.path.exists(tsv):
        for line in open(tsv, encoding="utf-8"):
            kind, rows, secs = line.split("\t")
            rows, secs = int(rows), float(secs)
            entry = {"kind": kind, "rows": rows, "wall_s": round(secs, 2),
                     "rows_per_s": round(rows / secs) if secs > 0 else None}
            entry.update({"max_rss_mib": time_report(
                os.path.join(raw, "import_%s.time" % kind)).get("max_rss_mib")})
            imports.append(entry)
            rows_total += rows
            secs_total += secs
    doc["import"] = {"kinds": imports, "rows": rows_total,
                     "wall_s": round(secs_total, 2),
                     "rows_per_s": round(rows_total / secs_total) if secs_total else None}

    rec = {"process": time_report(os.path.join(raw, "recommend_bench.time"))}
    err = os.path.join(raw, "recommend_bench.err")
    if os.path.exists(err):
        text = open(err, encoding="utf-8").read()
        m = re.search(r"world ready in ([\d.]+) s", text)
        if m:
            rec["read_side_build_s"] = round(float(m.group(1)), 1)
        rec["read_side_log"] = [l for l in text.splitlines()
                                if "recommend_bench:" in l][-20:]
    path = os.path.join(raw, "recommend_bench.json")
    if os.path.exists(path):
        bench = json.load(open(path, encoding="utf-8"))
        rec["context"] = bench.get("context", {})
        rec["pipelines"] = [
            {k: v for k, v in b.items()
             if k in ("name", "iterations", "real_time", "cpu_time",
                      "time_unit", "p50_us", "p99_us", "kept", "items", "ids",
                      "error_message") or k.endswith("_p50_us")}
            for b in bench.get("benchmarks", [])]
        by = {p["name"]: p for p in rec["pipelines"]}
        ours = by.get("BM_Recommend_TrainingsForWorker")
        for peer_name in ("BM_Recommend_TrainingsPostFilter/50",
                          "BM_Recommend_TrainingsPostFilter/500"):
            peer = by.get(peer_name)
            if ours and peer and peer.get("p50_us"):
                rec.setdefault("ratio_p50_ours_over_postfilter", {})[peer_name] = \
                    round(ours["p50_us"] / peer["p50_us"], 2)
    doc["recommend"] = rec

    idx = {"process": time_report(os.path.join(raw, "bench_index.time")),
           "selectivities": []}
    path = os.path.join(raw, "bench_index.json")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if line.startswith("{"):
                idx["selectivities"].append(json.loads(line))
    doc["index"] = idx
    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
