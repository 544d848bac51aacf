#!/usr/bin/env python3
"""Accord against NegMAS on identical inputs, in one run (`make compare`).

For each size, `accord generate` writes one random linear-additive scenario (JSON: values uniform
in [0, 1] and weights normalized per party, both written with 6 decimals; reservations 0). Both
tools read that same file:

* NegMAS, in a child process (`compare.py --worker negmas FILE OUT`): the file becomes `make_issue`
  issues, a `make_os` outcome space and one `LinearAdditiveUtilityFunction` per party (a table per
  issue, the weights as written, `reserved_value` = the party's reservation); then
  `pareto_frontier(ufuns, issues=...)` (enumerates every outcome) and `nash_points(...)` on that
  frontier, twice (see "Nash conventions" below).
* Accord: `accord solve FILE --solutions nash --format json` (frontier + Nash: the timed run, the
  same work as NegMAS's) and `accord frontier FILE --format json` (every frontier point, for the
  check; its time is in `--json` output).

Checks (tolerance 1e-9): the frontier utility vectors are equal as sets (every point of each has a
point of the other within 1e-9 in every coordinate), and each Accord Nash point is one of NegMAS's
Nash points (NegMAS returns every frontier point whose product is within 1e-12 of the best).

Nash conventions. Accord maximizes prod(u_i - d_i) with d_i = the reservation (0 here).
NegMAS's `nash_points` uses d_i = max(reserved_value_i, min utility of party i over the outcome
space): with reservations 0 and values in [0, 1] that is the party's *minimum utility*, not 0. No
normalisation is applied (the product uses raw utilities). Two like-with-like comparisons:
  1. "d=0":   NegMAS `nash_points(ufuns, frontier, ranges=[(0, max_i)])` (a lower range end of 0
              makes NegMAS use d_i = 0) against `accord solve FILE`.
  2. "d=min": NegMAS's default `nash_points(ufuns, frontier, outcome_space=os)` against
              `accord solve` of a copy of FILE whose reservations are each party's exact minimum
              utility sum_j w_j min_k v_jk (computed in decimal arithmetic from the file's text).
Both must agree.

Measurement: each tool runs in its own child process; wall seconds (process start to exit,
including interpreter start-up, imports and reading the file) and peak RSS (the child's own
`ru_maxrss` from `os.wait4`, in MiB). A child is killed at `--timeout` seconds ("timeout") or when
its resident memory passes `--mem-limit` MiB ("out of memory").

Usage: compare.py [--quick] [--sizes 2x3,2x6,3x4,...] [--seed S] [--timeout 300]
                  [--mem-limit 6144] [--negmas-max-exponent 7] [--json FILE] [--keep DIR]
A size is PxE: P parties, E issues with 10 options each (10^E outcomes). Accord is `$ACCORD`
(default .build/release/accord at the repository root). Exit status 1 if any check fails or
Accord fails, 0 otherwise (NegMAS timing out or running out of memory is a result, not a failure).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOL = 1e-9
OPTIONS = 10

DEFAULT_SIZES = "2x3,2x4,2x5,2x6,2x7,2x8,2x10,3x4,3x5,4x4,4x5"
QUICK_SIZES = "2x3,2x4,2x5,3x4,4x4"


# --------------------------------------------------------------------------------------------
# NegMAS worker (runs in its own process)
# --------------------------------------------------------------------------------------------

def negmas_worker(scenario_path: str, out_path: str) -> None:
    t0 = time.perf_counter()
    import negmas
    from negmas.outcomes import make_issue, make_os
    from negmas.preferences import LinearAdditiveUtilityFunction, nash_points, pareto_frontier

    t1 = time.perf_counter()
    with open(scenario_path) as f:
        sc = json.load(f)
    issues = [make_issue(values=list(i["options"]), name=i["id"]) for i in sc["issues"]]
    outcome_space = make_os(issues)
    ufuns = []
    for party in sc["parties"]:
        pref = sc["preferences"][party["id"]]
        ufuns.append(LinearAdditiveUtilityFunction(
            values={issue: dict(table) for issue, table in pref["values"].items()},
            weights=dict(pref["weights"]),
            outcome_space=outcome_space,
            reserved_value=float(party.get("reservation", 0)),
        ))
    t2 = time.perf_counter()
    frontier, _indices = pareto_frontier(ufuns, issues=issues)
    t3 = time.perf_counter()
    n = len(ufuns)
    highs = [max(point[i] for point in frontier) for i in range(n)] if frontier else [1.0] * n
    nash_d0 = nash_points(ufuns, frontier, ranges=[(0.0, h) for h in highs])
    t4 = time.perf_counter()
    nash_native = nash_points(ufuns, frontier, outcome_space=outcome_space)
    t5 = time.perf_counter()
    minima = [float(u.minmax(outcome_space)[0]) for u in ufuns]
    result = {
        "negmas_version": negmas.__version__,
        "frontier": [[float(x) for x in point] for point in frontier],
        "nash_d0": [[float(x) for x in point] for point, _ in nash_d0],
        "nash_native": [[float(x) for x in point] for point, _ in nash_native],
        "minima": minima,
        "phases": {"import": t1 - t0, "build": t2 - t1, "frontier": t3 - t2,
                   "nash": (t4 - t3) + (t5 - t4)},
    }
    with open(out_path, "w") as f:
        json.dump(result, f)


# --------------------------------------------------------------------------------------------
# Measuring a child process
# --------------------------------------------------------------------------------------------

def rss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(cmd: list[str], timeout: float, mem_limit: float, stdout_path: Path) -> dict:
    """Runs cmd; returns status ok/failed/timeout/oom, wall seconds, peak RSS MiB, exit code."""
    with open(stdout_path, "wb") as out, open(str(stdout_path) + ".err", "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT)
        status = None
        while True:
            pid, wstatus, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid == proc.pid:
                break
            elapsed = time.perf_counter() - start
            if status is None and elapsed > timeout:
                status = "timeout"
                os.kill(proc.pid, signal.SIGKILL)
            elif status is None and mem_limit and rss_mib(proc.pid) > mem_limit:
                status = "oom"
                os.kill(proc.pid, signal.SIGKILL)
            time.sleep(0.02 if elapsed < 2 else 0.1)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(wstatus)
    code = proc.returncode
    if status is None:
        status = "ok" if code == 0 else ("oom" if code == -signal.SIGKILL else "failed")
    return {"status": status, "seconds": wall, "peak_mib": usage.ru_maxrss / 1024, "exit": code,
            "stderr": Path(str(stdout_path) + ".err").read_text(errors="replace")[-2000:]}


# --------------------------------------------------------------------------------------------
# Scenario files
# --------------------------------------------------------------------------------------------

def with_min_reservations(text: str) -> tuple[str, list[Decimal]]:
    """The scenario text with each party's reservation set to its exact minimum utility.

    Every number keeps the text it was written with (placeholders through json), and the minima
    are computed in decimal arithmetic, so Accord reads exactly sum_j w_j min_k v_jk."""
    exact = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    minima = []
    for party in exact["parties"]:
        pref = exact["preferences"][party["id"]]
        minima.append(sum((Decimal(w) * min(pref["values"][issue].values())
                           for issue, w in pref["weights"].items()), Decimal(0)))
    raw = json.loads(text, parse_float=lambda s: f"\x00{s}\x00", parse_int=lambda s: f"\x00{s}\x00")
    for party, m in zip(raw["parties"], minima):
        party["reservation"] = f"\x00{format(m, 'f')}\x00"
    dumped = json.dumps(raw, indent=1)
    return re.sub(r'"\\u0000([^"\\]*)\\u0000"', r"\1", dumped), minima


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------

def covered(points: list[list[float]], by: list[list[float]]) -> list[list[float]]:
    """The points with no point of `by` within TOL in every coordinate."""
    import numpy as np
    if not points:
        return []
    if not by:
        return points
    b = np.asarray(by, dtype=float)
    missing = []
    for p in points:
        if not (np.abs(b - np.asarray(p)).max(axis=1) <= TOL).any():
            missing.append(p)
    return missing


def check_frontier(accord: list[list[float]], negmas: list[list[float]]) -> tuple[bool, str]:
    only_accord = covered(accord, negmas)
    only_negmas = covered(negmas, accord)
    ok = not only_accord and not only_negmas
    note = f"frontier {len(accord)} vs {len(negmas)} points"
    if not ok:
        note += f"; {len(only_accord)} only in Accord (e.g. {only_accord[:2]}), " \
                f"{len(only_negmas)} only in NegMAS (e.g. {only_negmas[:2]})"
    return ok, note


def check_nash(label: str, accord: list[float] | None, negmas: list[list[float]]) -> tuple[bool, str]:
    if accord is None or not negmas:
        ok = accord is None and not negmas
        return ok, f"nash {label}: Accord {accord}, NegMAS {negmas}"
    ok = not covered([accord], negmas)
    note = f"nash {label}: Accord {accord}, NegMAS {negmas[:3]}" + (" (tie)" if len(negmas) > 1 else "")
    return ok, note


# --------------------------------------------------------------------------------------------
# One size
# --------------------------------------------------------------------------------------------

def run_size(parties: int, exponent: int, args, accord: str, work: Path) -> dict:
    name = f"p{parties}-e{exponent}"
    scenario = work / f"{name}.json"
    gen = subprocess.run([accord, "generate", "--parties", str(parties), "--issues", str(exponent),
                          "--options", str(OPTIONS), "--seed", str(args.seed), "-o", str(scenario)],
                         cwd=ROOT, capture_output=True, text=True)
    row = {"parties": parties, "exponent": exponent, "outcomes": f"10^{exponent}",
           "scenario": str(scenario), "notes": []}
    if gen.returncode != 0:
        row.update(agree="no", error=f"accord generate failed: {gen.stderr.strip()}")
        return row

    quiet = ["--format", "json", "--quiet"]
    solve = measure([accord, "solve", str(scenario), "--solutions", "nash", *quiet],
                    args.timeout, 0, work / f"{name}.solve.json")
    row["accord"] = solve
    accord_ok = solve["status"] == "ok"
    run_negmas = exponent <= args.negmas_max_exponent
    if run_negmas:
        frontier = measure([accord, "frontier", str(scenario), *quiet],
                           args.timeout, 0, work / f"{name}.frontier.json")
        row["accord_frontier"] = frontier
        accord_ok = accord_ok and frontier["status"] == "ok"
        variant_text, minima = with_min_reservations(scenario.read_text())
        variant = work / f"{name}.dmin.json"
        variant.write_text(variant_text)
        solve_min = measure([accord, "solve", str(variant), "--solutions", "nash", *quiet],
                            args.timeout, 0, work / f"{name}.dmin.solve.json")
        row["accord_dmin"] = solve_min
        accord_ok = accord_ok and solve_min["status"] == "ok"
    if not accord_ok:
        failed = [r for r in (solve, row.get("accord_frontier"), row.get("accord_dmin")) if r and r["status"] != "ok"]
        row.update(agree="no", error=f"accord {failed[0]['status']}: {failed[0]['stderr'].strip()}")
        return row
    solved = json.loads((work / f"{name}.solve.json").read_text())
    row["accord_stats_seconds"] = solved.get("stats", {}).get("seconds")
    row["frontier_size"] = solved.get("frontier", {}).get("size")

    if not run_negmas:
        row["negmas"] = {"status": "skipped"}
        row["agree"] = "n/a"
        return row

    negmas_out = work / f"{name}.negmas.json"
    nm = measure([sys.executable, str(Path(__file__).resolve()), "--worker", "negmas",
                  str(scenario), str(negmas_out)], args.timeout, args.mem_limit, work / f"{name}.negmas.log")
    row["negmas"] = nm
    if nm["status"] != "ok":
        row["agree"] = "n/a"
        if nm["status"] == "failed":
            row["notes"].append(f"NegMAS failed (exit {nm['exit']}): {nm['stderr'].strip()[-300:]}")
        return row
    peer = json.loads(negmas_out.read_text())
    row["negmas_version"] = peer["negmas_version"]
    row["negmas_phases"] = peer["phases"]

    points = [p["utilities"] for p in json.loads((work / f"{name}.frontier.json").read_text())["points"]]
    nash0 = (solved["solutions"].get("nash") or {}).get("utilities")
    solved_min = json.loads((work / f"{name}.dmin.solve.json").read_text())
    nash_min = (solved_min["solutions"].get("nash") or {}).get("utilities")
    checks = [check_frontier(points, peer["frontier"]),
              check_nash("d=0", nash0, peer["nash_d0"]),
              check_nash("d=min", nash_min, peer["nash_native"])]
    minima_ok = all(abs(float(a) - b) <= TOL for a, b in zip(minima, peer["minima"]))
    checks.append((minima_ok, f"minimum utilities: exact {[format(m, 'f') for m in minima]}, "
                              f"NegMAS {peer['minima']}"))
    row["checks"] = [{"ok": ok, "note": note} for ok, note in checks]
    row["agree"] = "yes" if all(ok for ok, _ in checks) else "no"
    return row


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for item in text.split(","):
        item = item.strip()
        m = re.fullmatch(r"(\d+)x(\d+)", item)
        if not m:
            raise SystemExit(f"--sizes: '{item}' is not PxE (parties x issues, e.g. 2x6 for 10^6 outcomes)")
        sizes.append((int(m.group(1)), int(m.group(2))))
    return sizes


def cell_status(result: dict | None, limit: float, timeout: float) -> tuple[str, str]:
    if result is None:
        return "-", "-"
    status = result["status"]
    if status == "ok":
        return f"{result['seconds']:.3f}", f"{result['peak_mib']:.0f}"
    if status == "skipped":
        return "not run", "-"
    if status == "timeout":
        return f"timeout (>{timeout:g} s)", f"{result['peak_mib']:.0f}"
    if status == "oom":
        return f"out of memory (after {result['seconds']:.0f} s)", f">{limit:g}"
    return f"failed ({result['exit']})", "-"


def print_table(rows: list[dict], args) -> None:
    header = ["outcomes", "parties", "NegMAS s", "Accord s", "ratio", "NegMAS MB", "Accord MB", "agree"]
    lines = []
    for r in rows:
        ns, nmb = cell_status(r.get("negmas"), args.mem_limit, args.timeout)
        acc = r.get("accord")
        as_, amb = cell_status(acc, 0, args.timeout)
        ratio = "-"
        if r.get("negmas", {}).get("status") == "ok" and acc and acc["status"] == "ok":
            value = r["negmas"]["seconds"] / acc["seconds"]
            ratio = f"{value:.1f}x" if value < 10 else f"{value:.0f}x"
        lines.append([r["outcomes"], str(r["parties"]), ns, as_, ratio, nmb, amb, r.get("agree", "no")])
    widths = [max(len(h), *(len(l[i]) for l in lines)) for i, h in enumerate(header)]
    fmt = "| " + " | ".join("{:<%d}" % w for w in widths) + " |"
    print(fmt.format(*header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in lines:
        print(fmt.format(*line))


def print_details(rows: list[dict]) -> None:
    print("\nDetails (NegMAS in-process phases: import / build / pareto_frontier / nash_points; "
          "Accord: solve's own stats.seconds, frontier points):")
    for r in rows:
        head = f"  {r['parties']} parties, {r['outcomes']}:"
        ph = r.get("negmas_phases")
        negmas = (f" NegMAS {ph['import']:.2f} / {ph['build']:.2f} / {ph['frontier']:.3f} / {ph['nash']:.4f} s;"
                  if ph else "")
        accord = f" Accord {r.get('accord_stats_seconds')} s, frontier {r.get('frontier_size')} points"
        print(head + negmas + accord)
        if r.get("error"):
            print(f"    ERROR: {r['error']}")
        for c in r.get("checks", []):
            print(f"    [{'ok' if c['ok'] else 'FAIL'}] {c['note']}")
        for note in r.get("notes", []):
            print(f"    note: {note}")


def main() -> int:
    if len(sys.argv) >= 2 and sys.argv[1] == "--worker":
        if sys.argv[2] != "negmas" or len(sys.argv) != 5:
            raise SystemExit("usage: compare.py --worker negmas SCENARIO.json OUT.json")
        negmas_worker(sys.argv[3], sys.argv[4])
        return 0

    ap = argparse.ArgumentParser(description="Accord vs NegMAS: same scenarios, one run.")
    ap.add_argument("--quick", action="store_true", help=f"fast subset: {QUICK_SIZES}")
    ap.add_argument("--sizes", help=f"comma-separated PxE (P parties, 10^E outcomes); default {DEFAULT_SIZES}")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=300, help="seconds per tool run (default 300)")
    ap.add_argument("--mem-limit", type=float, default=6144,
                    help="MiB of resident memory at which NegMAS is stopped as 'out of memory' (default 6144)")
    ap.add_argument("--negmas-max-exponent", type=int, default=7,
                    help="run NegMAS only up to 10^E outcomes; larger sizes are Accord alone (default 7)")
    ap.add_argument("--json", help="also write every measurement and check to this file")
    ap.add_argument("--keep", help="keep the generated scenarios and outputs in this directory")
    args = ap.parse_args()

    sizes = parse_sizes(args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES))
    accord = os.environ.get("ACCORD", str(ROOT / ".build/release/accord"))
    accord = str((ROOT / accord).resolve()) if not os.path.isabs(accord) else accord
    if not os.access(accord, os.X_OK):
        print(f"compare.py: no Accord executable at {accord} (build it, or set ACCORD)", file=sys.stderr)
        return 2
    if args.keep:
        work = Path(args.keep).resolve()
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="accord-peers-"))

    # Warm-up (not measured): the first start of each tool reads its files from disk.
    subprocess.run([sys.executable, "-c", "import negmas.preferences"], capture_output=True)
    subprocess.run([accord, "--help"], capture_output=True)

    rows = []
    try:
        for parties, exponent in sizes:
            print(f"... {parties} parties, 10^{exponent} outcomes", file=sys.stderr, flush=True)
            row = run_size(parties, exponent, args, accord, work)
            rows.append(row)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    try:
        from importlib.metadata import version as installed_version
        version = installed_version("negmas")
    except Exception:  # the parent may run outside the venv: take it from a worker's answer
        version = next((r["negmas_version"] for r in rows if r.get("negmas_version")), "?")
    print(f"Accord vs NegMAS {version} — {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
          f"seed {args.seed}, {OPTIONS} options per issue, timeout {args.timeout:g} s, "
          f"NegMAS memory limit {args.mem_limit:g} MiB")
    print("Times: whole process wall seconds (start-up, reading the file, frontier + Nash, output); "
          "MB: peak RSS in MiB.\n")
    print_table(rows, args)
    print_details(rows)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(), "seed": args.seed,
                       "negmas_version": version, "rows": rows}, f, indent=1, default=str)
    failed = [r for r in rows if r.get("agree") == "no"]
    if failed:
        print(f"\nFAILED: {len(failed)} size(s) disagree or Accord failed: "
              + ", ".join(f"{r['parties']}x10^{r['exponent']}" for r in failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
