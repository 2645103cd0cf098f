"""The import arrows of ARCHITECTURE.md, checked against the code: every import of a datarelease
module (inside functions too, not under ``if TYPE_CHECKING``) must be allowed by the table, every
module must be in the table, and no two modules may import each other through any path."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
PACKAGE = SRC / "datarelease"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def short(name: str) -> str:
    return name.removeprefix("datarelease.") if name != "datarelease" else "datarelease"


def type_checking_nodes(tree: ast.Module) -> set[int]:
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden |= {id(n) for n in ast.walk(node)}
    return hidden


def imports_of(path: Path) -> tuple[set[str], set[str]]:
    """(datarelease modules, other top-level packages) that ``path`` imports at run time."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = type_checking_nodes(tree)
    ours: set[str] = set()
    theirs: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                (ours if alias.name.startswith("datarelease") else theirs).add(
                    alias.name if alias.name.startswith("datarelease") else alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("datarelease"):
                theirs.add(node.module.split(".")[0])
                continue
            for alias in node.names:  # `from datarelease.validate import stream` imports a module
                candidate = f"{node.module}.{alias.name}"
                ours.add(candidate if candidate in MODULES else node.module)
    return {short(m) for m in ours}, theirs


def allowed_table() -> dict[str, set[str]]:
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text.split("<!-- imports:begin -->")[1].split("<!-- imports:end -->")[0]
    allowed: dict[str, set[str]] = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or not cells[0].startswith("`"):
            continue
        allowed[cells[0].strip("`")] = set(re.findall(r"`([^`]+)`", cells[1]))
    return allowed


ALLOWED = allowed_table()


def row_of(module: str) -> str:
    """The table row that covers ``module``: its own, else its nearest listed package."""
    name = module
    while name not in ALLOWED:
        if "." not in name:
            raise KeyError(module)
        name = name.rsplit(".", 1)[0]
    return name


def covers(entry: str, module: str) -> bool:
    return module == entry or module.startswith(entry + ".")


def graph() -> dict[str, set[str]]:
    return {short(name): imports_of(path)[0] for name, path in MODULES.items()}


def test_every_module_is_in_the_table() -> None:
    missing = []
    for name in MODULES:
        try:
            row_of(short(name))
        except KeyError:
            missing.append(short(name))
    assert missing == [], f"add these modules to ARCHITECTURE.md's import table: {missing}"


def test_every_import_is_an_allowed_arrow() -> None:
    forbidden = []
    for module, deps in graph().items():
        row = row_of(module)
        for dep in deps:
            if dep == "errors" or (covers(row, dep) and row != "validate"):
                continue  # errors is open to all; a package's modules use each other
            if not any(covers(entry, dep) for entry in ALLOWED[row]):
                forbidden.append(f"{module} -> {dep}")
    assert forbidden == [], "imports ARCHITECTURE.md does not allow: " + ", ".join(sorted(forbidden))


def test_there_is_no_import_cycle() -> None:
    edges = graph()
    # every module's parent packages are initialised before the module runs, so importing one (for
    # datarelease: `__version__`) closes no cycle; every module's outermost one is `datarelease`
    parents = {m: {"datarelease", *(m.rsplit(".", n)[0] for n in range(1, m.count(".") + 1))}
               for m in edges if m != "datarelease"}

    def targets(module: str) -> set[str]:  # importing a module runs its packages' __init__ first
        found = set()
        for dep in edges[module]:
            found.add(dep)
        return found

    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(targets(node)):
            if nxt not in edges or nxt in parents.get(node, set()):
                continue
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)
    assert cycles == []


@pytest.mark.parametrize(("importer", "forbidden"), [
    (m, "cli") for m in ("extract", "normalise", "validate", "package", "pipeline", "ckan", "publish",
                         "download", "diff", "dcat", "release")
] + [(m, p) for m in ("extract", "normalise") for p in ("ckan", "publish", "download", "release",
                                                          "draft")]
  + [("download", "publish"), ("download", "pipeline")])
def test_rules_by_name(importer: str, forbidden: str) -> None:
    deps = {d for m, ds in graph().items() if covers(importer, m) for d in ds}
    assert not any(covers(forbidden, d) for d in deps), f"{importer} imports {forbidden}"


@pytest.mark.parametrize(("library", "owners"), [
    ("ckanapi", {"ckan.portal"}),  # the rest of ckan, and every other module, go through it
    ("frictionless", {"validate.reference", "validate.stream"}),
])
def test_only_their_owners_import_these_libraries(library: str, owners: set[str]) -> None:
    users = {short(name) for name, path in MODULES.items() if library in imports_of(path)[1]}
    strays = {u for u in users if not any(covers(o, u) for o in owners)}
    assert strays == set()
    assert users, f"nothing imports {library}: the rule is stale"


def test_help_imports_neither_the_engines_nor_frictionless() -> None:
    code = "import sys\nfrom datarelease.cli import main\nprint(sorted(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = loaded.stdout
    assert "'frictionless'" not in modules
    assert "datarelease.validate.stream" not in modules and "datarelease.validate.reference" not in modules
    # --help starts in well under 0.2 s: no stage that pulls in BeautifulSoup, pyarrow or the portal
    for heavy in ("'bs4'", "'pyarrow'", "'numpy'", "'requests'", "'rdflib'", "'importlib.metadata'"):
        assert heavy not in modules, heavy


def test_validate_checks_dcat_only_for_releases_with_dcat_metadata() -> None:
    """validate_release decides without importing dcat (rdflib) whether a release has DCAT
    metadata; its list of keys is dcat's."""
    from datarelease import dcat, validate

    assert validate.DCAT_KEYS == dcat.DCAT_KEYS
    code = ("import sys, json, tempfile, pathlib\nfrom datarelease.validate import validate_release\n"
            "d = pathlib.Path(tempfile.mkdtemp())\n"
            "(d / 'datapackage.json').write_text(json.dumps({'name': 'p', 'resources': []}))\n"
            "validate_release(d)\nprint('rdflib' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"
