#!/usr/bin/env python3
"""Independent brute force of `accord linkage Data/blue-harbor-discrete.yaml` (DESIGN.md §1.4).

Reads the scenario YAML directly and, with exact fractions, enumerates the 8,448 packages:
u_i = Σ_j w_ij · v_ij(x_j) + interaction bonuses; a package is acceptable when it crosses no
red line and gives every party u_i ≥ d_i (d = reservation). A bundle of tracks is bargained
alone over the acceptable packages that keep every other issue at its status quo, by Nash
(max Π (u_i − d_i) over packages with every u_i > d_i; ties: larger Σ u_i, then the earlier
package in option order); a bundle without such a package stays at the status quo. Prints every
partition of the three tracks with the Nash product of its combined package, the separate
settlement, each track alone and the packages nearest the Nash solution — the golden figures of
LinkageTests.blueHarborLinkageExplainsTheTrades and jsonHasTheContractKeys.

Usage: python3 Tests/AccordTests/scripts/blue_harbor_linkage.py [Data/blue-harbor-discrete.yaml]
"""
import itertools
import sys
from fractions import Fraction

import yaml


def main(path):
    doc = yaml.safe_load(open(path))
    parties = [p["id"] for p in doc["parties"]]
    d = [Fraction(str(p.get("reservation", 0))) for p in doc["parties"]]
    issues = doc["issues"]
    names = [i["id"] for i in issues]
    options = [[str(o) for o in i["options"]] for i in issues]
    sq = [options[j].index(str(i["status_quo"])) for j, i in enumerate(issues)]
    tracks = []
    for i in issues:
        if i["track"] not in tracks:
            tracks.append(i["track"])
    track_issues = [[j for j, i in enumerate(issues) if i["track"] == t] for t in tracks]

    def utility(party, package):
        pref = doc["preferences"][party]
        total = Fraction(0)
        for j, name in enumerate(names):
            total += Fraction(str(pref["weights"][name])) * Fraction(str(pref["values"][name][options[j][package[j]]]))
        for inter in pref.get("interactions", []):
            if all(options[names.index(k)][package[names.index(k)]] == str(v) for k, v in inter["when"].items()):
                total += Fraction(str(inter["value"]))
        return total

    def allowed(package):
        for party in parties:
            for line in doc["preferences"][party].get("red_lines", []):
                if "forbid_combination" in line:
                    if all(options[names.index(k)][package[names.index(k)]] == str(v) for k, v in line["forbid_combination"].items()):
                        return False
                elif options[names.index(line["issue"])][package[names.index(line["issue"])]] in [str(o) for o in line["forbid"]]:
                    return False
        return True

    packages = list(itertools.product(*[range(len(o)) for o in options]))
    u = {p: [utility(party, p) for party in parties] for p in packages}
    acceptable = [p for p in packages if allowed(p) and all(u[p][i] >= d[i] for i in range(len(parties)))]

    def product(p):
        if p not in acceptable_set or not all(u[p][i] > d[i] for i in range(len(parties))):
            return Fraction(0)
        result = Fraction(1)
        for i in range(len(parties)):
            result *= u[p][i] - d[i]
        return result

    acceptable_set = set(acceptable)

    def settle(bundle):
        free = {j for t in bundle for j in track_issues[t]}
        candidates = [p for p in acceptable if all(j in free or p[j] == sq[j] for j in range(len(names)))]
        candidates = [p for p in candidates if product(p) > 0]
        if not candidates:
            return tuple(sq)
        # Max product, then max Σ u, then the earliest package (min in option order).
        return min(candidates, key=lambda p: (-product(p), -sum(u[p]), p))

    def combine(bundles):
        result = list(sq)
        for bundle in bundles:
            settled = settle(bundle)
            for t in bundle:
                for j in track_issues[t]:
                    result[j] = settled[j]
        return tuple(result)

    def partitions(items):
        if not items:
            yield []
            return
        first, rest = items[0], items[1:]
        for smaller in partitions(rest):
            for k in range(len(smaller)):
                yield smaller[:k] + [sorted([first] + smaller[k])] + smaller[k + 1:]
            yield [[first]] + smaller

    rows = []
    for partition in partitions(list(range(len(tracks)))):
        bundles = sorted(partition)
        package = combine(bundles)
        rows.append((product(package), sum(u[package]), len(bundles), bundles, package))
    rows.sort(key=lambda r: (-r[0], -r[1], -r[2], r[3]))
    for value, _, _, bundles, package in rows:
        label = " ".join("[" + " + ".join(tracks[t] for t in b) + "]" for b in bundles)
        print(f"{label:40s} Nash product {float(value)!r:<22} = {value}  u = {[float(x) for x in u[package]]}")
    separate = combine([[t] for t in range(len(tracks))])
    print(f"separate tracks: Nash product {float(product(separate))!r} = {product(separate)}")
    for t, track in enumerate(tracks):
        settled = settle([t])
        terms = ", ".join(f"{names[j]} {options[j][settled[j]]}" for j in track_issues[t])
        print(f"track {track} alone: {terms}" + (" (no agreement: status quo)" if settled == tuple(sq) else ""))
    # The packages nearest the Nash solution: acceptable, with a positive product, best first.
    ranked = sorted((p for p in acceptable if product(p) > 0), key=lambda p: (-product(p), -sum(u[p]), p))
    nash = ranked[0]
    for k, p in enumerate(ranked[:3]):
        differs = ", ".join(f"{names[j]} {options[j][p[j]]}" for j in range(len(names)) if p[j] != nash[j])
        print(f"top {k + 1}: Nash product {float(product(p))!r} differs from Nash: {differs or '-'}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Data/blue-harbor-discrete.yaml")
