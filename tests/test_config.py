"""Settings read from the environment, as a county sets them in its environment file."""
from webapp.config import Config


def test_quiet_hours_are_read_as_minutes_after_midnight(monkeypatch, tmp_path):
    monkeypatch.setenv("QUIET_HOURS", "21:30-06:45")
    assert Config(tmp_path).QUIET_HOURS_DEFAULT == (21 * 60 + 30, 6 * 60 + 45)


def test_without_the_setting_the_quiet_hours_are_ten_at_night_to_seven(monkeypatch, tmp_path):
    monkeypatch.delenv("QUIET_HOURS", raising=False)
    assert Config(tmp_path).QUIET_HOURS_DEFAULT == (22 * 60, 7 * 60)
