# dealgraph: every task the README and CI run. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
MAP    ?= dealgraph-map.html
PORT   ?= 7687

.PHONY: help demo test lint format typecheck system-deps neo4j bench pictures clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## load the seed articles, print the loop report, write the map
	$(BIN)/dealgraph load seeds/
	$(BIN)/dealgraph cycles
	$(BIN)/dealgraph map -o $(MAP)

system-deps:  ## Debian packages the tests need: Chromium, CJK fonts, Java and Maven
	@command -v chromium >/dev/null && command -v mvn >/dev/null && command -v java >/dev/null \
	  && fc-list 2>/dev/null | grep -qi 'noto.*cjk' || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium fonts-noto-cjk maven default-jdk-headless >/dev/null; }

test: $(STAMP) system-deps  ## run the whole test suite (Neo4j and browser tests included)
	$(BIN)/pytest -p no:cacheprovider

lint: $(STAMP)  ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

neo4j: $(STAMP)  ## run a local Neo4j (bolt://127.0.0.1:$(PORT), no auth) until Ctrl-C
	$(BIN)/python -m tests.neo4j_fixture --port $(PORT) --home .dealgraph/neo4j

bench: $(STAMP)  ## run the benchmarks (minutes)
	for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

pictures: $(STAMP)  ## redraw the README's pictures from the seeds with `dealgraph map --png`
	rm -rf .dealgraph/pictures
	DEALGRAPH_HOME=.dealgraph/pictures $(BIN)/dealgraph load seeds/ >/dev/null
	for size in 800x600 1920x1080; do \
	  DEALGRAPH_HOME=.dealgraph/pictures $(BIN)/dealgraph map -o .dealgraph/pictures/map.html \
	    --title "Who pays whom in AI" --size $$size --png notebooks/img/seed_map_$$size.png || exit 1; \
	done
	DEALGRAPH_HOME=.dealgraph/pictures $(BIN)/dealgraph map -o .dealgraph/pictures/map.html \
	  --title "Who pays whom in AI" --png notebooks/img/seed_map.png
	DEALGRAPH_HOME=.dealgraph/pictures $(BIN)/dealgraph map -o .dealgraph/pictures/map.html \
	  --title "Who pays whom in AI" --loop 1 --png notebooks/img/loop_story.png

clean:
	rm -rf $(VENV) .dealgraph $(MAP) .pytest_cache .mypy_cache .ruff_cache tests/neo4j_server/target
