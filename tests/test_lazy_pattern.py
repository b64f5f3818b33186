"""Patterns compiled on first use behave as the compiled pattern."""

from __future__ import annotations

import copy
import pickle
import re

import regex

from cleaner.lazy_pattern import LazyPattern


def test_compiled_on_first_use_only():
    lazy = LazyPattern(r"\p{Lu}\p{Ll}+")
    assert lazy._compiled is None
    assert lazy.findall("Über alles, Kyiv") == ["Über", "Kyiv"]
    first = lazy._compiled
    assert first is not None and lazy.search("Paris").group() == "Paris"
    assert lazy._compiled is first


def test_public_names_are_the_compiled_patterns():
    lazy = LazyPattern(r"[.!?]+ ", regex.REVERSE)
    compiled = regex.compile(r"[.!?]+ ", regex.REVERSE)
    assert (lazy.pattern, lazy.flags, lazy.groups) == (compiled.pattern, compiled.flags, compiled.groups)
    assert lazy.search("One. Two! Three").span() == compiled.search("One. Two! Three").span()


def test_standard_library_patterns():
    lazy = LazyPattern(r"(?<=\w) (?=\w)", module="re")
    assert isinstance(lazy.compiled(), re.Pattern)
    assert [m.start() for m in lazy.finditer("a b  c d")] == [1, 6]


def test_copies_and_pickles_are_patterns_too():
    lazy = LazyPattern(r"\p{L}+")
    for other in (copy.copy(lazy), copy.deepcopy(lazy), pickle.loads(pickle.dumps(lazy))):
        assert other.findall("ça va, 42") == ["ça", "va"]
    lazy.findall("compiled now")
    assert pickle.loads(pickle.dumps(lazy)).findall("ça va") == ["ça", "va"]
    assert pickle.loads(pickle.dumps(LazyPattern(r"[«»]", module="re"))).search("a » b").start() == 2
