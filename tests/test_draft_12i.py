"""Issue 12i: principles found as a group of parallel blocks after an introduction, whatever the
blocks are (paragraphs, lead phrases, sub-headings over several paragraphs, short phrases,
numbered paragraphs), and more words editors use for principles; adversarial pages in sv, nb,
nn, da and fi, with at least as many negatives (demands, findings, questions, another body's
principles, counts that do not match, negations, related links, measures, quotes, blocks that
are not parallel, words that hold a principle word by chance).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from datarelease import draft

from .drafting_pages import draft_html


def _principles(result: draft.Draft) -> list[str]:
    return [str(p.data["text"]).rstrip(".") for d in result.documents for p in d.principles]




_SV = "<p>SKR presenterade i dag strategin ”Starka kommuner”.</p>"
_NB = "<p>KS la i dag fram strategien «Sterke lokalsamfunn».</p>"
_NN = "<p>KS la i dag fram strategien «Sterke lokalsamfunn».</p>"
_DA = "<p>KL har i dag offentliggjort udspillet »Tæt på borgeren«.</p>"
_FI = "<p>Kuntaliitto julkaisi tänään strategian ”Vahva kunta”.</p>"
_END = {
    "sv": "<h2>Bakgrund</h2><p>Arbetet med strategin började för två år sedan i styrelsen.</p>",
    "nb": "<h2>Bakgrunn</h2><p>Arbeidet med strategien startet for to år siden i styret.</p>",
    "nn": "<h2>Bakgrunn</h2><p>Arbeidet med strategien starta for to år sidan i styret.</p>",
    "da": "<h2>Baggrund</h2><p>Arbejdet med udspillet begyndte for to år siden i bestyrelsen.</p>",
    "fi": "<h2>Tausta</h2><p>Strategian valmistelu alkoi kaksi vuotta sitten hallituksessa.</p>",
}


def _p(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


# --- positives: each shape, and words no vocabulary held ------------------------------------

POSITIVES = [
    # statements, one a paragraph, after a colon (no list markup)
    ("sv", _SV + _p("Strategin vilar på följande utgångspunkter:",
                    "Kommunerna ska dela sina data med varandra.",
                    "Staten ska lita på kommunernas egna bedömningar.",
                    "Invånarna ska vara med och forma tjänsterna.") + _END["sv"],
     ["Kommunerna ska dela sina data med varandra", "Staten ska lita på kommunernas egna "
      "bedömningar", "Invånarna ska vara med och forma tjänsterna"]),
    ("da", _DA + _p("Udspillet hviler på fire principper:",
                    "Borgeren skal kun fortælle sin historie én gang.",
                    "Kommunen skal tage kontakt, før problemerne vokser.",
                    "Medarbejderne skal have tid til at tale med borgeren.",
                    "Hjælpen skal følge borgeren, når borgeren flytter.") + _END["da"],
     ["Borgeren skal kun fortælle sin historie én gang",
      "Kommunen skal tage kontakt, før problemerne vokser",
      "Medarbejderne skal have tid til at tale med borgeren",
      "Hjælpen skal følge borgeren, når borgeren flytter"]),
    # numbered paragraphs
    ("fi", _FI + _p("Strategian lähtökohdat ovat seuraavat:",
                    "1) Kunta tuntee asukkaansa parhaiten.",
                    "2) Valtio rahoittaa tehtävät, jotka se kunnille antaa.",
                    "3) Palvelut suunnitellaan yhdessä asukkaiden kanssa.") + _END["fi"],
     ["Kunta tuntee asukkaansa parhaiten", "Valtio rahoittaa tehtävät, jotka se kunnille antaa",
      "Palvelut suunnitellaan yhdessä asukkaiden kanssa"]),
    # lead phrases with a colon, bold on the page
    ("nb", _NB + "<p>Strategien bygger på fire prinsipper:</p><p><strong>Tillit:</strong> "
     "Kommunene skal få mer handlingsrom.</p><p><strong>Åpenhet:</strong> Alle beslutninger "
     "skal kunne etterprøves.</p><p><strong>Samarbeid:</strong> Kommunene skal løse oppgavene "
     "sammen.</p><p><strong>Likeverd:</strong> Alle innbyggere skal få like gode tjenester.</p>"
     + _END["nb"],
     ["Tillit", "Åpenhet", "Samarbeid", "Likeverd"]),
    # lead phrases with a dash
    ("nn", _NN + _p("Strategien kviler på tre prinsipp:",
                    "Nærleik – tenestene skal liggje nær der folk bur.",
                    "Openheit – innbyggjarane skal sjå korleis vedtaka blir tekne.",
                    "Samhald – kommunane skal hjelpe kvarandre i kriser.") + _END["nn"],
     ["Nærleik", "Openheit", "Samhald"]),
    # lead phrases opening list items, with a colon
    ("da", _DA + "<p>Udspillet bygger på tre pejlemærker:</p><ul><li>Nærhed: Hjælpen skal "
     "gives tæt på borgerens hjem.</li><li>Tillid: Medarbejderne skal have frihed til at "
     "vurdere.</li><li>Sammenhæng: Sektorerne skal arbejde sammen om borgeren.</li></ul>"
     + _END["da"],
     ["Nærhed", "Tillid", "Sammenhæng"]),
    # sub-headings, each over two paragraphs
    ("sv", _SV + "<p>Strategin vilar på tre kärnvärden:</p><h3>Öppenhet</h3><p>Kommunerna ska "
     "dela sina data med varandra.</p><p>Det gäller både statistik och erfarenheter från "
     "arbetet.</p><h3>Tillit</h3><p>Staten ska lita på kommunernas egna bedömningar.</p><p>"
     "Färre detaljerade regler ger mer utrymme för lokala lösningar.</p><h3>Delaktighet</h3>"
     "<p>Invånarna ska få vara med och forma tjänsterna.</p><p>Det sker genom dialoger och "
     "enkäter i varje kommun.</p>",
     ["Öppenhet", "Tillit", "Delaktighet"]),
    # short phrases, one a paragraph, and a word no vocabulary held: "søjler"
    ("da", _DA + _p("Udspillet står på tre søjler:", "Forebyggelse før behandling",
                    "Fællesskab om opgaverne", "Viden som grundlag")
     + "<p>KL vil nu drøfte udspillet med regeringen og med regionerne i løbet af foråret.</p>",
     ["Forebyggelse før behandling", "Fællesskab om opgaverne", "Viden som grundlag"]),
    # words no vocabulary held
    ("sv", _SV + _p("Strategin vilar på tre pelare:",
                    "Kommunerna ska dela sina data med varandra.",
                    "Staten ska lita på kommunernas egna bedömningar.",
                    "Invånarna ska vara med och forma tjänsterna.") + _END["sv"],
     ["Kommunerna ska dela sina data med varandra", "Staten ska lita på kommunernas egna "
      "bedömningar", "Invånarna ska vara med och forma tjänsterna"]),
    ("nb", _NB + _p("Strategien har tre søyler:",
                    "Kommunene skal dele data med hverandre.",
                    "Staten skal stole på kommunenes egne vurderinger.",
                    "Innbyggerne skal være med og forme tjenestene.") + _END["nb"],
     ["Kommunene skal dele data med hverandre", "Staten skal stole på kommunenes egne "
      "vurderinger", "Innbyggerne skal være med og forme tjenestene"]),
    ("nn", _NN + _p("Strategien byggjer på tre grep:",
                    "Kommunane skal dele data med kvarandre.",
                    "Staten skal stole på vurderingane til kommunane.",
                    "Innbyggjarane skal vere med og forme tenestene.") + _END["nn"],
     ["Kommunane skal dele data med kvarandre", "Staten skal stole på vurderingane til "
      "kommunane", "Innbyggjarane skal vere med og forme tenestene"]),
    ("fi", _FI + _p("Strategia nojaa kolmeen pilariin:",
                    "Kunnat jakavat tietonsa toisilleen.",
                    "Valtio luottaa kuntien omaan harkintaan.",
                    "Asukkaat osallistuvat palvelujen suunnitteluun.") + _END["fi"],
     ["Kunnat jakavat tietonsa toisilleen", "Valtio luottaa kuntien omaan harkintaan",
      "Asukkaat osallistuvat palvelujen suunnitteluun"]),
]


@pytest.mark.parametrize(("language", "body", "expected"), POSITIVES)
def test_a_parallel_group_after_its_introduction_is_the_documents_principles(
        tmp_path: Path, language: str, body: str, expected: list[str]) -> None:
    assert _principles(draft_html(tmp_path, language, body)) == expected


# --- negatives --------------------------------------------------------------------------------

_SV_ITEMS = _p("Kommunerna ska dela sina data med varandra.",
               "Staten ska lita på kommunernas egna bedömningar.",
               "Invånarna ska vara med och forma tjänsterna.")
_NB_LEADS = ("<p><strong>Tillit:</strong> Kommunene skal få mer handlingsrom.</p><p><strong>"
             "Åpenhet:</strong> Alle beslutninger skal kunne etterprøves.</p><p><strong>"
             "Samarbeid:</strong> Kommunene skal løse oppgavene sammen.</p>")
_DA_ITEMS = _p("Borgeren skal kun fortælle sin historie én gang.",
               "Kommunen skal tage kontakt, før problemerne vokser.",
               "Medarbejderne skal have tid til at tale med borgeren.")
_FI_ITEMS = _p("Kunnat jakavat tietonsa toisilleen.", "Valtio luottaa kuntien omaan harkintaan.",
               "Asukkaat osallistuvat palvelujen suunnitteluun.")
_NN_LEADS = _p("Nærleik – tenestene skal liggje nær der folk bur.",
               "Openheit – innbyggjarane skal sjå korleis vedtaka blir tekne.",
               "Samhald – kommunane skal hjelpe kvarandre i kriser.")

NEGATIVES = [
    # demands
    ("sv", _SV + "<p>Förbundet kräver att strategin följer dessa principer:</p>" + _SV_ITEMS),
    # findings
    ("da", _DA + "<p>Evalueringen viser, at kommunerne har fulgt disse principper:</p>"
     + _DA_ITEMS),
    # a question before the group
    ("nb", _NB + "<p>Hvilke prinsipper bør gjelde for samarbeidet?</p>" + _NB_LEADS),
    # another body's principles
    ("nb", _NB + "<p>Fagforbundet har sine egne prinsipper for arbeidet:</p>" + _NB_LEADS),
    # a count that does not match
    ("sv", _SV + "<p>Strategin vilar på fyra utgångspunkter:</p>" + _SV_ITEMS + _END["sv"]),
    # negated
    ("nn", _NN + "<p>Dette er ikkje prinsipp, men døme frå kommunane:</p>" + _NN_LEADS),
    # measures
    ("fi", _FI + "<p>Strategian painopisteitä toteutetaan seuraavilla toimenpiteillä:</p>"
     + _FI_ITEMS),
    # related links after a principle word
    ("sv", _SV + "<p>Läs mer om principerna:</p><p>Så delar kommunerna sina data</p>"
     "<p>Tillit mellan stat och kommun</p><p>Invånarna och tjänsterna</p>"),
    # quotes after the introduction: someone speaking, not principles
    ("da", _DA + "<p>Udspillet bygger på principper, som formanden forklarer:</p><p>– Borgeren "
     "skal kun fortælle sin historie én gang, siger formanden.</p><p>– Vi skal tage kontakt "
     "tidligt, siger hun.</p>"),
    # blocks that are not parallel: one short sentence, then a long paragraph
    ("fi", _FI + "<p>Strategian periaatteet ovat seuraavat:</p><p>Kunta tuntee asukkaansa.</p>"
     "<p>Kuntaliiton hallitus hyväksyi strategian kokouksessaan maanantaina, ja sen valmisteluun "
     "osallistui satoja kuntien luottamushenkilöitä, viranhaltijoita ja asukkaita eri puolilta "
     "maata kahden vuoden aikana työpajoissa ja kyselyissä.</p>"),
    # a word that holds a principle word by chance: "begrepene"
    ("nb", _NB + "<p>Veilederen forklarer disse begrepene:</p>" + _NB_LEADS),
    # "utvärderingar": evaluations, not values
    ("sv", _SV + "<p>Strategin bygger på tre utvärderingar:</p>" + _SV_ITEMS + _END["sv"]),
    # the document's goals are not its principles
    ("da", _DA + "<p>Udspillet har tre målsætninger:</p>" + _DA_ITEMS + _END["da"]),
    # recommendations to others
    ("fi", _FI + "<p>Strategian periaatteiden pohjalta Kuntaliitto suosittaa kunnille "
     "seuraavaa:</p>" + _FI_ITEMS),
    # contact lines after a principle heading
    ("nn", _NN + "<p>Strategien byggjer på tre prinsipp:</p><p>Kontakt: Kari Nordmann, "
     "rådgjevar i KS.</p><p>Telefon: 22 33 44 55 66.</p><p>E-post: kari.nordmann@ks.no</p>"),
]


@pytest.mark.parametrize(("language", "body"), NEGATIVES)
def test_a_group_that_is_not_the_documents_principles_gives_none(
        tmp_path: Path, language: str, body: str) -> None:
    assert _principles(draft_html(tmp_path, language, body)) == []


def test_a_headed_group_stops_at_its_count(tmp_path: Path) -> None:
    """The paragraphs under the last phrase may go on; a heading after them is no fourth value
    when the introduction counts three."""
    body = (_SV + "<p>Strategin vilar på tre kärnvärden:</p><h3>Öppenhet</h3><p>Kommunerna ska "
            "dela sina data med varandra.</p><h3>Tillit</h3><p>Staten ska lita på kommunernas "
            "egna bedömningar.</p><p>Färre regler ger mer utrymme för lokala lösningar.</p>"
            "<h3>Delaktighet</h3><p>Invånarna ska få vara med och forma tjänsterna.</p>"
            "<h3>Så går arbetet vidare</h3><p>Styrelsen beslutar om strategin i juni i år.</p>")
    assert _principles(draft_html(tmp_path, "sv", body)) == ["Öppenhet", "Tillit", "Delaktighet"]


def test_a_heading_that_closes_an_uncounted_group_is_no_principle(tmp_path: Path) -> None:
    body = (_NB + "<p>Strategien bygger på disse verdiene:</p><h3>Åpenhet</h3><p>Kommunene skal "
            "dele data med hverandre.</p><h3>Tillit</h3><p>Staten skal stole på kommunenes "
            "egne vurderinger.</p><h3>Les mer</h3><p>Strategien finnes på nettsidene til KS "
            "fra i dag.</p>")
    assert _principles(draft_html(tmp_path, "nb", body)) == ["Åpenhet", "Tillit"]


def test_evidence_is_quoted_from_the_page(tmp_path: Path) -> None:
    result = draft_html(tmp_path, "nb", POSITIVES[3][1])
    source = (tmp_path / "ks-2026-03-03-nyhet.html").read_text(encoding="utf-8")
    evidences = [str(p.data["evidence"]) for d in result.documents for p in d.principles]
    assert evidences and all(e in source for e in evidences)


@pytest.mark.parametrize(("language", "body", "expected"), [
    ("fi", _FI + "<h2>Strategian periaatteet</h2><p><strong>Läheisyys:</strong> Palvelut "
     "järjestetään lähellä asukkaita.</p><p><strong>Avoimuus:</strong> Päätökset perustellaan "
     "asukkaille selkeästi.</p><p><strong>Yhteistyö:</strong> Kunnat ratkaisevat ongelmat "
     "yhdessä.</p>" + _END["fi"],
     ["Läheisyys", "Avoimuus", "Yhteistyö"]),
    ("nb", _NB + "<p>Strategien hviler på tre verdier:</p><h3>Nærhet</h3><ul><li>Tjenestene "
     "skal ligge nær innbyggerne.</li><li>Kontorene skal være åpne på kveldstid.</li></ul>"
     "<h3>Åpenhet</h3><ul><li>Vedtakene skal begrunnes for alle.</li><li>Innsyn skal gis "
     "innen tre dager.</li></ul><h3>Samhold</h3><ul><li>Kommunene skal hjelpe hverandre i "
     "kriser.</li><li>Nabokommuner skal dele beredskapsplaner.</li></ul>",
     ["Nærhet", "Åpenhet", "Samhold"]),
])
def test_a_heading_introduces_a_group_and_items_explain_phrases(
        tmp_path: Path, language: str, body: str, expected: list[str]) -> None:
    assert _principles(draft_html(tmp_path, language, body)) == expected


@pytest.mark.parametrize(("language", "body"), [
    # a heading that names principles over a news story that goes on: no parallel run
    ("sv", _SV + "<h2>Principer för samarbetet</h2><p>Kommunerna och regionerna har arbetat "
     "fram strategin under två år tillsammans med många andra aktörer.</p><p>– Det här är "
     "ett viktigt steg, säger ordföranden.</p><p>Strategin antas i juni.</p>"),
    # a heading that asks
    ("da", _DA + "<h2>Hvilke principper skal gælde?</h2><p><strong>Nærhed:</strong> Hjælpen "
     "skal gives tæt på borgerens hjem.</p><p><strong>Tillid:</strong> Medarbejderne skal "
     "have frihed til at vurdere.</p>"),
    # a heading over someone else's principles
    ("nn", _NN + "<h2>Fagforbundet sine prinsipp</h2>" + _NN_LEADS),
])
def test_a_heading_that_does_not_introduce_the_documents_principles_gives_none(
        tmp_path: Path, language: str, body: str) -> None:
    assert _principles(draft_html(tmp_path, language, body)) == []


def _text(tmp_path: Path, language: str, body: str) -> draft.Draft:
    from .drafting_pages import draft_in
    return draft_in(tmp_path, language, body)


_DA_TXT = "KL har i dag offentliggjort udspillet »Tæt på borgeren«.\n\n"
_SV_TXT = "SKR presenterade i dag strategin ”Starka kommuner”.\n\n"


@pytest.mark.parametrize(("language", "body", "expected"), [
    # headings that number the principles by a principle word
    ("sv", _SV + "<p>Strategin vilar på tre principer:</p><h3>Princip 1: Tillit</h3><p>Staten "
     "ska lita på kommunernas bedömningar.</p><h3>Princip 2: Öppenhet</h3><p>Alla beslut ska "
     "kunna granskas av invånarna.</p><h3>Princip 3: Närhet</h3><p>Tjänsterna ska finnas nära "
     "invånarna i hela landet.</p>",
     ["Tillit", "Öppenhet", "Närhet"]),
    ("fi", _FI + "<p>Strategia perustuu kolmeen periaatteeseen:</p><h3>Periaate 1. Läheisyys"
     "</h3><p>Palvelut järjestetään lähellä asukkaita.</p><h3>Periaate 2. Avoimuus</h3><p>"
     "Päätökset perustellaan asukkaille selkeästi.</p><h3>Periaate 3. Yhteistyö</h3><p>Kunnat "
     "ratkaisevat ongelmat yhdessä.</p>",
     ["Läheisyys", "Avoimuus", "Yhteistyö"]),
])
def test_a_principle_numbered_by_its_word_is_the_phrase_after_it(
        tmp_path: Path, language: str, body: str, expected: list[str]) -> None:
    assert _principles(draft_html(tmp_path, language, body)) == expected


def test_a_text_exports_heading_line_introduces_a_group(tmp_path: Path) -> None:
    body = (_DA_TXT + "Udspillets principper\n\nBorgeren skal kun fortælle sin historie én "
            "gang.\n\nKommunen skal tage kontakt, før problemerne vokser.\n\nMedarbejderne skal "
            "have tid til at tale med borgeren.\n\nBaggrund\n\nArbejdet med udspillet begyndte "
            "for to år siden i bestyrelsen, som har holdt mange møder om det.\n")
    assert _principles(_text(tmp_path, "da", body)) == [
        "Borgeren skal kun fortælle sin historie én gang",
        "Kommunen skal tage kontakt, før problemerne vokser",
        "Medarbejderne skal have tid til at tale med borgeren"]


@pytest.mark.parametrize(("language", "body"), [
    # the principles of someone other than the document
    ("sv", _SV + "<p>Kommunernas egna principer ser olika ut:</p>" + _SV_ITEMS),
    ("fi", _FI + "<p>Kuntien periaatteet ovat seuraavat:</p>" + _FI_ITEMS),
    ("da", _DA + "<p>Regionernes principper er disse:</p>" + _DA_ITEMS),
    # a text export's heading line over a story that goes on in sentences of every length
    ("sv", _SV + "<p>Principer i praktiken</p><p>Kommunerna har redan börjat.</p><p>Många "
     "kommuner i norra Sverige har under det senaste året infört nya rutiner för att dela data "
     "med grannkommunerna, och fler väntas följa efter när strategin nu är beslutad.</p>"),
    # a number after the principle word in a heading that is a sentence of its own
    ("nb", _NB + "<p>Strategien har fire prinsipper:</p><h3>Prinsipp 1 er viktigst av alle, "
     "mener styret.</h3><p>Kommunene skal få mer handlingsrom.</p><h3>Prinsipp 2 er nytt."
     "</h3><p>Alle beslutninger skal kunne etterprøves.</p>"),
])
def test_an_owner_or_a_story_is_no_group_of_the_documents_principles(
        tmp_path: Path, language: str, body: str) -> None:
    assert _principles(draft_html(tmp_path, language, body)) == []


@pytest.mark.parametrize(("language", "body", "expected"), [
    # bold lead sentences longer than a few words, in list items and in paragraphs
    ("sv", _SV + "<p>Strategin vilar på tre principer:</p><ul><li><strong>Cykel och "
     "kollektivtrafik hänger ihop.</strong> Vid varje större hållplats ska det finnas säker "
     "cykelparkering.</li><li><strong>Landsbygden ska med.</strong> En tredjedel av pengarna "
     "ska gå till små orter.</li><li><strong>Drift är lika viktigt som nya sträckor."
     "</strong> Vinterväghållningen ska ha samma standard överallt.</li></ul>",
     ["Cykel och kollektivtrafik hänger ihop", "Landsbygden ska med",
      "Drift är lika viktigt som nya sträckor"]),
    ("da", _DA + "<p>Udspillet hviler på tre pejlemærker:</p><p><b>Borgeren skal mødes med "
     "tillid.</b> Sagsbehandlingen skal tage udgangspunkt i borgerens egen fortælling.</p><p>"
     "<b>Hjælpen kommer tidligt.</b> Kommunen skal tage kontakt, før problemerne vokser.</p><p>"
     "<b>Medarbejderne har tid til samtalen.</b> Færre skemaer giver mere tid til borgeren.</p>",
     ["Borgeren skal mødes med tillid", "Hjælpen kommer tidligt",
      "Medarbejderne har tid til samtalen"]),
    # a counted introduction, then a paragraph of exactly that many statements
    ("nb", _NB + "<p>Strategien bygger på tre prinsipper.</p><p>Kommunene skal dele data med "
     "hverandre. Staten skal stole på kommunenes vurderinger. Innbyggerne skal være med og "
     "forme tjenestene.</p>" + _END["nb"],
     ["Kommunene skal dele data med hverandre", "Staten skal stole på kommunenes vurderinger",
      "Innbyggerne skal være med og forme tjenestene"]),
])
def test_bold_leads_and_a_counted_paragraph_of_statements(
        tmp_path: Path, language: str, body: str, expected: list[str]) -> None:
    assert _principles(draft_html(tmp_path, language, body)) == expected


@pytest.mark.parametrize(("language", "body"), [
    # the same long first sentences without bold: no lead phrases, and no whole paragraphs
    # either (two sentences each are no statement of one principle)
    ("sv", _SV + "<p>Strategin vilar på tre principer:</p><p>Cykel och kollektivtrafik hänger "
     "ihop. Vid varje större hållplats ska det finnas säker cykelparkering.</p><p>Landsbygden "
     "har länge fått för lite. En tredjedel av pengarna ska gå till små orter.</p><p>Drift är "
     "lika viktigt som nya sträckor. Vinterväghållningen ska ha samma standard överallt.</p>"),
    # a counted paragraph with more sentences than counted
    ("nb", _NB + "<p>Strategien bygger på tre prinsipper.</p><p>Kommunene skal dele data med "
     "hverandre. Staten skal stole på kommunenes vurderinger. Innbyggerne skal være med. Alt "
     "skal være digitalt.</p>"),
    # a counted paragraph in which someone speaks
    ("fi", _FI + "<p>Strategia perustuu kolmeen periaatteeseen.</p><p>Kuntaliitto pitää "
     "strategiaa tärkeänä. Hallitus käsittelee sitä keväällä. Kunnat saavat lausua siitä.</p>"),
    # bold words that are not leads: a name in bold opening a quote
    ("nn", _NN + "<p>Strategien byggjer på tre prinsipp:</p><p><b>Kari Nordmann, leiar i KS."
     "</b> – Dette er viktig for oss alle, seier ho.</p><p><b>Ola Nordmann, rådgjevar.</b> – Vi "
     "har venta lenge på dette, seier han.</p>"),
])
def test_long_first_sentences_without_bold_and_uncounted_sentences_give_none(
        tmp_path: Path, language: str, body: str) -> None:
    assert _principles(draft_html(tmp_path, language, body)) == []


@pytest.mark.parametrize(("language", "body"), [
    ("sv", _SV + "<p>Det här är SKR:s utgångspunkter i arbetet:</p>" + _SV_ITEMS),
    ("fi", _FI + "<p>Kuntaliiton periaatteet ovat seuraavat:</p>" + _FI_ITEMS),
    ("nb", _NB + "<p>Dette er KS' prinsipper for samarbeidet:</p>" + _NB_LEADS),
])
def test_a_bodys_own_principles_are_not_the_documents(
        tmp_path: Path, language: str, body: str) -> None:
    """The organisation's own starting points, even the issuer's, are no list of the
    document's: the genitive names the owner."""
    assert _principles(draft_html(tmp_path, language, body)) == []


# --- proposed organisations (secondary) -------------------------------------------------------

def _proposed(result: draft.Draft) -> set[str]:
    return {p.name for p in result.proposed}


@pytest.mark.parametrize(("language", "body", "name"), [
    ("nn", "Naturvernforbundet i Hordaland meiner strategien burde ha stengt for fleire nye "
           "vegprosjekt.\n", "Naturvernforbundet i Hordaland"),
    ("sv", "Naturskyddsföreningen i Göteborg kräver att kommunen bygger fler cykelbanor.\n",
     "Naturskyddsföreningen i Göteborg"),
    ("nb", "Senere i høst vil direktoratet invitere Nav og Skatteetaten til å teste tjenesten.\n",
     "Nav"),
])
def test_an_associations_branch_and_a_short_name_listed_with_a_body(
        tmp_path: Path, language: str, body: str, name: str) -> None:
    assert name in _proposed(_text(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body", "name"), [
    # a branch's place is not cut off into a name of its own, nor the association alone
    ("nn", "Naturvernforbundet i Hordaland meiner strategien burde ha stengt for fleire nye "
           "vegprosjekt.\n", "Naturvernforbundet"),
    # "i sin helhet" is no place
    ("sv", "Förbundet i sin helhet kräver att kommunen bygger fler cykelbanor.\n",
     "Förbundet i sin helhet"),
    # a short word opening the sentence, and a person's first name beside a title
    ("nb", "Nye regler og Skatteetaten sine krav gjelder fra i høst.\n", "Nye"),
    ("da", "Formand Ole og Socialstyrelsen har talt sammen om sagen.\n", "Ole"),
])
def test_no_place_cut_or_short_word_is_proposed(
        tmp_path: Path, language: str, body: str, name: str) -> None:
    assert name not in _proposed(_text(tmp_path, language, body))


@pytest.mark.parametrize(("language", "body"), [
    # what others say about the principles, place by place
    ("nb", _NB + "<p>Dette sier kommunene om prinsippene:</p><p>Bergen: Vi er fornøyd med "
     "strategien.</p><p>Tromsø: Vi mangler penger til å følge opp.</p>"),
    ("sv", _SV + "<p>Strategin bygger på principer som kommunerna själva har valt:</p><p>"
     "Göteborg: Vi satsar på fler cykelbanor.</p><p>Malmö: Vi satsar på fler bussar.</p>"),
    # a count that belongs to something else, said of the principles
    ("da", _DA + "<p>Udspillets principper blev drøftet på tre møder:</p><p>Mødet i Aarhus "
     "samlede mange borgmestre.</p><p>Mødet i Odense handlede mest om økonomi.</p><p>Mødet i "
     "Aalborg var det sidste.</p>"),
    # the Finnish elative: talked about
    ("fi", _FI + "<p>Strategian periaatteista keskusteltiin seuraavissa tilaisuuksissa:</p>"
     "<p>Helsinki: kuntapäivät toukokuussa ja kesäkuussa.</p><p>Tampere: kuntamarkkinat "
     "syyskuussa ja lokakuussa.</p>"),
    # someone speaking about the principles
    ("nn", _NN + "<p>Slik kommenterer leiaren prinsippa, seier ho:</p>" + _NN_LEADS),
])
def test_an_introduction_that_speaks_about_principles_introduces_none(
        tmp_path: Path, language: str, body: str) -> None:
    assert _principles(draft_html(tmp_path, language, body)) == []
