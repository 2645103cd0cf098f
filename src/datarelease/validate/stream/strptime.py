"""Dates, datetimes and times in a ``strptime`` format (``%d.%m.%Y``, ``%d/%m/%Y %H:%M``, ...),
checked column-wise: the cells certainly read by ``datetime.strptime`` are rewritten into the
plain ISO 8601 form the default format's checks, bounds and key texts already handle.

frictionless reads such a cell with ``datetime.strptime(cell, format)``, which compiles the
format into a regular expression (one group per directive, alternatives longest first), matches
it at the start of the cell, refuses a cell with text left over, and builds the value from the
groups, defaulting a missing year to 1900 and a missing month or day to 1. For a format made of
``%Y``, ``%m``, ``%d``, ``%H``, ``%M``, ``%S`` and ``%f`` (each at most once) and literal
characters other than ``%``, :func:`iso_rewrite` gives an RE2 pattern of the cells where every
directive is written with exactly its full width (four digits for the year, two for the rest,
in range; a fraction ``%f`` of one to six digits where a non-digit or the end follows it, else
six) and every literal as it stands — a subset of what ``strptime`` accepts, and one where its
first match is that same split — and the replacement that writes the cell as ``YYYY-MM-DD``,
``YYYY-MM-DDTHH:MM:SS`` or ``HH:MM:SS`` (with ``.`` and the fraction's digits after the seconds:
both read them as microseconds padded on the right). Whether that date exists (30 February) is
then the ISO check's to say; 29 February is always left to the reader. Any other cell goes to
the reader. Formats with other directives (``%y``, ``%b``, ``%z``, ...) keep the reader for every
distinct value.
"""

from __future__ import annotations

_DIRECTIVES = {
    "Y": "([0-9]{4})",
    "m": "(0[1-9]|1[0-2])",
    "d": "(0[1-9]|[12][0-9]|3[01])",
    "H": "([01][0-9]|2[0-3])",
    "M": "([0-5][0-9])",
    "S": "([0-5][0-9])",
}
_DEFAULTS = {"Y": "1900", "m": "01", "d": "01", "H": "00", "M": "00", "S": "00"}


def iso_rewrite(format: str, kind: str) -> tuple[str, str] | None:
    """(RE2 pattern, replacement) turning the cells of a ``kind`` field (date, datetime or time)
    that ``strptime(cell, format)`` certainly reads into ISO 8601, or None for a format outside
    the directives handled here."""
    parts: list[str] = []
    groups: dict[str, int] = {}
    i = 0
    while i < len(format):
        char = format[i]
        if char == "%":
            directive = format[i + 1:i + 2]
            if directive not in (*_DIRECTIVES, "f") or directive in groups:
                return None
            groups[directive] = len(groups) + 1
            parts.append(_DIRECTIVES[directive] if directive != "f" else _fraction(format[i + 2:]))
            i += 2
            continue
        parts.append(_literal(char))
        i += 1
    if not groups:
        return None

    def put(directive: str) -> str:
        number = groups.get(directive)
        return f"\\{number}" if number is not None else _DEFAULTS[directive]

    day = f"{put('Y')}-{put('m')}-{put('d')}"
    clock = f"{put('H')}:{put('M')}:{put('S')}" + (f".\\{groups['f']}" if "f" in groups else "")
    replacement = {"date": day, "datetime": f"{day}T{clock}", "time": clock}.get(kind)
    # a time's date must exist for strptime too, which the time's own check does not see
    if replacement is None or (kind == "time" and set(groups) & {"Y", "m", "d"}):
        return None
    return "^" + "".join(parts) + "$", replacement


def _fraction(rest: str) -> str:
    """``%f``: strptime reads one to six digits (greedily) and pads them on the right, as ISO
    8601's fraction of a second is read. Before the end of the cell or a character that is not
    a digit, any of those; else (a directive follows) all six, where the greedy match stops."""
    if not rest or (not rest[0].isdigit() and rest[0] != "%") or rest.startswith("%%"):
        return "([0-9]{1,6})"
    return "([0-9]{6})"


def _literal(char: str) -> str:
    """One character as an RE2 literal."""
    return char if char.isascii() and char.isalnum() else f"\\x{{{ord(char):X}}}"
