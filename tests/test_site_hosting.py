"""The generated web-server rules answer as the layout says: a real nginx on loopback, serving
the examples published with ``--site``, asked the same requests as ``bdp-lod serve`` over the same
folder and expected to give the same answers. Skips (saying so) where Debian's nginx is not
installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from rdflib import Graph

from bdp_lod.site.hosting import Hosting, apache, nginx_http, nginx_server, w3id
from bdp_lod.site.layout import Variant
from bdp_lod.site.retired import read_retired, retirement

from hosting_support import (
    ACCEPT, COMPARED_ACCEPTS, Site, ask, assert_answers_alike, assert_not_found_answers, free_port, identifier_paths, wait_for,
)
from site_support import LAYOUT, RENAMED, WITHDRAWN, WITHDRAWN_ACTIVITY, publish_edition_site, serving

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if NGINX is None:
        pytest.skip("nginx is not installed (Debian's nginx-light; .ci/run installs it)")
    work = tmp_path_factory.mktemp("nginx")
    folder = publish_edition_site(work / "site")
    layout = LAYOUT
    paths = identifier_paths(folder)
    port = free_port()
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
        wait_for(process, port, "nginx")
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


@pytest.mark.parametrize("accept", list(ACCEPT))
def test_every_identifier_answers_303_to_the_document_the_client_accepts(site: Site, accept: str) -> None:
    session = requests.Session()
    for path in site.paths:
        answer = ask(session, site.url, path, accept)
        document = site.layout.document(path, ACCEPT[accept])
        assert (answer.status, answer.location, answer.vary) == (303, document, "Accept"), path
        served = ask(session, site.url, document, accept)
        assert (served.status, served.media, served.body) == (200, accept, (site.folder / document).read_bytes()), document


@pytest.mark.parametrize("accept", COMPARED_ACCEPTS)
def test_nginx_answers_every_request_as_serve_does(site: Site, preview: str, accept: str) -> None:
    assert_answers_alike(site, preview, accept)


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
    answer = ask(requests.Session(), site.url, path, accept)
    tombstone = site.folder / site.layout.document(path, ACCEPT[accept])
    assert (answer.status, answer.location, answer.vary, answer.media, answer.body) == (
        410, None, "Accept", accept, tombstone.read_bytes())


@pytest.mark.parametrize("variant", list(Variant))
def test_each_document_of_a_withdrawn_identifier_is_410_gone_with_itself(site: Site, variant: Variant) -> None:
    document = site.layout.document(WITHDRAWN, variant)
    answer = ask(requests.Session(), site.url, document, "*/*")
    assert (answer.status, answer.media, answer.body) == (410, variant.media_type, (site.folder / document).read_bytes())


@pytest.mark.parametrize("accept", list(ACCEPT))
@pytest.mark.parametrize("old", list(RENAMED))
def test_a_renamed_identifier_moved_permanently_in_one_hop_to_the_newest_name(site: Site, accept: str, old: str) -> None:
    answer = ask(requests.Session(), site.url, old, accept)
    assert (answer.status, answer.location, answer.vary) == (301, "id/practice/cus-klucze-plan-osl-2023", "Accept")
    followed = ask(requests.Session(), site.url, answer.location, accept)
    assert (followed.status, followed.location) == (303, site.layout.document(answer.location, ACCEPT[accept]))


@pytest.mark.parametrize("variant", list(Variant))
def test_a_renamed_identifiers_documents_moved_to_the_same_document_of_the_new_one(site: Site, variant: Variant) -> None:
    old = next(iter(RENAMED))
    answer = ask(requests.Session(), site.url, site.layout.document(old, variant), "*/*")
    assert (answer.status, answer.location) == (301, site.layout.document("id/practice/cus-klucze-plan-osl-2023", variant))


def test_the_tombstones_internal_prefix_is_not_served_to_clients(site: Site) -> None:
    document = site.layout.document(WITHDRAWN, Variant.TURTLE)
    assert requests.get(site.url + ".bdp-gone/" + document).status_code == 404


def test_apache_answers_gone_with_the_tombstone_and_w3id_sends_renamed_identifiers_to_the_new_iri(site: Site) -> None:
    htaccess = (site.folder / ".htaccess").read_text(encoding="utf-8")
    redirects = (site.folder / "hosting/w3id.htaccess").read_text(encoding="utf-8")
    assert "\nErrorDocument 410 /bdp/%{reqenv:BDP_GONE}\n" in htaccess
    assert ("RewriteCond %{ENV:REDIRECT_STATUS} ^$\nRewriteCond %{HTTP_ACCEPT} text/turtle [NC]\n"
            "RewriteRule ^id/practice/dawny\\-program\\-2021\\-03\\-01$ - "
            "[G,E=BDP_GONE:doc/id/practice/01/3-/da/dawny-program-2021-03-01.ttl]\n") in htaccess
    assert ("RewriteRule ^id/practice/bdp\\-0001$ id/practice/cus-klucze-plan-osl-2023 [R=301,L]\n") in htaccess
    assert ("RewriteRule ^id/practice/bdp\\-0001$ https://w3id.org/bdp/id/practice/cus-klucze-plan-osl-2023 [R=301,L]\n"
            ) in redirects
    assert htaccess.index("[G,") < htaccess.index("[R=303,L]") and redirects.index("[R=301,L]") < redirects.index("[R=303,L]")


def test_every_edition_answers_like_the_dataset(site: Site) -> None:
    for accept, variant in ACCEPT.items():
        answer = ask(requests.Session(), site.url, "data/bdp/edition/2", accept)
        assert (answer.status, answer.location) == (303, f"doc/data/bdp/edition/2{variant.extension}")


def test_a_path_that_names_nothing_is_the_sites_404_page_for_people_and_plain_text_for_rdf_clients(site: Site) -> None:
    assert_not_found_answers(site)
