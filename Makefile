# Set-up is part of every target: the first run creates .venv/ and installs the
# pinned dependencies (pyproject.toml); later runs start in seconds.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
export PATH := $(abspath $(VENV))/bin:$(PATH)
STAMP  := $(VENV)/.installed-stamp
ASSIGNMENTS := $(notdir $(wildcard source/*))

.PHONY: demo test verify unit generate clean bench bench-feedback

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	@touch $(STAMP)

demo: $(STAMP)  ## grade the bundled sample class through nbgrader's gradebook
	$(PY) -m autograder demo

test: $(STAMP)  ## the full suite: verify every assignment, then the platform's own tests
	$(PY) -m autograder verify
	$(PY) -m pytest tests -q

verify: $(STAMP)
	$(PY) -m autograder verify

unit: $(STAMP)  ## the fast tier (under 2 minutes): every test not marked slow (pyproject.toml lists the markers)
	$(PY) -m pytest tests -q -m "not slow"

generate: $(STAMP)  ## regenerate assignments/ and solutions/ from source/ with nbgrader
	@for a in $(ASSIGNMENTS); do \
	  $(VENV)/bin/nbgrader generate_assignment $$a --force --log-level=WARN && \
	  $(VENV)/bin/nbgrader generate_solution $$a --force --log-level=WARN || exit 1; \
	done

clean:
	rm -rf autograded feedback gradebook.db demo-course

bench: $(STAMP)  ## grading speed and memory against stock nbgrader autograde (not part of make test); quick: make bench BENCH_ARGS="--size 6 --repeat 1"
	$(PY) bench/grading.py $(BENCH_ARGS)

bench-feedback: $(STAMP)  ## submit-to-feedback latency of the grading service (autograder watch), warm
	$(PY) bench/feedback_latency.py
