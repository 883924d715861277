#!/usr/bin/env bash
# Regenerate the hash-pinned locks from pyproject.toml (run after adding or changing a dependency):
#   requirements/lock.txt        the project + its `dev` extra (what `scripts/bootstrap.sh` syncs)
#   requirements/embeddings.txt  the optional `embeddings` extra, on top of lock.txt
#   requirements/uv.txt          the pinned uv itself (bootstrapped with `pip --require-hashes`)
# Versions already in a lock are kept unless pyproject.toml no longer allows them; pass
# `--upgrade` (or `--upgrade-package NAME`) to move them. Universal locks (every platform, from
# Python 3.11 on), resolved against the default package index. Needs network access to it.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION="$(sed -n 's/^uv==\([^ ]*\).*/\1/p' requirements/uv.txt)"
if [ -x .venv/bin/uv ] && [ "$(.venv/bin/uv --version | cut -d' ' -f2)" = "$UV_VERSION" ]; then
  UV=.venv/bin/uv
else
  tools="$(mktemp -d)"; trap 'rm -rf "$tools"' EXIT
  "${PYTHON:-python3}" -m venv "$tools"
  "$tools/bin/pip" install --quiet --require-hashes --no-deps -r requirements/uv.txt
  UV="$tools/bin/uv"
fi
common=(--universal --python-version 3.11 --generate-hashes --quiet
        --custom-compile-command "bash scripts/lock.sh")
"$UV" pip compile pyproject.toml --extra dev "${common[@]}" -o requirements/lock.txt "$@"
# The extra on top of the main lock (its pins as constraints), so both sync into one venv.
"$UV" pip compile pyproject.toml --extra dev --extra embeddings "${common[@]}" \
  -c requirements/lock.txt -o requirements/embeddings.txt "$@"
"$UV" pip compile - --generate-hashes --quiet --python-version 3.11 --universal \
  --custom-compile-command "bash scripts/lock.sh" -o requirements/uv.txt <<<"uv==$UV_VERSION"
echo "lock: wrote requirements/lock.txt, requirements/embeddings.txt, requirements/uv.txt" >&2
