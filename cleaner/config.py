"""Settings of a run: which rules, which fixes, which words are never touched.

A :class:`Config` is immutable so one :class:`~cleaner.Cleaner` can be shared by many
documents. Reading it from ``pyproject.toml`` / ``.mtclean.toml`` lives in
:mod:`cleaner.settings`.

>>> Config(select=("ENC",)).select
('ENC',)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from os import PathLike, fspath


class ConfigError(ValueError):
    """An invalid setting or rule pack; the message names the file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Config:
    """What to run. ``select=None`` means the rules that are on by default."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    accept: tuple[str, ...] = ()
    """Words and phrases that are never changed or flagged (names that look like artifacts)."""
    packs: tuple[str, ...] = ()
    """Paths of extra rule packs (TOML) to load next to the built-in ones."""
    language: str = "en"
    grammar: bool = False
    languagetool_url: str | None = None
    grammar_disabled_rules: tuple[str, ...] = ()
    grammar_disabled_categories: tuple[str, ...] = ()
    options: dict = field(default_factory=dict, hash=False, compare=False)
    """Free-form options for checkers (e.g. preferred-spelling packs); read by the rule that owns them."""

    def __post_init__(self):
        """Lists become tuples (a Config is hashable: one Cleaner is kept per configuration);
        a wrong type is an error here rather than a surprise later (``select="SPC"`` would
        otherwise select the prefixes S, P and C)."""
        for name in LIST_FIELDS:
            value = getattr(self, name)
            if value is None and name == "select":
                continue
            if isinstance(value, str):
                raise ConfigError(f"{name!r} must be a list of strings, like {name}=['...'], not a string")
            try:
                items = tuple(fspath(item) if name == "packs" and isinstance(item, PathLike) else item
                              for item in value)
            except TypeError:
                items = None
            if items is None or not all(isinstance(item, str) for item in items):
                raise ConfigError(f"{name!r} must be a list of strings, not {value!r}")
            if items != value:
                object.__setattr__(self, name, items)
        for name in ("unsafe_fixes", "grammar"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"{name!r} must be True or False, not {getattr(self, name)!r}")
        if not isinstance(self.language, str):
            raise ConfigError(f"'language' must be a string, like language='en', not {self.language!r}")
        if not (self.languagetool_url is None or isinstance(self.languagetool_url, str)):
            raise ConfigError(f"'languagetool_url' must be a string or None, not {self.languagetool_url!r}")


LIST_FIELDS = ("select", "extend_select", "ignore", "accept", "packs", "grammar_disabled_rules",
               "grammar_disabled_categories")
