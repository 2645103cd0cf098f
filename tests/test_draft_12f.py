"""Issue 12f: rules written by linguistic class, not by page, each with its negative twins in
sv, nb, nn, da and fi.

* cleft sentences: "Det er X, …, som har leia forhandlingane" states X's lead;
* addressees by "directed to": "riktar sig till", "retter seg til", "on osoitettu …lle";
* part of by a partitive apposition ("X, eitt av departementa i regjeringa"), after a name with
  its acronym in brackets, and by Finnish "kuuluu";
* the publisher referred to by its kind ("förbundets medlemmar", "foreningen", "liitto");
* a joint project with the partner fronted ("Tillsammans med Vinnova driver SKR projektet …")
  and a collaboration verb before its inverted subject ("Sedan 2028 samarbetar SKR med …");
* Finnish contributors after the verb ("Valmisteluun osallistuivat Kuntaliitto ja …") and "oli
  mukana … valmistelussa";
* agreements signed ("har skrive under", "har skrevet under");
* committees named by one compound ("Kommunestrukturutvalget").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from datarelease import draft
from datarelease.normalise import load_registry

from .drafting_pages import HEADS, REPO, draft_in, either_way, triples

# a registry with a region, for the pages a region publishes
_REGIONS = load_registry(REPO / "benchmarks" / "drafting-dev12f" / "organisations.yaml")


def _roles(result: draft.Draft) -> set[tuple[str, str]]:
    return {(str(r.data["organisation"]), str(r.data["role"]))
            for d in result.documents for r in d.roles} | {
        (d.issuer, "issuer") for d in result.documents if d.issuer}


# --- cleft sentences ---------------------------------------------------------------------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("nn", "Regjeringa og KS har i dag skrive under «Samarbeidsavtale om busetjing 2030–2034». "
           "Det er Kommunal- og distriktsdepartementet, eitt av departementa i regjeringa, som "
           "har leia forhandlingane på statleg side.", ("no-kmd", "lead")),
    ("nb", "Regjeringen la i dag fram strategien «Deling av data i kommunene». Det er "
           "Digitaliseringsdirektoratet som har ledet arbeidet med strategien.",
     ("no-digdir", "lead")),
    ("sv", "Regeringen presenterade i dag strategin ”Innovation i offentlig sektor”. Det är "
           "Vinnova som har lett arbetet med strategin.", ("se-vinnova", "lead")),
    ("da", "Regeringen har i dag præsenteret strategien »Data i fællesskab«. Det er "
           "Digitaliseringsstyrelsen, der har ledet arbejdet med strategien.",
     ("dk-digst", "lead")),
])
def test_cleft_sentence_names_the_lead(tmp_path: Path, language: str, body: str,
                                       expected: tuple[str, str]) -> None:
    assert expected in _roles(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body", "absent"), [
    # negated cleft: someone else led it
    ("nn", "Regjeringa og KS har i dag skrive under «Samarbeidsavtale om busetjing 2030–2034». "
           "Det er ikkje Kommunal- og distriktsdepartementet som har leia forhandlingane.",
     ("no-kmd", "lead")),
    ("sv", "Regeringen presenterade i dag strategin ”Innovation i offentlig sektor”. Det var "
           "inte Vinnova som ledde arbetet med strategin.", ("se-vinnova", "lead")),
    # a cleft about what will be: no lead yet
    ("nb", "Regjeringen la i dag fram strategien «Deling av data i kommunene». Det er "
           "Digitaliseringsdirektoratet som skal lede arbeidet med oppfølgingen.",
     ("no-digdir", "lead")),
])
def test_cleft_sentence_negated_or_planned_names_no_lead(tmp_path: Path, language: str,
                                                         body: str,
                                                         absent: tuple[str, str]) -> None:
    assert absent not in _roles(draft_in(tmp_path, language, body))


# --- agreements signed ---------------------------------------------------------------------

@pytest.mark.parametrize(("language", "body"), [
    ("nn", "Regjeringa og KS har i dag skrive under «Samarbeidsavtale om busetjing 2030–2034»."),
    ("nb", "Regjeringen og KS har i dag skrevet under «Avtale om digital samhandling»."),
])
def test_an_agreement_signed_with_the_government_is_the_governments(
        tmp_path: Path, language: str, body: str) -> None:
    roles = _roles(draft_in(tmp_path, language, body))
    assert ("no-government", "issuer") in roles and ("no-ks", "contributor") in roles


def test_an_agreement_not_signed_gives_no_contributor(tmp_path: Path) -> None:
    roles = _roles(draft_in(tmp_path, "nn", "Regjeringa har lagt fram «Samarbeidsavtale om "
                                          "busetjing 2030–2034». KS har ikkje skrive under."))
    assert ("no-ks", "contributor") not in roles


# --- addressees: "directed to" ---------------------------------------------------------------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("sv", "SKR presenterade i dag positionspappret ”Trygg äldreomsorg”. Pappret riktar sig "
           "till regeringen.", {("se-government", "addressee")}),
    ("fi", "Kuntaliitto julkaisi kannanoton ”Kohtuuhintainen asuminen”. Kannanotto on "
           "osoitettu hallitukselle ja eduskunnalle.",
     {("fi-government", "addressee"), ("fi-eduskunta", "addressee")}),
    ("nb", "KS la i dag fram notatet «Sterke kommuner». Notatet retter seg til Stortinget.",
     {("no-storting", "addressee")}),
    ("da", "KL har i dag offentliggjort udspillet »Frihed i skolen«. Udspillet retter sig "
           "til regeringen.", {("dk-government", "addressee")}),
    ("nn", "KS la i dag fram notatet «Sterke kommunar». Notatet rettar seg til Stortinget.",
     {("no-storting", "addressee")}),
])
def test_a_document_directed_to_someone_names_its_addressee(
        tmp_path: Path, language: str, body: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= _roles(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body", "absent"), [
    ("sv", "SKR presenterade i dag positionspapperet ”Trygg äldreomsorg”. Pappret riktar "
           "kritik mot regeringen.", ("se-government", "addressee")),
    ("sv", "SKR presenterade i dag positionspappret ”Trygg äldreomsorg”. Pappret riktar sig "
           "inte till regeringen utan till kommunerna.", ("se-government", "addressee")),
    ("fi", "Kuntaliitto julkaisi kannanoton ”Kohtuuhintainen asuminen”. Kannanottoa ei ole "
           "osoitettu hallitukselle.", ("fi-government", "addressee")),
])
def test_criticism_or_a_negated_direction_names_no_addressee(
        tmp_path: Path, language: str, body: str, absent: tuple[str, str]) -> None:
    assert absent not in _roles(draft_in(tmp_path, language, body))


# --- part of: partitive apposition, acronym in brackets, "kuuluu" --------------------------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("nn", "Kommunal- og distriktsdepartementet, eitt av departementa i regjeringa, har "
           "leia arbeidet.", ("no-kmd", "part_of", "no-government")),
    ("nb", "Kommunal- og distriktsdepartementet, et av departementene i regjeringen, har "
           "ledet arbeidet.", ("no-kmd", "part_of", "no-government")),
    ("sv", "Finansministeriet, ett av ministerierna i statsrådet, har lett arbetet.",
     ("fi-vm", "part_of", "fi-government")),
    ("nb", "Digitaliseringsdirektoratet (Digdir), en etat under Kommunal- og "
           "distriktsdepartementet, har laget veilederen.", ("no-digdir", "part_of", "no-kmd")),
    ("fi", "Valtiovarainministeriö, joka kuuluu valtioneuvostoon, johti työtä.",
     ("fi-vm", "part_of", "fi-government")),
])
def test_part_of_by_apposition(tmp_path: Path, language: str, body: str,
                               expected: tuple[str, str, str]) -> None:
    assert expected in triples(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body", "absent"), [
    # one of the participants, partners or speakers is no part of the organisation
    ("nb", "Digitaliseringsdirektoratet, en av deltakerne i regjeringens nettverk, har laget "
           "veilederen.", ("no-digdir", "part_of", "no-government")),
    ("sv", "Vinnova, en av de största finansiärerna i regeringens program, har bidragit.",
     ("se-vinnova", "part_of", "se-government")),
    ("fi", "Valtiovarainministeriö, joka ei kuulu valtioneuvostoon, johti työtä.",
     ("fi-vm", "part_of", "fi-government")),
    # "kuuluu" of a topic: a question belongs to someone's remit, the ministry is no part of it
    ("fi", "Asia kuuluu valtiovarainministeriölle eikä hallitukselle.",
     ("fi-vm", "part_of", "fi-government")),
    # a submission ("underlag") is no nynorsk "underlagd" (found blind in drafting-fresh16)
    ("sv", "SKR lämnade i januari ett underlag till regeringen om beredskapslagren.",
     ("se-skr", "part_of", "se-government")),
    ("sv", "SKR har tagit fram ett underlag till regeringen om läkemedelslagren.",
     ("se-skr", "part_of", "se-government")),
])
def test_no_part_of_from_participants_or_negation(tmp_path: Path, language: str, body: str,
                                                  absent: tuple[str, str, str]) -> None:
    assert absent not in triples(draft_in(tmp_path, language, body))


# --- the publisher referred to by its kind -------------------------------------------------

def _draft_with_regions(tmp_path: Path, publisher: str, head: str, body: str) -> draft.Draft:
    page = tmp_path / f"{publisher}-2026-03-03-nyhet.txt"
    page.write_text(head + body + "\n", encoding="utf-8")
    return draft.draft(page, _REGIONS, publisher=_PUBLISHERS[publisher])


_PUBLISHERS = {"skr": "se-skr", "vgr": "se-region-vg", "kl": "dk-kl",
               "kuntaliitto": "fi-kuntaliitto"}


def test_member_of_the_publisher_named_by_its_kind(tmp_path: Path) -> None:
    result = _draft_with_regions(tmp_path, "skr", HEADS["sv"][1],
                                 "Västra Götalandsregionen, en av förbundets medlemmar, har "
                                 "provat modellen.")
    assert ("se-region-vg", "member_of", "se-skr") in triples(result)


def test_a_kind_that_is_not_the_publishers_refers_to_no_one(tmp_path: Path) -> None:
    # on a region's page, "förbundets" is no reference to the region
    result = _draft_with_regions(tmp_path, "vgr", HEADS["sv"][1],
                                 "Vinnova, en av förbundets medlemmar, har provat modellen.")
    assert not triples(result)


@pytest.mark.parametrize(("publisher", "language", "body", "pair"), [
    ("vgr", "sv", "Tillsammans med Vinnova driver regionen sedan i våras projektet Kreativa "
                  "platser.", ("se-region-vg", "se-vinnova")),
    ("kl", "da", "Foreningen samarbejder med Digitaliseringsstyrelsen om projektet Fælles data.",
     ("dk-kl", "dk-digst")),
    ("kuntaliitto", "fi", "Liitto tekee yhteistyötä valtiovarainministeriön kanssa "
                          "hankkeessa.", ("fi-kuntaliitto", "fi-vm")),
])
def test_collaboration_of_the_publisher_named_by_its_kind(
        tmp_path: Path, publisher: str, language: str, body: str, pair: tuple[str, str]) -> None:
    result = _draft_with_regions(tmp_path, publisher, HEADS[language][1], body)
    assert either_way(result, pair[0], "collaborates_with", pair[1])


def test_a_region_named_by_its_kind_on_an_associations_page_is_no_one(tmp_path: Path) -> None:
    result = _draft_with_regions(tmp_path, "skr", HEADS["sv"][1],
                                 "Tillsammans med Vinnova driver regionen sedan i våras "
                                 "projektet Kreativa platser.")
    assert not triples(result)


# --- joint projects and inverted subjects ----------------------------------------------------

@pytest.mark.parametrize(("language", "body", "pair"), [
    ("sv", "Tillsammans med Vinnova driver SKR sedan i våras projektet Kreativa platser.",
     ("se-skr", "se-vinnova")),
    ("nb", "Sammen med Digdir driver KS prosjektet Digitale kommuner.", ("no-ks", "no-digdir")),
    ("da", "Sammen med Digitaliseringsstyrelsen driver KL programmet Data i kommunerne.",
     ("dk-kl", "dk-digst")),
    ("sv", "Sedan 2028 samarbetar Sveriges Kommuner och Regioner med Vinnova i programmet "
           "Välfärdsteknik i hemmet.", ("se-skr", "se-vinnova")),
    ("nb", "Siden i fjor samarbeider KS med Digdir om en felles løsning.",
     ("no-ks", "no-digdir")),
])
def test_joint_project_and_inverted_collaboration(tmp_path: Path, language: str, body: str,
                                                  pair: tuple[str, str]) -> None:
    assert either_way(draft_in(tmp_path, language, body), pair[0], "collaborates_with", pair[1])


@pytest.mark.parametrize(("language", "body", "pair"), [
    # a joint publication is recorded on the document (GOLD.md)
    ("sv", "Tillsammans med Vinnova presenterade SKR i dag rapporten ”Kreativa platser”.",
     ("se-skr", "se-vinnova")),
    # wished, planned, over
    ("sv", "Tillsammans med Vinnova vill SKR starta projektet Kreativa platser.",
     ("se-skr", "se-vinnova")),
    ("nb", "Fra neste år skal KS samarbeide med Digdir om en felles løsning.",
     ("no-ks", "no-digdir")),
    ("sv", "Sedan 2028 samarbetar SKR inte längre med Vinnova.", ("se-skr", "se-vinnova")),
    # together with someone, but no project: taking part in a meeting
    ("da", "Sammen med Digitaliseringsstyrelsen deltog KL i mødet i Bruxelles.",
     ("dk-kl", "dk-digst")),
])
def test_no_collaboration_from_publications_wishes_or_meetings(
        tmp_path: Path, language: str, body: str, pair: tuple[str, str]) -> None:
    assert not either_way(draft_in(tmp_path, language, body), pair[0], "collaborates_with",
                          pair[1])


# --- Finnish contributors -------------------------------------------------------------------

@pytest.mark.parametrize(("body", "expected"), [
    ("Valtiovarainministeriö julkaisi strategian ”Julkiset hankinnat 2035”. Strategian "
     "valmisteluun osallistuivat Suomen Kuntaliitto, Hansel Oy ja Tilaajavastuu Oy.", True),
    ("Valtiovarainministeriö julkaisi tiekartan ”Elinvoimainen kunta”. Kuntaliitto oli mukana "
     "tiekartan valmistelussa.", True),
    ("Valtiovarainministeriö julkaisi strategian ”Julkiset hankinnat 2035”. Kuntaliitto ei "
     "osallistunut strategian valmisteluun.", False),
    ("Valtiovarainministeriö julkaisi tiekartan ”Elinvoimainen kunta”. Kuntaliitto ei ollut "
     "mukana tiekartan valmistelussa.", False),
])
def test_finnish_contributor_after_the_verb(tmp_path: Path, body: str, expected: bool) -> None:
    roles = _roles(draft_in(tmp_path, "fi", body))
    assert (("fi-kuntaliitto", "contributor") in roles) is expected


# --- a Finnish name in a case beside its base form is one organisation ----------------------------

def test_a_finnish_name_is_proposed_once_not_in_two_cases(tmp_path: Path) -> None:
    names = [p.name for p in draft_in(tmp_path, "fi", (
        "Suositus on laadittu yhdessä Ruokaviraston ja Opetushallituksen asiantuntijoiden "
        "kanssa. Opetushallitus on mukana työssä."
    )).proposed]
    assert names.count("Opetushallitus") == 1 and "Opetushallituksen" not in names


def test_two_finnish_names_that_differ_more_than_an_ending_stay_two(tmp_path: Path) -> None:
    names = {p.name for p in draft_in(tmp_path, "fi", (
        "Oulun yliopisto ja Oulun ammattikorkeakoulu tekevät yhteistyötä Kainuun "
        "hyvinvointialueen kanssa."
    )).proposed}
    assert {"Oulun yliopisto", "Oulun ammattikorkeakoulu"} <= names


# --- committees named by one compound ---------------------------------------------------------

@pytest.mark.parametrize(("language", "body", "name"), [
    ("nb", "KS har levert tall til Kommunestrukturutvalget i høst.", "Kommunestrukturutvalget"),
    ("nn", "Rapporten frå Vassforsyningsutvalet kom i haust.", "Vassforsyningsutvalet"),
    ("da", "KL har stillet en sekretær til rådighed for Ældreudvalget.", "Ældreudvalget"),
    ("sv", "SKR har lämnat synpunkter till Tillitsdelegationen.", "Tillitsdelegationen"),
    ("fi", "Kuntaliitto antoi lausunnon Kuntarakennetoimikunnalle.", "Kuntarakennetoimikunta"),
])
def test_a_committee_named_by_one_compound_is_proposed(tmp_path: Path, language: str,
                                                       body: str, name: str) -> None:
    names = {p.name for p in draft_in(tmp_path, language, body).proposed}
    assert name in names


@pytest.mark.parametrize(("language", "body"), [
    ("nb", "Utvalget la fram sin rapport i høst."),
    ("da", "Udvalget har holdt møde to gange."),
    ("sv", "Delegationen har lämnat sitt betänkande."),
])
def test_a_committee_word_alone_is_no_name(tmp_path: Path, language: str, body: str) -> None:
    assert not draft_in(tmp_path, language, body).proposed


# --- organisations: what brackets, towns and rules are not ------------------------------------

@pytest.mark.parametrize(("language", "body", "absent"), [
    ("nb", "Les mer om saken. Last ned veilederen (PDF)", "Last ned veilederen"),
    ("sv", "Orkestern spelade i Lidköping, Strömstad och Tidaholm.", "Strömstad"),
    ("nb", "Gebyrregelverket forklart for kommunene.", "Gebyrregelverket"),
])
def test_file_formats_towns_and_rules_are_no_organisations(tmp_path: Path, language: str,
                                                           body: str, absent: str) -> None:
    assert absent not in {p.name for p in draft_in(tmp_path, language, body).proposed}


def test_a_national_name_of_three_words_is_whole(tmp_path: Path) -> None:
    names = {p.name for p in draft_in(tmp_path, "sv", "Räddningsverket och Finlands Röda Kors "
                                                    "medverkar på seminariet.").proposed}
    assert "Finlands Röda Kors" in names and "Finlands Röda Kors medverkar" not in names


@pytest.mark.parametrize(("language", "body", "expected"), [
    # a joint programme named by a compound, a network only in the relative clause after it
    ("fi", "Valtiovarainministeriö ja Kuntaliitto toteuttavat yhteistä Hankinta-Suomi-ohjelmaa, "
           "jonka kautta toimeenpanoa tuetaan alueellisilla hankintaverkostoilla.", True),
    ("sv", "SKR och Vinnova driver ett gemensamt utvecklingsprojekt, som stöds av ett nordiskt "
           "nätverk.", True),
    # the network is the clause's own: no collaboration
    ("fi", "Valtiovarainministeriö ja Kuntaliitto toimivat yhteisessä verkostossa.", False),
    ("sv", "SKR och Vinnova ingår i ett gemensamt nätverk, som träffas två gånger om året.", False),
])
def test_joint_programme_and_networks_in_relative_clauses(tmp_path: Path, language: str,
                                                          body: str, expected: bool) -> None:
    pair = {"fi": ("fi-vm", "fi-kuntaliitto"), "sv": ("se-skr", "se-vinnova")}[language]
    assert either_way(draft_in(tmp_path, language, body), pair[0], "collaborates_with",
                      pair[1]) is expected


def test_nynorsk_sister_organisation_with_possessive_si(tmp_path: Path) -> None:
    result = draft_in(tmp_path, "nn", "KS si svenske systerorganisasjon, SKR, forhandla fram ein "
                                    "liknande avtale i fjor.")
    assert either_way(result, "no-ks", "sister_organisation_of", "se-skr")


# --- roles in a relative clause after a title; a project is no continuation -------------------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("nb", "KS lanserer i dag «Veileder for vann og avløp». Veilederen bygger på NOU 2029: 11 "
           "«Vann og avløp i en ny tid», som utvalget overleverte til regjeringen i fjor.",
     ("no-government", "addressee")),
    ("sv", "SKR presenterar i dag vägledningen ”Tryggt vatten”. Den bygger på betänkandet "
           "”Vatten i en ny tid”, som utredningen överlämnade till regeringen i fjol.",
     ("se-government", "addressee")),
])
def test_role_in_a_relative_clause_after_a_title(tmp_path: Path, language: str, body: str,
                                                 expected: tuple[str, str]) -> None:
    result = draft_in(tmp_path, language, body)
    report = next(d for d in result.documents if "ny tid" in d.title)
    guide = next(d for d in result.documents if "ny tid" not in d.title)
    roles = {(str(r.data["organisation"]), str(r.data["role"])) for r in report.roles}
    assert expected in roles
    assert expected not in {(str(r.data["organisation"]), str(r.data["role"]))
                            for r in guide.roles}


@pytest.mark.parametrize(("language", "body", "absent"), [
    ("sv", "Regionen antog i dag kulturstrategin ”Kultur för alla”. Tillsammans med Vinnova "
           "driver SKR sedan i våras projektet Kreativa platser.", ("se-vinnova", "contributor")),
    ("nb", "KS la i dag fram strategien «Kultur for alle». Sammen med Digdir driver KS også "
           "prosjektet Digitale bibliotek.", ("no-digdir", "contributor")),
])
def test_a_sentence_about_a_project_does_not_go_on_about_the_document(
        tmp_path: Path, language: str, body: str, absent: tuple[str, str]) -> None:
    assert absent not in _roles(draft_in(tmp_path, language, body))


# --- principles: what a document rests on, uncounted; Finnish counts in a case ---------------

_ITEMS = {
    "sv": "\n\n- tidiga insatser i hemmet\n- en samlad digital infrastruktur\n"
          "- kompetens hos medarbetarna",
    "nb": "\n\n- tidlig innsats i hjemmet\n- en felles digital infrastruktur\n"
          "- kompetanse hos de ansatte",
    "nn": "\n\n- tidleg innsats i heimen\n- ein felles digital infrastruktur\n"
          "- kompetanse hos dei tilsette",
    "da": "\n\n- tidlig indsats i hjemmet\n- en fælles digital infrastruktur\n"
          "- kompetence hos medarbejderne",
    "fi": "\n\n- varhainen tuki kotona\n- yhteinen digitaalinen infrastruktuuri\n"
          "- henkilöstön osaaminen",
}
_LAUNCH = {
    "sv": "SKR presenterar i dag strategin ”Välfärd 2030”.\n\n",
    "nb": "KS lanserer i dag veilederen «Gode tjenester».\n\n",
    "nn": "KS lanserer i dag rettleiaren «Gode tenester».\n\n",
    "da": "KL har i dag offentliggjort strategien »Velfærd 2030«.\n\n",
    "fi": "Kuntaliitto julkaisi tänään strategian ”Hyvinvointi 2030”.\n\n",
}


def _principles(tmp_path: Path, language: str, intro: str) -> list[str]:
    result = draft_in(tmp_path, language, _LAUNCH[language] + intro + _ITEMS[language])
    return [str(p.data["text"]) for d in result.documents for p in d.principles]


@pytest.mark.parametrize(("language", "intro"), [
    ("sv", "Strategin bygger på följande:"),
    ("nb", "Veilederen legger særlig vekt på:"),
    ("nn", "Rettleiaren byggjer på dette:"),
    ("da", "Strategien sætter fokus på:"),
    ("fi", "Strategia rakentuu kolmen teeman varaan:"),
    ("fi", "Strategia perustuu seuraaviin:"),
])
def test_what_the_document_rests_on_is_its_principles(tmp_path: Path, language: str,
                                                      intro: str) -> None:
    assert len(_principles(tmp_path, language, intro)) == 3


@pytest.mark.parametrize(("language", "intro"), [
    # someone's view of what it should rest on
    ("sv", "SKR anser att strategin borde bygga på följande:"),
    ("nb", "KS mener veilederen bør legge vekt på:"),
    ("fi", "Kuntaliitto vaatii, että strategia perustuu seuraaviin:"),
    # a survey's findings, the document's goals, someone else's list
    ("da", "Analysen viser, at strategien bygger på:"),
    ("sv", "Strategin har tre strategiska mål:"),
    ("nb", "Stortinget legger vekt på:"),
    # a count that does not match the list
    ("fi", "Strategia rakentuu neljän teeman varaan:"),
])
def test_views_findings_goals_and_miscounts_are_no_principles(tmp_path: Path, language: str,
                                                              intro: str) -> None:
    assert _principles(tmp_path, language, intro) == []


# --- passive leads and issuers -----------------------------------------------------------------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("sv", "Rapporten ”Data i kommunerna” har skrivits av Vinnova.", ("se-vinnova", "lead")),
    ("sv", "Vägledningen ”Trygg data” togs fram av Vinnova under hösten.", ("se-vinnova", "lead")),
    ("nb", "Veilederen «Trygg data» er skrevet av Digitaliseringsdirektoratet.",
     ("no-digdir", "lead")),
    ("nn", "Meldinga «Sterke kommunar» vart lagd fram av regjeringa i går.",
     ("no-government", "issuer")),
    ("da", "Udspillet »Frihed i skolen« er blevet offentliggjort af regeringen.",
     ("dk-government", "issuer")),
    ("fi", "Valtioneuvosto hyväksyi tänään strategian ”Julkiset hankinnat 2035”. Strategia on "
           "valtiovarainministeriön laatima.", ("fi-vm", "lead")),
    ("fi", "Valtiovarainministeriö ja Kuntaliitto ovat yhdessä laatineet oppaan ”Hyvä "
           "hankinta”.", ("fi-kuntaliitto", "contributor")),
])
def test_passive_leads_and_issuers(tmp_path: Path, language: str, body: str,
                                   expected: tuple[str, str]) -> None:
    assert expected in _roles(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body", "absent"), [
    # a document someone else wrote about, or one not yet written
    ("sv", "Rapporten ”Data i kommunerna” ska skrivas av Vinnova under våren.",
     ("se-vinnova", "lead")),
    ("nb", "Veilederen «Trygg data» er ikke skrevet av Digitaliseringsdirektoratet.",
     ("no-digdir", "lead")),
    ("nn", "Meldinga «Sterke kommunar» skal leggjast fram av regjeringa til hausten.",
     ("no-government", "issuer")),
])
def test_no_passive_lead_when_planned_or_negated(tmp_path: Path, language: str, body: str,
                                                 absent: tuple[str, str]) -> None:
    assert absent not in _roles(draft_in(tmp_path, language, body))


# --- found on the development pages (drafting-dev12f) ---------------------------------------

@pytest.mark.parametrize(("language", "body", "expected", "absent"), [
    # the subject before an apposition, past the name's acronym in brackets
    ("nb", "Regjeringen la fram NOU 2031: 4 «Trygge lokalsamfunn». Digitaliseringsdirektoratet "
           "(Digdir), en etat under Kommunal- og distriktsdepartementet, har bidratt med kartdata "
           "til utredningen.", ("no-digdir", "contributor"), ("no-kmd", "contributor")),
    # input to the committee that wrote the report is a contribution to it
    ("nb", "Utvalget overleverte i dag NOU 2031: 4 «Trygge lokalsamfunn» til Kommunal- og "
           "distriktsdepartementet. KS har levert kunnskapsgrunnlag til utvalget.",
     ("no-ks", "contributor"), None),
    ("da", "Udvalget har i dag afleveret betænkningen »Stærke fællesskaber« til regeringen. KL "
           "har leveret data til udvalget om de kommunale udgifter.",
     ("dk-kl", "contributor"), None),
    # responsible for updating the guide later: carrying it out, no lead
    ("fi", "Kuntaliitto julkaisi tänään oppaan ”Vastuulliset hankinnat”. Valtiovarainministeriö, "
           "joka kuuluu valtioneuvostoon, vastaa oppaan päivittämisestä jatkossa.",
     None, ("fi-vm", "lead")),
    # a pronoun for the document names its addressee
    ("sv", "SKR har i dag antagit handlingsplanen ”Nära vård”. Den har också skickats till "
           "regeringen.", ("se-government", "addressee"), None),
])
def test_roles_from_the_development_pages(tmp_path: Path, language: str, body: str,
                                          expected: tuple[str, str] | None,
                                          absent: tuple[str, str] | None) -> None:
    roles = _roles(draft_in(tmp_path, language, body))
    assert expected is None or expected in roles
    assert absent is None or absent not in roles


def test_a_continued_sentence_without_a_pronoun_names_no_addressee(tmp_path: Path) -> None:
    roles = _roles(draft_in(tmp_path, "sv", "SKR har i dag antagit handlingsplanen ”Nära vård”. "
                                          "Samtidigt har SKR skickat en skrivelse till "
                                          "regeringen om äldreomsorgen."))
    assert ("se-government", "addressee") not in roles


def test_a_programmes_name_is_no_organisation(tmp_path: Path) -> None:
    names = {p.name for p in draft_in(tmp_path, "fi", "Valtiovarainministeriö ja Kuntaliitto "
                                                    "toteuttavat yhteistä Vastuullinen kunta "
                                                    "-ohjelmaa.").proposed}
    assert "Vastuullinen kunta" not in names


# --- principles in prose: "Den första är att …", "Det første prinsippet er at …" ---------------

@pytest.mark.parametrize(("language", "body", "first"), [
    ("sv", "Strategin bygger på tre principer. Den första är att invånarna ska mötas av en "
           "samlad välfärd. Den andra är att kommunerna ska dela data. Den tredje är att "
           "personalens kompetens ska tas till vara.", "invånarna ska mötas av en samlad välfärd"),
    ("nb", "Veilederen bygger på tre prinsipper. Det første prinsippet er at innbyggerne skal "
           "møte en samlet tjeneste. Det andre er at kommunene skal dele data. Det tredje er at "
           "de ansattes kompetanse skal brukes.", "innbyggerne skal møte en samlet tjeneste"),
    ("nn", "Rettleiaren byggjer på tre prinsipp. Det første er at innbyggjarane skal møte ei "
           "samla teneste. Det andre er at kommunane skal dele data. Det tredje er at "
           "kompetansen til dei tilsette skal brukast.", "innbyggjarane skal møte ei samla teneste"),
    ("da", "Strategien hviler på tre principper. Det første princip er, at borgerne skal møde "
           "en samlet velfærd. Det andet princip er, at kommunerne skal dele data. Det tredje "
           "princip er, at medarbejdernes kompetencer skal bruges.",
     "borgerne skal møde en samlet velfærd"),
    ("fi", "Strategia perustuu kolmeen periaatteeseen. Ensimmäinen periaate on, että asukkaat "
           "saavat yhtenäiset palvelut. Toinen periaate on, että kunnat jakavat tietoa. Kolmas "
           "periaate on, että henkilöstön osaaminen hyödynnetään.",
     "asukkaat saavat yhtenäiset palvelut"),
])
def test_ordinal_pronoun_prose_gives_principles(tmp_path: Path, language: str, body: str,
                                                first: str) -> None:
    found = [str(p.data["text"]) for d in draft_in(tmp_path, language, _LAUNCH[language] + body)
             .documents for p in d.principles]
    assert len(found) == 3 and found[0] == first


@pytest.mark.parametrize(("language", "body"), [
    ("sv", "Rapporten visar tre problem. Det första är att invånarna möts av en splittrad "
           "välfärd. Det andra är att kommunerna inte delar data. Det tredje är att kompetensen "
           "inte tas till vara."),
    ("sv", "SKR kräver tre saker av regeringen. Den första är att statsbidragen ska räknas upp. "
           "Den andra är att reglerna förenklas. Den tredje är att uppföljningen minskar."),
    ("nb", "KS har tre spørsmål til regjeringen. Det første er at fristen er kort. Det andre er "
           "at pengene mangler. Det tredje er at ansvaret er uklart."),
    ("da", "Analysen peger på tre udfordringer. Den første er, at borgerne venter for længe. Den "
           "anden er, at data ikke deles. Den tredje er, at medarbejderne mangler."),
    ("fi", "Kuntaliitto esittää kolme vaatimusta. Ensimmäinen vaatimus on, että valtio "
           "rahoittaa. Toinen vaatimus on, että lakia selkeytetään. Kolmas vaatimus on, että "
           "seurantaa kevennetään."),
])
def test_ordinal_prose_of_findings_demands_or_questions_is_no_principles(
        tmp_path: Path, language: str, body: str) -> None:
    result = draft_in(tmp_path, language, _LAUNCH[language] + body)
    assert not [p for d in result.documents for p in d.principles]


# --- names: a state body in a county, a name with its acronym unbracketed ---------------------

@pytest.mark.parametrize(("language", "body", "name"), [
    ("nn", "Statsforvaltaren i Vestland og Norsk Folkehjelp har delteke i møta.",
     "Statsforvaltaren i Vestland"),
    ("nb", "Statsforvalteren i Agder har gitt råd til kommunene.", "Statsforvalteren i Agder"),
    ("fi", "Rakennusteollisuus RT on laskenut, että asuntoja aloitetaan vähän.",
     "Rakennusteollisuus"),
])
def test_state_bodies_in_a_county_and_unbracketed_acronyms(tmp_path: Path, language: str,
                                                           body: str, name: str) -> None:
    assert name in {p.name for p in draft_in(tmp_path, language, body).proposed}


@pytest.mark.parametrize(("language", "body"), [
    ("nb", "Statsforvalteren har gitt råd til kommunene."),  # the head alone names no one
    ("fi", "Johtaja Matti Virtanen SDP kommentoi asiaa."),  # the letters do not abbreviate it
])
def test_no_name_from_a_generic_head_or_unrelated_capitals(tmp_path: Path, language: str,
                                                           body: str) -> None:
    assert not draft_in(tmp_path, language, body).proposed


# --- Finnish names of several genitives ---------------------------------------------------------

@pytest.mark.parametrize(("body", "name"), [
    ("Kuntaliitto on Euroopan kuntien ja alueiden neuvoston jäsen.",
     "Euroopan kuntien ja alueiden neuvosto"),
    ("Hanketta vetää Länsi-Uudenmaan kuntien ja yhdistysten yhteistyöverkosto.",
     "Länsi-Uudenmaan kuntien ja yhdistysten yhteistyöverkosto"),
    ("Lausunto annettiin Pohjois-Savon kuntien kehittämiskeskukselle.",
     "Pohjois-Savon kuntien kehittämiskeskus"),
])
def test_finnish_name_of_several_genitives_in_its_base_form(tmp_path: Path, body: str,
                                                             name: str) -> None:
    assert name in {p.name for p in draft_in(tmp_path, "fi", body).proposed}


def test_finnish_plural_of_several_genitives_names_no_one(tmp_path: Path) -> None:
    names = {p.name for p in draft_in(tmp_path, "fi", "Asiasta keskusteltiin Suomen kuntien ja "
                                                    "kaupunkien verkostoissa.").proposed}
    assert not any("verkosto" in n for n in names)


def test_a_registry_acronym_opening_a_compound_name_is_part_of_it(tmp_path: Path) -> None:
    result = draft_in(tmp_path, "fi", "Strategian valmisteluun osallistuivat Hansel Oy ja "
                                    "KL-Kuntahankinnat Oy.")
    assert "KL-Kuntahankinnat Oy" in {p.name for p in result.proposed}


def test_a_registry_acronym_alone_is_still_the_registry_organisation(tmp_path: Path) -> None:
    result = draft_in(tmp_path, "da", "KL-formanden og KL har i dag mødt Digitaliseringsstyrelsen.")
    assert not any(p.name.startswith("KL") for p in result.proposed)


# --- issuers by a Norwegian possessive; addressees who commissioned the document -----------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("nn", "Digdir sin nye rettleiar «Deling av data» kom i dag.", ("no-digdir", "issuer")),
    ("nb", "Digdir sin nye veileder «Deling av data» ble lansert i dag.", ("no-digdir", "issuer")),
    ("sv", "Rapporten ”Innovation i kommunerna” är beställd av regeringen.",
     ("se-government", "addressee")),
    ("nb", "Rapporten «Sterke kommuner» er bestilt av Kommunal- og distriktsdepartementet.",
     ("no-kmd", "addressee")),
])
def test_possessive_issuers_and_commissioners(tmp_path: Path, language: str, body: str,
                                              expected: tuple[str, str]) -> None:
    assert expected in _roles(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body", "absent"), [
    # supporting someone else's strategy makes no issuer ("står bakom" is left out)
    ("sv", "SKR står bakom regeringens strategi ”Digital välfärd”.", ("se-skr", "issuer")),
    ("nb", "KS står bak regjeringens strategi «Digital velferd».", ("no-ks", "issuer")),
    # a report not (yet) commissioned
    ("sv", "Rapporten ”Innovation i kommunerna” är inte beställd av regeringen.",
     ("se-government", "addressee")),
])
def test_no_issuer_from_support_nor_addressee_from_a_negated_order(
        tmp_path: Path, language: str, body: str, absent: tuple[str, str]) -> None:
    assert absent not in _roles(draft_in(tmp_path, language, body))


# --- addressees as the subject: who deals with or receives the document ------------------------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("nb", "Regjeringen la i dag fram meldingen «Sterke kommuner». Stortinget skal behandle "
           "meldingen i vår.", ("no-storting", "addressee")),
    ("sv", "Utredningen överlämnade i dag betänkandet ”Hållbar kommunal ekonomi”. Regeringen tog "
           "emot betänkandet vid en ceremoni.", ("se-government", "addressee")),
    ("fi", "Hallitus antoi tänään esityksen ”Kuntalain muutos”. Eduskunta käsittelee esitystä "
           "syksyllä.", ("fi-eduskunta", "addressee")),
    ("da", "Udvalget har i dag offentliggjort betænkningen »Stærke fællesskaber«. Regeringen "
           "tog imod betænkningen på et pressemøde.", ("dk-government", "addressee")),
])
def test_the_subject_that_deals_with_the_document_is_its_addressee(
        tmp_path: Path, language: str, body: str, expected: tuple[str, str]) -> None:
    assert expected in _roles(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body", "absent"), [
    ("nb", "Regjeringen la i dag fram meldingen «Sterke kommuner». Stortinget skal ikke behandle "
           "meldingen før til høsten, og KS har ikke sett den.", ("no-storting", "addressee")),
    ("sv", "Utredningen överlämnade i dag betänkandet ”Hållbar kommunal ekonomi”. Regeringen tog "
           "inte emot betänkandet.", ("se-government", "addressee")),
])
def test_no_addressee_when_the_dealing_is_negated(tmp_path: Path, language: str, body: str,
                                                  absent: tuple[str, str]) -> None:
    assert absent not in _roles(draft_in(tmp_path, language, body))


# --- input: a submission fronted, a longer gap before "på … till"; partners -----------------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("sv", "I sitt remissvar till regeringen välkomnar SKR förslaget.",
     ("se-skr", "provided_input_to", "se-government")),
    ("da", "I sit høringssvar til Digitaliseringsstyrelsen skriver KL, at loven er uklar.",
     ("dk-kl", "provided_input_to", "dk-digst")),
    ("fi", "Lausunnossaan valtiovarainministeriölle Kuntaliitto korostaa rahoitusta.",
     ("fi-kuntaliitto", "provided_input_to", "fi-vm")),
    ("sv", "SKR lämnade i går sitt remissvar på promemorian till regeringen.",
     ("se-skr", "provided_input_to", "se-government")),
    ("fi", "Kuntaliitto on lausunut valtiovarainministeriölle luonnoksesta.",
     ("fi-kuntaliitto", "provided_input_to", "fi-vm")),
])
def test_input_given_in_more_word_orders(tmp_path: Path, language: str, body: str,
                                         expected: tuple[str, str, str]) -> None:
    assert expected in triples(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body"), [
    # the fronted phrase is a report, not a submission; the giver is someone else's
    ("sv", "I sin rapport till regeringen beskriver Vinnova läget."),
    # negated: no input given
    ("fi", "Kuntaliitto ei ole lausunut valtiovarainministeriölle luonnoksesta."),
    ("sv", "SKR har inte lämnat något remissvar på promemorian till regeringen."),
])
def test_no_input_from_reports_or_negation(tmp_path: Path, language: str, body: str) -> None:
    assert not [r for r in triples(draft_in(tmp_path, language, body))
                if r[1] == "provided_input_to"]


@pytest.mark.parametrize(("language", "body", "pair"), [
    ("sv", "SKR är Vinnovas viktigaste samarbetspartner i frågan.", ("se-skr", "se-vinnova")),
    ("nb", "Digdir er en viktig samarbeidspartner for KS.", ("no-digdir", "no-ks")),
    ("da", "Digitaliseringsstyrelsen er KL's nærmeste samarbejdspartner.", ("dk-digst", "dk-kl")),
    ("fi", "Valtiovarainministeriö on Kuntaliiton tärkein yhteistyökumppani.",
     ("fi-vm", "fi-kuntaliitto")),
])
def test_called_a_collaboration_partner(tmp_path: Path, language: str, body: str,
                                        pair: tuple[str, str]) -> None:
    assert either_way(draft_in(tmp_path, language, body), pair[0], "collaborates_with", pair[1])


@pytest.mark.parametrize(("language", "body", "pair"), [
    ("sv", "SKR var tidigare Vinnovas samarbetspartner i frågan.", ("se-skr", "se-vinnova")),
    ("nb", "Digdir er ikke en samarbeidspartner for KS.", ("no-digdir", "no-ks")),
    ("da", "Digitaliseringsstyrelsen vil gerne blive KL's samarbejdspartner.",
     ("dk-digst", "dk-kl")),
    ("fi", "Valtiovarainministeriö ei ole Kuntaliiton yhteistyökumppani.",
     ("fi-vm", "fi-kuntaliitto")),
])
def test_no_partner_that_was_is_not_or_wishes_to_be(tmp_path: Path, language: str, body: str,
                                                    pair: tuple[str, str]) -> None:
    assert not either_way(draft_in(tmp_path, language, body), pair[0], "collaborates_with",
                          pair[1])


# --- membership fronted or in a relative clause -------------------------------------------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("sv", "Som medlem i SKR har Vinnova tillgång till nätverken.",
     ("se-vinnova", "member_of", "se-skr")),
    ("sv", "SKR, där Vinnova är medlem, har lämnat synpunkter.",
     ("se-vinnova", "member_of", "se-skr")),
    ("nb", "Som medlem av KS har Digdir fått tilbud om kurs.", ("no-digdir", "member_of", "no-ks")),
    ("fi", "Kuntaliiton jäsenenä valtiovarainministeriö osallistuu työhön.",
     ("fi-vm", "member_of", "fi-kuntaliitto")),
])
def test_membership_fronted_or_relative(tmp_path: Path, language: str, body: str,
                                        expected: tuple[str, str, str]) -> None:
    assert expected in triples(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body"), [
    ("sv", "Som tidigare medlem i SKR har Vinnova tillgång till nätverken."),
    ("sv", "SKR, där Vinnova inte är medlem, har lämnat synpunkter."),
    ("nb", "Som gjest hos KS har Digdir fått tilbud om kurs."),
    ("fi", "Kuntaliiton jäsenenä valtiovarainministeriö ei ole koskaan ollut."),
])
def test_no_membership_when_former_negated_or_a_guest(tmp_path: Path, language: str,
                                                      body: str) -> None:
    assert not [r for r in triples(draft_in(tmp_path, language, body))
                if r[1] == "member_of"]


# --- links: a document only when the text speaks of it ------------------------------------------

def test_a_read_more_link_is_no_document(tmp_path: Path) -> None:
    result = draft_in(tmp_path, "da", "KL og Danske Regioner har i dag offentliggjort »Fælles "
                                    "principper for socialområdet«.\n\nLæs også\n\nKL's udspil "
                                    "om ældreområdet fra 2029\nTal om socialområdet")
    assert [d.title for d in result.documents] == ["Fælles principper for socialområdet"]


_HTML = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Ny vägledning | SKR</title></head>
<body><main><article>
<div class="meta"><span class="label">Nyhet</span> <span>Publicerad 11 februari 2031</span></div>
<h1>Ny vägledning om våld i nära relationer</h1>
<p class="lead">SKR har i dag publicerat vägledningen ”Tidig upptäckt av våld i nära relationer –
vägledning för socialtjänsten”. Den bygger på erfarenheter från tolv kommuner.</p>
<p>Vägledningen beskriver hur socialtjänsten kan ställa frågor om våld.</p>
</article>
<div class="attachments"><h3>Ladda ner</h3><ul>
<li><a href="/pdf/a.pdf">Tidig upptäckt av våld i nära relationer (pdf, 2,4 MB)</a></li>
<li><a href="/pdf/b.pdf">Sammanfattning på lättläst svenska (pdf)</a></li></ul></div>
</main></body></html>
"""


def test_a_linked_file_of_the_document_is_its_link_and_a_summary_no_document(
        tmp_path: Path) -> None:
    page = tmp_path / "skr-2031-02-11-vagledning.html"
    page.write_text(_HTML, encoding="utf-8")
    result = draft.draft(page, _REGIONS, publisher="se-skr")
    assert [d.title for d in result.documents] == [
        "Tidig upptäckt av våld i nära relationer – vägledning för socialtjänsten"]
    assert result.documents[0].link == "Tidig upptäckt av våld i nära relationer (pdf, 2,4 MB)"


# --- principles as counted headings, and "Principperne er fire: …" --------------------------

_SECTIONS = {
    "fi": ("Valtiovarainministeriö on julkaissut työryhmän loppuraportin ”Kuntien "
           "valtionosuudet 2030”.\n\nTyöryhmän ehdotukset perustuvat kolmeen periaatteeseen, "
           "jotka raportissa on kirjoitettu omiksi luvuikseen.\n\n"
           "Rahoitus perustuu tarpeisiin\n\nValtionosuus määräytyy asukasmäärän mukaan.\n\n"
           "Muutokset tasataan siirtymäajalla\n\nMuutos on enintään 50 euroa vuodessa.\n\n"
           "Järjestelmän on oltava ennustettava\n\nKunnat saavat arvion jo keväällä."),
    "nb": ("<!DOCTYPE html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Ny "
           "strategi | Regjeringen</title></head><body><main><article>"
           "<div class=\"meta\"><span>Pressemelding</span> <span>Publisert 17.06.2031</span>"
           "</div><h1>Ny strategi for grensene</h1><p class=\"ingress\">Regjeringen la i dag "
           "fram «Grenseløse muligheter – strategi for grensesamarbeid». Strategien skal fjerne "
           "hindringer for folk langs grensene.</p>"
           "<h2>Tre prinsipper for grensesamarbeidet</h2>"
           "<h3>Grensen skal ikke være et hinder</h3><p>Nye regler skal vurderes for pendlere.</p>"
           "<h3>Løsninger utvikles nedenfra</h3><p>Kommunene skal selv foreslå tiltak.</p>"
           "<h3>Felles kunnskapsgrunnlag</h3><p>Statistikk skal samordnes med nabolandene.</p>"
           "<h2>Kommunenes ønskeliste</h2><p>Kommunene vil ha mer penger til veier.</p>"
           "</article></main></body></html>"),
}


def _draft_sections(tmp_path: Path, language: str, body: str) -> draft.Draft:
    if language == "fi":
        return draft_in(tmp_path, language, body)
    page = tmp_path / "kdd-2031-06-17-strategi.html"
    page.write_text(body, encoding="utf-8")
    return draft.draft(page, _REGIONS, publisher="no-government")


@pytest.mark.parametrize("language", ["fi", "nb"])
def test_principles_as_headings_counted_before_them(tmp_path: Path, language: str) -> None:
    result = _draft_sections(tmp_path, language, _SECTIONS[language])
    assert len([p for d in result.documents for p in d.principles]) == 3


@pytest.mark.parametrize(("language", "body"), [
    # the heading counts demands, or miscounts the sections
    ("nb", _SECTIONS["nb"].replace("Tre prinsipper for grensesamarbeidet",
                                   "Tre krav til regjeringen")),
    ("nb", _SECTIONS["nb"].replace("Tre prinsipper", "Fem prinsipper")),
    # a report's findings, counted
    ("fi", _SECTIONS["fi"].replace("Työryhmän ehdotukset perustuvat kolmeen periaatteeseen",
                                   "Raportin havainnot osoittavat kolme ongelmaa")),
])
def test_no_heading_principles_from_demands_findings_or_a_miscount(
        tmp_path: Path, language: str, body: str) -> None:
    result = _draft_sections(tmp_path, language, body)
    assert not [p for d in result.documents for p in d.principles]


@pytest.mark.parametrize(("language", "body", "count"), [
    ("da", "KL har i dag offentliggjort »Fælles principper for socialområdet«. Principperne er "
           "fire: borgerens egne mål, forudsigelig sagsbehandling, fælles ansvar og en "
           "finansiering der følger opgaverne.", 4),
    ("sv", "SKR har i dag publicerat ”Gemensamma principer för äldreomsorgen”. Principerna är "
           "tre: trygghet, kontinuitet och delaktighet.", 3),
    # miscounted, or demands
    ("da", "KL har i dag offentliggjort »Fælles principper for socialområdet«. Principperne er "
           "fem: borgerens egne mål, forudsigelig sagsbehandling og fælles ansvar.", 0),
    ("sv", "SKR har i dag publicerat ”Gemensamma principer för äldreomsorgen”. Kraven är tre: "
           "mer pengar, färre regler och kortare köer.", 0),
])
def test_principles_counted_after_the_copula(tmp_path: Path, language: str, body: str,
                                             count: int) -> None:
    result = draft_in(tmp_path, language, body)
    assert len([p for d in result.documents for p in d.principles]) == count


# --- from drafting-fresh15's misses, by class -------------------------------------------------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("nb", "Regjeringen la i dag fram strategien «Grenseløse muligheter». Strategien legges fram "
           "for Stortinget som et vedlegg til kommuneproposisjonen.", ("no-storting", "addressee")),
    # a comment on the document or a part of it is a contribution (GOLD.md, input to a document)
    ("sv", "Kommunförbundet har publicerat rekommendationen ”Service på två språk”. "
           "Finansministeriet har lämnat synpunkter på avsnittet om digitala tjänster.",
     ("fi-vm", "contributor")),
    ("fi", "Kuntaliitto julkaisi oppaan ”Tuulivoima kunnan kaavoituksessa”. "
           "Valtiovarainministeriö kommentoi oppaan kiinteistöveroa käsittelevää lukua.",
     ("fi-vm", "contributor")),
])
def test_fresh15_role_classes(tmp_path: Path, language: str, body: str,
                              expected: tuple[str, str]) -> None:
    assert expected in _roles(draft_in(tmp_path, language, body))


def test_a_comment_not_made_is_no_contribution(tmp_path: Path) -> None:
    roles = _roles(draft_in(tmp_path, "fi", "Kuntaliitto julkaisi oppaan ”Tuulivoima kunnan "
                                          "kaavoituksessa”. Valtiovarainministeriö ei "
                                          "kommentoinut opasta."))
    assert ("fi-vm", "contributor") not in roles


@pytest.mark.parametrize(("language", "body", "expected"), [
    ("nn", "KS sende i august eit brev til regjeringa om korleis tiltaka skal finansierast.",
     ("no-ks", "provided_input_to", "no-government")),
    ("sv", "I december lämnade SKR ett yttrande till regeringen om förslaget.",
     ("se-skr", "provided_input_to", "se-government")),
    ("nb", "I fjor sendte KS et høringssvar til Kommunal- og distriktsdepartementet.",
     ("no-ks", "provided_input_to", "no-kmd")),
    ("sv", "Sveriges Kommuner och Regioner, där Vinnova liksom flera andra myndigheter är medlem, "
           "har lämnat synpunkter.", ("se-vinnova", "member_of", "se-skr")),
])
def test_fresh15_relationship_classes(tmp_path: Path, language: str, body: str,
                                      expected: tuple[str, str, str]) -> None:
    assert expected in triples(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body"), [
    ("sv", "I december lämnade Vinnova ett yttrande om SKR till regeringen."),  # Vinnova's input
    ("sv", "Sveriges Kommuner och Regioner, där Vinnova inte är medlem, har lämnat synpunkter."),
    ("nn", "KS skal sende eit brev til regjeringa i haust."),
])
def test_no_fresh15_relationship_from_someone_else_negation_or_plans(
        tmp_path: Path, language: str, body: str) -> None:
    found = triples(draft_in(tmp_path, language, body))
    assert ("se-skr", "provided_input_to", "se-government") not in found
    assert ("se-vinnova", "member_of", "se-skr") not in found
    assert ("no-ks", "provided_input_to", "no-government") not in found


def test_the_regions_assembly_issues_for_the_region(tmp_path: Path) -> None:
    result = _draft_with_regions(tmp_path, "vgr", HEADS["sv"][1],
                                 "Regionfullmäktige antog i går strategin ”Mat för hela Västra "
                                 "Götaland”.")
    assert result.documents[0].issuer == "se-region-vg"


def test_a_regions_assembly_on_an_associations_page_issues_for_no_one(tmp_path: Path) -> None:
    result = _draft_with_regions(tmp_path, "skr", HEADS["sv"][1],
                                 "Regionfullmäktige antog i går strategin ”Mat för hela Västra "
                                 "Götaland”.")
    assert result.documents[0].issuer != "se-skr"


# --- organisations from drafting-fresh15's misses, by class --------------------------------

@pytest.mark.parametrize(("language", "body", "name"), [
    ("nb", "Svinesundskomiteen har bedt regjeringen om penger.", "Svinesundskomiteen"),
    ("sv", "Hushållningssällskapet Väst har lämnat synpunkter på strategin.",
     "Hushållningssällskapet Väst"),
    ("fi", "Työryhmässä oli edustajat Kuntaliitosta ja Kainuun hyvinvointialueelta.",
     "Kainuun hyvinvointialue"),
    ("da", "Og Socialstyrelsen har i en analyse vist, at ventetiden er steget.",
     "Socialstyrelsen"),
])
def test_fresh15_organisation_classes(tmp_path: Path, language: str, body: str,
                                      name: str) -> None:
    assert name in {p.name for p in draft_in(tmp_path, language, body).proposed}


@pytest.mark.parametrize(("language", "body", "absent"), [
    ("nb", "Grensekommunene skal selv foreslå tiltak.", "Grensekommunene"),
    ("fi", "Yksittäisen kunnan valtionosuus voi muuttua.", "Yksittäisen kunta"),
    ("da", "Og Socialstyrelsen har i en analyse vist, at ventetiden er steget.",
     "Og Socialstyrelsen"),
])
def test_no_plural_adjective_or_conjunction_in_a_name(tmp_path: Path, language: str, body: str,
                                                      absent: str) -> None:
    assert absent not in {p.name for p in draft_in(tmp_path, language, body).proposed}


def test_a_linked_file_that_names_a_document_stays_a_document(tmp_path: Path) -> None:
    page = tmp_path / "skr-2031-02-11-vagledning.html"
    page.write_text(_HTML.replace("Sammanfattning på lättläst svenska (pdf)",
                                  "SKR:s remissvar om våld i nära relationer (pdf)"),
                    encoding="utf-8")
    result = draft.draft(page, _REGIONS, publisher="se-skr")
    assert "SKR:s remissvar om våld i nära relationer" in [d.title for d in result.documents]


# --- who made a part of the document contributed to it -------------------------------------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("sv", "Regeringen antog i går strategin ”Mat för hela landet”. Underlaget om offentlig "
           "upphandling har tagits fram av Sveriges Kommuner och Regioner.",
     ("se-skr", "contributor")),
    ("nb", "Regjeringen la i dag fram strategien «Mat i hele landet». Kapittelet om økonomi er "
           "skrevet av KS.", ("no-ks", "contributor")),
])
def test_the_maker_of_a_part_is_a_contributor(tmp_path: Path, language: str, body: str,
                                              expected: tuple[str, str]) -> None:
    roles = _roles(draft_in(tmp_path, language, body))
    assert expected in roles and (expected[0], "lead") not in roles


def test_a_part_not_yet_written_gives_no_role(tmp_path: Path) -> None:
    roles = _roles(draft_in(tmp_path, "nb", "Regjeringen la i dag fram strategien «Mat i hele "
                                          "landet». Kapittelet om økonomi er ikke skrevet av KS."))
    assert ("no-ks", "contributor") not in roles and ("no-ks", "lead") not in roles


# --- several bodies after a plural word for them -------------------------------------------

@pytest.mark.parametrize(("language", "body", "names", "absent"), [
    ("da", "Trafikselskaberne Movia og Midttrafik har regnet på udspillet.",
     {"Movia", "Midttrafik"}, "Trafikselskaberne"),
    ("sv", "Fackförbunden Kommunal och Vårdförbundet har tagit del av pappret.",
     {"Kommunal", "Vårdförbundet"}, "Fackförbunden Kommunal"),
    ("fi", "Virastot Kela ja Traficom ovat mukana hankkeessa.", {"Kela", "Traficom"}, "Virastot"),
])
def test_names_after_a_plural_word_for_bodies(tmp_path: Path, language: str, body: str,
                                              names: set[str], absent: str) -> None:
    found = {p.name for p in draft_in(tmp_path, language, body).proposed}
    assert names <= found and absent not in found


def test_a_plural_word_before_lowercase_words_names_no_one(tmp_path: Path) -> None:
    found = {p.name for p in draft_in(tmp_path, "sv", "Förbunden och kommunerna har tagit del "
                                                    "av pappret.").proposed}
    assert not found


@pytest.mark.parametrize(("language", "body", "absent"), [
    # what the subject received is not the document
    ("sv", "Utredningen överlämnade i dag betänkandet ”Hållbar kommunal ekonomi”. Regeringen tog "
           "emot kritik från kommunerna för betänkandet.", ("se-government", "addressee")),
    # a person, not the document, sent something
    ("nb", "Regjeringen la i dag fram meldingen «Sterke kommuner». Hun har sendt en e-post til "
           "Stortinget om saken.", ("no-storting", "addressee")),
])
def test_no_addressee_from_another_object_or_a_person(tmp_path: Path, language: str, body: str,
                                                      absent: tuple[str, str]) -> None:
    assert absent not in _roles(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("body", "name", "expected"), [
    ("Hankinnat ja innovaatiot -osaamiskeskus KEINO vastaa koulutuksista.",
     "Hankinnat ja innovaatiot -osaamiskeskus", True),
    ("Kestävä kasvu -ohjelma rahoittaa hanketta.", "Kestävä kasvu -ohjelma", False),
])
def test_a_finnish_name_joined_by_a_hyphen_to_its_organisation_word(
        tmp_path: Path, body: str, name: str, expected: bool) -> None:
    found = {p.name for p in draft_in(tmp_path, "fi", body).proposed}
    assert any(n.startswith(name) for n in found) is expected  # the acronym may follow


# --- lists of organisations' names are no principles ------------------------------------------

def test_a_list_of_organisations_names_is_no_principles(tmp_path: Path) -> None:
    result = draft_in(tmp_path, "nb", _LAUNCH["nb"] + "Veilederen har tre prinsipper:\n\n- KS og "
                                   "Digdir\n- Kommunal- og distriktsdepartementet\n- Stortinget "
                                   "i plenum")
    assert not [p for d in result.documents for p in d.principles]
