"""Load, validate, write and export realpolitik data sets (plain CSV + TOML folders).

A data set is a folder holding ``dataset.toml`` and one CSV file per table (see
:data:`FILES`). Multi-valued cells (aliases, source ids, actor lists, seeds) are separated by
``;``. Validation reads every file once with the standard :mod:`csv` module and collects *every*
problem (file, 1-based data row, field, message, fix) before anything is raised, so a user
fixing a copy sees the whole list at once.

Examples
--------
>>> ds = load_dataset()
>>> ds.name, ds.actor("CHN").name
('east-asia-2025', 'China')
>>> validate_dataset(builtin_path())
[]
"""

from __future__ import annotations

import csv
import functools
import shutil
from pathlib import Path
from typing import Any

from realpolitik._paths import PACKAGE_DATA
from realpolitik.data.checks import FILES, SEP, Ctx, check_tables, read_csv, read_toml
from realpolitik.errors import DataError, DataValidationError, InputError, Problem
from realpolitik.model.dataset import Dataset
from realpolitik.model.types import INDICATORS

__all__ = [
    "BUILTIN_NAME",
    "FILES",
    "builtin_path",
    "export_dataset",
    "load_dataset",
    "resolve_dataset_path",
    "validate_dataset",
    "write_dataset",
]

BUILTIN_NAME = "east-asia-2025"
"""Name of the built-in data set."""


def builtin_path() -> Path:
    """Folder of the built-in ``east-asia-2025`` data set inside the installed package.

    Examples
    --------
    >>> (builtin_path() / "dataset.toml").is_file()
    True
    """
    return PACKAGE_DATA / "east_asia"


def resolve_dataset_path(name_or_path: str | Path) -> Path:
    """Turn a data-set name or folder into a folder path.

    Raises
    ------
    DataError
        When ``name_or_path`` is neither the built-in name nor an existing folder.
    """
    if isinstance(name_or_path, str) and name_or_path == BUILTIN_NAME:
        return builtin_path()
    path = Path(name_or_path)
    if path.is_dir():
        return path
    raise DataError(
        f"no data set called {str(name_or_path)!r}: give the built-in name {BUILTIN_NAME!r} or "
        "the folder of a copy made with `realpolitik data export DIR`"
    )


# --------------------------------------------------------------------------------------------
# the whole data set (one check per file: realpolitik.data.checks)


def _check(folder: Path) -> tuple[list[Problem], Dataset | None]:
    ctx = Ctx([])
    if not folder.is_dir():
        ctx.add(str(folder), None, None, "folder does not exist", "give an existing folder")
        return ctx.problems, None
    meta = read_toml(folder, ctx)
    tables = check_tables(ctx, {fname: read_csv(folder, fname, ctx) for fname in FILES})
    if ctx.problems or meta is None:
        return ctx.problems, None
    records: dict[str, Any] = {_FIELDS[f]: tuple(items) for f, items in tables.items()}
    return ctx.problems, Dataset(
        name=str(meta["name"]),
        base_year=int(meta["base_year"]),
        **records,
    )


_FIELDS = {f: f.removesuffix(".csv") for f in FILES}
"""File name -> the :class:`Dataset` field that holds its records (``actors.csv`` -> ``actors``)."""


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    out = []
    for name in ("dataset.toml", *FILES):
        p = folder / name
        try:
            st = p.stat()
            out.append((name, st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((name, -1, -1))
    return tuple(out)


@functools.lru_cache(maxsize=16)
def _check_cached(
    folder: str, stamp: tuple[tuple[str, int, int], ...]
) -> tuple[tuple[Problem, ...], Dataset | None]:
    problems, ds = _check(Path(folder))
    return tuple(problems), ds


def validate_dataset(path: str | Path) -> list[Problem]:
    """Every problem found in the data-set folder ``path`` (empty list when it is valid).

    Parameters
    ----------
    path : str or Path
        A data-set folder, or the built-in name ``"east-asia-2025"``.

    Returns
    -------
    list of Problem
        Each with file, 1-based data row (``None`` for file-level problems), field, message and
        fix.

    Notes
    -----
    One pass over each file with :mod:`csv`; the result is cached on the files' modification
    times and sizes, so repeated calls on an unchanged folder cost a few ``stat`` calls.

    Examples
    --------
    >>> validate_dataset("east-asia-2025")
    []
    """
    try:
        folder = resolve_dataset_path(path)
    except DataError:
        return [
            Problem(
                str(path), None, None, "folder does not exist", "give an existing data-set folder"
            )
        ]
    folder = folder.resolve()
    problems, _ = _check_cached(str(folder), _stamp(folder))
    return list(problems)


def load_dataset(name_or_path: str | Path = BUILTIN_NAME) -> Dataset:
    """Load and validate a data set.

    Parameters
    ----------
    name_or_path : str or Path
        ``"east-asia-2025"`` (the built-in data set) or the folder of a copy.

    Returns
    -------
    Dataset
        The validated, immutable system state. Loads are cached: calling again on unchanged
        files returns the same object.

    Raises
    ------
    DataValidationError
        With every located problem when the data set is invalid.
    DataError
        When ``name_or_path`` names no data set.

    Examples
    --------
    >>> ds = load_dataset()
    >>> ds.base_year
    2025
    >>> load_dataset() is ds
    True
    """
    folder = resolve_dataset_path(name_or_path).resolve()
    problems, ds = _check_cached(str(folder), _stamp(folder))
    if problems or ds is None:
        raise DataValidationError(list(problems))
    return ds


# --------------------------------------------------------------------------------------------
# writing


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return SEP.join(str(x) for x in v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def write_dataset(dataset: Dataset, dest_dir: str | Path, description: str = "") -> Path:
    """Write ``dataset`` as a data-set folder (CSV + ``dataset.toml``) that loads back equal.

    Parameters
    ----------
    dataset : Dataset
        The data set to write.
    dest_dir : str or Path
        Target folder (created if needed; existing data files are overwritten).
    description : str
        Optional description for ``dataset.toml``.

    Returns
    -------
    Path
        The folder written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = write_dataset(load_dataset(), d)
    ...     load_dataset(d) == load_dataset()
    True
    """
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    desc = description.replace("\\", "\\\\").replace('"', '\\"')
    name = dataset.name.replace("\\", "\\\\").replace('"', '\\"')
    (dest / "dataset.toml").write_text(
        f'name = "{name}"\nbase_year = {dataset.base_year}\ndescription = "{desc}"\n',
        encoding="utf-8",
    )
    for fname, cols in FILES.items():
        items = getattr(dataset, _FIELDS[fname])
        with (dest / fname).open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(cols)
            for obj in items:
                d = obj.model_dump()
                row = []
                for c in cols:
                    if fname == "capabilities.csv" and c == "unit":
                        row.append(INDICATORS.get(d["indicator"], ""))
                    else:
                        row.append(_cell(d.get(c)))
                w.writerow(row)
    return dest


def export_dataset(dest_dir: str | Path, name: str = BUILTIN_NAME, force: bool = False) -> Path:
    """Copy the files of data set ``name`` to ``dest_dir`` so a user can edit their own copy.

    Parameters
    ----------
    dest_dir : str or Path
        Target folder; created if needed.
    name : str
        Data set to copy (the built-in name or a folder).
    force : bool
        Overwrite data files already in ``dest_dir``.

    Returns
    -------
    Path
        The folder written.

    Raises
    ------
    InputError
        When ``dest_dir`` already holds a data set and ``force`` is false.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = export_dataset(Path(d) / "mine")
    ...     validate_dataset(out)
    []
    """
    src = resolve_dataset_path(name)
    dest = Path(dest_dir)
    if dest.exists() and not dest.is_dir():
        raise InputError(f"{dest} exists and is not a folder: choose another destination")
    if (dest / "dataset.toml").exists() and not force:
        raise InputError(
            f"{dest} already holds a data set: choose an empty folder or pass --force to overwrite"
        )
    dest.mkdir(parents=True, exist_ok=True)
    for p in sorted(src.iterdir()):
        if p.is_file() and p.suffix in (".csv", ".toml", ".md"):
            shutil.copyfile(p, dest / p.name)
    return dest
