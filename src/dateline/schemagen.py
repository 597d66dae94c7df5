"""Write ``schemas/``: the JSON Schema of every model and the generated JSON-LD context.

The models are the single source of truth; these files are renderings of them
for people and for other tools (an editor's YAML language server can validate a
sidecar against ``ArticleMeta.schema.json``). ``make schemas`` runs this, and a
test fails when a checked-in file is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from dateline.enrich.registry import RegistryEntry
from dateline.jsonld.context import context_document
from dateline.jsonld.loader import CONTEXT_FILE
from dateline.model import SCHEMA_MODELS
from dateline.model.article import ArticleGraph
from dateline.model.meta import ArticleMeta
from dateline.settings import Settings

__all__ = ["generated_files", "main"]

DATA = Path(__file__).resolve().parent / "data"


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def generated_files() -> dict[str, str]:
    """File name → content of every generated file in ``schemas/``."""
    models: list[type[BaseModel]] = [
        *SCHEMA_MODELS,
        ArticleGraph,
        ArticleMeta,
        RegistryEntry,
        Settings,
    ]
    files = {
        f"{model.__name__}.schema.json": _dump(model.model_json_schema(by_alias=True))
        for model in models
    }
    files[CONTEXT_FILE] = _dump(context_document())
    # written from the JSON Feed 1.1 spec; the package's copy is what builds check against
    files["jsonfeed-1.1.schema.json"] = (DATA / "jsonfeed-1.1.schema.json").read_text("utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0] if args else "schemas")
    target.mkdir(parents=True, exist_ok=True)
    for name, content in generated_files().items():
        (target / name).write_text(content, encoding="utf-8")
        print(f"wrote {target / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
