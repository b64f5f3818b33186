"""The built-in TOML files (rule packs, rule data), read from a shipped JSON copy.

The standard library's TOML parser is pure Python: importing it and parsing the built-in
packs and data files took some 30 ms of every start, a tenth of a short run. The files under
``rules/`` stay the source that people read and edit; ``scripts/build_builtin_data.py`` writes
their parsed contents to ``cleaner/builtin_data.json`` with each file's size and CRC-32, and
the JSON parser reads that in well under a millisecond. A file whose bytes no longer match
its copy (a built-in pack edited in a checkout) is parsed as TOML, so a stale copy costs
time, never results. Users' packs and configuration files are always parsed as TOML.

>>> builtin_toml("data/repetition.toml") == parse_toml(os.path.join(builtin_dir(), "data", "repetition.toml"))
True
"""

from __future__ import annotations

import json
import os
import zlib
from functools import lru_cache

COPY_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "builtin_data.json")


def toml_parser():
    """The TOML module (``tomllib``, or ``tomli`` before Python 3.11), imported on first use."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib


def parse_toml(path) -> dict:
    """Parse the TOML file at ``path`` (``OSError``, ``TOMLDecodeError`` as the parser raises them)."""
    with open(path, "rb") as handle:
        return toml_parser().load(handle)


def builtin_dir() -> str:
    """Where the built-in rules are: inside the installed package, or ``rules/`` in a checkout.

    The package is always files on disk (the rules are read as paths), so its own directory is
    the place to look; ``importlib.resources`` would add its import time to every start.
    """
    package = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(package, "_rules")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(package), "rules")  # running from a source checkout


def builtin_names() -> list[str]:
    """Every built-in TOML file, as a ``/``-separated path relative to :func:`builtin_dir`, sorted."""
    root = builtin_dir()
    names = []
    for directory, folders, files in os.walk(root):
        folders.sort()
        relative = os.path.relpath(directory, root)
        names += [name if relative == "." else f"{relative}/{name}".replace(os.sep, "/")
                  for name in files if name.endswith(".toml")]
    return sorted(names)


@lru_cache(maxsize=None)
def builtin_toml(name: str) -> dict:
    """The parsed contents of the built-in file ``name`` (like ``"data/stopwords.toml"``), read once.

    The result is shared by every caller: read it, never change it.
    """
    path = os.path.join(builtin_dir(), *name.split("/"))
    with open(path, "rb") as handle:
        raw = handle.read()
    copy = shipped_copies().get(name)
    if copy is not None and is_copy_of(copy, raw):
        return copy["data"]
    return toml_parser().loads(raw.decode("utf-8"))


def is_copy_of(copy: dict, raw: bytes) -> bool:
    """Whether the shipped ``copy`` was made from a file holding exactly ``raw``."""
    return copy.get("size") == len(raw) and copy.get("crc32") == zlib.crc32(raw)


@lru_cache(maxsize=1)
def shipped_copies() -> dict:
    try:
        with open(COPY_FILE, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return {}  # parsed as TOML: slower, same results


def copy_file_text() -> str:
    """The text of ``builtin_data.json`` for the built-in files as they are now (one file a line)."""
    lines = []
    for name in builtin_names():
        with open(os.path.join(builtin_dir(), *name.split("/")), "rb") as handle:
            raw = handle.read()
        copy = {"size": len(raw), "crc32": zlib.crc32(raw), "data": toml_parser().loads(raw.decode("utf-8"))}
        lines.append(f"{json.dumps(name)}: {json.dumps(copy, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"
