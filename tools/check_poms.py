#!/usr/bin/env python3
"""Versions are managed only in the root pom: a module pom may not set a dependency or plugin version.

Run by ./suite test before Maven (docs/CONTRIBUTING.md). Exit 1 names every offending pom and artifact.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
root = pathlib.Path(__file__).resolve().parent.parent
bad = []
for pom in sorted(root.glob("*/pom.xml")):
    tree = ET.parse(pom).getroot()
    for kind in ("dependency", "plugin"):
        for el in tree.iter(f"{{{NS['m']}}}{kind}"):
            version = el.find("m:version", NS)
            if version is not None:
                artifact = el.findtext("m:artifactId", default="?", namespaces=NS)
                bad.append(f"{pom.relative_to(root)}: {kind} {artifact} sets <version>{version.text}</version>")
if bad:
    print("check_poms: versions belong in the root pom's <properties>/<dependencyManagement>/<pluginManagement>:")
    print("\n".join("  " + b for b in bad))
    sys.exit(1)
print(f"check_poms: {len(list(root.glob('*/pom.xml')))} module poms set no versions of their own")
