"""Shared by the site's tests: the examples published with their site, served on loopback."""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from bdp_lod.publish import PublishOptions, publish
from bdp_lod.publish.folder import CHECKSUMS, file_sha256
from bdp_lod.serialize.blocks import RDF_LANG_STRING, XSD_STRING, Lit, Row, nt_term
from bdp_lod.site.reading import SMALL_FILES
from bdp_lod.server import make_server
from bdp_lod.site.layout import Layout
from bdp_lod.site.published import add_site
from bdp_lod.site.writer import write_site

from conftest import EXAMPLES

LAYOUT = Layout("https://w3id.org/bdp/")
PAGE_KINDS = {
    "practice": "id/practice/cus-klucze-plan-osl-2023",
    "activity": "id/practice/cus-klucze-plan-osl-2023/activity/2",
    "gmina": "id/unit/121204",
    "voivodeship": "id/unit/12",
    "area": "id/area/12",
    "institution": "id/institution/urzad-miejski-w-czersku-220204",
    "address": "id/institution/urzad-miejski-w-czersku-220204/address",
    "contact": "id/contact/urzad-miejski-w-czersku-220204-magdalena-apostolowicz",
    "theme": "def/theme/pomoc-spoleczna",
    "vocabulary": "def",
    "dataset": "data/bdp",
    "catalog": "id/catalog",
    "edition": "data/bdp/edition/2",
    "tombstone": "id/practice/dawny-program-2021-03-01",
    "landing": "",
}
"""A page of every kind the site has (docs/site.md's screenshots are of these), in the site of
`publish_edition_site`; the tombstone's page answers ``410 Gone``, every other ``200``."""
WITHDRAWN = "id/practice/dawny-program-2021-03-01"
WITHDRAWN_ACTIVITY = WITHDRAWN + "/activity/1"
RENAMED = {
    "id/practice/plan-organizowania-2023-01-10": "id/practice/cus-klucze-plan-osl-2023",
    "id/practice/bdp-0001": "id/practice/plan-organizowania-2023-01-10",
}
"""Old path → the path that replaced it, as the edition fixture's ``retired.ttl`` states it:
``bdp-0001`` became ``plan-organizowania-…`` in edition 2, which became ``cus-klucze-…`` later."""
HOSTILE_LABEL = 'Dawny <script>alert(1)</script> program & „cudzysłów” </title>'
SOURCE = "http://www.dobrepraktyki.pl/index.php?art=1"
"""The Klucze practice's page: what matches it across its renamings (it has no such page; the
editions need one)."""
RELEASES = ("2026-01-10", "2026-12-07", "2026-12-08")
"""The release dates of editions 1, 2 and 3 of `publish_edition_site`."""


def publish_site(folder: Path) -> Path:
    """The examples published into ``folder`` with ``--site``."""
    publish([str(EXAMPLES)], folder, options=PublishOptions(), extend=functools.partial(write_site, layout=LAYOUT))
    return folder


def _edition_inputs(folder: Path, number: int) -> Path:
    """The examples as edition ``number`` of `publish_edition_site` had them.

    Edition 1 has the Klucze practice under the id ``bdp-0001`` and one more practice (one
    activity); edition 2 drops that one and gives Klucze a shorter title and
    no id, so it is renamed by its page; edition 3 (the examples) gives it its id again."""
    folder.mkdir(parents=True)
    for example in EXAMPLES.iterdir():
        shutil.copy(example, folder / example.name)
    klucze = json.loads((EXAMPLES / "003-klucze.json").read_text(encoding="utf-8"))
    klucze["source_url"] = SOURCE
    if number == 1:
        klucze["id"] = "bdp-0001"
        gone = json.loads((EXAMPLES / "004-kramsk.json").read_text(encoding="utf-8"))
        gone.update(id=WITHDRAWN.rpartition("/")[2], title="Dawny program", date_added="2021-03-01",
                    activities=[{"description": "Spotkania mieszkańców"}])
        (folder / "005-dawny.json").write_text(json.dumps(gone, ensure_ascii=False), encoding="utf-8")
    elif number == 2:
        del klucze["id"]
        klucze["title"] = "Plan Organizowania"
    (folder / "003-klucze.json").write_text(json.dumps(klucze, ensure_ascii=False), encoding="utf-8")
    return folder


def _hostile(folder: Path) -> None:
    """Edition 1's withdrawn practice gets `HOSTILE_LABEL` as its title, in its ``bdp.nt``
    (the one file the next edition reads) and ``SHA256SUMS``: a label the shapes refuse today,
    as an older release might hold, which every page must show as text and never run."""
    dump = folder / "bdp.nt"
    title = f"<{LAYOUT.iri(WITHDRAWN)}> <http://purl.org/dc/terms/title> "
    lines = [line if not line.startswith(title) else f"{title}{nt_term(Lit(HOSTILE_LABEL, 'pl', RDF_LANG_STRING))} .\n"
             for line in dump.read_text(encoding="utf-8").splitlines(keepends=True)]
    dump.write_text("".join(lines), encoding="utf-8")
    sums = (folder / CHECKSUMS).read_text(encoding="utf-8").splitlines()
    (folder / CHECKSUMS).write_text("".join(
        f"{file_sha256(dump) if line.endswith('  bdp.nt') else line.partition('  ')[0]}  {line.partition('  ')[2]}\n"
        for line in sums), encoding="utf-8")


def publish_edition_site(folder: Path) -> Path:
    """The examples published into ``folder`` as the third edition of a real chain of
    ``publish --previous`` (`_edition_inputs`), with its site: edition 2 withdrew a practice
    (with its activity) and renamed ``bdp-0001``, edition 3 renamed it again (`RENAMED`)."""
    work = Path(tempfile.mkdtemp(prefix="editions-", dir=folder.parent))
    previous: Path | None = None
    for number, day in enumerate(RELEASES, start=1):
        target = folder if number == len(RELEASES) else work / f"edition-{number}"
        done = publish([str(_edition_inputs(work / f"inputs-{number}", number))], target, previous=previous,
                       options=PublishOptions(modified=dt.date.fromisoformat(day)))
        assert done.ok, done.report.to_text()
        if number == 1:
            _hostile(target)
        previous = target
    shutil.rmtree(work)
    add_site(folder)
    return folder


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``bdp-lod serve``'s server for ``folder`` on a free loopback port, stopped on exit; yields its URL."""
    server = make_server(folder, port=0, timeout=5)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def published_graph(folder: Path) -> Graph:
    """The published folder's described graphs as one rdflib graph, for comparisons."""
    graph = Graph().parse(folder / "bdp.nt", format="nt")
    for name, fmt in SMALL_FILES.items():
        graph.parse(folder / name, format=fmt)
    return graph


def as_triples(rows: tuple[Row, ...]) -> set[tuple[URIRef, URIRef, URIRef | Literal]]:
    """A description's rows as rdflib triples."""
    def term(o: str | Lit) -> URIRef | Literal:
        if isinstance(o, Lit):
            if o.datatype in (RDF_LANG_STRING, XSD_STRING):
                return Literal(o.value, lang=o.language)
            return Literal(o.value, datatype=URIRef(o.datatype))
        return URIRef(o)
    return {(URIRef(s), URIRef(p), term(o)) for s, p, o in rows}
