"""Shared fixtures: where the project and the shared cables are."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "corpus" / "seed"
EXTRA = SHARED / "cables" / "extra"
BULK_ARCHIVE = SHARED / "bulk" / "cables.tar.xz"
LIGHT = ROOT / ".setup-light"  # written by `scripts/setup --light`


def require(present: bool, what: str) -> None:
    """Go on if an optional part is installed; else skip after a light set-up, and fail after a full one."""
    if present:
        return
    if LIGHT.exists():
        pytest.skip(f"{what} not installed: light set-up (scripts/setup --light)")
    pytest.fail(f"{what} not installed: run scripts/setup (without --light)")


def raw(name: str) -> str:
    """Raw text of a seed or mirrored cable, read at run time."""
    for folder in (SEED, EXTRA):
        p = folder / f"{name}.txt"
        if p.exists():
            return p.read_text(encoding="utf-8")
    pytest.fail(f"{name}: not found in {SEED} or {EXTRA} (is ../shared beside the project?)")


@pytest.fixture(scope="session")
def bulk_dir(tmp_path_factory) -> Path:
    """The bulk archive unpacked once per test session into a temporary folder."""
    import tarfile

    if not BULK_ARCHIVE.exists():
        pytest.fail(f"{BULK_ARCHIVE} is missing: the tests need ../shared beside the project")
    out = tmp_path_factory.mktemp("bulk")
    with tarfile.open(BULK_ARCHIVE) as tar:
        tar.extractall(out, filter="data")
    return out / "cables"
