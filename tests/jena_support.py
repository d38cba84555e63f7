"""Apache Jena SHACL run from its command line, the second engine of tests/test_shapes_elsewhere.py.

Where Jena comes from: ``$JENA_HOME/lib`` when the Apache distribution is unpacked there, else
Debian's ``libapache-jena-java``, which ships jars only (no ``shacl`` script): the command is the
class ``shacl.shacl`` in ``jena-cmds.jar``. Two things about the Debian package, found here:

* ``/usr/share/java/*`` is no class path for it: that folder also holds ``log4j-over-slf4j`` and
  ``slf4j-log4j12``, and with both SLF4J stops the JVM before Jena starts. The class path is
  Jena's jars and those of the package's declared dependencies (``dpkg -s libapache-jena-java``),
  with ``slf4j-nop`` so that nothing is logged.
* Debian moved the Xerces copy inside ``jena-core.jar`` from ``org.apache.jena.ext.xerces`` to
  ``xerces`` but left its message bundles under the old folder, so every start fails in
  ``XSSimpleTypeDecl.applyFacets1`` with "internal error". `mended_classpath` puts a folder with
  the bundles copied to the new path in front of the jars.

The JVM runs with ``-Duser.timezone=UTC``: SPARQL's ``NOW()`` is then the UTC time stamp rdflib
and pyoxigraph give, so the date rule has the same "today" in every engine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

__all__ = ["Jena", "find_jena"]

DEBIAN_JARS = Path("/usr/share/java")
DEBIAN_CLASSPATH = (
    # Jena's own jars that the shacl command loads.
    "jena-base", "jena-core", "jena-arq", "jena-iri", "jena-shacl", "jena-cmds",
    # The Depends of libapache-jena-java 4.5.0-2, one jar each (httpclient needs httpcore).
    "commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
    "dexx.collection", "gson", "guava", "httpclient", "httpcore", "jackson-core", "jackson-databind",
    "jackson-annotations", "jsonld-java", "jakarta.json-api", "protobuf", "thrift", "titanium-json-ld",
    "slf4j-api", "slf4j-nop",
)
_SHADED, _MOVED = "org/apache/jena/ext/xerces/", "xerces/"
TIMEOUT = 300
"""Seconds a run may take: the corpus takes about two here; a hung JVM fails the test instead."""


@dataclass(frozen=True)
class Jena:
    """How to start Jena's ``shacl`` command on this machine."""

    java: str
    classpath: str

    def validate(self, shapes: Path, data: Path) -> subprocess.CompletedProcess[str]:
        """``shacl validate``: the report in Turtle on stdout, exit 0 whether or not the data
        conforms; a shapes graph Jena cannot parse exits 2 with the exception on stdout."""
        command = [
            self.java, "-Duser.timezone=UTC", "-cp", self.classpath, "shacl.shacl", "validate",
            "--shapes", str(shapes), "--data", str(data),
        ]
        return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)

    def report(self, shapes: Path, data: Path) -> Graph:
        """The validation report graph; `AssertionError` with Jena's output when it fails."""
        run = self.validate(shapes, data)
        assert run.returncode == 0, f"Jena exited {run.returncode}:\n{run.stdout[:3000]}\n{run.stderr[:3000]}"
        return Graph().parse(data=run.stdout, format="turtle")


def find_jena(work: Path) -> Jena | str:
    """Jena ready to run (``work`` holds the mended bundles), or why it cannot run here."""
    java = shutil.which("java")
    if java is None:
        return "no java on PATH (Debian: apt-get install default-jre-headless)"
    home = os.environ.get("JENA_HOME")
    if home:
        jars = sorted((Path(home) / "lib").glob("*.jar"))
        if not jars:
            return f"JENA_HOME={home} has no lib/*.jar"
    else:
        jars = [DEBIAN_JARS / f"{name}.jar" for name in DEBIAN_CLASSPATH]
        missing = [jar.name for jar in jars if not jar.is_file()]
        if missing:
            return (
                f"Apache Jena's jars are not installed ({', '.join(missing[:3])}… missing from {DEBIAN_JARS}); "
                "apt-get install libapache-jena-java, or set JENA_HOME"
            )
    return Jena(java=java, classpath=mended_classpath(jars, work))


def mended_classpath(jars: list[Path], work: Path) -> str:
    """The jars as a class path, behind a folder of the Xerces bundles a relocating repackager
    left behind (nothing is added for jars that kept Jena's own layout)."""
    entries = [str(jar) for jar in jars]
    for jar in jars:
        if jar.name.startswith("jena-core"):
            with zipfile.ZipFile(jar) as archive:
                names = set(archive.namelist())
                if f"{_MOVED}impl/dv/xs/XSSimpleTypeDecl.class" not in names:
                    continue
                for name in sorted(names):
                    moved = _MOVED + name[len(_SHADED):]
                    if name.startswith(_SHADED) and name.endswith(".properties") and moved not in names:
                        target = work / moved
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(archive.read(name))
            entries.insert(0, str(work))
    return os.pathsep.join(entries)
