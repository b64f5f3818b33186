"""Patterns compiled on first use, for the patterns only rare text needs.

Compiling is a large share of a short run's start-up: the ``regex`` module's compiler is pure
Python (about half a millisecond for a pattern with ``\\p{..}`` classes), and a run pays for
every pattern of every rule module it imports. Most documents never reach the code that
needs, say, the guillemet pair pattern (only text with a guillemet does), so such patterns
are declared with :class:`LazyPattern` and compiled the first time a method is called on
them; patterns every document runs stay compiled at import. The semantics are the chosen
module's own: a lazy ``regex`` pattern is a ``regex`` pattern.

>>> WORD = LazyPattern(r"\\p{L}+")
>>> WORD.findall("ça va, 42")
['ça', 'va']
>>> LazyPattern(r"[«»]", module="re").search("a » b").start()
2
"""

from __future__ import annotations

import importlib


class LazyPattern:
    """A ``regex`` (or ``re``) pattern compiled when one of its methods is first used.

    Attribute look-ups that the object itself does not answer (``finditer``, ``match``,
    ``pattern``...) go to the compiled pattern; that costs a Python call on each use, which
    is why only patterns off the common path are declared lazily.
    """

    # Underscored, so that every public name (``pattern``, ``flags``, ``groups``...) is the
    # compiled pattern's.
    __slots__ = ("_source", "_flags", "_module", "_compiled")

    def __init__(self, source: str, flags: int = 0, module: str = "regex"):
        self._source = source
        self._flags = flags
        self._module = module
        self._compiled = None

    def compiled(self):
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            self._compiled = importlib.import_module(self._module).compile(self._source, self._flags)
        return self._compiled

    def __getattr__(self, name: str):  # only for names not found on the object: the pattern's
        if name.startswith("_"):  # a slot not set yet (copy, pickle) or a protocol hook: not the pattern's
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags!r}, module={self._module!r})"
