"""Edits to bundle.toml that keep its hand-written layout: comments, blank lines and key order.

tomlkit keeps what it parsed, but appends a new key after everything in its table, comments of the
next table included (a comment above `[[locations]]` belongs, in TOML, to the table before it). So
a new key goes right after the table's last key instead: `Container._insert_after`, a private
method of the pinned tomlkit (pyproject.toml), is the one way to say so.
"""

from __future__ import annotations

from typing import Any

import tomlkit
from tomlkit.items import InlineTable, Table


def inline(values: dict[str, Any]) -> InlineTable:
    """An inline table (`review = { by = ..., on = ... }`), the form bundle.toml's comments show."""
    table = tomlkit.inline_table()
    table.update(values)
    return table


def put(table: Table | InlineTable, key: str, value: Any) -> None:
    """Sets `key`: in place when it exists, else right after the table's last key."""
    if key in table or isinstance(table, InlineTable):
        table[key] = value
        return
    keys = [k.key for k, _ in table.value.body if k is not None]
    if not keys:
        table[key] = value
        return
    table.value._insert_after(keys[-1], key, value)
    dict.__setitem__(table, key, table.value[key])


def drop(table: Table | InlineTable, key: str) -> None:
    if key in table:
        del table[key]
