#!/usr/bin/env python3
"""Writes the notebooks' own inputs to benchmarks/results/notebook_inputs/.

Every file it writes is a JSON object with the command that made it, the date,
a note on where the data comes from (and the machine load, where it holds
timings), and the result. Nothing here is real person data: the server runs on the generated
small world (`qiancheng bench-data --scale small --seed 1`).

    python3 notebooks/produce_inputs.py --qiancheng build/api/qiancheng [--only index,scale,server]

index   `qiancheng bench-index` at 100k x 256, selectivity 1..0.001 (synthetic vectors)
scale   `qiancheng bench-index` at 10k, 30k and 300k (100k is taken from `index`)
server  a real server on the small world: supply-demand for 610100, eligibility
        decisions for a seeded sample of worker/project pairs, the pipelines'
        traces for a seeded sample of workers and vacancies; then `qiancheng eval
        --json` on that world (when the binary has the eval command)
Standard library only; the server it starts is stopped before it returns.
"""

import argparse
import json
import os
import pathlib
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "results" / "notebook_inputs"
TODAY = "2026-11-24"
SEED = 20261124  # the sample of pairs, workers and vacancies
KINDS = ["occupations", "shortage-entries", "institutions", "training-projects",
         "vacancies", "workers", "outcomes"]
GENERATED = ("GENERATED data: the small world of `qiancheng bench-data --scale small "
             "--seed 1` (ids gen-*), not statistics and not real people.")


def load_average():
    return round(os.getloadavg()[0], 2)


def encode(value, depth=0):
    """JSON with one line per record of a list of records: small files, readable diffs."""
    pad = " " * (depth + 1)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        rows = [pad + json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in value]
        return "[\n" + ",\n".join(rows) + "\n" + " " * depth + "]"
    if isinstance(value, dict) and value:
        items = [pad + json.dumps(k, ensure_ascii=False) + ": " + encode(v, depth + 1)
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    return json.dumps(value, ensure_ascii=False)


def write(name, command, note, result):
    OUT.mkdir(parents=True, exist_ok=True)
    doc = {"command": command, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
           "note": note, "result": result}
    path = OUT / name
    path.write_text(encode(doc) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)


def bench_index(binary, n, queries, selectivity):
    args = [binary, "bench-index", "--n", str(n), "--dim", "256", "--queries", str(queries),
            "--selectivity", selectivity, "--json"]
    load = load_average()
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    for row in rows:
        row["load_before"] = load
    return "qiancheng " + shlex.join(args[1:]), rows


def produce_index(binary):
    command, rows = bench_index(binary, 100000, 300, "1,0.1,0.01,0.001")
    write("bench_index_100k.json", command,
          "Synthetic clustered vectors (engine/index/synthetic.h, seed 42), one HNSW index, "
          "single-threaded searches; latencies are wall clock on the shared 2-core machine "
          "(load_before = 1-minute load average when the run started).", rows)


def produce_scale(binary):
    rows, commands = [], []
    for n in (10000, 30000, 300000):
        command, got = bench_index(binary, n, 300, "1,0.1,0.01")
        commands.append(command)
        rows += got
    base = OUT / "bench_index_100k.json"
    if base.exists():
        doc = json.loads(base.read_text(encoding="utf-8"))
        commands.append(doc["command"] + "  (rows with selectivity 1, 0.1, 0.01)")
        rows += [r for r in doc["result"] if r["selectivity"] in (1, 0.1, 0.01)]
    rows.sort(key=lambda r: (r["n"], -r["selectivity"]))
    write("index_scale.json", " ; ".join(commands),
          "The same synthetic index at 10k..300k vectors: build seconds on 2 cores, bytes per "
          "vector, search p50/p99 and recall@10 per selectivity. Wall clock on a shared machine.",
          rows)


class Server:
    """A `qiancheng serve` on a free loopback port over a fresh data dir."""

    def __init__(self, binary, data_dir, key):
        env = dict(os.environ, QIANCHENG_ADMIN_KEY=key)
        self.key = key
        self.proc = subprocess.Popen(
            [binary, "--reference-dir", str(ROOT / "data"), "serve", "--data-dir", str(data_dir),
             "--port", "0", "--today", TODAY, "--access-log", str(data_dir / "access.log")],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        match = re.search(r"http://[0-9.]+:(\d+)/", line)
        if not match:
            self.stop()
            raise RuntimeError(f"serve did not report its port: {line!r}")
        self.base = f"http://127.0.0.1:{match.group(1)}"
        for _ in range(600):
            try:
                if self.call("GET", "/readyz")[0] == 200:
                    return
            except urllib.error.URLError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError("server not ready after 300 s")

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method, headers={
            "Authorization": f"Bearer {self.key}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                return reply.status, json.loads(reply.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def read_ndjson(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def make_world(binary, work):
    world = work / "world"
    subprocess.run([binary, "bench-data", "--scale", "small", "--seed", "1", "--out", str(world)],
                   check=True, capture_output=True)
    data_dir = work / "data"
    for kind in KINDS:
        path = world / f"{kind}.ndjson"
        if path.exists():
            subprocess.run([binary, "--reference-dir", str(ROOT / "data"), "import", str(path),
                            "--kind", kind, "--data-dir", str(data_dir)],
                           check=True, capture_output=True)
    return world, data_dir


def sample_pairs(workers, projects, rng, count):
    """Each sampled worker with an open project of the same city when there is one
    (a counselor's usual question), else any open project."""
    open_projects = [p for p in projects if p.get("status") == "open"]
    by_city = {}
    for p in open_projects:
        by_city.setdefault(p["region"][:4], []).append(p)
    pairs = []
    for w in rng.sample(workers, count):
        pool = by_city.get(w["region"][:4]) or open_projects
        pairs.append((w, rng.choice(pool)))
    return pairs


def eligibility_rows(server, pairs):
    rows = []
    for w, p in pairs:
        status, decision = server.call("POST", "/v1/eligibility",
                                       {"worker_id": w["id"], "project_id": p["id"], "date": TODAY})
        if status != 200:
            raise RuntimeError(f"eligibility {w['id']} x {p['id']}: {status} {decision}")
        rows.append({
            "worker_id": w["id"], "worker_groups": w.get("groups", []),
            "worker_region": w["region"], "project_id": p["id"], "project_region": p["region"],
            "occupation_code": p["occupation_code"], "level": p["level"], "mode": p["mode"],
            "work_based": p.get("work_based", False), "fee_yuan": p.get("fee_yuan"),
            "eligible": decision["eligible"], "amounts": decision["amounts"],
            # Rule outcomes only: clause texts and messages would make the file 10x larger.
            "reasons": [{k: r[k] for k in ("rule", "passed", "kind", "effect")}
                        for r in decision["reasons"]],
        })
    return rows


def trace_rows(server, pipeline, ids, path_of):
    rows = []
    for item_id in ids:
        start = time.perf_counter()
        status, reply = server.call("GET", path_of(item_id))
        wall_us = (time.perf_counter() - start) * 1e6
        if status != 200:
            raise RuntimeError(f"{pipeline} {item_id}: {status} {reply}")
        rows.append({"pipeline": pipeline, "id": item_id, "client_wall_us": round(wall_us, 1),
                     "items": len(reply["items"]), "candidates": reply["candidates"],
                     "total_micros": reply["trace"]["total_micros"],
                     "steps": reply["trace"]["steps"]})
    return rows


def produce_server(binary):
    work = pathlib.Path(tempfile.mkdtemp(prefix="qc-notebook-inputs-"))
    try:
        world, data_dir = make_world(binary, work)
        workers = read_ndjson(world / "workers.ndjson")
        projects = read_ndjson(world / "training-projects.ndjson")
        vacancies = read_ndjson(world / "vacancies.ndjson")
        server = Server(binary, data_dir, os.urandom(16).hex())
        try:
            serve = (f"qiancheng bench-data --scale small --seed 1; qiancheng import (each kind, "
                     f"as deploy/run-demo.sh); qiancheng serve --port 0 --today {TODAY}")
            status, view = server.call("GET", "/v1/analytics/supply-demand?region=610100")
            if status != 200:
                raise RuntimeError(f"supply-demand: {status} {view}")
            write("supply_demand_610100.json",
                  serve + "; GET /v1/analytics/supply-demand?region=610100 (admin key)",
                  GENERATED + " Counts are of generated vacancies, classes and outcomes.", view)

            rng = random.Random(SEED)
            pairs = sample_pairs(workers, projects, rng, 400)
            write("eligibility_sample.json",
                  serve + f"; POST /v1/eligibility {{worker_id, project_id, date: {TODAY}}} for "
                  f"400 pairs (random.Random({SEED}): a worker, then an open project of the same "
                  "city when there is one)",
                  GENERATED + " Amounts follow data/policies/ applied to generated records.",
                  eligibility_rows(server, pairs))

            load = load_average()
            sample_workers = [w["id"] for w in rng.sample(workers, 300)]
            sample_vacancies = [v["id"] for v in rng.sample(
                [v for v in vacancies if v.get("status") == "open"], 300)]
            trace_rows(server, "warm-up", sample_workers[:20],
                       lambda i: f"/v1/workers/{i}/recommendations/trainings?k=10")
            rows = (trace_rows(server, "trainings_for_worker", sample_workers,
                               lambda i: f"/v1/workers/{i}/recommendations/trainings?k=10")
                    + trace_rows(server, "jobs_for_trainee", sample_workers,
                                 lambda i: f"/v1/workers/{i}/recommendations/jobs?k=10")
                    + trace_rows(server, "workers_for_vacancy", sample_vacancies,
                                 lambda i: f"/v1/vacancies/{i}/candidates?k=10"))
            write("pipeline_traces.json",
                  serve + f"; GET .../recommendations/trainings, .../recommendations/jobs (300 "
                  f"workers) and /v1/vacancies/{{id}}/candidates (300 open vacancies), k=10, "
                  f"one at a time, random.Random({SEED}) after the eligibility sample",
                  GENERATED + f" Server-side trace of each request (steps in microseconds) and "
                  f"the client's wall time over loopback; shared 2-core machine, load {load} "
                  "at the start; 20 warm-up requests not recorded.", rows)
        finally:
            server.stop()
        produce_eval(binary, data_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def produce_eval(binary, data_dir):
    """`qiancheng eval --json` on the small world the server has just served (its
    model and index snapshots are in the data dir)."""
    if subprocess.run([binary, "eval", "--help"], capture_output=True).returncode != 0:
        print("this qiancheng has no eval command: eval_small.json not written", file=sys.stderr)
        return
    args = [binary, "--reference-dir", str(ROOT / "data"), "eval", "--data-dir", str(data_dir),
            "--json", "--today", TODAY, "--seed", "1"]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    report = json.loads(out)
    report["data_dir"] = "(temporary data dir of the small world)"
    write("eval_small.json",
          "qiancheng bench-data --scale small --seed 1; qiancheng import (each kind); "
          "qiancheng serve (once, fits the model); qiancheng eval --data-dir DIR --json "
          f"--today {TODAY} --seed 1", GENERATED, report)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qiancheng", required=True, help="path to the built qiancheng binary")
    parser.add_argument("--only", default="index,scale,server")
    args = parser.parse_args()
    binary = str(pathlib.Path(args.qiancheng).resolve())
    steps = {"index": produce_index, "scale": produce_scale, "server": produce_server}
    for name in args.only.split(","):
        steps[name](binary)


if __name__ == "__main__":
    main()
