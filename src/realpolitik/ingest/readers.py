"""Reading articles from files, folders, JSONL, RSS/Atom feeds and URLs.

Readers never raise on bad input: they yield a :class:`ReadProblem` naming the file (and the
line, for JSONL) and what to do, and carry on with the rest. Article text is untrusted: HTML is
reduced to its main text by trafilatura (scripts and styles never reach the extractors), sizes
are capped, and bytes are decoded defensively (UTF-8, UTF-16 with or without BOM, else cp1252).

The network is reached only through an ``httpx`` transport that the caller may inject (tests
use ``httpx.MockTransport``).

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Seoul and Tokyo met.", encoding="utf-8")
>>> [type(x).__name__ for x in read_sources([str(d)])]
['RawDocument']
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realpolitik.ingest.types import RawDocument

__all__ = [
    "DEFAULT_MAX_BYTES",
    "NOT_ARTICLES",
    "SUFFIXES",
    "ReadProblem",
    "decode_bytes",
    "is_article_file",
    "read_bytes",
    "read_sources",
]

DEFAULT_MAX_BYTES = 5_000_000
"""Files (and downloads) larger than this are refused (configurable)."""

SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
"""File suffixes read in folders, and the format each means."""

NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing", "manifest")
"""File stems (case-insensitive) that a folder read skips: a folder's README, licence or
``manifest.json`` describes the articles and is not one; hidden files (``.name``) are skipped
too. A file named explicitly is always read."""


def is_article_file(path: Path) -> bool:
    """Whether a folder read takes ``path`` as an article (see :data:`SUFFIXES`,
    :data:`NOT_ARTICLES`).

    Examples
    --------
    >>> is_article_file(Path("s001_x.txt")), is_article_file(Path("README.md"))
    (True, False)
    >>> is_article_file(Path("manifest.json")), is_article_file(Path(".draft.txt"))
    (False, False)
    """
    name = path.name
    if name.startswith(".") or path.suffix.lower() not in SUFFIXES:
        return False
    return path.stem.lower() not in NOT_ARTICLES


@dataclass(frozen=True)
class ReadProblem:
    """Something that could not be read, with where (source, line) and what to do."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


ReadItem = RawDocument | ReadProblem


def decode_bytes(data: bytes) -> tuple[str | None, str]:
    """Decode article bytes: ``(text, encoding)``, or ``(None, reason)`` for binary data.

    Examples
    --------
    >>> decode_bytes("Gr\u00fc\u00dfe".encode("latin-1"))
    ('Grüße', 'cp1252')
    >>> decode_bytes("Seoul".encode("utf-16"))[0]
    'Seoul'
    >>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")[0] is None
    True
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        # UTF-16 without BOM: every other byte is NUL for Latin-script text
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            return None, "binary data (NUL bytes)"
        if _mostly_text(text):
            return text, enc
        return None, "binary data (NUL bytes)"
    if b"\x00" in sample:
        return None, "binary data (NUL bytes)"
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        enc = "cp1252"
    if not _mostly_text(text):
        return None, "binary data (control characters)"
    return text, enc


def _mostly_text(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return True
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad <= len(sample) * 0.02


def _html_to_doc(html: str, source: str, url: str = "") -> ReadItem:
    import trafilatura

    try:
        extracted = trafilatura.extract(
            html,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            url=url or None,
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        return ReadProblem(source, f"HTML could not be parsed ({exc.__class__.__name__})")
    if not extracted:
        return ReadProblem(
            source,
            "no article text found in the HTML (only scripts, styles or navigation); "
            "save the article's text as .txt instead",
        )
    meta = json.loads(extracted)
    text = str(meta.get("text") or "").strip()
    if not text:
        return ReadProblem(source, "no article text found in the HTML")
    return RawDocument(
        text=text,
        source=source,
        format="html",
        title=str(meta.get("title") or ""),
        date=str(meta.get("date") or ""),
        url=url or str(meta.get("source") or ""),
        outlet=str(meta.get("sitename") or meta.get("hostname") or ""),
        author=str(meta.get("author") or ""),
    )


_MD_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)|!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _markdown_to_text(text: str) -> str:
    lines = []
    for line in text.splitlines():
        line = _MD_MARKUP.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        lines.append(_MD_EMPH.sub(r"\2", line))
    return "\n".join(lines)


def _jsonl(text: str, source: str) -> Iterator[ReadItem]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadProblem(source, f"malformed JSON ({exc.msg}); line skipped", line=n)
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield ReadProblem(
                source, 'each line must be an object with a "text" string; line skipped', line=n
            )
            continue
        if not obj["text"].strip():
            yield ReadProblem(source, "empty text; line skipped", line=n)
            continue
        yield RawDocument(
            text=obj["text"],
            source=f"{source}#{n}",
            format="jsonl",
            title=str(obj.get("title") or ""),
            date=str(obj.get("date") or ""),
            url=str(obj.get("url") or ""),
            outlet=str(obj.get("outlet") or ""),
            author=str(obj.get("author") or ""),
        )


def _feed(content: bytes | str, source: str, client: Any = None) -> Iterator[ReadItem]:
    import feedparser

    parsed = feedparser.parse(content)
    if not parsed.entries:
        why = getattr(parsed, "bozo_exception", None)
        yield ReadProblem(source, f"not a readable RSS/Atom feed{f' ({why})' if why else ''}")
        return
    outlet = str(parsed.feed.get("title", ""))
    for i, entry in enumerate(parsed.entries, start=1):
        link = str(entry.get("link", ""))
        item: ReadItem | None = None
        if client is not None and link.startswith(("http://", "https://")):
            item = next(iter(_fetch(link, client)), None)
        if not isinstance(item, RawDocument):
            body = ""
            if entry.get("content"):
                body = str(entry.content[0].get("value", ""))
            body = body or str(entry.get("summary", ""))
            if not body.strip():
                yield ReadProblem(source, f"feed entry {i} has no text and no readable link")
                continue
            html_item = _html_to_doc(
                f"<html><body><article>{body}</article></body></html>", f"{source}#{i}", link
            )
            if isinstance(html_item, ReadProblem):
                body_text = re.sub(r"<[^>]+>", " ", body)
                html_item = RawDocument(text=body_text, source=f"{source}#{i}", format="feed")
            item = html_item
        yield RawDocument(
            text=item.text,
            source=link or item.source,
            format="feed",
            title=str(entry.get("title", "")) or item.title,
            date=str(entry.get("published", "") or entry.get("updated", "")) or item.date,
            url=link,
            outlet=outlet or item.outlet,
            author=str(entry.get("author", "")),
        )


def _fetch(url: str, client: Any, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadItem]:
    import httpx

    try:
        resp = client.get(url)
    except httpx.HTTPError as exc:
        yield ReadProblem(url, f"could not fetch ({exc.__class__.__name__}: {exc})")
        return
    if resp.status_code >= 400:
        yield ReadProblem(url, f"HTTP {resp.status_code}; check the URL")
        return
    data = resp.content
    if len(data) > max_bytes:
        yield ReadProblem(url, f"response is {len(data)} bytes, over the limit of {max_bytes}")
        return
    ctype = resp.headers.get("content-type", "").lower()
    head = data[:512].lstrip().lower()
    if any(k in ctype for k in ("rss", "atom", "/xml")) or head.startswith(
        (b"<?xml", b"<rss", b"<feed")
    ):
        yield from _feed(data, url, client)
        return
    text, enc = decode_bytes(data)
    if text is None:
        yield ReadProblem(url, f"not text: {enc}")
        return
    if "html" in ctype or head.startswith((b"<!doctype html", b"<html")):
        yield _html_to_doc(text, url, url)
    elif "json" in ctype:
        yield from _jsonl(text, url)
    else:
        yield RawDocument(text=text, source=url, format="txt", url=url)


def read_bytes(data: bytes, source: str, fmt: str) -> Iterator[ReadItem]:
    """Read one file's bytes in a format: ``txt``, ``md``, ``html``, ``jsonl`` or ``feed``."""
    if not data.strip():
        yield ReadProblem(source, "empty file; nothing to ingest")
        return
    if fmt == "feed":
        yield from _feed(data, source)
        return
    text, enc = decode_bytes(data)
    if text is None:
        yield ReadProblem(source, f"not a text file ({enc}); give .txt, .md, .html or .jsonl")
        return
    if not text.strip():
        yield ReadProblem(source, "empty file; nothing to ingest")
        return
    if fmt == "html" or (
        fmt == "txt" and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
    ):
        yield _html_to_doc(text, source)
    elif fmt == "jsonl":
        yield from _jsonl(text, source)
    elif fmt == "md":
        yield RawDocument(text=_markdown_to_text(text), source=source, format="md")
    else:
        yield RawDocument(text=text, source=source, format="txt")


def _jsonl_file(path: Path, max_bytes: int) -> Iterator[ReadItem]:
    """Stream a JSONL file line by line (memory bounded by the longest line)."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot read ({exc.strerror or exc})")
        return
    any_line = False
    with fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            any_line = True
            if len(raw) > max_bytes:
                yield ReadProblem(
                    str(path), f"line is over the limit of {max_bytes} bytes; line skipped", line=n
                )
                continue
            text, enc = decode_bytes(raw)
            if text is None:
                yield ReadProblem(str(path), f"not text ({enc}); line skipped", line=n)
                continue
            for item in _jsonl(text, str(path)):
                if isinstance(item, ReadProblem):
                    yield ReadProblem(item.source, item.message, line=n)
                else:
                    yield RawDocument(**{**item.__dict__, "source": f"{path}#{n}"})
    if not any_line:
        yield ReadProblem(str(path), "empty file; nothing to ingest")


def _read_file(path: Path, max_bytes: int, explicit: bool) -> Iterator[ReadItem]:
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None and not explicit:
        return  # folders: unknown suffixes are not articles
    if fmt == "jsonl":
        yield from _jsonl_file(path, max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield ReadProblem(
                str(path),
                f"file is {size} bytes, over the limit of {max_bytes} "
                "(raise it with --max-bytes, or split the file)",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot read ({exc.strerror or exc})")
        return
    yield from read_bytes(data, str(path), fmt or "txt")


def _manifest_of(folder: Path) -> dict[str, dict[str, str]] | ReadProblem:
    from realpolitik.errors import InputError
    from realpolitik.ingest.dates import load_manifest

    try:
        return load_manifest(folder)
    except InputError as exc:
        return ReadProblem(str(folder), str(exc))


_Manifests = dict[Path, "dict[str, dict[str, str]] | ReadProblem"]


def _with_manifest(items: Iterator[ReadItem], path: Path, seen: _Manifests) -> Iterator[ReadItem]:
    """``items`` read from ``path``, with the date (and empty url, outlet, title) of its entry
    in the folder's ``manifest.json`` (:mod:`realpolitik.ingest.dates`); ``seen`` caches the
    manifests read (a bad manifest is reported once)."""
    first = path.parent not in seen
    if first:
        seen[path.parent] = _manifest_of(path.parent)
    manifest = seen[path.parent]
    if isinstance(manifest, ReadProblem):
        if first:
            yield manifest
        yield from items
        return
    entry = manifest.get(path.name)
    for item in items:
        if entry is None or isinstance(item, ReadProblem):
            yield item
            continue
        extra = {k: entry[k] for k in ("url", "outlet", "title") if not getattr(item, k)}
        if entry["date"]:
            extra |= {"date": entry["date"], "date_source": "manifest"}
        yield RawDocument(**{**item.__dict__, **extra})


def read_sources(
    sources: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    transport: Any = None,
) -> Iterator[ReadItem]:
    """Yield a :class:`RawDocument` per article (or a :class:`ReadProblem`) from paths and URLs.

    Parameters
    ----------
    sources : iterable of str
        Files, folders (read recursively, in sorted order) and ``http(s)://`` URLs of pages or
        RSS/Atom feeds.
    max_bytes : int
        Size limit per file or download.
    transport : httpx.BaseTransport, optional
        Transport for URLs (tests pass ``httpx.MockTransport``); default: the real network.
    """
    client = None
    seen: _Manifests = {}
    try:
        for src in sources:
            if src.startswith(("http://", "https://")):
                if client is None:
                    import httpx

                    client = httpx.Client(
                        transport=transport,
                        timeout=20.0,
                        follow_redirects=True,
                        headers={"user-agent": "realpolitik-ingest/0.1"},
                    )
                yield from _fetch(src, client, max_bytes)
                continue
            path = Path(src)
            if path.is_dir():
                files = sorted(p for p in path.rglob("*") if p.is_file() and is_article_file(p))
                if not files:
                    yield ReadProblem(src, "folder holds no .txt, .md, .html, .jsonl or feed files")
                for p in files:
                    yield from _with_manifest(_read_file(p, max_bytes, explicit=False), p, seen)
            elif path.is_file():
                yield from _with_manifest(_read_file(path, max_bytes, explicit=True), path, seen)
            else:
                yield ReadProblem(src, "no such file, folder or URL")
    finally:
        if client is not None:
            client.close()
