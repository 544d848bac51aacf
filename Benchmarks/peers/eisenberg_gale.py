#!/usr/bin/env python3
"""Accord against cvxpy + Clarabel on identical Eisenberg-Gale instances (`make compare-continuous`).

An instance n x m: n parties, m divisible goods. Party i values its own share x_ik of good k
linearly, a_ik per unit, so its utility is u_i(x) = sum_k a_ik x_ik; the Nash program with
bargaining powers p_i and reservations d_i is the Eisenberg-Gale convex program

    maximize  F(x) = sum_i p_i log(sum_k a_ik x_ik - d_i)
    subject to  sum_i x_ik = 1 for every good k,  x >= 0.

Seeded random data (seed `--seed` + n + m, so each size is reproducible on its own):
a_ik uniform in (0.01, 1], p_i uniform in [0.5, 2], each written with 6 decimals; d_i = 1% of
party i's utility of the equal split (sum_k a_ik / n), rounded down to 9 decimals so that the
equal split stays strictly inside the agreement zone.

Each instance is written once as an Accord scenario in JSON (DESIGN.md section 1): every good an
issue with `divisible: true`, party i's value of its own share `[[0, 0], [1, a_ik]]`, weights 1,
`reservation` d_i and `power` p_i. Both tools read that same file, each in its own child process:

* Accord: `accord solve FILE --solutions nash --format json --quiet`, timed as a whole process
  (wall clock from start to exit: start-up, parsing the JSON, solving, writing the JSON answer).
  `accord validate FILE` is timed too, to show how much of that is reading the file.
* Clarabel: `eisenberg_gale.py --worker clarabel FILE OUT` parses the file, builds the program
  above in cvxpy (n*m variables, one `log` per party) and solves it with Clarabel at its default
  settings (where they end in a solver error, once more with `max_step_fraction=0.95`, and the
  table says "retried"). Timed: Clarabel's own `prob.solver_stats.solve_time` (the solver alone: no Python
  start-up, no parsing, no cvxpy compilation); the cvxpy wall time (compile + solve) is kept in
  the `--json` record for reference.

Checks, for every size both tools finish:
* Accord's package is feasible: every good's shares are >= -1e-9 and sum to 1 within 1e-9, and
  Accord's reported utilities equal sum_k a_ik x_ik recomputed from that package (1e-9 relative).
* Accord's point is certified independently of its code: the Lagrangian dual bound D >= F* built
  from its utilities (`dual_bound`) gives the relative gap (D - F_accord) / max(1, |F_accord|),
  shown as "EG dual gap" (Accord's own `stats.duality_gap` is shown too).
* Where Clarabel reports "optimal": the objectives agree, |F_accord - F_clarabel| <=
  1e-7 * max(1, |F_clarabel|), both F computed here by the same formula from the reported
  utilities (Accord's JSON utilities; Clarabel's from its x, which meets sum_i x_ik = 1 only to
  Clarabel's feasibility tolerance, so its F can lie slightly above the optimum: the table shows
  that violation, and the `--json` record the F of Clarabel's x made feasible). A larger
  difference is explained, not a failure, when Clarabel's x made feasible scores below Accord
  and the independent dual bound puts Accord within 1e-9 (relative) of the optimum.

Each tool runs `--repeat` times per size (default 3), each run its own process, and the fastest
run of each is compared: single runs here vary by half from one to the next, for both tools.
A size whose tool runs past `--timeout` seconds (default 180) is skipped for that tool, with a note.

Usage: eisenberg_gale.py [--sizes 10x50,50x200,...] [--quick] [--accord PATH] [--seed S]
                         [--timeout 180] [--repeat 3] [--json FILE] [--keep DIR]
Exit status 1 if a check fails or Accord fails; 0 otherwise (a timeout is a result, not a failure).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REL_TOL = 1e-7
FEAS_TOL = 1e-9

DEFAULT_SIZES = "10x50,50x200,100x500,200x200,500x500,200x1000"
QUICK_SIZES = "10x50,50x200,200x200"


# --------------------------------------------------------------------------------------------
# Instances
# --------------------------------------------------------------------------------------------

def make_scenario(n: int, m: int, seed: int) -> dict:
    """The n x m instance as an Accord scenario (a dict ready for `json.dump`)."""
    rng = random.Random(seed * 1_000_003 + n * 10_007 + m)
    parties, preferences = [], {}
    goods = [f"g{k + 1}" for k in range(m)]
    for i in range(n):
        pid = f"P{i + 1}"
        # (0.01, 1]: 1 - random() is in (0, 1]; scaled to (0.01, 1]; 6 decimals, floor 0.01 + 1e-6.
        values = [max(0.010001, round(0.01 + 0.99 * (1.0 - rng.random()), 6)) for _ in goods]
        power = round(rng.uniform(0.5, 2.0), 6)
        reservation = math.floor(0.01 * sum(values) / n * 1e9) / 1e9
        parties.append({"id": pid, "reservation": reservation, "power": power})
        preferences[pid] = {
            "weights": {g: 1 for g in goods},
            "values": {g: [[0, 0], [1, a]] for g, a in zip(goods, values)},
        }
    return {
        "accord": 1,
        "name": f"Eisenberg-Gale {n}x{m} (seed {seed})",
        "description": "Random linear Fisher-market instance written by Benchmarks/peers/eisenberg_gale.py",
        "disagreement": "reservation",
        "parties": parties,
        "issues": [{"id": g, "divisible": True} for g in goods],
        "preferences": preferences,
    }


def read_instance(path: str):
    """(ids, goods, A as a list of rows, powers, reservations) from a scenario written above."""
    with open(path) as f:
        sc = json.load(f)
    ids = [p["id"] for p in sc["parties"]]
    goods = [g["id"] for g in sc["issues"]]
    rows = []
    for pid in ids:
        values = sc["preferences"][pid]["values"]
        rows.append([float(values[g][1][1]) for g in goods])
    powers = [float(p.get("power", 1)) for p in sc["parties"]]
    reservations = [float(p.get("reservation", 0)) for p in sc["parties"]]
    return ids, goods, rows, powers, reservations


def objective(utilities, powers, reservations) -> float:
    """F = sum_i p_i log(u_i - d_i); -inf when some u_i <= d_i."""
    total = 0.0
    for u, p, d in zip(utilities, powers, reservations):
        if u - d <= 0:
            return -math.inf
        total += p * math.log(u - d)
    return total


# --------------------------------------------------------------------------------------------
# Clarabel worker (its own process)
# --------------------------------------------------------------------------------------------

def clarabel_worker(scenario_path: str, out_path: str) -> None:
    import cvxpy as cp
    import numpy as np

    _, _, rows, powers, reservations = read_instance(scenario_path)
    a = np.array(rows)
    p = np.array(powers)
    d = np.array(reservations)
    n, m = a.shape
    x = cp.Variable((n, m), nonneg=True)
    utilities = cp.sum(cp.multiply(a, x), axis=1)
    prob = cp.Problem(cp.Maximize(p @ cp.log(utilities - d)), [cp.sum(x, axis=0) == 1])
    # Clarabel's defaults first. Where they stop with a solver error (cvxpy raises when Clarabel
    # ends in NumericalError or InsufficientProgress: at 100 x 500 its step length falls to 0 at
    # the third iteration), once more with a shorter largest step (`max_step_fraction` 0.95
    # instead of 0.99), which solves those sizes; the record says which settings gave the answer.
    first_error = None
    for settings in ({}, {"max_step_fraction": 0.95}):
        t0 = time.perf_counter()
        try:
            prob.solve(solver=cp.CLARABEL, **settings)
            break
        except cp.error.SolverError as error:
            first_error = first_error or f"{error} (after {time.perf_counter() - t0:.1f} s, compile + solve)"
    else:
        record = {"status": "solver_error", "error": first_error, "solve_time": None, "settings": None,
                  "iterations": None, "cvxpy_wall": time.perf_counter() - t0, "utilities": None}
        with open(out_path, "w") as f:
            json.dump(record, f)
        return
    wall = time.perf_counter() - t0
    record = {"status": prob.status, "solve_time": prob.solver_stats.solve_time,
              "iterations": prob.solver_stats.num_iters, "cvxpy_wall": wall,
              "objective": prob.value, "utilities": None,
              "settings": ", ".join(f"{k}={v}" for k, v in settings.items()) or None,
              "default_error": first_error}
    if x.value is not None:
        record["utilities"] = (a * x.value).sum(axis=1).tolist()
        # Clarabel meets sum_i x_ik = 1 only to its feasibility tolerance; the largest violation,
        # and the utilities of its x made feasible (negatives clipped, each good's column rescaled
        # to sum 1), whose F is a true lower bound on the optimum.
        record["max_violation"] = float(np.abs(x.value.sum(axis=0) - 1).max())
        feasible = np.clip(x.value, 0, None)
        feasible = feasible / feasible.sum(axis=0)
        record["feasible_utilities"] = (a * feasible).sum(axis=1).tolist()
    with open(out_path, "w") as f:
        json.dump(record, f)


# --------------------------------------------------------------------------------------------
# Runs
# --------------------------------------------------------------------------------------------

def run_timed(cmd, timeout: float, repeat: int = 1):
    """(seconds, CompletedProcess) of the fastest of `repeat` runs (the first run's process, and
    no more runs once one fails), or (None, None) on a timeout. Standard output goes to a file,
    read once the process has ended: through a pipe, this script's reading of a megabyte of JSON
    would be timed as the tool's."""
    best, first = None, None
    for _ in range(repeat):
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            t0 = time.perf_counter()
            try:
                process = subprocess.run(cmd, stdout=out, stderr=err, timeout=timeout)
            except subprocess.TimeoutExpired:
                return None, None
            seconds = time.perf_counter() - t0
            out.seek(0)
            err.seek(0)
            done = subprocess.CompletedProcess(cmd, process.returncode, out.read().decode(), err.read().decode())
        best = seconds if best is None else min(best, seconds)
        first = first or done
        if done.returncode != 0:
            break
    return best, first


def dual_bound(utilities, rows, powers, reservations) -> float:
    """An upper bound on the optimum F* of the Eisenberg-Gale program, from any point with u_i > d_i.

    Lagrangian dual (multipliers lambda_i >= 0 on g_i <= u_i(x) - d_i, beta_k on sum_i x_ik = 1):
    D(lambda, beta) = sum_i [p_i log(p_i / lambda_i) - p_i - lambda_i d_i] + sum_k beta_k, valid
    (D >= F*) whenever beta_k >= lambda_i a_ik for all i, k. Taken at lambda_i = p_i / (u_i - d_i)
    and beta_k = max_i lambda_i a_ik (the market prices of the Fisher equilibrium at the optimum,
    where D = F*), so D - F(x) bounds how far x is from optimal, independently of the solver.
    """
    lambdas = [p / (u - d) for u, p, d in zip(utilities, powers, reservations)]
    total = sum(p * math.log(p / lam) - p - lam * d for lam, p, d in zip(lambdas, powers, reservations))
    for k in range(len(rows[0])):
        total += max(lam * row[k] for lam, row in zip(lambdas, rows))
    return total


def check_accord_package(answer: dict, ids, goods, rows) -> str | None:
    """None when Accord's Nash package is feasible and its utilities match it, else the problem."""
    nash = answer["solutions"]["nash"]
    package = nash["package"]
    shares = [[0.0] * len(goods) for _ in ids]
    for k, g in enumerate(goods):
        split = package.get(g)
        if not isinstance(split, dict):
            return f"good {g}: no split in the package"
        for i, pid in enumerate(ids):
            shares[i][k] = float(split.get(pid, 0.0))
        column = [shares[i][k] for i in range(len(ids))]
        if min(column) < -FEAS_TOL or abs(sum(column) - 1.0) > FEAS_TOL:
            return f"good {g}: shares sum to {sum(column):.12g}, min {min(column):.3g}"
    for i, pid in enumerate(ids):
        recomputed = sum(a * s for a, s in zip(rows[i], shares[i]))
        reported = float(nash["utilities"][i])
        if abs(recomputed - reported) > FEAS_TOL * max(1.0, abs(recomputed)):
            return f"party {pid}: utility {reported!r} but its package gives {recomputed!r}"
    return None


def run_size(n: int, m: int, args, workdir: Path) -> dict:
    path = workdir / f"eg-{n}x{m}.json"
    with open(path, "w") as f:
        json.dump(make_scenario(n, m, args.seed), f, separators=(",", ":"))
    ids, goods, rows, powers, reservations = read_instance(str(path))
    rec = {"size": f"{n}x{m}", "parties": n, "goods": m, "file_mb": path.stat().st_size / 2**20,
           "notes": [], "failed": False}

    # accord validate: how long reading and checking the file takes.
    secs, done = run_timed([args.accord, "validate", str(path)], args.timeout, args.repeat)
    if secs is None:
        rec["notes"].append(f"accord validate: timeout after {args.timeout:.0f} s")
    elif done.returncode != 0:
        rec["failed"] = True
        rec["notes"].append(f"accord validate exit {done.returncode}: {done.stderr.strip()[:300]}")
    rec["validate_s"] = secs

    # accord solve, the whole process.
    secs, done = run_timed([args.accord, "solve", str(path), "--solutions", "nash",
                            "--format", "json", "--quiet"], args.timeout, args.repeat)
    rec["accord_s"] = secs
    rec["accord_F"] = None
    if secs is None:
        rec["notes"].append(f"accord solve: skipped, over {args.timeout:.0f} s")
    elif done.returncode != 0:
        rec["failed"] = True
        rec["notes"].append(f"accord solve exit {done.returncode}: {done.stderr.strip()[:300]}")
    else:
        answer = json.loads(done.stdout)
        nash = answer["solutions"].get("nash")
        stats = answer.get("stats", {})
        rec["duality_gap"] = stats.get("duality_gap")
        rec["accord_iterations"] = stats.get("iterations")
        rec["accord_inner_s"] = stats.get("seconds")
        if nash is None:
            rec["failed"] = True
            rec["notes"].append(f"accord: no Nash solution ({answer['solutions']})")
        else:
            problem = check_accord_package(answer, ids, goods, rows)
            if problem:
                rec["failed"] = True
                rec["notes"].append(f"accord package check: {problem}")
            rec["accord_F"] = objective(nash["utilities"], powers, reservations)
            if math.isfinite(rec["accord_F"]):
                bound = dual_bound(nash["utilities"], rows, powers, reservations)
                rec["accord_dual_gap"] = (bound - rec["accord_F"]) / max(1.0, abs(rec["accord_F"]))

    # cvxpy + Clarabel, in a child process.
    out = workdir / f"eg-{n}x{m}.clarabel.json"
    # `--repeat` runs, each in its own process; the fastest solver time is the one compared (a
    # run that ends in a solver error is not repeated).
    secs, done, cl = None, None, None
    for _ in range(args.repeat):
        run_secs, run_done = run_timed([sys.executable, __file__, "--worker", "clarabel", str(path), str(out)], args.timeout)
        if cl is None:
            secs, done = run_secs, run_done
        if run_secs is None or run_done.returncode != 0:
            break
        with open(out) as f:
            run = json.load(f)
        if cl is None or (run["solve_time"] is not None and run["solve_time"] < cl["solve_time"]):
            cl = run
        if run["status"] == "solver_error":
            break
    rec["clarabel_s"] = None
    rec["clarabel_status"] = None
    rec["clarabel_F"] = None
    if secs is None:
        rec["notes"].append(f"cvxpy + Clarabel: skipped, over {args.timeout:.0f} s (compile + solve)")
    elif done.returncode != 0:
        rec["notes"].append(f"cvxpy + Clarabel failed: {done.stderr.strip()[-300:]}")
    else:
        rec["clarabel_s"] = cl["solve_time"]
        rec["clarabel_status"] = cl["status"]
        rec["clarabel_iterations"] = cl["iterations"]
        rec["cvxpy_wall_s"] = cl["cvxpy_wall"]
        rec["clarabel_settings"] = cl.get("settings")
        if cl.get("settings"):
            rec["notes"].append(f"cvxpy + Clarabel: default settings failed ({cl['default_error']}); "
                                f"solved with {cl['settings']}, whose solver time is the one compared")
        if cl["status"] == "solver_error":
            rec["notes"].append(f"cvxpy + Clarabel: solver error after {cl['cvxpy_wall']:.1f} s "
                                f"(compile + solve): {cl['error']}")
        if cl["utilities"] is not None:
            rec["clarabel_F"] = objective(cl["utilities"], powers, reservations)
            rec["clarabel_violation"] = cl["max_violation"]
            rec["clarabel_feasible_F"] = objective(cl["feasible_utilities"], powers, reservations)

    rec["ratio"] = (rec["clarabel_s"] / rec["accord_s"]
                    if rec["clarabel_s"] is not None and rec["accord_s"] else None)
    rec["rel_diff"] = None
    if rec["accord_F"] is not None and rec["clarabel_F"] is not None:
        rec["rel_diff"] = (rec["accord_F"] - rec["clarabel_F"]) / max(1.0, abs(rec["clarabel_F"]))
        # A difference that Clarabel's infeasibility explains is not a failure: its x made
        # feasible scores below Accord, and the independent dual bound certifies Accord's point.
        explained = (rec.get("clarabel_feasible_F") is not None and rec["accord_F"] >= rec["clarabel_feasible_F"]
                     and rec.get("accord_dual_gap") is not None
                     and rec["accord_dual_gap"] <= 1e-9 * max(1.0, abs(rec["accord_F"])))
        if rec["clarabel_status"] == "optimal" and abs(rec["rel_diff"]) > REL_TOL:
            rec["failed"] = rec["failed"] or not explained
            rec["notes"].append(("explained by Clarabel's infeasibility: " if explained else "") +
                f"objectives differ: {rec['rel_diff']:.3e} relative > {REL_TOL:g} (Clarabel's x misses "
                f"sum_i x_ik = 1 by up to {rec['clarabel_violation']:.1e}; made feasible it gives "
                f"F = {rec['clarabel_feasible_F']:.12g}, Accord {rec['accord_F']:.12g}, "
                f"Accord's independent dual gap {fmt(rec.get('accord_dual_gap'), '.1e')})")
    elif rec["clarabel_status"] not in (None, "optimal", "solver_error"):
        rec["notes"].append(f"Clarabel status {rec['clarabel_status']}: no objective check")
    return rec


def fmt(value, spec: str, missing: str = "-") -> str:
    return missing if value is None else format(value, spec)


def print_table(records) -> None:
    header = ("| size (n x m) | Accord s (process) | Clarabel s (solver) | ratio | "
              "F diff (rel) | Accord gap | EG dual gap | Clarabel status | Clarabel sum x - 1 | validate s | "
              "file MB |")
    print(header)
    print("|" + "---|" * 11)
    for r in records:
        print(f"| {r['size']} | {fmt(r['accord_s'], '.3f', 'skipped')} | "
              f"{fmt(r['clarabel_s'], '.3f', 'failed' if r['clarabel_status'] == 'solver_error' else 'skipped')}"
              f"{' (retried)' if r.get('clarabel_settings') else ''} | "
              f"{fmt(r['ratio'], '.1f')}{'x' if r['ratio'] is not None else ''} | "
              f"{fmt(r['rel_diff'], '+.1e')} | {fmt(r.get('duality_gap'), '.1e')} | "
              f"{fmt(r.get('accord_dual_gap'), '.1e')} | "
              f"{r['clarabel_status'] or '-'} | {fmt(r.get('clarabel_violation'), '.1e')} | "
              f"{fmt(r['validate_s'], '.3f')} | "
              f"{r['file_mb']:.1f} |")
    for r in records:
        for note in r["notes"]:
            print(f"  {r['size']}: {note}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default=DEFAULT_SIZES, help="comma-separated NxM (parties x goods)")
    ap.add_argument("--quick", action="store_true", help=f"only {QUICK_SIZES}")
    ap.add_argument("--accord", default=os.environ.get("ACCORD", str(ROOT / ".build/release/accord")))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds per tool, size and run")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs per tool and size; the fastest of each tool is compared (default 3)")
    ap.add_argument("--json", help="also write every record to this file")
    ap.add_argument("--keep", help="keep the scenario files in this directory")
    ap.add_argument("--worker", nargs=3, metavar=("TOOL", "FILE", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        clarabel_worker(args.worker[1], args.worker[2])
        return 0
    sizes = []
    for item in (QUICK_SIZES if args.quick else args.sizes).split(","):
        n, m = item.lower().split("x")
        sizes.append((int(n), int(m)))
    if not os.access(args.accord, os.X_OK):
        print(f"no accord executable at {args.accord} (build it: swift build -c release --product accord)",
              file=sys.stderr)
        return 1
    records = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(args.keep) if args.keep else Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        for n, m in sizes:
            rec = run_size(n, m, args, workdir)
            records.append(rec)
            print(f"{rec['size']}: accord {fmt(rec['accord_s'], '.3f', 'skipped')} s, "
                  f"clarabel {fmt(rec['clarabel_s'], '.3f', '-')} s "
                  f"({rec['clarabel_status']}), F diff {fmt(rec['rel_diff'], '+.1e')}",
                  file=sys.stderr, flush=True)
    print_table(records)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(records, f, indent=1)
    return 1 if any(r["failed"] for r in records) else 0


if __name__ == "__main__":
    sys.exit(main())
