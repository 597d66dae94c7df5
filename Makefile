# dateline: `make` builds feeds/ from content/; `make test` runs the whole suite.
# Everything runs from .venv, which the first target creates.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
RUN    := $(VENV)/.installed-run
DEV    := $(VENV)/.installed-dev
# dateline's news recognizer: generated from bench/data/ner (see `ner` below)
NER_DATA  := bench/data/ner
NER_MODEL := src/dateline/data/ner/model
# the weights' digest (the model version reads it), written with them; remade if lost
NER_DIGEST := src/dateline/data/ner/model.sha256
NER := $(NER_MODEL) $(NER_DIGEST)

.PHONY: all feeds test lint format schemas vocabulary bench eval eval-public eval-annotated eval-ingest ner check serve clean

all: feeds

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(DEV): pyproject.toml $(RUN)
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	@touch $@

## feeds: regenerate everything in feeds/ from content/ (the default target)
feeds: $(RUN) $(NER)
	$(BIN)/dateline build

## check: validate every article, write nothing
check: $(RUN) $(NER)
	$(BIN)/dateline check

## serve: preview the site on http://127.0.0.1:8000/, rebuilt on change (feeds/ untouched)
PORT ?= 8000
serve: $(RUN) $(NER)
	$(BIN)/dateline serve --port $(PORT)

## test: install the test dependencies and run the whole suite
test: $(DEV) $(NER)
	$(BIN)/python -m pytest

## lint: ruff (lint + format check) and mypy --strict
lint: $(DEV)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

format: $(DEV)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

## schemas: regenerate schemas/ (JSON Schemas and the JSON-LD context) from the models
schemas: $(RUN)
	$(BIN)/python -m dateline.schemagen schemas

## vocabulary: regenerate dateline/data/schemaorg-terms.json from the official schema.org file
SCHEMAORG ?= ../shared/schemaorg/schemaorg-current-https.jsonld
vocabulary: $(RUN)
	$(BIN)/python -m dateline.validate.vocabgen $(SCHEMAORG) 30.0

## bench: build a generated corpus and print time and memory
bench: $(DEV) $(NER)
	$(BIN)/python bench/bench.py

## eval: precision and recall of automatic enrichment on tests/data/eval (tuning and held-out halves)
eval: $(DEV) $(NER)
	$(BIN)/python -m bench.evaluate

## eval-public: scores on public corpora annotated by others; give the paths you have:
##   make eval-public CONLL=.../eng.testb TEMPEVAL=.../te3-platinum MEANTIME=.../intra_cross-doc_annotation
##   GUM=.../gum (the GUM repository or its dep/ folder; news documents, odd = tuning, even = held out)
##   (SAMPLE=N scores N documents per corpus, chosen with a fixed seed). Not part of `make test`.
eval-public: $(DEV) $(NER)
	$(BIN)/python -m bench.eval_public $(if $(CONLL),--conll $(CONLL)) \
		$(if $(TEMPEVAL),--tempeval $(TEMPEVAL)) $(if $(MEANTIME),--meantime $(MEANTIME)) \
		$(if $(GUM),--gum $(GUM)) $(if $(SAMPLE),--sample $(SAMPLE))

## eval-annotated: the same on real articles annotated by hand (GOLD: <id>.yaml files in the
## format of bench/corpora/annotated.py; CONTENT: the <id>.md articles). Not part of `make test`.
eval-annotated: $(DEV) $(NER)
	@test -n "$(GOLD)" -a -n "$(CONTENT)" || { echo "usage: make eval-annotated GOLD=gold/ CONTENT=content/"; exit 2; }
	$(BIN)/python -m bench.eval_annotated --gold "$(GOLD)" --content "$(CONTENT)"

## eval-ingest: body P/R/F1, headline and dated shares of `dateline add` on saved pages
## (DIR: <id>.html[.gz] files; TRUTH: JSON {id: {articleBody, url, headline?, datePublished?}})
eval-ingest: $(DEV)
	@test -n "$(DIR)" -a -n "$(TRUTH)" || { echo "usage: make eval-ingest DIR=pages/ TRUTH=truth.json"; exit 2; }
	$(BIN)/python bench/eval_ingest.py "$(DIR)" "$(TRUTH)"

## ner: retrain dateline's news-tuned entity recognizer (src/dateline/data/ner) from the annotated
## articles and rehearsal text in bench/data/ner (bench/NER-TRAINING.md); one thread, ~10 min,
## byte-identical weights on every run. The weights are generated, so they are not in git:
## the first `make` (and `make test`) trains them once when they are missing.
define train_ner
	OMP_NUM_THREADS=1 $(BIN)/python -m bench.train_ner \
		$(foreach set,$(sort $(wildcard $(NER_DATA)/gold/*)),--gold $(set)) \
		--content $(NER_DATA)/content --rehearse $(sort $(wildcard $(NER_DATA)/rehearsal/*)) \
		--epochs 6 --rehearse-ratio 0.6 --out src/dateline/data
endef
$(NER_MODEL): | $(RUN)
	@echo "training dateline's news recognizer from $(NER_DATA) (once, ~10 min on one core)"
	$(train_ner)
ner: $(RUN)
	$(train_ner)
$(NER_DIGEST): | $(NER_MODEL)
	$(BIN)/python -c "import hashlib, pathlib; p = pathlib.Path('$(NER_MODEL)'); pathlib.Path('$@').write_text(hashlib.sha256(p.read_bytes()).hexdigest() + '  model\n')"

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache src/*.egg-info
