"""A ckanext-dcat profile that completes DCAT-AP 3 records so they conform to the 3.0.1 shapes.

Run it after ckanext-dcat's own profile (``ckanext.dcat.rdf.profiles = euro_dcat_ap_3
datarelease_dcat_ap_3``). ckanext-dcat writes the right properties, but the DCAT-AP 3.0.1 range
shapes also check the *class* of every resource a record points to (a harvester cannot fetch a
licence or a theme to find out), and some values come out as plain text where DCAT-AP wants a
URI from the EU vocabularies. This profile changes the graph ckanext-dcat built, nothing else:

- ``dct:format`` "CSV" becomes the EU file type URI, ``dcat:mediaType`` "text/csv" the IANA URI,
  a language code ("en") the EU language URI;
- every URI a record points to gets the class the range shapes expect (a licence is a
  ``dct:LicenseDocument``, a theme a ``skos:Concept``, a contact point a ``vcard:Kind``, ...), and
  each concept a label and its scheme, as DCAT-AP asks of controlled vocabularies;
- the catalog gets the description and publisher DCAT-AP requires (``ckanext.datarelease.*``
  settings, see README.md).

It never invents metadata: a value it cannot map stays as ckanext-dcat wrote it.
"""

from __future__ import annotations

from typing import Any

from ckanext.dcat.profiles import (
    ADMS,
    DCAT,
    DCATAP,
    DCT,
    SPDX,
    VCARD,
    RDFProfile,
)
from ckantoolkit import config
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, RDF, SKOS

EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"

# CKAN format names (as ckan.lib.helpers.unified_resource_format writes them) → EU file types.
FILE_TYPES = {
    "csv": "CSV", "tsv": "TSV", "json": "JSON", "json-ld": "JSON_LD", "jsonld": "JSON_LD",
    "geojson": "GEOJSON", "xml": "XML", "rdf": "RDF_XML", "rdf/xml": "RDF_XML", "ttl": "RDF_TURTLE",
    "turtle": "RDF_TURTLE", "parquet": "PARQUET", "xlsx": "XLSX", "xls": "XLS", "ods": "ODS",
    "zip": "ZIP", "pdf": "PDF", "txt": "TXT", "html": "HTML", "md": "TXT", "markdown": "TXT",
    "svg": "SVG", "png": "PNG", "jpeg": "JPEG", "gzip": "GZIP",
}
# ISO 639-1 → EU language authority codes (the languages of the Nordic and nearby portals).
LANGUAGES = {
    "sv": "SWE", "en": "ENG", "no": "NOR", "nb": "NOB", "nn": "NNO", "da": "DAN", "fi": "FIN",
    "is": "ISL", "se": "SME", "de": "DEU", "fr": "FRA", "es": "SPA", "it": "ITA", "nl": "NLD",
    "pl": "POL", "pt": "POR", "et": "EST", "lv": "LAV", "lt": "LIT",
}
# What the DCAT-AP 3.0.1 range shapes expect the object of each property to be.
RANGES = {
    DCT.accessRights: (DCT.RightsStatement,),
    DCT.rights: (DCT.RightsStatement,),
    DCT.license: (DCT.LicenseDocument,),
    DCT.language: (DCT.LinguisticSystem,),
    DCT.spatial: (DCT.Location,),
    DCT.publisher: (FOAF.Agent,),
    DCT.creator: (FOAF.Agent,),
    DCT.conformsTo: (DCT.Standard,),
    DCT.accrualPeriodicity: (DCT.Frequency,),
    DCT.provenance: (DCT.ProvenanceStatement,),
    DCT.type: (SKOS.Concept,),
    DCT["format"]: (DCT.MediaTypeOrExtent,),
    DCAT.mediaType: (DCT.MediaType, DCT.MediaTypeOrExtent),
    DCAT.compressFormat: (DCT.MediaType, DCT.MediaTypeOrExtent),
    DCAT.packageFormat: (DCT.MediaType, DCT.MediaTypeOrExtent),
    DCAT.theme: (SKOS.Concept,),
    DCAT.contactPoint: (VCARD.Kind,),
    DCAT.landingPage: (FOAF.Document,),
    FOAF.page: (FOAF.Document,),
    FOAF.homepage: (FOAF.Document,),
    DCATAP.availability: (SKOS.Concept,),
    ADMS.status: (SKOS.Concept,),
    SPDX.algorithm: (SPDX.ChecksumAlgorithm,),
}
# Controlled vocabularies whose concepts DCAT-AP names: the scheme of a concept and its title.
SCHEMES = {
    f"{EU}data-theme/": "Data theme",
    f"{EU}planned-availability/": "Planned availability",
    f"{EU}access-right/": "Access right",
    f"{EU}frequency/": "Frequency",
    f"{EU}dataset-status/": "Dataset status",
    f"{EU}distribution-status/": "Distribution status",
    ADMS_PUBLISHER_TYPE: "ADMS publisher type",
}


def file_type_uri(value: str) -> URIRef | None:
    """The EU file type of a CKAN format name ("CSV", "Parquet"); None when it has none."""
    code = FILE_TYPES.get(value.strip().lower())
    return URIRef(f"{EU}file-type/{code}") if code else None


def media_type_uri(value: str) -> URIRef | None:
    """The IANA URI of a media type ("text/csv"); None when it is not one."""
    kind, slash, sub = value.strip().lower().partition("/")
    if not slash or not kind or not sub or " " in value.strip():
        return None
    return URIRef(f"{IANA}{kind}/{sub}")


def language_uri(value: str) -> URIRef | None:
    code = LANGUAGES.get(value.strip().split("-")[0].split("_")[0].lower())
    return URIRef(f"{EU}language/{code}") if code else None


class DataReleaseDCATAP3Profile(RDFProfile):
    """Completes what ckanext-dcat's ``euro_dcat_ap_3`` wrote; see the module docstring."""

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Any) -> None:
        self._uris_for_literals()
        self._declare_classes()

    def graph_from_catalog(self, catalog_dict: dict[str, Any], catalog_ref: Any) -> None:
        g = self.g
        if g.value(catalog_ref, DCT.description) is None:
            description = (config.get("ckanext.datarelease.catalog_description")
                           or config.get("ckan.site_description")
                           or f"The datasets of {config.get('ckan.site_title') or 'this CKAN portal'}.")
            g.add((catalog_ref, DCT.description, Literal(description)))
        if g.value(catalog_ref, DCT.publisher) is None:
            uri = config.get("ckanext.datarelease.catalog_publisher_uri") or config.get("ckan.site_url")
            if uri:
                publisher = URIRef(uri)
                g.add((catalog_ref, DCT.publisher, publisher))
                name = (config.get("ckanext.datarelease.catalog_publisher_name")
                        or config.get("ckan.site_title") or uri)
                g.add((publisher, FOAF.name, Literal(name)))
                kind = config.get("ckanext.datarelease.catalog_publisher_type")
                if kind:
                    g.add((publisher, DCT.type, URIRef(f"{ADMS_PUBLISHER_TYPE}{kind}")))
        self._uris_for_literals()
        self._declare_classes()

    def _uris_for_literals(self) -> None:
        """Plain-text formats, media types and languages → the URIs DCAT-AP asks for."""
        g = self.g
        media = {s: str(o) for s, o in g.subject_objects(DCAT.mediaType) if isinstance(o, Literal)}
        replacements = []
        for predicate, to_uri in ((DCT["format"], file_type_uri), (DCAT.mediaType, media_type_uri),
                                  (DCT.language, language_uri)):
            for subject, value in g.subject_objects(predicate):
                if not isinstance(value, Literal):
                    continue
                uri = to_uri(str(value))
                if uri is None and predicate == DCT["format"]:
                    uri = media_type_uri(str(value)) or media_type_uri(media.get(subject, ""))
                if uri is not None:
                    replacements.append((subject, predicate, value, uri))
        for subject, predicate, old, new in replacements:
            g.remove((subject, predicate, old))
            g.add((subject, predicate, new))

    def _declare_classes(self) -> None:
        """Give each referenced resource the classes the range shapes check, concepts a label."""
        g = self.g
        for predicate, classes in RANGES.items():
            for value in set(g.objects(None, predicate)):
                if isinstance(value, Literal):
                    continue
                for cls in classes:
                    g.add((value, RDF.type, cls))
                if SKOS.Concept in classes and isinstance(value, URIRef):
                    self._describe_concept(value)

    def _describe_concept(self, concept: URIRef) -> None:
        g = self.g
        if g.value(concept, SKOS.prefLabel) is None:
            g.add((concept, SKOS.prefLabel, Literal(_label(str(concept)), lang="en")))
        for prefix, title in SCHEMES.items():
            if str(concept).startswith(prefix) and g.value(concept, SKOS.inScheme) is None:
                scheme = URIRef(prefix.rstrip("/"))
                g.add((concept, SKOS.inScheme, scheme))
                g.add((scheme, RDF.type, SKOS.ConceptScheme))
                g.add((scheme, DCT.title, Literal(title, lang="en")))


def _label(uri: str) -> str:
    """A readable label from a concept URI's last segment ("NonProfitOrganisation", "GOVE")."""
    return uri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].replace("_", " ")
