"""Anonymous reads of a meeting page against /healthz/ in the same run: gunicorn with production
settings (the whole-page cache for anonymous readers on, core/public_cache.py), the demo data,
the same number of keep-alive clients for the same time on each. Goal: the meeting page reaches
at least half of /healthz/'s throughput.

    .venv/bin/python bench/bench_public_read.py [--duration 10] [--clients 6] [--workers 2]
"""

from __future__ import annotations

import re
import threading
import time

import common


def hammer(port: int, path: str, clients: int, duration: float) -> dict:
    latencies: list[float] = []
    errors = [0]
    hits = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def client():
        session = common.Session(port)
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            status, resp, _body = session.get(path)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += status != 200
                hits[0] += resp.getheader("X-Public-Cache") == "hit"
        session.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + 60)
    elapsed = time.monotonic() - started
    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(common.percentile(latencies, 50) * 1000, 1),
        "p99_ms": round(common.percentile(latencies, 99) * 1000, 1),
        "errors": errors[0],
        "cache_hits": hits[0],
    }


def main() -> None:
    args = common.options(__doc__, duration=10.0, clients=6, workers=2)
    served = common.served_database("public_read", members=5, comments=200)
    with served as db, common.Gunicorn(db.url, workers=args.workers) as server:
        html = common.request("127.0.0.1", server.port, "GET", "/meetings/")[2].decode()
        meeting = re.findall(r'href="(/meetings/\d+/)"', html)[0]
        page = hammer(server.port, meeting, args.clients, args.duration)
        common.note(f"{meeting}: {page}")
        health = hammer(server.port, "/healthz/", args.clients, args.duration)
        common.note(f"/healthz/: {health}")
    common.report(
        "public_read",
        {
            "meeting_path": meeting,
            "meeting_rps": page["rps"],
            "meeting_p99_ms": page["p99_ms"],
            "meeting_cache_hits": page["cache_hits"],
            "healthz_rps": health["rps"],
            "healthz_p99_ms": health["p99_ms"],
            "ratio_to_healthz": round(page["rps"] / health["rps"], 2) if health["rps"] else None,
            "errors": page["errors"] + health["errors"],
            "clients": args.clients,
            "workers": args.workers,
        },
    )


if __name__ == "__main__":
    main()
