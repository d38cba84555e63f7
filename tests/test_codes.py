"""The catalogue of finding codes: every code the project can emit is declared there once and
documented in docs/findings.md, and the page is what the catalogue generates."""

from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

import pytest

from bdp_lod import codes
from bdp_lod.codes import CATALOGUE, Code, Stage, Template, shacl_code
from bdp_lod.findings import Message, Severity
from bdp_lod.findings_doc import DOC, render
from bdp_lod.sources.submission import submission_schema
from bdp_lod.validation import validate
from bdp_lod.validation.shapes import _PARAMETERS

from conftest import EXAMPLES, FIXTURES, ROOT

PACKAGE = ROOT / "bdp_lod"
DOCUMENTED = set(re.findall(r"^### `([^`]+)`$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE))


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


# --- the page ---------------------------------------------------------------------------------------


def test_docs_findings_md_is_what_the_catalogue_generates() -> None:
    assert DOC.read_bytes() == render().encode("utf-8"), "run: python -m bdp_lod.findings_doc"


def test_every_catalogued_code_has_its_section_in_the_page() -> None:
    assert DOCUMENTED == set(CATALOGUE)


def test_the_page_groups_codes_by_stage_in_stage_order() -> None:
    headings = re.findall(r"^## .*\(`(\w+)\.\*`\)$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert headings == [stage.prefix for stage in Stage]


# --- the catalogue ----------------------------------------------------------------------------------


def test_each_code_is_named_for_its_stage_and_explained_in_both_languages() -> None:
    for name, code in CATALOGUE.items():
        assert name == code.code and re.fullmatch(r"[a-z]+\.[A-Za-z-]+", name), name
        assert code.stage.prefix == name.split(".")[0]
        for message in (code.title, code.explanation):
            assert message.en and message.pl and message.en != message.pl, name


def test_every_variant_renders_in_both_languages_with_its_named_parameters() -> None:
    for code in CATALOGUE.values():
        for variant, template in code.templates.items():
            params = {name: f"<{name}>" for name in template.parameters}
            message = code.message(variant, **params)
            for name in template.parameters:
                assert f"<{name}>" in message.en and f"<{name}>" in message.pl, (code.code, variant)


def test_a_variant_or_parameter_the_templates_do_not_declare_fails() -> None:
    with pytest.raises(KeyError, match="no variant 'no-such'"):
        codes.PAGE_NOT_A_PRACTICE.message("no-such")
    with pytest.raises(TypeError, match=r"takes \['label'\], got \['lable'\]"):
        codes.PAGE_UNKNOWN_FIELD.finding(lable="Rok")
    with pytest.raises(ValueError, match="different parameters"):
        Template(en="{a} is wrong", pl="{b} jest złe")


def test_a_finding_has_the_kind_s_code_severity_and_message() -> None:
    finding = codes.PAGE_UNKNOWN_FIELD.finding(field="extra.Rok", value="2013", label="Rok", file="a.txt")
    assert (finding.severity, finding.code, finding.field, finding.value, finding.file) == (
        Severity.WARNING, "page.unknown-field", "extra.Rok", "2013", "a.txt",
    )
    assert finding.message == Message(
        en='unknown Metryka field "Rok": kept in extra, not mapped',
        pl="nieznane pole metryki „Rok”: zachowane w extra, bez odwzorowania",
    )


def test_a_bilingual_parameter_gives_each_language_its_own_text() -> None:
    assert codes.IN_COLUMN.render(column="email", message=Message(en="bad", pl="zła")) == Message(
        en="column 'email': bad", pl="kolumna 'email': zła"
    )


def test_every_component_the_engine_evaluates_has_a_kind_named_after_it() -> None:
    for component in _PARAMETERS.values():
        kind = shacl_code(str(component))
        local = str(component).rsplit("#", 1)[1].removesuffix("ConstraintComponent")
        assert kind.code == "shacl." + (local.lower() if local == "SPARQL" else local[0].lower() + local[1:])
        assert kind.evaluated_by == "engine"


def test_a_component_a_shapes_file_declares_itself_is_the_custom_kind() -> None:
    assert shacl_code("http://example.org/PostalCodeConstraintComponent") is codes.SHACL_CUSTOM


def test_every_keyword_the_submission_schema_checks_has_a_kind() -> None:
    assertions = {
        "type", "enum", "const", "pattern", "format", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
        "contains", "required", "additionalProperties", "propertyNames", "minProperties", "maxProperties",
        "dependentRequired", "anyOf", "oneOf", "allOf", "not", "if",
    }
    used: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties":
                    for schema in value.values():
                        walk(schema)
                    continue
                used.add(key)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(submission_schema())
    assert {f"schema.{k}" for k in used & assertions} <= set(CATALOGUE)


# --- emission sites, found statically -----------------------------------------------------------------


def test_findings_are_made_only_by_the_catalogue() -> None:
    made = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Finding"
    ]
    assert made == ["bdp_lod/codes.py:" + str(_line_of(PACKAGE / "codes.py", "return Finding("))]


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_every_kind_the_code_names_is_catalogued_and_every_catalogued_kind_is_named() -> None:
    """``codes.X`` and ``from .codes import X``: each X exists; each non-SHACL kind is used somewhere
    (a SHACL kind is chosen by its component IRI, not by name)."""
    named: set[str] = set()
    for path, tree in _modules():
        if path.name == "codes.py":
            continue
        imports_codes = any(
            isinstance(node, ast.ImportFrom) and any(alias.name == "codes" for alias in node.names)
            for node in ast.walk(tree)
        )
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "codes":
                if imports_codes:
                    named.add(node.attr)
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.endswith("codes"):
                named.update(alias.name for alias in node.names)
    missing = sorted(name for name in named if not hasattr(codes, name))
    assert missing == []
    kinds = {name for name, value in vars(codes).items() if isinstance(value, Code)}
    unused = sorted(name for name in kinds - named if not name.startswith("SHACL_"))
    assert unused == []


def test_no_code_is_written_as_a_loose_string_outside_the_catalogue() -> None:
    prefixes = "|".join(stage.prefix for stage in Stage)
    loose = [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}"
        for path, tree in _modules()
        if path.name != "codes.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and re.fullmatch(rf"({prefixes})\.[A-Za-z-]+", node.value)
    ]
    assert loose == []


# --- emission, found dynamically on the broken corpora of the tests --------------------------------------


CORPORA = [
    FIXTURES / "broken",
    FIXTURES / "pages",
    EXAMPLES,
]


def _broken_spreadsheet(folder: Path) -> Path:
    """A spreadsheet the corpus lacks: an unknown column, a yes/no cell that is neither, a row
    longer than the header."""
    rows = list(csv.reader((FIXTURES / "broken" / "csv-unknown-theme.csv").open(encoding="utf-8"), delimiter=";"))
    header, row = rows[0], rows[1]
    header[header.index("goals")] = "cele"
    row[header.index("has_attachments")] = "może"
    path = folder / "csv-three-mistakes.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, delimiter=";").writerows([header, [*row, "extra cell"]])
    return path


@pytest.fixture(scope="module")
def emitted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    spreadsheet = _broken_spreadsheet(tmp_path_factory.mktemp("csv"))
    found = {f.code for corpus in [*CORPORA, spreadsheet] for f in validate([corpus], workers=1).findings}
    engine = FIXTURES / "validation"
    found |= {f.code for f in validate([engine / "engine-data.ttl"], shapes=[engine / "engine-shapes.ttl"], workers=1).findings}
    return found


def test_every_code_emitted_on_the_broken_corpora_is_documented(emitted: set[str]) -> None:
    assert emitted - DOCUMENTED == set()


def test_the_broken_corpora_reach_every_stage(emitted: set[str]) -> None:
    assert {code.split(".")[0] for code in emitted} == {stage.prefix for stage in Stage}


def test_a_foreign_shape_s_qualified_count_is_catalogued_and_documented(tmp_path: Path) -> None:
    shapes = tmp_path / "qualified.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "<http://example.org/Q> a sh:NodeShape ; sh:targetClass <https://w3id.org/bdp/def#Practice> ;\n"
        "    sh:property [ sh:path dcterms:title ; sh:qualifiedValueShape [ sh:minLength 1 ] ; sh:qualifiedMinCount 5 ] .\n",
        encoding="utf-8",
    )
    found = {f.code for f in validate([EXAMPLES / "000-czersk.json"], shapes=[shapes], workers=1).findings}
    assert found == {"shacl.qualifiedMinCount"}
    assert found <= DOCUMENTED


CUSTOM_COMPONENT = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <http://example.org/> .
ex:NoWordComponent a sh:ConstraintComponent ;
    sh:parameter [ sh:path ex:forbidden ] ;
    sh:validator [ a sh:SPARQLAskValidator ; sh:message "contains {$forbidden}"@en ;
        sh:ask "ASK { FILTER (!CONTAINS(STR($value), $forbidden)) }" ] .
ex:S a sh:NodeShape ; sh:targetClass <https://w3id.org/bdp/def#Practice> ;
    sh:property [ sh:path dcterms:title ; ex:forbidden "sołeckiej" ] .
"""


def test_a_publisher_s_own_component_is_the_custom_kind_with_its_iri_kept(tmp_path: Path) -> None:
    shapes = tmp_path / "custom.ttl"
    shapes.write_text(CUSTOM_COMPONENT, encoding="utf-8")
    found = [f for f in validate([EXAMPLES / "000-czersk.json"], shapes=[shapes], workers=1).findings]
    assert [(f.severity, f.code, f.component, f.message.en) for f in found] == [
        (Severity.VIOLATION, "shacl.custom", "http://example.org/NoWordComponent", "contains sołeckiej"),
    ]
    assert "shacl.custom" in DOCUMENTED
