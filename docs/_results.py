"""What the ``docs/gen_*.py`` scripts share: rewriting the generated part of a page."""

from __future__ import annotations

from pathlib import Path


def write_below_mark(path: Path, mark: str, lines: list[str]) -> None:
    """Keep ``path`` up to the line ``mark``; replace the rest by ``lines`` (the mark first).

    Parameters
    ----------
    path : Path
        The Markdown page.
    mark : str
        The marker line; ``lines`` is expected to start with it.
    lines : list of str
        The generated part, one line each.
    """
    text = path.read_text(encoding="utf-8")
    head = text.split(mark)[0].rstrip() + "\n\n"
    path.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path}")
