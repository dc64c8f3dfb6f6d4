"""data_dir: --data-dir, then DESK_DATA_DIR, then the platform's user data folder."""

from pathlib import Path

import platformdirs
import pytest

from desk.paths import ENV_VAR, DataDirError, data_dir


@pytest.fixture
def home(tmp_path, monkeypatch):
    """platformdirs' folders under tmp_path, and no DESK_DATA_DIR."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    return tmp_path


def test_the_default_is_the_platform_user_data_folder_named_desk(home):
    expected = Path(platformdirs.user_data_dir("desk", appauthor=False))
    assert expected.name == "desk" and home in expected.parents
    assert not expected.exists()
    assert data_dir() == expected
    assert expected.is_dir()


def test_the_environment_variable_overrides_the_default(home, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(home / "from-env"))
    assert data_dir() == home / "from-env"
    assert (home / "from-env").is_dir()


def test_the_option_overrides_the_environment(home, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(home / "from-env"))
    assert data_dir(str(home / "from-option")) == home / "from-option"
    assert not (home / "from-env").exists()


def test_an_empty_environment_variable_counts_as_unset(home, monkeypatch):
    monkeypatch.setenv(ENV_VAR, "")
    assert data_dir() == Path(platformdirs.user_data_dir("desk", appauthor=False))


def test_a_relative_folder_is_made_absolute(home, monkeypatch):
    monkeypatch.chdir(home)
    assert data_dir("relative/data") == home / "relative" / "data"


def test_a_folder_that_cannot_be_created_gives_a_chinese_message(home):
    (home / "file").write_text("x", encoding="utf-8")
    with pytest.raises(DataDirError) as raised:
        data_dir(str(home / "file" / "data"))
    assert "无法创建数据目录" in str(raised.value) and ENV_VAR in str(raised.value)


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_data_dir_option_is_an_error_not_the_default(home, empty):
    with pytest.raises(DataDirError, match="--data-dir 的值为空"):
        data_dir(empty)
    assert not Path(platformdirs.user_data_dir("desk", appauthor=False)).exists()


def test_the_commands_say_so(home, capsys):
    from desk.cli import main

    assert main(["--data-dir", "", "audit", "verify"]) == 2
    assert "--data-dir 的值为空" in capsys.readouterr().err
    assert not Path(platformdirs.user_data_dir("desk", appauthor=False)).exists()
