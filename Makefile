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
# `make train` fits the quote model and the reported-speech model on these annotations (default:
# PolNeAR train, kept in the project) and writes the models medialens ships (quote_model.json,
# reported_model.json) into MODELS; `TRAIN_GOLD=your/gold` trains on your own
TRAIN_GOLD ?= tests/fixtures/polnear_train/gold
MODELS := lib/medialens
# `make lab` works on copies here (git-ignored), so running and saving never touches notebooks/
LAB := outputs/lab
# Jupyter refuses to run as root (containers, CI) unless told to
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: setup report test train lab bench clean

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

train: $(STAMP)
	$(BIN)/medialens train $(TRAIN_GOLD) --out $(MODELS)

lab: $(STAMP)
	@mkdir -p $(LAB)
	@# copy only what is not there yet: a copy you edited is kept
	@for nb in notebooks/[0-9][0-9]_*.ipynb; do \
		copy=$(LAB)/$$(basename $$nb); \
		if [ -e $$copy ]; then echo "keeping $$copy (delete it to start again from $$nb)"; \
		else cp $$nb $$copy && echo "copied $$nb to $$copy"; fi; \
	done
	$(BIN)/jupyter lab $(ALLOW_ROOT) $(LAB)

bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/accuracy.py $(GOLD) --corpus $(GOLD_CORPUS)

# Everything setup, the runs and the tests made; outputs/README.md is the one committed file there.
clean:
	rm -rf $(VENV) build dist lib/*.egg-info .hypothesis .pytest_cache
	[ ! -d outputs ] || find outputs -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	find . -path ./.git -prune -o -type d \( -name __pycache__ -o -name .ipynb_checkpoints \) -prune -exec rm -rf {} +
	@echo "Kept: the extraction cache, which is outside the project (README, 'The extraction cache')."
	@echo "To empty it, run 'medialens cache clear' (here: '$(BIN)/medialens cache clear' before 'make clean')."
