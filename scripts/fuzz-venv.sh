#!/usr/bin/env bash
# Installs schemathesis from PyPI into the project's own virtual environment (.venv-fuzz, git-ignored).
# Idempotent: does nothing when the pinned version is there already.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-fuzz
VERSION=4.32.5
if [ -x "$VENV/bin/schemathesis" ] && "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('schemathesis') != '$VERSION')" 2>/dev/null; then
    exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION"
