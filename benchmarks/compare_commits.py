"""Benchmark: `cablefacts extract` of this tree against an earlier commit, over the same folder of cables.

    python benchmarks/compare_commits.py REV FOLDER [--rounds N]

The earlier commit is checked out into a temporary worktree; the two run in turn (old, new, old, new ...)
as subprocesses on one process each, so both see the same load. Prints each run's seconds and the speed
ratio new / old of the summed times: a ratio near 1 carries the last full benchmark's figures
(`benchmarks/RESULTS.md`) over to this tree.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def extract_seconds(src: Path, folder: Path, db: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cablefacts", "extract", str(folder), "--db", str(db)], env=env,
                   check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rev")
    ap.add_argument("folder", type=Path)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(old), args.rev], check=True)
        try:
            times: dict[str, list[float]] = {"old": [], "new": []}
            for k in range(args.rounds):
                for name, src in (("old", old / "src"), ("new", ROOT / "src")):
                    times[name].append(extract_seconds(src, args.folder, Path(tmp) / f"{name}.sqlite"))
                    print(f"round {k + 1} {name} ({args.rev if name == 'old' else 'this tree'}): "
                          f"{times[name][-1]:.1f} s", flush=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)
    print(f"{args.folder}: speed of this tree / {args.rev} = {sum(times['old']) / sum(times['new']):.2f}x")


if __name__ == "__main__":
    main()
