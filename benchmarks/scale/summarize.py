#!/usr/bin/env python3
"""Folds the raw outputs of run_scale.sh (one folder) into one JSON document.

Usage: summarize.py RAW_DIR SCALE > scale_SCALE.json
Reads the /usr/bin/time -v reports (*.time), import.tsv, recommend_bench.json
(Google Benchmark JSON), recommend_bench.err (read-side progress) and
bench_index.json (index_bench's Google Benchmark JSON: ours, the exact scan
and the hnswlib post-filter per selectivity, in one process).
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


def index_summary(bench):
    """Per selectivity: ours, the exact scan and the hnswlib post-filter
    (recall@10 vs the exact filtered search, p50/p99 in us), with the ratios
    of ours to both peers; and the build figures (index_bench's names)."""
    rows = {}  # selectivity index -> {system: counters}
    build = {}
    pattern = re.compile(r"^BM_Index_(FilteredTop10_(Ours|ExactScan|"
                         r"HnswlibPostFilter)|Build)(?:/(\d+))?(?:/(\d+))?")
    for b in bench.get("benchmarks", []):
        m = pattern.match(b.get("name", ""))
        if not m:
            continue
        if m.group(1) == "Build":
            build = {k: v for k, v in b.items()
                     if k.endswith("_s") or k.endswith("_bytes_per_vector")
                     or k == "raw_vector_bytes"}
            continue
        system, s = m.group(2), int(m.group(3))
        if system == "Ours" and m.group(4) not in (None, "0"):
            continue  # a fixed nprobe; the default (0) is what serves
        key = {"Ours": "ours", "ExactScan": "exact_scan",
               "HnswlibPostFilter": "hnswlib_postfilter"}[system]
        row = rows.setdefault(s, {})
        row["selectivity_percent"] = round(100 * b.get("selectivity", 0), 6)
        entry = {k: round(b[k], 4) for k in ("recall", "p50_us", "p99_us",
                                             "mean_k_asked") if k in b}
        if "error_message" in b:
            entry["error"] = b["error_message"]
        row[key] = entry
    out = []
    for s in sorted(rows):
        row = rows[s]
        ours = row.get("ours", {}).get("p99_us")
        for peer, name in (("exact_scan", "ours_p99_over_exact_p99"),
                           ("hnswlib_postfilter", "ours_p99_over_hnswlib_p99")):
            theirs = row.get(peer, {}).get("p99_us")
            if ours and theirs:
                row[name] = float("%.3g" % (ours / theirs))
        out.append(row)
    context = {k: v for k, v in bench.get("context", {}).items()
               if k in ("date", "num_cpus", "mhz_per_cpu", "load_avg")}
    return {"context": context, "build": build,
            "selectivities": out}


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
        text = open(path, encoding="utf-8").read()
        try:
            idx.update(index_summary(json.loads(text)))
        except ValueError:
            # Raw dirs of runs before 2026-11-24 13:00 UTC hold
            # `qiancheng bench-index --json`: one JSON object per line.
            idx["selectivities"] = [json.loads(l) for l in text.splitlines()
                                    if l.strip().startswith("{")]
    doc["index"] = idx
    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
