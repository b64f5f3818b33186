"""What one look at a text found, kept for the checkers that read the same text after it.

Checkers run one after the other on a document's text, and several may start from the same
look at it (where its marks are, what kinds of characters it has). A :class:`TextMemo` keeps
what ``make`` made of the text seen last; the checkers of one Cleaner share it, and the last of
them to read it lets it go, so a Cleaner keeps nothing between documents.

>>> memo = TextMemo(len, 0)
>>> memo("abc"), memo.release("abc"), memo._last
(3, None, ('', 0))
"""

from __future__ import annotations


class TextMemo:
    """``make(text)`` for the text seen last (``empty`` before any).

    Per Cleaner, not per module: one Cleaner's documents never replace (and free) what another
    one kept. Shared by threads: the text and what was made of it are one tuple, read and
    replaced at once. Whichever memo a text meets, what it returns was made of that text.
    """

    __slots__ = ("__weakref__", "_empty", "_last", "_make")

    def __init__(self, make, empty):
        self._make = make
        self._empty = ("", empty)
        self._last = self._empty

    def __call__(self, text: str):
        """What ``make`` made of ``text``: shared by the checkers that read it, never to be changed."""
        last = self._last
        if last[0] is text:
            return last[1]
        made = self._make(text)
        self._last = (text, made)
        return made

    def release(self, text: str) -> None:
        """Forget what was made of ``text`` (when kept): no checker after the caller reads it."""
        if self._last[0] is text:
            self._last = self._empty

    def forget(self) -> None:
        """Forget whatever is kept: the pipeline's call at the end of a document whose last pass
        did not run the checker that releases it (see :meth:`cleaner.pipeline.Chain.run_pass`)."""
        self._last = self._empty
