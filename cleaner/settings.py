"""Reading settings from ``pyproject.toml`` / ``.mtclean.toml``, found from each file upward.

Discovery follows ruff: for a file, walk from its directory up to the filesystem root and
take the first directory that has a ``.mtclean.toml`` (top-level keys) or a
``pyproject.toml`` with a ``[tool.mtclean]`` table (a ``pyproject.toml`` without one is
skipped); in one directory ``.mtclean.toml`` wins. The nearest file is used alone: settings
are not merged across files. ``--config PATH`` uses one file for every path and
``--isolated`` none at all.

Globs (``exclude``, ``extend-exclude``, ``per-file-ignores``, ``format``) are relative to
the directory of the file that defines them, and are matched against the file's path
relative to that directory, against each of its parent directories, and against its
name: ``"drafts"`` excludes ``drafts/a.md`` and ``notes/drafts/b.md``; ``"*.mdx"`` matches
in any directory. ``*`` also matches ``/`` (``"docs/*.md"`` takes ``docs/a/b.md``).

An invalid file stops the run with :class:`~cleaner.config.ConfigError`, whose message
starts with ``path:line:`` where the line can be found:

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / ".mtclean.toml").write_text('select = ["SPC"]\\nunsafe_fixes = true\\n')
>>> Resolver().settings_for(folder / "a.md")
Traceback (most recent call last):
  ...
cleaner.config.ConfigError: ...mtclean.toml:2: unknown key 'unsafe_fixes' (did you mean 'unsafe-fixes'?)
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .builtin_data import toml_parser
from .config import Config, ConfigError
from .formats import FORMATS

DOTFILE = ".mtclean.toml"
PYPROJECT = "pyproject.toml"
TABLE = "tool.mtclean"
ENGLISH = ("en", "en-us", "en-gb", "english")

DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".bzr", ".tox", ".nox", ".venv", "venv", "__pycache__",
                   "node_modules", "site-packages", "_build", "build", "dist",
                   "LICENSE", "LICENSE.*", "LICENSE-*", "LICENCE", "LICENCE.*", "LICENCE-*", "LICENSES",
                   "license", "license.*", "licence", "licence.*", "COPYING", "COPYING.*", "NOTICE", "NOTICE.*",
                   "CMakeLists.txt", "requirements*.txt", "*requirements.txt", "constraints*.txt", "robots.txt",
                   "runtime.txt")
"""Skipped unless ``exclude`` replaces the list: version control, environments, build output,
license and notice files, whose copyright lines ("Copyright (c) 2020 Jane Doe") look like the
footer of a scraped page that BPL017 removes from plain text, and text files that programs read (CMake lists,
pip requirements, robots.txt), which pre-commit hands a plain-text hook too."""

STRING_LISTS = ("select", "extend-select", "ignore", "exclude", "extend-exclude", "rule-packs", "accept",
                "grammar-disabled-rules", "grammar-disabled-categories")
BOOLEANS = ("unsafe-fixes", "grammar")
STRINGS = ("language", "languagetool-url")
TABLES = ("per-file-ignores", "format")
KEYS = (*STRING_LISTS, *BOOLEANS, *STRINGS, *TABLES)
SELECTOR_KEYS = ("select", "extend-select", "ignore")


@dataclass(frozen=True)
class Settings:
    """What one configuration file says: the :class:`Config` plus its file-level settings.

    ``root`` is the directory the globs are relative to; ``source`` the file (``None`` for
    the defaults).
    """

    config: Config = field(default_factory=Config)
    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    formats: tuple[tuple[str, str], ...] = ()

    def is_excluded(self, path) -> bool:
        """True when ``path`` or one of its parent directories matches an ``exclude`` glob."""
        return any(matches(path, self.root, glob, parents=True) for glob in self.exclude)

    def config_for(self, path) -> Config:
        """The :class:`Config` for ``path``: the file's settings plus its ``per-file-ignores``.

        ``None`` (standard input without a name, or the project as a whole) gets no per-file ignores.
        """
        if path is None:
            return self.config
        extra = [code for glob, codes in self.per_file_ignores if matches(path, self.root, glob) for code in codes]
        if not extra:
            return self.config
        return replace(self.config, ignore=(*self.config.ignore, *extra))

    def format_for(self, path) -> str | None:
        """The format a ``format`` glob gives ``path`` (the first that matches), else ``None``."""
        if path is None:
            return None
        for glob, fmt in self.formats:
            if matches(path, self.root, glob):
                return fmt
        return None


def matches(path, root: Path, glob: str, parents: bool = False) -> bool:
    """Whether ``glob`` matches ``path`` (relative to ``root``) or its name; with ``parents``, a parent too.

    >>> matches("/r/docs/a/b.md", Path("/r"), "docs/*.md")
    True
    >>> matches("/r/notes/drafts/b.md", Path("/r"), "drafts", parents=True)
    True
    >>> matches("/r/notes/drafts/b.md", Path("/r"), "drafts")
    False
    >>> matches("/r/drafts/b.md", Path("/r"), "./drafts/", parents=True)
    True
    """
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, os.path.abspath(root))
    except ValueError:  # another drive (Windows)
        relative = absolute
    if relative == ".." or relative.startswith(".." + os.sep):
        relative = absolute  # outside the root: match the absolute path and the names
    parts = Path(relative).parts
    glob = glob.rstrip("/")
    if glob.startswith("./"):
        glob = glob[2:]
    candidates = [Path(relative).as_posix(), parts[-1]] if parts else []
    if parents:
        candidates += [Path(*parts[:i]).as_posix() for i in range(1, len(parts))] + list(parts[:-1])
    return any(fnmatch.fnmatchcase(candidate, glob) for candidate in candidates)


class Resolver:
    """Finds and caches the settings for each file of a run.

    ``config_path`` (``--config``) uses that file for every path, with globs relative to
    its directory; ``isolated`` (``--isolated``) reads no file and uses the defaults with
    globs relative to ``cwd``.
    """

    def __init__(self, config_path=None, isolated: bool = False, cwd=None):
        self.cwd = Path(cwd or Path.cwd())
        self.fixed: Settings | None = None
        if isolated:
            self.fixed = Settings(root=self.cwd)
        elif config_path is not None:
            self.fixed = load_settings(Path(config_path), explicit=True)
        self.by_file: dict[Path, Settings] = {}
        self.by_directory: dict[str, Path | None] = {}

    def settings_for(self, path) -> Settings:
        """The settings that apply to ``path`` (a file or a directory; ``None``: the current directory)."""
        if self.fixed is not None:
            return self.fixed
        start = Path(os.path.abspath(self.cwd if path is None else path))
        found = self.find_file(start if start.is_dir() else start.parent)
        if found is None:
            return self.defaults()
        if found not in self.by_file:
            self.by_file[found] = load_settings(found)
        return self.by_file[found]

    def defaults(self) -> Settings:
        if None not in self.by_file:
            self.by_file[None] = Settings(root=self.cwd)
        return self.by_file[None]

    def find_file(self, directory: Path) -> Path | None:
        """The nearest configuration file at or above ``directory`` (memoized per directory)."""
        visited = []
        found = None
        current = directory
        while True:
            key = str(current)
            if key in self.by_directory:
                found = self.by_directory[key]
                break
            visited.append(key)
            found = config_file_in(current)
            if found is not None or current.parent == current:
                break
            current = current.parent
        for key in visited:
            self.by_directory[key] = found
        return found

    def config_for(self, path) -> Config:
        """The :class:`Config` to clean ``path`` with: its file's settings plus per-file ignores."""
        return self.settings_for(path).config_for(path)

    def is_excluded(self, path) -> bool:
        return self.settings_for(path).is_excluded(path)

    def format_for(self, path) -> str | None:
        return self.settings_for(path).format_for(path)


RESOLVERS: dict = {}


def resolver(config_file=None, isolated: bool = False) -> Resolver:
    """The :class:`Resolver` of this process for these command-line options (and working directory)."""
    key = (str(config_file) if config_file else None, isolated, os.getcwd())
    if key not in RESOLVERS:
        RESOLVERS[key] = Resolver(config_file, isolated)
    return RESOLVERS[key]


def config_for(path, config_file=None, isolated: bool = False) -> Config:
    """The :class:`Config` for ``path`` (``None``: the current directory); the command line's seam."""
    return resolver(config_file, isolated).config_for(path)


def is_excluded(path, config_file=None, isolated: bool = False) -> bool:
    """Whether the settings for ``path`` exclude it (for ``--force-exclude``)."""
    return resolver(config_file, isolated).is_excluded(path)


def format_for(path, config_file=None, isolated: bool = False) -> str | None:
    """The format a ``format`` glob of the settings gives ``path``, else ``None``."""
    return resolver(config_file, isolated).format_for(path)


def config_file_in(directory: Path) -> Path | None:
    """``.mtclean.toml``, or a ``pyproject.toml`` with a ``[tool.mtclean]`` table, in ``directory``."""
    dotfile = directory / DOTFILE
    if dotfile.is_file():
        return dotfile
    pyproject = directory / PYPROJECT
    if pyproject.is_file():
        try:
            text = pyproject.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None  # unreadable: not ours to judge; ruff skips it too
        if re.search(r"^\s*\[\s*tool\s*\.\s*mtclean\s*[\].]|^\s*tool\s*\.\s*mtclean\b", text, re.MULTILINE):
            return pyproject
    return None


def load_settings(path: Path, explicit: bool = False) -> Settings:
    """Read and validate one configuration file (``explicit``: named by ``--config``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: configuration is not UTF-8") from None
    tomllib = toml_parser()  # imported only when a configuration file is found
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column \d+\)", message)
        where = f"{path}:{found.group(1)}" if found else str(path)
        raise ConfigError(f"{where}: invalid TOML: {message}") from None
    section = ""
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("mtclean")
        if table is None:
            if explicit:
                raise ConfigError(f"{path}: no [tool.mtclean] table")
            table = {}
        data, section = table, TABLE
    return parse_settings(data, path, Locator(text, section))


class Locator:
    """Finds the line of a key or a quoted value inside the settings table, for error messages."""

    def __init__(self, text: str, section: str):
        self.lines = text.splitlines()
        self.section = section

    def in_section(self, header: str) -> bool:
        if not self.section:
            return True  # .mtclean.toml: every table belongs to the settings
        return header == self.section or header.startswith(self.section + ".")

    def find(self, pattern: str) -> int | None:
        header = ""
        needle = re.compile(pattern)
        for number, line in enumerate(self.lines, 1):
            heading = re.match(r"\s*\[+\s*([^\]]+?)\s*\]+", line)
            if heading:
                header = re.sub(r"\s*\.\s*", ".", heading.group(1)).replace('"', "")
                if self.in_section(header) and needle.search(line.split("]", 1)[0]):
                    return number
                continue
            if self.in_section(header) and needle.search(line):
                return number
        return None

    def key(self, key: str) -> int | None:
        escaped = re.escape(key)
        return self.find(rf"""(?:^\s*|[\[{{,.]\s*)(?:{escaped}|"{escaped}"|'{escaped}')\s*(?:=|$|\]|\.)""")

    def value(self, value: str) -> int | None:
        escaped = re.escape(value)
        return self.find(rf"""["']{escaped}["']""")


def parse_settings(data: dict, path: Path, locate: Locator) -> Settings:
    """Validate the settings table ``data`` read from ``path`` and build :class:`Settings`."""

    def fail(message: str, line: int | None = None):
        raise ConfigError(f"{path}:{line}: {message}" if line else f"{path}: {message}")

    for key in data:
        if key not in KEYS:
            import difflib  # here, not at the top: only a misspelled key needs it

            close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1, cutoff=0.75)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(KEYS)})"
            if key == "tool" and path.name == DOTFILE:
                hint = f" ({DOTFILE} takes the keys at the top level, without [tool.mtclean])"
            fail(f"unknown key {key!r}{hint}", locate.key(key))
    for key in STRING_LISTS:
        if key in data and not (isinstance(data[key], list) and all(isinstance(v, str) for v in data[key])):
            fail(f"{key!r} must be a list of strings, like {key} = [\"...\"]", locate.key(key))
    for key in BOOLEANS:
        if key in data and not isinstance(data[key], bool):
            fail(f"{key!r} must be true or false", locate.key(key))
    for key in STRINGS:
        if key in data and not isinstance(data[key], str):
            fail(f"{key!r} must be a string", locate.key(key))
    for key in TABLES:
        if key in data and not isinstance(data[key], dict):
            fail(f"{key!r} must be a table of glob = value", locate.key(key))

    per_file = []
    for glob, codes in data.get("per-file-ignores", {}).items():
        if not (isinstance(codes, list) and all(isinstance(c, str) for c in codes)):
            fail(f"per-file-ignores: {glob!r} must map to a list of rule codes", locate.key(glob))
        per_file.append((glob, tuple(codes)))
    formats = []
    for glob, fmt in data.get("format", {}).items():
        if fmt not in FORMATS:
            fail(f"format: {glob!r} must map to one of {', '.join(FORMATS)}, not {fmt!r}", locate.key(glob))
        formats.append((glob, fmt))

    language = data.get("language", "en")
    if language.lower() not in ENGLISH:
        fail(f"language {language!r} is not supported: mtclean checks English prose only "
             f"(use \"en\", \"en-US\" or \"en-GB\")", locate.key("language"))
    url = data.get("languagetool-url")
    if url is not None and not re.match(r"https?://[^\s/]+", url):
        fail(f"'languagetool-url' must be an http:// or https:// URL, not {url!r}", locate.key("languagetool-url"))

    root = path.parent.resolve()
    packs = []
    for pack in data.get("rule-packs", []):
        resolved = (root / pack).resolve()
        if not resolved.is_file():
            fail(f"rule pack {pack!r} not found (looked for {resolved})", locate.value(pack))
        packs.append(str(resolved))

    exclude = tuple(data.get("exclude", DEFAULT_EXCLUDE)) + tuple(data.get("extend-exclude", ()))
    config = Config(
        select=tuple(data["select"]) if "select" in data else None,
        extend_select=tuple(data.get("extend-select", ())),
        ignore=tuple(data.get("ignore", ())),
        unsafe_fixes=data.get("unsafe-fixes", False),
        accept=tuple(data.get("accept", ())),
        packs=tuple(packs),
        language=language,
        grammar=data.get("grammar", False),
        languagetool_url=url,
        grammar_disabled_rules=tuple(data.get("grammar-disabled-rules", ())),
        grammar_disabled_categories=tuple(data.get("grammar-disabled-categories", ())),
    )
    check_codes(config, per_file, path, locate)
    return Settings(config, root, path, exclude, tuple(per_file), tuple(formats))


def check_codes(config: Config, per_file, path: Path, locate: Locator) -> None:
    """Every code or prefix in ``select``/``ignore``/``per-file-ignores`` must name a rule.

    This builds the rule chain once (with the file's rule packs, whose own errors name the
    pack), so a typo such as ``SPC01`` is reported with its line instead of selecting nothing.
    """
    from .registry import validate_selectors
    from .rules import build_chain

    known = {doc.code for checker in build_chain(config) for doc in checker.docs}
    known |= {"MTC001", "MTC002"}
    named = [(key, code) for key, attr in zip(SELECTOR_KEYS, ("select", "extend_select", "ignore"))
             for code in (getattr(config, attr) or ())]
    named += [(f"per-file-ignores {glob!r}", code) for glob, codes in per_file for code in codes]
    for where, code in named:
        if validate_selectors([code], known):
            line = locate.value(code)
            raise ConfigError(f"{path}{f':{line}' if line else ''}: unknown rule code or prefix {code!r} "
                              f"in {where} (see clean --list-rules)")
