"""Narration volume in whole steps (large buttons, no slider: tremor-safe), reset to the staff's
default for every patient. Headphones cap it lower: a voice right at the ear needs less, and a
patient must not be startled by a level set for a room."""

from __future__ import annotations

from dataclasses import dataclass, replace

STEPS = 5  # 20 %, 40 %, ... 100 %
HEADPHONE_STEPS = 3  # at most 60 % through headphones


@dataclass(frozen=True)
class Volume:
    step: int  # 1..cap
    default: int  # the staff's default step, within the cap
    cap: int  # the loudest step this output allows

    @classmethod
    def for_output(cls, output: str, default_percent: int) -> Volume:
        cap = HEADPHONE_STEPS if output == "headphones" else STEPS
        default = min(cap, max(1, round(default_percent * STEPS / 100)))
        return cls(step=default, default=default, cap=cap)

    @property
    def level(self) -> float:
        """The gain applied to the samples, 0..1."""
        return self.step / STEPS

    @property
    def steps(self) -> int:
        return self.cap

    def louder(self) -> Volume:
        return replace(self, step=min(self.cap, self.step + 1))

    def quieter(self) -> Volume:
        return replace(self, step=max(1, self.step - 1))

    def at_default(self) -> Volume:
        return replace(self, step=self.default)
