"""Well-known Nordic public bodies, research institutes and other organisations, as data: a
small gazetteer of public facts (name as written on the organisation's own pages, country, type).

Drafting proposes one only where a page writes its name verbatim (a whole word, with its
capitals), so a name that is a common word elsewhere ("Sikt") is proposed only as a name. It
adds names that stand where no positional rule looks ("i samarbete med SMHI och RISE") and
one-word names without an organisation word ("Tilastokeskus", "Telemarksforsking"). Each line:
``name | country (ISO 3166-1 alpha-2) | type``; types as in the registry. Registry
organisations are never proposed, whatever this list holds.
"""

from __future__ import annotations

import re

_TABLE = """
Arbetsförmedlingen | SE | agency
Boverket | SE | agency
Naturvårdsverket | SE | agency
Energimyndigheten | SE | agency
Trafikverket | SE | agency
Försäkringskassan | SE | agency
Skatteverket | SE | agency
Statistiska centralbyrån | SE | agency
SCB | SE | agency
Socialstyrelsen | SE | agency
Skolverket | SE | agency
Statskontoret | SE | agency
Riksrevisionen | SE | agency
Ekonomistyrningsverket | SE | agency
Kammarkollegiet | SE | agency
Tillväxtverket | SE | agency
Myndigheten för digital förvaltning | SE | agency
Digg | SE | agency
Myndigheten för samhällsskydd och beredskap | SE | agency
MSB | SE | agency
Folkhälsomyndigheten | SE | agency
Inspektionen för vård och omsorg | SE | agency
Havs- och vattenmyndigheten | SE | agency
Lantmäteriet | SE | agency
Sveriges meteorologiska och hydrologiska institut | SE | agency
SMHI | SE | agency
RISE | SE | agency
Formas | SE | agency
Forte | SE | agency
Vetenskapsrådet | SE | agency
Upphandlingsmyndigheten | SE | agency
Integritetsskyddsmyndigheten | SE | agency
Post- och telestyrelsen | SE | agency
Konkurrensverket | SE | agency
Jämställdhetsmyndigheten | SE | agency
Myndigheten för delaktighet | SE | agency
Myndigheten för vård- och omsorgsanalys | SE | agency
Inera | SE | other
Adda | SE | other
Kommuninvest | SE | other
Finansdepartementet | SE | ministry
Socialdepartementet | SE | ministry
Justitiedepartementet | SE | ministry
Klimat- och näringslivsdepartementet | SE | ministry
Landsbygds- och infrastrukturdepartementet | SE | ministry
Utbildningsdepartementet | SE | ministry
Arbetsmarknadsdepartementet | SE | ministry
Kulturdepartementet | SE | ministry
Sveriges riksdag | SE | parliament
Karolinska institutet | SE | other
Lunds universitet | SE | other
Uppsala universitet | SE | other
Göteborgs universitet | SE | other
Stockholms universitet | SE | other
Linköpings universitet | SE | other
Umeå universitet | SE | other
Kungliga Tekniska högskolan | SE | other
KTH | SE | other
Chalmers | SE | other
IVL Svenska Miljöinstitutet | SE | other
Vårdanalys | SE | agency
Statistisk sentralbyrå | NO | agency
SSB | NO | agency
Sikt | NO | agency
Telemarksforsking | NO | other
Nordlandsforskning | NO | other
Vestlandsforsking | NO | other
Østlandsforskning | NO | other
Agderforskning | NO | other
NIBR | NO | other
By- og regionforskningsinstituttet NIBR | NO | other
Norsk institutt for by- og regionforskning | NO | other
Norsk institutt for forskning om oppvekst, velferd og aldring | NO | other
NOVA | NO | other
Fafo | NO | other
SINTEF | NO | other
NORCE | NO | other
Menon Economics | NO | other
Oslo Economics | NO | other
Samfunnsøkonomisk analyse | NO | other
OsloMet | NO | other
NTNU | NO | other
Universitetet i Oslo | NO | other
Universitetet i Bergen | NO | other
UiT Norges arktiske universitet | NO | other
Høgskulen på Vestlandet | NO | other
Norges forskningsråd | NO | agency
Forskningsrådet | NO | agency
Innovasjon Norge | NO | other
Husbanken | NO | agency
Helsedirektoratet | NO | agency
Utdanningsdirektoratet | NO | agency
Udir | NO | agency
Barne-, ungdoms- og familiedirektoratet | NO | agency
Bufdir | NO | agency
Arbeids- og velferdsetaten | NO | agency
NAV | NO | agency
Direktoratet for forvaltning og økonomistyring | NO | agency
DFØ | NO | agency
Direktoratet for samfunnssikkerhet og beredskap | NO | agency
DSB | NO | agency
Miljødirektoratet | NO | agency
Statens vegvesen | NO | agency
Kartverket | NO | agency
Skatteetaten | NO | agency
Norsk helsenett | NO | other
Datatilsynet | NO | agency
Riksrevisjonen | NO | agency
Sivilombudet | NO | agency
Statsforvalteren | NO | agency
Kommunalbanken | NO | other
KLP | NO | other
Finansdepartementet (Norge) | NO | ministry
Helse- og omsorgsdepartementet | NO | ministry
Kunnskapsdepartementet | NO | ministry
Klima- og miljødepartementet | NO | ministry
Arbeids- og inkluderingsdepartementet | NO | ministry
Samferdselsdepartementet | NO | ministry
Justis- og beredskapsdepartementet | NO | ministry
Digitaliserings- og forvaltningsdepartementet | NO | ministry
Kommunal- og distriktsdepartementet | NO | ministry
NHO | NO | other
LO | NO | other
Unio | NO | other
Fagforbundet | NO | other
Danmarks Statistik | DK | agency
Danmarks Meteorologiske Institut | DK | agency
DMI | DK | agency
Rigsrevisionen | DK | agency
Folketingets Ombudsmand | DK | agency
Sundhedsstyrelsen | DK | agency
Socialstyrelsen (Danmark) | DK | agency
Styrelsen for Undervisning og Kvalitet | DK | agency
Styrelsen for Arbejdsmarked og Rekruttering | DK | agency
Energistyrelsen | DK | agency
Miljøstyrelsen | DK | agency
Trafikstyrelsen | DK | agency
Vejdirektoratet | DK | agency
Erhvervsstyrelsen | DK | agency
Sundhedsdatastyrelsen | DK | agency
Datatilsynet (Danmark) | DK | agency
Klimadatastyrelsen | DK | agency
Social- og Boligstyrelsen | DK | agency
Finansministeriet (Danmark) | DK | ministry
Indenrigs- og Sundhedsministeriet | DK | ministry
Social- og Boligministeriet | DK | ministry
Børne- og Undervisningsministeriet | DK | ministry
Beskæftigelsesministeriet | DK | ministry
Klima-, Energi- og Forsyningsministeriet | DK | ministry
Miljøministeriet | DK | ministry
Transportministeriet | DK | ministry
Erhvervsministeriet | DK | ministry
VIVE | DK | agency
KOMBIT | DK | other
Kombit | DK | other
Realdania | DK | other
Novo Nordisk Fonden | DK | other
Velliv Foreningen | DK | other
DANVA | DK | other
Dansk Industri | DK | other
FOA | DK | other
HK Kommunal | DK | other
Danske Handicaporganisationer | DK | other
Kommunernes Revision | DK | other
Aarhus Universitet | DK | other
Københavns Universitet | DK | other
Aalborg Universitet | DK | other
Syddansk Universitet | DK | other
Roskilde Universitet | DK | other
Danmarks Tekniske Universitet | DK | other
DTU | DK | other
Tilastokeskus | FI | agency
Kuntarahoitus | FI | other
Keva | FI | agency
Kela | FI | agency
Sitra | FI | other
Motiva | FI | other
Business Finland | FI | agency
Traficom | FI | agency
Liikenne- ja viestintävirasto Traficom | FI | agency
Liikenne- ja viestintävirasto | FI | agency
Digi- ja väestötietovirasto | FI | agency
Verohallinto | FI | agency
Valtiokonttori | FI | agency
Valtiontalouden tarkastusvirasto | FI | agency
Terveyden ja hyvinvoinnin laitos | FI | agency
THL | FI | agency
Suomen ympäristökeskus | FI | agency
Syke | FI | agency
Ilmatieteen laitos | FI | agency
Opetushallitus | FI | agency
Maanmittauslaitos | FI | agency
Väylävirasto | FI | agency
Ruokavirasto | FI | agency
Tietosuojavaltuutetun toimisto | FI | agency
Kilpailu- ja kuluttajavirasto | FI | agency
Sosiaali- ja terveysministeriö | FI | ministry
Ympäristöministeriö | FI | ministry
Opetus- ja kulttuuriministeriö | FI | ministry
Työ- ja elinkeinoministeriö | FI | ministry
Liikenne- ja viestintäministeriö | FI | ministry
Oikeusministeriö | FI | ministry
Sisäministeriö | FI | ministry
Maa- ja metsätalousministeriö | FI | ministry
Justitieministeriet | FI | ministry
Social- och hälsovårdsministeriet | FI | ministry
Undervisnings- och kulturministeriet | FI | ministry
Arbets- och näringsministeriet | FI | ministry
Miljöministeriet | FI | ministry
Kommunikationsministeriet | FI | ministry
Inrikesministeriet | FI | ministry
Statistikcentralen | FI | agency
Institutet för hälsa och välfärd | FI | agency
Skatteförvaltningen | FI | agency
Myndigheten för digitalisering och befolkningsdata | FI | agency
Transport- och kommunikationsverket Traficom | FI | agency
Hanken | FI | other
Svenska handelshögskolan Hanken | FI | other
Åbo Akademi | FI | other
Helsingin yliopisto | FI | other
Helsingfors universitet | FI | other
Aalto-yliopisto | FI | other
Tampereen yliopisto | FI | other
Turun yliopisto | FI | other
Oulun yliopisto | FI | other
Itä-Suomen yliopisto | FI | other
Jyväskylän yliopisto | FI | other
Vaasan yliopisto | FI | other
VTT | FI | agency
Teknologian tutkimuskeskus VTT | FI | agency
Pellervon taloustutkimus | FI | other
Etla | FI | other
Elinkeinoelämän tutkimuslaitos | FI | other
Svenska kulturfonden | FI | other
Svenska Finlands folkting | FI | other
Sarastia | FI | other
Kuntien Tiera | FI | other
Hansel | FI | other
Nordiska ministerrådet | - | other
Nordiska rådet | - | other
Nordisk Ministerråd | - | other
Nordisk Råd | - | other
Pohjoismaiden ministerineuvosto | - | other
Nordregio | - | other
Nordic Innovation | - | other
Folktinget | FI | other
Udbetaling Danmark | DK | agency
Europeiska kommissionen | - | other
Euroopan komissio | - | other
Europa-Kommissionen | - | other
Europakommisjonen | - | other
Europeiska kommun- och regionförbundens råd | - | other
Euroopan kuntien ja alueiden neuvosto | - | other
Council of European Municipalities and Regions | - | other
Europarådet | - | other
Euroopan neuvosto | - | other
Regionkommittén | - | other
Regionsudvalget | - | other
Euroopan alueiden komitea | - | other
OECD | - | other
"""


def _rows() -> dict[str, tuple[str, str]]:
    """name → (country, type); a name used in several countries ("Finansdepartementet") has
    no country here: the page's country is taken."""
    rows: dict[str, tuple[str, str]] = {}
    for line in _TABLE.strip().splitlines():
        name, country, kind = (part.strip() for part in line.split("|"))
        name = name.split(" (")[0]  # "(Danmark)": a note to tell same names apart
        if name in rows and rows[name][0] != country:
            rows[name] = ("", kind)
            continue
        rows[name] = ("" if country == "-" else country, kind)
    return rows


BODIES: dict[str, tuple[str, str]] = _rows()


def _finnish_forms(name: str) -> list[str]:
    """A one-word Finnish name in the genitive, ablative, allative and inessive ("Tilastokeskus"
    → "Tilastokeskuksen", "Kela" → "Kelan", "Kelalta"): Finnish pages name bodies in a case."""
    if " " in name or not name[-1:].isalpha():
        return []
    back = any(vowel in name.lower() for vowel in "aou")
    a = "a" if back else "ä"
    if name.endswith("us"):
        stem = name[:-2] + "ukse"
    elif name[-1] in "aeiouyäö":
        stem = name
    else:
        return [name + "in"]  # "Traficomin"
    return [stem + "n", stem + "lt" + a, stem + "lle", stem + "ss" + a]


# every written form → the name; longest first, so "Liikenne- ja viestintävirasto Traficom"
# wins over "Traficom"
_FORMS = {name: name for name in BODIES} | {
    form: name for name, (country, _) in BODIES.items() if country == "FI"
    for form in _finnish_forms(name)}
# the boundaries stand outside the alternation, so a position inside a word fails at once
BODY_NAME = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(form) for form in sorted(_FORMS, key=len, reverse=True))
    + r")(?![\w-])")


def known_bodies(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of each well-known body ``text`` names verbatim, or a one-word Finnish
    name in one of a few cases (the name given in its base form)."""
    return [(_FORMS[m.group()], m.start(), m.end()) for m in BODY_NAME.finditer(text)]


__all__ = ["BODIES", "known_bodies"]
