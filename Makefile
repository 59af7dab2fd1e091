# Two commands do all the set-up: `make run` and `make test`. Both create .venv and install on first use.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
TORCH_VERSION := $(shell sed -n 's/.*"torch==\([0-9.]*\)".*/\1/p' pyproject.toml)
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install python-check venv-check run test test-postgres lint typecheck unit bench soak train clean

# Python 3.11 only (pyproject.toml's requires-python). With another, pip refused the project only after the
# torch download into a new .venv, and every later `make run` reused that .venv and failed the same way.
PY_IS_311 := -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'
python-check:
	@if [ -e $(BIN)/python ]; then \
	  $(BIN)/python $(PY_IS_311) 2>/dev/null || { echo "make: $(VENV) holds $$($(BIN)/python -V 2>&1), not Python 3.11:" \
	    "remove it (rm -rf $(VENV); var/ keeps the index and the answers) and run make again" >&2; exit 1; }; \
	elif [ -z "$(PY)" ]; then \
	  echo "make: dispute-bot needs Python 3.11, and there is no python3.11 or python3 on PATH:" \
	    "install it, or name it: make PY=/path/to/python3.11" >&2; exit 1; \
	else \
	  $(PY) $(PY_IS_311) 2>/dev/null || { echo "make: dispute-bot needs Python 3.11, $(PY) is $$($(PY) -V 2>&1 | head -n 1):" \
	    "install python3.11, or name it: make PY=/path/to/python3.11" >&2; exit 1; }; \
	fi

$(STAMP): pyproject.toml | python-check
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The CPU build of torch first (from PyPI, `torch` is the multi-GB CUDA build): this machine's own wheels
	# when it has them, else PyTorch's CPU index. 2.13.0+cpu then satisfies the pin in pyproject.toml.
	$(BIN)/python -m pip install --quiet --no-deps --no-index 'torch==$(TORCH_VERSION)' 2>/dev/null \
	  || $(BIN)/python -m pip install --quiet --no-deps --index-url $(TORCH_INDEX) 'torch==$(TORCH_VERSION)'
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# A .venv that no longer starts: the checkout was moved (its scripts name the old path) or the Python that made it
# was removed or upgraded. make said only ".venv/bin/dispute-bot: No such file or directory", of a file that is there.
venv-check: install
	@$(BIN)/dispute-bot --version >/dev/null 2>&1 || { \
	  interpreter=$$(head -n 1 $(BIN)/dispute-bot 2>/dev/null | sed 's/^#! *//'); \
	  if [ -x "$$interpreter" ]; then why="it says: $$($(BIN)/dispute-bot --version 2>&1 | tail -n 1)"; \
	  else why="its Python, $$interpreter, is gone (the checkout moved, or the Python that made $(VENV) was removed)"; fi; \
	  echo "make: $(BIN)/dispute-bot does not start: $$why. Remove $(VENV) (rm -rf $(VENV); var/ keeps the index" \
	    "and the answers) and run make again" >&2; exit 1; }

run: venv-check
	$(BIN)/dispute-bot run

lint: install
	$(BIN)/ruff check bot retrieval index tests bench training

typecheck: install
	$(BIN)/mypy

# The PostgreSQL URL is set only by test-postgres: a stray one in the caller's shell must not reach `make test`.
unit: install
	env -u DISPUTE_BOT_TEST_POSTGRES_URL $(BIN)/pytest -q

test: lint typecheck unit

# The shared-state tests again on a throwaway PostgreSQL (Debian's `postgresql` package), with two Slack
# replicas on one database; the server is stopped and its folder deleted afterwards (tests/pg_cluster.py).
PG_TESTS := tests/bot/test_shared_state.py tests/bot/test_build_lock.py tests/bot/test_store.py tests/bot/test_change_store.py tests/bot/test_leases.py tests/bot/slack/test_oauth.py \
	tests/bot/slack/test_replicas.py tests/bot/slack/test_database_restart.py tests/bot/test_shared_state_outage.py \
	tests/bot/slack/test_database_outage_writes.py
test-postgres: install
	$(BIN)/python -m tests.pg_cluster -- $(BIN)/pytest -q -rs $(PG_TESTS)

# Refit the answer model (retrieval/answer_model.json) and print its held-out figures.
# The paraphrases at 0.15 of an original's weight: held out 301 against 287 of 506 without them (2026-12-07).
train: install
	$(BIN)/python -m training.fit --paraphrases --paraphrase-weight 0.15

# `make bench BENCH_ARGS=--quick` for a shorter run.
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

# Minutes of mixed Discord and Slack traffic against a real bot process: `make soak SOAK_ARGS="--minutes 3"`.
soak: install
	$(BIN)/python -m bench.soak $(SOAK_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
