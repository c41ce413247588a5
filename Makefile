# 村里 — the two commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := webapp:create_app

.PHONY: run test install translations translations-update migrate bench lint clean

# Debian's python3 lacks venv until python3-venv is installed: install it when we can.
$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); $(APT_INSTALL) python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip

APT_INSTALL = { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null || { echo "missing system packages: run make as root on Debian, or install them yourself"; exit 1; }; } && \
	DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

# The browser tests drive Debian's Chromium (never a downloaded one), with the Chinese font a
# villager's Android phone has (Noto Sans CJK), so layouts and screenshots are what they see.
/usr/bin/chromium:
	$(APT_INSTALL) chromium

/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc:
	$(APT_INSTALL) fonts-noto-cjk

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 | grep -v -e "^WARNING: Location" -e "^ *$$" || true
	@$(BIN)/python -c "import webapp, flask_limiter, playwright" # fail here if the install did not work
	@touch $@

install: $(VENV)/.installed translations

translations: $(VENV)/.installed
	@$(BIN)/pybabel -q compile -d translations -f

migrate: install
	$(BIN)/flask db upgrade

run: migrate
	$(BIN)/flask demo --if-empty
	$(BIN)/python -m webapp.launcher

test: install /usr/bin/chromium /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install /usr/bin/chromium /usr/bin/wrk
	$(BIN)/python -m bench

# The load benchmark's generator: wrk, in C, so the client is never the bottleneck.
/usr/bin/wrk:
	$(APT_INSTALL) wrk

# Style, then the architecture: no import cycles, webapp never imports worker, views stay in
# their area (import-linter, pyproject.toml), one commit place, thin views, roles read in auth.
lint: install
	$(BIN)/ruff check webapp worker tests tools
	$(BIN)/lint-imports
	$(BIN)/python tools/house_rules.py

clean:
	rm -rf $(VENV) instance/cunli.db* instance/redis.sock

# After adding UI text: extract it, merge into the English catalog, then fill in the msgstr.
translations-update: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -o translations/messages.pot .
	$(BIN)/pybabel -q update -i translations/messages.pot -d translations --no-fuzzy-matching
