"""The site as people see it: Debian's chromium, driven by Playwright, at phone and desktop width.

The published folder of the examples (with ``--site``) is served by ``bdp-lod serve``'s server on
127.0.0.1. Skips, saying so, where chromium or Playwright is missing (.ci/run installs chromium).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from bdp_lod.site.layout import Variant
from bdp_lod.site.not_found import NOT_FOUND_PAGE

from browser_support import chromium
from site_support import LAYOUT, PAGE_KINDS, publish_edition_site, serving


if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
PRACTICE = LAYOUT.document("id/practice/cus-klucze-plan-osl-2023", Variant.HTML)


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(publish_edition_site(tmp_path_factory.mktemp("browser") / "out")) as address:
        yield address


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    yield from chromium()


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_a_practice_page_loads_without_console_errors_and_fits_the_screen(browser: Browser, url: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + PRACTICE)
    assert page.locator("h1").inner_text() == "Plan Organizowania Społeczności Lokalnej"
    assert errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


def test_the_language_switch_leads_to_the_english_page_and_back(browser: Browser, url: str) -> None:
    page = browser.new_page()
    page.goto(url + PRACTICE)
    page.click("text=English")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.url.endswith(".en.html")
    page.click("text=Polski")
    assert page.evaluate("document.documentElement.lang") == "pl"
    page.close()


def test_the_unit_link_of_a_practice_leads_to_the_units_page(browser: Browser, url: str) -> None:
    page = browser.new_page()
    page.goto(url + PRACTICE)
    page.click("text=Gmina Klucze")
    assert page.locator("h1").inner_text() == "Gmina Klucze"
    page.close()


def test_the_landing_page_search_finds_a_practice_by_a_word_of_its_title(browser: Browser, url: str) -> None:
    page = browser.new_page()
    page.goto(url + "index.html")
    page.fill("#search", "organizowania")
    page.wait_for_selector("#results a")
    assert page.locator("#results a").all_inner_texts() == ["Plan Organizowania Społeczności Lokalnej"]
    page.click("#results a")
    assert page.locator("h1").inner_text() == "Plan Organizowania Społeczności Lokalnej"
    page.close()


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_a_page_of_every_kind_loads_without_console_errors_and_fits_the_screen(
    browser: Browser, url: str, kind: str, width: int,
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url + LAYOUT.document(PAGE_KINDS[kind], Variant.HTML))
    gone = kind == "tombstone"
    assert response is not None and response.status == (410 if gone else 200)
    assert page.locator("h1").count() == 1 and page.locator("h1").inner_text().strip()
    # chromium reports the page's own 410 in the console: the status, not an error of the page
    assert errors == (["Failed to load resource: the server responded with a status of 410 (Gone)"] if gone else [])
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


def test_a_tombstone_leads_to_the_search_of_the_landing_page(browser: Browser, url: str) -> None:
    page = browser.new_page()
    response = page.goto(url + "id/practice/dawny-program-2021-03-01")
    assert response is not None and response.status == 410
    assert page.locator("h1").inner_text() == "Dawny <script>alert(1)</script> program & „cudzysłów” </title>"
    page.click("text=Wyszukiwarka praktyk")
    page.fill("#search", "organizowania")
    page.wait_for_selector("#results a")
    assert page.locator("#results a").all_inner_texts() == ["Plan Organizowania Społeczności Lokalnej"]
    page.close()


def test_an_old_link_to_a_renamed_practice_ends_on_its_page(browser: Browser, url: str) -> None:
    page = browser.new_page()
    response = page.goto(url + "id/practice/bdp-0001")
    assert response is not None and response.status == 200
    assert page.url == url + PRACTICE
    assert page.locator("h1").inner_text() == "Plan Organizowania Społeczności Lokalnej"
    page.close()


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_the_404_page_a_static_host_answers_loads_without_console_errors_and_fits_the_screen(
    browser: Browser, url: str, width: int,
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + NOT_FOUND_PAGE)  # as a file here; nginx and Apache answer it for any missing path
    assert page.locator("h1").inner_text() == "Nie ma takiej strony"
    assert page.locator("section[lang=en] h2").inner_text() == "No such page"
    assert errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()
