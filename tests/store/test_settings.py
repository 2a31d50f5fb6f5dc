import json
from pathlib import Path

import pytest

from kiosk.staff.settings import (
    IDLE_DEFAULT,
    InvalidSettings,
    Settings,
    load_settings,
    save_settings,
)
from tests.fresh_python import run_python


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
        Settings.from_json({"idle_seconds": idle})


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


@pytest.mark.parametrize("kind", ["runtime bundle", "manifest"])
def test_check_against_the_active_bundle(tmp_path: Path, kind: str) -> None:
    import tomllib

    from kiosk.content.manifest import MANIFEST_NAME, Manifest
    from kiosk.content.validate import load_folder
    from kiosk.staff.settings import BundleLike, check_against
    from tests.content.bundle_factory import write_bundle

    folder = write_bundle(tmp_path / "b")
    # Both shapes must do: the app passes its runtime bundle, tools may pass the manifest.
    bundle: BundleLike = (
        load_folder(folder)
        if kind == "runtime bundle"
        else Manifest.model_validate(tomllib.loads((folder / MANIFEST_NAME).read_text()))
    )
    assert check_against(Settings(location_id="maywood", default_language="en"), bundle) == []
    assert check_against(Settings(location_id="paris", default_language="fr"), bundle) == [
        "The location 'paris' is not in the active bundle.",
        "The language 'fr' is not in the active bundle.",
    ]


@pytest.mark.parametrize("idle", [5, True, 90.0, "90"])
def test_constructing_invalid_settings_raises(idle: object) -> None:
    with pytest.raises(ValueError, match="idle_seconds"):
        Settings(idle_seconds=idle)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("location_id", "May Wood"),
        ("location_id", "a" * 65),
        ("location_id", "maywood\n"),
        ("location_id", 7),
        ("default_language", "english"),
        ("default_language", "es-mx"),
    ],
)
def test_malformed_ids_and_codes_are_refused(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field):
        Settings(**{field: value})  # type: ignore[arg-type]


def test_bool_idle_seconds_is_reset(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"idle_seconds": True, "default_language": "es"}))
    settings, warning = load_settings(path)
    assert settings == Settings(default_language="es")
    assert warning == "Some settings were invalid (idle_seconds) and were reset to defaults."


def test_unknown_key_is_reported_and_dropped(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"idle_seconds": 120, "foo": 1}))
    settings, warning = load_settings(path)
    assert settings == Settings(idle_seconds=120)
    assert warning == "Some settings were invalid (foo) and were reset to defaults."
    assert json.loads(path.read_text()) == Settings(idle_seconds=120).to_json()
    assert load_settings(path) == (Settings(idle_seconds=120), None)


def test_from_json_names_every_bad_field_sorted() -> None:
    with pytest.raises(InvalidSettings) as caught:
        Settings.from_json({"zeta": 1, "location_id": "maywood", "idle_seconds": 5, "alpha": 2})
    assert caught.value.fields == ["alpha", "idle_seconds", "zeta"]
    assert caught.value.salvaged == Settings(location_id="maywood")


@pytest.mark.parametrize("data", [b"[1, 2]", b"null", b'"settings"', b"90"])
def test_json_that_is_not_an_object_names_the_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(data)
    settings, warning = load_settings(path)
    assert settings == Settings()
    assert warning == "Some settings were invalid (the file) and were reset to defaults."


def test_to_json_is_what_is_saved() -> None:
    settings = Settings(location_id="maywood", idle_seconds=120, default_language="pt-BR")
    assert settings.to_json() == {
        "location_id": "maywood",
        "idle_seconds": 120,
        "default_language": "pt-BR",
        "narration_output": "speaker",
        "narration_volume": 60,
    }


def test_loading_settings_does_not_import_pydantic() -> None:
    # The patient app loads settings at every start; pydantic costs ~180 ms and ~20 MiB there.
    code = (
        "import sys, kiosk.staff.settings; "
        "assert 'pydantic' not in sys.modules, 'pydantic imported'"
    )
    run_python(code)
