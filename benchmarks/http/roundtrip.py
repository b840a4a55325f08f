#!/usr/bin/env python3
"""Sequential keep-alive requests on one loopback connection: the client's
round trip of each call beside the engine time the response reports
(trace.total_micros), for issue 8's HTTP overhead (round trip p50 minus
engine p50).

Usage: roundtrip.py --url http://127.0.0.1:8080 --ids FILE [--count 2000]
                    [--path TEMPLATE] [--warmup 200]
The key is read from $QC_API_KEY. Prints one JSON line: calls, round trip
and engine p50/p90/p99 in microseconds, the overhead as the difference of
the p50s and as the p50 of the per-call differences, and the body size.
A raw socket, not urllib: the client's own cost counts as overhead, so it
is kept to a send and a few reads per call.
"""
import argparse
import json
import os
import re
import socket
import sys
import time
from urllib.parse import urlparse

TOTAL = re.compile(rb'"total_micros":([0-9.eE+-]+)')


def read_response(sock, pending):
    """One response with a Content-Length body: (status, body, leftover)."""
    buf = pending
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection")
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(rest) < length:
        chunk = sock.recv(max(65536, length - len(rest)))
        if not chunk:
            raise ConnectionError("server closed the connection")
        rest += chunk
    return status, rest[:length], rest[length:]


def percentile(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--ids", required=True)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--path",
                    default="/v1/workers/{id}/recommendations/trainings?k=10")
    args = ap.parse_args()
    key = os.environ.get("QC_API_KEY", "")
    url = urlparse(args.url)
    with open(args.ids, encoding="utf-8") as f:
        ids = [line.strip() for line in f if line.strip()]
    sock = socket.create_connection((url.hostname, url.port or 80))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    pending = b""
    rtt, engine, diff, size = [], [], [], 0
    for n in range(args.warmup + args.count):
        path = args.path.replace("{id}", ids[n % len(ids)])
        request = (f"GET {path} HTTP/1.1\r\nHost: {url.hostname}\r\n"
                   f"Authorization: Bearer {key}\r\n\r\n").encode()
        t0 = time.perf_counter_ns()
        sock.sendall(request)
        status, body, pending = read_response(sock, pending)
        t1 = time.perf_counter_ns()
        if status != 200:
            print(f"roundtrip: HTTP {status}: {body[:200]!r}", file=sys.stderr)
            return 1
        if n < args.warmup:
            continue
        m = TOTAL.search(body, max(0, len(body) - 2048))
        micros = (t1 - t0) / 1000.0
        rtt.append(micros)
        size += len(body)
        if m:
            engine.append(float(m.group(1)))
            diff.append(micros - engine[-1])
    out = {"calls": len(rtt), "bytes_per_response": size // max(1, len(rtt))}
    for name, values in (("round_trip_us", rtt), ("engine_us", engine)):
        if values:
            out[name] = {q: round(percentile(values, v), 1)
                         for q, v in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99))}
    if engine:
        out["overhead_us"] = {
            "p50_minus_p50": round(out["round_trip_us"]["p50"] -
                                   out["engine_us"]["p50"], 1),
            "p50_of_differences": round(percentile(diff, 0.5), 1),
        }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
