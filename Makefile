# Two commands from a fresh clone: `make serve` and `make test`. Each bootstraps .venv first,
# from the lock: every machine runs the exact versions the tests and golden files were made with.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
LOCK   := requirements/lock.txt
# The resolver that writes the lock; used by `make lock` only.
UV_VERSION := 0.13.9
# MkDocs prints a banner about its future; it is not a warning about this site.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test test-latest lock check bench bench-pathological clean screenshots

define need_python
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.x")'
endef

# A new lock means a new environment: nothing from an earlier one lingers.
# The package's modules are compiled once here, as pip compiles what it installs: where Python writes
# no bytecode itself (PYTHONDONTWRITEBYTECODE, common in containers), every build would compile them again.
$(STAMP): $(LOCK) pyproject.toml
	$(need_python)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q generator
	$(BIN)/python -m pip check
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

## The suite against the newest versions pyproject.toml allows, in .venv-latest (not run by CI):
## run it on purpose to find an upstream change, then `make lock` to adopt it.
test-latest:
	$(need_python)
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade pip setuptools
	.venv-latest/bin/python -m pip install --quiet --upgrade -e '.[test]'
	.venv-latest/bin/python -m pip freeze --exclude-editable
	BRIEFINGS_UNLOCKED=1 .venv-latest/bin/python -m pytest $(PYTEST_ARGS)

## Re-resolve requirements/lock.txt to the newest versions pyproject.toml allows, with hashes,
## for every platform and Python >= 3.11. Review the diff, then `make test`.
lock:
	$(need_python)
	$(PYTHON) -m venv .venv-tools
	.venv-tools/bin/python -m pip install --quiet uv==$(UV_VERSION)
	.venv-tools/bin/uv pip compile pyproject.toml requirements/build.in --extra test \
		--universal --python-version 3.11 --generate-hashes --upgrade \
		--custom-compile-command "make lock" --annotation-style line --quiet --output-file $(LOCK)

## PNGs of the seed site for the README (a summit page, on a desktop and a phone, and the timeline) into
## screenshots/, with the headless Chromium the browser tests use (/usr/bin/chromium).
screenshots: $(STAMP)
	$(BIN)/python tests/screenshots.py screenshots

clean:
	rm -rf site site.tmp site.old .pytest_cache .hypothesis .venv-tools .venv-latest

## Benchmark on synthetic corpora (N=100,1000 by default; e.g. `make bench N=100,1000,5000`).
bench: $(STAMP)
	$(BIN)/python -m bench $(if $(N),--n $(N))

## Pathological inputs: the worst shapes known, each at two sizes; fails when a cost grows faster
## than its input or passes 30 s or 1 GB (a few minutes; `SCALE=0.1` for a quick run).
bench-pathological: $(STAMP)
	$(BIN)/python -m bench --pathological $(if $(SCALE),--scale $(SCALE))
