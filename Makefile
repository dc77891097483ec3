# Two commands do all the set-up: `make demo` and `make test`. Both create .venv when missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/sagwan demo

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)

test: lint
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) sagwan.db sagwan.db-wal sagwan.db-shm report.html
