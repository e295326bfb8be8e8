# Two commands from a fresh clone: `make serve` and `make test`. Each bootstraps .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# MkDocs prints a banner about its future; it is not a warning about this site.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test check bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

## Live preview on http://127.0.0.1:8000 — rebuilds when briefings/, content/ or docs/ change.
serve: $(STAMP)
	$(BIN)/mkdocs serve

## Strict build into site/. Built into a temporary folder first: a failed build leaves the previous site/ as it was.
## (strict: true lives in mkdocs.yml; no -q/-v here, they would let warnings pass.)
site: $(STAMP)
	@rm -rf site.tmp
	$(BIN)/mkdocs build --site-dir site.tmp
	@rm -rf site.old; if [ -d site ]; then mv site site.old; fi; mv site.tmp site; rm -rf site.old
	@echo "site/ is ready"

## Validate briefings and registries without building (add ARGS='--sources ../shared/seeds').
check: $(STAMP)
	$(BIN)/briefings check $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf site site.tmp site.old .pytest_cache .hypothesis

## Benchmark on synthetic corpora (N=100,1000 by default; e.g. `make bench N=100,1000,5000`).
bench: $(STAMP)
	$(BIN)/python -m bench $(if $(N),--n $(N))
