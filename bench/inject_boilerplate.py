"""Boilerplate injectors: a line of page furniture added at an edge of a passage or between paragraphs.

The lines are built from templates with varied fillers (site names, counts, headlines made
of words of the passage itself), so they are not copies of the rule pack's phrase list,
though each belongs to a furniture class the pack covers. A span covers the inserted line
and its line breaks, with original ``""`` (see ``bench/README.md``).

>>> import random
>>> damaged, spans = inject_trailing_furniture("The vote is on Tuesday.", random.Random(3))
>>> damaged[:spans[0][0]], spans[0][2]
('The vote is on Tuesday.', '')
"""

from __future__ import annotations

import regex

SITES = ("The Daily Ledger", "Harbor Times", "Northside Weekly", "Metro Chronicle", "Valley Post",
         "Coastline News", "The Evening Courier", "Summit Gazette")
AGENCIES = ("Getty Images", "Reuters", "AFP", "EPA", "Shutterstock")
PEOPLE = ("Maria Lopez", "Daniel Okafor", "Sarah Chen", "Tom Becker", "Priya Nair", "James O'Neill")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WORD = regex.compile(r"\b[A-Za-z][a-z]{3,}\b")


def headline(text: str, rng) -> str:
    """A headline-like line made of words of the passage (never one of its sentences)."""
    words = list(dict.fromkeys(WORD.findall(text))) or ["Council", "budget", "vote"]
    rng.shuffle(words)
    picked = words[:rng.randint(4, 7)]
    return " ".join(picked).capitalize()


def trailing_line(text: str, rng) -> str:
    """A line that sits under an article: comment, share, newsletter and footer furniture."""
    site = rng.choice(SITES)
    year = rng.randint(2009, 2024)
    choices = [
        lambda: rng.choice(("Leave a Comment", "Leave a Reply", "Post a Comment", "Comments are closed.")),
        lambda: f"{rng.randint(2, 480)} Comments",
        lambda: rng.choice(("Share this:", "Share this article", "Share this story")),
        lambda: f"Click to share on {rng.choice(('Twitter', 'Facebook', 'Reddit', 'LinkedIn'))} (Opens in new window)",
        lambda: f"Follow {site} on {rng.choice(('Facebook', 'Twitter', 'Instagram'))} and {rng.choice(('YouTube', 'LinkedIn', 'TikTok'))}.",
        lambda: f"Subscribe to the {site} newsletter",
        lambda: f"Sign up for the {site} newsletter to get the latest stories delivered to your inbox.",
        lambda: f"© {year} {site}. All rights reserved.",
        lambda: f"Copyright {year} {site}",
        lambda: "This website uses cookies to improve your experience. By continuing to browse the site you agree to our use of cookies.",
        lambda: f"Tags: {', '.join(w.lower() for w in WORD.findall(text)[:rng.randint(2, 4)]) or 'news'}",
        lambda: f"Reporting by {rng.choice(PEOPLE)}; Editing by {rng.choice(PEOPLE)}",
        lambda: f"CLICK HERE TO GET THE {site.upper()} APP",
    ]
    return rng.choice(choices)()


def leading_line(text: str, rng) -> str:
    """A line that sits above an article: timestamps, bylines, cookie banners, breadcrumbs."""
    hour, minute = rng.randint(1, 12), rng.randint(0, 59)
    date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2024)}"
    choices = [
        lambda: f"Updated: {date} {hour}:{minute:02d} {rng.choice(('am', 'pm'))}",
        lambda: f"Published {hour}:{minute:02d} {rng.choice(('AM', 'PM'))} EST {date}",
        lambda: f"By {rng.choice(PEOPLE)} and {rng.choice(PEOPLE)}",
        lambda: f"Home > {rng.choice(('News', 'World', 'Business', 'Sport'))} > {rng.choice(('Europe', 'Markets', 'Politics'))}",
        lambda: "We use cookies to personalise content and ads and to analyse our traffic.",
        lambda: rng.choice(("Advertisement", "ADVERTISEMENT", "Skip to main content")),
    ]
    return rng.choice(choices)()


def body_line(text: str, rng) -> str:
    """A standalone widget line that extraction leaves between two paragraphs."""
    choices = [
        lambda: rng.choice(("Advertisement", "ADVERTISEMENT", "Advert", "Continue Reading Below",
                            "Story continues below advertisement")),
        lambda: f"Read more: {headline(text, rng)}",
        lambda: f"READ MORE: {headline(text, rng)}",
        lambda: f"[Related: {headline(text, rng)}]",
        lambda: f"Image copyright {rng.choice(AGENCIES)}",
        lambda: "Media playback is unsupported on your device",
        lambda: "This slideshow requires JavaScript.",
        lambda: "Thanks for signing up!",
    ]
    return rng.choice(choices)()


def inject_trailing_furniture(text: str, rng):
    """Add a furniture paragraph after the last paragraph."""
    line = trailing_line(text, rng)
    stripped = text.rstrip("\n")
    damaged = stripped + "\n\n" + line + text[len(stripped):]
    return damaged, [(len(stripped), len(stripped) + 2 + len(line), "")]


def inject_leading_furniture(text: str, rng):
    """Add a furniture paragraph before the first paragraph."""
    line = leading_line(text, rng)
    return line + "\n\n" + text, [(0, len(line) + 2, "")]


def inject_body_widget(text: str, rng):
    """Add a widget line as a paragraph between two paragraphs (None for a one-paragraph passage)."""
    breaks = [m.end() for m in regex.finditer(r"\n\n", text)]
    if not breaks:
        return None
    position = rng.choice(breaks)
    line = body_line(text, rng)
    return text[:position] + line + "\n\n" + text[position:], [(position, position + len(line) + 2, "")]


def injectors() -> dict:
    return {
        "boilerplate line at the end": inject_trailing_furniture,
        "boilerplate line at the start": inject_leading_furniture,
        "boilerplate widget between paragraphs": inject_body_widget,
    }
