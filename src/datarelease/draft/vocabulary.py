"""The words drafting looks for, one :class:`DraftVocabulary` per language, as data.

Each table lists word *stems*; a stem matches a whole word or the end of a compound
(``strategi`` finds ``digitaliseringsstrategin``) followed by one of the noun endings in
``ENDINGS``, so verbs built on the same stem (``rapporterade``) do not match. Drafting uses every
language's words on every page (pages quote their neighbours' document names), except the
number words, which are per language.

To draft from a new language, add a DraftVocabulary; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# Lets an addressee phrase skip the document's quoted title: "lämnat redogörelsen "X" till".
# "den svenske motparten SKR": a counterpart in another Nordic country is a sister organisation
_NATIONAL = (r"(?:svensk|norsk|dansk|finsk|finländsk|finlandssvensk|nordisk|isländsk|islandsk)"
             r"(?:e|a|t)?")
# and the number in brackets after it: "överlämnat propositionen "X" (RP 41/2028 rd) till"
# "utarbetad i X" is made at X; "i samarbete med X", "i dialog med X" is a contribution
_AT_NOT_WITH = r"(?!\s+(?:samarbe|samråd|samverk|dialog|tæt|nært|nära|yhteisty|yhdessä))"
_QUOTED_TITLE = (r"(?:(?:[„”\"“«][^„”\"“«»]{1,200}[”\"“»]|»[^„”\"“«»]{1,200}«)\s+"
                 r"(?:\([^()]{1,40}\)\s+)?)?")


@dataclass(frozen=True)
class DraftVocabulary:
    language: str
    # document word stem → document type (white_paper, government_bill, official_report,
    # strategy, submission, report, other)
    documents: Mapping[str, str]
    # phrases (regular expressions) that name the document's lead, contributors and addressees;
    # for lead and contributor the organisation is the one nearest the phrase, for addressee the
    # one right after it
    lead: tuple[str, ...]
    contributor: tuple[str, ...]
    addressee: tuple[str, ...]
    # verbs that make the organisation before them the document's issuer
    issue_verbs: tuple[str, ...]
    # words that introduce a list as a document's principles, steps or starting points
    principle_words: tuple[str, ...]
    # words that make a list someone's demands, proposals or a report's findings: never principles
    not_principle_words: tuple[str, ...]
    # the not_principle_words that propose: a report's own proposals of principles are its
    # principles ("Betänkandet föreslår … tre principer")
    proposal_words: tuple[str, ...]
    # words for lists a document has that are not its principles: questions, programmes,
    # agendas, members, recommendations, measures and goals (stems; a compound ending in one
    # counts)
    other_list_words: tuple[str, ...]
    # relationship predicate → phrases (regular expressions) between subject and object
    relationships: Mapping[str, tuple[str, ...]]
    # working together, as regular expressions for whole words: a noun or verb in any form or
    # compound ("samarbetat", "samarbetsavtal") or a verb phrase ("arbejder sammen")
    collaboration_words: tuple[str, ...]
    # first person plural: the publisher speaking ("vi", "vår")
    we: tuple[str, ...]
    numbers: Mapping[str, int] = field(default_factory=dict)
    # organisation words: stem → organisation type guess, for names not in the registry
    organisation_words: Mapping[str, str] = field(default_factory=dict)
    country: str = ""  # ISO 3166-1 alpha-2 guess for organisations named on a page in this language
    # verbs whose subject (the organisation before them) contributed, never the name after them
    # ("Kuntaliitto osallistui ohjelman valmisteluun ja antoi lausunnon valtiovarainministeriölle")
    contributor_verbs: tuple[str, ...] = ()
    # verbs whose subject (the organisation before them) led the work on the document
    # ("Departementet har lett arbetet")
    lead_verbs: tuple[str, ...] = ()
    # verbs whose subject (the organisation before them) receives or deals with the document:
    # an addressee ("Stortinget skal behandle meldingen", "Regeringen tog emot betänkandet")
    addressee_verbs: tuple[str, ...] = ()
    # bodies every municipality or region has: a capitalised one names no organisation
    generic_bodies: tuple[str, ...] = ()
    # inflected stem of an organisation word → its base form (Finnish "kaupungissa" → "kaupunki")
    inflected_organisation_words: Mapping[str, str] = field(default_factory=dict)
    # phrases (regular expressions) naming a network or a loose cooperation ("et nordisk
    # netværk", "pohjoismaista yhteistyötä"): a sentence with one states no membership, part,
    # collaboration or document role, only that organisations meet
    network_words: tuple[str, ...] = ()


SWEDISH = DraftVocabulary(
    language="sv",
    documents={
        "skrivelse": "white_paper", "vitbok": "white_paper", "stortingsmelding": "white_paper",
        "redogörelse": "white_paper", "utlåtande": "submission", "plan": "strategy",
        "proposition": "government_bill", "lagrådsremiss": "government_bill",
        "utredning": "official_report", "betänkande": "official_report",
        "strategi": "strategy", "färdplan": "strategy", "handlingsplan": "strategy",
        "remissvar": "submission", "yttrande": "submission", "synpunkter": "submission",
        "underlag": "submission", "inspel": "submission", "rapport": "report",
        "kartläggning": "report", "vägledning": "other", "överenskommelse": "other",
        "avsiktsförklaring": "other", "deklaration": "other", "program": "strategy",
        "handlingsprogram": "strategy", "agenda": "strategy", "riktlinje": "other",
        "promemoria": "other", "ställningstagande": "other", "uttalande": "other", "positionspapper": "other",
        "policy": "other", "avtal": "other", "utspel": "other", "principbeslut": "other",
        "handbok": "other", "handböck": "other",
    },
    lead=(r"(?:har\s+)?(?:letts|leds|ledd|ledda)\s+av", r"ansvarar\s+för", r"under\s+ledning\s+av",
          r"(?:samordna|koordinera)(?:ts|des|d|t|s)?\s+av",
          r"(?:utarbeta[dt]s?|utarbetats|tagits\s+fram|togs\s+fram|tagen\s+fram|framtagen|beretts|"
          r"beredd|bereds|skrivits|skrevs|skriven)\s+av",
          # "Propositionen har beretts vid Finansministeriet": prepared at the ministry
          rf"(?:beretts|bereddes|bereds|beredd)\s+(?:vid|i|inom){_AT_NOT_WITH}"),
    contributor=(r"med\s+stöd\s+(?:från|av)", r"aktiv(?:t)?\s+part",
                 r"tillsammans\s+med", r"i\s+samarbete\s+med", r"i\s+samverkan\s+med",
                 r"i\s+samråd\s+med",
                 r"finansiera(?:ts|des|s)\s+av",
                 r"med\s+(?:finansiering|medel)\s+från"),
    addressee=(r"(?:ska\s+)?behandla(?:s|st)?\s+(?:av|i)",
               r"(?:lämna|överlämna|skicka|rikta|presentera)(?:des|de|ts|[dts])?"
               rf"\s+(?:\w+\s+){{0,3}}?{_QUOTED_TITLE}till", r"på\s+uppdrag\s+av",
               # "Pappret riktar sig till regeringen": directed to it
               r"(?:riktar|riktade|riktat|vänder|vände|vänt)\s+sig\s+(?:\w+\s+){0,2}?till",
               r"(?:är|var)\s+riktad\s+till", r"beställ(?:d|t|da|des|ts)\s+av"),
    issue_verbs=(r"(?:ingått|ingick|slutit|slöt)", r"skicka(?:t|de|r)\s+ut",
                 r"presentera(?:de|t|r)", r"publicera(?:de|t|r)",
                 r"lade\s+fram", r"lagt\s+fram",
                 r"gett\s+ut", r"(?:gav|ger)\s+(?:[\w-]+\s+){0,2}?ut(?!\w)",
                 r"godkänt", r"godkände",
                 r"lade\s+(?:\w+\s+){1,2}fram", r"undertecknat", r"undertecknade",
                 r"skrivit\s+under", r"skrev\s+under",
                 r"lägger\s+fram", r"tagit\s+fram", r"tog\s+fram", r"beslutade\s+om",
                 r"antog", r"har\s+antagit", r"släppte", r"lanserade", r"lämnat", r"lämnade",
                 r"lanserar", r"publicerar",
                 r"formulerat", r"formulerade"),
    principle_words=("princip", "utgångspunkt", "steg", "grundsats", "grundprincip", "ledord",
                     "hörnsten", "fokusområde", "åtgärdsområde", "grundregel", "grundregl", "kärnvärde",
                     "grundvärde", "prioritering", "grundpelare", "ledstjärn", "grundsten", "vägval"),
    not_principle_words=("kräv", "krav", "förslag", "föreslår", "vill se", "uppmanar",
                         "visar", "konstaterar", "resultat", "slutsats", "fann", "pekar på",
                         "enligt rapporten", "enligt undersökningen", "brister", "problem",
                         "önskemål", "synpunkter", "förutsätter", "anser", "efterfråga"),
    proposal_words=("förslag", "föreslår"),
    other_list_words=("siffr", "nyckeltal", "fakta", "tidsplan", "tidslinje", "bakgrund",
                      "åtgärd", "mål", "fråg", "program", "dagordning", "agenda", "medlem",
                      "deltag", "deltar",
                      "rekommendation", "iakttagelse", "efterly", "begär", "talare"),
    relationships={
        "sister_organisation_of": (r"systerorganisation(?:erna|er|en)?",
                                   rf"{_NATIONAL}\s+(?:motpart|motsvarighet)\w*"),
        "part_of": (r"(?:är|utgör)\s+en\s+del\s+av", r"ingår\s+i", r"tillhör",
                    r"(?:är\s+)?underställd", r"lyder\s+under"),
        "member_of": (r"är\s+medlem(?:mar)?\s+i", r"medlem\s+i"),
        "provided_input_to": (
            r"(?:har\s+)?(?:lämnat|lämnade|skickat|skickade)\s+(?:\w+\s+){0,3}till",
            r"(?:lämnat|lämnade|skickat|skickade)\s+(?:\w+\s+){0,4}(?:om|över|på)\s+[^.;]{1,100}?"
            r"\s+till",
            r"inspel\s+till", r"(?:remissvar|yttrande|synpunkter|utlåtande)\s+till",
            # "gav i februari ett utlåtande om utkastet till Finansministeriet"
            r"(?:gav|gett|ger)\s+(?:\w+\s+){0,3}(?:ett\s+|sitt\s+)?(?:utlåtande|yttrande|remissvar|"
            r"synpunkter|inspel)\s+(?:om\s+[^.;]{1,100}?\s+)?till"),
        "collaborates_with": (r"samarbeta(?:r|t|de)\s+(?:\w+\s+){0,2}med", r"i\s+samarbete\s+med",
                              r"tillsammans\s+med",
                              r"(?:tecknat|tecknade|ingått|ingick)\s+(?:ett\s+)?samarbetsavtal"),
    },
    # "Förbundet samarbetar med …": an association of local authorities speaking of itself
    collaboration_words=(r"\w*samarbet\w*", r"\w*samverk\w*", r"\w*partnerskap\w*",
                         r"arbeta\w*\s+(?:\w+\s+)?tillsammans",
                         r"tillsammans(?!\s+med)",
                         r"gemensam\w*\s+[\w-]*?(?:projekt|program|satsning|uppdrag|initiativ)\w*"),
    we=("vi", "vår", "vårt", "våra", "oss", "förbundet"),
    network_words=(r"\w*nätverk\w*", r"nordisk\w*\s+samarbete\w*"),
    numbers={"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9,
             "tio": 10},
    organisation_words={
        "kommun": "municipality", "region": "region", "landsting": "region",
        "departement": "ministry", "myndighet": "agency", "verket": "agency",
        "styrelse": "agency", "inspektion": "agency", "kommunförbund": "association_of_local_authorities",
        "förbund": "other", "institut": "agency", "universitet": "other", "riksdag": "parliament",
        "regering": "government", "förening": "other", "akademi": "other", "rådet": "agency",
        "stad": "municipality", "högskola": "other", "nätverk": "other", "verk": "agency",
        "sjukhus": "other", "kommitté": "other", "delegation": "other", "kommission": "other",
        "sällskap": "other",
    },
    country="SE",
    addressee_verbs=(r"(?:ska|skall|kommer\s+att)\s+behandla", r"behandlar", r"tog\s+emot",
                     r"har\s+tagit\s+emot"),
    lead_verbs=(r"(?:har\s+)?(?:lett|ledde|leder|samordnat|samordnade|samordnar)\s+(?:\w+\s+)?"
                r"(?:arbetet|förhandlingarna|processen)",),
    contributor_verbs=(r"inspel\s+till",  # input to X: X receives it
                       # input to the inquiry or committee that wrote the report
                       r"(?:har\s+)?(?:lämnat|lämnade|levererat|levererade|gett|gav)\s+"
                       r"(?:\w+\s+){1,3}till\s+(?:utredningen|kommittén|delegationen)(?!\w)",
                       r"(?:har\s+)?(?:suttit|satt|sitter|varit|var|ingått|ingick|ingår)\s+(?:med\s+)?i\s+(?:\w+\s+){0,2}\w*(?:grupp|kommitté|råd)\w*",
                       r"(?:har\s+)?(?:bistått|bistod)", r"(?:har\s+)?(?:lämnat|lämnade)\s+synpunkter\s+på",
                       r"(?:har\s+)?(?:gett|gav|ger)\s+(?:\w+\s+)?råd",
                       r"bidra(?:git|r|g)?\s+(?:med|till)", r"(?:har\s+)?medverkat",
                       r"(?:har\s+)?deltagit", r"deltog\s+(?:\w+\s+)?i",
                       r"kommit\s+med\s+(?:inspel|synpunkter)",
                       r"(?:har\s+)?(?:finansierar|finansierat|finansierade|bekostar|bekostat|bekostade)"),
    generic_bodies=("kommunstyrelse", "regionstyrelse", "kommunfullmäktige", "regionfullmäktige",
                    "socialnämnd", "styrelse", "nämnd"),
)

BOKMAL = DraftVocabulary(
    language="nb",
    documents={
        "melding til stortinget": "white_paper", "stortingsmelding": "white_paper",
        "meld. st.": "white_paper", "hvitbok": "white_paper", "melding": "white_paper",
        "plan": "strategy",
        "proposisjon": "government_bill", "lovforslag": "government_bill",
        "nou": "official_report", "utredning": "official_report",
        "strategi": "strategy", "handlingsplan": "strategy", "veikart": "strategy",
        "høringssvar": "submission", "høringsuttalelse": "submission", "innspill": "submission",
        "uttalelse": "other",
        "rapport": "report", "kartlegging": "report", "veileder": "other", "veiledning": "other",
        "avtale": "other",
        "erklæring": "other", "program": "strategy", "handlingsprogram": "strategy",
        "retningslinje": "other", "notat": "other", "utspill": "other", "plattform": "other",
        "politikkdokument": "other", "reform": "other", "merknad": "submission",
        "prinsippvedtak": "other", "håndbok": "other", "håndbøk": "other",
    },
    lead=(r"(?:har\s+)?(?:vært\s+)?ledet\s+av", r"ledes\s+av", r"(?:har\s+)?ansvar(?:lig)?\s+for",
          r"under\s+ledelse\s+av", r"(?:utarbeidet|utformet|laget|skrevet)\s+av",
          # "Meldingen er utarbeidet i Kommunal- og distriktsdepartementet": made at the ministry
          rf"(?:utarbeidet|utformet|forberedt)\s+i{_AT_NOT_WITH}",
          r"(?:samordnet|koordinert)\s+av"),
    contributor=(r"sammen\s+med", r"i\s+samarbeid\s+med", r"i\s+samråd\s+med",
                 r"med\s+støtte\s+fra", r"finansiert\s+av", r"med\s+midler\s+fra"),
    addressee=(r"(?:skal\s+)?behandl(?:es|et)\s+(?:av|i)",
               r"(?:sendt|sendte|sender|sendes|overlevert|oversendt|oversendes|levert|leveres|lagt\s+fram\s+for|"
               rf"lagt\s+frem\s+for|rettet)\s+(?:\w+\s+){{0,3}}?{_QUOTED_TITLE}til",
               # "overleverte utvalget sin utredning NOU 2028: 7 «X» til departementet"
               rf"(?:overleverte|oversendte|leverte)\s+(?:[\w:]+\s+){{0,7}}?{_QUOTED_TITLE}til",
               # "ble samme dag oversendt Stortinget": the recipient without "til"
               r"(?:oversendt|overlevert)(?=\s+(?-i:[A-ZÆØÅ]))",
               rf"(?:lagt|legger|legges|la)\s+(?:\w+\s+)?fr[ae]m\s+(?:\w+\s+){{0,2}}{_QUOTED_TITLE}for",
               r"melding\s+til", r"meldingen\s+til", r"på\s+oppdrag\s+fra",
               r"(?:retter|rettet|henvender|henvendte)\s+seg\s+(?:\w+\s+){0,2}?til",
               r"bestilt\s+av"),
    issue_verbs=(r"(?:inngått|inngikk)", r"sen(?:dt|dte|der)\s+ut",
                 r"(?:la|legger)\s+(?:\w+\s+){1,3}fr[ae]m", r"godkjent",
                 r"godkjente",
                 r"undertegnet", r"undertegnede", r"signert", r"signerte",
                 r"skrevet\s+under", r"skrev\s+under",
                 r"la\s+fram", r"la\s+frem", r"lagt\s+fram", r"lagt\s+frem", r"legger\s+fram",
                 r"legger\s+frem", r"presenterte", r"presentert", r"publiserte", r"publisert",
                 r"lanserte", r"lansert", r"vedtok", r"har\s+utarbeidet", r"utarbeidet",
                 r"lanserer", r"presenterer", r"publiserer",
                 r"(?:gir|ga)\s+(?:[\w-]+\s+){0,2}?ut(?!\w)", r"har\s+gitt\s+ut",
                 r"ga\s+ut", r"har\s+gitt\s+ut", r"gir\s+ut", r"vedtatt", r"har\s+vedtatt"),
    principle_words=("prinsipp", "utgangspunkt", "steg", "trinn", "grunnprinsipp", "hovedgrep",
                     "hensyn", "verdi",
                     "innsatsområde", "satsingsområde", "grunnregel", "grunnregl",
                     "grunnpilar", "bærebjelke", "prioritet", "ledestjerne", "kjerneverdi", "grunnstein",
                     "veivalg"),
    not_principle_words=("krev", "krav", "forslag", "foreslår", "ønsker", "oppfordrer",
                         "viser", "konstaterer", "resultat", "funn", "konklusjon", "ifølge",
                         "peker på", "mangler", "utfordring", "problem", "forutsetter", "mener"),
    proposal_words=("forslag", "foreslår"),
    other_list_words=("i tall", "nøkkeltall", "fakta", "tidsplan", "tidslinje", "bakgrunn",
                      "tiltak", "mål", "spørsmål", "program", "dagsorden", "agenda", "medlem",
                      "deltak",
                      "anbefaling", "etterly", "observasjon"),
    relationships={
        "sister_organisation_of": (r"søsterorganisasjon(?:ene|er|en)?",
                                   rf"{_NATIONAL}\s+(?:motpart|motstykke)\w*"),
        "part_of": (r"er\s+en\s+del\s+av", r"inngår\s+i", r"hører\s+inn\s+under", r"ligger\s+under",
                    r"(?:er\s+)?underlagt", r"sorterer\s+under"),
        "member_of": (r"er\s+medlem(?:mer)?\s+(?:av|i)",),
        "provided_input_to": (
            r"(?:har\s+)?(?:gitt|ga|sendt|sendte|levert|leverte)\s+(?:\w+\s+){0,3}til",
            r"(?:gitt|ga|sendt|sendte|levert|leverte)\s+(?:\w+\s+){0,3}(?:om|på)\s+[^.;]{1,100}?"
            r"\s+til",
            r"innspill\s+til", r"(?:høringssvar|høringsuttalelse)\s+til"),
        "collaborates_with": (r"samarbeide(?:r|t)\s+(?:\w+\s+){0,2}med", r"i\s+samarbeid\s+med",
                              r"sammen\s+med",
                              r"(?:inngått|inngikk|signert|signerte)\s+(?:en\s+)?samarbeidsavtale"),
    },
    collaboration_words=(r"\w*samarbei\w*", r"\w*partnerskap\w*",
                         r"arbeide\w*\s+(?:\w+\s+)?sammen",
                         r"sammen(?!\s+med)",
                         r"felles\s+[\w-]*?(?:prosjekt|program|satsing|initiativ)\w*"),
    we=("vi", "vår", "vårt", "våre", "oss"),
    network_words=(r"\w*nettverk\w*", r"nordisk\w*\s+samarbeid\w*"),
    numbers={"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8,
             "ni": 9, "ti": 10},
    organisation_words={
        "kommune": "municipality", "fylkeskommune": "region", "fylke": "region",
        "departement": "ministry", "direktorat": "agency", "tilsyn": "agency", "etat": "agency",
        "forbund": "other", "forening": "other", "organisasjon": "other", "universitet": "other",
        "storting": "parliament", "regjering": "government", "råd": "agency", "senter": "agency",
        "høgskole": "other", "nettverk": "other", "institutt": "agency", "bibliotek": "other",
        "bank": "other", "utvalg": "other", "kommisjon": "other", "forvalter": "agency",
        "komite": "other",
    },
    country="NO",
    addressee_verbs=(r"skal\s+behandle", r"behandler", r"tok\s+imot", r"har\s+tatt\s+imot"),
    lead_verbs=(r"(?:har\s+)?(?:ledet|ledde|leder|samordnet|koordinert)\s+(?:\w+\s+)?"
                r"(?:arbeidet|forhandlingene|prosessen)",),
    contributor_verbs=(r"innspill\s+til",  # input to X: X receives it
                       r"(?:har\s+)?(?:levert|leverte|gitt|ga)\s+(?:\w+\s+){1,3}til\s+"
                       r"(?:utvalget|utredningen)(?!\w)",
                       r"(?:har\s+)?(?:sittet|satt|sitter|vært|var|inngått|inngikk|inngår)\s+(?:med\s+)?i\s+(?:\w+\s+){0,2}\w*(?:gruppe|utvalg|råd)\w*",
                       r"(?:har\s+)?(?:bistått|bisto)",
                       r"(?:har\s+)?(?:gitt|ga|gir)\s+(?:\w+\s+)?råd",
                       r"bidra(?:tt|r|g)?\s+(?:med|til)", r"(?:har\s+)?medvirket",
                       r"(?:har\s+)?deltatt", r"(?:har\s+)?vært\s+med\s+på",
                       r"(?:kommet|kom)\s+med\s+innspill",
                       r"(?:har\s+)?(?:finansierer|finansiert|finansierte)"),
    generic_bodies=("kommunestyre", "fylkesting", "bystyre", "formannskap", "styre"),
)

NYNORSK = DraftVocabulary(
    language="nn",
    documents={
        "melding til stortinget": "white_paper", "stortingsmelding": "white_paper",
        "proposisjon": "government_bill", "utgreiing": "official_report", "melding": "white_paper",
        "plan": "strategy",
        "strategi": "strategy", "handlingsplan": "strategy", "høyringssvar": "submission",
        "høyringsfråsegn": "submission", "innspel": "submission", "rapport": "report",
        "kartlegging": "report", "rettleiar": "other", "rettleiing": "other", "avtale": "other",
        "program": "strategy",
        "retningsline": "other", "notat": "other", "utspel": "other", "merknad": "submission",
        "handbok": "other",
    },
    lead=(r"(?:har\s+)?(?:vore\s+)?(?:leia|leidd|leidde)\s+av", r"(?:har\s+)?ansvar\s+for",
          r"(?:utarbeidd|laga|utforma|samordna|koordinert|skriven|skrive)\s+av",
          rf"(?:utarbeidd|utforma)\s+i{_AT_NOT_WITH}"),
    contributor=(r"saman\s+med", r"i\s+samarbeid\s+med", r"i\s+samråd\s+med",
                 r"med\s+støtte\s+frå", r"finansiert\s+av"),
    addressee=(r"(?:skal\s+)?handsam(?:ast|a)\s+(?:av|i)",
               r"(?:sendt|sendte|sender|sendast|overlevert|levert|leverast|lagt\s+fram\s+for)"
               rf"\s+(?:\w+\s+){{0,3}}?{_QUOTED_TITLE}til",
               rf"(?:lagt|legg|leggast|la)\s+(?:\w+\s+)?fram\s+(?:\w+\s+){{0,2}}{_QUOTED_TITLE}for",
               r"melding\s+til", r"på\s+oppdrag\s+frå",
               r"(?:rettar|retta|vender|vende)\s+seg\s+(?:\w+\s+){0,2}?til",
               r"bestilt\s+av", r"tinga\s+av"),
    issue_verbs=(r"(?:inngått|inngjekk)", r"sen(?:dt|de|der)\s+ut",
                 r"(?:la|legg)\s+(?:\w+\s+){1,3}fram", r"godkjent",
                 r"godkjende",
                 r"la\s+fram", r"lagt\s+fram", r"legg\s+fram", r"presenterte", r"publiserte",
                 r"lanserte", r"vedtok", r"har\s+utarbeidd", r"utarbeidde", r"gjeve\s+ut",
                 r"gitt\s+ut", r"gav\s+ut", r"gjev\s+ut", r"har\s+laga", r"publisert",
                 r"presentert", r"lansert", r"vedteke", r"underteikna", r"underteikna[dt]",
                 r"skrive\s+under", r"skreiv\s+under",
                 r"signert", r"signerte", r"lanserer", r"presenterer", r"publiserer"),
    principle_words=("prinsipp", "utgangspunkt", "steg", "trinn", "grunnprinsipp", "grunnregel",
                     "grunnregl", "verdi", "grunnpilar", "berebjelke", "prioritet",
                     "satsingsområd", "innsatsområd", "kjerneverdi", "leiestjerne", "grunnstein", "vegval"),
    not_principle_words=("krev", "krav", "forslag", "føreslår", "ønskjer", "viser", "resultat",
                         "funn", "konklusjon", "ifølgje", "peikar på", "manglar", "utfordring",
                         "føreset", "meiner"),
    proposal_words=("forslag", "føreslår"),
    other_list_words=("i tal", "nøkkeltal", "fakta", "tidsplan", "tidsline", "bakgrunn",
                      "tiltak", "mål", "spørsmål", "program", "dagsorden", "medlem", "deltak",
                      "tilråding",
                      "etterlys", "observasjon"),
    relationships={
        "sister_organisation_of": (r"(?:søster|syster)organisasjon(?:ane|ar|en)?",
                                   rf"{_NATIONAL}\s+(?:motpart|motstykke)\w*"),
        "part_of": (r"er\s+ein\s+del\s+av", r"inngår\s+i", r"(?:er\s+)?underlag[dt]",
                    r"ligg\s+under"),
        "member_of": (r"er\s+medlem(?:mer)?\s+(?:av|i)",),
        "provided_input_to": (r"(?:har\s+)?(?:gitt|gav|sendt|sende|levert)\s+(?:\w+\s+){0,4}til",
                              r"innspel\s+til"),
        "collaborates_with": (r"samarbeider\s+(?:\w+\s+){0,2}med", r"i\s+samarbeid\s+med",
                              r"saman\s+med",
                              r"(?:inngått|inngjekk|signert)\s+(?:ein\s+)?samarbeidsavtale"),
    },
    collaboration_words=(r"\w*samarbei\w*", r"\w*partnarskap\w*", r"\w*partnerskap\w*",
                         r"arbeid\w*\s+(?:\w+\s+)?saman", r"saman(?!\s+med)",
                         r"felles\s+[\w-]*?(?:prosjekt|program|satsing|initiativ)\w*"),
    we=("vi", "me", "vår", "vårt", "våre", "oss"),
    network_words=(r"\w*nettverk\w*", r"nordisk\w*\s+samarbeid\w*"),
    numbers={"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "åtte": 8, "ni": 9,
             "ti": 10},
    organisation_words={"kommune": "municipality", "fylkeskommune": "region",
                        "departement": "ministry", "direktorat": "agency", "høgskule": "other",
                        "institutt": "agency", "herad": "municipality", "utval": "other",
                        "forvaltar": "agency",
                        "kommisjon": "other"},
    country="NO",
    addressee_verbs=(r"skal\s+handsame", r"handsamar", r"tok\s+imot", r"har\s+teke\s+imot"),
    lead_verbs=(r"(?:har\s+)?(?:leia|leidde|leier|samordna)\s+(?:\w+\s+)?"
                r"(?:arbeidet|forhandlingane|prosessen)",),
    contributor_verbs=(r"innspel\s+til",  # input to X: X receives it
                       r"(?:har\s+)?(?:levert|gjeve|gitt|gav)\s+(?:\w+\s+){1,3}til\s+"
                       r"(?:utvalet|utgreiinga)(?!\w)",
                       r"(?:har\s+)?(?:sete|sat|sit|vore|var)\s+(?:med\s+)?i\s+(?:\w+\s+){0,2}\w*(?:gruppe|gruppa|utval|råd)\w*",
                       r"(?:har\s+)?(?:bistått|bistod)",
                       r"(?:har\s+)?(?:gjeve|gitt|gav|gjev)\s+(?:\w+\s+)?råd",
                       r"bidr(?:a|eg)(?:tt|ke|r|e)?\s+(?:med|til)", r"(?:har\s+)?delteke",
                       r"(?:har\s+)?(?:kome|kom|komme)\s+med\s+innspel",
                       r"(?:har\s+)?vore\s+med\s+på", r"(?:har\s+)?(?:finansierer|finansiert|finansierte)"),
    generic_bodies=("kommunestyre", "fylkesting", "heradsstyre", "formannskap", "styre"),
)

DANISH = DraftVocabulary(
    language="da",
    documents={
        "hvidbog": "white_paper", "redegørelse": "white_paper", "lovforslag": "government_bill",
        "betænkning": "official_report", "strategi": "strategy", "handlingsplan": "strategy",
        "køreplan": "strategy", "høringssvar": "submission", "indspil": "submission",
        "rapport": "report", "kortlægning": "report", "analyse": "report",
        "vejledning": "other", "aftale": "other", "erklæring": "other", "udtalelse": "other",
        "plan": "strategy",
        "udspil": "other", "udspill": "other", "program": "strategy", "handleplan": "strategy",
        "retningslinje": "other", "notat": "other", "reform": "other", "visionspapir": "other",
        "katalog": "other", "bemærkning": "submission", "principbeslutning": "other",
        "håndbog": "other", "håndbøg": "other", "oplæg": "other", "positionspapir": "other",
    },
    lead=(r"(?:har\s+)?(?:været\s+)?ledet\s+af", r"ledes\s+af", r"(?:har\s+)?ansvar(?:lig)?\s+for",
          r"står\s+i\s+spidsen\s+for", r"(?:udarbejdet|lavet|udviklet|skrevet)\s+af",
          r"(?:koordineret|samordnet)\s+af", rf"(?:udarbejdet|forberedt)\s+i{_AT_NOT_WITH}"),
    contributor=(r"sammen\s+med", r"i\s+samarbejde\s+med", r"i\s+samråd\s+med",
                 r"med\s+støtte\s+fra", r"med\s+bidrag\s+fra", r"finansieret\s+af"),
    addressee=(r"(?:skal\s+)?behandl(?:es|et)\s+(?:af|i)",
               r"(?:sendt|sendte|sender|sendes|overleveret|overrakt|overrækkes|overgivet|afleveret|afleveres|"
               r"fremlagt\s+for|rettet)"
               rf"\s+(?:\w+\s+){{0,3}}?{_QUOTED_TITLE}til", r"på\s+opdrag\s+fra",
               r"(?:retter|rettede|henvender|henvendte)\s+sig\s+(?:\w+\s+){0,2}?til",
               r"bestilt\s+af",
               rf"(?:fremlagt|fremlægger|fremlagde|fremlægges)\s+(?:\w+\s+){{0,2}}{_QUOTED_TITLE}for"),
    issue_verbs=(r"(?:indgået|indgik)", r"sen(?:dt|dte|der)\s+ud", r"(?:har\s+)?vedtaget", r"præsenterede",
                 r"præsenteret", r"offentliggjorde", r"offentliggjort",
                 r"lancerede", r"lanceret", r"udgav", r"udgivet", r"fremlagde", r"fremlagt",
                 r"vedtog", r"har\s+udarbejdet", r"udarbejdede", r"udsendte", r"formuleret",
                 r"godkendt", r"godkendte", r"underskrevet", r"underskrev",
                 r"skrevet\s+under", r"skrev\s+under",
                 r"formulerede", r"lancerer", r"præsenterer", r"offentliggør", r"udgiver",
                 r"(?:giver|gav)\s+(?:[\w-]+\s+){0,2}?ud(?!\w)", r"har\s+givet\s+ud"),
    principle_words=("princip", "udgangspunkt", "trin", "skridt", "grundprincip", "pejlemærke",
                     "indsatsområde", "grundregel", "grundregl", "kerneværdi",
                     "hjørnesten", "grundpille", "grundværdi", "prioritet", "fokusområde", "ledestjerne",
                     "vejvalg"),
    not_principle_words=("kræv", "krav", "forslag", "foreslår", "ønsker", "opfordrer",
                         "viser", "konstaterer", "resultat", "fund", "konklusion", "ifølge",
                         "peger på", "mangler", "udfordring", "problem", "forudsætter", "mener"),
    proposal_words=("forslag", "foreslår"),
    other_list_words=("i tal", "nøgletal", "fakta", "tidsplan", "tidslinje", "baggrund",
                      "tiltag", "initiativ", "mål", "spørgsmål", "program", "dagsorden", "agenda",
                      "medlem", "deltag",
                      "anbefaling", "efterly", "observation"),
    relationships={
        "sister_organisation_of": (r"søsterorganisation(?:erne|er|en)?",
                                   rf"{_NATIONAL}\s+(?:modpart|pendant)\w*"),
        "part_of": (r"er\s+en\s+del\s+af", r"indgår\s+i", r"hører\s+under",
                    r"(?:er\s+)?underlagt", r"ligger\s+under"),
        "member_of": (r"er\s+medlem(?:mer)?\s+af",),
        "provided_input_to": (
            r"(?:har\s+)?(?:givet|gav|sendt|sendte|fremsendt|fremsendte|afleveret)\s+(?:\w+\s+){0,3}til",
            r"(?:givet|gav|sendt|sendte|fremsendt|fremsendte|afleveret)\s+(?:\w+\s+){0,3}(?:om|på)\s+"
            r"[^.;]{1,100}?"
            r"\s+til",
            r"indspil\s+til", r"høringssvar\s+til"),
        "collaborates_with": (r"samarbejde(?:r|t)\s+(?:\w+\s+){0,2}med", r"i\s+samarbejde\s+med",
                              r"sammen\s+med",
                              r"(?:indgået|indgik|underskrevet)\s+(?:en\s+)?samarbejdsaftale"),
    },
    collaboration_words=(r"\w*samarbejd\w*", r"\w*partnerskab\w*",
                         r"arbejde\w*\s+(?:\w+\s+)?sammen",
                         r"sammen(?!\s+med)",
                         r"fælles\s+[\w-]*?(?:projekt|program|indsats|initiativ)\w*"),
    we=("vi", "vores", "os"),
    network_words=(r"\w*netværk\w*", r"nordisk\w*\s+samarbejde\w*"),
    numbers={"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9,
             "ti": 10},
    organisation_words={
        "kommune": "municipality", "region": "region", "ministerium": "ministry",
        "ministeriet": "ministry", "styrelse": "agency", "agentur": "agency", "forbund": "other",
        "forening": "other", "universitet": "other", "folketing": "parliament",
        "regering": "government", "råd": "agency", "netværk": "other", "institut": "agency",
        "udvalg": "other", "kommission": "other",
    },
    country="DK",
    addressee_verbs=(r"skal\s+behandle", r"behandler", r"tog\s+imod", r"har\s+taget\s+imod"),
    lead_verbs=(r"(?:har\s+)?(?:ledet|ledte|leder|koordineret)\s+(?:\w+\s+)?"
                r"(?:arbejdet|forhandlingerne|processen)",),
    contributor_verbs=(r"indspil\s+til",  # input to X: X receives it
                       r"(?:har\s+)?(?:leveret|leverede|givet|gav)\s+(?:\w+\s+){1,3}til\s+"
                       r"(?:udvalget|kommissionen)(?!\w)",
                       r"(?:har\s+)?(?:siddet|sad|sidder|været|var|indgået|indgik|indgår)\s+(?:med\s+)?i\s+(?:\w+\s+){0,2}\w*(?:gruppe|udvalg|råd)\w*",
                       r"(?:har\s+)?(?:bistået|bistod)",
                       r"(?:har\s+)?(?:givet|gav|giver)\s+(?:\w+\s+)?råd",
                       r"bidra(?:get|ger|g)?\s+(?:med|til)", r"(?:har\s+)?medvirket",
                       r"(?:har\s+)?deltaget", r"leveret\s+\w+\s+til",
                       r"kommet\s+med\s+(?:input|indspil|bemærkninger)",
                       r"(?:har\s+)?(?:finansierer|finansieret|finansierede)"),
    generic_bodies=("kommunalbestyrelse", "regionsråd", "byråd", "kommunalbestyrelsen",
                    "økonomiudvalg", "bestyrelse"),
)

FINNISH = DraftVocabulary(
    language="fi",
    documents={
        # Finnish inflects stems (lausunto, lausunnon): a trailing * takes any ending.
        "selonte*": "white_paper", "hallituksen esity*": "government_bill",
        "mietin*": "official_report", "strategi*": "strategy", "toimintaohjelm*": "strategy",
        "tiekart*": "strategy", "suunnitelm*": "strategy", "lausun*": "submission",
        "raport*": "report", "selvity*": "report", "opas": "other", "oppa*": "other",
        "sopimu*": "other", "julistu*": "other", "linjau*": "other", "ohjelm*": "strategy",
        "ohjeistu*": "other", "muistio*": "other", "periaatepäätö*": "other", "kannanot*": "other",
        "esity*": "other", "suosituk*": "other", "suositus": "other", "käsikir*": "other",
    },
    lead=(r"johdolla", r"johtama(?:ssa)?", r"vastaa(?:a|vat)?", r"vetämä(?:ssä)?",
          # "valtiovarainministeriön laatima strategia": prepared by
          r"(?:laatima|kirjoittama)(?:n|ssa|ssä|t)?",
          r"(?:on\s+)?(?:tehnyt|laatinut|valmistellut)", r"johti", r"johtaa", r"veti",
          r"valmisteli(?:vat)?",
          # "Esitys on valmisteltu valtiovarainministeriössä"; "… yhteistyössä X:n kanssa" is
          # a contribution
          r"(?:on\s+)?valmisteltu(?!\s+(?:yhteistyössä|yhdessä))",
          r"valmisteltiin(?!\s+(?:yhteistyössä|yhdessä))",
          r"koordinoi"),
    contributor=(r"yhteistyössä", r"yhdessä", r"tuella", r"rahoitti", r"rahoittama"),
    addressee=(r"(?:luovutti|toimitti|lähetti|luovutettiin|toimitettiin|lähetettiin)",
               r"antoi(?:vat)?(?=\s+(?:\w+\s+)?\w+lle(?!\w))",
               r"(?:annetaan|annettiin|luovutetaan|luovutettiin)"
               r"(?:\s+tiedoksi)?",
               # "Kannanotto on osoitettu hallitukselle": directed to it
               r"osoitet(?:tu|aan|tiin)(?=\s+(?:\w+\s+)?\w+lle(?!\w))"),
    issue_verbs=(r"solmi(?:vat|neet|nut)?", r"käynnist(?:i|ivät|ti|tiin|änyt|äneet)",
                 r"julkais(?:i|ivat|ee|tiin|sut|seet)", r"esitteli", r"esittelivät", r"hyväksyi",
                 r"on\s+laatinut", r"laati", r"antoi", r"on\s+julkaissut",
                 r"(?:on|ovat)\s+(?:yhdessä\s+)?(?:laatinut|laatineet|hyväksynyt|hyväksyneet|esitellyt|"
                 r"esitelleet)", r"laativat", r"hyväksyivät", r"teki(?:vät)?",
                 r"allekirjoitti(?:vat)?"),
    principle_words=("periaat", "lähtökoh", "vaihe", "askel", "kulmaki", "linjau", "painopist",
                     "perusarvo", "arvot", "tukipilar", "prioritee", "johtotäh", "suuntaviiv"),
    not_principle_words=("vaati", "vaatii", "ehdot", "esittää", "toivoo", "osoitta", "totea",
                         "tulok", "havain", "johtopäätö", "mukaan", "puutte", "ongelm",
                         "edellyttä", "katsoo", "katsovat"),
    proposal_words=("ehdot", "esittää"),
    other_list_words=("luvuin", "lukuina", "numeroina", "tunnuslu", "fakta", "aikataulu",
                      "taust", "toimenpi", "tavoit", "kysymy", "ohjelm", "esityslist", "jäsen",
                      "osallistuj", "suosituk",
                      "suositus", "toive", "pyyt", "vaatimu", "havainn"),
    relationships={
        "sister_organisation_of": (r"sisarjärjestö\w*",),
        "part_of": (r"on\s+osa",),
        "member_of": (r"on\s+jäsen\w*",),
        "provided_input_to": (r"(?:anto|anta|toimitt?|lähett?)\w*\s+(?:\w+\s+){0,3}"
                              r"lausun(?!\w*(?:lle|ksi)(?!\w))(?!\w*pyyn)\w*",
                              r"(?:on\s+|ovat\s+)?lausu(?:i|ivat|nut|neet)"),
        "collaborates_with": (r"teke(?:e|vät)\s+(?:\w+\s+){0,2}yhteistyötä",
                              r"(?:solmi(?:vat)?|allekirjoitti(?:vat)?)\s+yhteistyösopimuksen",
                              r"(?:yhdessä|yhteistyössä)(?=\s+\S+\s+kanssa)"),
    },
    collaboration_words=(r"\w*yhteistyö\w*", r"\w*kumppanuu\w*", r"yhdessä",
                         r"yhteis(?:hanke|projekti|ohjelma)\w*",
                         # "toteuttavat yhteistä Hankinta-Suomi-ohjelmaa": a joint programme
                         r"yhtei(?:nen|sen|sessä|stä|siä|set)\s+(?:[\w-]+\s+){0,3}?[\w-]*?"
                         r"(?:hanke|hankkee|hanket|projekti|ohjelm)\w*"),
    we=("me", "meidän"),
    network_words=(r"\w*verkosto\w*", r"pohjoismai\w*\s+yhteistyö\w*"),
    numbers={"kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6, "seitsemän": 7,
             "kahdeksan": 8, "yhdeksän": 9, "kymmenen": 10,
             # genitive and illative: "kolmen teeman varaan", "neljään periaatteeseen"
             "kahden": 2, "kahteen": 2, "kolmen": 3, "kolmeen": 3, "neljän": 4, "neljään": 4,
             "viiden": 5, "viiteen": 5, "kuuden": 6, "kuuteen": 6, "seitsemään": 7,
             "kahdeksaan": 8, "yhdeksään": 9, "kymmeneen": 10},
    organisation_words={
        "kunta": "municipality", "kaupunki": "municipality", "maakunta": "region",
        "hyvinvointialue": "region", "ministeriö": "ministry", "virasto": "agency",
        "keskus": "agency", "laitos": "agency", "kuntaliitto": "association_of_local_authorities",
        "liitto": "other", "yliopisto": "other", "säätiö": "other", "eduskunta": "parliament",
        "hallitus": "government", "verkosto": "other", "korkeakoulu": "other", "toimisto": "agency",
        "toimikunta": "other", "toimikunna": "other", "työryhmä": "other", "neuvosto": "other",
        "neuvottelukunta": "other",
    },
    country="FI",
    addressee_verbs=(r"käsittelee", r"käsittelevät", r"otti\s+vastaan", r"vastaanotti"),
    lead_verbs=(r"(?:on\s+)?(?:johtanut|johti|koordinoi|koordinoinut)\s+(?:\w+\s+)?"
                r"(?:työtä|neuvotteluja|neuvotteluita)",),
    contributor_verbs=(r"(?:on\s+|oli\s+)?(?:ollut\s+)?mukana\s+(?:\w+\s+){0,2}\w*(?:ryhmä|toimikun|neuvosto|valmistelu)\w*",
                       r"(?:on\s+)?(?:avusti|avustanut|neuvoi|neuvonut|kommentoi|kommentoinut)",
                       r"osallistu(?:i|ivat|nut|neet)", r"(?:on\s+)?ollut\s+mukana",
                       r"(?:on\s+)?rahoittanut", r"rahoittaa"),
    generic_bodies=("kunnanhallitus", "kunnanvaltuusto", "aluehallitus", "aluevaltuusto",
                    "hallitus", "valtuusto"),
    inflected_organisation_words={
        "kaupung": "kaupunki", "kaupunki": "kaupunki", "yliopisto": "yliopisto",
        "virasto": "virasto", "ministeriö": "ministeriö", "keskukse": "keskus",
        "laitokse": "laitos", "kunna": "kunta", "liito": "liitto", "säätiö": "säätiö",
        "korkeakoulu": "korkeakoulu", "verkosto": "verkosto", "toimisto": "toimisto",
        "toimikunna": "toimikunta", "työryhmä": "työryhmä", "neuvosto": "neuvosto",
        "hyvinvointialuee": "hyvinvointialue",
    },
)

VOCABULARIES: dict[str, DraftVocabulary] = {
    v.language: v for v in (SWEDISH, BOKMAL, NYNORSK, DANISH, FINNISH)
}

# Noun endings after a stem: Scandinavian definite and plural forms (Danish "principper": stem
# "princip", ending "per"), Finnish cases.
ENDINGS = (
    "", "n", "en", "et", "er", "erna", "ens", "ets", "ar", "arna", "ane", "ene", "a", "s", "ns",
    "na", "r", "rna", "ne", "erne", "ernes", "e", "t", "ten", "an", "aa", "ssa", "sta", "lla",
    "lle", "ksi", "ja", "jen", "ssä", "stä", "llä", "lle", "ä", "än", "t", "per", "perne",
    "pet", "ene", "ane",
)
# Words that end in a document word but name no document.
NOT_DOCUMENTS = ("pressemelding", "pressmeddelande", "pressemeddelelse", "pressmeldingar",
                 "planering", "planlegging", "planlægning")
