"""A stand-in LanguageTool server on a loopback port, speaking LanguageTool's HTTP API.

It answers ``GET /v2/languages`` with ``languages.json`` and ``POST /v2/check`` (form
fields ``text`` or ``data``, ``language``, ``disabledRules``, ``disabledCategories``) with
``check_envelope.json`` plus one match per occurrence of a trigger of ``matches.json`` in
the text LanguageTool would read. It computes offsets the way LanguageTool does:

- with ``data``, the text read is the text parts plus each markup's ``interpretAs``, and a
  match's offsets are mapped back to the original (text and markup concatenated), like
  LanguageTool's ``AnnotatedText.getOriginalTextPositionFor``;
- offsets and lengths count UTF-16 code units, as Java strings do.

``mode`` makes it misbehave: ``"slow"`` (sleeps ``delay`` seconds before answering a
check), ``"error"`` (HTTP 500 with LanguageTool's plain-text error body), ``"malformed"``
(HTTP 200 with a body that is not JSON). Every check request's form is kept in
``requests``. It serves until :meth:`FakeLanguageTool.stop`; nothing leaves 127.0.0.1.

Used by tests/test_grammar.py and by bench/grammar.py when no real LanguageTool is set.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(name: str):
    with open(HERE / name, encoding="utf-8") as handle:
        return json.load(handle)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class AnnotatedText:
    """The parts of a ``data`` request: what LanguageTool reads, and the map back to the original."""

    def __init__(self, parts: list[dict]):
        self.segments = []  # (plain_start, plain_end, original_start, original_end, is_markup)
        plain, original = [], []
        plain_length = original_length = 0
        for part in parts:
            if "text" in part:
                read, raw, markup = part["text"], part["text"], False
            else:
                read, raw, markup = part.get("interpretAs", ""), part["markup"], True
            self.segments.append((plain_length, plain_length + len(read), original_length,
                                  original_length + len(raw), markup))
            plain.append(read)
            original.append(raw)
            plain_length += len(read)
            original_length += len(raw)
        self.plain = "".join(plain)
        self.original = "".join(original)

    def original_position(self, position: int, is_end: bool) -> int:
        for plain_start, plain_end, original_start, original_end, markup in self.segments:
            if plain_start <= position < plain_end or (is_end and position == plain_end and plain_end > plain_start):
                if markup:
                    return original_end if is_end else original_start
                return original_start + position - plain_start
        return len(self.original)


class FakeLanguageTool:
    """Start with ``FakeLanguageTool().start()``; ``url`` is the server root."""

    def __init__(self, mode: str = "ok", delay: float = 3.0):
        self.mode = mode
        self.delay = delay
        self.requests: list[dict] = []
        self.language_requests = 0
        self.templates = load("matches.json")
        self.languages = load("languages.json")
        self.envelope = load("check_envelope.json")
        self.server = None
        self.thread = None

    @property
    def url(self) -> str:
        return self.root

    def start(self) -> "FakeLanguageTool":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                if self.path.split("?")[0] == "/v2/languages":
                    fake.language_requests += 1
                    self.reply(200, json.dumps(fake.languages), "application/json")
                else:
                    self.reply(404, f"Error: Unsupported action: '{self.path}'", "text/plain")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8"), keep_blank_values=True))
                if self.path.split("?")[0] != "/v2/check":
                    self.reply(404, f"Error: Unsupported action: '{self.path}'", "text/plain")
                    return
                fake.requests.append(form)
                if fake.mode == "slow":
                    time.sleep(fake.delay)
                if fake.mode == "error":
                    self.reply(500, "Error: Internal Error: java.lang.RuntimeException: simulated failure", "text/plain")
                    return
                if fake.mode == "malformed":
                    self.reply(200, '{"software": {"name": "LanguageTool"}, "matches": [{"message": ', "application/json")
                    return
                self.reply(200, json.dumps(fake.answer(form), ensure_ascii=False), "application/json")

            def reply(self, status: int, body: str, content_type: str):
                data = body.encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type + "; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        host, port = self.server.server_address[:2]
        self.root = f"http://{host}:{port}"
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(timeout=5)
            self.server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def answer(self, form: dict) -> dict:
        """LanguageTool's answer: the envelope plus the triggered matches, offsets in UTF-16 units."""
        if "data" in form:
            annotated = AnnotatedText(json.loads(form["data"])["annotation"])
        else:
            annotated = AnnotatedText([{"text": form.get("text", "")}])
        disabled_rules = set(filter(None, form.get("disabledRules", "").split(",")))
        disabled_categories = set(filter(None, form.get("disabledCategories", "").split(",")))
        matches = []
        for template in self.templates:
            rule = template["match"]["rule"]
            if rule["id"] in disabled_rules or rule["category"]["id"] in disabled_categories:
                continue
            position = annotated.plain.find(template["trigger"])
            while position != -1:
                error_start = position + template["error"][0]
                error_end = error_start + template["error"][1]
                start = annotated.original_position(error_start, False)
                end = annotated.original_position(error_end, True)
                matches.append(self.match(template["match"], annotated, start, end))
                position = annotated.plain.find(template["trigger"], position + 1)
        answer = dict(self.envelope)
        answer["matches"] = sorted(matches, key=lambda m: m["offset"])
        return answer

    @staticmethod
    def match(template: dict, annotated: AnnotatedText, start: int, end: int) -> dict:
        original = annotated.original
        context_start = max(0, start - 40)
        context = original[context_start:end + 40].replace("\n", " ")
        offset = utf16_length(original[:start])
        length = utf16_length(original[start:end])
        item = dict(template)
        item.update({
            "offset": offset,
            "length": length,
            "context": {"text": context, "offset": utf16_length(original[context_start:start]), "length": length},
            "sentence": original[max(0, original.rfind("\n", 0, start) + 1):end].strip(),
        })
        # LanguageTool writes offset, length, context and sentence right after the replacements.
        order = ["message", "shortMessage", "replacements", "offset", "length", "context", "sentence"]
        return {key: item[key] for key in order if key in item} | {k: v for k, v in item.items() if k not in order}
