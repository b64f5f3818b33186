"""The shipped JSON copy of the built-in TOML files: current, equal to the TOML, and never trusted when stale."""

from __future__ import annotations

import json
import os
import tomllib
import zlib

from cleaner import builtin_data
from cleaner.builtin_data import (COPY_FILE, builtin_dir, builtin_names, builtin_toml, copy_file_text, is_copy_of,
                                  parse_toml)


def test_shipped_copy_is_current():
    """Regenerate with scripts/build_builtin_data.py when a built-in TOML file changes."""
    with open(COPY_FILE, encoding="utf-8") as handle:
        current = handle.read() == copy_file_text()
    assert current, "cleaner/builtin_data.json is stale: run python scripts/build_builtin_data.py"


def test_every_built_in_file_reads_as_its_toml():
    names = builtin_names()
    assert {"boilerplate.toml", "casing.toml", "data/stopwords.toml", "grammar/languagetool.toml"} <= set(names)
    for name in names:
        path = os.path.join(builtin_dir(), *name.split("/"))
        with open(path, "rb") as handle:
            expected = tomllib.load(handle)
        assert builtin_toml(name) == expected, name
        assert builtin_data.shipped_copies()[name]["data"] == expected, name


def test_copy_is_used_only_for_the_exact_bytes_it_was_made_from():
    raw = b'[words]\nlist = ["a", "b"]\n'
    copy = {"size": len(raw), "crc32": zlib.crc32(raw), "data": {"words": {"list": ["a", "b"]}}}
    assert is_copy_of(copy, raw)
    assert not is_copy_of(copy, raw.replace(b'"b"', b'"c"'))  # same size, other bytes
    assert not is_copy_of(copy, raw + b"\n")
    assert not is_copy_of({}, raw)


def test_stale_copy_is_not_used(tmp_path, monkeypatch):
    """A built-in file edited after the copy was made is parsed as TOML."""
    rules = tmp_path / "rules"
    (rules / "data").mkdir(parents=True)
    (rules / "data" / "words.toml").write_text('words = ["edited"]\n', encoding="utf-8")
    copy_file = tmp_path / "copy.json"
    copy_file.write_text(json.dumps({"data/words.toml": {"size": 18, "crc32": 0, "data": {"words": ["old"]}}}),
                         encoding="utf-8")
    monkeypatch.setattr(builtin_data, "builtin_dir", lambda: str(rules))
    monkeypatch.setattr(builtin_data, "COPY_FILE", str(copy_file))
    builtin_data.shipped_copies.cache_clear()
    builtin_data.builtin_toml.cache_clear()
    try:
        assert builtin_toml("data/words.toml") == {"words": ["edited"]}
        assert builtin_names() == ["data/words.toml"]
    finally:
        builtin_data.shipped_copies.cache_clear()
        builtin_data.builtin_toml.cache_clear()


def test_user_files_are_parsed_as_toml(tmp_path):
    path = tmp_path / "pack.toml"
    path.write_text('[[rule]]\ncode = "ACME001"\n', encoding="utf-8")
    assert parse_toml(path) == {"rule": [{"code": "ACME001"}]}
