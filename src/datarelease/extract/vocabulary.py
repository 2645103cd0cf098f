"""The words a reader of Nordic news pages needs, one :class:`Vocabulary` per language, as data.

Readers never branch on a language: they look words up in the merged tables at the bottom
(``MONTHS``, ``CONTENT_TYPES``, ``CONTACT_BLOCKS``, ``CHROME`` …), because the words of a page's
furniture need not be in the page's language (Swedish-language pages from Finland print Finnish
dates, a Norwegian site prints "Nyhet" over a nynorsk article). The page's language is decided from
its text with the stop words (:mod:`datarelease.extract.language`).

To read a new language, add a Vocabulary to ``VOCABULARIES``; nothing else changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """One language's words. Keys are lower case; chrome patterns match a whole block."""

    language: str  # BCP-47 primary subtag
    months: Mapping[str, int]  # month names as printed in dates, with their inflected forms
    month_abbreviations: Mapping[str, int]  # "okt" (the reader drops the period)
    weekdays: tuple[str, ...]  # may precede the day: "torsdag 10 september 2020"
    published: tuple[str, ...]  # words that open the date line ("Publisert: 12. oktober 2021")
    modified: tuple[str, ...]  # words that open the change stamp ("Oppdatert 13.10.2021")
    labels: Mapping[str, str]  # content label as printed → news | press_release | opinion | other
    contact_headings: Mapping[str, str]  # heading → information_officer | contact
    chrome: tuple[str, ...]  # feedback prompts, share and print tools, cookie notices …
    new_window: tuple[str, ...] = ()  # link markers: "(PDF, nytt fönster)"
    external: tuple[str, ...] = ()  # link markers: "(extern länk)"
    stop_words: frozenset[str] = frozenset()  # frequent words the neighbours do not share
    yes_no: tuple[str, ...] = ()  # the feedback widget's two buttons
    date_words: tuple[str, ...] = ()  # a plain "date" label before a date alone ("Dato: 12.10.2021")
    navigation: tuple[str, ...] = ()  # a site menu's words, alone on a line in a text export
    related: tuple[str, ...] = ()  # a heading over links to other pages ("Läs också", "Lue myös")
    home: tuple[str, ...] = ()  # the first crumb of a breadcrumb trail: the site's home page


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SCANDINAVIAN_MONTHS = {
    "januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
}
_SCANDINAVIAN_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "des": 12,
}

SWEDISH = Vocabulary(
    language="sv",
    months={"januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
            "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12},
    month_abbreviations={**_SCANDINAVIAN_ABBREVIATIONS, "dec": 12},
    weekdays=("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    published=("publicerad", "publicerat", "publiceringsdatum", "publicerades"),
    modified=("uppdaterad", "uppdaterat", "uppdaterades", "senast uppdaterad",
              "sidan uppdaterad", "senast ändrad", "ändrad"),
    labels={
        "remiss": "other", "remissvar": "other", "inbjudan": "other",
        "nyhet": "news", "nyheter": "news", "notis": "news",
        "pressmeddelande": "press_release", "pressmeddelanden": "press_release",
        "krönika": "opinion", "debattartikel": "opinion", "debatt": "opinion",
        "ledare": "opinion", "replik": "opinion", "insändare": "opinion", "blogg": "opinion",
        "rapport": "other", "reportage": "other", "artikel": "other", "intervju": "other",
        "blogginlägg": "opinion", "debattinlägg": "opinion", "evenemang": "other",
    },
    contact_headings={
        "informationsansvarig": "information_officer",
        "informationsansvariga": "information_officer",
        "pressansvarig": "information_officer", "presskontakt": "information_officer",
        "kontakt": "contact", "kontakter": "contact", "kontaktperson": "contact",
        "kontaktpersoner": "contact", "ytterligare information": "contact",
        "för mer information": "contact",
        "för mer information, kontakta": "contact", "för ytterligare information, kontakta": "contact",
        "kontaktuppgifter": "contact", "ytterligare upplysningar": "contact",
        "tilläggsuppgifter": "contact", "ytterligare uppgifter": "contact",
        "närmare upplysningar": "contact", "mer upplysningar": "contact", "upplysningar": "contact",
        "frågor kan ställas till": "contact", "mediekontakt": "information_officer",
        "presskontakter": "information_officer",
        "mer information": "contact", "tilläggsinformation": "contact",
        "frågor besvaras av": "contact", "kontaktinformation": "contact",
        "närmare information": "contact", "mera information": "contact",
    },
    chrome=(
        r"hjälpte informationen på sidan dig\s*\??",
        r"var (?:det här|den här sidan|sidan|informationen) till (?:hjälp|nytta)\s*\??",
        r"tack för (?:att du hjälper oss|din feedback|ditt svar|din återkoppling)\s*!?",
        # The site-wide Covid-19 notice SKR showed beside every article in 2020-2022.
        r"har du en fråga med anledning av det pågående virusutbrottet\s*\??",
        r"titta först på våra frågor och svar som finns här på webbplatsen\s*\.?",
        r"covid-19 och det nya coronaviruset",
        r"dela(?: sidan| artikeln)?(?: på \w+)?\s*:?",
        r"skriv ut(?: sidan)?",
        r"(?:tillbaka )?till toppen(?: av sidan)?",
        r"lyssna(?: på sidan)?",
        r"(?:vi använder|webbplatsen använder|den här webbplatsen använder) (?:kakor|cookies)\b.*",
        r"du är här\s*:?.*",
        r"(?:(?:hoppa|gå)(?: direkt)? )?till (?:huvud)?innehåll(?:et)?(?: på sidan)?",
        r"(?:foto|bild|fotograf|illustration)\s*:\s*[^.!?]{1,60}",  # a picture's credit
        r"läs(?:e|nings)?tid\s*:?\s*\d+\s*min\w*",
        r"(?:ämnen|taggar|nyckelord)\s*:\s*[^.!?]{1,120}",
    ),
    new_window=("nytt fönster", "öppnas i nytt fönster", "öppnas i ett nytt fönster"),
    external=("extern länk", "extern webbplats", "annan webbplats", "länk till annan webbplats"),
    stop_words=_words("och är inte till också ett från hur där än finns mycket varit att för"
                      " detta denna när vad säger något sina ska kommer genom mellan även"),
    yes_no=("ja", "nej"),
    navigation=("meny", "sök", "sök på webbplatsen", "startsida", "start", "logga in", "in english",
                "lättläst", "teckenspråk", "godkänn alla", "godkänn", "acceptera alla",
                "acceptera", "neka", "endast nödvändiga", "bara nödvändiga", "cookieinställningar"),
    date_words=("datum",),
    related=("läs också", "läs även", "läs mer", "relaterat", "relaterade nyheter",
             "relaterade artiklar", "relaterade sidor", "relaterad information", "se även",
             "fler nyheter", "senaste nyheterna", "senaste nytt", "länkar", "mer om ämnet",
             "ämnen", "ämnesord", "taggar", "nyckelord"),
    home=("startsida", "start", "hem", "förstasidan"),
)

BOKMAL = Vocabulary(
    language="nb",
    months=_SCANDINAVIAN_MONTHS,
    month_abbreviations=_SCANDINAVIAN_ABBREVIATIONS,
    weekdays=("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    published=("publisert", "publisert dato", "publiseringsdato"),
    modified=("oppdatert", "sist oppdatert", "sist endret", "endret"),
    labels={
        "høring": "other", "høringsuttalelse": "other", "invitasjon": "other",
        "nyhet": "news", "nyheter": "news", "pressemelding": "press_release",
        "pressemeldinger": "press_release", "kronikk": "opinion", "debattinnlegg": "opinion",
        "debatt": "opinion", "leder": "opinion", "innlegg": "opinion", "kommentar": "opinion",
        "artikkel": "other", "intervju": "other", "reportasje": "other", "rapport": "other",
        "arrangement": "other", "blogg": "opinion", "blogginnlegg": "opinion",
    },
    contact_headings={
        "kontakt": "contact", "kontakter": "contact", "kontaktperson": "contact",
        "kontaktpersoner": "contact", "pressekontakt": "information_officer",
        "pressekontakter": "information_officer", "for mer informasjon": "contact",
        "mer informasjon": "contact", "for mer informasjon, kontakt": "contact",
        "for ytterligere informasjon": "contact", "ytterligere informasjon": "contact",
        "for ytterligere informasjon, kontakt": "contact", "kontaktinformasjon": "contact",
        "spørsmål om saken kan rettes til": "contact", "spørsmål kan rettes til": "contact",
        "nærmere opplysninger": "contact", "ytterligere opplysninger": "contact",
        "mediekontakt": "information_officer", "pressehenvendelser": "information_officer",
    },
    chrome=(
        r"var (?:informasjonen|denne siden|siden) nyttig\s*\??",
        r"fant du det du lette etter\s*\??",
        r"takk for (?:tilbakemeldingen|svaret ditt|din tilbakemelding)\s*!?",
        r"del(?: siden| artikkelen)?(?: på \w+)?\s*:?",
        r"skriv ut(?: siden)?",
        r"(?:tilbake )?til toppen(?: av siden)?",
        r"(?:vi bruker|nettstedet bruker|denne siden bruker) (?:informasjonskapsler|cookies)\b.*",
        r"du er her\s*:?.*",
        r"(?:(?:hopp|gå)(?: direkte)? )?til (?:hoved)?innhold(?:et)?(?: på siden)?",
        r"(?:foto|bilde|fotograf|illustrasjon)\s*:\s*[^.!?]{1,60}",  # a picture's credit
        r"lesetid\s*:?\s*\d+\s*min\w*",
        r"tips en venn",
        r"(?:emneord|emner|stikkord|tagger)\s*:\s*[^.!?]{1,120}",
    ),
    new_window=("nytt vindu", "åpnes i nytt vindu"),
    external=("ekstern lenke", "eksternt nettsted", "lenke til annet nettsted"),
    stop_words=_words("og ikke også et fra hva hvordan jeg hvis noen blir etter mye sier"
                      " hun disse sammen hele selv mer flere ble hvorfor hos nå av skal mellom"),
    yes_no=("ja", "nei"),
    navigation=("meny", "søk", "forsiden", "hjem", "logg inn", "in english", "godta alle", "godta",
                "avvis", "kun nødvendige", "kun nødvendige informasjonskapsler"),
    date_words=("dato",),
    related=("les også", "les mer", "relatert", "relaterte saker", "relaterte artikler",
             "relaterte nyheter", "relatert innhold", "se også", "flere nyheter", "flere saker",
             "siste nytt", "siste nyheter", "andre saker", "lenker", "mer om temaet", "emner",
             "emneord", "stikkord"),
    home=("forsiden", "forside", "hjem", "startside"),
)

NYNORSK = Vocabulary(
    language="nn",
    months=_SCANDINAVIAN_MONTHS,
    month_abbreviations=_SCANDINAVIAN_ABBREVIATIONS,
    weekdays=("måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"),
    published=("publisert", "publisert dato"),
    modified=("oppdatert", "sist oppdatert", "sist endra", "endra"),
    labels={
        "høyring": "other", "høyringsfråsegn": "other",
        "nyheit": "news", "nyheiter": "news", "pressemelding": "press_release",
        "kronikk": "opinion", "debattinnlegg": "opinion", "leiar": "opinion", "debatt": "opinion",
        "innlegg": "opinion", "kommentar": "opinion", "blogg": "opinion", "artikkel": "other",
        "intervju": "other", "reportasje": "other",
    },
    contact_headings={
        "kontakt": "contact", "kontaktperson": "contact", "kontaktpersonar": "contact",
        "spørsmål kan rettast til": "contact", "nærare opplysningar": "contact",
        "pressekontakt": "information_officer", "meir informasjon": "contact",
        "for meir informasjon": "contact", "for meir informasjon, kontakt": "contact",
        "kontaktinformasjon": "contact",
    },
    chrome=(
        r"var (?:informasjonen|denne sida|sida) nyttig\s*\??",
        r"fann du det du leit(?:t?e|a|ar) etter\s*\??",
        r"takk for (?:tilbakemeldinga|svaret ditt)\s*!?",
        r"del(?: sida| artikkelen)?(?: på \w+)?\s*:?",
        r"skriv ut(?: sida)?",
        r"(?:me|vi) brukar (?:informasjonskapslar|cookies)\b.*",
        r"(?:foto|bilete|fotograf|illustrasjon)\s*:\s*[^.!?]{1,60}",  # a picture's credit
        r"lesetid\s*:?\s*\d+\s*min\w*",
        r"(?:emneord|emne|stikkord)\s*:\s*[^.!?]{1,120}",
        r"(?:(?:hopp|gå)(?: direkte)? )?til (?:hovud)?innhald(?:et)?(?: på sida)?",
    ),
    new_window=("nytt vindauge", "opnast i nytt vindauge"),
    stop_words=_words("og ikkje òg eit ein frå kva korleis eg viss nokon noko etter mykje berre"
                      " seier dei ho desse saman heile sjølv meir fleire vart kvifor hjå no vere"
                      " mellom skal av"),
    yes_no=("ja", "nei"),
    navigation=("meny", "søk", "framsida", "heim", "logg inn", "in english", "godta alle", "godta",
                "berre nødvendige"),
    date_words=("dato",),
    related=("les også", "les òg", "les meir", "relatert", "relaterte saker",
             "relaterte artiklar", "relaterte nyheiter", "sjå også", "sjå òg", "fleire nyheiter",
             "fleire saker", "siste nytt", "lenkjer", "lenker", "emne", "emneord", "stikkord"),
    home=("framsida", "heim", "forsida", "startside"),
)

DANISH = Vocabulary(
    language="da",
    months={**_SCANDINAVIAN_MONTHS, "marts": 3, "maj": 5, "december": 12},
    month_abbreviations={**_SCANDINAVIAN_ABBREVIATIONS, "dec": 12},
    weekdays=("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    published=("publiceret", "offentliggjort", "udgivet"),
    modified=("opdateret", "senest opdateret", "sidst opdateret", "ændret"),
    labels={
        "høring": "other", "høringssvar": "other", "invitation": "other",
        "nyhed": "news", "nyheder": "news", "pressemeddelelse": "press_release",
        "pressemeddelelser": "press_release", "kronik": "opinion", "debatindlæg": "opinion",
        "debat": "opinion", "leder": "opinion", "klumme": "opinion", "artikel": "other",
        "interview": "other", "rapport": "other", "arrangement": "other", "blog": "opinion",
        "blogindlæg": "opinion",
    },
    contact_headings={
        "kontakt": "contact", "kontakter": "contact", "kontaktperson": "contact",
        "kontaktpersoner": "contact", "pressekontakt": "information_officer",
        "yderligere oplysninger": "contact", "yderligere information": "contact",
        "for yderligere information": "contact", "mere information": "contact",
        "for yderligere oplysninger": "contact", "for yderligere oplysninger, kontakt": "contact",
        "spørgsmål kan rettes til": "contact", "spørgsmål om sagen kan rettes til": "contact",
        "mediekontakt": "information_officer",
        "for mere information, kontakt": "contact", "kontaktoplysninger": "contact",
    },
    chrome=(
        r"fandt du(?: det)?,? (?:du|hvad du) søgte\s*\??",
        r"var (?:siden|denne side|informationen) (?:nyttig|til hjælp)\s*\??",
        r"tak for (?:din feedback|dit svar|din tilbagemelding)\s*!?",
        r"del(?: siden| artiklen)?(?: på \w+)?\s*:?",
        r"udskriv(?: siden)?",
        r"(?:tilbage )?til toppen(?: af siden)?",
        r"(?:vi bruger|denne side bruger|hjemmesiden bruger) cookies\b.*",
        r"du er her\s*:?.*",
        r"(?:(?:spring|gå)(?: direkte)? )?til (?:hoved)?indhold(?:et)?(?: på siden)?",
        r"(?:foto|billede|fotograf|illustration)\s*:\s*[^.!?]{1,60}",  # a picture's credit
        r"læsetid\s*:?\s*\d+\s*min\w*",
        r"(?:emner|emneord|tags)\s*:\s*[^.!?]{1,120}",
    ),
    new_window=("nyt vindue", "åbner i nyt vindue", "åbnes i nyt vindue"),
    external=("eksternt link", "ekstern hjemmeside"),
    stop_words=_words("og ikke også et fra hvad hvordan jeg hvis nogle nogen bliver efter mod af"
                      " skal siger meget mellem gennem kun blev hende disse sammen hele selv"
                      " mere flere hvorfor hos nu"),
    yes_no=("ja", "nej"),
    navigation=("menu", "søg", "forside", "forsiden", "log ind", "in english", "accepter alle",
                "accepter", "afvis", "kun nødvendige", "tillad alle", "ok"),
    date_words=("dato",),
    related=("læs også", "læs mere", "relateret", "relaterede nyheder", "relaterede artikler",
             "relateret indhold", "se også", "flere nyheder", "seneste nyheder", "andre nyheder",
             "links", "mere om emnet", "emner", "emneord", "nøgleord", "tags"),
    home=("forside", "forsiden", "hjem", "startside"),
)

FINNISH = Vocabulary(
    language="fi",
    months={
        "tammikuuta": 1, "helmikuuta": 2, "maaliskuuta": 3, "huhtikuuta": 4, "toukokuuta": 5,
        "kesäkuuta": 6, "heinäkuuta": 7, "elokuuta": 8, "syyskuuta": 9, "lokakuuta": 10,
        "marraskuuta": 11, "joulukuuta": 12,
        "tammikuu": 1, "helmikuu": 2, "maaliskuu": 3, "huhtikuu": 4, "toukokuu": 5,
        "kesäkuu": 6, "heinäkuu": 7, "elokuu": 8, "syyskuu": 9, "lokakuu": 10,
        "marraskuu": 11, "joulukuu": 12,
    },
    month_abbreviations={
        "tammik": 1, "helmik": 2, "maalisk": 3, "huhtik": 4, "toukok": 5, "kesäk": 6,
        "heinäk": 7, "elok": 8, "syysk": 9, "lokak": 10, "marrask": 11, "jouluk": 12,
    },
    weekdays=("maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina",
              "lauantaina", "sunnuntaina"),
    published=("julkaistu", "julkaisupäivä", "julkaisu"),
    modified=("päivitetty", "muokattu", "viimeksi päivitetty", "päivitetty viimeksi",
              "sivua päivitetty", "sivu päivitetty", "sivua muokattu"),
    labels={
        "lausuntopyyntö": "other", "lausunto": "other", "kutsu": "other",
        "uutinen": "news", "uutiset": "news", "tiedote": "press_release",
        "lehdistötiedote": "press_release", "mediatiedote": "press_release",
        "mielipide": "opinion", "kolumni": "opinion", "blogi": "opinion",
        "pääkirjoitus": "opinion", "blogikirjoitus": "opinion", "artikkeli": "other", "haastattelu": "other",
        "raportti": "other", "tapahtuma": "other",
    },
    contact_headings={
        "lisätietoja": "contact", "lisätiedot": "contact", "yhteyshenkilö": "contact",
        "yhteyshenkilöt": "contact", "lisätietoja antaa": "contact",
        "lisätietoja antavat": "contact", "mediayhteydet": "information_officer",
        "haastattelupyynnöt": "information_officer", "kysymyksiin vastaa": "contact",
        "kysymyksiin vastaavat": "contact",
        "yhteystiedot": "contact", "tiedustelut": "contact", "lisätietoa": "contact",
    },
    chrome=(
        r"oliko (?:sivusta|tästä sivusta|tieto) (?:apua|hyötyä)\s*\??",
        r"kiitos (?:palautteestasi|palautteesta|vastauksestasi)\s*!?",
        r"jaa(?: sivu| artikkeli)?(?: \w+ssa)?\s*:?",
        r"tulosta(?: sivu)?",
        r"(?:takaisin )?(?:sivun )?alkuun",
        r"(?:käytämme|sivusto käyttää) evästeitä\b.*",
        r"olet tässä\s*:?.*",
        r"(?:(?:siirry|hyppää)(?: suoraan)? )?(?:pää)?sisältöön",
        r"(?:kuva|valokuva|kuvitus)\s*:\s*[^.!?]{1,60}",  # a picture's credit
        r"lukuaika\s*:?\s*\d+\s*min\w*",
        r"(?:takaisin )?ylös",
        r"(?:avainsanat|asiasanat|aiheet|tagit)\s*:\s*[^.!?]{1,120}",
    ),
    new_window=("uusi ikkuna", "avautuu uuteen ikkunaan", "uuteen ikkunaan"),
    external=("ulkoinen linkki",),
    stop_words=_words("ja on ei että se ovat myös kuin tai joka kanssa ole mutta sekä jo vain"
                      " niin mukaan kun hän jotka mitä tämä nämä voi olla sen ovat oli"),
    yes_no=("kyllä", "ei"),
    navigation=("valikko", "haku", "hae", "etusivu", "kirjaudu sisään", "in english", "på svenska",
                "selkokieli", "hyväksy kaikki", "hyväksy", "hylkää", "vain välttämättömät",
                "evästeasetukset"),
    date_words=("päivämäärä", "päiväys", "pvm"),
    related=("lue myös", "lue lisää", "aiheeseen liittyvät", "aiheeseen liittyvää",
             "aiheeseen liittyvät uutiset", "liittyvät uutiset", "tutustu myös", "katso myös",
             "uusimmat uutiset", "uusimmat blogit", "muut uutiset", "lisää uutisia", "linkit",
             "lisää aiheesta", "asiasanat", "avainsanat", "aiheet", "tunnisteet"),
    home=("etusivu", "koti", "alkuun"),
)

ENGLISH = Vocabulary(
    language="en",
    months={"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
            "august": 8, "september": 9, "october": 10, "november": 11, "december": 12},
    month_abbreviations={"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                         "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12},
    weekdays=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    published=("published",),
    modified=("updated", "last updated"),
    labels={"news": "news", "press release": "press_release", "opinion": "opinion"},
    contact_headings={"contact": "contact", "contacts": "contact", "further information": "contact"},
    chrome=(r"was this page (?:useful|helpful)\s*\??", r"skip to (?:main )?content"),
    new_window=("new window", "opens in a new window"),
    external=("external link", "external site"),
    stop_words=_words("the and of to in is that for on with are this by from it was which not"
                      " have has will be an as"),
    yes_no=("yes", "no"),
    # and the networks a page's share tools name, one to a line in a text export
    navigation=("menu", "search", "home", "facebook", "linkedin", "twitter", "x", "instagram",
                "youtube", "e-mail", "email", "e-post", "sähköposti", "kopiera länk", "kopier lenke",
                "kopiér link", "kopier link", "kopioi linkki", "mail",
                # a language switcher's names of languages
                "suomeksi", "på svenska", "på norsk", "på dansk", "på nynorsk", "på bokmål",
                "english", "svenska", "suomi", "norsk", "dansk", "sámegillii", "davvisámegillii",
                "språk", "kieli", "sprog"),
    date_words=("date",),
    related=("read also", "read more", "related", "related news", "related articles",
             "see also", "more news", "latest news", "links", "tags", "topics", "keywords"),
    home=("home", "start", "front page"),
)

VOCABULARIES: dict[str, Vocabulary] = {
    v.language: v for v in (SWEDISH, BOKMAL, NYNORSK, DANISH, FINNISH, ENGLISH)
}
DEFAULT_LANGUAGE = "sv"


# --- merged tables: what the readers look up ---------------------------------------------------

def _merged(name: str) -> dict[str, object]:
    merged: dict[str, object] = {}
    for vocabulary in VOCABULARIES.values():
        for word, value in getattr(vocabulary, name).items():
            merged.setdefault(word, value)  # the first language wins a (harmless) clash
    return merged


MONTHS: dict[str, int] = {k: int(str(v)) for k, v in _merged("months").items()}
MONTH_ABBREVIATIONS: dict[str, int] = {
    k: int(str(v)) for k, v in _merged("month_abbreviations").items()}
CONTENT_TYPES: dict[str, str] = {k: str(v) for k, v in _merged("labels").items()}
CONTACT_BLOCKS: dict[str, str] = {k: str(v) for k, v in _merged("contact_headings").items()}
NEW_WINDOW_MARKERS = frozenset(m for v in VOCABULARIES.values() for m in v.new_window)
OTHER_MARKERS = frozenset(m for v in VOCABULARIES.values() for m in v.external)
WEEKDAYS = tuple(dict.fromkeys(d for v in VOCABULARIES.values() for d in v.weekdays))
RELATED_HEADINGS = frozenset(w for v in VOCABULARIES.values() for w in v.related)
HOME_PAGES = frozenset(w for v in VOCABULARIES.values() for w in v.home)
# One-word tools of a menu, a share bar or a feedback widget ("Facebook", "E-post", "Kyllä").
TOOL_WORDS = frozenset(w for v in VOCABULARIES.values() for w in (*v.navigation, *v.yes_no)
                       if " " not in w) | {"whatsapp", "messenger", "bluesky", "threads", "epost"}
# How the titles of officials end in the five languages (compounds share them: "seniorrådgiver",
# "kontorchef", "erityisasiantuntija"): what tells "Chefkonsulent Mette Jensen" from a name.
ROLE_ENDINGS: tuple[str, ...] = (
    "konsulent", "chef", "sjef", "rådgiver", "rådgivare", "rådgjevar", "asiantuntija", "johtaja",
    "päällikkö", "sihteeri", "handläggare", "saksbehandler", "sagsbehandler", "direktør",
    "direktör", "utredare", "utreder", "sakkunnig", "leder", "ledare", "ordförande", "formand",
    "ordfører", "puheenjohtaja", "koordinator", "koordinaattori", "analytiker", "jurist",
    "ekonom", "økonom", "lakimies", "tutkija", "suunnittelija", "referent", "fuldmægtig",
    "specialist", "spesialist", "kommunikatør", "kommunikatör", "sekretær", "sekreterare",
    "tiedottaja", "strateg", "forsker", "forskare", "medarbejder", "medarbetare", "virkamies",
    "neuvos", "controller", "arkitekt", "ingeniør", "ingenjör", "ansvarig", "ansvarlig",
    "ansvarleg", "vastaava", "talsperson", "talsmand", "talsmann", "pressesjef", "presschef",
    "arkkitehti", "insinööri", "lääkäri", "juristi", "ekonomisti", "ohjaaja", "esihenkilö",
    "mester", "mästare", "læge", "lege", "läkare", "komisario", "ylikomisario",
    # care and schools: "Överskötare", "Avdelningssykepleier", "Osastonhoitaja", "Rektor"
    "skötare", "sköterska", "sykepleier", "sjukepleiar", "sygeplejerske", "hoitaja", "kätilö",
    "jordemor", "barnmorska", "psykolog", "psykologi", "terapeut", "terapeutti", "rektor",
    "rehtori", "lärare", "lærer", "lærar", "opettaja", "kurator", "kuraattori",
)


def _alternatives(words: object) -> str:
    ordered = sorted(set(words), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


_PUBLISHED_WORDS = _alternatives(w for v in VOCABULARIES.values() for w in v.published)
_MODIFIED_WORDS = _alternatives(w for v in VOCABULARIES.values() for w in v.modified)
_YES_NO = _alternatives(w for v in VOCABULARIES.values() for w in v.yes_no)
_NAVIGATION = _alternatives(w for v in VOCABULARIES.values() for w in v.navigation)
_YES_AND_NO = rf"(?:{_YES_NO})\s*[/|]?\s*(?:{_YES_NO})"  # the feedback widget's buttons on one line
YES_AND_NO = re.compile(_YES_AND_NO, re.IGNORECASE)  # "JaNei": two buttons with no space between
DATE_WORDS = _alternatives(w for v in VOCABULARIES.values() for w in v.date_words)

DATE_LINE = re.compile(rf"(?:{_PUBLISHED_WORDS})(?!\w)\s*(?:den\s+|d\.\s*)?:?\s*(?P<value>.*)",
                       re.IGNORECASE)
MODIFIED_LINE = re.compile(rf"(?:{_MODIFIED_WORDS})(?!\w)(?:\s+den)?\s*:?\s*(?P<value>.*)",
                           re.IGNORECASE)
MODIFIED_ANYWHERE = re.compile(rf"(?<!\w)(?:{_MODIFIED_WORDS})(?!\w)(?:\s+den)?\s*:?\s*"
                               r"(?P<value>\d.*)", re.IGNORECASE)
# Chrome in any language: a breadcrumb trail of three or more crumbs ("Forsiden › Departementene ›
# Aktuelt"; not a sentence, which ends in a stop), and a site's address alone on a line
# ("Regjeringen.no"), as text exports keep them.
BREADCRUMB = re.compile(r"[^›»>\n]{1,60}(?:\s[›»>]\s[^›»>\n]{1,60}){2,}(?<![.!?:;,])")
# A trail from the site's home however short and whatever its separator: "Forside / Aktuelt".
_HOME_TRAIL = (rf"(?:{_alternatives(w for v in VOCABULARIES.values() for w in v.home)})"
               r"(?:\s*[/›»>|]\s*[^/›»>|\n.!?]{1,60}){1,8}")
HOME_TRAIL = re.compile(_HOME_TRAIL, re.IGNORECASE)
_ANY_LANGUAGE_CHROME = (
    BREADCRUMB.pattern,
    _HOME_TRAIL,
    r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:no|se|dk|fi|ax|is|fo|gl|eu|org|com|net|gov)",
    r"(?:©|copyright\b)[^\n]{0,150}",  # a footer's copyright line
    # a reading time alone ("4–5 minutter", "3 min läsning"), as reader modes print it
    r"\d{1,2}(?:\s*[–-]\s*\d{1,2})?\s*(?:min|minutter|minuter|minutt|minuuttia|minutes)\.?"
    r"(?:\s+(?:läsning|lesing|læsning|lesetid|läsetid|lukuaika|read))?",
    # "Lukuaika noin 2 min", "Lästid: ca 3 minuter", "Læsetid ca. 4 min.": a reading time with
    # its word first, perhaps "about"
    r"(?:lukuaika|lesetid|lästid|läsetid|läsningstid|læsetid|reading time)\s*:?\s*"
    r"(?:(?:ca|cirka|omkring|runt|noin|n|alle|under|yli|about|approx)\.?\s*)?"
    r"\d{1,2}(?:\s*[–-]\s*\d{1,2})?\s*min\w*\.?",
    # a press release's release note: "Fritt för publicering genast", "Julkaisuvapaa heti"
    r"(?:fritt (?:för|till) publicering|fri for publisering|fri til offentliggørelse|"
    r"til umiddelbar (?:offentliggørelse|udgivelse)|for umiddelbar publisering|"
    r"för omedelbar publicering|julkaisuvapaa|vapaa julkaistavaksi|embargo)\b[^\n]{0,60}",
    # a cookie notice, in any of the languages
    r"[^\n]{0,150}\b(?:cookies?|kakor(?:na)?|eväste\w*|informasjonskapsl(?:er|ar))\b"
    r"[^\n]{0,250}",
)
CHROME: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (*(p for v in VOCABULARIES.values() for p in v.chrome), _YES_NO, _YES_AND_NO,
                    _NAVIGATION,
                    *_ANY_LANGUAGE_CHROME)
)
STAMP_WORD = re.compile(rf"(?<!\w)(?:(?P<modified>{_MODIFIED_WORDS})|(?P<published>{_PUBLISHED_WORDS}))"
                        r"(?!\w)", re.IGNORECASE)
DATE_LABEL = re.compile(rf"(?:{DATE_WORDS})\s*:\s*", re.IGNORECASE)
