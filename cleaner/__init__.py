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

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for type checkers; at run time the names come from __getattr__
    from .cleaner import Cleaner, Result
    from .config import Config, ConfigError
    from .edits import Applicability, Finding, Fix, apply_edits

__version__ = "0.1.0"
__all__ = ["clean", "Cleaner", "Config", "ConfigError", "Result", "Fix", "Finding", "Applicability",
           "apply_edits", "__version__"]

# The public names and the modules that define them, imported on first use (PEP 562): the
# command (``cleaner.cli``, ``python -m cleaner``) imports this package before it runs, and
# loads the rest itself, with the garbage collector paused (see ``cleaner.cli.load_rules``);
# ``--version`` and ``--help`` load nothing.
PUBLIC = {"Cleaner": "cleaner", "Result": "cleaner", "Config": "config", "ConfigError": "config",
          "Applicability": "edits", "Finding": "edits", "Fix": "edits", "apply_edits": "edits"}


def __getattr__(name: str):
    module = PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *PUBLIC})


def clean(text: str, fmt: str = "text", config: Config | None = None) -> Result:
    """Clean ``text`` with the default rules (or ``config``); ``fmt`` is ``text`` or ``markdown``."""
    return _default_cleaner(config).clean(text, fmt=fmt)


_CACHE: dict = {}


def _default_cleaner(config):
    from .cleaner import Cleaner
    from .config import Config

    key = config or Config()
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = Cleaner(key)
    return _CACHE[key]
