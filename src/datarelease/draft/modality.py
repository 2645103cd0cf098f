"""Whether a clause asserts what a role or relationship phrase says, as a fact that holds.

A phrase ("samarbetar med", "har gitt innspill til", "antoi lausunnon") is positive evidence
only when its clause states it: not negated ("har inte lämnat"), not wished, planned or
possible ("vill samarbeta", "skal gi innspill", "aikoo tehdä yhteistyötä"), not conditional
("Om SKR samarbetar …"), not asked for ("ber KS om innspill", "pyysi lausuntoa") and, for a
lasting relationship, not over ("samarbetade tidigare"). A document sent out for comment
("på remiss till", "på høring", "lausunnolle") names the ones asked to comment, not its
addressees. The words are data, one table per kind and language; every language's words are
read on every page but a few that mean something else in a neighbour's language (nynorsk
"ei" is an article, Finnish "ei" a negation).
"""

from __future__ import annotations

import re


def _words(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    # the boundaries stand outside the alternation, so a position inside a word fails at once
    if not alternatives:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)(?:" + "|".join(rf"(?:{a})" for a in alternatives) + r")(?!\w)",
                      re.IGNORECASE)


_SV, _NO, _DA, _FI = ("sv",), ("nb", "nn"), ("da",), ("fi",)
_KINDS: dict[str, dict[tuple[str, ...], tuple[str, ...]]] = {
    # not, never, none; Finnish negates with a verb of its own (ei, eivät)
    "negated": {
        _SV: (r"inte", r"ej", r"icke", r"aldrig", r"ingen", r"inget", r"inga"),
        _NO: (r"ikke", r"ikkje", r"aldri", r"ingen", r"intet", r"inga", r"ingi"),
        _DA: (r"ikke", r"aldrig", r"ingen", r"intet"),
        _FI: (r"ei", r"eivät", r"emme", r"koskaan"),
    },
    # wishes, plans, possibilities and the future; Finnish conditional mood ("tekisi") too
    "wished, planned or possible": {
        _SV: (r"ska", r"skall", r"skulle", r"vill", r"ville", r"kan", r"kunde", r"kunna",
              r"bör", r"borde", r"kommer\s+att", r"planera[rd]\w*", r"avser", r"hoppas",
              r"önskar", r"siktar\s+på", r"tänker", r"överväger"),
        _NO: (r"skal", r"vil", r"kan", r"kunne", r"bør", r"burde", r"skulle", r"ville",
              r"kommer\s+til\s+å", r"kjem\s+til\s+å", r"planlegg\w*", r"ønsk\w*",
              r"håpe[rt]", r"håpar", r"tar\s+sikte\s+på", r"tek\s+sikte\s+på", r"vurderer"),
        _DA: (r"skal", r"vil", r"kan", r"kunne", r"bør", r"burde", r"skulle", r"ville",
              r"kommer\s+til\s+at", r"planlægger", r"ønsker", r"håber", r"agter",
              r"overvejer"),
        _FI: (r"aikoo", r"aikovat", r"haluaa", r"haluavat", r"suunnittelee", r"suunnittelevat",
              r"voi", r"voivat", r"voisi", r"voisivat", r"pitäisi", r"tulee", r"tulevat",
              r"toivoo", r"toivovat", r"harkitsee", r"harkitsevat", r"\w{3,}isi(?:vat)?"),
    },
    # time yet to come: "nästa år", "til høsten", "ensi viikolla"
    "yet to come": {
        _SV: (r"nästa\s+(?:år|vecka|månad|höst|vår)", r"senare\s+i\s+(?:år|höst|vår)",
              r"framöver", r"till\s+hösten", r"till\s+våren"),
        _NO: (r"neste\s+(?:år|uke|veke|måned|månad)", r"seinare\s+i\s+(?:år|haust)",
              r"senere\s+i\s+(?:år|høst)", r"til\s+hausten", r"til\s+høsten", r"til\s+våren"),
        _DA: (r"næste\s+(?:år|uge|måned)", r"senere\s+i\s+(?:år|efterår)", r"til\s+efteråret",
              r"til\s+foråret"),
        _FI: (r"ensi\s+\w+", r"myöhemmin\s+(?:tänä|tänään|syksyllä|keväällä)"),
    },
    # asking someone for input or inviting them: the input is not given yet
    "asked for": {
        _SV: (r"ber", r"bad", r"bett", r"begär\w*", r"efterfråga\w*", r"bjud\w*\s+in",
              r"inbjud\w*", r"uppmana\w*"),
        _NO: (r"ber", r"bad", r"bedt", r"bedd", r"inviter\w*", r"oppfordr\w*"),
        _DA: (r"beder", r"bad", r"bedt", r"inviter\w*", r"opfordr\w*"),
        _FI: (r"pyytä\w*", r"pyysi\w*", r"pyyd\w*", r"pyyn\w*", r"kutsui\w*", r"kutsuu",
              r"kehott\w*"),
    },
    # an ended relationship: "avslutade samarbetet", "fram till 2019"
    "over": {
        # … or tied to an earlier round of work: "samarbetade kring den förra reformen"
        _SV: (r"fram\s+till", r"avslut\w*", r"upphör\w*", r"utträtt", r"gick\s+ur",
              r"förra\s+\w+", r"den\s+gången", r"(?:denna|den\s+här)\s+gången"),
        _NO: (r"fram\s+til", r"avslutt\w*", r"opphør\w*", r"forlot", r"meldt\s+seg\s+ut",
              r"meldte\s+seg\s+ut", r"forrige\s+\w+", r"den\s+gangen", r"denne\s+gangen"),
        _DA: (r"frem\s+til", r"afslut\w*", r"ophør\w*", r"forlod", r"udtrådt",
              r"meldte\s+sig\s+ud", r"forrige\s+\w+", r"sidste\s+gang", r"denne\s+gang"),
        _FI: (r"päättyi\w*", r"lopett\w*", r"erosi", r"edellise\w*\s+\w+", r"lakkautet\w*",
              r"purettiin",
              r"tällä\s+kertaa"),
    },
    # a former member or part ("var tidigare medlem i"); a collaboration done before still was
    # one ("har tidigare genomfört ett gemensamt projekt")
    # … or one yet to begin ("blir medlem i SKR från årsskiftet")
    "former": {
        _SV: (r"tidigare", r"förr", r"före\s+detta", r"f\.d\.", r"var", r"blir", r"bli"),
        _NO: (r"tidligere", r"før", r"var", r"blir", r"bli"),
        _DA: (r"tidligere", r"forhenværende", r"før", r"var", r"bliver", r"blive"),
        _FI: (r"aiemmin", r"aikaisemmin", r"entinen", r"oli", r"olivat", r"liittyy",
              r"liittyvät"),
    },
    # demanded, needed, discussed or considered: "efterlyser ett närmare samarbete", "behovet av
    # samarbete", "et samarbeid … er under vurdering", "selvittävät mahdollisuutta yhteistyöhön"
    "demanded or considered": {
        _SV: (r"efterlys\w*", r"kräv\w*", r"behov\w*", r"behöv\w*", r"vill\s+se",
              r"diskuter\w*", r"överväg\w*", r"utreder", r"undersöker", r"möjlig\w*",
              r"eventuell\w*", r"under\s+övervägande"),
        _NO: (r"etterly\w*", r"krev\w*", r"behov\w*", r"treng\w*", r"diskuter\w*", r"drøft\w*",
              r"vurdering", r"utreder", r"mulig\w*", r"eventuell\w*"),
        _DA: (r"efterly\w*", r"kræv\w*", r"behov\w*", r"drøft\w*", r"diskuter\w*",
              r"overvej\w*", r"undersøger", r"mulig\w*", r"eventuel\w*"),
        _FI: (r"vaati\w*", r"edellyt\w*", r"tarve\w*", r"tarpee\w*", r"tarvitse\w*",
              r"selvittä(?!mise)\w*", r"harkin\w*", r"keskustel\w*", r"mahdollis\w*"),
    },
    # what follows a role phrase when the role is in carrying the document out, not in making
    # it: "ansvarar för uppföljningen av strategin", "får ansvar for å følge opp"
    "carrying out": {
        _SV: (r"uppföljning\w*", r"genomför\w*", r"implementer\w*", r"förvaltning\w*",
              r"att\s+följa\s+upp", r"uppdatering\w*", r"att\s+uppdatera"),
        _NO: (r"oppfølging\w*", r"gjennomfør\w*", r"implementer\w*", r"å\s+følge\s+opp",
              r"forvaltning\w*", r"oppdatering\w*", r"å\s+oppdatere"),
        _DA: (r"opfølgning\w*", r"gennemfør\w*", r"implementer\w*", r"at\s+følge\s+op",
              r"opdatering\w*", r"at\s+opdatere"),
        # "vastaa oppaan päivittämisestä": the document's genitive may come first
        _FI: (r"(?:[^\W\d_]+n\s+)?(?:toteut|seuran|täytäntöön|jalkautu|päivit|toimeenpan)\w*",),
    },
    # sent out for comment: its recipients are asked to comment, they are no addressees
    "sent for comment": {
        _SV: (r"på\s+remiss", r"remitter\w*", r"för\s+synpunkter",
              r"till\s+remissinstanserna"),
        _NO: (r"på\s+høring", r"på\s+høyring", r"i\s+høring", r"i\s+høyring",
              r"til\s+uttalelse", r"til\s+fråsegn", r"for\s+kommentarer", r"høring\s+hos"),
        _DA: (r"i\s+høring", r"til\s+høring", r"høring\s+hos", r"til\s+kommentering",
              r"for\s+kommentarer"),
        _FI: (r"lausunnolle", r"lausuntokierrokselle", r"lausunnoille", r"kommentoitavaksi"),
    },
}
# a condition at a clause's start: "Om SKR samarbetar …", "Hvis KL …", "Jos Kuntaliitto …"
_CONDITION = {
    _SV: r"om|ifall", _NO: r"hvis|dersom|viss|om", _DA: r"hvis|såfremt|om", _FI: r"jos|mikäli"}


# words that mean something else in a neighbour's language (nynorsk "ei" is an article, a
# Swedish word may end in "-isi"): read only on pages in the language they belong to
_ONLY_IN = {r"ei": _FI, r"\w{3,}isi(?:vat)?": _FI}


def _compile(language: str) -> dict[str, re.Pattern[str]]:
    """Every language's words (a page quotes its neighbours, and a short text's language may
    be guessed wrong), except the ambiguous ones of other languages."""
    def wanted(word: str) -> bool:
        return language in _ONLY_IN.get(word, (language,))

    patterns = {kind: _words(tuple(dict.fromkeys(w for words in table.values() for w in words
                                                 if wanted(w))))
                for kind, table in _KINDS.items()}
    conditions = "|".join(_CONDITION.values())
    patterns["a condition"] = re.compile(rf"(?:^|[,;:]\s*)(?:{conditions})\s", re.IGNORECASE)
    return patterns


_PATTERNS = {language: _compile(language) for language in ("sv", "nb", "nn", "da", "fi")}


def _patterns(language: str) -> dict[str, re.Pattern[str]]:
    return _PATTERNS.get(language.split("-")[0], _PATTERNS["sv"])


# kinds read in the whole clause, not only up to the phrase: a time, an ending, and for a lasting
# relationship a collaboration "under vurdering" (what input says, "behöver", is its content)
_WHOLE_CLAUSE = frozenset({"yet to come", "over", "demanded or considered"})
# ", der forhandler … i næste uge": a relative clause's time is about the name before it
_RELATIVE = re.compile(r",\s+(?:som|der|joka|jonka|jotka|mikä|vilket|hvilket|which)\s",
                       re.IGNORECASE)


def unasserted(text: str, language: str, *, lasting: bool = False, former: bool = False,
               clause: str | None = None,
               kinds: tuple[str, ...] = ("negated", "wished, planned or possible",
                                         "asked for", "a condition", "yet to come",
                                         "demanded or considered")
               ) -> str | None:
    """Why ``text`` (a clause up to and including the phrase) does not state the fact as one
    that holds, or None when it does. A time ("ensi viikolla", "samarbetade tidigare … men
    avslutade") may stand anywhere in the whole ``clause``. ``lasting``: a relationship that
    can end (a collaboration, a membership), which a past that is over does not state;
    ``former``: a membership or a part, which a mere past ("var medlem") or a beginning to come
    ("blir medlem") does not state."""
    patterns = _patterns(language)
    whole = str(_RELATIVE.split(text if clause is None else clause, maxsplit=1)[0])
    checks: list[str] = [*kinds, *(["over"] if lasting else []), *(["former"] if former else [])]
    for kind in checks:
        read_whole = kind in _WHOLE_CLAUSE and (lasting or kind != "demanded or considered")
        if patterns[kind].search(whole if read_whole else text):
            return kind
    return None


def carried_out(after: str, language: str) -> bool:
    """Whether the words right after a lead or contributor phrase ("ansvarar för
    uppföljningen av …") make the role one in carrying the document out, not in making it."""
    return _patterns(language)["carrying out"].match(after.lstrip()) is not None


def sent_for_comment(text: str, language: str) -> bool:
    """Whether ``text`` says a document was sent out for comment (its recipients are asked to
    comment; they are no addressees)."""
    return _patterns(language)["sent for comment"].search(text) is not None


__all__ = ["carried_out", "sent_for_comment", "unasserted"]
