"""A store extracted from real near-duplicate cables: the San José annual reports 08SANJOSE911,
09SANJOSE127 and 09SANJOSE128 (one near-duplicate group of the manifest) and 08SANJOSE855, which gives
Costa Rica's 2008 victims another count."""

import shutil
import subprocess
import sys

import pytest

from cablefacts.corpus import cable_path
from tests.conftest import ROOT

NEAR_DUPLICATES = ("08SANJOSE911", "09SANJOSE127", "09SANJOSE128")
OTHER = "08SANJOSE855"


def cli(*args: str) -> subprocess.CompletedProcess:
    run = subprocess.run([sys.executable, "-m", "cablefacts", *args], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return run


@pytest.fixture(scope="session")
def sanjose_store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sanjose")
    (tmp / "cables").mkdir()
    for cid in (*NEAR_DUPLICATES, OTHER):
        shutil.copy(cable_path(cid), tmp / "cables" / f"{cid}.txt")
    db = tmp / "facts.sqlite"
    cli("extract", str(tmp / "cables"), "--db", str(db))
    cli("consolidate", "--db", str(db))
    return db
