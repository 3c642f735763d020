# One command to set up and run the demo (`make demo`), one to set up and pass the tests (`make test`).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
SEEDS  ?= ../shared/seeds
OUT    ?= out/seeds

.PHONY: setup demo test browser eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/storytrace brief $(SEEDS) --out $(OUT)

# Debian's chromium for the web app's browser tests (never a browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: setup browser
	$(BIN)/python -m pytest -q -ra

eval: setup
	$(BIN)/storytrace eval all

bench: setup
	$(BIN)/python benchmarks/lsh_candidates.py

clean:
	rm -rf $(VENV) out .pytest_cache
