"""Settings of a run: which rules, which fixes, which words are never touched.

A :class:`Config` is immutable so one :class:`~cleaner.Cleaner` can be shared by many
documents. Reading it from ``pyproject.toml`` / ``.mtclean.toml`` lives in
:mod:`cleaner.settings`.

>>> Config(select=("ENC",)).select
('ENC',)
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
