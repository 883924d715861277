"""Learn the event coder's settings (``ingest/eventdata/settings.json``) from PLOVER records.

Usage: ``python scripts/learn_coder_settings.py ../shared/eval/plover/plover-gsr-dev.json``
prints the settings JSON; the same learning inside K folds is ``realpolitik eval events --cv K``.
"""

from __future__ import annotations

import json
import sys

from realpolitik.ingest.event_cv import learn_settings
from realpolitik.ingest.pipeline import default_extractor
from realpolitik.ingest.plover_eval import load_records


def main(path: str) -> None:
    """Print the settings learnt from the records in ``path``."""
    got = learn_settings(load_records(path), lambda lex: default_extractor(lexicon=lex))
    print(json.dumps(got, indent=2, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
