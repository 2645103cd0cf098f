"""The published release as a person sees it: the real portal in headless Chromium.

The browser is the system's (scripts/browser installs Debian's chromium and chromium-driver),
driven by Selenium through /usr/bin/chromedriver, so that nothing downloads a browser or a
driver. Without a browser, Selenium or a portal the tests are skipped locally and FAIL under CI.
Each test saves a screenshot into $DATARELEASE_SCREENSHOTS (default: test-artifacts/screenshots),
which CI uploads.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

import datarelease
from datarelease import publish
from datarelease.ckan import Portal

from .ckan_fixtures import REPO, CkanEnv

pytestmark = pytest.mark.ckan

CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1800")
WAIT = 30  # seconds for a page part (the table preview loads its rows by AJAX)


def _missing(reason: str) -> None:
    message = f"no browser: {reason} (install it with scripts/browser)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _screenshots() -> Path:
    folder = Path(os.environ.get("DATARELEASE_SCREENSHOTS") or REPO / "test-artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium or not os.access(CHROMEDRIVER, os.X_OK):
        _missing(f"chromium or {CHROMEDRIVER} is not installed")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (scripts/setup)")
    assert chromium is not None
    profile = tempfile.mkdtemp(prefix="datarelease-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium  # with the driver's path given, Selenium looks nothing up
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def release(ckan_env: CkanEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """This repository's release, published under a fresh name; purged after the module."""
    portal = Portal(ckan_env.url, ckan_env.token, backoff=0.05)
    suffix = uuid.uuid4().hex[:10]
    name, org = f"dr-browser-{suffix}", f"dr-browser-org-{suffix}"
    root = tmp_path_factory.mktemp("browser") / "release"
    root.mkdir()
    for folder in ("publish", "schemas"):
        shutil.copytree(REPO / folder, root / folder)
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] = name
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    publish.apply(publish.plan(root, portal, org=org), portal)
    dataset = portal.package_show(name)
    assert dataset is not None
    try:
        yield {"root": root, "descriptor": descriptor, "dataset": dataset, "url": ckan_env.url}
    finally:
        portal.dataset_purge(name)
        portal.organization_purge(org)


def _open(browser: Any, url: str, css: str) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    return WebDriverWait(browser, WAIT).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _shot(browser: Any, name: str) -> Path:
    path = _screenshots() / name
    assert browser.save_screenshot(str(path)), path
    return path


def _resource(release: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in release["dataset"]["resources"] if r["datarelease_name"] == name)


def _first_table(release: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    local = next(r for r in release["descriptor"]["resources"] if r["format"] == "csv")
    return local, _resource(release, local["name"])


def test_the_dataset_list_shows_the_dataset(browser: Any, release: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    name = release["descriptor"]["name"]
    _open(browser, f"{release['url']}/dataset/", ".dataset-list")
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".dataset-heading a")]
    assert f"{release['url']}/dataset/{name}" in links
    assert release["descriptor"]["title"] in browser.find_element(By.CSS_SELECTOR, ".dataset-list").text
    _shot(browser, "01-dataset-list.png")


def test_the_dataset_page_shows_every_resource_and_the_version(browser: Any, release: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    name = release["descriptor"]["name"]
    _open(browser, f"{release['url']}/dataset/{name}", ".resource-list")
    items = browser.find_elements(By.CSS_SELECTOR, ".resource-list .resource-item")
    texts = [" ".join(item.text.split()) for item in items]
    assert len(items) == len(release["descriptor"]["resources"]) + 1  # and datapackage.json
    for resource in release["descriptor"]["resources"]:
        item = next((t for t in texts if resource["title"] in t), None)
        assert item is not None, resource["title"]
        # CKAN shows the start of each description (markdown_extract, 80 characters)
        assert " ".join(resource["description"].split())[:60] in item, resource["name"]
    page = " ".join(browser.find_element(By.TAG_NAME, "body").text.split())
    assert f"Version {release['descriptor']['version']}" in page
    _shot(browser, "02-dataset-page.png")


def test_a_csv_resource_page_previews_the_first_row(browser: Any, release: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    local, remote = _first_table(release)
    with (release["root"] / local["path"]).open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        first = next(reader)
    page = f"{release['url']}/dataset/{release['descriptor']['name']}/resource/{remote['id']}"
    frame = _open(browser, page, "iframe")
    browser.switch_to.frame(frame)
    try:
        row = WebDriverWait(browser, WAIT).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "table tbody tr td:nth-child(2)")))
        cells = [c.text.strip() for c in row.find_element(By.XPATH, "..").find_elements(By.TAG_NAME, "td")]
    finally:
        browser.switch_to.default_content()
    shown = [c for c in cells if c]
    # the preview's first row is the CSV's first row (the _id column first); long cells are cut
    assert shown[0] == "1" and shown[1] == first[0], (cells, first)
    for value in first[1:4]:
        if value:
            assert any(c and value.startswith(c.rstrip("…").strip()) for c in shown[2:]), (value, cells)
    _shot(browser, "03-resource-preview.png")


def test_the_data_dictionary_shows_labels_and_descriptions(browser: Any, release: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    local, remote = _first_table(release)
    schema = json.loads((release["root"] / local["schema"]).read_text(encoding="utf-8"))
    page = f"{release['url']}/dataset/{release['descriptor']['name']}/resource/{remote['id']}"
    _open(browser, page, "iframe")
    heading = browser.find_element(By.XPATH, "//h2[normalize-space()='Data Dictionary']")
    section = heading.find_element(By.XPATH, "..")
    for field in schema["fields"]:
        assert field["title"] in section.text, field["name"]
    # each field's description is behind its accordion button: open them all, as a reader would
    browser.execute_script("arguments[0].querySelectorAll('button[data-bs-toggle=\"collapse\"]')"
                           ".forEach(b => b.click());", section)
    WebDriverWait(browser, WAIT).until(
        lambda _: " ".join(schema["fields"][-1]["description"].split()) in " ".join(section.text.split()))
    visible = " ".join(section.text.split())
    for field in schema["fields"]:
        assert " ".join(field["description"].split()) in visible, field["name"]
    browser.execute_script("arguments[0].scrollIntoView(true);", heading)
    _shot(browser, "04-data-dictionary.png")


def test_a_download_link_returns_the_described_bytes(browser: Any, release: dict[str, Any]) -> None:
    from selenium.webdriver.common.by import By

    local, remote = _first_table(release)
    page = f"{release['url']}/dataset/{release['descriptor']['name']}/resource/{remote['id']}"
    button = _open(browser, page, "a.resource-url-analytics")
    href = button.get_attribute("href")
    assert href and "/download/" in href
    response = requests.get(href, timeout=60)
    response.raise_for_status()
    assert f"sha256:{hashlib.sha256(response.content).hexdigest()}" == local["hash"]
    assert len(response.content) == local["bytes"]
    assert button.is_displayed() and "Download" in browser.find_element(By.TAG_NAME, "body").text
    _shot(browser, "05-resource-download.png")


def test_the_dataset_page_shows_the_python_for_its_own_url(browser: Any, release: dict[str, Any]) -> None:
    url = f"{release['url']}/dataset/{release['descriptor']['name']}"
    code = _open(browser, url, "#datarelease-snippet pre code")
    # the portal's extension writes the text datarelease.snippet gives for the dataset's URL
    assert code.get_attribute("textContent") == datarelease.snippet(url)
    assert code.is_displayed() and f'datarelease.load("{url}")' in code.text
    browser.execute_script("arguments[0].scrollIntoView(true);", code)
    _shot(browser, "06-python-snippet.png")


def test_the_svg_resource_page_shows_the_image(browser: Any, release: dict[str, Any]) -> None:
    remote = _resource(release, "organisation_network")
    page = f"{release['url']}/dataset/{release['descriptor']['name']}/resource/{remote['id']}"
    image = _open(browser, page, ".resource-view img")
    assert image.get_attribute("src") == remote["url"]
    # the browser fetched and drew it: an SVG that failed to load has no natural size
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) > 0
    assert image.is_displayed()
    browser.execute_script("arguments[0].scrollIntoView(true);", image)
    _shot(browser, "07-network-image.png")
