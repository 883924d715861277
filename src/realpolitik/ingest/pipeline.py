"""The ingestion pipeline: read -> clean -> analyse -> extract -> store, one document at a time.

Each document is stored in one transaction (all its rows or none); a document whose content
hash is already stored is skipped; a problem with one input is reported and the rest go on.

Examples
--------
>>> import tempfile, pathlib
>>> from realpolitik.store import open_store
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Manila accused Beijing of ramming a boat.", encoding="utf-8")
>>> store = open_store("sqlite://")
>>> report = ingest([str(d)], store)
>>> (report.documents, report.duplicates, report.events > 0)
(1, 0, True)
>>> ingest([str(d)], store).duplicates
1
>>> store.close()
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from typing import Any

from realpolitik.errors import IngestError, StoreError
from realpolitik.ingest.claims import Catalogue, Rescorer, detect_claim_kind, find_claims
from realpolitik.ingest.clean import clean_text
from realpolitik.ingest.dates import DocumentDate, normalise_date, resolve_date, warm_up
from realpolitik.ingest.events import code_events, sentence_actors
from realpolitik.ingest.figures import find_figures
from realpolitik.ingest.nlp import AliasTable, TextPipeline, default_alias_table
from realpolitik.ingest.readers import DEFAULT_MAX_BYTES, ReadProblem, read_sources
from realpolitik.ingest.stance import document_stance
from realpolitik.ingest.types import EXTRACTOR_VERSION, Event, ExtractedDocument, RawDocument

__all__ = [
    "EXTRACT_BATCH",
    "NOTHING_PARSED",
    "SHORT_TEXT",
    "Extractor",
    "IngestReport",
    "content_hash",
    "default_extractor",
    "document_date",
    "ingest",
    "save_and_count",
]

SHORT_TEXT = 3
"""Texts of at most this many sentences have every sentence with an actor parsed."""


def content_hash(text: str) -> str:
    """SHA-256 of the cleaned text with case and whitespace folded (the duplicate key).

    Examples
    --------
    >>> content_hash("Seoul  and Tokyo") == content_hash("seoul and\\ntokyo")
    True
    """
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().lower().encode()).hexdigest()


class Extractor:
    """Everything the rules need: the text pipeline, actor kinds and the catalogue.

    Parameters
    ----------
    table : AliasTable
        Actors and people to find.
    levers, outcomes : dict, optional
        Catalogue ``{id: description}``; without them claims are detected but not mapped.
    embeddings : bool
        Also score claim halves against the catalogue by sentence-embedding similarity
        (:mod:`realpolitik.ingest.embeddings`; needs the ``embeddings`` extra, else
        :class:`~realpolitik.errors.MissingDependencyError`). The extractor version then
        reads ``rules-X+minilm``.
    parser : bool
        True (default): a trained spaCy parser (:mod:`realpolitik.ingest.parse`; needs
        ``en_core_web_sm``, else :class:`~realpolitik.errors.MissingDependencyError`, never a
        silent fallback): events of sentences naming an actor are coded from the dependency
        parse (:mod:`realpolitik.ingest.coder`) with the CAMEO-built dictionary, and
        ``if``/``unless`` conditionals are split by the parse; version suffix ``+parser``.
        False: the rules-only ``--fast`` mode (:mod:`realpolitik.ingest.events`).
    resolver : WorldResolver, optional
        Resolves context-dependent names and office holders with the world actor dictionary
        (:mod:`realpolitik.ingest.world`).
    lexicon : Lexicon, optional
        The parse coder's dictionary (default:
        :func:`realpolitik.ingest.cameo_plover.default_lexicon`).
    """

    version = EXTRACTOR_VERSION

    def __init__(
        self,
        table: AliasTable,
        levers: dict[str, str] | None = None,
        outcomes: dict[str, str] | None = None,
        *,
        embeddings: bool = False,
        parser: bool = True,
        resolver: Any = None,
        lexicon: Any = None,
    ) -> None:
        self.table = table
        self.lexicon = lexicon
        self.pipeline = TextPipeline(table, resolver)
        self.kinds = {c: a.kind for c, a in table.actors.items()}
        warm_up()  # the date reader's one-time set-up belongs to the load, not the first text
        self.catalogue: Catalogue | None = None
        if levers or outcomes:
            actors_of: dict[str, set[str]] = {}
            principal_of: dict[str, str] = {}
            for k, v in {**(levers or {}), **(outcomes or {})}.items():
                codes: set[str] = set()
                for m in self.pipeline.analyse(v).mentions:
                    if m.actor and k not in principal_of:
                        principal_of[k] = m.actor
                    if m.actor:
                        codes.update(
                            table.members.get(m.actor, (m.actor,))
                            if self.kinds.get(m.actor) == "grouping"
                            and m.actor in table.members
                            and len(table.members[m.actor]) <= 4
                            else (m.actor,)
                        )
                actors_of[k] = codes
            words = {
                w
                for a in table.actors.values()
                for name in (a.name, *a.aliases)
                for w in re.findall(r"[A-Za-z][A-Za-z\-]*[A-Za-z]", name)
                if w[:1].isupper()
            }
            self.catalogue = Catalogue.from_pairs(
                levers or {}, outcomes or {}, actors_of, ignore=words, principal_of=principal_of
            )
        self.rescorer: Rescorer | None = None
        if embeddings:
            from realpolitik.ingest.embeddings import EmbeddingScorer

            self.rescorer = EmbeddingScorer(levers or {}, outcomes or {})
            self.version = f"{EXTRACTOR_VERSION}+minilm"
        self.splitter: Callable[[str, str], tuple[str, str] | None] | None = None
        self.event_nlp: Any = None
        self.hint: Any = None  # the parse path's pre-filter (a Lexicon Hint)
        # net Goldstein tone a dyad needs for a signed relation: the rules match several cue
        # words per sentence, the parser one event per verb, so one clear parsed event
        # (a condemnation, -2.0 x confidence) suffices there
        self.relation_min_tone = 2.5
        # standing relations ("allies", "rivalry") decide a dyad's sign on the parse path,
        # whose one-off events come from verbs of the CAMEO dictionary (evaluate's notes)
        self.relation_standing = False
        self.coder = EXTRACTOR_VERSION  # the --fast rules; the parse path sets its own below
        if parser:
            from realpolitik.ingest.cameo_plover import dictionary_version
            from realpolitik.ingest.parse import ParserSplitter, lemma_exceptions, load_parser

            self.coder = f"parse-cameo-{dictionary_version()}"
            if self.lexicon is None:
                from realpolitik.ingest.cameo_plover import default_lexicon

                self.lexicon = default_lexicon()  # read once, here, not in the first text
            self.event_nlp = load_parser(lemmas=True)
            # the pre-filter knows every form the parser's lemmatizer maps to a dictionary word
            self.hint = self.lexicon.hint(lemma_exceptions(self.event_nlp))
            self.relation_min_tone = 1.5
            self.relation_standing = True
            self.splitter = ParserSplitter(self.event_nlp)
            self.version = f"{self.version}+parser"

    def _known_person(self, name: str) -> bool:
        """Whether a byline's name is a tracked person (case folded: "WANG Li")."""
        names = self.__dict__.get("_person_names")
        if names is None:
            names = {n.lower() for p in self.table.people.values() for n in (p.name, *p.aliases)}
            self.__dict__["_person_names"] = names
        return name.lower() in names

    def extract(self, raw: RawDocument) -> ExtractedDocument:
        """Clean and extract one document (no storage).

        Raises
        ------
        IngestError
            When nothing of the text is left after cleaning.
        """
        got = self.extract_many([raw])[0]
        if isinstance(got, IngestError):
            raise got
        return got

    def extract_many(self, raws: Sequence[RawDocument]) -> list[ExtractedDocument | IngestError]:
        """Clean and extract several documents, their sentences parsed in one batch.

        The same documents as :meth:`extract` one by one; the parse path hands the sentences
        of every document to one ``nlp.pipe`` call instead of one call per document (cheaper
        per sentence: fewer, fuller batches). A document with nothing left after cleaning
        comes back as its :class:`~realpolitik.errors.IngestError`, in its place.
        """
        staged: list[_Staged | IngestError] = []
        for raw in raws:
            try:
                staged.append(self._stage(raw))
            except IngestError as exc:
                staged.append(exc)
        ready = [s for s in staged if isinstance(s, _Staged)]
        if self.event_nlp is not None:
            self._parse(ready)
        return [s if isinstance(s, IngestError) else self._finish(s) for s in staged]

    def _stage(self, raw: RawDocument) -> _Staged:
        """Clean, date and analyse a document; its rules' events; what the parser must read."""
        cleaned = clean_text(raw.text, self._known_person)
        if not cleaned.text.strip():
            raise IngestError(f"{raw.source}: no article text left after removing page furniture")
        when = document_date(raw)
        if when.date is None and cleaned.date:  # a "Published: ..." line further down
            when = DocumentDate(cleaned.date, "text")
        date = when.date or ""
        analysis = self.pipeline.analyse(cleaned.text, date)
        doc = ExtractedDocument(
            raw=raw,
            text=cleaned.text,
            content_hash=content_hash(cleaned.text),
            furniture=cleaned.furniture,
            date=date,
            date_source=when.source,
            author=raw.author or cleaned.author,
            sentences=analysis.sentences,
            mentions=analysis.mentions,
        )
        refs = sentence_actors(analysis)
        doc.events = code_events(analysis, kinds=self.kinds, precomputed=refs)
        st = _Staged(doc, analysis, refs)
        if self.event_nlp is not None:
            from realpolitik.ingest.parse import ParserSplitter

            st.todo = self._to_parse(analysis, refs)
            if isinstance(self.splitter, ParserSplitter):
                # conditionals the splitter will cut are parsed in the same batch
                coded = {t[2] for t in st.todo}
                also = (s.text for s in analysis.sentences if _if_clause(s.text))
                st.also = [t for t in dict.fromkeys(also) if t not in coded]
        return st

    def _finish(self, st: _Staged) -> ExtractedDocument:
        """Code the parsed sentences, then claims, figures and stances."""
        doc, analysis, refs = st.doc, st.analysis, st.refs
        if self.event_nlp is not None:
            doc.events = self._parsed_events(st)
        date = doc.date
        year = int(date[:4]) if date[:4].isdigit() else None
        doc.claims = find_claims(
            [(s.idx, s.start, s.end, s.text) for s in analysis.sentences],
            {k: [(r.start, r.end, r.actor) for r in v] for k, v in refs.items()},
            self.catalogue,
            year,
            self.rescorer,
            self.splitter,
        )
        for s in analysis.sentences:
            acts = tuple(dict.fromkeys(r.actor for r in refs.get(s.idx, []) if r.via != "pronoun"))
            doc.figures.extend(find_figures(s.text, offset=s.start, sent=s.idx, actors=acts))
        doc.stances = document_stance(doc.events, doc.claims)
        return doc

    def _to_parse(self, analysis: Any, refs: dict[int, list[Any]]) -> list[_Todo]:
        """The sentences the parser codes: ``(idx, start, text, spans, fallback)``.

        In an article, a sentence naming one actor gives no dyad (no relation, no stance
        between actors): only sentences with two or more are parsed; a short text (a
        headline, a one-sentence record, a feed summary) has every sentence with an actor
        parsed. Either way only sentences where the pre-filter finds a dictionary word.
        """
        from realpolitik.ingest.cameo_plover import default_lexicon
        from realpolitik.ingest.parse import MAX_PARSE_CHARS

        hint = self.hint if self.hint is not None else (self.lexicon or default_lexicon()).hint()
        need = 1 if len(analysis.sentences) <= SHORT_TEXT else 2
        todo: list[_Todo] = []
        prev: str | None = None
        for s in analysis.sentences:
            rs = refs.get(s.idx, [])  # groupings act here too ("APEC agreed"); relations skip them
            if (
                len({r.actor for r in rs}) >= need
                and len(s.text) <= MAX_PARSE_CHARS
                and hint.search(s.text)
            ):
                spans = [(r.start, r.end, r.actor) for r in rs]
                todo.append((s.idx, s.start, s.text, spans, prev))
            named = [r for r in rs if r.via != "pronoun"]
            prev = named[0].actor if named else prev
        return todo

    def _parse(self, staged: Sequence[_Staged]) -> None:
        """Parse the sentences of every staged document in one batch (see :meth:`extract_many`)."""
        from realpolitik.ingest.coder import parse_texts

        texts = [t for st in staged for t in (*(x[2] for x in st.todo), *st.also)]
        docs = iter(parse_texts(self.event_nlp, texts))
        for st in staged:
            st.parses = [next(docs) for _ in range(len(st.todo) + len(st.also))]

    def _parsed_events(self, st: _Staged) -> list[Event]:
        """Events of the parsed sentences (see the coder), with the standing relations the
        rules find ("allies", "rivalry": no verb says them, and the parse codes events, so
        nothing is counted twice).

        The rules' own events never stand in for the parse: a sentence the parse codes
        nothing in (or does not read: no word of its dictionary) has no event, however its
        words match the ``--fast`` cue list; it is marked uncodable instead, or keeps the
        rules' uncodable mark. One coder decides what happened.
        """
        from realpolitik.ingest.cameo_plover import default_lexicon
        from realpolitik.ingest.coder import code_docs
        from realpolitik.ingest.parse import ParserSplitter

        n = len(st.todo)
        if isinstance(self.splitter, ParserSplitter):
            keep = self.splitter.cache  # the splitter reuses this document's parses
            keep.clear()
            keep.update(zip(st.also, st.parses[n:], strict=True))
            keep.update((t[2], d) for t, d in zip(st.todo, st.parses, strict=False))
        parsed = code_docs(st.todo, st.parses[:n], self.lexicon or default_lexicon())
        sentences = {s.idx: s for s in st.analysis.sentences}
        out: list[Event] = [e for e in st.doc.events if e.aspect == "state"]
        out += [e for e in st.doc.events if e.uncodable and e.sent not in parsed]
        marked = {e.sent for e in out if e.uncodable}
        for e in st.doc.events:
            dropped = not e.uncodable and e.aspect != "state"  # a rules' event: not kept
            if dropped and e.sent not in parsed and e.sent not in marked:
                s = sentences[e.sent]
                out.append(_parse_found_nothing(s.idx, s.start, s.end))
                marked.add(e.sent)
        for evs in parsed.values():
            out.extend(evs)
        out.sort(key=lambda e: (e.sent, e.start))
        return out


def _parse_found_nothing(sent: int, start: int, end: int) -> Event:
    """The uncodable mark of a sentence the parse coder found no event in."""
    return Event(
        sent, start, end, None, None, None, None, None, "actual",
        uncodable=True, reason=NOTHING_PARSED,
    )  # fmt: skip


NOTHING_PARSED = "the parse coder found no event (no source and target it could read)"
"""Reason of the uncodable mark of a sentence the rules found a cue in and the parse nothing."""


_Todo = tuple[int, int, str, list[tuple[int, int, str]], str | None]


@dataclass
class _Staged:
    """A document between its analysis and its parse (see :meth:`Extractor.extract_many`)."""

    doc: ExtractedDocument
    analysis: Any
    refs: dict[int, list[Any]]
    todo: list[_Todo] = field(default_factory=list)
    also: list[str] = field(default_factory=list)
    parses: list[Any] = field(default_factory=list)


def document_date(raw: RawDocument) -> DocumentDate:
    """The date of ``raw`` by the precedence of :mod:`realpolitik.ingest.dates`: an option or
    manifest date the reader set, else the page's metadata date, else one stated in the text."""
    if raw.date_source in ("option", "manifest") and raw.date:
        return DocumentDate(normalise_date(raw.date) or raw.date, raw.date_source)  # type: ignore[arg-type]
    return resolve_date(metadata=raw.date, text=raw.text)


def _if_clause(text: str) -> bool:
    """Whether the claim rules read ``text`` as an ``if``/``unless`` conditional."""
    if not _IF_WORD.search(text):
        return False
    kind, marker = detect_claim_kind(text)
    return kind == "conditional" and marker in ("if", "unless")


_IF_WORD = re.compile(r"\b(?:if|unless)\b", re.I)


@lru_cache(maxsize=2)
def default_world_table() -> AliasTable:
    """The built-in data set's alias table extended with the world actor dictionary (cached)."""
    from realpolitik.ingest.world import world_table

    return world_table(default_alias_table())


def default_extractor(
    dataset: Any = None,
    *,
    embeddings: bool = False,
    parser: bool = True,
    world: bool = True,
    lexicon: Any = None,
) -> Extractor:
    """An :class:`Extractor` over a data set (default: the built-in ``east-asia-2025``).

    ``embeddings=True`` adds the optional embedding scorer; ``parser=True`` (default) codes
    events with the trained parser and the CAMEO-built dictionary, ``parser=False`` is the
    rules-only ``--fast`` mode (see :class:`Extractor`); ``world=True`` (default) adds the
    world actor dictionary (every state, IGOs, dated office holders) after the data set's own
    names; ``lexicon`` replaces the coder's dictionary (cross-validation).
    """
    if dataset is None:
        from realpolitik.data import load_dataset

        dataset = load_dataset()
        table = default_world_table() if world else default_alias_table()
    else:
        table = AliasTable.from_dataset(dataset)
        if world:
            from realpolitik.ingest.world import world_table

            table = world_table(table)
    resolver = None
    if world:
        from realpolitik.ingest.world import WorldResolver

        resolver = WorldResolver()
    return Extractor(
        table,
        {lv.id: lv.description for lv in dataset.levers},
        {oc.id: oc.description for oc in dataset.outcomes},
        embeddings=embeddings,
        parser=parser,
        resolver=resolver,
        lexicon=lexicon,
    )


@dataclass
class IngestReport:
    """What an ingest run did: counts, skipped duplicates and problems per input."""

    documents: int = 0
    duplicates: int = 0
    sentences: int = 0
    mentions: int = 0
    events: int = 0
    claims: int = 0
    figures: int = 0
    problems: list[str] = field(default_factory=list)
    duplicate_sources: list[str] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)
    # per stored document: id, source, date (None: unknown) and where the date came from
    documents_detail: list[dict[str, Any]] = field(default_factory=list)

    @property
    def undated(self) -> list[str]:
        """Sources of the stored documents whose date is unknown (left out of as-of systems)."""
        return [d["source"] for d in self.documents_detail if d["date"] is None]

    @property
    def ok(self) -> bool:
        """True when at least one document was stored or recognised as already stored."""
        return self.documents + self.duplicates > 0

    def as_dict(self) -> dict[str, Any]:
        """Plain dict (for ``--json``)."""
        return asdict(self)


def save_and_count(
    store: Any, doc: ExtractedDocument, version: str, report: IngestReport, coder: str = ""
) -> None:
    """Store one extracted document (one transaction, events marked with ``coder``) and count
    it in ``report``."""
    from realpolitik.store.repository import save_document

    try:
        new_id = save_document(store, doc, version, coder)
    except StoreError as exc:
        report.problems.append(str(exc))
        return
    if new_id is None:
        report.duplicates += 1
        report.duplicate_sources.append(doc.raw.source)
        return
    report.documents += 1
    report.document_ids.append(new_id)
    report.documents_detail.append(
        {"id": new_id, "source": doc.raw.source}
        | {"date": doc.date or None, "date_source": doc.date_source}
    )
    report.sentences += len(doc.sentences)
    report.mentions += len(doc.mentions)
    report.events += sum(1 for e in doc.events if not e.uncodable)
    report.claims += len(doc.claims)
    report.figures += len(doc.figures)


def ingest(
    sources: Iterable[str],
    store: Any,
    *,
    extractor: Extractor | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    transport: Any = None,
    on_document: Callable[[int, RawDocument], None] | None = None,
    progress: Callable[[str], None] | None = None,
    date: str = "",
) -> IngestReport:
    """Read, extract and store articles; one transaction per document.

    Documents are extracted :data:`EXTRACT_BATCH` at a time (:meth:`Extractor.extract_many`:
    their sentences go through the parser in one batch) and stored one at a time, in input
    order, as before.

    Parameters
    ----------
    sources : iterable of str
        Paths, folders and URLs (see :func:`realpolitik.ingest.readers.read_sources`).
    store : realpolitik.store.Store
        An open evidence store.
    extractor : Extractor, optional
        Default: :func:`default_extractor` (built-in data set).
    max_bytes : int
        Size limit per file.
    transport : httpx.BaseTransport, optional
        For URLs (tests inject ``httpx.MockTransport``).
    on_document : callable, optional
        Hook called as ``on_document(k, raw)`` before document ``k`` (0-based) is stored; an
        exception it raises aborts the run after earlier documents were committed (used by the
        tests that interrupt an import).
    progress : callable, optional
        Called with each input's source name once it is handled.
    date : str, optional
        ``YYYY-MM-DD`` for every document (``--date``): it takes precedence over a manifest,
        the page's metadata and the text (:mod:`realpolitik.ingest.dates`).

    Returns
    -------
    IngestReport
    """
    ex = extractor or default_extractor()
    report = IngestReport()
    option = resolve_date(option=date).date if date else None
    counter = [0]
    batch: list[RawDocument | ReadProblem] = []
    for item in read_sources(sources, max_bytes=max_bytes, transport=transport):
        if option is not None and not isinstance(item, ReadProblem):
            item = replace(item, date=option, date_source="option")
        batch.append(item)
        if sum(not isinstance(b, ReadProblem) for b in batch) >= EXTRACT_BATCH:
            _store_batch(ex, batch, store, report, counter, on_document, progress)
            batch = []
    _store_batch(ex, batch, store, report, counter, on_document, progress)
    return report


EXTRACT_BATCH = 16
"""Documents extracted together by :func:`ingest` (their sentences parsed in one batch)."""


def _store_batch(
    ex: Extractor,
    batch: list[RawDocument | ReadProblem],
    store: Any,
    report: IngestReport,
    counter: list[int],
    on_document: Callable[[int, RawDocument], None] | None,
    progress: Callable[[str], None] | None,
) -> None:
    """Extract the documents of ``batch`` together, then handle every item in input order as
    one at a time would: a read problem reported, a document stored (or its problem)."""
    docs = iter(ex.extract_many([b for b in batch if not isinstance(b, ReadProblem)]))
    for item in batch:
        if isinstance(item, ReadProblem):
            report.problems.append(str(item))
            if progress:
                progress(item.source)
            continue
        doc = next(docs)
        if isinstance(doc, IngestError):
            report.problems.append(str(doc))
            continue
        if on_document is not None:
            on_document(counter[0], item)
        counter[0] += 1
        save_and_count(store, doc, ex.version, report, coder=ex.coder)
        if progress:
            progress(item.source)
