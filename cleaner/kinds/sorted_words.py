"""A long word list, sorted by lowercase form, looked up word by word until a table of it pays.

The casing rules test a document's words against 119,000 English words and 80,000 names.
A dict of them costs about 0.1 s to build here, more than the rest of cleaning a 5 KB file, and
``clean article.txt`` looks up a few hundred words. So the list stays one string (its lines
sorted by ``(line.lower(), line)``), with a sparse index: the lowercase form of one line every
:data:`STEP` characters. A word is found by bisecting the index and searching one window of
lines, and the answer is remembered. After :data:`LIMIT` distinct words (a library run over
many documents) the list becomes a dict, and lookups and :meth:`SortedWords.among` run in C.
Both ways give the same answers: the last line (in sorted order) with that lowercase form.

>>> names = SortedWords.of(["Lviv", "Kyiv", "Nepal"])
>>> names.get("lviv"), names.get("paris"), sorted(names.among({"kyiv", "x", "nepal"}))
('Lviv', None, ['kyiv', 'nepal'])
"""

from __future__ import annotations

import bisect
import zlib

# The header line the build script writes above a sorted list: a file whose lines still have that
# checksum is searched as it is; any other (edited, or written by hand) is sorted when read.
SORTED_MARK = "# sorted by lowercase form; crc32 of the lines below: "
STEP = 2048  # characters between two lines of the index: a window is searched in C in microseconds
LIMIT = 4000  # distinct lookups before the table is built (each costs about as much as 10 words of it)


def sort_key(line: str) -> tuple[str, str]:
    """The order of a sorted word list: by lowercase form, then as written."""
    return line.lower(), line


def sorted_file_text(header: str, lines) -> str:
    """The text of a word file of ``lines`` that :func:`checked_lines` accepts: ``header``
    (comment lines), the mark with the checksum, then the lines sorted by :func:`sort_key`.

    >>> checked_lines(sorted_file_text("# names\\n", ["Lviv", "Kyiv"]).encode())
    'Kyiv\\nLviv'
    """
    body = "".join(line + "\n" for line in sorted(set(filter(None, lines)), key=sort_key))
    return f"{header}{SORTED_MARK}{zlib.crc32(body.encode('utf-8')):08x}\n{body}"


def checked_lines(data: bytes) -> str | None:
    """The lines of a word file written by :func:`sorted_file_text` and not changed since, joined
    by line breaks; None for any other file."""
    position, checksum = 0, None
    while data.startswith(b"#", position):  # the header
        end = data.find(b"\n", position) + 1 or len(data)
        line = data[position:end].decode("utf-8", "replace").rstrip("\n")
        if line.startswith(SORTED_MARK):
            checksum = line[len(SORTED_MARK):]
        position = end
    body = data[position:]
    if checksum is None or checksum != f"{zlib.crc32(body):08x}":
        return None
    return body.decode("utf-8")[:-1]  # (the checksum proves it ends with a line break, or is empty)


def first_line(text: str, start: int) -> str:
    """The line of ``text`` that starts at ``start``."""
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end]


class SortedWords:
    """The lines of ``text`` (sorted by :func:`sort_key`), looked up by their lowercase form."""

    def __init__(self, text: str, step: int = STEP):
        self.text = text
        starts = [0]
        for position in range(step, len(text), step):
            newline = text.find("\n", position)
            if newline < 0:
                break
            if newline + 1 > starts[-1]:
                starts.append(newline + 1)
        self.starts = [*starts, len(text) + 1]  # window i is text[starts[i]:starts[i + 1] - 1]
        self.heads = [first_line(text, start).lower() for start in starts]
        self.memo: dict[str, str | None] = {}
        self.table: dict[str, str] | None = None

    @classmethod
    def of(cls, lines, step: int = STEP) -> "SortedWords":
        """The index of any lines (sorted here; blank ones dropped)."""
        return cls("\n".join(sorted(set(filter(None, lines)), key=sort_key)), step)

    def get(self, lower: str) -> str | None:
        """The line whose lowercase form is ``lower``, or None (once the table is built, the
        table's own ``get``: see :meth:`build_table`)."""
        try:
            return self.memo[lower]
        except KeyError:
            pass
        found = self.memo[lower] = self.search(lower)
        if len(self.memo) > LIMIT:
            self.build_table()
        return found

    def __bool__(self) -> bool:
        return bool(self.text)

    def __contains__(self, lower: str) -> bool:
        return self.has(lower)

    def has(self, lower: str) -> bool:
        """Whether ``lower`` is the lowercase form of a line (the table's ``__contains__`` once built)."""
        return self.get(lower) is not None

    def among(self, words) -> set[str]:
        """The ``words`` (lowercase forms) that are listed: a set intersection once the table is built.

        Many words at once (a long document's) build the table first: looking them up one by
        one would cost more.
        """
        if self.table is None and len(words) + len(self.memo) > LIMIT:
            self.build_table()
        if self.table is not None:
            return self.table.keys() & words
        return {word for word in words if self.get(word) is not None}

    def lines_with(self, char: str) -> list[str]:
        """The lines that hold ``char`` ("New York" for a space), in order: ``str.find`` jumps
        from one to the next, so a list of 80,000 lines with 1,600 such costs 1,600 steps."""
        found, text = [], self.text
        position = text.find(char)
        while position >= 0:
            start = text.rfind("\n", 0, position) + 1
            end = text.find("\n", position)
            end = len(text) if end < 0 else end
            found.append(text[start:end])
            position = text.find(char, end)
        return found

    def search(self, lower: str) -> str | None:
        """Find ``lower`` in the one window of lines where it can be (lines with the same
        lowercase form are adjacent, and the next window's first line sorts after it)."""
        index = bisect.bisect_right(self.heads, lower) - 1
        if index < 0 or not lower or "\n" in lower:
            return None
        window = self.text[self.starts[index]:self.starts[index + 1] - 1]
        lowered = window.lower()
        position = ("\n" + lowered + "\n").rfind("\n" + lower + "\n")
        if position < 0:
            return None
        if len(lowered) == len(window):  # no character lowercased to several: the same offsets
            return window[position:position + len(lower)]
        return next(line for line in reversed(window.split("\n")) if line.lower() == lower)

    def build_table(self) -> dict[str, str]:
        """Lowercase form -> line for every line; from then on lookups are dict lookups."""
        lines = self.text.split("\n")
        lowered = self.text.lower()
        keys = lines if lowered == self.text else lowered.split("\n")
        self.table = dict(zip(keys, lines)) if self.text else {}
        self.memo = {}
        # The hot lookups become the dict's own methods, with no Python step in between.
        self.get, self.has = self.table.get, self.table.__contains__
        return self.table
