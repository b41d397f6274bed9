"""The set-up's Chromium step (`scripts/install-chromium`), with `apt-get`, `sudo` and `id` replaced by
scripts that record their calls: present, installed by apt-get as root or through sudo, and failing."""

import os
import subprocess

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "install-chromium"
BROWSER = '#!/bin/sh\necho "Chromium 131.0 built on Debian"\n'


def _fake(folder, name, body):
    path = folder / name
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path):
    """A PATH whose apt-get logs its arguments and, on `install chromium`, puts a browser in place."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    browser = tmp_path / "usr-bin" / "chromium"
    log = tmp_path / "calls.log"
    _fake(bin_, "apt-get", f'echo "apt-get $*" >> {log}\n'
                           f'if [ "$1" = install ]; then mkdir -p {browser.parent}; printf \'{BROWSER}\' > {browser};'
                           f' chmod +x {browser}; fi\n')
    env = {**os.environ, "PATH": f"{bin_}:{os.environ['PATH']}", "CABLEFACTS_CHROMIUM": str(browser)}
    return bin_, browser, log, env


def _run(env):
    return subprocess.run([str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)


def test_a_missing_browser_is_installed_with_apt_get(machine):
    bin_, browser, log, env = machine
    _fake(bin_, "id", 'echo 0\n')  # root
    run = _run(env)
    assert run.returncode == 0, run.stderr
    assert log.read_text().splitlines() == ["apt-get update -qq", "apt-get install -y -qq chromium"]
    assert "setup: chromium: Chromium 131.0 built on Debian" in run.stdout


def test_a_user_installs_through_sudo(machine):
    bin_, browser, log, env = machine
    _fake(bin_, "id", 'echo 1000\n')
    _fake(bin_, "sudo", f'echo "sudo $1" >> {log}\nexec "$@"\n')
    run = _run(env)
    assert run.returncode == 0, run.stderr
    assert log.read_text().splitlines() == ["sudo apt-get", "apt-get update -qq", "sudo apt-get",
                                            "apt-get install -y -qq chromium"]


def test_a_present_browser_is_left_alone(machine):
    bin_, browser, log, env = machine
    browser.parent.mkdir()
    browser.write_text(BROWSER)
    browser.chmod(0o755)
    run = _run(env)
    assert run.returncode == 0 and not log.exists()
    assert "setup: chromium: Chromium 131.0" in run.stdout


def test_an_install_that_fails_says_what_to_do(machine):
    bin_, browser, log, env = machine
    _fake(bin_, "id", 'echo 0\n')
    _fake(bin_, "apt-get", 'echo "E: Unable to locate package chromium" >&2\nexit 100\n')
    run = _run(env)
    assert run.returncode == 1 and not browser.exists()
    assert "apt-get could not install chromium; install it (apt-get install chromium) or use scripts/setup --light" \
        in run.stderr
