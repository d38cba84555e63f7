"""The tables behind the two rules of a publishable record checked before SHACL stay in step
with the shapes, the register and the voivodeships (docs/shapes.md)."""

from __future__ import annotations

from rdflib import Literal, Namespace
from rdflib.namespace import SH

from bdp_lod.normalize import VOIVODESHIPS
from bdp_lod.publishable import LARGEST_POPULATION, POPULATION_BOUNDS, POSTAL_DISTRICTS, VOIVODESHIP_DISTRICTS
from bdp_lod.teryt import TYPES
from bdp_lod.validation.shapes import load_shapes

BDPSH = Namespace("https://w3id.org/bdp/def/shapes#")


def test_every_voivodeship_lies_in_known_postal_districts() -> None:
    assert sorted(VOIVODESHIP_DISTRICTS) == sorted(VOIVODESHIPS)
    assert sorted(POSTAL_DISTRICTS) == list("0123456789")
    assert all(digits and set(digits) <= set(POSTAL_DISTRICTS) for digits in VOIVODESHIP_DISTRICTS.values())


def test_every_postal_district_serves_some_voivodeship() -> None:
    assert set("".join(VOIVODESHIP_DISTRICTS.values())) == set(POSTAL_DISTRICTS)


def test_the_largest_population_is_the_shapes_bound() -> None:
    graph = load_shapes().graph
    assert graph.value(BDPSH["Practice-population-range"], SH.maxInclusive) == Literal(LARGEST_POPULATION)
    assert graph.value(BDPSH["Practice-population-range"], SH.minInclusive) == Literal(1)


def test_each_type_bound_lies_below_the_largest_population() -> None:
    assert set(POPULATION_BOUNDS) == set(TYPES) - {"wojewodztwo"}
    assert all(0 < bound < LARGEST_POPULATION for bound in POPULATION_BOUNDS.values())
