#!/usr/bin/env python3
"""Seeded fuzzer for the `accord` executable (Python 3 standard library only).

Inputs are mutations of the repository's scenarios (`Data/*.yaml`, a JSON rendering of them,
the GENIUS files of `Data/genius/` and `Tests/AccordTests/Fixtures/genius/`) and, where the
folder exists, of the ANAC files in `../shared/anac` (a user's clone has none: the fuzzer says
so and goes on without them). Each mutated input runs through the real executable —
`validate`, `solve` and `frontier` for YAML/JSON, `solve --genius` for GENIUS XML — under
`prlimit --as=BYTES` and a wall-clock timeout, and every run is classified:

  ok        exit 0, or 64/65/66/74 (usage, invalid scenario, unreadable file, cannot write)
  crash     a signal, or any other exit code (70 is "internal error")
  hang      still running at the timeout (killed)
  oversize  more than 2 GB resident, or an allocation failure under the address-space cap
  stdout    a failing run (exit ≠ 0) that printed on stdout (counted, not fatal)
  chatty    stderr over 64 KiB (an unbounded echo of the input; counted, not fatal)

Case `i` of seed `s` is generated from `random.Random("s:i")` alone, so `--only i` replays it.
Each failing case is saved under the results folder (default `Benchmarks/fuzz/results/`,
gitignored) with its input files and the exact command; the exit status is 1 when any crash,
hang or oversize run was found, 0 otherwise, 2 on a usage problem.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ALLOWED_EXITS = {0, 64, 65, 66, 74}
RESIDENT_LIMIT_KB = 2 * 1024 * 1024  # the Acceptance's "no run over 2 GB resident"
CHATTY_BYTES = 64 * 1024


# ---------------------------------------------------------------------------------------------
# A JSON rendering of the YAML scenarios: a reader for the YAML subset `Data/*.yaml` uses
# (block mappings and sequences, flow collections over several lines, plain and quoted
# scalars, folded/literal block scalars, comments). Anything outside it raises ValueError and
# the file gets no JSON rendering (the corpus summary says so).
# ---------------------------------------------------------------------------------------------

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")


def _scalar(text: str):
    text = text.strip()
    if text[:1] in ("'", '"'):
        value, end = _quoted(text, 0)
        if text[end:].strip():
            raise ValueError(f"text after a quoted scalar: {text!r}")
        return value
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    if text[:1] in "&*!|>%@`":
        raise ValueError(f"unsupported YAML: {text!r}")
    return text


def _quoted(text: str, pos: int):
    quote = text[pos]
    out, i = [], pos + 1
    while i < len(text):
        ch = text[i]
        if quote == "'" and ch == "'":
            if text[i + 1:i + 2] == "'":
                out.append("'")
                i += 2
                continue
            return "".join(out), i + 1
        if quote == '"' and ch == "\\":
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(text[i + 1:i + 2], text[i + 1:i + 2]))
            i += 2
            continue
        if quote == '"' and ch == '"':
            return "".join(out), i + 1
        out.append(ch)
        i += 1
    raise ValueError("unterminated quoted scalar")


def _flow(text: str, pos: int):
    """Parses one flow node at `pos`; returns (value, position after it)."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if pos < len(text) and text[pos] in "[{":
        closing = "]" if text[pos] == "[" else "}"
        is_map = text[pos] == "{"
        result = {} if is_map else []
        pos += 1
        while True:
            while pos < len(text) and text[pos] in " ,":
                pos += 1
            if pos >= len(text):
                raise ValueError("unclosed flow collection")
            if text[pos] == closing:
                return result, pos + 1
            if is_map:
                key, pos = _flow(text, pos)
                while pos < len(text) and text[pos] == " ":
                    pos += 1
                if text[pos:pos + 1] != ":":
                    raise ValueError("flow mapping entry without ':'")
                value, pos = _flow(text, pos + 1)
                if key in result:
                    raise ValueError(f"duplicate key {key!r}")
                result[key] = value
            else:
                value, pos = _flow(text, pos)
                result.append(value)
    if pos < len(text) and text[pos] in "'\"":
        return _quoted(text, pos)
    start = pos
    while pos < len(text) and text[pos] not in ",[]{}" and not (
            text[pos] == ":" and (pos + 1 == len(text) or text[pos + 1] in " ,]}")):
        pos += 1
    return _scalar(text[start:pos]), pos


def _strip_comment(line: str) -> str:
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"" and (i == 0 or line[i - 1] in " [{,:-"):
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def _balance(text: str) -> int:
    depth, quote = 0, None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"" and (i == 0 or text[i - 1] in " [{,:"):
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    return depth


def _split_key(content: str):
    """`key: rest` → (key, rest); None when the line is not a mapping entry."""
    if content[:1] in "[{":
        return None
    start = 0
    if content[:1] in "'\"":
        _, start = _quoted(content, 0)
    for i in range(start, len(content)):
        if content[i] == ":" and (i + 1 == len(content) or content[i + 1] == " "):
            return _scalar(content[:i]), content[i + 1:].strip()
    return None


def yaml_subset_load(text: str):
    raw = text.split("\n")
    lines: list[list] = []  # [indent, content] with block scalars already folded
    i = 0
    while i < len(raw):
        content = _strip_comment(raw[i])
        if not content.strip() or content.strip() == "---" or content.startswith("%"):
            i += 1
            continue
        indent = len(content) - len(content.lstrip(" "))
        content = content.strip()
        match = re.match(r"(.*:)\s+([>|])(-?)\Z", content)
        if match:
            body, i = [], i + 1
            while i < len(raw) and (not raw[i].strip() or len(raw[i]) - len(raw[i].lstrip(" ")) > indent):
                body.append(raw[i].strip())
                i += 1
            while body and not body[-1]:
                body.pop()
            joined = (" " if match.group(2) == ">" else "\n").join(body)
            lines.append([indent, match.group(1), joined + ("" if match.group(3) else "\n")])
            continue
        while _balance(content) > 0:
            i += 1
            if i >= len(raw):
                raise ValueError("unclosed flow collection")
            content += " " + _strip_comment(raw[i]).strip()
        lines.append([indent, content])
        i += 1

    def node(k: int, indent: int):
        if lines[k][1] == "-" or lines[k][1].startswith("- "):
            return sequence(k, indent)
        return mapping(k, indent)

    def value_after(k: int, rest: str, indent: int, allow_same: bool):
        if rest:
            value, end = _flow(rest, 0) if rest[:1] in "[{" else (_scalar(rest), len(rest))
            if rest[end:].strip():
                raise ValueError(f"text after a flow collection: {rest!r}")
            return value, k + 1
        if k + 1 < len(lines) and (lines[k + 1][0] > indent or (
                allow_same and lines[k + 1][0] == indent and lines[k + 1][1].startswith("-"))):
            return node(k + 1, lines[k + 1][0])
        return None, k + 1

    def sequence(k: int, indent: int):
        items = []
        while k < len(lines) and lines[k][0] == indent and (lines[k][1] == "-" or lines[k][1].startswith("- ")):
            rest = lines[k][1][1:].lstrip()
            if rest and _split_key(rest) is not None:
                lines[k] = [indent + len(lines[k][1]) - len(rest), rest] + lines[k][2:]
                value, k = mapping(k, lines[k][0])
            else:
                value, k = value_after(k, rest, indent, False)
            items.append(value)
        return items, k

    def mapping(k: int, indent: int):
        result = {}
        while k < len(lines) and lines[k][0] == indent and not lines[k][1].startswith("- "):
            split = _split_key(lines[k][1])
            if split is None:
                raise ValueError(f"not a mapping entry: {lines[k][1]!r}")
            key, rest = split
            if key in result:
                raise ValueError(f"duplicate key {key!r}")
            if len(lines[k]) == 3:
                result[key], k = lines[k][2], k + 1
            else:
                result[key], k = value_after(k, rest, indent, True)
        return result, k

    if not lines:
        return None
    value, end = node(0, lines[0][0])
    if end != len(lines):
        raise ValueError(f"unparsed text from: {lines[end][1]!r}")
    return value


# ---------------------------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------------------------

@dataclass
class Seed:
    kind: str                 # "yaml", "json" or "xml"
    name: str                 # shown in reports
    files: list               # [(file name, bytes)]; for xml the domain first, then profiles


def _xml_root(data: bytes) -> str:
    text = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", data[:20000], flags=re.S)
    match = re.search(rb"<\s*([A-Za-z_][\w.-]*)", text)
    return match.group(1).decode() if match else ""


def _genius_sets(folder: Path, label: str, max_profiles: int) -> list:
    """One seed per folder holding a GENIUS domain; with several domains in one folder (the
    test fixtures), profiles go with the domain of the same file-name prefix."""
    seeds = []
    for directory in sorted({p.parent for p in folder.rglob("*.xml")}):
        files = sorted(p for p in directory.glob("*.xml") if p.is_file())
        roots = {p: _xml_root(p.read_bytes()) for p in files}
        domains = [p for p in files if roots[p] == "negotiation_template"]
        for domain in domains:
            profiles = [p for p in files if roots[p] == "utility_space"]
            if len(domains) > 1:
                prefix = domain.name.split("-")[0]
                profiles = [p for p in profiles if p.name.split("-")[0] == prefix]
            if len(profiles) < 2:
                continue
            chosen = [domain] + profiles[:max_profiles]
            seeds.append(Seed("xml", f"{label}/{domain.relative_to(folder)}",
                              [(p.name, p.read_bytes()) for p in chosen]))
    return seeds


def build_corpus(accord: str, corpus: str, anac: Path | None, notes: list) -> list:
    seeds = []
    for path in sorted((REPO / "Data").glob("*.yaml")):
        data = path.read_bytes()
        seeds.append(Seed("yaml", f"Data/{path.name}", [(path.name, data)]))
        try:
            rendered = json.dumps(yaml_subset_load(data.decode("utf-8")), indent=2, ensure_ascii=False)
            seeds.append(Seed("json", f"Data/{path.stem}.json (rendered)",
                              [(path.stem + ".json", rendered.encode())]))
        except (ValueError, IndexError, UnicodeDecodeError) as error:
            notes.append(f"no JSON rendering of Data/{path.name}: {error}")
    seeds += _genius_sets(REPO / "Data" / "genius", "Data/genius", 2)
    seeds += _genius_sets(REPO / "Tests" / "AccordTests" / "Fixtures" / "genius", "Fixtures/genius", 3)
    if corpus == "all":
        if anac is None or not anac.is_dir():
            notes.append(f"ANAC folder {anac} absent: ANAC files skipped")
        else:
            # Two profiles per domain: the 3–9 party sets of ANAC 2015 are the frontier-size
            # question of issue 9 point 5, which `accord generate` probes more directly.
            xml = _genius_sets(anac, "anac", 2)
            seeds += xml
            # GeniusWeb JSON (not a scenario format: refused with 65), one file per domain.
            for directory in sorted({p.parent for p in anac.rglob("*.json")}):
                path = sorted(directory.glob("*.json"))[0]
                seeds.append(Seed("json", f"anac/{path.relative_to(anac)}", [(path.name, path.read_bytes())]))
            # JSON scenarios converted from a few small ANAC domains by the executable itself.
            for seed in [s for s in xml if "/y2012/" in "/" + s.name][:6]:
                with tempfile.TemporaryDirectory() as scratch:
                    paths = []
                    for name, data in seed.files:
                        (Path(scratch) / name).write_bytes(data)
                        paths.append(str(Path(scratch) / name))
                    target = Path(scratch) / "converted.json"
                    run = subprocess.run([accord, "import", "genius", *paths, "-o", str(target)],
                                         capture_output=True, timeout=60)
                    if run.returncode == 0 and target.exists():
                        seeds.append(Seed("json", f"{seed.name} (imported)",
                                          [(Path(seed.files[0][0]).stem + ".json", target.read_bytes())]))
                    else:
                        notes.append(f"import genius of {seed.name} failed ({run.returncode}); not a JSON seed")
    return seeds


# ---------------------------------------------------------------------------------------------
# Mutators: each takes (rng, bytes, kind) and returns (bytes, description).
# ---------------------------------------------------------------------------------------------

_NUMBER = re.compile(rb"(?<![\w.])-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?(?![\w.])")
_WORD = re.compile(rb"(?<![\w&*])[A-Za-z_][A-Za-z0-9_]{2,}(?![\w])")
SPECIAL_NUMBERS = [b"-0", b"-0.0", b"NaN", b"nan", b".nan", b".NaN", b".inf", b"-.inf", b"Infinity",
                   b"1e-400", b"4.9e-324", b"2.2250738585072014e-308", b"1e-320", b"0x10", b"0o17",
                   b"1_000", b"00001", b"+1", b"0.1e+5", b"1.", b".5", b"-1", b"0", b"1e0"]
HUGE_NUMBERS = [b"1e308", b"-1e308", b"1.7976931348623157e308", b"1e309", b"1e20", b"1e16",
                b"9007199254740993", b"9223372036854775807", b"9223372036854775808",
                b"-9223372036854775809", b"18446744073709551616", b"123456789012345678901234567890",
                b"999999", b"2147483648", b"0.1e+99999"]


def _pos(rng, data):
    return rng.randrange(len(data) + 1)


def m_flip(rng, data, kind):
    data = bytearray(data)
    if not data:
        return bytes(data), "flip(empty)"
    count = rng.randint(1, 8)
    for _ in range(count):
        i = rng.randrange(len(data))
        data[i] ^= rng.randint(1, 255)
    return bytes(data), f"flip({count} bytes)"


def m_truncate(rng, data, kind):
    at = _pos(rng, data)
    return data[:at], f"truncate(at {at} of {len(data)})"


def _lines(data):
    return data.split(b"\n")


def m_dup_lines(rng, data, kind):
    lines = _lines(data)
    i = rng.randrange(len(lines))
    span = rng.randint(1, 4)
    times = rng.choice([1, 1, 2, 10, 100])
    block = lines[i:i + span]
    return b"\n".join(lines[:i] + block * (times + 1) + lines[i + span:]), f"dup-lines({i}+{span} ×{times + 1})"


def m_delete_lines(rng, data, kind):
    lines = _lines(data)
    i = rng.randrange(len(lines))
    span = rng.randint(1, 5)
    return b"\n".join(lines[:i] + lines[i + span:]), f"delete-lines({i}+{span})"


def m_dup_key(rng, data, kind):
    """A duplicate key: the first key of a flow/JSON mapping inserted again after its `{`, or a
    block `key:` line repeated."""
    braces = [m.end() for m in re.finditer(rb"\{", data)]
    if braces and (kind == "json" or rng.random() < 0.5):
        at = rng.choice(braces)
        key = re.match(rb"\s*(\"[^\"]*\"|[\w.-]+)\s*:", data[at:])
        if key:
            return data[:at] + key.group(1) + b": 0, " + data[at:], f"dup-key({key.group(1).decode(errors='replace')})"
    lines = _lines(data)
    keyed = [i for i, line in enumerate(lines) if re.match(rb"\s*[\w\"-]+\s*:", line)]
    if not keyed:
        return m_dup_lines(rng, data, kind)
    i = rng.choice(keyed)
    return b"\n".join(lines[:i + 1] + [lines[i]] + lines[i + 1:]), f"dup-key(line {i + 1})"


def _replace_number(rng, data, choices, label):
    numbers = list(_NUMBER.finditer(data))
    if not numbers:
        return data + b"\n" + rng.choice(choices), f"{label}(appended)"
    count = rng.choice([1, 1, 1, 3])
    out, desc = data, []
    for match in sorted(rng.sample(numbers, min(count, len(numbers))), key=lambda m: -m.start()):
        new = rng.choice(choices)
        desc.append(f"{match.group(0).decode()}→{new.decode()} at {match.start()}")
        out = out[:match.start()] + new + out[match.end():]
    return out, f"{label}({'; '.join(desc)})"


def m_number_special(rng, data, kind):
    return _replace_number(rng, data, SPECIAL_NUMBERS, "number-special")


def m_number_huge(rng, data, kind):
    return _replace_number(rng, data, HUGE_NUMBERS, "number-huge")


def m_unknown_id(rng, data, kind):
    words = [m for m in _WORD.finditer(data)]
    common = {w.group(0) for w in words}
    repeated = [m for m in words if data.count(m.group(0)) > 1] or words
    if not repeated or not common:
        return data, "unknown-id(none)"
    match = rng.choice(repeated)
    new = b"zz_unknown_%d" % rng.randrange(1000)
    return data[:match.start()] + new + data[match.end():], f"unknown-id({match.group(0).decode()}→{new.decode()})"


def m_long_string(rng, data, kind):
    words = list(_WORD.finditer(data))
    size = rng.choice([4096, 65536, 1 << 20, 4 << 20])
    long = bytes(rng.choice(b"abcdefghij") for _ in range(16)) * (size // 16)
    if not words:
        return data + long, f"long-string({size} appended)"
    match = rng.choice(words)
    return data[:match.start()] + long + data[match.end():], f"long-string({match.group(0).decode()}→{size} chars)"


def m_nul(rng, data, kind):
    if rng.random() < 0.3:
        size = rng.choice([1 << 16, 1 << 20, 8 << 20])
        at = data.find(b"\n", _pos(rng, data))
        at = len(data) if at < 0 else at + 1
        return data[:at] + b"\0" * size + b"\n" + data[at:], f"nul(a line of {size} NUL bytes at {at})"
    data = bytearray(data)
    count = rng.randint(1, 16)
    for _ in range(count):
        data.insert(_pos(rng, data), 0)
    return bytes(data), f"nul({count} NUL bytes)"


def _value_position(rng, data, kind):
    """A place where a value starts: after `: ` (YAML/JSON) or at a flow item."""
    spots = [m.end() for m in re.finditer(rb": ", data)]
    return rng.choice(spots) if spots else len(data)


def m_deep_nest(rng, data, kind):
    depth = rng.choice([64, 1000, 10000, 100000])
    opener, closer = (b"[", b"]") if rng.random() < 0.5 else ((b'{"a": ', b"}") if kind == "json" else (b"{a: ", b"}"))
    at = _value_position(rng, data, kind)
    end = at
    while end < len(data) and data[end:end + 1] not in (b"\n", b",", b"}", b"]"):
        end += 1
    nested = opener * depth + b"0" + closer * depth
    return data[:at] + nested + data[end:], f"deep-nest({opener.decode()!r} ×{depth})"


def _bomb(rng):
    levels = rng.choice([6, 9, 12])
    width = 9 if levels <= 9 else 5
    lines = [b"x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for k in range(1, levels):
        lines.append(b"x%d: &a%d [" % (k, k) + b", ".join([b"*a%d" % (k - 1)] * width) + b"]")
    return lines, levels - 1, f"{levels} levels × {width}"


def m_alias_bomb_value(rng, data, kind):
    lines, top, desc = _bomb(rng)
    return b"\n".join(lines) + b"\nbomb: *a%d\n" % top + data, f"alias-bomb-value({desc})"


def m_alias_bomb_key(rng, data, kind):
    lines, top, desc = _bomb(rng)
    return b"\n".join(lines) + b"\n? *a%d\n: 1\n" % top + data, f"alias-bomb-key({desc})"


def m_yaml_tricks(rng, data, kind):
    choice = rng.choice([
        (b"%YAML 1.1\n---\n", "directive"), (b"%TAG ! tag:x,2000:\n---\n", "tag directive"),
        (b"--- !!binary\n", "binary tag"), (b"!!python/object:os.system\n", "python tag"),
        (b"&anchor ", "anchor on root"), (b"<<: {accord: 2}\n", "merge key"),
        (b"---\n...\n---\n", "several documents"), (b"\t", "leading tab")])
    return choice[0] + data, f"yaml-tricks({choice[1]})"


def m_text_encoding(rng, data, kind):
    choice = rng.choice(["utf8-bom", "utf16le-bom", "utf16be-bom", "utf32-bom", "invalid-utf8",
                         "overlong-utf8", "lone-surrogate", "cr-only", "crlf"])
    if choice == "utf8-bom":
        return b"\xef\xbb\xbf" + data, "text-encoding(UTF-8 BOM)"
    if choice in ("utf16le-bom", "utf16be-bom", "utf32-bom"):
        codec = {"utf16le-bom": "utf-16-le", "utf16be-bom": "utf-16-be", "utf32-bom": "utf-32-le"}[choice]
        bom = {"utf16le-bom": b"\xff\xfe", "utf16be-bom": b"\xfe\xff", "utf32-bom": b"\xff\xfe\x00\x00"}[choice]
        return bom + data.decode("utf-8", "replace").encode(codec), f"text-encoding({choice})"
    bad = {"invalid-utf8": b"\xc3\x28\xff", "overlong-utf8": b"\xc0\xaf", "lone-surrogate": b"\xed\xa0\x80"}.get(choice)
    if bad:
        at = _pos(rng, data)
        return data[:at] + bad + data[at:], f"text-encoding({choice} at {at})"
    if choice == "cr-only":
        return data.replace(b"\n", b"\r"), "text-encoding(CR line ends)"
    return data.replace(b"\n", b"\r\n"), "text-encoding(CRLF line ends)"


XML_ENCODINGS = ["EBCDIC-US", "UTF-32", "UTF-32BE", "UCS-4", "UTF-16", "UTF-16LE", "ISO-8859-1", "latin1", "EUC-JP", "GB2312", "windows-1252",
                 "US-ASCII", "Shift_JIS", "UTF-7", "no-such-encoding", ""]


def m_xml_encoding(rng, data, kind):
    name = rng.choice(XML_ENCODINGS)
    declaration = b'<?xml version="1.0" encoding="%s"?>' % name.encode()
    body = re.sub(rb"\A\s*<\?xml[^>]*\?>", b"", data)
    text = declaration + body
    if name.startswith("UTF-16") and rng.random() < 0.5:
        return text.decode("utf-8", "replace").encode("utf-16"), f"xml-encoding({name}, re-encoded)"
    return text, f"xml-encoding({name!r})"


def _after_root(data):
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->", lambda m: b" " * len(m.group(0)), data, flags=re.S)
    match = re.search(rb"<[A-Za-z_][^>]*>", body)
    return match.end() if match else len(data)


def m_xml_deep(rng, data, kind):
    depth = rng.choice([100, 1000, 40000])
    at = _after_root(data)
    tag = rng.choice([b"objective", b"x"])
    return data[:at] + (b"<%s>" % tag) * depth + (b"</%s>" % tag) * depth + data[at:], f"xml-deep(<{tag.decode()}> ×{depth})"


def m_xml_entities(rng, data, kind):
    choice = rng.choice(["laughs", "external", "parameter", "undefined"])
    body = re.sub(rb"\A\s*<\?xml[^>]*\?>", b"", data)
    root = _xml_root(data) or "utility_space"
    if choice == "laughs":
        entities = b'<!ENTITY l0 "lol">' + b"".join(
            b'<!ENTITY l%d "%s">' % (k, (b"&l%d;" % (k - 1)) * 10) for k in range(1, 10))
        doctype, ref = b"<!DOCTYPE %s [%s]>" % (root.encode(), entities), b"&l9;"
    elif choice == "external":
        doctype, ref = b'<!DOCTYPE %s [<!ENTITY x SYSTEM "file:///etc/passwd">]>' % root.encode(), b"&x;"
    elif choice == "parameter":
        doctype, ref = b'<!DOCTYPE %s [<!ENTITY %% p SYSTEM "http://127.0.0.1:9/x.dtd"> %%p;]>' % root.encode(), b""
    else:
        doctype, ref = b"", b"&nosuch;"
    at = _after_root(body)
    return b'<?xml version="1.0"?>' + doctype + body[:at] + ref + body[at:], f"xml-entities({choice})"


def m_xml_attributes(rng, data, kind):
    attributes = list(re.finditer(rb'\s[\w:-]+="[^"]*"', data))
    if not attributes:
        return data, "xml-attributes(none)"
    match = rng.choice(attributes)
    action = rng.choice(["drop", "duplicate", "empty"])
    if action == "drop":
        new = b""
    elif action == "duplicate":
        new = match.group(0) * 2
    else:
        new = re.sub(rb'"[^"]*"', b'""', match.group(0))
    return data[:match.start()] + new + data[match.end():], f"xml-attributes({action} {match.group(0).strip().decode(errors='replace')})"


def m_xml_dup_element(rng, data, kind):
    elements = list(re.finditer(rb"<(issue|item|weight)\b[^>]*?(/>|>.*?</\1>)", data, flags=re.S))
    if not elements:
        return m_dup_lines(rng, data, kind)
    match = rng.choice(elements)
    times = rng.choice([1, 5, 50])
    return data[:match.end()] + match.group(0) * times + data[match.end():], f"xml-dup-element(<{match.group(1).decode()}> +{times})"


# name → (function, kinds it applies to, weight)
MUTATORS = {
    "flip": (m_flip, "yaml json xml", 3),
    "truncate": (m_truncate, "yaml json xml", 2),
    "dup-lines": (m_dup_lines, "yaml json xml", 2),
    "delete-lines": (m_delete_lines, "yaml json xml", 1),
    "dup-key": (m_dup_key, "yaml json", 2),
    "number-special": (m_number_special, "yaml json xml", 3),
    "number-huge": (m_number_huge, "yaml json xml", 3),
    "unknown-id": (m_unknown_id, "yaml json xml", 2),
    "long-string": (m_long_string, "yaml json xml", 1),
    "nul": (m_nul, "yaml json xml", 1),
    "deep-nest": (m_deep_nest, "yaml json", 1),
    "alias-bomb-value": (m_alias_bomb_value, "yaml", 1),
    "alias-bomb-key": (m_alias_bomb_key, "yaml", 1),
    "yaml-tricks": (m_yaml_tricks, "yaml", 1),
    "text-encoding": (m_text_encoding, "yaml json", 1),
    "xml-encoding": (m_xml_encoding, "xml", 1),
    "xml-deep": (m_xml_deep, "xml", 1),
    "xml-entities": (m_xml_entities, "xml", 1),
    "xml-attributes": (m_xml_attributes, "xml", 2),
    "xml-dup-element": (m_xml_dup_element, "xml", 2),
}


# ---------------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------------

@dataclass
class Case:
    index: int
    seed: Seed
    mutated: int              # which file of the seed was mutated
    data: bytes
    mutations: list


@dataclass
class Run:
    command: str
    argv: list
    outcome: str              # ok, crash, hang, oversize
    status: str               # "exit 65", "SIGSEGV", "timeout"
    seconds: float
    max_rss_kb: int
    stdout_on_failure: bool
    stderr_bytes: int
    stderr_head: str


def make_case(seed_value: int, index: int, corpus: list, mutators: list) -> Case:
    rng = random.Random(f"{seed_value}:{index}")
    kind = rng.choices(["yaml", "json", "xml"], weights=[35, 25, 40])[0]
    candidates = [s for s in corpus if s.kind == kind] or corpus
    seed = rng.choice(candidates)
    mutated = 0 if len(seed.files) == 1 or rng.random() < 0.5 else rng.randrange(1, len(seed.files))
    data = seed.files[mutated][1]
    usable = [(name, MUTATORS[name]) for name in mutators if seed.kind in MUTATORS[name][1].split()]
    names = [name for name, _ in usable]
    weights = [entry[2] for _, entry in usable]
    steps = 1 if rng.random() < 0.7 else rng.randint(2, 3)
    mutations = []
    for _ in range(steps):
        name = rng.choices(names, weights=weights)[0]
        data, description = MUTATORS[name][0](rng, data, seed.kind)
        mutations.append(description)
    return Case(index, seed, mutated, data, mutations)


def commands_for(case: Case, paths: list) -> list:
    if case.seed.kind == "xml":
        return [("solve --genius", ["solve", "--genius", *paths, "--format", "json"])]
    return [(name, [name, paths[0]] + (["--format", "json"] if name != "validate" else []))
            for name in ("validate", "solve", "frontier")]


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def run_one(argv: list, timeout: float, workdir: Path) -> tuple:
    out_path, err_path = workdir / "stdout.bin", workdir / "stderr.bin"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=workdir)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.kill(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
    return process.returncode, timed_out.is_set(), seconds, usage.ru_maxrss, out_path, err_path


def execute(case: Case, accord: str, limit: list, timeout: float) -> list:
    runs = []
    with tempfile.TemporaryDirectory(prefix="accord-fuzz-") as scratch:
        workdir = Path(scratch)
        paths = []
        for k, (name, data) in enumerate(case.seed.files):
            (workdir / name).write_bytes(case.data if k == case.mutated else data)
            paths.append(name)
        for command, arguments in commands_for(case, paths):
            argv = limit + [accord] + arguments
            code, timed_out, seconds, rss, out_path, err_path = run_one(argv, timeout, workdir)
            stderr_bytes = err_path.stat().st_size
            with open(err_path, "rb") as err:
                head = err.read(2000).decode("utf-8", "replace")
            if timed_out:
                outcome, status = "hang", f"timeout after {timeout:g} s"
            elif code < 0:
                status = _signal_name(-code)
                allocation = re.search(r"allocat|out of memory|Cannot allocate", head, re.I)
                outcome = "oversize" if allocation else "crash"
            elif code not in ALLOWED_EXITS:
                outcome, status = "crash", f"exit {code}"
            else:
                outcome, status = "ok", f"exit {code}"
            if outcome in ("ok", "crash") and rss > RESIDENT_LIMIT_KB:
                outcome = "oversize"
            runs.append(Run(command, arguments, outcome, status, seconds, rss,
                            code != 0 and not timed_out and out_path.stat().st_size > 0, stderr_bytes, head))
            if timed_out and command == "validate":
                break  # solve and frontier read the file the same way: they would hang too
    return runs


def save_case(case: Case, runs: list, results: Path, accord: str, limit: list) -> Path:
    folder = results / f"case-{case.index:05d}"
    folder.mkdir(parents=True, exist_ok=True)
    for k, (name, data) in enumerate(case.seed.files):
        (folder / name).write_bytes(case.data if k == case.mutated else data)
    lines = [f"seed file: {case.seed.name} (mutated: {case.seed.files[case.mutated][0]})",
             f"mutations: {' + '.join(case.mutations)}", ""]
    for run in runs:
        lines.append(f"{run.outcome}: {run.status}, {run.seconds:.2f} s, {run.max_rss_kb // 1024} MB resident")
        lines.append("  (cd " + str(folder) + " && " + " ".join(limit + [accord] + run.argv) + ")")
        lines.append("  stderr: " + run.stderr_head[:600].replace("\n", "\n          "))
    (folder / "case.txt").write_text("\n".join(lines) + "\n")
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="seed of the whole run (default 1)")
    parser.add_argument("--count", type=int, default=2000, help="mutated inputs (default 2000)")
    parser.add_argument("--accord", default=str(REPO / ".build" / "release" / "accord"), help="the executable")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="inputs run in parallel")
    parser.add_argument("--timeout", type=float, default=20, help="seconds per run (default 20)")
    parser.add_argument("--memory", type=int, default=4_000_000_000, help="address-space cap in bytes")
    parser.add_argument("--corpus", choices=["all", "repo"], default="all",
                        help="'repo': only the repository's files (deterministic without ../shared)")
    parser.add_argument("--anac", default=str(REPO.parent / "shared" / "anac"), help="ANAC folder")
    parser.add_argument("--exclude", default="", help="mutators left out, comma-separated")
    parser.add_argument("--only", type=int, action="append", help="run only this case index (repeatable)")
    parser.add_argument("--results", default=str(REPO / "Benchmarks" / "fuzz" / "results"))
    parser.add_argument("--list-mutators", action="store_true")
    args = parser.parse_args()

    if args.list_mutators:
        for name, (_, kinds, weight) in MUTATORS.items():
            print(f"{name:18} {kinds:14} weight {weight}")
        return 0
    excluded = {name for name in args.exclude.split(",") if name}
    unknown = excluded - MUTATORS.keys()
    if unknown:
        print(f"error: unknown mutators: {', '.join(sorted(unknown))} (see --list-mutators)", file=sys.stderr)
        return 2
    if not os.access(args.accord, os.X_OK):
        print(f"error: no executable at {args.accord} (build it: swift build -c release)", file=sys.stderr)
        return 2
    accord = os.path.abspath(args.accord)
    prlimit = shutil.which("prlimit")
    limit = [prlimit, f"--as={args.memory}"] if prlimit else []

    notes: list = []
    if not prlimit:
        notes.append("prlimit not found: runs are not memory-capped")
    corpus = build_corpus(accord, args.corpus, Path(args.anac), notes)
    mutators = [name for name in MUTATORS if name not in excluded]
    counts = {kind: sum(1 for s in corpus if s.kind == kind) for kind in ("yaml", "json", "xml")}
    print(f"accord fuzz: seed {args.seed}, {args.count} inputs, {args.jobs} jobs, timeout {args.timeout:g} s, "
          f"cap {args.memory:,} bytes; corpus {counts['yaml']} YAML, {counts['json']} JSON, {counts['xml']} GENIUS sets")
    if excluded:
        print(f"excluded mutators: {', '.join(sorted(excluded))}")
    for note in notes:
        print(f"note: {note}")
    sys.stdout.flush()

    results = Path(args.results) / f"seed-{args.seed}"
    if results.exists():
        shutil.rmtree(results)
    indices = args.only or list(range(args.count))
    start = time.monotonic()
    tally: dict = {}
    classes: dict = {}
    failing = 0
    stdout_cases, chatty_cases = [], []
    slowest: list = []
    max_rss = 0
    done = 0

    def work(index):
        case = make_case(args.seed, index, corpus, mutators)
        return case, execute(case, accord, limit, args.timeout)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for case, runs in pool.map(work, indices):
            done += 1
            bad = [r for r in runs if r.outcome != "ok"]
            for run in runs:
                key = (case.seed.kind, run.command)
                tally.setdefault(key, {}).setdefault(run.outcome if run.outcome != "ok" else run.status, 0)
                tally[key][run.outcome if run.outcome != "ok" else run.status] += 1
                slowest.append((run.seconds, case.index, run.command))
                max_rss = max(max_rss, run.max_rss_kb)
                if run.stdout_on_failure:
                    stdout_cases.append((case.index, run.command))
                if run.stderr_bytes > CHATTY_BYTES:
                    chatty_cases.append((case.index, run.command, run.stderr_bytes))
            if bad or any(r.stdout_on_failure or r.stderr_bytes > CHATTY_BYTES for r in runs):
                folder = save_case(case, runs, results, accord, limit)
            for run in bad:
                failing += 1
                first_line = run.stderr_head.strip().splitlines()[-1:] or [""]
                classes.setdefault((run.outcome, run.command, run.status), []).append(case.index)
                print(f"case {case.index} {run.outcome.upper()} ({run.status}, {run.seconds:.1f} s, "
                      f"{run.max_rss_kb // 1024} MB) {run.command} on {case.seed.name} "
                      f"[{' + '.join(case.mutations)}]\n"
                      f"  input: {folder}/{case.seed.files[case.mutated][0]}\n"
                      f"  replay: (cd {folder} && {' '.join(limit + [accord] + run.argv)})\n"
                      f"  stderr: {first_line[0][:300]}")
                sys.stdout.flush()
            if done % 250 == 0:
                print(f"... {done}/{len(indices)} inputs, {time.monotonic() - start:.0f} s", flush=True)

    elapsed = time.monotonic() - start
    print(f"\nsummary: {len(indices)} inputs, {sum(sum(v.values()) for v in tally.values())} runs in {elapsed:.0f} s; "
          f"largest resident size {max_rss // 1024} MB")
    for (kind, command), outcomes in sorted(tally.items()):
        print(f"  {kind:4} {command:15} " + ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items())))
    slowest.sort(reverse=True)
    print("  slowest: " + ", ".join(f"case {i} {c} {s:.1f} s" for s, i, c in slowest[:5]))
    if stdout_cases:
        print(f"  stdout on failure: {len(stdout_cases)} runs, e.g. case " + ", ".join(f"{i} {c}" for i, c in stdout_cases[:5]))
    if chatty_cases:
        print(f"  stderr over {CHATTY_BYTES // 1024} KiB: {len(chatty_cases)} runs, e.g. case "
              + ", ".join(f"{i} {c} ({b:,} bytes)" for i, c, b in chatty_cases[:5]))
    if classes:
        print(f"FAILED: {failing} runs crashed, hung or went over the memory bound; saved under {results}")
        for (outcome, command, status), cases in sorted(classes.items()):
            print(f"  {outcome} {command} ({status}): {len(cases)} runs, cases {', '.join(map(str, cases[:12]))}"
                  + (" ..." if len(cases) > 12 else ""))
        return 1
    print("no crash, no hang, no run over the memory bound")
    return 0


if __name__ == "__main__":
    sys.exit(main())
