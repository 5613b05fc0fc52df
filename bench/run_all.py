"""Run every benchmark in bench/ and print one markdown table of their figures (`make bench`).

Each script runs as its own subprocess with a timeout and reports through a final
`BENCH {json}` line (bench/common: report()). A script that fails, times out or prints
no BENCH line is shown as failed with its last error line; the others still run.

    .venv/bin/python bench/run_all.py [--only load,durability] [--timeout 600]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable

# Run last and alone: they start servers and load the machine.
HEAVY = ["load.py", "durability.py"]
NOT_BENCHMARKS = {"common.py", "run_all.py", "__init__.py"}
# Scripts that need longer than --timeout (Lighthouse: five pages, three runs each).
LONGER = {"bench_lighthouse.py": 1500}


def scripts() -> list[Path]:
    light = sorted(p for p in HERE.glob("bench_*.py"))
    heavy = [HERE / name for name in HEAVY if (HERE / name).exists()]
    return light + heavy


def machine() -> str:
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) // 1024 // 1024} GiB RAM"
    except OSError:
        pass
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    uname = " ".join(platform.uname()[:3] + (platform.uname().machine,))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{uname}; {os.cpu_count()} CPUs ({cpu}); {mem}; Python {platform.python_version()}; "
        f"load average before the run {load}"
    )


def last_error_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        if "Error" in line or "error" in line or "Exception" in line:
            return line[:200]
    return lines[-1][:200] if lines else "no output"


def run(script: Path, timeout: float) -> dict:
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [PY, str(script)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else ""
        return {
            "script": script.name,
            "ok": False,
            "error": f"timed out after {timeout:.0f} s; {last_error_line(err or '')}",
            "seconds": round(time.monotonic() - started, 1),
        }
    reports = []
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH "):
            with contextlib.suppress(json.JSONDecodeError):
                reports.append(json.loads(line[6:]))
    seconds = round(time.monotonic() - started, 1)
    if proc.returncode != 0 or not reports:
        reason = f"exit {proc.returncode}" if proc.returncode else "no BENCH line"
        return {
            "script": script.name,
            "ok": False,
            "error": f"{reason}: {last_error_line(proc.stderr or proc.stdout)}",
            "seconds": seconds,
        }
    return {"script": script.name, "ok": True, "reports": reports, "seconds": seconds}


def fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {fmt(v)}" for k, v in value.items())
    return str(value)


def table(results: list[dict]) -> str:
    rows = ["| benchmark | figures | status | wall s |", "|---|---|---|---|"]
    for result in results:
        if result["ok"]:
            for rep in result["reports"]:
                figures = "; ".join(f"{k} = {fmt(v)}" for k, v in rep["figures"].items())
                rows.append(f"| {rep['name']} | {figures} | ok | {result['seconds']} |")
        else:
            error = result["error"].replace("|", "\\|")
            rows.append(f"| {result['script']} | — | FAILED: {error} | {result['seconds']} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated script names (without .py)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per script")
    args = parser.parse_args()
    chosen = scripts()
    if args.only:
        wanted = {name.strip().removesuffix(".py") for name in args.only.split(",")}
        chosen = [s for s in chosen if s.stem in wanted]
    results = []
    host = machine()  # before the run: the load average says how busy the machine was
    for script in chosen:
        print(f"running {script.name} ...", file=sys.stderr, flush=True)
        result = run(script, max(args.timeout, LONGER.get(script.name, 0)))
        status = "ok" if result["ok"] else "FAILED " + result["error"]
        print(f"  {script.name}: {status} ({result['seconds']} s)", file=sys.stderr, flush=True)
        results.append(result)
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"\n## Benchmarks — {now}\n\nMachine: {host}\n")
    print(table(results))
    for result in results:
        for rep in result.get("reports", []):
            if rep.get("table"):
                print(f"\n### {rep['name']}\n\n{rep['table']}")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
