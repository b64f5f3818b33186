"""LanguageTool as a backend: find one server per run, send it prose, read its matches back.

Where the server comes from, in this order:

1. ``Config.languagetool_url`` (``languagetool-url`` in ``[tool.mtclean]``);
2. the ``MTCLEAN_LANGUAGETOOL_URL`` environment variable;
3. otherwise a local LanguageTool that language-tool-python downloads (once) and starts
   (it needs Java 17 or later).

A configured URL that does not answer is an error, not a reason to start a local
LanguageTool behind the user's back. Whatever fails raises :class:`GrammarUnavailable`
with one message that says what was tried and how to fix it; grammar checking never
passes silently. The client is cached per process and URL, so a run that cleans many
files talks to one server (and a local one is started once).

The requests are LanguageTool's ``/v2/check`` with the ``data`` parameter (annotated
text): the prose is ``text``, everything else (code, URLs, Markdown syntax) is ``markup``
that LanguageTool skips but keeps counting, so the offsets it returns are offsets into
exactly the string we built. Those offsets count UTF-16 code units (Java strings);
:class:`Utf16Offsets` turns them into Python offsets.

Why not ``language_tool_python.LanguageTool.check``: it sends plain ``text`` only (no
markup), waits up to 300 s per request, restarts a local server on any I/O error, and
corrects the match offset for characters outside the BMP (3.4.0: through a class-level
cache of the last text) but not the match length. The HTTP protocol itself is small and
stable, so this module speaks it with the standard library, and language-tool-python
does what it is good at: downloading and starting a local LanguageTool.

>>> base_url("http://localhost:8081/v2/")
'http://localhost:8081'
>>> Utf16Offsets("😀 a").to_python(3)
2
"""

from __future__ import annotations

import bisect
import json
import os
import threading
from dataclasses import dataclass

import regex

from .config import ConfigError

ENV_URL = "MTCLEAN_LANGUAGETOOL_URL"
DEFAULT_TIMEOUT = 60.0
"""Seconds one request may take (``options["grammar_timeout"]`` changes it)."""
CONNECT_TIMEOUT = 10.0
"""Seconds the first request (the list of languages) may take before the server counts as unreachable."""
CACHE_SIZE = 512
"""Answers kept per client: the pipeline runs every checker again after any fix, and an
unchanged chunk must not be sent twice."""

HOW_TO_FIX = (
    "To fix it: start a LanguageTool server and point mtclean at it, for example "
    "`docker run -d -p 8010:8010 erikvl87/languagetool` with MTCLEAN_LANGUAGETOOL_URL=http://localhost:8010, "
    "or `java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081` in an unpacked "
    "LanguageTool with MTCLEAN_LANGUAGETOOL_URL=http://localhost:8081 (or languagetool-url in the "
    "configuration); or install Java 17+ and `pip install 'mtclean[grammar]'` so that language-tool-python "
    "can download and start LanguageTool itself; or run without --grammar."
)


class GrammarUnavailable(ConfigError):
    """Grammar checking was asked for but no LanguageTool answered properly.

    A :class:`~cleaner.ConfigError`, so the command line stops with exit status 2 and
    prints the message, which names what was tried and how to fix it.
    """


class GrammarTimeout(TimeoutError):
    """LanguageTool took longer than the timeout on one request.

    A ``TimeoutError``: the pipeline reports it as ``MTC002`` on that document and goes on.
    """


ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")


class Utf16Offsets:
    """Converts offsets counted in UTF-16 code units (Java, LanguageTool) to Python offsets.

    Characters outside the Basic Multilingual Plane (most emoji) are one Python character
    but two UTF-16 units; combining characters are one of each, so they need nothing.

    >>> offsets = Utf16Offsets("a 😀😀 b")
    >>> offsets.to_python(7), offsets.to_python(7, end=True)
    (5, 5)
    """

    def __init__(self, text: str):
        positions = [m.start() for m in ASTRAL.finditer(text)] if not text.isascii() else []
        # UTF-16 offset where each astral character starts: its Python offset plus the
        # astral characters before it.
        self.units = [position + index for index, position in enumerate(positions)]

    def to_python(self, unit: int, end: bool = False) -> int:
        """The Python offset of UTF-16 offset ``unit`` (one inside a surrogate pair rounds outwards)."""
        before = bisect.bisect_left(self.units, unit)  # astral characters starting before ``unit``
        inside = before > 0 and self.units[before - 1] == unit - 1
        python = unit - before
        return python + 1 if inside and end else python


@dataclass(frozen=True, slots=True)
class Match:
    """One LanguageTool match, with Python offsets into the text that was sent."""

    start: int
    end: int
    rule_id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]


def base_url(url: str) -> str:
    """The server root of a LanguageTool URL given with or without ``/v2``.

    >>> base_url("https://api.languagetool.org/v2")
    'https://api.languagetool.org'
    """
    url = url.strip().rstrip("/")
    if url.endswith("/v2"):
        url = url[:-3]
    if not url.startswith(("http://", "https://")):
        url = "http://" + url
    return url


class LanguageToolClient:
    """Talks to one LanguageTool server over its HTTP API (``/v2/languages``, ``/v2/check``)."""

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT, origin: str = "", owner=None):
        self.url = base_url(url)
        self.timeout = timeout
        self.origin = origin or self.url
        self.owner = owner  # keeps a local language_tool_python.LanguageTool (and its server) alive
        self.cache: dict[str, list[Match]] = {}
        self.lock = threading.Lock()
        self.requests = 0

    def languages(self, timeout: float = CONNECT_TIMEOUT) -> set[str]:
        """The language codes the server checks (``en``, ``en-US``...); also proves it answers."""
        answer = self.call("languages", None, timeout)
        if not isinstance(answer, list):
            raise GrammarUnavailable(f"{self.origin}: /v2/languages did not return LanguageTool's list of languages.")
        codes = set()
        for entry in answer:
            if isinstance(entry, dict):
                codes.update(str(entry.get(key)) for key in ("code", "longCode") if entry.get(key))
        return codes

    def check(self, annotation: list[dict], original: str, language: str, disabled_rules=(),
              disabled_categories=()) -> list[Match]:
        """Check one annotated text; ``original`` is the concatenation of all its parts.

        Offsets in the result are Python offsets into ``original``.
        """
        import urllib.parse

        form = {"language": language, "data": json.dumps({"annotation": annotation}, ensure_ascii=False)}
        if disabled_rules:
            form["disabledRules"] = ",".join(disabled_rules)
        if disabled_categories:
            form["disabledCategories"] = ",".join(disabled_categories)
        body = urllib.parse.urlencode(form)
        with self.lock:
            cached = self.cache.get(body)
        if cached is not None:
            return cached
        answer = self.call("check", body.encode("utf-8"), self.timeout)
        matches = parse_matches(answer, original, self.origin)
        with self.lock:
            if len(self.cache) >= CACHE_SIZE:
                self.cache.pop(next(iter(self.cache)))
            self.cache[body] = matches
        return matches

    def call(self, endpoint: str, body: bytes | None, timeout: float):
        """GET (no body) or POST one endpoint and return the decoded JSON."""
        import urllib.error  # here, not at the top: urllib.request pulls in http, email and ssl
        import urllib.request

        url = f"{self.url}/v2/{endpoint}"
        request = urllib.request.Request(url, data=body, headers={"Accept": "application/json"})
        if body is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            detail = " ".join(error.read(300).decode("utf-8", "replace").split())
            raise GrammarUnavailable(f"LanguageTool at {self.origin} answered HTTP {error.code} "
                                     f"to /v2/{endpoint}" + (f": {detail}" if detail else ".")) from None
        except TimeoutError as error:  # socket.timeout is TimeoutError since Python 3.10
            raise self.timed_out(endpoint, timeout) from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise self.timed_out(endpoint, timeout) from error
            raise GrammarUnavailable(f"LanguageTool at {self.origin} could not be reached: {error.reason}.\n"
                                     + HOW_TO_FIX) from None
        except OSError as error:  # connection reset while reading, and the like
            raise GrammarUnavailable(f"LanguageTool at {self.origin} failed: {error}.") from None
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            shown = " ".join(raw[:120].decode("utf-8", "replace").split())
            raise GrammarUnavailable(f"LanguageTool at {self.origin} answered /v2/{endpoint} with something "
                                     f"that is not JSON: {shown!r}. Is that URL a LanguageTool server?") from None

    def timed_out(self, endpoint: str, timeout: float) -> Exception:
        if endpoint == "languages":
            return GrammarUnavailable(f"LanguageTool at {self.origin} did not answer within {timeout:g} s.\n"
                                      + HOW_TO_FIX)
        return GrammarTimeout(f"LanguageTool at {self.origin} took longer than {timeout:g} s")


def parse_matches(answer, original: str, origin: str) -> list[Match]:
    """The matches of a ``/v2/check`` answer, with offsets converted to Python offsets.

    Replacements come as ``[{"value": ...}]`` (LanguageTool 4 and later) or as plain
    strings (3.x); both are read.
    """
    if not isinstance(answer, dict) or not isinstance(answer.get("matches"), list):
        raise GrammarUnavailable(f"LanguageTool at {origin} answered /v2/check without a list of matches.")
    offsets = Utf16Offsets(original)
    matches = []
    for item in answer["matches"]:
        try:
            unit_start, unit_length = int(item["offset"]), int(item["length"])
            rule = item["rule"]
            rule_id = str(rule["id"])
        except (KeyError, TypeError, ValueError):
            raise GrammarUnavailable(f"LanguageTool at {origin} answered with a match that has no "
                                     f"offset, length or rule: {str(item)[:200]}") from None
        start = offsets.to_python(unit_start)
        end = offsets.to_python(unit_start + unit_length, end=True)
        if not 0 <= start <= end <= len(original):
            raise GrammarUnavailable(f"LanguageTool at {origin} answered with a match outside the text "
                                     f"({rule_id} at {unit_start}+{unit_length}).")
        category = rule.get("category") or {}
        replacements = tuple(r.get("value", "") if isinstance(r, dict) else str(r)
                             for r in item.get("replacements") or ())
        matches.append(Match(start, end, rule_id, str(category.get("id", "")), str(rule.get("issueType", "")),
                             " ".join(str(item.get("message", "")).split()), replacements))
    return matches


_CLIENTS: dict[str, LanguageToolClient | GrammarUnavailable] = {}
_CLIENTS_LOCK = threading.Lock()


def configured_url(config) -> tuple[str | None, str]:
    """The server URL to use and where it came from (``None`` when none is configured)."""
    if getattr(config, "languagetool_url", None):
        return config.languagetool_url, "languagetool-url in the configuration"
    if os.environ.get(ENV_URL, "").strip():
        return os.environ[ENV_URL].strip(), ENV_URL
    return None, ""


def client_for(config, language: str, timeout: float | None = None) -> LanguageToolClient:
    """The process-wide client for ``config``'s backend, connected and checked once.

    A failure is remembered too, so a run over many files fails fast with the same message.
    ``timeout`` is the limit per request in seconds (default :data:`DEFAULT_TIMEOUT`).
    """
    timeout = timeout or DEFAULT_TIMEOUT
    url, source = configured_url(config)
    key = f"{url or 'local'}|{timeout}"
    with _CLIENTS_LOCK:
        known = _CLIENTS.get(key)
        if known is None:
            try:
                known = connect(url, source, language, timeout)
            except GrammarUnavailable as error:
                known = error
            _CLIENTS[key] = known
    if isinstance(known, GrammarUnavailable):
        raise known
    return known


def connect(url: str | None, source: str, language: str, timeout: float) -> LanguageToolClient:
    if url:
        client = LanguageToolClient(url, timeout, origin=f"{base_url(url)} (from {source})")
    else:
        client = start_local(language, timeout)
    codes = client.languages()
    if language not in codes and language.split("-")[0] not in codes:
        raise GrammarUnavailable(f"LanguageTool at {client.origin} does not check {language} "
                                 f"(it lists {len(codes)} languages). Use a server with English.")
    return client


def start_local(language: str, timeout: float) -> LanguageToolClient:
    """Start LanguageTool through language-tool-python (imported only here: it is slow to import)."""
    tried = (f"Grammar checking needs LanguageTool. No server URL is configured ({ENV_URL} is not set, "
             "languagetool-url neither), so mtclean tried to start a local LanguageTool with "
             "language-tool-python")
    try:
        import language_tool_python
    except ImportError:
        raise GrammarUnavailable(f"{tried}, which is not installed.\n{HOW_TO_FIX}") from None
    try:
        tool = language_tool_python.LanguageTool(language)
    except Exception as error:  # no Java, no download, port trouble: all end the same way
        raise GrammarUnavailable(f"{tried}, which failed: {describe(error)}\n{HOW_TO_FIX}") from None
    return LanguageToolClient(tool.url, timeout, origin=f"{base_url(tool.url)} (local, started by "
                              "language-tool-python)", owner=tool)


def describe(error: Exception) -> str:
    """A short reason for a failure inside language-tool-python (its messages can be long).

    >>> describe(OSError("Max retries exceeded with url: /x (Caused by NameResolutionError(...))"))
    'could not download LanguageTool (no network?): OSError: Max retries exceeded with url: /x …'
    """
    text = " ".join(str(error).split())
    kind = type(error).__name__
    if kind == "JavaError":
        return f"Java 17 or later is needed: {text}"
    if "Caused by" in text:
        text = text[:text.index("Caused by")].rstrip(" (") + " …"
    if len(text) > 200:
        text = text[:200].rsplit(" ", 1)[0] + " …"
    if isinstance(error, OSError) and ("download" in text.lower() or "url" in text.lower()):
        return f"could not download LanguageTool (no network?): {kind}: {text}"
    return f"{kind}: {text}" if text else kind


def forget_clients() -> None:
    """Drop the cached clients (tests start and stop servers; a run never needs this)."""
    with _CLIENTS_LOCK:
        _CLIENTS.clear()
