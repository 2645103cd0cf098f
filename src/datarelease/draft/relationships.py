"""Relationships between registry organisations that a sentence states: a relationship phrase
("systerorganisation", "samarbeider med", "høringssvar til", "on SKR:n sisarjärjestö") between
its subject and object, in every language's words (:mod:`datarelease.draft.vocabulary`).
Besides, by structure: appositions (:mod:`~datarelease.draft.appositions`), a collaboration word
joining exactly two organisations of a clause, a joint project with the partner fronted
("Tillsammans med Vinnova driver regionen projektet …"), one called the other's partner, a
submission or a membership fronted ("I sitt remissvar till regeringen …", "Som medlem i SKR
…"), input received or given to a generic word for a body named before. The publisher may be
named by its kind ("förbundets medlemmar", "Foreningen samarbejder").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datarelease.draft.appositions import apposition_relationships
from datarelease.draft.facts import (
    _ALL,
    _AND,
    _QUOTED,
    _TOGETHER,
    _WINDOW,
    ISSUE,
    RELATIONSHIPS,
    Fact,
    _coordinated_after,
    _coordinated_before,
    _document_words,
    _nearest_before,
    _right_after,
    clause_bounds,
    in_network_clause,
    relationship,
    takes_part_in_clause,
)
from datarelease.draft.handover import input_handed_over
from datarelease.draft.inputrefs import (
    input_by_adverbial,
    input_by_reference,
    input_received,
    names_input,
)
from datarelease.draft.modality import unasserted
from datarelease.draft.statements import owner_not_receiver
from datarelease.draft.text import Mention, OrganisationFinder, quote, sentences
from datarelease.extract import Record

# text read before a position: a window (an end-anchored pattern searched through a whole
# long sentence for every position is quadratic)
_BEFORE = 200

SYMMETRIC = frozenset({"sister_organisation_of", "collaborates_with"})
# relationships that hold for a time and can be over ("samarbetade tidigare"); input once given
# stays given
_LASTING = frozenset({"sister_organisation_of", "part_of", "member_of", "collaborates_with"})
# A network or loose cooperation ("et nordisk netværk", "pohjoismaista yhteistyötä") makes no
# organisation part, member or collaborator of another: only sisterhood is stated with it
_NOT_IN_NETWORKS = frozenset({"part_of", "member_of", "collaborates_with"})
# Being part or a member of something names it right after the phrase (an article or two at most)
_DIRECT = frozenset({"part_of", "member_of"})
_DIRECT_OBJECT = re.compile(r"^\s*(?:[^\W\d_]+\s+){0,2}$")
# "medlem i Vinnovas referensgrupp": an organisation in the genitive before a noun owns what is
# named, it is not itself the object
_OWNS_NEXT = re.compile(r"^\s+[a-zåäöæøü]")
# working together, as a noun or a verb in any form or compound: "samarbete", "samarbetat",
# "samarbeidsavtale", "yhteistyötä", "partnerskap", "arbejder sammen"
COLLABORATION = re.compile(  # (the boundaries outside the alternation: faster, the same matches)
    r"(?<![\w-])(?:" + "|".join(rf"(?:{w})" for v in _ALL for w in v.collaboration_words)
    + r")(?![\w-])", re.IGNORECASE)
_WITH = re.compile(r"(?<!\w)(?:med|with|kanssa)(?!\w)", re.IGNORECASE)
_WITH_BEFORE = re.compile(r"(?<!\w)med\s+(?:[^\W\d_]+\s+){0,2}$", re.IGNORECASE)
_WITH_AFTER = re.compile(r"^\s*kanssa(?!\w)", re.IGNORECASE)
# ", som er underlagt Kommunal- og distriktsdepartementet,": a relative clause says something
# about the name before it, not about the sentence's subject and object
_RELATIVE = re.compile(r",\s+(?:som|der|joka|jonka|mikä|which)\s[^,]*,", re.IGNORECASE)
_WITH_SOMEONE_ELSE = re.compile(r"(?<!\w)(?:med|with)\s+[A-ZÅÄÖÆØÜ]")
_TOPIC_BEFORE = re.compile(r"(?<!\w)(?:om|kring|omkring|about)\s+(?:[^\W\d_]+\s+)?$",
                           re.IGNORECASE)
_NEGATION = re.compile(r"(?<!\w)(?:inte|ikke|ikkje|ej|not)(?!\w)", re.IGNORECASE)
# Finnish negates with a verb of its own; nynorsk "ei" is an article ("sendt ei fråsegn")
_FINNISH_NEGATION = re.compile(r"(?<!\w)(?:ei|eivät|emme)(?!\w)", re.IGNORECASE)


def _negated(text: str, language: str) -> bool:
    return bool(_NEGATION.search(text)) or (language.startswith("fi")
                                             and bool(_FINNISH_NEGATION.search(text)))


def find_relationships(record: Record, source_text: str, finder: OrganisationFinder
                       ) -> list[Fact]:
    found: list[Fact] = []
    seen: set[tuple[str, str, str]] = set()
    earlier: dict[str, str] = {}  # organisation type → the last one of it named so far
    for sentence in sentences(record):
        mentions = finder.mentions(sentence.text, we=True, kind=True)
        for fact in input_by_reference(sentence.text, mentions, earlier, source_text,
                                        record.language):
            statement = (str(fact.data["subject"]), "provided_input_to", str(fact.data["object"]))
            if statement not in seen:
                seen.add(statement)
                found.append(fact)
        for fact in [*input_received(sentence.text, mentions, source_text, record.language),
                     *_fronted_input(sentence.text, mentions, source_text, record.language),
                     *input_handed_over(sentence.text, mentions, source_text, record.language),
                     *input_by_adverbial(sentence.text, mentions, source_text, record.language)]:
            statement = (str(fact.data["subject"]), "provided_input_to", str(fact.data["object"]))
            if statement not in seen:
                seen.add(statement)
                found.append(fact)
        earlier.update({finder.types.get(m.org_id, ""): m.org_id for m in mentions})
        if len(mentions) < 2:
            continue
        for predicate, pattern in RELATIONSHIPS.items():
            for phrase in pattern.finditer(sentence.text):
                if predicate in _NOT_IN_NETWORKS and in_network_clause(
                        sentence.text[:phrase.end() + 40] if predicate in _DIRECT
                        else sentence.text, phrase.start()):
                    continue  # "medlem i SKR och deltar i SKR:s nätverk": the network is
                    # another clause's
                if predicate == "collaborates_with" and (
                        takes_part_in_clause(sentence.text, phrase.start())
                        or _joint_publication(sentence.text, phrase.start())):
                    continue
                if predicate == "collaborates_with" and _titled_agreement(sentence.text, phrase):
                    continue
                if predicate == "provided_input_to" and not names_input(sentence.text):
                    continue
                start, end = clause_bounds(sentence.text, phrase.start())
                if predicate in _LASTING and _over_but(sentence.text, end, record.language):
                    continue  # "samarbetade …, men det avslutades 2025"
                if _negated(phrase.group(), record.language) or unasserted(
                        sentence.text[start:phrase.end()], record.language,
                        lasting=predicate in _LASTING, former=predicate in _DIRECT,
                        clause=sentence.text[start:end]):
                    continue  # "samarbetar inte med", "vill samarbeta med", "ber KS om innspill"
                for subject, obj in _pairs(mentions, sentence.text, phrase, predicate):
                    if predicate == "provided_input_to" and owner_not_receiver(
                            sentence.text, obj, record.language):
                        continue  # "lausunnon valtiovarainministeriön luonnoksesta": whose
                    statement = (subject.org_id, predicate, obj.org_id)
                    low, high = sorted((subject.org_id, obj.org_id))
                    unordered = (low, high, predicate)
                    if subject.org_id == obj.org_id or statement in seen or (
                            predicate in SYMMETRIC and unordered in seen):
                        continue
                    span = (min(subject.start, phrase.start()), max(obj.end, phrase.end()))
                    evidence = quote(sentence.text, source_text, around=span)
                    if evidence is None:
                        continue
                    seen.update({statement, unordered})
                    found.append(relationship(
                        subject.org_id, predicate, obj.org_id, evidence,
                        f"'{subject.text}' … '{phrase.group()}' … '{obj.text}'"))
        for fact in _memberships(sentence.text, mentions, source_text, record.language):
            statement = (str(fact.data["subject"]), "member_of", str(fact.data["object"]))
            if statement not in seen:
                seen.add(statement)
                found.append(fact)
        for subject, predicate, obj in apposition_relationships(sentence.text, mentions):
            statement = (subject.org_id, predicate, obj.org_id)
            low, high = sorted((subject.org_id, obj.org_id))
            unordered = (low, high, predicate)
            evidence = quote(sentence.text, source_text, around=(subject.start, obj.end))
            if statement in seen or unordered in seen or evidence is None:
                continue
            seen.update({statement, unordered})
            found.append(relationship(
                subject.org_id, predicate, obj.org_id, evidence,
                f"'{obj.text}' in an apposition to '{subject.text}'"))
        for fact in [*_collaborations(sentence.text, mentions, source_text, record.language),
                     *_fronted_partner(sentence.text, mentions, source_text, record.language),
                     *_partners(sentence.text, mentions, source_text, record.language)]:
            low, high = sorted((str(fact.data["subject"]), str(fact.data["object"])))
            if (low, high, "collaborates_with") not in seen:
                seen.add((low, high, "collaborates_with"))
                found.append(fact)
    return found


def _joint_publication(sentence: str, position: int) -> bool:
    """"SKR presenterar tillsammans med KS och KL ”Nordisk färdplan …”": presenting or
    publishing a document together is recorded as its roles, not as a collaboration."""
    start, end = clause_bounds(sentence, position)
    clause = sentence[start:end]
    return ISSUE.search(clause) is not None and (
        _QUOTED.search(sentence) is not None or bool(_document_words(clause)))


# "samarbeidsavtalen", "samarbetsavtalet", "samarbejdsaftalen", "yhteistyösopimuksen"
_AGREEMENT_WORD = re.compile(r"avtal|aftal|overenskomst|överenskommelse|sopimu", re.IGNORECASE)


def _titled_agreement(sentence: str, word: re.Match[str]) -> bool:
    """"har underteikna samarbeidsavtalen «X»": a cooperation agreement with a title is a
    document whose parties are its roles (GOLD.md), not by itself a collaboration."""
    return (_AGREEMENT_WORD.search(word.group()) is not None
            and _TITLE_NEXT.match(sentence, word.end()) is not None)


# the title right after the word (a designation of up to two words between)
_TITLE_NEXT = re.compile(r"\s*(?:[\w.:/-]+\s+){0,2}[„”\"“«»]")


def _collaborations(sentence: str, mentions: Sequence[Mention], source_text: str,
                    language: str) -> list[Fact]:
    """Two organisations a clause says work together, whatever the phrase (see
    :func:`_collaborating_pair`)."""
    found = []
    titles = [m.span() for m in _QUOTED.finditer(sentence)]
    for word in COLLABORATION.finditer(sentence):
        if any(a <= word.start() < b for a, b in titles):
            continue  # "lanceret strategien »Sammen om data«": words of a title
        if _titled_agreement(sentence, word):
            continue
        if _TOPIC_BEFORE.search(sentence, max(0, word.start() - _BEFORE), word.start()):
            continue  # "ett seminarium om samarbete mellan kommuner": a topic, not a fact
        if (in_network_clause(sentence, word.start())
                or takes_part_in_clause(sentence, word.start())):
            continue
        start, end = clause_bounds(sentence, word.start())
        if _over_but(sentence, end, language):
            continue  # "drev tidigare ett gemensamt program, men det avslutades 2025"
        if unasserted(sentence[start:word.end()], language, lasting=True,
                      clause=sentence[start:end]):
            continue  # "SKR och Vinnova vill samarbeta", "samarbetade tidigare"
        pair = _collaborating_pair(sentence, mentions, word, language)
        if pair is None:
            continue
        a, b = pair
        evidence = quote(sentence, source_text,
                         around=(min(a.start, word.start()), max(b.end, word.end())))
        if evidence is not None:
            found.append(relationship(
                a.org_id, "collaborates_with", b.org_id, evidence,
                f"'{a.text}' and '{b.text}' in one clause with '{word.group()}'"))
    return found


def _collaborating_pair(sentence: str, mentions: Sequence[Mention], word: re.Match[str],
                        language: str) -> tuple[Mention, Mention] | None:
    """The two organisations of the clause holding a collaboration word, when the clause names
    exactly two (a relative clause's names left out) and joins them as working together: as
    coordinated subjects with no one else to work "with" ("SKR och Vinnova har samarbetat
    kring"), or one "with" the other around the word ("inngått et partnerskap med KS",
    "Valtiovarainministeriön kanssa Kuntaliitto on sopinut yhteistyöstä")."""
    start, end = clause_bounds(sentence, word.start())
    clause = sentence[start:end]
    if _negated(clause, language):
        return None
    relative = [m.span() for m in _RELATIVE.finditer(sentence)]
    inside = [m for m in mentions if start <= m.start and m.end <= end
              and not any(a <= m.start < b for a, b in relative)]
    if len({m.org_id for m in inside}) != 2:
        return None
    a = inside[0]
    b = next(m for m in inside if m.org_id != a.org_id)
    if _AND.match(sentence[a.end:b.start]):
        if _WITH.search(sentence, b.end, sentence.find(",", word.end(), end) % (end + 1) or end):
            return None  # "SKR och Vinnova samarbetar med …": with someone else (not ", en
            # nettside med maler": an apposition after the comma)
        return a, b
    inverted = (word.end() <= a.start and not sentence[word.end():a.start].strip()
                and _FRONTED.match(sentence[start:word.start()]) is not None)
    # "Valtiovarainministeriö tekee Kuntaliiton kanssa yhteistyötä": the partner with its
    # postposition before the noun
    partner_first = b.end <= word.start() and _WITH_AFTER.match(sentence[b.end:]) is not None
    if (not a.start < word.start() < b.end and not _WITH_AFTER.match(sentence[a.end:])
            and not inverted and not partner_first):
        return None  # "Sedan 2028 samarbetar SKR med Vinnova": the subject after the verb
    if (_WITH_BEFORE.search(sentence[a.end:b.start]) or _WITH_AFTER.match(sentence[a.end:])
            or _WITH_AFTER.match(sentence[b.end:])):
        return a, b
    return None


# a phrase of time or place before the verb (one to three words): "Sedan 2028", "Siden i fjor"
_FRONTED = re.compile(r"^\s*(?:[^\W_]+\s+){1,3}$")
# "Tillsammans med Vinnova driver SKR projektet …": the partner fronted, the subject after
# the verb, a joint project or programme as its object
_WITH_FRONTED = re.compile(r"^(?:tillsammans|sammen|saman)\s+med\s+", re.IGNORECASE)
_VERB_BETWEEN = re.compile(r"^\s+(?:[a-zåäöæø]+\s+){1,2}$")
_PROJECT = re.compile(r"(?<![\w-])[^\W\d_]*(?:projekt|prosjekt|program|satsning|satsing|"
                      r"initiativ|pilot)[^\W\d_]*", re.IGNORECASE)


def _fronted_partner(sentence: str, mentions: Sequence[Mention], source_text: str,
                     language: str) -> list[Fact]:
    """A joint project stated with the partner first: "Tillsammans med Vinnova driver regionen
    sedan i våras projektet Kreativa platser", "Sammen med Digdir driver KS prosjektet …". A
    joint publication ("… presenterade SKR rapporten") is the document's (GOLD.md)."""
    opening = _WITH_FRONTED.match(sentence)
    if opening is None or not mentions or mentions[0].start != opening.end():
        return []
    partner = mentions[0]
    subject = next((m for m in mentions if m.start > partner.end), None)
    if subject is None or subject.org_id == partner.org_id or not _VERB_BETWEEN.match(
            sentence[partner.end:subject.start]):
        return []
    _, end = clause_bounds(sentence, subject.end)
    rest = sentence[subject.end:end]
    if (_PROJECT.search(rest) is None or _joint_publication(sentence, subject.end)
            or unasserted(sentence[:subject.end], language, lasting=True, clause=sentence[:end])):
        return []
    project = _PROJECT.search(rest)
    assert project is not None
    evidence = quote(sentence, source_text, around=(0, subject.end + project.end()))
    if evidence is None:
        return []
    return [relationship(
        subject.org_id, "collaborates_with", partner.org_id, evidence,
        f"'{opening.group().strip()} {partner.text}' … '{subject.text}' … "
        f"'{project.group()}': a joint project")]


# "SKR är Vinnovas viktigaste samarbetspartner", "Digdir er en viktig samarbeidspartner for KS",
# "Valtiovarainministeriö on Kuntaliiton tärkein yhteistyökumppani"
_PARTNER = re.compile(r"(?<![\w-])(?:samarbetspartner|samarbeidspartnar|samarbeidspartner|"
                      r"samarbejdspartner|yhteistyökumppan)\w*(?![\w-])", re.IGNORECASE)
_COPULA = re.compile(r"^\s+(?:är|er|on|var|blev|ble|vart|oli)\s+$", re.IGNORECASE)
_ADJECTIVES_BEFORE = re.compile(r"^\s+(?:[a-zåäöæø]+\s+){0,2}$")
_COPULA_INDEFINITE = re.compile(r"^\s+(?:är|er|on|var)\s+(?:en|ett|et|ei|eit|ein)\s+"
                                r"(?:[a-zåäöæø]+\s+){0,2}$", re.IGNORECASE)
_FOR = re.compile(r"\s+(?:för|for|til|till|åt)\s+", re.IGNORECASE)


def _partners(sentence: str, mentions: Sequence[Mention], source_text: str, language: str
              ) -> list[Fact]:
    """One organisation called the other's collaboration partner: "X är Y:s samarbetspartner"
    (Y in the genitive) or "X er en samarbeidspartner for Y"."""
    found = []
    for word in _PARTNER.finditer(sentence):
        start, end = clause_bounds(sentence, word.start())
        if unasserted(sentence[start:end], language, lasting=True, clause=sentence[start:end]):
            continue  # "var tidigare", "ei ole", "vil bli"
        before = [m for m in mentions if start <= m.start and m.end <= word.start()]
        pair = None
        if (len(before) >= 2 and _COPULA.match(sentence[before[-2].end:before[-1].start])
                and (_POSSESSIVE.search(before[-1].text)
                     or (language.startswith("fi") and before[-1].text.endswith("n")))
                and _ADJECTIVES_BEFORE.match(sentence[before[-1].end:word.start()])):
            pair = before[-2], before[-1]
        elif before and _COPULA_INDEFINITE.match(sentence[before[-1].end:word.start()]):
            linker = _FOR.match(sentence, word.end())
            after = next((m for m in mentions if linker and m.start == linker.end()), None)
            pair = (before[-1], after) if after is not None else None
        if pair is None or pair[0].org_id == pair[1].org_id:
            continue
        evidence = quote(sentence, source_text, around=(pair[0].start, max(pair[1].end,
                                                                            word.end())))
        if evidence is not None:
            found.append(relationship(
                pair[0].org_id, "collaborates_with", pair[1].org_id, evidence,
                f"'{pair[0].text}' … '{word.group()}' … '{pair[1].text}'"))
    return found


# "I sitt remissvar till regeringen välkomnar SKR …", "Lausunnossaan valtiovarainministeriölle
# Kuntaliitto …": a submission to someone fronted, its giver the subject after the verb
_FRONTED_INPUT = re.compile(r"^(?:i|in)\s+(?:(?:sitt|sit|si|sin|sine|dess|deras|deres)\s+)?"
                            r"(?P<word>[^\W\d_]+)\s+(?:till|til|to)\s+"
                            r"|^(?P<fi>lausunno(?:ssaan|ssa|ssansa))\s+", re.IGNORECASE)
_VERB_THEN_SUBJECT = re.compile(r"^\s+(?:[^\W\d_]+\s+){0,2}$")


def _fronted_input(sentence: str, mentions: Sequence[Mention], source_text: str,
                   language: str) -> list[Fact]:
    opening = _FRONTED_INPUT.match(sentence)
    if opening is None or (opening["word"] and not any(
            kind == "submission" for _, kind in _document_words(opening["word"]))):
        return []
    receiver = next((m for m in mentions if m.start == opening.end()), None)
    if receiver is None or (opening["fi"] and not _ALLATIVE.search(receiver.text)):
        return []
    giver = next((m for m in mentions if m.start > receiver.end), None)
    if (giver is None or giver.org_id == receiver.org_id
            or not _VERB_THEN_SUBJECT.match(sentence[receiver.end:giver.start])
            or unasserted(sentence, language, clause=sentence)):
        return []
    evidence = quote(sentence, source_text, around=(0, giver.end))
    if evidence is None:
        return []
    return [relationship(
        giver.org_id, "provided_input_to", receiver.org_id, evidence,
        f"'{opening.group().strip()}' … '{giver.text}': a submission to it, fronted")]


# "Som medlem i SKR har Vinnova …", "Kuntaliiton jäsenenä Helsinki …": membership fronted,
# the member the subject after it; "SKR, där Vinnova är medlem, …": in a relative clause
_MEMBER_FRONTED = re.compile(r"^(?:som|(?:i\s+egenskap\s+av))\s+medlem\s+(?:i|av|af)\s+$",
                             re.IGNORECASE)
_MEMBER_FRONTED_FI = re.compile(r"^\s+jäsenenä\s+$", re.IGNORECASE)
_MEMBER_RELATIVE = re.compile(r"^,\s+(?:där|der|hvor|kor|jossa)\s+$", re.IGNORECASE)
# "där Västra Götalandsregionen liksom alla andra regioner är medlem": a few words between
_MEMBER_RELATIVE_END = re.compile(r"^(?:\s+(?!inte\b|ikke\b|ikkje\b|ei\b)[^\W\d_]+){0,4}\s+"
                                  r"(?:är|er|on)\s+(?:medlem|jäsenenä)(?!\w)", re.IGNORECASE)


def _memberships(sentence: str, mentions: Sequence[Mention], source_text: str,
                 language: str) -> list[Fact]:
    if len(mentions) < 2 or unasserted(sentence, language, lasting=True, former=True,
                                        clause=sentence):
        return []
    first, second = mentions[0], mentions[1]
    member = body = None
    if _MEMBER_FRONTED.match(sentence[:first.start]) and _VERB_THEN_SUBJECT.match(
            sentence[first.end:second.start]):
        member, body = second, first  # "Som medlem i SKR har Vinnova …"
    elif (first.start == 0 and first.text.endswith("n")
          and _MEMBER_FRONTED_FI.match(sentence[first.end:second.start])):
        member, body = second, first  # "Kuntaliiton jäsenenä Helsinki …"
    elif (_MEMBER_RELATIVE.match(sentence[first.end:second.start])
          and _MEMBER_RELATIVE_END.match(sentence[second.end:])):
        member, body = second, first  # "SKR, där Vinnova är medlem"
    if member is None or body is None or member.org_id == body.org_id:
        return []
    evidence = quote(sentence, source_text, around=(0, second.end))
    if evidence is None:
        return []
    return [relationship(
        member.org_id, "member_of", body.org_id, evidence,
        f"'{member.text}' a member of '{body.text}' (fronted or relative)")]


_ALLATIVE = re.compile(r"lle$")


def _recipient(mentions: Sequence[Mention], sentence: str, subject: Mention, position: int
               ) -> Mention | None:
    """Finnish names who receives in the allative, anywhere in the clause: "Kuntaliitto antoi
    … valtioneuvostolle lausunnon"."""
    start, end = clause_bounds(sentence, position)
    return next((m for m in mentions if start <= m.start and m.end <= end
                 and m.start > subject.end and m.org_id != subject.org_id
                 and _ALLATIVE.search(m.text)), None)


_POSSESSIVE = re.compile(r"(?::s|:n|s|'s|’s|')$")


def _genitives_before(mentions: Sequence[Mention], sentence: str, last: Mention | None,
                      position: int) -> list[Mention]:
    """The organisations in the genitive listed right before ``position`` ("SKR:n, KS:n ja
    KL:n sisarjärjestö"), when there are at least two of them."""
    if last is None or sentence[last.end:position].strip() or not _POSSESSIVE.search(last.text):
        return []
    chain = [m for m in _coordinated_before(mentions, sentence, last)
             if _POSSESSIVE.search(m.text)]
    return chain if len(chain) >= 2 else []


_BUT = re.compile(r",\s+(?:men|mutta|but)\s", re.IGNORECASE)


def _over_but(sentence: str, end: int, language: str) -> bool:
    """"SKR och Vinnova drev tidigare ett gemensamt program, men det avslutades 2025": whether
    a clause opened by "but" right after the clause ending at ``end`` says that the lasting
    relationship is over (only that: "men det behöver mer pengar" leaves it standing)."""
    if not _BUT.match(sentence, end):
        return False
    _, following = clause_bounds(sentence, end + 2)
    but = sentence[end:following]
    return unasserted(but, language, kinds=(), lasting=True, clause=but) == "over"


# what is handed over as input besides a submission: recommendations, a memo, proposals
def _inverted(mentions: Sequence[Mention], sentence: str, phrase: re.Match[str]
              ) -> Mention | None:
    """"I december lämnade SKR ett yttrande till regeringen": after a fronted phrase the
    subject follows the verb, inside the phrase."""
    verb = re.match(r"\S+\s+", phrase.group())
    clause_start, _ = clause_bounds(sentence, phrase.start())
    if verb is None or not _FRONTED.match(sentence[clause_start:phrase.start()]):
        return None
    return next((m for m in mentions if m.start == phrase.start() + verb.end()), None)


def _pairs(mentions: Sequence[Mention], sentence: str, phrase: re.Match[str], predicate: str
           ) -> list[tuple[Mention, Mention]]:
    """(subject, object) pairs a phrase states: the organisation before it (and those listed or
    joined "together with" it) and the one right after it (and those listed with it)."""
    start, end = phrase.start(), phrase.end()
    subject = _nearest_before(mentions, start)
    if subject is None:
        subject = _inverted(mentions, sentence, phrase)
    genitives = _genitives_before(mentions, sentence, subject, start)
    if predicate in SYMMETRIC and genitives:
        # "Kuntaliitto on SKR:n, KS:n ja KL:n sisarjärjestö": the one before the genitives is
        # the subject, each genitive an object
        owner = _nearest_before(mentions, genitives[0].start)
        if owner is None or genitives[0].start - owner.end > _WINDOW // 2:
            return []
        return [(owner, g) for g in genitives]
    obj = _right_after(mentions, sentence, end)
    if obj is not None and predicate in _DIRECT and (
            not _DIRECT_OBJECT.match(sentence[end:obj.start])
            or (_POSSESSIVE.search(obj.text) and _OWNS_NEXT.match(sentence[obj.end:]))):
        obj = None  # "indgår i det nordiske samarbejde med SKR", "medlem i Vinnovas
        # referensgrupp": SKR, Vinnova are not what KL, SKR are part or a member of
    if obj is None and predicate == "provided_input_to" and subject is not None:
        obj = _recipient(mentions, sentence, subject, start)
    if obj is not None and subject is not None and obj.org_id == subject.org_id:
        obj = None  # "KS er vores søsterorganisation, og vi …": the object is further back
    if (predicate in SYMMETRIC and subject is not None and obj is None
            and not _WITH_SOMEONE_ELSE.search(phrase.group() + sentence[end:end + 2])):
        # the object stands before ("KS er vores søsterorganisation, og vi samarbejder"),
        # unless the phrase works with an unknown name ("… samarbetar med Tillväxtverket")
        before = [m for m in mentions if m.end <= start and m.org_id != subject.org_id]
        if before and start - before[-1].end <= _WINDOW and not _TOGETHER.search(
                sentence[:subject.start]):
            return [(before[-1], subject)]
    if subject is None or obj is None or start - subject.end > 2 * _WINDOW:
        return []
    subjects = _coordinated_before(mentions, sentence, subject)
    if _TOGETHER.search(sentence[max(0, subject.start - 40):subject.start]):
        earlier = _nearest_before(mentions, subject.start)
        if earlier is not None:
            subjects = [earlier, subject]
    return [(s, o) for s in subjects for o in _coordinated_after(mentions, sentence, obj)]


__all__ = ["SYMMETRIC", "find_relationships"]
