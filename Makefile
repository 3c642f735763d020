# One command to set up and run the demo (`make demo`), one to set up and pass the tests (`make test`).
# Each step says what it does and about how long it takes (measured on a 2-core machine).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
SEEDS  ?= ../shared/seeds
OUT    ?= out/seeds

.PHONY: setup demo test browser eval bench clean

$(STAMP): pyproject.toml
	@echo "storytrace: creating $(VENV) and installing the pinned packages (torch, spaCy, models...)."
	@echo "            The first time this takes 1-3 minutes and prints little; later runs skip it."
	@start=$$(date +%s); \
	$(PYTHON) -m venv $(VENV) && \
	$(BIN)/pip install -q --upgrade pip && \
	$(BIN)/pip install -q -e '.[test]' && \
	echo "storytrace: packages installed in $$(( $$(date +%s) - start )) s."
	@touch $(STAMP)

setup: $(STAMP)

demo: setup
	@echo "storytrace: writing the brief of the seed story to $(OUT)/ (about 10-25 s: loading the models is most of it)."
	@start=$$(date +%s); \
	$(BIN)/storytrace brief $(SEEDS) --out $(OUT) && \
	echo "storytrace: the demo took $$(( $$(date +%s) - start )) s; open $(OUT)/report.html in a browser."

# Debian's chromium for the web app's browser tests (never a browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "storytrace: installing Debian's chromium for the browser tests (about 2 minutes, once)."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null && \
	  echo "storytrace: chromium installed."; }

test: setup browser
	@echo "storytrace: running the test suite (about 5-10 minutes on 2 cores; pytest's last line gives the time)."
	$(BIN)/python -m pytest -q -ra

eval: setup
	$(BIN)/storytrace eval all

bench: setup
	$(BIN)/python benchmarks/lsh_candidates.py

clean:
	rm -rf $(VENV) out .pytest_cache
