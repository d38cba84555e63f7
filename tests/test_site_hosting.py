"""The generated web-server rules answer as the layout says: a real nginx on loopback, serving
the examples published with ``--site``, asked the same requests as ``bdp-lod serve`` over the same
folder and expected to give the same answers. Skips (saying so) where Debian's nginx is not
installed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from rdflib import Graph, URIRef

from bdp_lod.site.hosting import Hosting, apache, nginx_http, nginx_server, w3id
from bdp_lod.site.layout import Layout, Variant
from bdp_lod.site.retired import read_retired, retirement

from site_support import LAYOUT, RENAMED, WITHDRAWN, WITHDRAWN_ACTIVITY, publish_edition_site, serving

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
ACCEPT = {
    "text/html": Variant.HTML,
    "text/turtle": Variant.TURTLE,
    "application/ld+json": Variant.JSONLD,
    "application/n-triples": Variant.NTRIPLES,
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Site:
    url: str
    layout: Layout
    paths: list[str]
    folder: Path


def _identifier_paths(folder: Path) -> list[str]:
    graph = Graph().parse(folder / "bdp.nt", format="nt")
    iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    return sorted({p for p in map(LAYOUT.path, iris) if p})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if NGINX is None:
        pytest.skip("nginx is not installed (Debian's nginx-light; .ci/run installs it)")
    work = tmp_path_factory.mktemp("nginx")
    folder = publish_edition_site(work / "site")
    layout = LAYOUT
    paths = _identifier_paths(folder)
    port = _free_port()
    hosting = Hosting(layout, site=f"http://127.0.0.1:{port}/bdp/", retirement=retirement(read_retired(folder, layout), layout))
    (work / "http.conf").write_text(nginx_http(hosting), encoding="utf-8")
    (work / "server.conf").write_text(nginx_server(hosting, str(folder)), encoding="utf-8")
    # As root nginx's workers would run as nobody, who cannot enter pytest's 0700 folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(f"""
{user}
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {work}/tmp; proxy_temp_path {work}/tmp; fastcgi_temp_path {work}/tmp;
    uwsgi_temp_path {work}/tmp; scgi_temp_path {work}/tmp;
    default_type application/octet-stream;
    include {work}/http.conf;
    server {{
        listen 127.0.0.1:{port};
        include {work}/server.conf;
    }}
}}
""", encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"nginx did not start: {process.stderr.read().decode() if process.stderr else ''}")
                time.sleep(0.05)
        yield Site(f"http://127.0.0.1:{port}/bdp/", layout, paths, folder)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_examples_mint_every_kind_of_identifier(site: Site) -> None:
    kinds = {"/".join(p.split("/")[:2]) for p in site.paths}
    assert {"id/practice", "id/unit", "id/area", "id/institution", "id/contact", "def/theme"} <= kinds


@pytest.fixture(scope="module")
def preview(site: Site) -> Iterator[str]:
    """``bdp-lod serve`` over the same folder: the reference nginx must agree with."""
    with serving(site.folder) as url:
        yield url


@dataclass(frozen=True)
class Answer:
    status: int
    location: str | None
    vary: str | None
    media: str | None
    body: bytes


def _ask(session: requests.Session, root: str, path: str, accept: str) -> Answer:
    """One request, told relative to the server's root, so two servers' answers compare."""
    response = session.get(root + path, headers={"Accept": accept}, allow_redirects=False)
    location = response.headers.get("Location")
    if location is not None:
        location = location.removeprefix(root.rstrip("/")).removeprefix(urlsplit(root).path).lstrip("/")
    # A redirect's or an error's body is the server's own (nginx's stock pages): only what a
    # document or a tombstone answers is compared byte for byte.
    found = response.status_code in (200, 410)
    media = response.headers.get("Content-Type", "").split(";")[0] if found else None
    body = response.content if found else b""
    return Answer(response.status_code, location, response.headers.get("Vary"), media, body)


@pytest.mark.parametrize("accept", list(ACCEPT))
def test_every_identifier_answers_303_to_the_document_the_client_accepts(site: Site, accept: str) -> None:
    session = requests.Session()
    for path in site.paths:
        answer = _ask(session, site.url, path, accept)
        document = site.layout.document(path, ACCEPT[accept])
        assert (answer.status, answer.location, answer.vary) == (303, document, "Accept"), path
        served = _ask(session, site.url, document, accept)
        assert (served.status, served.media, served.body) == (200, accept, (site.folder / document).read_bytes()), document


@pytest.mark.parametrize("accept", [*ACCEPT, "text/html;q=0.5, text/turtle", "*/*"])
def test_nginx_answers_every_request_as_serve_does(site: Site, preview: str, accept: str) -> None:
    session = requests.Session()
    retired = [WITHDRAWN, WITHDRAWN_ACTIVITY, *RENAMED]
    requests_ = ["", *site.paths, *retired, *(f for p in retired for f in site.layout.variants(p).values()),
                 "data/bdp/edition/1", "data/bdp/edition/2", "data/bdp/bdp.nt", "data/bdp/catalog.ttl",
                 "data/bdp/retired.ttl", ".well-known/void", "sitemap.xml", "search.json", "robots.txt",
                 "doc/id/practice/no/ne/none.html", "id/practice/none", "nothing/here", ".bdp-gone/index.html"]
    for path in requests_:
        answer = _ask(session, site.url, path, accept)
        assert answer == _ask(session, preview, path, accept), path
        if answer.location is not None:
            document = answer.location
            assert _ask(session, site.url, document, accept) == _ask(session, preview, document, accept), document


def test_rdf_documents_may_be_read_by_scripts_of_other_sites(site: Site) -> None:
    document = site.layout.document(site.paths[0], Variant.TURTLE)
    assert requests.get(site.url + document).headers["Access-Control-Allow-Origin"] == "*"


def test_the_base_is_the_landing_page_and_its_rdf_is_the_catalogs(site: Site) -> None:
    page = requests.get(site.url, headers={"Accept": "text/html"})
    assert (page.status_code, page.content) == (200, (site.folder / "index.html").read_bytes())
    rdf = requests.get(site.url, headers={"Accept": "text/turtle"}, allow_redirects=False)
    assert (rdf.status_code, rdf.headers["Location"]) == (303, site.url + "doc/id/catalog.ttl")


def test_dumps_under_the_download_base_are_the_files_at_the_root(site: Site) -> None:
    response = requests.get(site.url + "data/bdp/bdp.nt")
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == "application/n-triples"
    assert Graph().parse(data=response.text, format="nt")


def test_a_path_that_names_nothing_is_404_and_dots_never_leave_the_folder(site: Site) -> None:
    assert requests.get(site.url + "doc/id/practice/no/ne/none.html").status_code == 404
    for escape in ("doc/../../nginx.conf", "doc/%2e%2e/%2e%2e/nginx.conf"):
        assert requests.get(site.url + escape).status_code in (400, 404)


def test_apache_and_w3id_rules_redirect_with_the_same_patterns() -> None:
    hosting = Hosting(LAYOUT, site="https://dane.example.org/bdp/")
    htaccess, redirects = apache(hosting), w3id(hosting)
    rule = r"RewriteRule ^id/([^/]+)/(([^/]{2})[^/]*([^/]{2})([^/]{2}))(/.*)?$"
    assert f"{rule} doc/id/$1/$5/$4/$3/$2$6.ttl [R=303,L]" in htaccess
    assert f"{rule} https://dane.example.org/bdp/doc/id/$1/$5/$4/$3/$2$6.ttl [R=303,L]" in redirects
    assert "RewriteRule ^data/bdp/([^/]+\\.[^/]+)$ $1 [L]" in htaccess
    assert redirects.endswith("RewriteRule ^(.*)$ https://dane.example.org/bdp/$1 [R=302,L]\n")


def test_the_well_known_void_is_turtle(site: Site) -> None:
    response = requests.get(site.url + ".well-known/void")
    assert response.status_code == 200 and response.headers["Content-Type"].split(";")[0] == "text/turtle"


@pytest.mark.parametrize("accept", list(ACCEPT))
@pytest.mark.parametrize("path", [WITHDRAWN, WITHDRAWN_ACTIVITY])
def test_a_withdrawn_identifier_is_410_gone_with_its_tombstone_in_the_form_the_client_accepts(
    site: Site, accept: str, path: str,
) -> None:
    answer = _ask(requests.Session(), site.url, path, accept)
    tombstone = site.folder / site.layout.document(path, ACCEPT[accept])
    assert (answer.status, answer.location, answer.vary, answer.media, answer.body) == (
        410, None, "Accept", accept, tombstone.read_bytes())


@pytest.mark.parametrize("variant", list(Variant))
def test_each_document_of_a_withdrawn_identifier_is_410_gone_with_itself(site: Site, variant: Variant) -> None:
    document = site.layout.document(WITHDRAWN, variant)
    answer = _ask(requests.Session(), site.url, document, "*/*")
    assert (answer.status, answer.media, answer.body) == (410, variant.media_type, (site.folder / document).read_bytes())


@pytest.mark.parametrize("accept", list(ACCEPT))
@pytest.mark.parametrize("old", list(RENAMED))
def test_a_renamed_identifier_moved_permanently_in_one_hop_to_the_newest_name(site: Site, accept: str, old: str) -> None:
    answer = _ask(requests.Session(), site.url, old, accept)
    assert (answer.status, answer.location, answer.vary) == (301, "id/practice/cus-klucze-plan-osl-2023", "Accept")
    followed = _ask(requests.Session(), site.url, answer.location, accept)
    assert (followed.status, followed.location) == (303, site.layout.document(answer.location, ACCEPT[accept]))


@pytest.mark.parametrize("variant", list(Variant))
def test_a_renamed_identifiers_documents_moved_to_the_same_document_of_the_new_one(site: Site, variant: Variant) -> None:
    old = next(iter(RENAMED))
    answer = _ask(requests.Session(), site.url, site.layout.document(old, variant), "*/*")
    assert (answer.status, answer.location) == (301, site.layout.document("id/practice/cus-klucze-plan-osl-2023", variant))


def test_the_tombstones_internal_prefix_is_not_served_to_clients(site: Site) -> None:
    document = site.layout.document(WITHDRAWN, Variant.TURTLE)
    assert requests.get(site.url + ".bdp-gone/" + document).status_code == 404


def test_apache_answers_gone_with_the_tombstone_and_w3id_sends_renamed_identifiers_to_the_new_iri(site: Site) -> None:
    htaccess = (site.folder / ".htaccess").read_text(encoding="utf-8")
    redirects = (site.folder / "hosting/w3id.htaccess").read_text(encoding="utf-8")
    assert '<If "-n %{reqenv:BDP_GONE}">\n    ErrorDocument 410 /bdp/%{reqenv:BDP_GONE}\n</If>\n' in htaccess
    assert ("RewriteCond %{ENV:REDIRECT_STATUS} ^$\nRewriteCond %{HTTP_ACCEPT} text/turtle [NC]\n"
            "RewriteRule ^id/practice/dawny\\-program\\-2021\\-03\\-01$ - "
            "[G,E=BDP_GONE:doc/id/practice/01/3-/da/dawny-program-2021-03-01.ttl]\n") in htaccess
    assert ("RewriteRule ^id/practice/bdp\\-0001$ id/practice/cus-klucze-plan-osl-2023 [R=301,L]\n") in htaccess
    assert ("RewriteRule ^id/practice/bdp\\-0001$ https://w3id.org/bdp/id/practice/cus-klucze-plan-osl-2023 [R=301,L]\n"
            ) in redirects
    assert htaccess.index("[G,") < htaccess.index("[R=303,L]") and redirects.index("[R=301,L]") < redirects.index("[R=303,L]")


def test_every_edition_answers_like_the_dataset(site: Site) -> None:
    for accept, variant in ACCEPT.items():
        answer = _ask(requests.Session(), site.url, "data/bdp/edition/2", accept)
        assert (answer.status, answer.location) == (303, f"doc/data/bdp/edition/2{variant.extension}")
