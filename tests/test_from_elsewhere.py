"""`cablefacts train` and `cablefacts evaluate` run from a folder outside the project: every project
path (data, configs, splits) is found through the project, and only the paths given are the user's."""

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # trains a pipeline (a few steps)


def cablefacts(*args: str, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("CABLEFACTS_HOME", None)
    return subprocess.run([sys.executable, "-m", "cablefacts", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)


def test_train_and_evaluate_from_another_folder(tmp_path):
    config = (ROOT / "configs" / "default.cfg").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^max_steps = .*$", "max_steps = 2", config)
    config = re.sub(r"(?m)^eval_frequency = .*$", "eval_frequency = 2", config)
    (tmp_path / "short.cfg").write_text(config, encoding="utf-8")

    trained = cablefacts("train", "--config", "short.cfg", "--output", "run", "--no-install", cwd=tmp_path)
    assert trained.returncode == 0, trained.stderr[-2000:]
    assert "Traceback" not in trained.stderr
    best = tmp_path / "run" / "model-best"
    meta = json.loads((best / "meta.json").read_text())
    splits = json.loads((ROOT / "annotations" / "splits.json").read_text())
    assert meta["cablefacts"]["trained_on"] == splits["train"]  # the project's splits, read from elsewhere

    evaluated = cablefacts("evaluate", "run/model-best", "--split", "dev", "-o", "scores", cwd=tmp_path)
    assert evaluated.returncode == 0, evaluated.stderr[-2000:]
    scores = json.loads((tmp_path / "scores" / "evaluate-dev.json").read_text())
    assert set(scores) == {"model", "rules"} and 0 < scores["rules"]["ents_f"] <= 1
