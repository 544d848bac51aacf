#!/usr/bin/env python3
"""Accord against OR-tools CP-SAT on the exact frontier of nonlinear GENIUS spaces
(`make compare-nonlinear`).

A nonlinear GENIUS profile (ANAC 2014, `utility_space type="nonlinear"`) values a package of
integer issues by hyper-rectangles: the sum of the `utility` of each rectangle the package
satisfies (an INCLUDES rectangle when every `min <= x[index] <= max` holds, an EXCLUDES one when
some bound fails), divided by `maxutility` and capped at 1. The exact Pareto frontier of two such
profiles is traced here the way a general exact solver is used for it, the epsilon-constraint
method: with h_p = min(value_p, ceil(maxutility_p)) (integers), maximize K*h_1 + h_2 (K above the
range of h_2: the point of largest h_1, of those the largest h_2), then again with
h_2 >= (last h_2) + 1, until infeasible. CP-SAT (8 workers would be its default; 2 here, the
machine's cores) solves each step exactly over integer x_i and reified rectangle indicators.

Timed: CP-SAT's own wall time summed over the steps (`solver.wall_time`: no Python start-up, no
XML parsing, no model building); Accord as a whole process (`accord frontier --genius DOMAIN
PROFILE PROFILE --format json`: start-up, reading the XML, every integer program, writing).
Checked: both frontiers have the same points (capped integer values, so utilities agree to the
last bit).

Usage: nonlinear_cpsat.py [--accord PATH] [--workers 2] [--repeat 1] FOLDER...
  each FOLDER holds one domain file (root <negotiation_template>) and profile-1.xml, profile-2.xml
  (e.g. ../shared/anac/y2014/30issues). Exit status 1 when the frontiers differ or Accord fails.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

from ortools.sat.python import cp_model


def read_issues(domain: str) -> list[tuple[int, int, int]]:
    """(index, lower, upper) of every integer issue, in file order."""
    root = ET.parse(domain).getroot()
    return [(int(e.get("index")), int(e.get("lowerbound")), int(e.get("upperbound"))) for e in root.iter("issue")]


def read_profile(path: str) -> tuple[float, list[tuple[bool, int, list[tuple[int, int, int]]]]]:
    """maxutility and the rectangles (includes, value, [(index, min, max)])."""
    root = ET.parse(path).getroot()
    utility = next(root.iter("utility"))
    ufun = next(utility.iter("ufun"))
    weight = float(ufun.get("weight", "1"))
    rectangles = []
    for rect in ufun.iter("hyperRectangle"):
        value = float(rect.get("utility")) * float(rect.get("weight", "1")) * weight
        excludes = rect.findall("EXCLUDES")
        bounds = excludes if excludes else rect.findall("INCLUDES")
        assert value == int(value), "integer rectangle utilities only"
        rectangles.append((not excludes, int(value), [(int(b.get("index")), int(b.get("min")), int(b.get("max"))) for b in bounds]))
    return float(utility.get("maxutility")), rectangles


def cpsat_frontier(issues, profiles, workers: int) -> tuple[list[tuple[int, int]], float]:
    model = cp_model.CpModel()
    x = {index: model.new_int_var(lower, upper, f"x{index}") for index, lower, upper in issues}
    h = []
    caps = []
    for p, (maximum, rectangles) in enumerate(profiles):
        terms = []
        for r, (includes, value, bounds) in enumerate(rectangles):
            if value == 0:
                continue
            if not bounds:
                terms.append(value)
                continue
            y = model.new_bool_var(f"y{p}_{r}")
            inside = []
            for index, lower, upper in bounds:
                b = model.new_bool_var(f"b{p}_{r}_{index}")
                model.add_linear_constraint(x[index], lower, upper).only_enforce_if(b)
                model.add_linear_expression_in_domain(x[index], cp_model.Domain(lower, upper).complement()).only_enforce_if(~b)
                inside.append(b)
            if includes:
                model.add_bool_and(inside).only_enforce_if(y)
                model.add_bool_or([~b for b in inside]).only_enforce_if(~y)
            else:
                model.add_bool_or([~b for b in inside]).only_enforce_if(y)
                model.add_bool_and(inside).only_enforce_if(~y)
            terms.append(value * y)
        cap = math.ceil(maximum)
        caps.append(cap)
        value = model.new_int_var(-10**12, 10**12, f"f{p}")
        model.add(value == sum(terms))
        capped = model.new_int_var(-10**12, cap, f"h{p}")
        model.add_min_equality(capped, [value, model.new_constant(cap)])
        h.append(capped)
    weight = caps[1] + 1  # h_2 lies in [0, cap_2] here (positive rectangles, reservation 0)
    model.maximize(weight * h[0] + h[1])
    points, seconds, floor = [], 0.0, None
    while True:
        if floor is not None:
            model.add(h[1] >= floor)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = workers
        status = solver.solve(model)
        seconds += solver.wall_time
        if status not in (cp_model.OPTIMAL,):
            assert status == cp_model.INFEASIBLE, solver.status_name(status)
            break
        point = (solver.value(h[0]), solver.value(h[1]))
        points.append(point)
        if point[1] >= caps[1]:
            break
        floor = point[1] + 1
    return points, seconds


def accord_frontier(accord: str, domain: str, profiles: list[str], maxima: list[float]) -> tuple[list[tuple[int, int]], float]:
    start = time.perf_counter()
    run = subprocess.run([accord, "frontier", "--genius", domain, *profiles, "--format", "json", "--quiet"],
                         capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"accord failed ({run.returncode}): {run.stderr}")
    document = json.loads(run.stdout)
    points = []
    for point in document["points"]:
        # Back to capped integer values: utility = h / maxutility (1 at the cap).
        points.append(tuple(math.ceil(m) if u == 1 else round(u * m) for u, m in zip(point["utilities"], maxima)))
    return points, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--accord", default=".build/release/accord")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="runs per tool; the fastest is compared")
    args = parser.parse_args()
    failed = False
    print("| domain | issues | packages | frontier points | Accord s (process) | CP-SAT s (solver, %d workers) | ratio | same frontier |" % args.workers)
    print("|---|---|---|---|---|---|---|---|")
    for folder in args.folders:
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".xml") and f != "pareto.xml")
        domain = next(f for f in files if "<negotiation_template" in open(f, encoding="utf-8").read())
        profiles = [f for f in files if os.path.basename(f).startswith("profile")]
        issues = read_issues(domain)
        read = [read_profile(p) for p in profiles]
        theirs = min((cpsat_frontier(issues, read, args.workers) for _ in range(args.repeat)), key=lambda r: r[1])
        ours = min((accord_frontier(args.accord, domain, profiles, [m for m, _ in read]) for _ in range(args.repeat)), key=lambda r: r[1])
        same = theirs[0] == ours[0]
        failed |= not same
        packages = math.prod(upper - lower + 1 for _, lower, upper in issues)
        print(f"| {os.path.basename(folder.rstrip('/'))} | {len(issues)} | {packages:.0e} | {len(ours[0])} | {ours[1]:.2f} | "
              f"{theirs[1]:.2f} | {theirs[1] / ours[1]:.1f}x | {'yes' if same else 'NO'} |")
        if not same:
            print(f"  Accord {ours[0]}\n  CP-SAT {theirs[0]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
