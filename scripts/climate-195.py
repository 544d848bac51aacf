#!/usr/bin/env python3
"""Writes Data/climate-195.yaml: 195 parties share the cost of a climate-finance goal and agree on
a global emission cut and the adaptation share of the finance (invented, seeded numbers; every
rule is explained in the file's header). Run: python3 scripts/climate-195.py > Data/climate-195.yaml
"""
import math
import random

random.seed(195)

# Five regional groups (counts sum to 195 parties: 194 states and the EU), with the typical GDP
# per head level (relative), emissions intensity and climate vulnerability of their members.
GROUPS = [
    # id, name, count, GDP scale, fossil exporter share, vulnerability
    ("AF", "African Group", 54, 0.25, 0.15, 0.9),
    ("AP", "Asia-Pacific Group", 55, 1.0, 0.20, 0.7),
    ("EE", "Eastern European Group", 23, 1.2, 0.25, 0.3),
    ("LA", "Latin American and Caribbean Group", 33, 0.8, 0.15, 0.6),
    ("WE", "Western European and Others Group", 30, 6.0, 0.10, 0.2),
]

parties = []
for gid, gname, count, scale, fossil_share, vulnerability in GROUPS:
    for k in range(count):
        gdp = scale * random.lognormvariate(0, 1.3)
        fossil = random.random() < fossil_share
        vuln = min(1.0, max(0.0, random.gauss(vulnerability, 0.15)))
        parties.append(dict(id=f"{gid}{k + 1:02d}", group=gname, gdp=gdp, fossil=fossil, vuln=vuln))
total = sum(p["gdp"] for p in parties)
for p in parties:
    p["share"] = p["gdp"] / total

# Emissions (for the decision rule's weights), without new random draws so that every other
# number stays as it was: GDP times an emissions intensity, higher for fossil-fuel exporters and
# the Eastern European group's heavy industry, lower for the African Group; scaled to a world
# total of about 50,000 Mt CO2e a year (roughly today's) and rounded to 10 Mt (at least 10: finer
# would claim a precision invented numbers do not have, and make the voting-power tables larger).
INTENSITY = {"AF": 0.7, "AP": 1.2, "EE": 1.4, "LA": 0.8, "WE": 0.7}
emissions = [p["gdp"] * (1.8 if p["fossil"] else INTENSITY[p["id"][:2]]) for p in parties]
for p, e in zip(parties, emissions):
    p["emissions"] = max(10, 10 * round(5000 * e / sum(emissions)))


def r(x, digits=4):
    return float(f"{x:.{digits}g}")


out = []
w = out.append
w("""# 195 parties agree on a climate-finance goal (invented numbers, written by
# scripts/climate-195.py with seed 195; rerun it to change them). Three issues:
#   finance_cost — a divisible issue: each party's share of the goal's cost (shares sum to 1);
#   emission_cut — a range: the global emission cut by 2035, in % of 2019 emissions, 0 to 60;
#   adaptation   — a range: the share of the finance that goes to adaptation, 0 to 1.
# Parties: five UN regional groups (54 + 55 + 23 + 33 + 30 = 195), each member with a GDP drawn
# lognormal around its group's level (its share of the total is its bargaining power), a
# vulnerability to climate change (around its group's level) and, for some, a fossil-fuel
# export economy.
# Values (each over [0, 1] on the party's own terms):
#   finance_cost: paying nothing is best (1); the value falls linearly by 1/(2 x GDP share) per
#     unit of cost share, so paying twice one's GDP share is worth 0 — cost is bearable in
#     proportion to the economy (each party pays at most 3 times its GDP share: a red line).
#   emission_cut: a tent, concave: rising from 0 % to the party's preferred cut (vulnerable
#     states want more: 20 + 35 x vulnerability %; fossil exporters 10 %), value 1 there, then
#     falling to the 60 % end (the cost of going beyond what it wants).
#   adaptation: a tent peaking at 0.3 + 0.5 x vulnerability (vulnerable states want adaptation,
#     others mitigation).
# Weights: finance 0.4, cut 0.4, adaptation 0.2, shifted toward the cut for vulnerable states.
# Reservation: 90 % of the party's utility at the status quo (cost by GDP share, a 10 % cut, a
#   quarter for adaptation): failing the talks costs every party a tenth of that.
# Weight: the party's greenhouse-gas emissions in Mt CO2e a year (GDP times an intensity, higher
#   for fossil exporters; about 50,000 Mt in all), for the decision rule.
# Decision rule (accord coalitions): the Paris Agreement's entry-into-force clause (Art. 21): at
#   least 55 parties that account for at least 55 % of the emissions.
accord: 1
name: Climate finance goal, 195 parties (invented)
description: >-
  195 parties share the cost of a climate-finance goal and agree on the global emission cut and
  the adaptation share, with bargaining power from GDP shares (invented, seeded numbers).
disagreement: reservation
decision_rule: {kind: weighted, quota: 0.55, min_parties: 55}
parties:""")


def tent(peak, low, high, at_low, at_high):
    return [[low, r(at_low)], [r(peak), 1.0], [high, r(at_high)]]


prefs = []
for p in parties:
    share = p["share"]
    vuln = p["vuln"]
    slope = 1 / (2 * share)
    cost = [[0, 1.0], [1, r(1 - slope)]]
    cut_peak = 10.0 if p["fossil"] else 20 + 35 * vuln
    cut = tent(cut_peak, 0, 60, 0.1 + 0.3 * (1 - vuln), 0.3 if p["fossil"] else 0.7)
    ad_peak = 0.3 + 0.5 * vuln
    adapt = tent(ad_peak, 0, 1, 0.2, 0.4)
    wcut = r(0.3 + 0.2 * vuln, 3)
    weights = {"finance_cost": 0.4, "emission_cut": wcut, "adaptation": r(0.6 - wcut, 3)}

    def value(points, x):
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            if x0 <= x <= x1:
                return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        return points[-1][1]

    status_quo = (weights["finance_cost"] * value(cost, share) + weights["emission_cut"] * value(cut, 10)
                  + weights["adaptation"] * value(adapt, 0.25))
    p.update(reservation=r(0.9 * status_quo), power=r(share * 195, 4))
    prefs.append((p, weights, cost, cut, adapt, min(1.0, 3 * share)))
    w(f"  - {{id: {p['id']}, name: {p['group']} member {p['id'][2:]}, reservation: {p['reservation']}, power: {p['power']}, weight: {p['emissions']}}}")

# Blocs (accord coalitions --blocs), disjoint, from the numbers above (no new random draws):
#   AGN, the African Group of Negotiators: every African Group member; it decides by a two-thirds
#     majority of its members;
#   EU: the first 20 members of the Western European group and the first 7 of the Eastern
#     European group (27), deciding by the Council's qualified majority: 55% of the members
#     holding 65% of the bloc's emissions (the Council counts population; emissions stand in);
#   AOSIS: the most vulnerable (vulnerability ≥ 0.8) members of the Asia-Pacific and Latin
#     American groups, deciding by consensus;
#   LMDC, like-minded fossil-fuel exporters: the remaining exporters of those two groups and of
#     the Eastern European group, deciding by simple majority.
# Every other party negotiates alone.
eu = [p["id"] for p in parties if p["id"][:2] == "WE" and int(p["id"][2:]) <= 20] + \
     [p["id"] for p in parties if p["id"][:2] == "EE" and int(p["id"][2:]) <= 7]
aosis = [p["id"] for p in parties if p["id"][:2] in ("AP", "LA") and p["vuln"] >= 0.8]
taken = set(eu) | set(aosis)
lmdc = [p["id"] for p in parties if p["id"][:2] in ("AP", "LA", "EE") and p["fossil"] and p["id"] not in taken]
BLOCS = [
    ("AGN", "African Group of Negotiators", [p["id"] for p in parties if p["id"][:2] == "AF"], "{kind: majority, quota: 0.67}"),
    ("EU", "European Union", eu, "{kind: weighted, quota: 0.65, members: 0.55}"),
    ("AOSIS", "Alliance of Small Island States", aosis, "{kind: unanimity}"),
    ("LMDC", "Like-minded fossil-fuel exporters", lmdc, "{kind: majority}"),
]
w("blocs:")
for bid, bname, members, rule in BLOCS:
    w(f"  - {{id: {bid}, name: {bname}, decision_rule: {rule},")
    w(f"     members: [{', '.join(members)}]}}")

w("""issues:
  - {id: finance_cost, name: Share of the goal's cost, divisible: true}
  - {id: emission_cut, name: Global emission cut by 2035 (% of 2019), range: [0, 60], status_quo: 10}
  - {id: adaptation, name: Share of the finance for adaptation, range: [0, 1], status_quo: 0.25}
preferences:""")
for p, weights, cost, cut, adapt, cap in prefs:
    w(f"  {p['id']}:")
    w(f"    weights: {{finance_cost: {weights['finance_cost']}, emission_cut: {weights['emission_cut']}, adaptation: {weights['adaptation']}}}")
    w(f"    values: {{finance_cost: {cost}, emission_cut: {cut}, adaptation: {adapt}}}")
    if cap < 1:
        w(f"    red_lines: [{{issue: finance_cost, max: {r(cap)}}}]")
print("\n".join(out))
