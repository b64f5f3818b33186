"""The built-in checkers, in the order the chain runs them.

Order matters: encoding first (later rules need real characters), then boilerplate lines,
spacing and punctuation, sentence breaks, repetition, casing, terminology, and grammar
last (slowest, least sure). A stage runs its code modules (``cleaner/rules/<name>.py``,
each with a ``checkers(config)`` function), then the rule packs whose kind belongs to it.
Modules are imported when a :class:`~cleaner.Cleaner` is built, not at ``import cleaner``.
"""

from __future__ import annotations

import importlib

from .. import packs

CHAIN = (
    ("encoding", ("encoding",)),
    ("boilerplate", ()),
    ("spacing", ("spacing", "punctuation")),
    ("breaks", ("breaks",)),
    ("repetition", ("repetition",)),
    ("casing", ("casing",)),
    ("terminology", ()),
    ("untranslated", ("untranslated",)),
    ("grammar", ("grammar",)),
    ("suppression", ("suppression",)),  # registers MTC003; the cleaner reports it after the chain
)


def build_chain(config) -> list:
    """Instantiate every checker for ``config`` (built-in code, built-in and user packs), in order."""
    loaded = packs.load_packs(config)
    checkers = []
    for stage, modules in CHAIN:
        for name in modules:
            module = importlib.import_module(f"{__name__}.{name}")
            checkers.extend(module.checkers(config))
        checkers.extend(checker for checker_stage, checker in loaded if checker_stage == stage)
    return checkers
