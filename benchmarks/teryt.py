"""How much the shipped TERC register costs: the one-time load, then each look-up and resolution.

Run: ``.venv/bin/python benchmarks/teryt.py [N]`` (N resolutions, default 100,000). Prints figures;
it asserts nothing, because timings belong to the machine, not to the test suite.
"""

from __future__ import annotations

import sys
import time

from bdp_lod import teryt
from bdp_lod.model import LocalGovernmentUnit

UNITS = (
    LocalGovernmentUnit("Czersk", "gmina-miejsko-wiejska", "Chojnicki", "pomorskie"),
    LocalGovernmentUnit("Katowice", "miasto-na-prawach-powiatu", "katowicki", "śląskie"),
    LocalGovernmentUnit("Śrem", "gmina-miejska", None, "wielkopolskie"),
    LocalGovernmentUnit("Dąbrowa", "gmina-wiejska"),
)


def main(n: int) -> None:
    start = time.perf_counter()
    register = teryt.register()
    load = time.perf_counter() - start
    print(f"load: {load * 1000:.1f} ms for {len(register.units)} units and {len(register.parts)} city parts")

    start = time.perf_counter()
    for i in range(n):
        register.by_code("2202043")
    by_code = (time.perf_counter() - start) / n
    print(f"by_code: {by_code * 1e6:.2f} µs per look-up")

    start = time.perf_counter()
    for i in range(n):
        teryt.resolve(UNITS[i % len(UNITS)])
    resolve = (time.perf_counter() - start) / n
    print(f"resolve (seeds and an ambiguous name, findings included): {resolve * 1e6:.1f} µs per unit")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
