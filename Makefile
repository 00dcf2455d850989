# Quick start: `make demo` (set up + run the bundled gazette) and `make test` (set up + run the tests).
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
PDF     ?= corpus/lcszfgb-2019-11.pdf
OUT     ?= outputs

.PHONY: demo test setup sysdeps bench clean

$(BIN)/bulletin: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $@

setup: $(BIN)/bulletin

# system packages: tesseract (OCR) and chromium (edition browser tests); apt-get when we are root
sysdeps:
	@bash scripts/install-system-deps.sh

demo: setup sysdeps
	$(BIN)/bulletin run $(PDF) -o $(OUT)

test: setup sysdeps
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/speed.py

clean:
	rm -rf $(OUT)/*/ $(OUT)/kb.sqlite* $(OUT)/metadata.json .pytest_cache
