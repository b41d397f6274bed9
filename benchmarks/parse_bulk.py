"""Benchmark: parse every cable of the bulk archive with the reader, on one core.

    python benchmarks/parse_bulk.py [../shared/bulk/cables.tar.xz]

Reports wall time and cables per second for the reader, beside the time to merely decode the same
files (the floor), measured in the same run.
"""

import sys
import tarfile
import tempfile
import time
from pathlib import Path

from cablefacts.cable import CableFileError, read_cable_file, read_text

archive = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bulk/cables.tar.xz")
with tempfile.TemporaryDirectory() as tmp:
    with tarfile.open(archive) as tar:
        tar.extractall(tmp, filter="data")
    files = sorted((Path(tmp) / "cables").iterdir())
    t0 = time.perf_counter()
    for f in files:
        read_text(f)
    decode = time.perf_counter() - t0
    t0 = time.perf_counter()
    failed = 0
    for f in files:
        try:
            read_cable_file(f)
        except CableFileError:
            failed += 1
    parse = time.perf_counter() - t0
print(f"{len(files)} cables: decode only {decode:.1f}s; decode + parse {parse:.1f}s "
      f"({len(files) / parse:.0f} cables/s, {parse / decode:.1f}x the decode floor); {failed} unreadable")
