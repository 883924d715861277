#!/usr/bin/env bash
# Set up (or refresh) the project's virtual environment in .venv from the hash-pinned lock.
# `uv pip sync` makes .venv exactly the lock (packages not in it are removed), every file is
# checked against its hash, and uv itself is pinned by hash (requirements/uv.txt, installed with
# pip --require-hashes). Quick when nothing changed. Needs Python 3.11+ on PATH.
# REALPOLITIK_EMBEDDINGS=1 syncs requirements/embeddings.txt instead (the lock plus the optional
# `embeddings` extra: torch from the package index is a CUDA build of several GB, see
# docs/dependencies.md). Regenerate the locks with `bash scripts/lock.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
uv_version="$(sed -n 's/^uv==\([^ ]*\).*/\1/p' requirements/uv.txt)"
if [ "$(.venv/bin/uv --version 2>/dev/null | cut -d' ' -f2)" != "$uv_version" ]; then
  echo "bootstrap: installing uv $uv_version (hash-pinned) into .venv ..." >&2
  .venv/bin/python -m pip --version >/dev/null 2>&1 || .venv/bin/python -m ensurepip --upgrade >/dev/null
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
    -r requirements/uv.txt
fi
lock=requirements/lock.txt
[ "${REALPOLITIK_EMBEDDINGS:-0}" = 1 ] && lock=requirements/embeddings.txt
# uv.txt is synced too, so the sync keeps uv (pip is not in the lock: the sync removes it).
VIRTUAL_ENV="$PWD/.venv" .venv/bin/uv pip sync --quiet --require-hashes "$lock" requirements/uv.txt
stamp=.venv/.editable-stamp
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] ||
   ! .venv/bin/python -c 'import realpolitik' >/dev/null 2>&1; then
  VIRTUAL_ENV="$PWD/.venv" .venv/bin/uv pip install --quiet --no-deps -e .
  echo "$want" > "$stamp"
fi
