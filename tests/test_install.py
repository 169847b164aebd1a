"""What users install is what the tests run (issue 18): the hashed locks agree with
requirements*.txt, the runtime environment holds exactly requirements.lock (no test package in
it), and the `spending` command works from any folder."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import ROOT
from runtime import RUNTIME_PYTHON

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", re.M)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(text: str) -> dict[str, str]:
    return {canonical(name): version for name, version in PIN.findall(text)}


def requirements(name: str) -> dict[str, str]:
    """The pins a requirements file asks for itself (not those of a file it includes with -r)."""
    lines = [line.split("#", 1)[0].strip() for line in (ROOT / name).read_text(encoding="utf-8").splitlines()]
    asked = [line for line in lines if line and not line.startswith("-r ")]
    unpinned = [line for line in asked if "==" not in line]
    assert not unpinned, f"{name}: every requirement is pinned with ==: {unpinned}"
    return pins("\n".join(asked))


def locked_for(lock: str, source: str) -> dict[str, str]:
    """The lock's entries that are there because `source` asks for them (uv writes `via -r source`)."""
    text = (ROOT / lock).read_text(encoding="utf-8")
    found = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = PIN.match(entry)
        if match and re.search(rf"#\s+(via\s+)?-r {re.escape(source)}\b", entry):
            found[canonical(match.group(1))] = match.group(2)
    return found


@pytest.mark.parametrize("lock, source", [("requirements.lock", "requirements.txt"),
                                          ("requirements-test.lock", "requirements.txt"),
                                          ("requirements-test.lock", "requirements-test.txt")])
def test_each_lock_holds_exactly_what_its_requirements_ask_for(lock, source):
    assert locked_for(lock, source) == requirements(source), f"`make lock` after changing {source}"


def test_every_locked_package_is_hashed_and_the_runtime_lock_is_part_of_the_test_lock():
    runtime, test = ((ROOT / name).read_text(encoding="utf-8") for name in ("requirements.lock", "requirements-test.lock"))
    for text in (runtime, test):
        entries = [e for e in re.split(r"\n(?=[A-Za-z0-9])", text) if PIN.match(e)]
        assert entries and all("--hash=sha256:" in e for e in entries)
    assert pins(runtime).items() <= pins(test).items()     # the tests run the versions users get
    assert {"httpx", "authlib", "chinese-calendar", "streamlit", "duckdb"} <= pins(runtime).keys()
    assert not {"pytest", "playwright", "oidc-provider-mock"} & pins(runtime).keys()


def test_make_installs_from_the_locks_with_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in makefile
    assert "--require-hashes -r requirements-test.lock" in makefile
    assert "SPENDING_RUNTIME_PYTHON=$(CURDIR)/$(VENV)/bin/python" in makefile


def test_the_runtime_environment_holds_the_lock_and_nothing_else():
    """The server and the command line of the tests run here: a package only a test dependency
    brings in (httpx through the test login provider, once) is not installed in it."""
    frozen = subprocess.run([str(RUNTIME_PYTHON), "-m", "pip", "freeze", "--exclude-editable"],
                            capture_output=True, text=True, check=True).stdout
    locked = pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    assert pins(frozen) == locked
    for module in ("pytest", "playwright", "oidc_provider_mock"):
        probe = subprocess.run([str(RUNTIME_PYTHON), "-c", f"import {module}"], capture_output=True, text=True)
        assert probe.returncode != 0, f"{module} is in the runtime environment"
    # what st.login needs at run time: Authlib's Starlette client (it imports httpx)
    subprocess.run([str(RUNTIME_PYTHON), "-c", "import authlib.integrations.starlette_client"], check=True,
                   capture_output=True)


def test_the_spending_command_works_from_any_folder(tmp_path):
    """pyproject.toml's console script: data/ and queries/ are found beside the package."""
    spending = RUNTIME_PYTHON.parent / "spending"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    db = tmp_path / "anywhere.duckdb"
    made = subprocess.run([str(spending), "--db", str(db), "init"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    status = subprocess.run([str(spending), "--db", str(db), "status", "--as-of", "2021-08", "--format", "csv"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert status.returncode == 0, status.stderr
    lines = status.stdout.splitlines()
    assert len(lines) == 8 and "106-0501-YBN-476T" in status.stdout      # the source document's 7 projects
    assert not (tmp_path / "data").exists()
