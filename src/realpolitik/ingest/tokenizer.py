"""spaCy's tokenizer with its chunk cache filled: each whitespace-delimited chunk is split once.

spaCy tokenizes a text chunk by chunk (the runs between whitespace) and caches the pieces of
each chunk it splits, so that a word seen before costs a hash look-up. But it stops adding to
that cache for the rest of a text once any chunk hits one of its special cases (the flag is
set per call, not per chunk: ``Tokenizer._tokenize_affixes`` in spaCy 3.8). In ordinary
English prose that happens in the first sentence ("U.S.", "n't", "'s"), so almost every chunk
of an article is split again by the prefix, suffix and infix rules, text after text: on the
project's CI-class machine a 1,000-word article took about 6 ms, against 0.3 ms with the cache
filled.

:class:`CachedTokenizer` wraps the pipeline's own tokenizer. Before a text, it hands each
chunk it has not seen before to the tokenizer on its own (one chunk per call, so the cache
keeps it), then tokenizes the text as usual. The ``Doc`` is spaCy's, built by spaCy's rules;
only its own cache is used more. A property test checks tokens, whitespace and offsets
against the bare tokenizer on random text.

Examples
--------
>>> from realpolitik.ingest.nlp import import_spacy
>>> nlp = import_spacy().blank("en")
>>> tok = CachedTokenizer(nlp.tokenizer)
>>> [t.text for t in tok("Seoul's envoy didn't go.  Tokyo did.")]
['Seoul', "'s", 'envoy', 'did', "n't", 'go', '.', ' ', 'Tokyo', 'did', '.']
"""

from __future__ import annotations

from typing import Any

__all__ = ["CachedTokenizer"]


class CachedTokenizer:
    """A spaCy tokenizer whose cache holds every chunk it has seen.

    Parameters
    ----------
    tokenizer : spacy.tokenizer.Tokenizer
        The tokenizer to wrap (its rules decide every split).
    max_chunks : int
        Distinct chunks remembered; the wrapped tokenizer's public ``max_cache_size`` is set
        to the same number (spaCy's own default, 10,000, would stop caching after about a
        hundred real articles while this wrapper went on believing the chunks cached). Past
        that, spaCy's cache and this set are emptied and filled again (memory stays bounded on
        an endless stream of new names and numbers).

    Examples
    --------
    >>> from realpolitik.ingest.nlp import import_spacy
    >>> nlp = import_spacy().blank("en")
    >>> CachedTokenizer(nlp.tokenizer, max_chunks=50_000).tokenizer.max_cache_size
    50000
    """

    def __init__(self, tokenizer: Any, max_chunks: int = 200_000) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab
        self.max_chunks = max_chunks
        if hasattr(tokenizer, "max_cache_size"):
            tokenizer.max_cache_size = max_chunks
        self._seen: set[str] = set()

    def __call__(self, text: str) -> Any:
        """The ``Doc`` of ``text``, made by the wrapped tokenizer."""
        new = set(text.split()) - self._seen  # str.split cuts at str.isspace, as spaCy does
        if new:
            if len(self._seen) + len(new) > self.max_chunks:
                flush = getattr(self.tokenizer, "_flush_cache", None)
                if flush is not None:
                    flush()
                self._seen.clear()
            tokenize = self.tokenizer
            for chunk in new:
                tokenize(chunk)
            self._seen |= new
        return self.tokenizer(text)
