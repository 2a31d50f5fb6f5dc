"""The staff views pass qmllint against the types of the Python backends they bind to, and the
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


# The staff views typed so far (the same list as .ci/run); the newer sections join when typed.
TYPED = [
    "StaffCard.qml",
    "StaffConfirm.qml",
    "StaffContentSection.qml",
    "StaffKeysList.qml",
    "StaffExitSection.qml",
    "StaffImportSection.qml",
    "StaffLogSection.qml",
    "StaffMode.qml",
    "StaffPanel.qml",
    "StaffPinPad.qml",
    "StaffSettingsSection.qml",
    "StaffText.qml",
]


def test_staff_views_have_no_qmllint_warning() -> None:
    assert all((QML / view).exists() for view in TYPED)
    result = qmllint(*TYPED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_misspelt_theme_name_is_reported(tmp_path: Path) -> None:
    card = (QML / "StaffCard.qml").read_text(encoding="utf-8")
    assert "theme.colors.surfaceAlt" in card
    broken = tmp_path / "StaffCard.qml"
    broken.write_text(card.replace("theme.colors.surfaceAlt", "theme.colors.surfcaeAlt"))
    result = qmllint(str(broken))
    assert result.returncode != 0
    assert 'Member "surfcaeAlt" not found on type "ThemeColors"' in result.stdout + result.stderr
