"""The ordered chain of checkers, run to a fixed point, with every change mapped to the input.

Each checker looks at the current text and reports issues; the applicable, non-overlapping
ones are applied at once, and the next checker sees the result. The chain repeats until a
whole pass changes nothing (at most :data:`MAX_PASSES`); the findings of that last pass are
what is reported. Failing to converge is reported as ``MTC001`` (a bug the tests catch).

Offsets: applied changes are kept as fixes on the *input* (``in_start``, ``in_end``,
``replacement``). A later edit that overlaps the output of an earlier fix is merged with
it, so replaying the fixes on the input always reproduces the output exactly.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, fields
from typing import NamedTuple

from .document import Block, Document
from .edits import Applicability, Finding, Fix, Issue, apply_edits

MAX_PASSES = 6

# Engine codes: not rules a user selects, but reported like them.
NOT_CONVERGED = "MTC001"
RULE_TIMEOUT = "MTC002"


@dataclass(slots=True)
class Applied:
    """A fix on the input, with its rule and message; ``out_start`` is derived per pass."""

    in_start: int
    in_end: int
    replacement: str
    rule: str
    message: str
    applicability: Applicability
    out_start: int = 0

    @property
    def out_end(self) -> int:
        return self.out_start + len(self.replacement)


class OffsetMap:
    """Maps offsets in the current text back to the input, through the applied fixes."""

    def __init__(self, applied: list[Applied]):
        self.applied = applied
        delta = 0
        for fix in applied:
            fix.out_start = fix.in_start + delta
            delta += len(fix.replacement) - (fix.in_end - fix.in_start)
        self.out_starts = [fix.out_start for fix in applied]

    def start(self, pos: int) -> int:
        """Input offset for a span starting at ``pos`` (inside a fix's output: the fix's start)."""
        index = bisect.bisect_right(self.out_starts, pos) - 1
        if index < 0:
            return pos
        fix = self.applied[index]
        if pos < fix.out_end:
            return fix.in_start
        return fix.in_end + pos - fix.out_end

    def end(self, pos: int) -> int:
        """Input offset for a span ending at ``pos`` (inside a fix's output: the fix's end)."""
        index = bisect.bisect_left(self.out_starts, pos) - 1
        if index < 0:
            return pos
        fix = self.applied[index]
        if pos <= fix.out_end:
            return fix.in_end
        return fix.in_end + pos - fix.out_end


def compose(applied: list[Applied], text: str, issues: list[Issue]) -> list[Applied]:
    """Add ``issues`` (non-overlapping, offsets into ``text``) to the fixes on the input.

    ``text`` is the current text, the result of ``applied`` on the input. An issue whose
    span meets an earlier fix is merged with it into one fix, so fixes never overlap.
    """
    offsets = OffsetMap(applied)
    items = []  # (in_start, in_end, out_start, out_end, issue or Applied)
    for fix in applied:
        items.append((fix.in_start, fix.in_end, fix.out_start, fix.out_end, fix))
    for issue in issues:
        in_start, in_end = offsets.start(issue.start), offsets.end(issue.end)
        if in_end < in_start:  # an insertion next to a deletion: cover both
            in_start, in_end = in_end, in_start
        items.append((in_start, in_end, issue.start, issue.end, issue))
    items.sort(key=lambda item: (item[0], item[1], isinstance(item[4], Issue)))

    result: list[Applied] = []
    group: list[tuple] = []
    group_end = -1
    for item in items:
        if group and overlaps(item[0], item[1], group[0][0], group_end):
            group.append(item)
            group_end = max(group_end, item[1])
            continue
        if group:
            result.append(merge_group(group, text))
        group, group_end = [item], item[1]
    if group:
        result.append(merge_group(group, text))
    return result


def overlaps(start: int, end: int, group_start: int, group_end: int) -> bool:
    """Input spans meet: they overlap, or one is empty and touches the other."""
    if start < group_end:
        return True
    return start == group_end and (start == end or group_start == group_end)


def merge_group(group: list[tuple], text: str) -> Applied:
    """One fix for a run of fixes and new issues whose input spans meet."""
    if len(group) == 1:  # the usual case: nothing to merge
        in_start, in_end, _, _, member = group[0]
        if isinstance(member, Applied):
            return member
        return Applied(in_start, in_end, member.replacement, member.rule, member.message, applied_as([member]))
    in_start = min(item[0] for item in group)
    in_end = max(item[1] for item in group)
    out_start = min(item[2] for item in group)
    out_end = max(item[3] for item in group)
    new = [item[4] for item in group if isinstance(item[4], Issue)]
    replacement = apply_edits(text[out_start:out_end],
                              [Issue(i.rule, i.start - out_start, i.end - out_start, "", i.replacement) for i in new])
    members = [item[4] for item in group]
    rules = list(dict.fromkeys(m.rule for m in members))
    messages = list(dict.fromkeys(m.message for m in members))
    return Applied(in_start, in_end, replacement, ",".join(rules), "; ".join(messages), applied_as(members))


def applied_as(members) -> Applicability:
    """How sure a fix made of ``members`` is: unsafe when any of them is."""
    unsafe = any(m.applicability is Applicability.UNSAFE for m in members)
    return Applicability.UNSAFE if unsafe else Applicability.SAFE


def shift(pos: int, edits: list[Issue], starts: list[int], deltas: list[int], is_end: bool) -> int:
    """Where ``pos`` lands after ``edits`` (sorted, with cumulative size changes ``deltas``).

    A span boundary inside an edit is clamped so the replacement stays inside the span;
    an insertion at a span's end belongs to the span, one at its start too.
    """
    index = bisect.bisect_left(starts, pos) - 1  # last edit starting before pos
    if index >= 0 and edits[index].end > pos:  # pos strictly inside an edit
        edit = edits[index]
        new_start = edit.start + (deltas[index - 1] if index else 0)
        return new_start + len(edit.replacement) if is_end else new_start
    if is_end and index + 1 < len(edits) and edits[index + 1].start == pos == edits[index + 1].end:
        index += 1
    return pos + (deltas[index] if index >= 0 else 0)


def shift_document(doc: Document, text: str, edits: list[Issue]) -> Document:
    """The same document structure on the text after ``edits``: spans move, emptied blocks go."""
    starts = [e.start for e in edits]
    deltas = []
    total = 0
    for edit in edits:
        total += len(edit.replacement) - (edit.end - edit.start)
        deltas.append(total)
    protected = tuple(span for span in ((shift(s, edits, starts, deltas, False), shift(e, edits, starts, deltas, True))
                                        for s, e in doc.protected) if span[1] > span[0])  # a deleted line takes its spans
    blocks = []
    for block in doc.blocks:
        start = shift(block.start, edits, starts, deltas, False)
        end = max(start, shift(block.end, edits, starts, deltas, True))
        if end > start or block.end == block.start:
            blocks.append(Block(start, end, block.kind))
    suppressions = tuple((shift(s, edits, starts, deltas, False), shift(e, edits, starts, deltas, True), codes)
                         for s, e, codes in doc.suppressions)
    return Document(text, protected, tuple(blocks), doc.fmt, suppressions=suppressions,
                    continues_before=doc.continues_before, continues_after=doc.continues_after)


def choose_edits(issues: list[Issue]) -> list[Issue]:
    """Sorted, non-overlapping subset: an edit that meets one already taken waits for the next pass."""
    chosen: list[Issue] = []
    last_end = -1
    for issue in sorted(issues, key=lambda i: (i.start, i.end)):
        if issue.start < last_end or (chosen and issue.start == last_end == chosen[-1].start == chosen[-1].end):
            continue
        if chosen and issue.start == issue.end == last_end:
            continue
        chosen.append(issue)
        last_end = issue.end
    return chosen


class Outcome(NamedTuple):
    """What :func:`run_chain` returns: the text and the records, offsets into the input.

    A named tuple: one is made per document, in half the time of a frozen dataclass.
    """

    text: str
    fixes: list[Fix]
    findings: list[Finding]


STRUCTURE_NOTE = " (not applied: it would change which parts of the document are code, URLs or markup)"


class Chain:
    """One run of the checkers over one document: the state that passes share.

    Slotted: one is made per document, and the first pass over good text is most of its life.
    """

    __slots__ = ("checkers", "keep", "applies", "rebuild", "engine", "blocked", "held", "found", "last_edit")

    def __init__(self, checkers, keep, applies, rebuild):
        self.checkers, self.keep, self.applies, self.rebuild = checkers, keep, applies, rebuild
        self.engine: list[Issue] = []
        self.blocked: set[tuple] = set()  # (rule, input start, input end, replacement) not to apply
        self.held: list[tuple[Issue, tuple]] = []
        self.found: list = [()] * len(checkers)  # each checker's findings, the last time it ran
        self.last_edit = -1  # the index of the checker that made the last edit of the last pass (-1: none)

    def run_pass(self, doc: Document, applied: list[Applied], careful: bool, seen_from: int | None = None):
        """Run every checker once; return (changed, findings, doc, applied).

        ``careful``: a batch that changes the protected spans is applied edit by edit, and an
        edit that changes them is reported instead (and remembered in ``blocked``).
        ``seen_from``: the checkers from this index on looked at this very document in the last
        pass (they came after its last edit) and found nothing to fix: unless a checker before
        them edits the text, their findings stand and they are not run again.
        """
        changed = False
        self.held: list[tuple[Issue, tuple]] = []  # blocked fixes proposed again in this pass
        self.last_edit = -1
        keep, found = self.keep, self.found
        for index, checker in enumerate(self.checkers):
            if seen_from is not None and index >= seen_from and not changed:
                break
            found[index] = ()  # (a list only for a checker with findings: most have none)
            try:
                issues = list(checker.check(doc))  # in C: most checkers find nothing on good text
            except TimeoutError:
                codes = ",".join(d.code for d in checker.docs)
                self.engine.append(Issue(RULE_TIMEOUT, 0, 0, f"{codes} timed out on this document and was skipped"))
                continue
            if issues:
                issues = [i for i in issues if keep(i, doc)]
            if not issues:
                continue  # the usual case on good text
            found[index] = findings = []
            fixable = [i for i in issues if i.is_fixable and self.applies(i)]
            findings.extend(i for i in issues if not (i.is_fixable and self.applies(i)))
            if self.blocked and fixable:
                offsets = OffsetMap(applied)
                keys = [(i.rule, offsets.start(i.start), offsets.end(i.end), i.replacement) for i in fixable]
                held = [(i, key) for i, key in zip(fixable, keys) if key in self.blocked]
                self.held.extend(held)
                findings.extend(as_finding(i) for i, _ in held)
                fixable = [i for i, key in zip(fixable, keys) if key not in self.blocked]
            to_apply = choose_edits(fixable)
            if careful and to_apply and not self.keeps_structure(doc, to_apply):
                to_apply = self.split_structural(doc, applied, to_apply, findings)
            if to_apply:
                new_text = apply_edits(doc.text, to_apply)
                if new_text != doc.text:
                    applied = compose(applied, doc.text, to_apply)
                    doc = shift_document(doc, new_text, to_apply)
                    changed = True
                    self.last_edit = index
        return changed, [issue for findings in found for issue in findings], doc, applied

    def keeps_structure(self, doc: Document, edits: list[Issue]) -> bool:
        """Whether the text after ``edits`` parses to the same protected spans, moved along."""
        after = shift_document(doc, apply_edits(doc.text, edits), edits)
        return self.rebuild(after.text).protected == after.protected

    def split_structural(self, doc, applied, edits, findings) -> list[Issue]:
        """The edits that keep the structure, taken greedily in order; the others become findings."""
        offsets = OffsetMap(applied)
        kept: list[Issue] = []
        for edit in edits:
            if self.keeps_structure(doc, [*kept, edit]):
                kept.append(edit)
            else:
                self.blocked.add((edit.rule, offsets.start(edit.start), offsets.end(edit.end), edit.replacement))
                findings.append(as_finding(edit))
        return kept


# What a checker may read of a document: every field but the caches (``_masked`` and the like).
STRUCTURE_FIELDS = tuple(f.name for f in fields(Document) if not f.name.startswith("_"))


def is_same_document(parsed: Document, shifted: Document) -> bool:
    """Whether a fresh parse of a text gives the document the edits made (:func:`shift_document`):
    the same text, protected spans, blocks, format, suppressions and place in a longer document,
    so every checker reads the same.

    >>> doc = Document("a b", blocks=(Block(0, 3, "paragraph"),))
    >>> is_same_document(doc, Document("a b", blocks=(Block(0, 3, "paragraph"),))), is_same_document(doc, Document("a b"))
    (True, False)
    """
    return all(getattr(parsed, name) == getattr(shifted, name) for name in STRUCTURE_FIELDS)


def as_finding(issue: Issue) -> Issue:
    """A fix that must not be applied, reported with its replacement for a human to judge."""
    return Issue(issue.rule, issue.start, issue.end, issue.message + STRUCTURE_NOTE, issue.replacement,
                 Applicability.REPORT)


def run_chain(doc: Document, checkers, keep, applies, rebuild=None) -> Outcome:
    """Run ``checkers`` over ``doc`` to a fixed point.

    ``keep(issue, doc)`` filters issues (selection, suppression, protection);
    ``applies(issue)`` says whether a fixable issue is applied (safe, or unsafe when opted in).
    ``rebuild(text)`` parses a text into a document. After a pass that changed the text, the
    text is parsed again: when the protected spans are the same, moved along (the usual case),
    the next pass uses the fresh parse, which is what cleaning the output again would see.
    When a fix changed them (a control character removed in front of a code fence turns text
    into code), the pass is redone and such fixes are reported instead of applied: applying
    them would either edit what the input protects or make a second run change more.
    """
    source = doc.text
    chain = Chain(checkers, keep, applies, rebuild)
    applied: list[Applied] = []
    findings: list[Issue] = []
    seen_from = None  # (see Chain.run_pass)
    stopped_early = False
    for _ in range(MAX_PASSES):
        before = (doc, applied)
        changed, findings, doc, applied = chain.run_pass(doc, applied, careful=False, seen_from=seen_from)
        stopped_early = seen_from is not None and not changed
        seen_from = None
        if changed and rebuild is not None:
            fresh = rebuild(doc.text)
            if fresh.protected != doc.protected:
                changed, findings, doc, applied = chain.run_pass(*before, careful=True)
                fresh = rebuild(doc.text)
            elif not chain.blocked and is_same_document(fresh, doc):
                # The checkers after the pass's last edit looked at this document: the next pass
                # runs those up to that edit again (a fix early in the chain costs a few checks).
                seen_from = chain.last_edit + 1
            doc = fresh
        if not changed and rebuild is not None and chain.held:
            # Fixes held back earlier may be harmless now that other fixes are in: try them again.
            freed = [key for issue, key in chain.held if chain.keeps_structure(doc, [issue])]
            chain.blocked.difference_update(freed)
            changed = bool(freed)
        if not changed:
            break
    else:
        chain.engine.append(Issue(NOT_CONVERGED, 0, 0, f"the fixes did not settle after {MAX_PASSES} passes"))
    if stopped_early:
        # The last pass did not reach the checkers after its first edit's checker: those that
        # keep something of a text until their own run lets it go are told the document is done.
        for checker in checkers:
            forget = getattr(checker, "forget", None)
            if forget is not None:
                forget()
    engine = chain.engine
    if not (applied or findings or engine):
        # The usual case on good text: nothing to place (made without the named tuple's __new__, a Python call).
        return tuple.__new__(Outcome, (doc.text, [], []))
    offsets = OffsetMap(applied)
    original = Document(source)
    fixes = []
    for fix in applied:
        line, column = original.line_col(shown_start(source, fix.in_start, fix.in_end, fix.replacement))
        fixes.append(Fix(fix.rule, fix.in_start, fix.in_end, fix.replacement, fix.message,
                         fix.applicability, line, column))
    reported = []
    seen = set()
    for issue in findings + engine:
        start, end = offsets.start(issue.start), offsets.end(issue.end)
        end = max(start, end)
        key = (issue.rule, start, end, issue.message)
        if key in seen:
            continue
        seen.add(key)
        line, column = original.line_col(start)
        reported.append(Finding(issue.rule, start, end, issue.message, issue.replacement,
                                issue.applicability, line, column))
    reported.sort(key=lambda f: (f.start, f.end, f.rule))
    return Outcome(doc.text, fixes, reported)


def shown_start(text: str, start: int, end: int, replacement: str) -> int:
    """Where a fix of ``text[start:end]`` is shown (its line and column): its start, except for a
    removal of lines that takes the line breaks before them along (the last lines of a file), which
    is shown at the first character removed that is not a line break or space.

    >>> shown_start("The end.\\n\\nLeave a Comment", 8, 25, "")
    10
    """
    if replacement.strip():
        return start
    removed = text[start:end]
    content = removed.lstrip()
    if not content or "\n" not in removed[:len(removed) - len(content)]:
        return start
    return end - len(content)
