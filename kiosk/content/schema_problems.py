"""pydantic's validation errors as the bundle's problems, one line each, in staff's words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from kiosk.content.manifest import MANIFEST_NAME
from kiosk.content.problems import Problems, field_path


def schema_problems(
    error: ValidationError, problems: Problems, prefix: Sequence[int | str] = ()
) -> None:
    for item in error.errors(include_url=False):
        loc = (*prefix, *item["loc"])
        kind = item["type"]
        if kind == "extra_forbidden":
            message = "unknown key (a typo?)"
        elif kind == "missing":
            message = "missing (required)"
        else:
            message = f"{item['msg']} (got {item.get('input')!r})"
        problems.error(MANIFEST_NAME, field_path(loc), message)


def valid_items(raw: Any, model: type[Any]) -> list[tuple[int, Any]]:
    """The elements of a list that are valid on their own, so later checks can still run."""
    if not isinstance(raw, list):
        return []
    adapter: TypeAdapter[Any] = TypeAdapter(model)
    out = []
    for index, item in enumerate(raw):
        try:
            out.append((index, adapter.validate_python(item)))
        except ValidationError:
            continue
    return out
