"""Furniture of a text export found by where it stands, not by its words alone: the site's name
over a breadcrumb trail, a trail copied one crumb a line, an e-mailed press release's headers.

Each pass marks lines of the export as ``chrome``; :mod:`datarelease.extract.text` calls them
after classifying each line by its words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Protocol

from datarelease.extract.blocks import key, labelled
from datarelease.extract.vocabulary import BREADCRUMB, DATE_LINE, HOME_PAGES


class Line(Protocol):
    """A line of the export as the text reader sees it."""

    text: str
    kind: str
    joined_above: bool


def date_line(text: str) -> re.Match[str] | None:
    """A date line, perhaps after a content label ("Nyhet | Publicerad 18.4.2024")."""
    return DATE_LINE.fullmatch(text) or DATE_LINE.fullmatch(labelled(text)[1])


def site_names_chrome(units: Sequence[Line]) -> None:
    """A short line right above a breadcrumb trail, with no blank line between, is the site's
    name ("Danske Regioner" over "Forside > Nyheder > Debatindlæg"), not the page's label."""
    for above, unit in itertools.pairwise(units):
        if (unit.kind == "chrome" and unit.joined_above and BREADCRUMB.fullmatch(unit.text)
                and above.kind == "short"):
            above.kind = "chrome"


def vertical_breadcrumbs_chrome(units: Sequence[Line]) -> None:
    """A breadcrumb trail copied one crumb a line ("Etusivu" over "Ajankohtaista" over
    "Uutiset", perhaps with a "/" line between crumbs): the short lines under the site's home,
    up to a blank line (or anywhere when separator lines show it is a trail), are the trail,
    not a content label. When the date comes right after it, the last crumb may be the title,
    so it is left alone."""
    for index, unit in enumerate(units):
        if unit.kind != "chrome" or key(unit.text) not in HOME_PAGES:
            continue
        following = (units[at] for at in range(index + 1, len(units)))  # no copy of the rest
        trail = list(itertools.takewhile(
            lambda u: u.joined_above and (_is_separator(u.text)
                                          or (u.kind == "short" and _is_crumb(u.text))),
            following))
        after = index + 1 + len(trail)
        separated = any(_is_separator(u.text) for u in trail)
        if not trail or (after < len(units) and units[after].joined_above and not separated):
            continue  # a trail without separators ends with a blank line
        if after < len(units) and date_line(units[after].text) is not None:
            trail = trail[:-1]
        for crumb in trail:
            crumb.kind = "chrome"


def _is_separator(text: str) -> bool:
    return text.strip() in ("/", "›", "»", ">", "|", "\\")


def _is_crumb(text: str) -> bool:
    return len(text) <= 40 and len(text.split()) <= 3 and text[:1].isupper() and text[-1:].isalpha()


# A press release sent as e-mail opens with its headers ("From: …", "Subject: …", "Ämne: …").
_MAIL_HEADER = re.compile(
    r"(?i:from|to|cc|bcc|date|subject|reply-to|sent|content-type|content-transfer-encoding|"
    r"mime-version|message-id|från|till|ämne|skickat|datum|fra|til|emne|sendt|dato|"
    r"lähettäjä|vastaanottaja|aihe|lähetetty|päivämäärä|kopio)\s*:\s*\S.*"
)
_MAIL_SENDER = re.compile(r"(?i:from|från|fra|lähettäjä)\s*:")


def mail_headers_chrome(units: Sequence[Line]) -> None:
    """The header lines an e-mailed press release opens with are not the page (its "Date:" is
    the sending, and its "Subject:" repeats the title): the first block, when it names the
    sender and every line is a header."""
    first = list(itertools.takewhile(lambda u: u is units[0] or u.joined_above, units))
    if (len(first) >= 2 and _MAIL_SENDER.match(first[0].text)
            and all(_MAIL_HEADER.fullmatch(u.text) for u in first)):
        for unit in first:
            unit.kind = "chrome"
