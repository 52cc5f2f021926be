# Developer commands. `make run` and `make test` are all a fresh checkout needs.
# The distribution's Python 3.11+ when it can make a virtualenv, else the first python3 on the
# PATH. Debian builds its interpreter with profile-guided and link-time optimisation; on the
# bench machine it rendered the member pages in about 40 % less time than a Python compiled
# without them (pyenv's default), and gunicorn served about 65 % more of them a second.
PYTHON ?= $(firstword $(shell for p in /usr/bin/python3 python3; do $$p -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p; done))
VENV := .venv
BIN := $(VENV)/bin
FLASK := PORTAL_ENV=development $(BIN)/flask --app portal
BOOTSTRAP := node_modules/bootstrap/dist
BABEL_IGNORE_DIRS := .* node_modules instance build __pycache__

.PHONY: run test lint translations extract-messages update-messages vendor vendor-quill vendor-chartjs node bench clean

$(BIN)/activate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/activate

# Compiled catalogs (.mo) are built here, never committed; make stops on pybabel's failure.
# Built again only when a catalogue changed (.ci/run runs two `make test` side by side).
CATALOGS := $(wildcard translations/*/LC_MESSAGES/messages.po)
translations: $(CATALOGS:.po=.mo)

%.mo: %.po $(BIN)/activate
	$(BIN)/pybabel compile --statistics -d translations

# Babel skips folders whose names start with "_" unless told which to skip: templates/_macros/
# holds messages too.
extract-messages: $(BIN)/activate
	$(BIN)/pybabel extract --no-location --sort-output --width 100 -F babel.cfg -k _l -k lazy_gettext \
		--ignore-dirs "$(BABEL_IGNORE_DIRS)" -o translations/messages.pot .

update-messages: extract-messages
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --width 100 -i translations/messages.pot \
		-d translations -l zh_Hans_CN

instance:
	mkdir -p instance

run: $(BIN)/activate translations instance
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty
	$(FLASK) run --debug --host 127.0.0.1 --port 5000

node_modules/.package-lock.json: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

node: node_modules/.package-lock.json

# Copies the pinned front-end libraries into static/vendor/ (the copies are committed).
vendor: node
	rm -rf static/vendor/bootstrap && mkdir -p static/vendor/bootstrap
	cp $(BOOTSTRAP)/css/bootstrap.min.css $(BOOTSTRAP)/js/bootstrap.bundle.min.js static/vendor/bootstrap/
	sed -i '/sourceMappingURL/d' static/vendor/bootstrap/*
	node -p "require('bootstrap/package.json').version" > static/vendor/bootstrap/VERSION

lint: $(BIN)/activate
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: $(BIN)/activate translations node
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules .pytest_cache

# Quill (the staff rich-text editor), copied like Bootstrap; run after `make node`.
vendor-quill: node
	rm -rf static/vendor/quill && mkdir -p static/vendor/quill
	cp node_modules/quill/dist/quill.js node_modules/quill/dist/quill.snow.css \
		node_modules/quill/dist/quill.js.LICENSE.txt static/vendor/quill/
	sed -i '/sourceMappingURL/d' static/vendor/quill/quill.js static/vendor/quill/quill.snow.css
	node -p "require('quill/package.json').version" > static/vendor/quill/VERSION

# Load test (bench/run.py, a module per section): SQLite by default, `make bench ARGS=--pg`
# for PostgreSQL, `ARGS="--only public"` for one section.
bench: $(BIN)/activate translations
	$(BIN)/python bench/run.py $(ARGS)

# Chart.js (the report charts), copied like Bootstrap; run after `make node`.
vendor-chartjs: node
	rm -rf static/vendor/chartjs && mkdir -p static/vendor/chartjs
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/LICENSE.md static/vendor/chartjs/
	sed -i '/sourceMappingURL/d' static/vendor/chartjs/chart.umd.min.js
	node -p "require('./node_modules/chart.js/package.json').version" > static/vendor/chartjs/VERSION
