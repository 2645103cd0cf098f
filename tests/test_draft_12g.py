"""Issue 12g: classes of misses on unseen pages, each rule general (structure and word lists as
data), with adversarial sentences in sv, nb, nn, da and fi and negative twins.

* ordinal prose: "Først og fremmest … Dernæst … Endelig …", ordinals closed by "finally"
  ("For det første … For det andre … Til slutt …"), Finnish "Ensimmäinen on …", and a counted
  announcement followed by exactly that many sentences;
* a document referred to by "the reform" ("Uudistuksen lähtökohtina ovat …");
* input handed over with adverbials between ("Kuntaliitto on lisäksi toimittanut hallitukselle
  arvion …", "SKR lämnade i januari ett underlag till regeringen"), collaboration with the
  Finnish partner before the noun ("tekee Kuntaliiton kanssa yhteistyötä") and with others
  taking part in a relative clause;
* organisations with no organisation word, by the role the sentence gives them (apposition,
  partner, speaking verb, participants, coordination), never a person, a place or a common noun.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from datarelease import draft

from .drafting_pages import draft_in, either_way, triples


def _principles(result: draft.Draft) -> list[str]:
    return [str(p.data["text"]).rstrip(".") for d in result.documents for p in d.principles]


def _proposed(result: draft.Draft) -> set[str]:
    return {p.name for p in result.proposed}


# --- ordinal prose ------------------------------------------------------------------------

_DA_DOC = "KL har i dag offentliggjort udspillet »Tæt på borgeren«.\n\n"
_SV_DOC = "SKR presenterade i dag strategin ”Starka kommuner”.\n\n"
_NB_DOC = "KS la i dag fram strategien «Sterke lokalsamfunn».\n\n"
_NN_DOC = "KS la i dag fram strategien «Sterke lokalsamfunn».\n\n"
_FI_DOC = "Kuntaliitto julkaisi tänään strategian ”Vahva kunta”.\n\n"


@pytest.mark.parametrize(("language", "body", "expected"), [
    ("da", _DA_DOC + "Udspillet har tre bærende tanker. Først og fremmest skal borgerne have "
                     "kort til lægen. Dernæst skal kommunen og regionen dele én plan. Endelig "
                     "skal ingen vente på svar.",
     ["skal borgerne have kort til lægen", "skal kommunen og regionen dele én plan",
      "skal ingen vente på svar"]),
    ("sv", _SV_DOC + "Strategin vilar på tre grundtankar. För det första ska kommunerna själva "
                     "välja. För det andra ska staten lyssna. Slutligen ska invånarna bli hörda.",
     ["ska kommunerna själva välja", "ska staten lyssna", "ska invånarna bli hörda"]),
    ("sv", _SV_DOC + "Strategin har tre grundtankar. Först och främst ska kommunerna själva "
                     "välja. Därefter ska staten lyssna. Till sist ska invånarna bli hörda.",
     ["ska kommunerna själva välja", "ska staten lyssna", "ska invånarna bli hörda"]),
    ("nb", _NB_DOC + "Strategien bygger på tre prinsipper. For det første skal kommunene selv "
                     "velge. For det andre skal staten lytte. Til slutt skal innbyggerne bli "
                     "hørt.",
     ["skal kommunene selv velge", "skal staten lytte", "skal innbyggerne bli hørt"]),
    ("nn", _NN_DOC + "Strategien byggjer på tre prinsipp. For det fyrste skal kommunane sjølve "
                     "velje. For det andre skal staten lytte. Til slutt skal innbyggjarane bli "
                     "høyrde.",
     ["skal kommunane sjølve velje", "skal staten lytte", "skal innbyggjarane bli høyrde"]),
    ("fi", _FI_DOC + "Strategia perustuu kolmeen periaatteeseen. Ensinnäkin kunnat päättävät "
                     "itse. Toiseksi valtio kuuntelee kuntia. Lopuksi asukkaita kuullaan.",
     ["kunnat päättävät itse", "valtio kuuntelee kuntia", "asukkaita kuullaan"]),
    ("fi", _FI_DOC + "Strategia perustuu kolmeen periaatteeseen. Ensimmäinen on kunnan "
                     "itsehallinnon kunnioittaminen. Toinen on asukkaiden yhdenvertaisuus. "
                     "Kolmas periaate on, että valtio rahoittaa tehtävät.",
     ["kunnan itsehallinnon kunnioittaminen", "asukkaiden yhdenvertaisuus",
      "valtio rahoittaa tehtävät"]),
    ("da", _DA_DOC + "Udspillet bygger på tre principper. For det første skal borgerne "
                     "høres. For det andet skal kommunerne have frihed. Og endelig skal staten "
                     "betale.",
     ["skal borgerne høres", "skal kommunerne have frihed", "skal staten betale"]),
    ("sv", _SV_DOC + "Strategin vilar på två grundtankar. Den första är kommunernas "
                     "självstyre. Den andra är att staten ska lyssna.",
     ["kommunernas självstyre", "staten ska lyssna"]),
])
def test_ordinal_prose_gives_principles(tmp_path: Path, language: str, body: str,
                                        expected: list[str]) -> None:
    assert _principles(draft_in(tmp_path, language, body)) == expected


@pytest.mark.parametrize(("language", "body", "expected"), [
    ("nb", _NB_DOC + "Strategien bygger på tre prinsipper. Kommunene skal selv velge "
                     "løsninger. Staten skal lytte til kommunene. Innbyggerne skal bli hørt i "
                     "alle saker.\n\nNeste avsnitt handler om noe annet.",
     ["Kommunene skal selv velge løsninger", "Staten skal lytte til kommunene",
      "Innbyggerne skal bli hørt i alle saker"]),
    ("da", _DA_DOC + "Udspillet bygger på to principper. Kommunerne skal have frihed. "
                     "Staten skal stole mere på kommunerne.",
     ["Kommunerne skal have frihed", "Staten skal stole mere på kommunerne"]),
    ("sv", _SV_DOC + "Strategin har tre utgångspunkter. Kommunerna ska välja själva. Staten "
                     "ska lyssna mer. Invånarna ska höras tidigt.",
     ["Kommunerna ska välja själva", "Staten ska lyssna mer", "Invånarna ska höras tidigt"]),
])
def test_counted_sentences_give_principles(tmp_path: Path, language: str, body: str,
                                           expected: list[str]) -> None:
    assert _principles(draft_in(tmp_path, language, body)) == expected


@pytest.mark.parametrize(("language", "body"), [
    # "first and foremost" alone is emphasis
    ("da", _DA_DOC + "Først og fremmest vil vi takke alle, der har bidraget. Dernæst håber vi "
                     "på en god debat."),
    # demands, not principles
    ("da", _DA_DOC + "KL har tre krav. Først og fremmest skal staten betale. Dernæst skal "
                     "reglerne forenkles. Endelig skal kommunerne høres."),
    ("sv", _SV_DOC + "SKR ställer tre krav. För det första ska staten betala. För det andra ska "
                     "reglerna förenklas. Slutligen ska kommunerna höras."),
    # a chronology after a mere count: plain "first … then … finally"
    ("da", _DA_DOC + "Udspillet afprøves i tre kommuner. Først er det Aarhus Kommune. Derefter "
                     "følger Odense Kommune. Endelig kommer Aalborg Kommune med."),
    # "first of all" not closed by a last step
    ("nb", _NB_DOC + "Strategien har tre bærende tanker. Først og fremst skal kommunene velge. "
                     "Deretter skal staten lytte."),
    # the paragraph goes on after the counted sentences: which are the principles is unclear
    ("nb", _NB_DOC + "Strategien bygger på tre prinsipper. Kommunene skal selv velge. Staten "
                     "skal lytte. Innbyggerne skal bli hørt. Det tar tid å få dette til."),
    # sentences about the principles, not the principles
    ("nb", _NB_DOC + "Strategien bygger på tre prinsipper. De ble vedtatt av hovedstyret i "
                     "fjor. Prinsippene er beskrevet i kapittel to. Kommunene er fornøyde."),
    # a count without a principle word
    ("da", _DA_DOC + "Udspillet har tre dele. Den første del handler om lægerne. Den anden om "
                     "sygehusene. Den tredje om kommunerne."),
    # counted sentences that are quotes or views
    ("sv", _SV_DOC + "Strategin har två utgångspunkter. – Kommunerna ska välja själva. – Staten "
                     "ska lyssna mer."),
    ("nn", _NN_DOC + "Strategien har to prinsipp. KS meiner kommunane skal velje sjølve. KS "
                     "meiner staten skal lytte."),
    # Finnish "toinen" without a first
    ("fi", _FI_DOC + "Strategia perustuu kahteen periaatteeseen. Toinen on kunnan itsehallinto. "
                     "Kolmas on asukkaiden yhdenvertaisuus."),
])
def test_prose_that_is_no_principle_list(tmp_path: Path, language: str, body: str) -> None:
    assert _principles(draft_in(tmp_path, language, body)) == []


# --- the document referred to as "the reform" ---------------------------------------------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("fi", "Hallitus antoi eduskunnalle esityksen ”Kuntien talouden vahvistaminen”. Esitys "
           "pohjautuu selvitykseen ”Kuntatalouden seuranta”, jonka valtiovarainministeriö "
           "julkaisi. Uudistuksen lähtökohtina ovat kunnan itsehallinnon kunnioittaminen, "
           "varhainen puuttuminen talouden ongelmiin sekä valtion ja kunnan yhteinen vastuu "
           "palvelujen turvaamisesta.",
     ["kunnan itsehallinnon kunnioittaminen", "varhainen puuttuminen talouden ongelmiin",
      "valtion ja kunnan yhteinen vastuu palvelujen turvaamisesta"]),
    ("sv", "Regeringen har lämnat propositionen ”En ny kommunallag” till riksdagen. Den bygger "
           "på rapporten ”Kommunerna i framtiden” från Statskontoret. Reformens utgångspunkter "
           "är kommunalt självstyre, likvärdig service och tydliga roller.",
     ["kommunalt självstyre", "likvärdig service", "tydliga roller"]),
    ("da", "Regeringen har præsenteret strategien »Nærhed først«. Den bygger på rapporten "
           "»Det nære sundhedsvæsen« fra VIVE. Reformens principper er lokal styring, "
           "lige adgang og klare roller.",
     ["lokal styring", "lige adgang", "klare roller"]),
    ("nb", "Regjeringen la i dag fram strategien «Nye kommuner». Den bygger på rapporten "
           "«Kommunene i 2040» fra Menon. Reformens prinsipper er lokalt selvstyre, "
           "likeverdige tjenester og tydelige roller.",
     ["lokalt selvstyre", "likeverdige tjenester", "tydelige roller"]),
])
def test_the_reform_is_the_pages_one_bill_or_strategy(tmp_path: Path, language: str, body: str,
                                                      expected: list[str]) -> None:
    result = draft_in(tmp_path, language, body)
    assert [str(p.data["text"]) for p in result.documents[0].principles] == expected
    assert all(not d.principles for d in result.documents[1:])


@pytest.mark.parametrize(("language", "body"), [
    # two documents that could carry the reform: which one is meant is unclear
    ("sv", "Regeringen har lämnat propositionen ”En ny kommunallag” till riksdagen och "
           "presenterat strategin ”Starka kommuner”. Reformens utgångspunkter är kommunalt "
           "självstyre, likvärdig service och tydliga roller."),
    # only a report on the page: a reform the report speaks of is not its own
    ("nb", "Menon har skrevet rapporten «Kommunene i 2040». Reformens prinsipper er lokalt "
           "selvstyre, likeverdige tjenester og tydelige roller."),
    # someone's view of the reform
    ("fi", "Hallitus antoi eduskunnalle esityksen ”Kuntien talouden vahvistaminen”. "
           "Kuntaliiton mielestä uudistuksen lähtökohtina ovat itsehallinto, yhdenvertaisuus "
           "ja rahoitus."),
])
def test_a_reform_word_without_one_document_names_none(tmp_path: Path, language: str,
                                                       body: str) -> None:
    assert _principles(draft_in(tmp_path, language, body)) == []


# --- relationships: input handed over, collaboration with adverbials ---------------------

@pytest.mark.parametrize(("language", "body", "expected"), [
    ("fi", "Kuntaliitto on lisäksi toimittanut hallitukselle arvion elintarvikkeiden hintojen "
           "nousun vaikutuksista.", ("fi-kuntaliitto", "provided_input_to", "fi-government")),
    ("fi", "Kuntaliitto lähetti myös valtiovarainministeriölle muistion kuntien taloudesta.",
     ("fi-kuntaliitto", "provided_input_to", "fi-vm")),
    ("sv", "SKR lämnade i januari ett underlag till regeringen om hur lagren kan byggas ut.",
     ("se-skr", "provided_input_to", "se-government")),
    ("sv", "I mars skickade SKR dessutom en promemoria till regeringen.",
     ("se-skr", "provided_input_to", "se-government")),
    ("nb", "KS har også sendt et notat med innspill til Digitaliseringsdirektoratet.",
     ("no-ks", "provided_input_to", "no-digdir")),
    ("nn", "KS sende i haust òg eit notat med innspel til Kommunal- og "
           "moderniseringsdepartementet.", ("no-ks", "provided_input_to", "no-kmd")),
    ("da", "KL har i sidste uge desuden sendt en ny vurdering af økonomien til "
           "Digitaliseringsstyrelsen.", ("dk-kl", "provided_input_to", "dk-digst")),
])
def test_input_handed_over_with_adverbials(tmp_path: Path, language: str, body: str,
                                           expected: tuple[str, str, str]) -> None:
    assert expected in triples(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body"), [
    ("fi", "Kuntaliitto aikoo toimittaa hallitukselle arvion elintarvikkeiden hinnoista."),
    ("fi", "Kuntaliitto ei ole toimittanut hallitukselle arviota."),
    ("fi", "Hallitus antoi eduskunnalle esityksen ”Kuntien talouden vahvistaminen”."),
    ("sv", "SKR har inte lämnat något underlag till regeringen."),
    ("sv", "SKR ska lämna ett underlag till regeringen i vår."),
    ("nb", "KS skal sende et notat med innspill til Digitaliseringsdirektoratet."),
    ("nn", "Departementet bad KS om å sende eit notat til Digitaliseringsdirektoratet."),
    ("da", "KL vil sende en vurdering til Digitaliseringsstyrelsen efter sommeren."),
    # sent out for comment, a request for a statement, a task: the receiver gives nothing
    ("nb", "Regjeringen har sendt forslaget på høring til KS."),
    ("sv", "Regeringen har skickat förslaget på remiss till SKR."),
    ("fi", "Valtiovarainministeriö lähetti Kuntaliitolle lausuntopyynnön."),
    ("fi", "Hallitus antoi Kuntaliitolle tehtävän laatia arvio."),
    ("da", "Regeringen har sendt en anmodning om en vurdering til KL."),
    # handed over to a document, not an organisation: a contribution
    ("nb", "KS har sendt et notat med innspill til meldingen om kommuneøkonomi."),
])
def test_input_not_handed_over(tmp_path: Path, language: str, body: str) -> None:
    assert not {r for r in triples(draft_in(tmp_path, language, body))
                if r[1] == "provided_input_to"}


@pytest.mark.parametrize(("language", "body", "a", "b"), [
    ("fi", "Valtiovarainministeriö tekee Kuntaliiton kanssa yhteistyötä myös "
           "kuntatalousohjelman valmistelussa.", "fi-vm", "fi-kuntaliitto"),
    ("fi", "Valtiovarainministeriö on tehnyt Kuntaliiton kanssa tiivistä yhteistyötä jo "
           "vuosia.", "fi-vm", "fi-kuntaliitto"),
    ("da", "KL og Danske Regioner samarbejder i forvejen i partnerskabet Sammen om ældres "
           "trivsel, hvor også Ældre Sagen og Røde Kors deltager.", "dk-kl", "dk-regions"),
    ("sv", "SKR och Vinnova samarbetar redan i programmet Smart förvaltning, där även flera "
           "universitet deltar.", "se-skr", "se-vinnova"),
    ("nb", "KS og Digdir samarbeider allerede i prosjektet Digi Norge, der også flere "
           "kommuner deltar.", "no-ks", "no-digdir"),
])
def test_collaboration_with_adverbials_and_others_taking_part(
        tmp_path: Path, language: str, body: str, a: str, b: str) -> None:
    assert either_way(draft_in(tmp_path, language, body), a, "collaborates_with", b)


@pytest.mark.parametrize(("language", "body"), [
    ("fi", "Valtiovarainministeriö aikoo tehdä Kuntaliiton kanssa yhteistyötä."),
    ("fi", "Valtiovarainministeriö ei tee Kuntaliiton kanssa yhteistyötä."),
    ("da", "KL og Danske Regioner vil samarbejde i partnerskabet, hvor også Ældre Sagen "
           "deltager."),
    # the two only take part side by side
    ("nb", "KS deltar i prosjektet sammen med Digdir."),
])
def test_no_collaboration(tmp_path: Path, language: str, body: str) -> None:
    assert not {r for r in triples(draft_in(tmp_path, language, body))
                if r[1] == "collaborates_with"}


# --- organisations without an organisation word -----------------------------------------

@pytest.mark.parametrize(("language", "body", "name"), [
    ("nb", "Trafikselskapet Skyss har laget en ny rutetabell.", "Skyss"),
    ("nn", "Skyss, fylkeskommunen sitt eige kollektivselskap, har skrive analysen.", "Skyss"),
    ("nn", "Ferjereiarlaga Fjord1 og Norled har fått strategien.", "Norled"),
    ("sv", "Färdplanen har arbetats fram tillsammans med Västtrafik, regionens helägda "
           "kollektivtrafikbolag.", "Västtrafik"),
    ("sv", "Västtrafik meddelar att trafiken ställs in.", "Västtrafik"),
    ("da", "Regionerne køber ind i samarbejde med Amgros, regionernes indkøbsorganisation.",
     "Amgros"),
    ("da", "KL samarbejder med Ældre Sagen om ensomhed.", "Ældre Sagen"),
    ("da", "KL, Ældre Sagen og Røde Kors står bag kampagnen.", "Røde Kors"),
    ("da", "KL og Danske Regioner samarbejder i partnerskabet Sammen om ældres trivsel, hvor "
           "også Ældre Sagen og Røde Kors deltager.", "Ældre Sagen"),
    ("nb", "Ruter opplyser at prisene går ned.", "Ruter"),
    ("fi", "Föli kertoo, että liput halpenevat.", "Föli"),
    ("fi", "Kuntaliitto tekee yhteistyötä Fölin kanssa.", "Föli"),
    ("da", "Ifølge Ældre Sagen føler mange ældre sig ensomme.", "Ældre Sagen"),
    ("sv", "Enligt Västtrafik ökar resandet i regionen.", "Västtrafik"),
    ("da", "Trafikken drives af Movia (trafikselskabet på Sjælland).", "Movia"),
])
def test_a_name_in_an_organisations_role_is_proposed(tmp_path: Path, language: str, body: str,
                                                     name: str) -> None:
    assert name in _proposed(draft_in(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body", "absent"), [
    # people
    ("nb", "KS samarbeider med Anne Hansen om saken.", "Anne Hansen"),
    ("da", "KL samarbejder med Mette Frederiksen om ældreplejen.", "Mette Frederiksen"),
    ("sv", "SKR samarbetar med Anna Lindqvist, projektledare i Göteborg.", "Anna Lindqvist"),
    ("da", "Lars Dyhr udtaler, at det er godt.", "Dyhr"),
    ("da", "– Det er godt, siger Lars Dyhr, formand for KL. Dyhr oplyser, at planen er klar.",
     "Dyhr"),
    ("nb", "SKR samarbeider med Lantmäteriet, der Anna Berg og Per Holm deltar.", "Anna Berg"),
    ("da", "Ifølge Mette Hansen er det et problem.", "Mette Hansen"),
    ("sv", "Enligt Anna Lindqvist, utredare på SKR, ökar kostnaderna.", "Anna Lindqvist"),
    # places
    ("nb", "Ifølge Oslo er det fine forhold.", "Oslo"),
    ("nb", "KS samarbeider med Bergen om saken.", "Bergen"),
    ("nb", "KS samarbeider med Sverige om saken.", "Sverige"),
    ("sv", "SKR samarbetar med Sundsvall i projektet. Projektet drivs i Sundsvall.",
     "Sundsvall"),
    # weekdays and ordinary words opening the sentence
    ("da", "Mandag meddeler KL nye tal.", "Mandag"),
    # generic definite nouns
    ("da", "Kommunen meddeler, at skolen lukker.", "Kommunen"),
    ("nb", "Fylkeskommunen opplyser at ferja er innstilt.", "Fylkeskommunen"),
    ("nn", "Vestland fylkeskommune eig ferjene. Fylkeskommunen gav i juni innspel til "
           "Stortinget om korleis fylkeskommunen sine midlar bør fordelast.", "Fylkeskommunen"),
    ("sv", "Regionen meddelar att vården öppnar.", "Regionen"),
    # a partnership's or programme's name
    ("da", "KL og Danske Regioner samarbejder i partnerskabet Sammen om ældres trivsel.",
     "Sammen"),
    # a Finnish genitive in the weak grade: its stem is no base form
    ("fi", "Kuntaliitto tekee kokeilussa yhteistyötä Matkahuollon kanssa.", "Matkahuollo"),
    # a heading item with a registry body after it
    ("sv", "Inledning, Sveriges Kommuner och Regioner.", "Inledning"),
])
def test_people_places_and_common_nouns_are_not_proposed(tmp_path: Path, language: str,
                                                         body: str, absent: str) -> None:
    assert absent not in _proposed(draft_in(tmp_path, language, body))
