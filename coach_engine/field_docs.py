"""Field docstrings of pydantic models, read from their module's source when first needed.

The string literal right under an annotated class attribute documents it (what pydantic's
``use_attribute_docstrings`` reads). That option parses the source of every model as the class
is created, which every command that imports the module pays (CLI start-up, issue 13 item 8);
modules whose descriptions are only read by a schema export or ``coach config show`` call
``describe_fields`` there instead.
"""

from __future__ import annotations

import ast
import inspect
import sys
from collections.abc import Sequence
from functools import cache
from typing import Any


@cache
def field_docs(module: str) -> dict[tuple[str, str], str]:
    """``(class name, field name) -> docstring`` of every class attribute of ``module`` (a
    module name, already imported) that has a string literal right under it."""
    docs: dict[tuple[str, str], str] = {}
    tree = ast.parse(inspect.getsource(sys.modules[module]))
    for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
        for first, second in zip(cls.body, cls.body[1:], strict=False):
            if (
                isinstance(first, ast.AnnAssign)
                and isinstance(first.target, ast.Name)
                and isinstance(second, ast.Expr)
                and isinstance(second.value, ast.Constant)
                and isinstance(second.value.value, str)
            ):
                docs[cls.name, first.target.id] = inspect.cleandoc(second.value.value)
    return docs


def describe_fields(models: Sequence[type[Any]], *, rebuild: bool = True) -> None:
    """Give each field of ``models`` (pydantic model classes) without a description the
    docstring written under it in the class that declares it, as ``use_attribute_docstrings``
    would have at import. Idempotent.

    With ``rebuild``, models whose validator was already built are rebuilt so their JSON Schema
    carries the descriptions, in the order given: list a nested model before the models that
    contain it. Without it only ``model_fields`` changes (enough for reading descriptions).
    """
    changed = False
    for model in models:
        for name, info in model.model_fields.items():
            if info.description is not None:
                continue
            # the class that declares the field (a subclass redeclaring it drops the base's doc)
            owner = next(c for c in model.__mro__ if name in vars(c).get("__annotations__", {}))
            doc = field_docs(owner.__module__).get((owner.__name__, name))
            if doc is not None:
                info.description = doc
                changed = True
    # a built model holds a copy of its nested models' schemas: rebuild them all
    if changed and rebuild:
        for model in models:
            if model.__pydantic_complete__:
                model.model_rebuild(force=True)
