"""The mapping speaks only the declared vocabulary, and every value a reader accepts has a concept."""

from __future__ import annotations

import dataclasses

from rdflib import URIRef

from bdp_lod import concepts
from bdp_lod.mapping import to_graph
from bdp_lod.model import Activity, Attachment, LocalGovernmentUnit
from bdp_lod.vocab import BDP, DEF_BASE, OWL, RDF, SKOS, vocabulary_graph


def _maximal_graph(all_examples):
    """The examples plus one practice using every optional field, so every term is emitted."""
    czersk = all_examples[0]
    rich = dataclasses.replace(
        czersk,
        id="bdp-1",
        source_url="http://www.dobrepraktyki.pl/index.php?art=1",
        goals=("cel",),
        activities=(Activity("zadanie", "mieszkańcy", "Marzec 2023", "2023-03", "2023-03-31"),),
        has_attachments=True,
        attachments=(Attachment("http://example.org/a.pdf", "Załącznik", "application/pdf"),),
        extra=(("Rok realizacji", "2012"),),
        unit=LocalGovernmentUnit("Katowice", "miasto-na-prawach-powiatu", "Katowice", "śląskie", ("2469", "2469011")),
    )
    return to_graph([*all_examples, rich])


def test_every_bdp_term_the_mapping_emits_is_declared(all_examples):
    graph = _maximal_graph(all_examples)
    vocab = vocabulary_graph()
    used = {t for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(str(BDP))}
    assert used, "the mapping should use bdp: terms"
    declared = {s for s in vocab.subjects(RDF.type, None) if str(s).startswith(str(BDP))}
    assert used <= declared, used - declared
    assert {BDP.Practice, BDP.LocalGovernmentUnit, BDP.Activity, BDP.SourceField} <= {
        s for s in vocab.subjects(RDF.type, OWL.Class)
    }


def test_every_concept_the_mapping_points_at_is_in_a_scheme(all_examples):
    graph = _maximal_graph(all_examples)
    vocab = vocabulary_graph()
    concept_iris = {o for _, _, o in graph if isinstance(o, URIRef) and str(o).startswith(DEF_BASE + "/")}
    assert concept_iris
    for iri in concept_iris:
        assert (iri, RDF.type, SKOS.Concept) in vocab, iri
        assert vocab.value(iri, SKOS.inScheme) is not None, iri


def test_every_theme_and_unit_type_label_a_source_may_write_resolves():
    for scheme in (concepts.themes(), concepts.unit_types(), concepts.programmes()):
        for concept in scheme.concepts.values():
            for name in (concept.id, *concept.labels.values(), *concept.alt_labels):
                assert scheme.resolve(name) == concept
                assert scheme.resolve(name.upper()) == concept
    assert concepts.unit_types().resolve("powiat grodzki").id == "miasto-na-prawach-powiatu"
    assert concepts.unit_types().resolve("powiat ziemski").id == "powiat"
    assert concepts.themes().resolve("Pomoc społeczna").broader == "uslugi-spoleczne"
