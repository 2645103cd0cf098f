"""Dataset search from PostgreSQL: the part of CKAN's Solr query language that CKAN's own pages,
package_search callers and ckanext-dcat's catalog use.

- ``q``: free text (PostgreSQL ``websearch_to_tsquery``, the 'simple' configuration) over each
  dataset's name, title, description, tags and its resources' names and descriptions; ``*:*`` or
  nothing matches all; a q made only of ``field:value`` terms filters like ``fq``.
- ``fq`` / ``fq_list``: ``[+|-]field:value``, ``field:"quoted value"`` and ``field:(a OR b)``
  terms, all of which must hold, on the fields in :data:`FILTERS`; anything else is a
  SearchQueryError, never silently ignored.
- facets (``facet.field``, ``facet.limit``, ``facet.mincount``) on :data:`FACETS`; ``sort`` on
  :data:`SORTS`; ``rows`` and ``start``; ``fl``.
- permission labels as CKAN computes them (public, member-ORG, creator-USER, collaborator-ID):
  a private dataset is found only by those allowed to see it.

Results carry ``validated_data_dict`` as Solr's would: the dataset as package_show gives it.
"""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa
from ckan import model
from ckan.lib.search.common import SearchQueryError

# One dataset's searchable text; the same expression ranks and matches.
DOCUMENT = """to_tsvector('simple', concat_ws(' ', p.name, p.title, p.notes,
  (SELECT string_agg(t.name, ' ') FROM package_tag pt JOIN tag t ON t.id = pt.tag_id
    WHERE pt.package_id = p.id AND pt.state = 'active'),
  (SELECT string_agg(concat_ws(' ', r.name, r.description), ' ') FROM resource r
    WHERE r.package_id = p.id AND r.state = 'active')))"""

_TAGS = """EXISTS (SELECT 1 FROM package_tag pt JOIN tag t ON t.id = pt.tag_id
  WHERE pt.package_id = p.id AND pt.state = 'active' AND t.name = ANY({v}))"""
_FORMATS = """EXISTS (SELECT 1 FROM resource r WHERE r.package_id = p.id AND r.state = 'active'
  AND r.format = ANY({v}))"""
_GROUPS = """EXISTS (SELECT 1 FROM member m JOIN "group" g ON g.id = m.group_id
  WHERE m.table_id = p.id AND m.table_name = 'package' AND m.state = 'active'
  AND g.is_organization = false AND g.state = 'active' AND g.name = ANY({v}))"""
_ORGANIZATION = """p.owner_org IN (SELECT g.id FROM "group" g WHERE g.is_organization
  AND g.name = ANY({v}))"""

# fq field → SQL condition on the dataset ``p``; {v} is a bound array of the wanted values.
FILTERS = {
    "id": "p.id = ANY({v})",
    "name": "p.name = ANY({v})",
    "state": "p.state = ANY({v})",
    "dataset_type": "p.type = ANY({v})",
    "type": "p.type = ANY({v})",
    "owner_org": "p.owner_org = ANY({v})",
    "organization": _ORGANIZATION,
    "license_id": "p.license_id = ANY({v})",
    "tags": _TAGS,
    "res_format": _FORMATS,
    "groups": _GROUPS,
    "capacity": "(CASE WHEN p.private THEN 'private' ELSE 'public' END) = ANY({v})",
}
IGNORED = frozenset({"site_id"})  # one site per database

# facet field → (SQL giving (dataset id, value) rows)
FACETS = {
    "organization": """SELECT p.id, g.name FROM package p JOIN "group" g ON g.id = p.owner_org""",
    "owner_org": "SELECT p.id, p.owner_org FROM package p WHERE p.owner_org IS NOT NULL",
    "license_id": "SELECT p.id, p.license_id FROM package p WHERE coalesce(p.license_id, '') <> ''",
    "tags": """SELECT pt.package_id, t.name FROM package_tag pt JOIN tag t ON t.id = pt.tag_id
      WHERE pt.state = 'active'""",
    "res_format": """SELECT DISTINCT r.package_id, r.format FROM resource r
      WHERE r.state = 'active' AND coalesce(r.format, '') <> ''""",
    "groups": """SELECT m.table_id, g.name FROM member m JOIN "group" g ON g.id = m.group_id
      WHERE m.table_name = 'package' AND m.state = 'active' AND NOT g.is_organization
      AND g.state = 'active'""",
}

SORTS = {
    "score": "hits.score",
    "rank": "hits.score",
    "metadata_modified": "hits.metadata_modified",
    "metadata_created": "hits.metadata_created",
    "name": "hits.name",
    "title_string": "lower(hits.title)",
    "title": "lower(hits.title)",
}
MAX_ROWS = 1000

_TERM = re.compile(r'([+-]?)([A-Za-z_]+):("(?:[^"\\]|\\.)*"|\([^)]*\)|[^\s()"]+)')
_ALL = ("", "*:*", '""', "''", "*")


def _values(raw: str) -> list[str]:
    if raw.startswith("("):
        parts = re.split(r"\s+OR\s+", raw[1:-1].strip())
        return [_unquote(p) for p in parts if p.strip()]
    return [_unquote(raw)]


def _unquote(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        return re.sub(r"\\(.)", r"\1", raw[1:-1])
    return raw


def parse_filters(text: str) -> list[tuple[bool, str, list[str]]]:
    """(negated, field, values) of each term of an fq string; SearchQueryError for anything else."""
    terms = []
    rest = _TERM.sub(" ", text)
    if rest.strip():
        raise SearchQueryError(f"pgsearch: cannot read the filter {text!r} (expected field:value terms)")
    for sign, name, raw in _TERM.findall(text):
        if name in IGNORED:
            continue
        if name not in FILTERS:
            raise SearchQueryError(f"pgsearch: cannot filter on {name!r}; it knows "
                                   f"{', '.join(sorted(FILTERS))}")
        terms.append((sign == "-", name, _values(raw)))
    return terms


def parse_sort(text: str | None) -> str:
    clauses = []
    for part in (text or "score desc, metadata_modified desc").split(","):
        words = part.split()
        if not words:
            continue
        field, direction = words[0], (words[1].lower() if len(words) > 1 else "asc")
        if field not in SORTS or direction not in ("asc", "desc") or len(words) > 2:
            raise SearchQueryError('Invalid "sort" parameter')
        clauses.append(f"{SORTS[field]} {direction.upper()}")
    return ", ".join([*clauses, "hits.name ASC"])


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return [value]
        return [str(v) for v in parsed] if isinstance(parsed, list) else [value]
    return [str(v) for v in value]


class Search:
    """One package_search: the SQL of its filters, then hits, count and facets."""

    def __init__(self, query: dict[str, Any], permission_labels: list[str] | None) -> None:
        self.params: dict[str, Any] = {}
        self.where: list[str] = []
        self.text: str | None = None
        self._filtered: list[str] = []  # the fields filtered on
        q = str(query.get("q") or "").strip()
        if q not in _ALL:
            if _TERM.sub(" ", q).strip():
                self.text = q
            else:
                self._filters(q)
        for fq in [query.get("fq") or "", *_as_list(query.get("fq_list"))]:
            self._filters(fq if isinstance(fq, str) else " ".join(fq))
        if not any(name == "state" for name in self._filtered):
            self._add(False, "state", ["active"])
        if permission_labels is not None:
            self.where.append(self._labels_condition(permission_labels))

    def _filters(self, text: str) -> None:
        for negated, name, values in parse_filters(text):
            self._add(negated, name, values)

    def _add(self, negated: bool, name: str, values: list[str]) -> None:
        self._filtered.append(name)
        key = f"v{len(self.params)}"
        self.params[key] = values
        condition = FILTERS[name].format(v=f":{key}")
        self.where.append(f"NOT ({condition})" if negated else f"({condition})")

    def _labels_condition(self, labels: list[str]) -> str:
        key = f"v{len(self.params)}"
        self.params[key] = list(labels)
        # CKAN's default labels (ckan.lib.plugins.DefaultPermissionLabels.get_dataset_labels)
        return f"""(CASE WHEN p.state = 'active' AND NOT p.private THEN ARRAY['public']
          ELSE ARRAY['collaborator-' || p.id,
                     CASE WHEN p.owner_org IS NOT NULL THEN 'member-' || p.owner_org
                          ELSE 'creator-' || p.creator_user_id END] END) && CAST(:{key} AS text[])"""

    def hits_sql(self) -> str:
        score = "0.0"
        where = list(self.where)
        if self.text is not None:
            self.params["q"] = self.text
            score = f"ts_rank({DOCUMENT}, websearch_to_tsquery('simple', :q))"
            where.append(f"{DOCUMENT} @@ websearch_to_tsquery('simple', :q)")
        return (f"SELECT p.id, p.name, p.title, p.metadata_modified, p.metadata_created, {score} AS score "
                f"FROM package p WHERE {' AND '.join(where) or 'true'}")

    def run(self, query: dict[str, Any]) -> tuple[int, list[str], dict[str, dict[str, int]]]:
        session = model.Session
        hits = self.hits_sql()
        rows = min(max(int(query.get("rows", 10) or 0), 0), MAX_ROWS)
        start = max(int(query.get("start", 0) or 0), 0)
        count = session.execute(sa.text(f"SELECT count(*) FROM ({hits}) hits"), self.params).scalar()
        ids = [r[0] for r in session.execute(sa.text(
            f"SELECT hits.id FROM ({hits}) hits ORDER BY {parse_sort(query.get('sort'))} "
            f"LIMIT {rows} OFFSET {start}"), self.params)]
        return int(count or 0), ids, self._facets(query, hits)

    def _facets(self, query: dict[str, Any], hits: str) -> dict[str, dict[str, int]]:
        fields = _as_list(query.get("facet.field"))
        if str(query.get("facet", "true")).lower() == "false":
            return {}
        limit = int(query.get("facet.limit", 50) or 50)
        mincount = int(query.get("facet.mincount", 1) or 0)
        facets: dict[str, dict[str, int]] = {}
        for field in fields:
            if field not in FACETS:
                facets[field] = {}  # like Solr for a field it does not index
                continue
            sql = (f"SELECT f.value, count(DISTINCT f.id) AS n FROM ({FACETS[field]}) AS f(id, value) "
                   f"WHERE f.id IN (SELECT hits.id FROM ({hits}) hits) GROUP BY f.value "
                   f"HAVING count(DISTINCT f.id) >= {mincount} ORDER BY n DESC, f.value ASC"
                   + (f" LIMIT {limit}" if limit >= 0 else ""))
            facets[field] = {str(v): int(n) for v, n in model.Session.execute(sa.text(sql), self.params)}
        return facets
