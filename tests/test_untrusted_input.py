"""Files a steward receives from strangers: nesting without end is refused before any parser
recurses, and no input makes bdp-lod send a request anywhere (a loopback server that every
test starts and stops must see none), except that the project's own context is read from the
package."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic

from bdp_lod.cli import cli
from bdp_lod.sources.depth import MAX_DEPTH
from bdp_lod.sources.rdf import parse_rdf
from bdp_lod.vocab import CONTEXT_URL

from conftest import EXAMPLES

DEEP_EN = "JSON nested more than 200 levels deep (arrays and objects inside one another); refused"
DEEP_PL = "JSON zagnieżdżony głębiej niż na 200 poziomów (tablice i obiekty jedne w drugich); odrzucony"


def refused_en(url: str) -> str:
    return (f"remote JSON-LD context {url} refused: bdp-lod never fetches what an input names "
            f"(only {CONTEXT_URL} is known, from the package)")


def refused_pl(url: str) -> str:
    return (f"odrzucono zdalny kontekst JSON-LD {url}: bdp-lod nigdy nie pobiera tego, co wskazuje plik "
            f"wejściowy (znany jest tylko {CONTEXT_URL}, z pakietu)")


def bdp_lod(*args: str, lang: str = "en") -> Any:
    return CliRunner().invoke(cli, ["--lang", lang, *args], catch_exceptions=False)


class Loopback:
    """An HTTP server on 127.0.0.1 that answers every GET with a JSON-LD context and
    remembers the paths it was asked for."""

    def __init__(self) -> None:
        requests: list[str] = []
        self.requests = requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                body = b'{"@context": {"ex": "http://example.org/"}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:  # the test reads `requests`
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    server = Loopback()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()
        server.thread.join()


def test_the_loopback_server_answers_when_asked(loopback: Loopback) -> None:
    """Without this, 'the server saw no request' would prove nothing."""
    from urllib.request import urlopen

    with urlopen(loopback.url("/probe")) as answer:
        assert json.load(answer) == {"@context": {"ex": "http://example.org/"}}
    assert loopback.requests == ["/probe"]


# --- nesting --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("arrays.json", "[" * 100_000),
        ("objects.json", '{"a": ' * 100_000),
        ("parsable.json", "[" * 5_000 + "]" * 5_000),
        ("parsable-objects.json", '{"a": ' * 5_000 + "1" + "}" * 5_000),
    ],
)
@pytest.mark.parametrize("command", ["validate", "publish", "convert"])
def test_deep_json_is_one_line_naming_the_file_and_exit_2(tmp_path: Path, name: str, text: str, command: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    args = {"validate": [str(path)], "publish": [str(path), "--out", str(tmp_path / "out")],
            "convert": [str(path), "-o", str(tmp_path / "out.ttl")]}[command]
    result = bdp_lod(command, *args)
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {path}: {DEEP_EN}\n")
    result = bdp_lod(command, *args, lang="pl")
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {path}: {DEEP_PL}\n")
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.ttl").exists()


def test_a_deep_jsonl_line_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text('{"title": "a"}\n' + "[" * 100_000 + "\n", encoding="utf-8")
    result = bdp_lod("validate", str(path))
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {path}:2: {DEEP_EN}\n")


@pytest.mark.parametrize("text", ["[" * 100_000, '{"@id": "http://example.org/s", "http://example.org/p": ' * 5_000])
def test_deep_jsonld_is_refused_before_rdflib_recurses(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.jsonld"
    path.write_text(text, encoding="utf-8")
    result = bdp_lod("validate", str(path))
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {path}: JSON-LD{DEEP_EN.removeprefix('JSON')}\n")
    result = bdp_lod("validate", str(path), lang="pl")
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {path}: JSON-LD{DEEP_PL.removeprefix('JSON')}\n")


def test_brackets_inside_strings_do_not_count(tmp_path: Path) -> None:
    """A title may hold any number of brackets; only structure nests."""
    record = json.loads((EXAMPLES / "000-czersk.json").read_text(encoding="utf-8"))
    record["title"] = "[" * 1_000 + '\\"{' * 1_000
    path = tmp_path / "brackets.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = bdp_lod("validate", "--format", "json", str(path))
    assert "nested more than" not in result.output
    assert result.exit_code in (0, 1)  # judged by the rules, whatever they say of such a title


@pytest.mark.parametrize(("field", "located"), [("title", "title"), ("extra", "extra.x"), ("unit", "unit"), ("contacts", "contacts[0]")])
def test_nesting_at_the_bound_is_judged_by_the_rules_without_a_traceback(tmp_path: Path, field: str, located: str) -> None:
    """The bound leaves every parser behind it room: a value as deep as allowed is a finding."""
    record = json.loads((EXAMPLES / "000-czersk.json").read_text(encoding="utf-8"))
    inner = MAX_DEPTH - 3  # the array of records, the record, the field's own container
    record[field] = {"x": json.loads("[" * inner + "]" * inner)} if field == "extra" else json.loads("[" * (inner + 1) + "]" * (inner + 1))
    path = tmp_path / "at-the-bound.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    result = bdp_lod("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["counts"] == {"violation": 1, "warning": 0, "info": 0}
    assert [(f["code"], f["field"]) for f in report["findings"]] == [("schema.type", located)]


def test_jsonld_at_the_bound_parses(tmp_path: Path) -> None:
    path = tmp_path / "at-the-bound.jsonld"
    document: object = "v"
    for level in range(MAX_DEPTH):  # one node a level, each the object of its parent's triple
        document = {"@id": f"http://example.org/n{level}", "http://example.org/p": document}
    path.write_text(json.dumps(document), encoding="utf-8")
    assert len(parse_rdf(path)) == MAX_DEPTH


# --- no fetching ----------------------------------------------------------------------------------


def remote_contexts(url: str) -> dict[str, dict[str, Any]]:
    """Every place JSON-LD 1.1 lets a document name a context by URL."""
    node = {"@id": "http://example.org/s", "ex:p": "v"}
    return {
        "string": {"@context": url, **node},
        "array member": {"@context": [{"ex": "http://example.org/"}, url], **node},
        "scoped in a term": {"@context": {"ex": "http://example.org/", "t": {"@id": "ex:t", "@context": url}},
                             "@id": "http://example.org/s", "t": {"ex:q": "v"}},
        "@import": {"@context": {"@version": 1.1, "@import": url}, **node},
        "embedded in a node": {"@context": {"ex": "http://example.org/"}, "@id": "http://example.org/s",
                               "ex:p": {"@context": url, "ex:q": "v"}},
        "in a @graph": {"@context": {"ex": "http://example.org/"}, "@graph": [{"@context": url, **node}]},
    }


@pytest.mark.parametrize("where", sorted(remote_contexts("")))
@pytest.mark.parametrize("command", ["validate", "convert"])
def test_a_remote_context_is_refused_and_never_fetched(tmp_path: Path, loopback: Loopback, where: str, command: str) -> None:
    url = loopback.url("/context.jsonld")  # ends like ours: only the exact URL of ours is ours
    path = tmp_path / "upload.jsonld"
    path.write_text(json.dumps(remote_contexts(url)[where]), encoding="utf-8")
    args = [str(path)] if command == "validate" else [str(path), "-o", str(tmp_path / "out.ttl")]
    result = bdp_lod(command, *args)
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {path}: {refused_en(url)}\n")
    result = bdp_lod(command, *args, lang="pl")
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {path}: {refused_pl(url)}\n")
    assert loopback.requests == []


def test_a_relative_context_is_refused_rather_than_read_from_disk(tmp_path: Path) -> None:
    (tmp_path / "context.jsonld").write_text('{"@context": {"ex": "http://example.org/"}}', encoding="utf-8")
    path = tmp_path / "upload.jsonld"
    path.write_text(json.dumps({"@context": "context.jsonld", "@id": "http://example.org/s", "ex:p": "v"}), encoding="utf-8")
    result = bdp_lod("validate", str(path))
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {path}: {refused_en('context.jsonld')}\n")


def test_remote_context_in_a_shapes_file_is_refused_too(tmp_path: Path, loopback: Loopback) -> None:
    url = loopback.url("/shapes-context.jsonld")
    shapes = tmp_path / "extra.jsonld"
    shapes.write_text(json.dumps({"@context": url, "@id": "http://example.org/Shape"}), encoding="utf-8")
    result = bdp_lod("validate", "--shapes", str(shapes), str(EXAMPLES))
    assert (result.exit_code, result.output) == (2, f"bdp-lod: {shapes}: {refused_en(url)}\n")
    assert loopback.requests == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("imports.ttl", "<http://example.org/o> a <http://www.w3.org/2002/07/owl#Ontology> ;\n"
                        "    <http://www.w3.org/2002/07/owl#imports> <{url}> .\n"),
        ("imports.nt", "<http://example.org/o> <http://www.w3.org/2002/07/owl#imports> <{url}> .\n"),
        ("entity.rdf", '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY e SYSTEM "{url}">]>\n'
                       '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
                       '<rdf:Description rdf:about="http://example.org/s"><ex:p>&e;</ex:p></rdf:Description></rdf:RDF>\n'),
        ("include.rdf", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                        'xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="{url}"/></rdf:RDF>\n'),
        ("page.html", '<html><head><script type="application/ld+json">{{"@context": "{url}"}}</script>'
                      '<link rel="alternate" href="{url}"></head><body><img src="{url}"></body></html>\n'),
    ],
)
def test_nothing_an_input_names_is_fetched(tmp_path: Path, loopback: Loopback, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text.format(url=loopback.url("/named")), encoding="utf-8")
    for args in (["validate", str(path)], ["convert", str(path), "-o", str(tmp_path / "out.ttl")]):
        result = bdp_lod(*args)
        assert "Traceback" not in result.output
    assert loopback.requests == []


# --- the project's own context -------------------------------------------------------------------


@pytest.fixture
def published_dump(tmp_path: Path) -> Path:
    out = tmp_path / "release"
    assert bdp_lod("publish", str(EXAMPLES), "--out", str(out)).exit_code == 0
    return out


def test_the_projects_own_context_is_read_from_the_package(tmp_path: Path, published_dump: Path) -> None:
    """The dump embeds its context; a copy that names it by URL means the same triples, and the
    same report, without a request (w3id.org/bdp is not registered yet: a fetch would fail)."""
    document = json.loads((published_dump / "bdp.jsonld").read_text(encoding="utf-8"))
    referenced = tmp_path / "referenced.jsonld"
    referenced.write_text(json.dumps({**document, "@context": CONTEXT_URL}, ensure_ascii=False), encoding="utf-8")
    in_array = tmp_path / "in-array.jsonld"
    in_array.write_text(json.dumps({**document, "@context": [CONTEXT_URL, {"local": "http://example.org/local"}]},
                                   ensure_ascii=False), encoding="utf-8")
    expected = Graph().parse(published_dump / "bdp.nt", format="nt")
    assert isomorphic(parse_rdf(referenced), expected)
    assert isomorphic(parse_rdf(in_array), expected)
    embedded = bdp_lod("validate", str(published_dump / "bdp.jsonld"))
    for path in (referenced, in_array):
        result = bdp_lod("validate", str(path))
        assert result.exit_code == embedded.exit_code == 0
        assert result.output == embedded.output.replace(str(published_dump / "bdp.jsonld"), str(path))
