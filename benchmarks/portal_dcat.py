"""Count the DCAT-AP 3.0.1 violations in a portal's own DCAT export of a dataset.

The same pySHACL check as ``datarelease dcat`` (:func:`datarelease.dcat.check_graph`: the official
shapes and range shapes) on what ckanext-dcat serves: ``/dataset/NAME.ttl``, ``.jsonld``, ``.xml``
and the dataset inside ``/catalog.ttl``.

    .venv/bin/python benchmarks/portal_dcat.py [PORTAL_URL] [DATASET] [--details]

PORTAL_URL defaults to $CKAN_URL, DATASET to this repository's release name.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

import requests
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCAT, RDF

from datarelease import dcat

REPO = Path(__file__).resolve().parent.parent
FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "xml": "xml"}


def _graph(url: str, fmt: str, params: dict[str, str] | None = None) -> Graph:
    response = requests.get(url, params=params, timeout=120)
    response.raise_for_status()
    return Graph().parse(data=response.text, format=fmt)


def _dataset_only(graph: Graph, dataset: URIRef) -> Graph:
    """The part of a catalog that describes one dataset: everything reachable from it."""
    out, seen = Graph(), set()
    todo: list[URIRef | BNode] = [dataset]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in graph.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, URIRef | BNode):
                todo.append(o)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("portal", nargs="?", default=os.environ.get("CKAN_URL"))
    parser.add_argument("dataset", nargs="?",
                        default=json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))["name"])
    parser.add_argument("--details", action="store_true", help="list the violations by message")
    args = parser.parse_args()
    if not args.portal:
        parser.error("no portal: pass PORTAL_URL or set CKAN_URL")
    base = args.portal.rstrip("/")
    shown = requests.get(f"{base}/api/3/action/package_show", params={"id": args.dataset}, timeout=60)
    shown.raise_for_status()
    uri = URIRef(f"{base}/dataset/{shown.json()['result']['id']}")
    rows = []
    for suffix, fmt in FORMATS.items():
        violations, _ = dcat.check_graph(_graph(f"{base}/dataset/{args.dataset}.{suffix}", fmt))
        rows.append((f"/dataset/{args.dataset}.{suffix}", violations))
    catalog = _graph(f"{base}/catalog.ttl", "turtle", {"q": f"name:{args.dataset}"})
    listed = uri in set(catalog.subjects(RDF.type, DCAT.Dataset))
    rows.append(("/catalog.ttl (whole)", dcat.check_graph(catalog)[0]))
    if listed:
        rows.append(("/catalog.ttl (the dataset)", dcat.check_graph(_dataset_only(catalog, uri))[0]))
    print(f"{base}: DCAT-AP 3.0.1 shapes and range shapes (pySHACL)")
    for where, violations in rows:
        print(f"  {where:<50} {len(violations):>4} violations")
        if args.details:
            for (path, message), n in sorted(Counter((v.path, v.message) for v in violations).items()):
                print(f"      {n:>3} × {path}: {message}")
    print(f"  dataset listed in /catalog.ttl: {'yes' if listed else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
