"""mtclean: repair what machine translation and web scraping leave in prose.

>>> from cleaner import clean
>>> r = clean("It costs 5 euros , not 6 .")
>>> r.text
'It costs 5 euros, not 6.'
>>> [(f.rule, f.start, f.end, f.replacement) for f in r.fixes]
[('SPC001', 16, 17, ''), ('SPC001', 24, 25, '')]

``Cleaner(config)`` loads the rules once and cleans many documents.
"""

from __future__ import annotations

from .cleaner import Cleaner, Result
from .config import Config, ConfigError
from .edits import Applicability, Finding, Fix, apply_edits

__version__ = "0.1.0"
__all__ = ["clean", "Cleaner", "Config", "ConfigError", "Result", "Fix", "Finding", "Applicability",
           "apply_edits", "__version__"]


def clean(text: str, fmt: str = "text", config: Config | None = None) -> Result:
    """Clean ``text`` with the default rules (or ``config``); ``fmt`` is ``text`` or ``markdown``."""
    return _default_cleaner(config).clean(text, fmt=fmt)


_CACHE: dict = {}


def _default_cleaner(config):
    key = config or Config()
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = Cleaner(key)
    return _CACHE[key]
