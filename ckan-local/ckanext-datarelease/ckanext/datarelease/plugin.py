"""The dataset page shows the Python that loads the dataset (``datarelease.load``/``connect``).

A template override of ``package/read.html`` and one template helper; nothing else. The text is
the one ``datarelease.snippet(url)`` gives (the portal's CKAN does not have datarelease installed,
so it is written here again; tests/test_browser.py checks that the two agree).
"""

from __future__ import annotations

import json
import os
from typing import Any

import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit


def snippet(dataset_url: str) -> str:
    """The Python for a dataset's URL, the URL quoted as a Python string literal."""
    literal = json.dumps(dataset_url)  # a JSON string is a valid Python string literal
    return (
        "import datarelease\n"
        "\n"
        f"tables = datarelease.load({literal})  # {{table name: typed pandas DataFrame}}\n"
        f"con = datarelease.connect({literal})  # DuckDB: every table is a view\n"
        'print(con.sql("SHOW TABLES"))\n'
    )


class DataReleasePlugin(plugins.SingletonPlugin):
    plugins.implements(plugins.IConfigurer)
    plugins.implements(plugins.ITemplateHelpers)

    def update_config(self, config: Any) -> None:
        toolkit.add_template_directory(config, os.path.join(os.path.dirname(__file__), "templates"))

    def get_helpers(self) -> dict[str, Any]:
        return {"datarelease_snippet": snippet}
