# The two commands of the README:
#   make run    installs what the dashboard needs (Python packages from requirements.lock; Chromium
#               and CJK fonts for the PDF bulletin), creates the demo database if there is none,
#               and starts the dashboard on http://localhost:8501
#   make test   installs what the tests need (requirements-test.lock, and Debian's Chromium, CJK
#               fonts and nginx for the browser and proxy tests) and runs every test
#   make test-fast  the same without the browser tests (the edit loop)
# Two environments: .venv is what users install (requirements.lock alone, the dashboard's and the
# command line's), .venv-test adds the test tools. The tests start the server and the command
# line from .venv, so a runtime dependency can never hide behind a test dependency.
PYTHON    ?= python3
VENV      := .venv
TEST_VENV := .venv-test
PORT      ?= 8501
PIP       := pip install --quiet --disable-pip-version-check

.PHONY: run test test-fast lint install install-test system-packages test-system-packages lock

# An environment is built anew whenever its lock changes, so it never keeps a package the lock
# no longer has; the project itself is installed editable (the `spending` command).
$(VENV)/installed: requirements.lock pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/$(PIP) --require-hashes -r requirements.lock
	$(VENV)/bin/$(PIP) --no-deps -e .
	cp requirements.lock $@

$(TEST_VENV)/installed: requirements-test.lock pyproject.toml
	rm -rf $(TEST_VENV)
	$(PYTHON) -m venv $(TEST_VENV)
	$(TEST_VENV)/bin/$(PIP) --require-hashes -r requirements-test.lock
	$(TEST_VENV)/bin/$(PIP) --no-deps -e .
	cp requirements-test.lock $@

install: $(VENV)/installed

install-test: $(TEST_VENV)/installed install test-system-packages

run: install system-packages
	$(VENV)/bin/spending init --demo
	$(VENV)/bin/streamlit run dashboard.py --server.port $(PORT) --browser.gatherUsageStats false

# Debian's packages that are not installed yet (never `playwright install`: it downloads a browser).
define debian
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

# The dashboard's: Chromium and CJK fonts draw the PDF bulletin; lsof tells deploy/import.sh a file is still
# being written.
system-packages:
	$(call debian,chromium fonts-noto-cjk lsof)

# The tests' on top: poppler-utils reads the PDFs back; nginx and openssl run the proxy test
# (deploy/nginx-spending.conf in front of the server, with a throw-away certificate); strace lists the system
# calls deploy/'s scripts make (within their units' SystemCallFilter=).
test-system-packages: system-packages
	$(call debian,poppler-utils nginx openssl strace)

# The gates (issue 38.4), configured in pyproject.toml: ruff (its rule set and why) over the code, the tests and the
# benchmarks, then mypy over spending/, pages/ and dashboard.py against .venv's packages. `make test` and
# `make test-fast` run them before pytest, so a finding fails fast.
lint: $(TEST_VENV)/installed $(VENV)/installed
	$(TEST_VENV)/bin/ruff check
	$(TEST_VENV)/bin/mypy

test: install-test lint
	SPENDING_RUNTIME_PYTHON=$(CURDIR)/$(VENV)/bin/python $(TEST_VENV)/bin/python -m pytest

# The edit loop: every test but the browser tests (marked `browser` in pytest.ini: Chromium against the real
# server, and the server started for them); `make test` runs them all.
test-fast: install-test lint
	SPENDING_RUNTIME_PYTHON=$(CURDIR)/$(VENV)/bin/python $(TEST_VENV)/bin/python -m pytest -m "not browser"

# After changing requirements*.txt: the hashed locks anew (needs uv: `pip install uv`).
lock:
	uv pip compile --quiet --generate-hashes --universal --python-version 3.11 requirements.txt -o requirements.lock
	uv pip compile --quiet --generate-hashes --universal --python-version 3.11 requirements-test.txt -o requirements-test.lock
