"""Problems found in a bundle, each saying where (file and field path) and what was expected."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    severity: Severity
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.file, self.path) if part)
        return f"{self.severity.upper()} {where}: {self.message}" if where else self.message


@dataclass
class Problems:
    """Collects every problem, so that one run reports all of them at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, file: str, path: str, message: str) -> None:
        self.items.append(Problem("error", file, path, message))

    def warning(self, file: str, path: str, message: str) -> None:
        self.items.append(Problem("warning", file, path, message))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def field_path(loc: Iterable[int | str]) -> str:
    """('treatments', 2, 'review', 'due') -> 'treatments[2].review.due'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class BundleError(Exception):
    """A bundle that cannot be used, with every problem found in it."""

    def __init__(self, summary: str, problems: Iterable[Problem] = ()) -> None:
        self.summary = summary
        self.problems = list(problems)
        super().__init__(summary)

    def __str__(self) -> str:
        lines = [self.summary, *(str(p) for p in self.problems)]
        return "\n".join(lines)
