"""Organisations' roles in a document (lead, contributor, addressee): a role phrase in a sentence
about the document, next to a registry organisation, in a clause that states it as holding
(:mod:`datarelease.draft.modality`). A sentence that names no document goes on about the page's
one document when the sentence before was about it (not when it is about a project). The
subject of a verb may stand after it (after a fronted phrase, or in a cleft sentence: "Det er
X som har leia …"); a role in a relative clause after one of several titles is that
document's; who made a part of the document ("Underlaget om … har tagits fram av SKR")
contributed to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datarelease.draft.facts import (
    _CAPITALISED,
    _DEFINITE,
    _LISTED_WITH,
    _WINDOW,
    ADDRESSEE,
    ADDRESSEE_VERB,
    CONTRIBUTOR,
    CONTRIBUTOR_VERB,
    LEAD,
    LEAD_VERB,
    Document,
    Fact,
    _coordinated_after,
    _coordinated_before,
    _document_words,
    _names_someone_after,
    _nearest_before,
    _right_after,
    _type_of,
    clause_bounds,
    in_network_clause,
    refers_to,
)
from datarelease.draft.handover import receives
from datarelease.draft.modality import carried_out, sent_for_comment, unasserted
from datarelease.draft.text import Mention, OrganisationFinder, Sentence, noun_ending, quote, sentences
from datarelease.extract import Record

# text read before a position: a window (an end-anchored pattern searched through a whole
# long sentence for every position is quadratic)
_BEFORE = 200

# a list of recipients before a registry organisation: "Inrikesministeriet och till",
# "sosiaali- ja terveysministeriölle ja": names (capitalised, hyphen-joined or in the Finnish
# allative) and the words that join them
_RECIPIENT_TOKEN = re.compile(r"[A-ZÅÄÖÆØÜ][\w-]*|[^\W\d_]+-|[^\W\d_]+(?:lle)|,|och|og|ja|sekä|"
                              r"samt|till|til|to|&", re.IGNORECASE)
_JOINING = re.compile(r"^(?:,|och|og|ja|sekä|samt|&)$", re.IGNORECASE)


def _listed_recipient(mentions: Sequence[Mention], sentence: str, position: int
                      ) -> Mention | None:
    """The first registry organisation in a list of recipients right after ``position`` whose
    first names the registry lacks ("överlämnats till Inrikesministeriet och till
    Finansministeriet", "toimitettiin sosiaali- ja terveysministeriölle ja eduskunnalle")."""
    after = [m for m in mentions if m.start >= position and m.start - position <= _WINDOW]
    if not after:
        return None
    tokens = sentence[position:after[0].start].split()
    words = [t for token in tokens for t in re.findall(r"[^\s,]+|,", token)]
    if not words or not all(_RECIPIENT_TOKEN.fullmatch(w) for w in words):
        return None
    return after[0] if any(_JOINING.match(w) for w in words) else None


def _names_a_definite_document(sentence: str) -> bool:
    """"utlåtandet", "rapporten": the sentence is about a document of its own (an indefinite
    "en kartlegging" is what someone contributed)."""
    return any((m["stem"] and noun_ending(m) in _DEFINITE) or m["star"]
               for m, _ in _document_words(sentence))


_OBJECT_OF_PREPOSITION = re.compile(r"(?<!\w)(?:till|til|to|för|for|hos|åt|av|af|om|med|från|"
                                    r"fra|frå)\s+$", re.IGNORECASE)


# ", en av SKR:s medlemmar, har": an apposition between the subject and its verb
_APPOSITION = re.compile(r"^,\s+[^,]{1,60},\s+$")


def _before_apposition(mentions: Sequence[Mention], sentence: str, nearest: Mention,
                       verb: int) -> Mention:
    """"Västra Götalandsregionen, en av SKR:s medlemmar, har bidragit": the name inside an
    apposition is not the verb's subject; the one before the apposition is."""
    earlier = _nearest_before(mentions, nearest.start)
    if earlier is None:
        return nearest
    opening = sentence.find(",", earlier.end)
    if (0 <= opening < nearest.start and not sentence[earlier.end:opening].strip(" ()")
            and _APPOSITION.match(sentence[opening:verb].replace("har ", "").rstrip() + " ")):
        return earlier
    return nearest


# a cleft sentence: "Det er X som …", "Det är X som …", "Det er X, der …"
_CLEFT = re.compile(r"^(?:det|der)\s+(?:er|är|var|va|blev|ble)\s+"
                    r"(?P<negation>(?:ikke|ikkje|inte|ej)\s+)?", re.IGNORECASE)
_CLEFT_END = re.compile(r"(?:\s|,\s)(?:som|der)\s+$", re.IGNORECASE)


_AND_THEN = re.compile(r"\s*(?:och|og|ja|sekä|samt|and)\s*", re.IGNORECASE)
_WORK = re.compile(r"^(?:arbetet|arbeidet|arbejdet|työtä|työ)(?!\w)", re.IGNORECASE)


def _documents_of(sentence: str, documents: Sequence[Document]) -> list[Document]:
    """The documents a sentence is about; "Arbetet …" ("the work") on a page about a single
    document is about that one."""
    targets = [d for d in documents if refers_to(sentence, d, documents)]
    if not targets and len(documents) == 1 and _WORK.match(sentence) and not _type_of(sentence):
        return list(documents)
    return targets


# a project or programme of its own, definite: the sentence is about it, not the document
_UNDERTAKING = re.compile(r"(?<![\w-])[^\W\d_]*(?:projektet|prosjektet|hankkeessa|hanketta|"
                          r"hankkeen|pilotprojektet|piloten|satsningen|satsingen|satsinga)"
                          r"(?![\w-])", re.IGNORECASE)


# a part or the basis of the page's one document as the sentence's subject: "Underlaget om
# offentlig upphandling har tagits fram av SKR", "Kapittelet om økonomi er skrevet av KS"
_PART = re.compile(r"^(?:underlaget|kapitlet|kapittelet|avsnittet|afsnittet|bilagan|vedlegget|"
                   r"bilaget|grundlaget|analysdelen|oppaan\s+luku|raportin\s+luku|luku)"
                   r"(?:\s+(?:om|till|til|for|för|about|[^\W\d_]+(?:sta|stä)))?\s",
                   re.IGNORECASE)


def _document_follows(sentence: str, phrase: re.Match[str], document: Document) -> bool:
    """Whether the document is the verb's object: its title or a word for it among the next
    three words ("Stortinget skal behandle meldingen", "tog emot betänkandet")."""
    following = " ".join(sentence[phrase.end():].split()[:3])
    return document.title.casefold()[:20] in sentence[phrase.end():].casefold()[:60] or bool(
        _document_words(following))


# a pronoun subject that stands for the document named just before
_PRONOUN_SUBJECT = re.compile(r"^(?:den|denne|se)\s+(?:har|er|är|on|ble|blev|blei|vart|"
                              r"skal|ska|skall|oli)\s", re.IGNORECASE)


def _continues_about(page: Sequence[Sentence], index: int, documents: Sequence[Document],
                    about: dict[int, list[Document]]) -> bool:
    """On a page about one document, a sentence that names no document goes on about the
    document the sentence before it (in its block or the block before) was about."""
    if (len(documents) != 1 or index == 0 or _names_a_definite_document(page[index].text)
            or _UNDERTAKING.search(page[index].text)):
        return False  # "… driver regionen projektet Kreativa platser": another undertaking
    previous = page[index - 1]
    return (page[index].block - previous.block <= 1
            and about.get(index - 1) == list(documents))


# at most two words before a verb that opens its clause: "Strategian valmisteluun
# osallistuivat Kuntaliitto, …", "I arbetet deltog SKR och …"
_FRONTED = re.compile(r"^\W*(?:[^\W\d_]+\s+){0,2}$")


def _inverted_subject(mentions: Sequence[Mention], sentence: str, phrase: re.Match[str]
                      ) -> Mention | None:
    """The subject right after a verb that follows a fronted phrase (the verb second, the
    subject third): the name right after the verb, nothing between them."""
    start, _ = clause_bounds(sentence, phrase.start())
    if not _FRONTED.match(sentence[start:phrase.start()]):
        return None
    after = _right_after(mentions, sentence, phrase.end())
    return after if after is not None and not sentence[phrase.end():after.start].strip() else None


def _role_mentions(role: str, phrase: re.Match[str], verb: bool, mentions: Sequence[Mention],
                   sentence: str) -> list[Mention]:
    """The organisations a role phrase names: a contributing verb's subject (before it); for
    the others the name right after the phrase (and those listed with it, for addressees), else
    the one before it."""
    if verb:
        cleft = _CLEFT.match(sentence)
        if cleft is not None and _CLEFT_END.search(sentence, max(0, phrase.start() - _BEFORE),
                                                   phrase.start()):
            # "Det er KMD, eitt av departementa i regjeringa, som har leia …": the name the
            # cleft puts first is the subject; "Det er ikkje KMD som …" names no one
            first = next((m for m in mentions if m.start == cleft.end()), None)
            return [] if cleft["negation"] or first is None else [first]
        subject = _nearest_before(mentions, phrase.start())
        if subject is None or subject.start < clause_bounds(sentence, phrase.start())[0]:
            inverted = _inverted_subject(mentions, sentence, phrase)
            if inverted is not None:
                return _coordinated_after(mentions, sentence, inverted)
            if subject is None:
                return []
        if (_OBJECT_OF_PREPOSITION.search(sentence, max(0, subject.start - _BEFORE), subject.start)
                and _AND_THEN.fullmatch(sentence[subject.end:phrase.start()])):
            # "X gav ett utlåtande till Finansministeriet och deltog i …": the name before the
            # verb is an object; the sentence's subject, if it opens the sentence, did it
            subject = mentions[0] if mentions[0].start == 0 else None
            if subject is None:
                return []
        apposed = _before_apposition(mentions, sentence, subject, phrase.start())
        between = sentence[subject.end:phrase.start()]
        if apposed is not subject:
            subject = apposed  # the apposition's names are no subjects (nor a name's acronym)
        elif _CAPITALISED.search(between) and not _LISTED_WITH.match(between):
            return []  # another (unknown) name stands between: it may be the subject
        return _coordinated_before(mentions, sentence, subject)
    mention = _right_after(mentions, sentence, phrase.end())
    if mention is None and role == "addressee":
        mention = _listed_recipient(mentions, sentence, phrase.end())
    if mention is not None and role in ("addressee", "contributor"):
        return _coordinated_after(mentions, sentence, mention)  # "med bidrag fra KL og …"
    if (role != "addressee" and mention is None
            and not _names_someone_after(sentence, phrase.end())):
        mention = _nearest_before(mentions, phrase.start())
    return [mention] if mention is not None else []


def find_roles(record: Record, source_text: str, documents: Sequence[Document],
               finder: OrganisationFinder) -> None:
    page = sentences(record)
    about: dict[int, list[Document]] = {}
    for index, sentence in enumerate(page):
        part = len(documents) == 1 and _PART.match(sentence.text) is not None
        targets = list(documents) if part else _documents_of(sentence.text, documents)
        continued = not targets and _continues_about(page, index, documents, about)
        if continued:
            targets = list(documents)
        about[index] = targets
        scope = 0
        if len(targets) > 1:
            # "… i NOU 2029: 11 «Vann og avløp i en ny tid», som Vannforsyningsutvalget
            # overleverte til regjeringen": a relative clause after one document's title
            relative = _relative_to_title(sentence.text, targets)
            if relative is not None:
                targets, scope = [relative[0]], relative[1]
        if len(targets) != 1:
            continue  # no document, or several: which one the roles belong to is unclear
        document = targets[0]
        mentions = finder.mentions(sentence.text)
        placed: set[str] = set()  # one role per organisation and sentence
        for role, pattern, verb in (("lead", LEAD, False), ("lead", LEAD_VERB, True),
                                    ("addressee", ADDRESSEE, False),
                                    ("addressee", ADDRESSEE_VERB, True),
                                    ("contributor", CONTRIBUTOR, False),
                                    ("contributor", CONTRIBUTOR_VERB, True)):
            if continued and role == "addressee" and not _PRONOUN_SUBJECT.match(sentence.text):
                continue  # an addressee is stated with the document, not after it ("Den har
                # skickats till regeringen" names it by a pronoun)
            for phrase in pattern.finditer(sentence.text, scope):
                if in_network_clause(sentence.text, phrase.start()):
                    continue  # a network's members took no part in a document for meeting
                if not _asserted_role(role, phrase, sentence.text, document, record.language):
                    continue
                if part and role == "addressee":
                    continue  # a part of the document is sent nowhere of its own
                if pattern is ADDRESSEE_VERB and not _document_follows(sentence.text, phrase,
                                                                        document):
                    continue  # "Regeringen tog emot kritik för rapporten": not the document
                for mention in _role_mentions(role, phrase, verb, mentions, sentence.text):
                    if mention.org_id in {document.issuer, *placed} or (
                            role == "contributor" and receives(sentence.text, mention.start)):
                        continue  # "har gitt Digdir innspill til …": Digdir receives it
                    if role == "addressee" and not verb and _sent_by_someone_else(
                            document, phrase, mention, mentions, sentence.text):
                        continue
                    placed.add(mention.org_id)
                    # who made a part of the document contributed to it
                    _add_role(document, "contributor" if part else role, mention, phrase,
                              sentence.text, source_text, continued)


_RELATIVE_AFTER_TITLE = re.compile(r"[”\"»«“]?\s*,\s+(?:som|der|jonka|joka)\s+", re.IGNORECASE)


def _relative_to_title(sentence: str, documents: Sequence[Document]
                       ) -> tuple[Document, int] | None:
    """The document whose title a relative clause follows, and where the clause starts."""
    lowered = sentence.casefold()
    for document in documents:
        at = lowered.find(document.title.casefold())
        if at < 0:
            continue
        relative = _RELATIVE_AFTER_TITLE.match(sentence, at + len(document.title))
        if relative is not None:
            return document, relative.end()
    return None


_NOT_SENDING = re.compile(r"behandl|handsam|käsitel|käsittel|uppdrag|oppdrag|opdrag", re.IGNORECASE)


def _sent_by_someone_else(document: Document, phrase: re.Match[str], mention: Mention,
                          mentions: Sequence[Mention], sentence: str) -> bool:
    """"SKR har skickat strategin vidare till Vinnova", "Kuntaliitto lähetti ohjelmasta
    kannanoton eduskunnalle": an organisation other than the issuer forwards the document, or
    what is sent is another document: the one it reaches is no addressee of this one."""
    between = sentence[phrase.end():mention.start]
    if any(doc_type != document.type for _, doc_type in _document_words(between)):
        return True
    if _NOT_SENDING.search(phrase.group()):
        return False  # "skal behandles av Stortinget", "på oppdrag fra": no one sends
    start, _ = clause_bounds(sentence, phrase.start())
    sender = _nearest_before(mentions, phrase.start())
    return (sender is not None and sender.start >= start and document.issuer is not None
            and sender.org_id != document.issuer)


def _asserted_role(role: str, phrase: re.Match[str], sentence: str, document: Document,
                   language: str) -> bool:
    """Whether the phrase's clause states the role as a fact: not negated, and for a lead or a
    contributor not wished, planned or asked for ("KS skal bidra til", "ber KS om innspill");
    an addressee is named for what is done with the document later too ("skal behandles av
    Stortinget"), but not when the document went out for comment ("på remiss till SKR") or
    what was sent is another document ("sendt innspill til Digdir om meldingen": Digdir got
    the input, not the white paper)."""
    start, end = clause_bounds(sentence, phrase.start())
    before = sentence[start:phrase.end()]
    if role == "addressee":
        return not (unasserted(before, language, kinds=("negated", "a condition"))
                    or sent_for_comment(sentence[start:end], language)
                    or any(doc_type != document.type
                           for _, doc_type in _document_words(phrase.group())))
    if carried_out(sentence[phrase.end():phrase.end() + 40], language):
        return False  # "ansvarar för uppföljningen av strategin": carrying it out
    return unasserted(before, language, clause=sentence[start:end]) is None


def _add_role(document: Document, role: str, mention: Mention, phrase: re.Match[str],
              sentence: str, source_text: str, continued: bool) -> None:
    if any(r.data["organisation"] == mention.org_id and r.data["role"] == role
           for r in document.roles):
        return
    span = (min(phrase.start(), mention.start), max(phrase.end(), mention.end))
    evidence = quote(sentence, source_text, around=span)
    if evidence is None:
        return
    where = ("in a sentence that goes on about the page's one document" if continued
             else "in a sentence about the document")
    document.roles.append(Fact(
        {"organisation": mention.org_id, "role": role, "evidence": evidence},
        f"'{phrase.group()}' next to '{mention.text}' {where}"))


__all__ = ["find_roles"]
