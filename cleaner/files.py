"""Reading and rewriting prose files without ever damaging them.

A pre-commit hook that corrupts a file is worse than one that misses a typo, so this module
is strict:

- **Encodings are never guessed.** UTF-8 (with or without a BOM) and UTF-16/UTF-32 with a BOM
  are recognised and written back exactly as they came (BOM kept). Anything else (Latin-1,
  Windows-1252, binary data with NUL bytes) is refused with a :class:`FileError` unless the
  caller names the encoding; nothing is ever silently transcoded.
- **Line endings are the caller's text.** Bytes are decoded without newline translation, so
  ``\\r\\n`` reaches the cleaner and comes back out as it went in.
- **Writes are atomic.** The new content goes to a temporary file in the same directory,
  is flushed and fsynced, gets the original permission bits, and replaces the file with
  :func:`os.replace`. A symlink is followed: its target is rewritten and the link stays.
- **Races are detected.** If the file on disk no longer holds the bytes that were read,
  nothing is written and a :class:`FileError` says so.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_bytes(b"\\xef\\xbb\\xbfone\\r\\ntwo")
>>> source = read_source(str(folder / "a.txt"))
>>> source.text, source.encoding, source.bom
('one\\r\\ntwo', 'utf-8', True)
>>> write_source(source, "One\\r\\ntwo")
>>> (folder / "a.txt").read_bytes()
b'\\xef\\xbb\\xbfOne\\r\\ntwo'
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass

DEFAULT_MAX_SIZE = 50 * 1024 * 1024

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
BOM_FOR = {name: bom for bom, name in BOMS}


class FileError(Exception):
    """A file that cannot be cleaned safely; ``str()`` is one line naming the file."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Source:
    """A file's decoded text and everything needed to write it back byte-faithfully."""

    path: str
    """The path as the user gave it (used in messages)."""
    text: str
    encoding: str
    """A Python codec name, without BOM handling (``utf-8``, ``utf-16-le``...)."""
    bom: bool
    raw: bytes
    """The bytes that were read: a write goes ahead only while the file still holds them."""


def read_source(path: str, encoding: str | None = None, max_size: int = DEFAULT_MAX_SIZE) -> Source:
    """Read and decode ``path``, refusing what cannot be round-tripped.

    ``encoding`` (any Python codec name) overrides detection; it is the only way to read a
    file that is not UTF-8 or BOM-marked Unicode. Raises :class:`FileError`.
    """
    info = stat_regular_file(path)
    if max_size is not None and info.st_size > max_size:
        raise FileError(path, f"skipped: {info.st_size} bytes is more than --max-size {max_size}")
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise FileError(path, describe_os_error(error)) from None
    if max_size is not None and len(raw) > max_size:  # it grew since stat()
        raise FileError(path, f"skipped: {len(raw)} bytes is more than --max-size {max_size}")
    text, codec, bom = decode_bytes(path, raw, encoding)
    return Source(path, text, codec, bom, raw)


def stat_regular_file(path: str) -> os.stat_result:
    """``os.stat`` of ``path`` (following links), or a :class:`FileError` for anything but a file."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise FileError(path, describe_os_error(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileError(path, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise FileError(path, "is not a regular file")
    return info


def describe_os_error(error: OSError) -> str:
    """``No such file or directory`` rather than ``[Errno 2] No such file or directory: 'x'``."""
    return error.strerror or str(error)


def decode_bytes(path: str, raw: bytes, encoding: str | None = None) -> tuple[str, str, bool]:
    """Decode ``raw`` to ``(text, codec, has_bom)``; see the module docstring for the policy.

    >>> decode_bytes("x", b"caf\\xc3\\xa9")
    ('café', 'utf-8', False)
    >>> decode_bytes("x", b"\\xff\\xfeh\\x00i\\x00")
    ('hi', 'utf-16-le', True)
    >>> decode_bytes("x", b"caf\\xe9")
    Traceback (most recent call last):
    cleaner.files.FileError: x: not valid UTF-8 (byte 0xe9 at offset 3); name the encoding with --encoding, e.g. --encoding cp1252
    """
    if encoding:
        return decode_named(path, raw, encoding)
    for bom, codec in BOMS:
        if raw.startswith(bom):
            return decode_strict(path, raw[len(bom):], codec), codec, True
    if b"\x00" in raw:
        raise FileError(path, "looks binary (it contains NUL bytes); not cleaned")
    return decode_strict(path, raw, "utf-8"), "utf-8", False


def decode_named(path: str, raw: bytes, encoding: str) -> tuple[str, str, bool]:
    """Decode with the encoding the user named; a BOM of that encoding is kept if present.

    >>> decode_named("x", b"caf\\xe9", "cp1252")
    ('café', 'cp1252', False)
    >>> decode_named("x", b"\\xfe\\xff\\x00h", "utf-16")
    ('h', 'utf-16-be', True)
    """
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise FileError(path, f"unknown encoding {encoding!r}") from None
    codec = "utf-8" if codec == "utf-8-sig" else codec
    if codec in ("utf-16", "utf-32"):  # byte order from the BOM; without one it would be a guess
        for bom, name in BOMS:
            if name.startswith(codec) and raw.startswith(bom):
                return decode_strict(path, raw[len(bom):], name), name, True
        raise FileError(path, f"{codec} without a byte order mark; name the order, e.g. --encoding {codec}-le")
    bom = BOM_FOR.get(codec)
    if bom and raw.startswith(bom):
        return decode_strict(path, raw[len(bom):], codec), codec, True
    return decode_strict(path, raw, codec), codec, False


def decode_strict(path: str, raw: bytes, codec: str) -> str:
    """Decode or raise a :class:`FileError` that says where and what to do."""
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as error:
        byte = raw[error.start:error.start + 1].hex()
        label = "UTF-8" if codec == "utf-8" else codec
        hint = "; name the encoding with --encoding, e.g. --encoding cp1252" if codec == "utf-8" else ""
        raise FileError(path, f"not valid {label} (byte 0x{byte} at offset {error.start}){hint}") from None


def encode_text(source: Source, text: str) -> bytes:
    """The bytes for ``text`` in the source's encoding, BOM included when it had one."""
    try:
        body = text.encode(source.encoding)
    except UnicodeEncodeError as error:
        raise FileError(source.path, f"the cleaned text cannot be written as {source.encoding} "
                                     f"({error.object[error.start]!r} at {error.start})") from None
    return (BOM_FOR.get(source.encoding, b"") if source.bom else b"") + body


def before_replace(target: str) -> None:
    """Called after the temporary file is written, just before the race check and the rename.

    A seam for tests: replace it (``monkeypatch.setattr(files, "before_replace", ...)``) to
    change the file on disk at exactly the moment a concurrent editor would.
    """


def write_source(source: Source, text: str) -> None:
    """Replace the file's content with ``text``, atomically, keeping encoding, BOM and mode.

    Raises :class:`FileError` (and leaves the file untouched) when the file changed on disk
    since it was read, or when the write fails.
    """
    target = os.path.realpath(source.path)  # rewrite a symlink's target, keep the link
    data = encode_text(source, text)
    try:
        info = os.stat(target)
    except OSError as error:
        raise FileError(source.path, describe_os_error(error)) from None
    temporary = write_temporary(source.path, target, data, info)
    try:
        before_replace(target)
        if not still_holds(target, source.raw):
            raise FileError(source.path, "changed on disk while it was being cleaned; not written")
        os.replace(temporary, target)
    except BaseException:
        remove_quietly(temporary)
        raise
    sync_directory(os.path.dirname(target))


def write_temporary(path: str, target: str, data: bytes, info: os.stat_result) -> str:
    """Write ``data`` to a new file next to ``target`` (same file system), fsynced; return its path.

    The new file gets the permission bits of ``info`` (the target's stat) and, where the
    process may set them (root), its owner and group. Hard links to the target are not
    preserved: the rename gives the path a new inode.
    """
    import tempfile

    directory, name = os.path.split(target)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".mtclean", dir=directory or ".")
    except OSError as error:
        raise FileError(path, f"cannot write next to it: {describe_os_error(error)}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        keep_owner(temporary, info)
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
    except OSError as error:
        remove_quietly(temporary)
        raise FileError(path, f"write failed: {describe_os_error(error)}") from None
    return temporary


def keep_owner(path: str, info: os.stat_result) -> None:
    """Give ``path`` the owner and group in ``info`` when they differ and the system allows it."""
    if not hasattr(os, "chown"):
        return
    current = os.stat(path)
    if (current.st_uid, current.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.chown(path, info.st_uid, info.st_gid)
    except OSError:
        pass  # an ordinary user cannot give a file away; the mode is still kept


def still_holds(target: str, raw: bytes) -> bool:
    """Whether ``target`` still contains exactly ``raw`` (size first, then the bytes)."""
    try:
        if os.stat(target).st_size != len(raw):
            return False
        with open(target, "rb") as handle:
            return handle.read() == raw
    except OSError:
        return False


def sync_directory(directory: str) -> None:
    """fsync the directory so the rename survives a crash (best effort: not every system allows it)."""
    try:
        handle = os.open(directory or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def read_stdin(stream, encoding: str | None = None) -> Source:
    """Read standard input (bytes) with the same decoding policy as files; path ``-``."""
    raw = stream.read()
    text, codec, bom = decode_bytes("-", raw, encoding)
    return Source("-", text, codec, bom, raw)
