"""The generated web-server rules answer as the layout says: a real nginx on loopback.

Until the site writer fills ``doc/``, the folder here holds one file per document the layout
names for every IRI the examples' dump mints, each containing its own path, so the test sees
which file nginx served. Skips (saying so) where Debian's nginx is not installed.
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

import pytest
import requests
from rdflib import Graph, URIRef

from bdp_lod.convert import convert
from bdp_lod.site.hosting import Hosting, apache, nginx_http, nginx_server, w3id
from bdp_lod.site.layout import Layout, Variant

from conftest import EXAMPLES

BASE = "https://w3id.org/bdp/"
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


def _identifier_paths(folder: Path) -> list[str]:
    result = convert([EXAMPLES], folder / "bdp.nt")
    assert result.ok
    layout = Layout(BASE)
    graph = Graph().parse(folder / "bdp.nt", format="nt")
    iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    return sorted({p for p in map(layout.path, iris) if p})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if NGINX is None:
        pytest.skip("nginx is not installed (Debian's nginx-light; .ci/run installs it)")
    work = tmp_path_factory.mktemp("nginx")
    folder = work / "site"
    folder.mkdir()
    layout = Layout(BASE)
    paths = _identifier_paths(folder)
    for path in ["", *paths]:
        for variant in Variant:
            file = folder / layout.document(path, variant)
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(layout.document(path, variant), encoding="utf-8")
    (folder / ".well-known").mkdir()
    (folder / ".well-known/void").write_text("<https://w3id.org/bdp/data/bdp> a <http://rdfs.org/ns/void#Dataset> .\n", encoding="utf-8")
    port = _free_port()
    hosting = Hosting(layout, site=f"http://127.0.0.1:{port}/bdp/")
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
        yield Site(f"http://127.0.0.1:{port}/bdp/", layout, paths)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_examples_mint_every_kind_of_identifier(site: Site) -> None:
    kinds = {"/".join(p.split("/")[:2]) for p in site.paths}
    assert {"id/practice", "id/unit", "id/area", "id/institution", "id/contact", "def/theme"} <= kinds


@pytest.mark.parametrize("accept", list(ACCEPT))
def test_every_identifier_answers_303_to_the_document_the_client_accepts(site: Site, accept: str) -> None:
    session = requests.Session()
    for path in site.paths:
        response = session.get(site.url + path, headers={"Accept": accept}, allow_redirects=False)
        expected = site.url + site.layout.document(path, ACCEPT[accept])
        assert (response.status_code, response.headers.get("Location"), response.headers.get("Vary")) == (303, expected, "Accept"), path
        document = session.get(expected, headers={"Accept": accept})
        assert document.status_code == 200, expected
        assert document.headers["Content-Type"].split(";")[0] == accept
        assert document.text == site.layout.document(path, ACCEPT[accept])


def test_rdf_documents_may_be_read_by_scripts_of_other_sites(site: Site) -> None:
    document = site.layout.document(site.paths[0], Variant.TURTLE)
    assert requests.get(site.url + document).headers["Access-Control-Allow-Origin"] == "*"


def test_the_base_is_the_landing_page_and_its_rdf_is_the_catalogs(site: Site) -> None:
    page = requests.get(site.url, headers={"Accept": "text/html"})
    assert (page.status_code, page.text) == (200, "index.html")
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
    hosting = Hosting(Layout(BASE), site="https://dane.example.org/bdp/")
    htaccess, redirects = apache(hosting), w3id(hosting)
    rule = r"RewriteRule ^id/([^/]+)/(([^/]{2})[^/]*([^/]{2})([^/]{2}))(/.*)?$"
    assert f"{rule} doc/id/$1/$5/$4/$3/$2$6.ttl [R=303,L]" in htaccess
    assert f"{rule} https://dane.example.org/bdp/doc/id/$1/$5/$4/$3/$2$6.ttl [R=303,L]" in redirects
    assert "RewriteRule ^data/bdp/([^/]+\\.[^/]+)$ $1 [L]" in htaccess
    assert redirects.endswith("RewriteRule ^(.*)$ https://dane.example.org/bdp/$1 [R=302,L]\n")


def test_the_well_known_void_is_turtle(site: Site) -> None:
    response = requests.get(site.url + ".well-known/void")
    assert response.status_code == 200 and response.headers["Content-Type"].split(";")[0] == "text/turtle"
