"""Shared fixtures: the bundled examples as records, located inside the repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bdp_lod.model import Practice
from bdp_lod.normalize import practice_from_submission

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def example(name: str) -> Practice:
    """The normalised record of ``examples/{name}.json``."""
    return practice_from_submission(json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8")))


EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json"))


@pytest.fixture
def czersk() -> Practice:
    return example("000-czersk")


@pytest.fixture
def all_examples() -> list[Practice]:
    return [example(name) for name in EXAMPLE_NAMES]
