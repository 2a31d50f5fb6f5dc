import json
from pathlib import Path

import pytest

from kiosk.settings import IDLE_DEFAULT, Settings, load_settings, save_settings


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    settings, warning = load_settings(tmp_path / "settings.json")
    assert settings == Settings()
    assert settings.idle_seconds == IDLE_DEFAULT
    assert warning is None


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    wanted = Settings(location_id="maywood", idle_seconds=120, default_language="es")
    save_settings(path, wanted)
    assert load_settings(path) == (wanted, None)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporaries left


@pytest.mark.parametrize("idle", [29, 601, "90", 90.5, True])
def test_idle_seconds_bounds(idle: object) -> None:
    with pytest.raises(ValueError):
        Settings.model_validate({"idle_seconds": idle})


@pytest.mark.parametrize("data", [b"{not json", b"\xff\xfe", b"", b"[1, 2]", b"null"])
def test_damaged_file_is_reported_and_replaced(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(data)
    settings, warning = load_settings(path)
    assert settings == Settings()
    assert warning is not None and "reset" in warning
    assert (tmp_path / "settings.json.damaged").read_bytes() == data
    assert load_settings(path) == (Settings(), None)  # replaced by a good file


def test_invalid_fields_are_reset_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"location_id": "maywood", "idle_seconds": 5, "colour": "red"}))
    settings, warning = load_settings(path)
    assert settings == Settings(location_id="maywood")
    assert warning is not None and "idle_seconds" in warning and "colour" in warning


def test_read_only_folder_never_crashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("os.replace", refuse)
    settings, warning = load_settings(path)
    assert settings == Settings() and warning is not None


def test_a_failed_save_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, Settings(idle_seconds=60))

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full)
    with pytest.raises(OSError):
        save_settings(path, Settings(idle_seconds=300))
    monkeypatch.undo()
    assert load_settings(path) == (Settings(idle_seconds=60), None)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_check_against_the_active_bundle(tmp_path: Path) -> None:
    from kiosk.content.validate import load_folder
    from kiosk.settings import check_against
    from tests.content.bundle_factory import write_bundle

    manifest = load_folder(write_bundle(tmp_path / "b")).manifest
    assert check_against(Settings(location_id="maywood", default_language="en"), manifest) == []
    assert check_against(Settings(location_id="paris", default_language="fr"), manifest) == [
        "The location 'paris' is not in the active bundle.",
        "The language 'fr' is not in the active bundle.",
    ]
