"""More words editors use for a document's principles, steps or starting points, per language, as
data beside :mod:`~datarelease.draft.vocabulary` (which holds the first ones), and the words that
contain one of them but mean something else.

What counts (GOLD.md: "principles, steps or starting points"): values, pillars, cornerstones,
guiding stars, basic ideas, building blocks, focus and priority areas, strategic choices and the
"grep" a document rests on. What does not: goals and targets (målsætninger, tavoitteet: what the
document wants to reach, not what it rests on), measures, initiatives and activities (tiltak,
toimenpiteet), recommendations to others, and guidelines (riktlinjer, retningslinjer: a kind of
document here, so "Riktlinjerna innehåller …" names a document, not a list of principles).

A principle word is found inside a longer word ("grundpelare", "kerneværdierne"), so a word that
holds one by chance is listed in ``NOT_PRINCIPLE_WORDS`` ("utvärdering" holds "värdering",
"begrep" holds "grep", "søylediagram" holds "søyle").
"""

from __future__ import annotations

from collections.abc import Mapping

MORE_PRINCIPLE_WORDS: Mapping[str, tuple[str, ...]] = {
    "sv": ("värderingar", "kärnvärde", "grundvärde", "pelare", "byggsten", "byggstenar",
           "grundtank", "hållpunkt", "tyngdpunkt", "satsningsområde", "insatsområde",
           "strategiska val", "bärande idé"),
    "nb": ("fokusområde", "pilar", "søyle", "grep", "hjørnestein", "grunntank", "byggestein",
           "byggekloss", "tyngdepunkt", "satsningsområde", "peilemerke", "prioritering",
           "verdier", "verdiene", "grunnverdi", "kjerneverdi", "retningsvalg"),
    "nn": ("fokusområde", "pilar", "søyle", "grep", "hjørnestein", "grunntank", "byggjestein",
           "byggeklosse", "tyngdepunkt", "peilemerke", "prioritering", "leiestjerne", "verdiar",
           "verdiane", "verdier", "grunnverdi", "kjerneverdi", "retningsval"),
    "da": ("værdier", "søjle", "greb", "grundtank", "byggesten", "tyngdepunkt",
           "satsningsområde", "ledetråd", "prioritering", "pejlemærker", "retningsvalg"),
    "fi": ("pilari", "pilare", "arvoihin", "arvoja", "arvoina", "ohjenuor", "perusajatu",
           "valinnat", "valinto"),
}

# words that hold a principle word but name something else
NOT_PRINCIPLE_WORDS: tuple[str, ...] = (
    "utvärdering", "omvärdering", "nyvärdering", "begrep", "inngrep", "indgreb", "begreb",
    "grepp", "angrep", "overgrep", "angreb", "overgreb", "søylediagram", "søjlediagram",
    "arvoinen", "arvoise", "verdifull", "verdiful", "værdifuld", "merverdi", "merværdi",
    "verdighet", "verdigheit", "værdighed", "verdiskap", "valintakoe", "ohjelmavalinn",
    "verdianslag", "verdivurdering", "verdiøk", "verdiauk",
)

__all__ = ["MORE_PRINCIPLE_WORDS", "NOT_PRINCIPLE_WORDS"]
