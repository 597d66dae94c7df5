"""Derive dateline's compact schema.org table from the official vocabulary file.

The official ``schemaorg-current-https.jsonld`` (1.5 MB) is a development input,
not shipped. What dateline needs at run time — every class with its parents,
every enumeration member with its type, every property with its domains and
ranges — fits in ~150 kB of JSON in ``dateline/data``. ``make vocabulary``
regenerates it; a test checks it against the official file when that is present.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["TABLE", "derive", "main"]

TABLE = Path(__file__).resolve().parent.parent / "data" / "schemaorg-terms.json"


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return sorted(
        item["@id"].removeprefix("schema:") for item in items if item["@id"].startswith("schema:")
    )


def derive(vocabulary: dict[str, Any], version: str) -> dict[str, Any]:
    classes: dict[str, list[str]] = {}
    members: dict[str, list[str]] = {}
    properties: dict[str, dict[str, list[str]]] = {}
    for node in vocabulary["@graph"]:
        if not node["@id"].startswith("schema:"):
            continue
        name = node["@id"].removeprefix("schema:")
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdfs:Class" in kinds:
            classes[name] = _names(node.get("rdfs:subClassOf"))
        elif "rdf:Property" in kinds:
            properties[name] = {
                "domains": _names(node.get("schema:domainIncludes")),
                "ranges": _names(node.get("schema:rangeIncludes")),
            }
        else:  # an enumeration member: typed by its enumeration
            members[name] = sorted(k.removeprefix("schema:") for k in kinds)
    return {
        "about": "schema.org terms, derived by dateline from schemaorg-current-https.jsonld",
        "version": version,
        "license": "Apache-2.0 (schema.org release files, https://github.com/schemaorg/schemaorg)",
        "classes": dict(sorted(classes.items())),
        "members": dict(sorted(members.items())),
        "properties": dict(sorted(properties.items())),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m dateline.validate.vocabgen SCHEMAORG_JSONLD [VERSION]")
        return 2
    source = Path(args[0])
    version = args[1] if len(args) > 1 else "30.0"
    table = derive(json.loads(source.read_text(encoding="utf-8")), version)
    TABLE.write_text(json.dumps(table, separators=(",", ":"), sort_keys=False) + "\n", "utf-8")
    print(f"wrote {TABLE} ({TABLE.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
