# The two commands of the README:
#   make run    installs what the dashboard needs (Python packages; Chromium and CJK fonts
#               for the PDF bulletin), creates the demo database if there is none, and
#               starts the dashboard on http://localhost:8501
#   make test   installs what the tests need (Python packages, and Debian's Chromium and
#               CJK fonts for the browser tests) and runs every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: run test install install-test system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt

run: install system-packages
	$(BIN)/python -m spending init --demo
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --browser.gatherUsageStats false

install-test: $(BIN)/python system-packages
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt

# Debian's Chromium (the PDF bulletin and the browser tests; never `playwright install`: it
# downloads a browser), CJK fonts, and poppler-utils (the tests read the PDF back).
system-packages:
	@if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null || ! command -v openssl >/dev/null || ! { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null \
			|| ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk poppler-utils nginx openssl >/dev/null; \
	fi

test: install-test
	$(BIN)/python -m pytest
