# Every target bootstraps .venv from requirements.txt first, so a fresh clone needs only
# Python 3.11, pip and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= seeds
OUT ?= outputs/report
# `make bench GOLD=dir/of/gold/json GOLD_CORPUS=dir/of/articles` scores another annotated corpus
GOLD ?= tests/fixtures
GOLD_CORPUS ?= seeds

.PHONY: setup report test lab bench clean

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	# the notebooks' kernelspec is `python3`: register this environment's Python under that name
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (medialens)" >/dev/null
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/medialens report $(CORPUS) --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/accuracy.py $(GOLD) --corpus $(GOLD_CORPUS)

clean:
	rm -rf $(VENV) outputs/report outputs/notebooks
