"""Screenshots of a page of every kind for docs/site.md, and of the HTML validation report of the
broken fixtures for docs/validation.md: ``.venv/bin/python tests/take_screenshots.py``.

Publishes the examples with their site into a temporary folder (as a second edition, so that a
tombstone and an edition have their pictures too), serves it on loopback and has
Debian's chromium (through Playwright) photograph each kind at desktop width, and the practice
page at phone width too. Not a test: pictures are for people, and the suite checks the same
pages in tests/test_site_browser.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from bdp_lod.site.layout import Variant  # noqa: E402
from bdp_lod.validation import validate  # noqa: E402
from site_support import LAYOUT, PAGE_KINDS, publish_edition_site, serving  # noqa: E402
from browser_support import CHROMIUM, FLAGS  # noqa: E402
from bdp_lod.site.not_found import NOT_FOUND_PAGE  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> None:
    if CHROMIUM is None:
        sys.exit("chromium is not installed (Debian's chromium)")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work, serving(publish_edition_site(Path(work) / "out")) as url, \
            sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        shots = [(kind, 1280, "desktop") for kind in PAGE_KINDS] + [("practice", 390, "phone")]
        for kind, width, name in shots:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(url + LAYOUT.document(PAGE_KINDS[kind], Variant.HTML))
            file = OUT / f"{'index' if kind == 'landing' else kind}-{name}.png"
            page.screenshot(path=str(file), full_page=False)
            page.close()
            print(file.relative_to(OUT.parent.parent))
        page = browser.new_page(viewport={"width": 390, "height": 900})
        page.goto(url + NOT_FOUND_PAGE)
        page.screenshot(path=str(OUT / "not-found-phone.png"), full_page=False)
        page.close()
        report = Path(work) / "report.html"
        os.chdir(OUT.parent.parent)  # paths in the report as a steward types them
        report.write_text(validate(["tests/fixtures/broken"]).to_html("pl"), encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(report.as_uri())
        page.evaluate("document.getElementById('findings').scrollIntoView()")
        page.screenshot(path=str(OUT / "report-desktop.png"), full_page=False)
        page.close()
        browser.close()


if __name__ == "__main__":
    main()
