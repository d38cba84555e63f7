"""The generated ``.htaccess`` in a real Apache httpd on loopback (Debian's ``apache2``: mod_rewrite,
mod_headers, mod_mime, mod_alias), serving the examples published with ``--site`` under
``/bdp/`` and asked the same requests as ``bdp-lod serve`` over the same folder, as
tests/test_site_hosting.py does for nginx. Skips (saying so) where Apache is not installed.

Apache found what no reading of the rules had: an ``<If>`` around the tombstone's
``ErrorDocument`` never matched (an ``.htaccess`` ``<If>`` is decided before mod_rewrite sets
the variable it tests), so a withdrawn identifier answered Apache's stock 410 page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bdp_lod.site.layout import Variant
from bdp_lod.site.hosting import Hosting, apache
from bdp_lod.site.retired import read_retired, retirement

from hosting_support import ACCEPT, COMPARED_ACCEPTS, Site, ask, assert_answers_alike, assert_not_found_answers, free_port, identifier_paths, wait_for
from site_support import LAYOUT, RENAMED, WITHDRAWN, publish_edition_site, serving

APACHE = shutil.which("apache2") or next((p for p in ("/usr/sbin/apache2",) if Path(p).exists()), None)
MODULES = Path("/usr/lib/apache2/modules")
MIME_TYPES = "/etc/mime.types"
"""Debian's media types (package media-types, which apache2 needs), as a real host has them."""
_NEEDED = ("mpm_event", "authz_core", "alias", "dir", "mime", "rewrite", "headers")


@pytest.fixture(scope="module", params=["alias", "under-document-root"])
def site(request: pytest.FixtureRequest) -> Iterator[Site]:
    """The site at ``/bdp/``, the two ways a host puts a folder there: an ``Alias`` to it, or the
    folder ``bdp`` under the ``DocumentRoot`` (the ``.htaccess`` finds its folder either way)."""
    missing = [m for m in _NEEDED if not (MODULES / f"mod_{m}.so").is_file()]
    if APACHE is None or missing:
        pytest.skip("Apache httpd is not installed (Debian's apache2; .ci/run installs it)")
    # As root Apache's children run as www-data, who cannot enter pytest's 0700 folders: the
    # site lives in a folder of its own that others may read.
    work = Path(tempfile.mkdtemp(prefix="bdp-apache-"))
    try:
        work.chmod(0o755)
        aliased = request.param == "alias"
        root = work / ("empty" if aliased else "www")
        root.mkdir()
        folder = publish_edition_site(work / "site" if aliased else root / "bdp")
        port = free_port()
        hosting = Hosting(LAYOUT, site=f"http://127.0.0.1:{port}/bdp/", retirement=retirement(read_retired(folder, LAYOUT), LAYOUT))
        assert (folder / ".htaccess").read_text(encoding="utf-8") == apache(hosting)
        user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
        modules = "".join(f"LoadModule {m}_module {MODULES}/mod_{m}.so\n" for m in _NEEDED)
        (work / "httpd.conf").write_text(f"""ServerRoot {work}
PidFile {work}/httpd.pid
ErrorLog {work}/error.log
Listen 127.0.0.1:{port}
ServerName 127.0.0.1
{modules}{user}TypesConfig {MIME_TYPES}
DocumentRoot {root}
{f"Alias /bdp/ {folder}/" if aliased else ""}
<Directory {folder}>
    AllowOverride All
    Options FollowSymLinks
    Require all granted
</Directory>
""", encoding="utf-8")
        process = subprocess.Popen([APACHE, "-f", str(work / "httpd.conf"), "-DFOREGROUND"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_for(process, port, "apache2")
            yield Site(f"http://127.0.0.1:{port}/bdp/", LAYOUT, identifier_paths(folder), folder)
        finally:
            process.terminate()
            process.wait(timeout=10)
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def preview(site: Site) -> Iterator[str]:
    with serving(site.folder) as url:
        yield url


@pytest.mark.parametrize("accept", COMPARED_ACCEPTS)
def test_apache_answers_every_request_as_serve_does(site: Site, preview: str, accept: str) -> None:
    assert_answers_alike(site, preview, accept)


@pytest.mark.parametrize("accept", list(ACCEPT))
def test_every_identifier_answers_303_to_the_document_the_client_accepts(site: Site, accept: str) -> None:
    session = requests.Session()
    for path in site.paths:
        answer = ask(session, site.url, path, accept)
        assert (answer.status, answer.location, answer.vary) == (303, site.layout.document(path, ACCEPT[accept]), "Accept"), path


@pytest.mark.parametrize("accept", list(ACCEPT))
def test_a_withdrawn_identifier_is_410_gone_with_its_tombstone(site: Site, accept: str) -> None:
    answer = ask(requests.Session(), site.url, WITHDRAWN, accept)
    tombstone = site.folder / site.layout.document(WITHDRAWN, ACCEPT[accept])
    assert (answer.status, answer.location, answer.media, answer.body) == (410, None, accept, tombstone.read_bytes())


def test_a_renamed_identifier_moved_permanently_in_one_hop(site: Site) -> None:
    for old in RENAMED:
        answer = ask(requests.Session(), site.url, old, "text/turtle")
        assert (answer.status, answer.location) == (301, "id/practice/cus-klucze-plan-osl-2023")


def test_rdf_documents_may_be_read_by_scripts_of_other_sites(site: Site) -> None:
    document = site.layout.document(site.paths[0], Variant.TURTLE)
    assert requests.get(site.url + document).headers["Access-Control-Allow-Origin"] == "*"


def test_dots_never_leave_the_folder(site: Site) -> None:
    for escape in ("doc/../../httpd.conf", "doc/%2e%2e/%2e%2e/httpd.conf", "..%2fhttpd.conf"):
        assert requests.get(site.url + escape).status_code in (400, 403, 404)


def test_a_path_that_names_nothing_is_the_sites_404_page_for_people_and_plain_text_for_rdf_clients(site: Site) -> None:
    assert_not_found_answers(site)


def test_the_404_pages_links_lead_to_the_landing_pages_at_any_depth(site: Site) -> None:
    page = requests.get(site.url + "doc/id/practice/no/ne/none.html", headers={"Accept": "text/html"}).text
    links = {href for href in re.findall(r'href="([^"]+)"', page) if not href.startswith("data:")}
    assert links == {"/bdp/index.html", "/bdp/index.en.html", "/bdp/index.html#search-heading", "/bdp/index.en.html#search-heading"}
    origin = site.url.removesuffix("/bdp/")
    for href in links:
        assert requests.get(origin + href).status_code == 200, href
