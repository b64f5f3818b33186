"""Rule packs: TOML files of rules of a few generic kinds, built in or the user's own.

A pack is a list of ``[[rule]]`` tables. Common keys document the rule (they feed
``--explain``, ``--list-rules`` and the README table); ``kind`` picks the engine from
:mod:`cleaner.kinds`; the kind's own keys hold the data (phrases, substitutions...).
The built-in packs are ``rules/*.toml``, shipped inside the wheel. See ``rules/README.md``.

>>> sorted(COMMON_REQUIRED)[:3]
['applicability', 'bad', 'code']
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

from .builtin_data import builtin_dir, builtin_toml, parse_toml, toml_parser
from .config import ConfigError
from .edits import Applicability
from .registry import FORMATS, RuleDoc

COMMON_REQUIRED = {"code": str, "name": str, "kind": str, "message": str, "what": str, "why": str,
                   "bad": str, "good": str, "applicability": str}
COMMON_OPTIONAL = {"safety": str, "default_enabled": bool, "fmt": str, "formats": list}
KINDS = {"line-filter": "line_filter", "substitution": "substitution", "casing-lexicon": "casing_lexicon",
         "pattern": "pattern"}
BUILTIN_FAMILIES = frozenset({"ENC", "SPC", "PUN", "BPL", "BRK", "REP", "CAS", "UNT", "GRM", "MTC"})
"""Code prefixes of the built-in rules; a user pack picks any other capital-letter prefix."""


def builtin_pack_dir() -> Path:
    """Where the built-in packs are: inside the installed package, or ``rules/`` in a checkout."""
    return Path(builtin_dir())


def is_builtin_pack(path) -> bool:
    """Whether ``path`` is one of the packs shipped with mtclean (checked by the test suite)."""
    return Path(path).resolve().parent == builtin_pack_dir().resolve()


def builtin_pack_paths() -> list[Path]:
    return sorted(builtin_pack_dir().glob("*.toml"))


@lru_cache(maxsize=64)
def read_pack(path: str, builtin: bool = False) -> tuple[tuple[str, object], ...]:
    """Parse and validate one pack; return ``(stage, checker)`` pairs. Cached per path.

    A built-in pack is read from its shipped parsed copy (:mod:`cleaner.builtin_data`).
    """
    try:
        data = builtin_toml(Path(path).name) if builtin else parse_toml(path)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read rule pack: {error.strerror or error}") from None
    except toml_parser().TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    unknown = set(data) - {"rule", "pack"}
    if unknown:
        raise ConfigError(f"{path}: unknown top-level key {sorted(unknown)[0]!r} (expected [[rule]] tables)")
    by_kind: dict[str, list[tuple[dict, RuleDoc]]] = {}
    for index, entry in enumerate(data.get("rule", []), 1):
        where = f"{path}: rule {index}" + (f" ({entry.get('code')})" if isinstance(entry, dict) and "code" in entry else "")
        doc = validate_entry(entry, where, "built-in" if builtin else path)
        by_kind.setdefault(entry["kind"], []).append((entry, doc))
    result = []
    for kind, items in by_kind.items():
        module = importlib.import_module(f"cleaner.kinds.{KINDS[kind]}")
        for entry, doc in items:
            check_fields(entry, module.FIELDS, f"{path}: {doc.code}")
        result.append((module.STAGE, module.build([e for e, _ in items], [d for _, d in items], path)))
    return tuple(result)


def validate_entry(entry, where: str, source: str) -> RuleDoc:
    """Check the common keys of one rule table and return its documentation."""
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a table")
    for key, kind in COMMON_REQUIRED.items():
        if key not in entry:
            raise ConfigError(f"{where}: missing key {key!r}")
        if not isinstance(entry[key], kind):
            raise ConfigError(f"{where}: {key!r} must be a {kind.__name__}")
    for key, kind in COMMON_OPTIONAL.items():
        if key in entry and not isinstance(entry[key], kind):
            raise ConfigError(f"{where}: {key!r} must be a {kind.__name__}")
    code = entry["code"]
    family = code.rstrip("0123456789")
    if not (family and family.isupper() and family.isascii() and len(code) > len(family)):
        raise ConfigError(f"{where}: code {code!r} must be capital letters then digits, like XYZ001")
    if entry["kind"] not in KINDS:
        raise ConfigError(f"{where}: unknown kind {entry['kind']!r} (expected one of {', '.join(KINDS)})")
    try:
        applicability = Applicability(entry["applicability"])
    except ValueError:
        raise ConfigError(f"{where}: applicability must be safe, unsafe or report") from None
    formats = tuple(entry.get("formats", FORMATS))
    if not formats or not all(isinstance(name, str) and name in FORMATS for name in formats):
        raise ConfigError(f"{where}: formats must list some of {', '.join(FORMATS)}")
    return RuleDoc(code, entry["name"], entry["message"], entry["what"], entry["why"], entry["bad"],
                   entry["good"], applicability, entry.get("safety", ""), entry.get("default_enabled", True),
                   entry.get("fmt", "text"), source, formats)


def check_fields(entry: dict, fields: dict, where: str) -> None:
    """Reject unknown keys and keys of the wrong type, naming the rule."""
    allowed = set(COMMON_REQUIRED) | set(COMMON_OPTIONAL) | set(fields)
    for key in entry:
        if key not in allowed:
            raise ConfigError(f"{where}: unknown key {key!r} for kind {entry['kind']!r}")
    for key, kind in fields.items():
        if key in entry and not isinstance(entry[key], kind):
            raise ConfigError(f"{where}: {key!r} must be a {getattr(kind, '__name__', kind)}")


def load_packs(config) -> list[tuple[str, object]]:
    """Every pack's checkers: the built-in packs, then ``config.packs`` in order."""
    loaded = []
    seen_codes: dict[str, str] = {}
    builtin = builtin_pack_paths()
    for path in [*builtin, *map(Path, config.packs)]:
        for stage, checker in read_pack(str(path), path in builtin):
            for doc in checker.docs:
                if path not in builtin and doc.family in BUILTIN_FAMILIES:
                    raise ConfigError(f"{path}: code {doc.code} uses the built-in family {doc.family}: "
                                      f"user rules need a prefix of their own, like ACME001")
                if doc.code in seen_codes:
                    raise ConfigError(f"{path}: code {doc.code} is already defined in {seen_codes[doc.code]}")
                seen_codes[doc.code] = str(path)
            loaded.append((stage, checker))
    return loaded
