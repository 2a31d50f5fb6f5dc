"""The QML views pass qmllint against the types of the Python backends they bind to, and the
check is real: a misspelt theme colour is reported."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QML = ROOT / "kiosk" / "ui" / "qml"
LINT = ROOT / "scripts" / "qmllint"


def qmllint(*files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), *files], capture_output=True, text=True, timeout=300, check=False
    )


# The views not typed yet (the same list as .ci/run); every other view is linted.
NOT_YET_TYPED = [
    "ClosedScreen.qml",
    "PrivacyNote.qml",
    "StaffScheduleSection.qml",
    "StaffUsageSection.qml",
]


def test_every_typed_view_has_no_qmllint_warning() -> None:
    views = sorted(path.name for path in QML.glob("*.qml"))
    assert set(NOT_YET_TYPED) <= set(views)
    typed = [view for view in views if view not in NOT_YET_TYPED]
    assert "Main.qml" in typed and "StaffPanel.qml" in typed
    result = qmllint(*typed)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_not_yet_typed_list_holds_only_views_with_warnings() -> None:
    # A view that became clean leaves the list, so that it stays clean.
    output = qmllint(*NOT_YET_TYPED)
    report = output.stdout + output.stderr
    clean = [view for view in NOT_YET_TYPED if f"Warning: {view}:" not in report]
    assert not clean, f"no qmllint warning left: remove {clean} from NOT_YET_TYPED and .ci/run"


def test_a_misspelt_theme_name_is_reported(tmp_path: Path) -> None:
    card = (QML / "StaffCard.qml").read_text(encoding="utf-8")
    assert "theme.colors.surfaceAlt" in card
    broken = tmp_path / "StaffCard.qml"
    broken.write_text(card.replace("theme.colors.surfaceAlt", "theme.colors.surfcaeAlt"))
    result = qmllint(str(broken))
    assert result.returncode != 0
    assert 'Member "surfcaeAlt" not found on type "ThemeColors"' in result.stdout + result.stderr
