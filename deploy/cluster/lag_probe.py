#!/usr/bin/env python3
"""Replica lag as a client sees it: writes a probe worker through one replica
and times how long until another replica knows it (without min_seq).
  lag_probe.py WRITE_URL READ_URL ADMIN_KEY WORKER_JSON_FILE [PROBES]
Prints p50/p99/max in ms. Run a write load (put_workers.lua) beside it to
measure lag under load."""
import http.client
import json
import sys
import time
from urllib.parse import urlparse


def call(url, method, path, key, body=None):
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    conn.request(method, path, body=body,
                 headers={"Authorization": "Bearer " + key,
                          "Content-Type": "application/json"})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, data


def main():
    write_url, read_url, key, worker_file = sys.argv[1:5]
    probes = int(sys.argv[5]) if len(sys.argv) > 5 else 100
    template = json.loads(open(worker_file).readline())
    lags = []
    stamp = int(time.time())
    for i in range(probes):
        wid = "probe-%d-%d" % (stamp, i)
        template["id"] = wid
        status, _ = call(write_url, "PUT", "/v1/workers/" + wid, key,
                         json.dumps(template))
        if status != 200:
            print("write failed", status)
            continue
        t0 = time.monotonic()
        while True:
            status, _ = call(read_url, "GET",
                             "/v1/workers/%s/recommendations/jobs?k=1" % wid, key)
            if status == 200:
                break
            time.sleep(0.002)
        lags.append((time.monotonic() - t0) * 1000)
        time.sleep(0.05)
    lags.sort()
    pick = lambda q: lags[min(len(lags) - 1, int(q * len(lags)))]
    print("probes %d: lag p50 %.0f ms, p99 %.0f ms, max %.0f ms"
          % (len(lags), pick(0.5), pick(0.99), lags[-1]))


if __name__ == "__main__":
    main()
