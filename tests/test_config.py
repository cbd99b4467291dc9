"""Config check settings: what each form means, and one clear line for every bad one."""

from __future__ import annotations

from pathlib import Path

import pytest

import voicemail_coach as vc
from voicemail_coach.config import (
    Config,
    check_rows,
    load_config,
    parse_check_settings,
    parse_command_line,
)
from voicemail_coach.errors import ConfigError, VoicemailCoachError


@pytest.mark.parametrize(
    ("raw", "levels", "params"),
    [
        ({"length": "suggestion"}, {"length": "suggestion"}, {}),
        ({"length": "Warning "}, {"length": "warning"}, {}),
        ({"weak-phrases": "off"}, {"weak-phrases": "off"}, {}),
        ({"weak-phrases": "no"}, {"weak-phrases": "off"}, {}),
        ({"weak-phrases": "false"}, {"weak-phrases": "off"}, {}),
        ({"length.far-too-long": "warning"}, {"length.far-too-long": "warning"}, {}),
        ({"length.too-short": {"level": "off"}}, {"length.too-short": "off"}, {}),
        (
            {"length": {"level": "error", "warn_over": "35"}},
            {"length": "error"},
            {"length": {"warn_over": 35.0}},
        ),
        ({"clarity": {"max_grade": 9}}, {}, {"clarity": {"max_grade": 9.0}}),
        (
            {"weak-phrases": {"extra": ["to be honest", " at the end of the day "]}},
            {},
            {"weak-phrases": {"extra": ("to be honest", "at the end of the day")}},
        ),
        (
            {"weak-phrases": {"extra": "to be honest"}},
            {},
            {"weak-phrases": {"extra": ("to be honest",)}},
        ),
        ({"length": None}, {}, {}),
    ],
)
def test_check_settings_forms(raw: dict, levels: dict, params: dict) -> None:
    layer = parse_check_settings(raw, "voicemail-coach.yaml")
    assert dict(layer.levels) == levels
    assert {k: dict(v) for k, v in layer.params.items()} == params
    assert layer.name == "voicemail-coach.yaml"


def test_a_style_mapping_is_never_consumed() -> None:
    raw = {"length": {"level": "error", "warn_over": "35"}}
    parse_check_settings(raw, "x")
    assert raw == {"length": {"level": "error", "warn_over": "35"}}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("strict", "cfg.yaml: checks must be a mapping of check id to a level or settings"),
        (
            {"lenght": "off"},
            "cfg.yaml: unknown check 'lenght' (did you mean 'length'?); "
            "`voicemail-coach checks` lists them",
        ),
        (
            {"length.too-lon": "off"},
            "cfg.yaml: unknown outcome 'length.too-lon' (did you mean 'length.too-long'?); "
            "`voicemail-coach checks` lists them",
        ),
        (
            {"length": "loud"},
            "cfg.yaml: checks.length: level must be off, suggestion, warning or error, not 'loud'",
        ),
        (
            {"length": 3},
            "cfg.yaml: checks.length must be a level (off, suggestion, warning, error) or a "
            "mapping of thresholds",
        ),
        (
            {"length.too-long": {"level": "error", "warn_over": 40}},
            "cfg.yaml: checks.length.too-long takes a level only (off, suggestion, warning, "
            "error); set thresholds on checks.length",
        ),
        (
            {"length": {"warn_ovr": 40}},
            "cfg.yaml: unknown setting 'warn_ovr' for check length (did you mean 'warn_over'?)",
        ),
        (
            {"length": {"warn_over": "soon"}},
            "cfg.yaml: checks.length.warn_over must be a number, not 'soon'",
        ),
        ({"length": {"warn_over": -1}}, "cfg.yaml: checks.length.warn_over must not be negative"),
        (
            {"weak-phrases": {"extra": ["", "x"]}},
            "cfg.yaml: checks.weak-phrases.extra must be a list of phrases",
        ),
        (
            {"placeholders": {"max": 1}},
            "cfg.yaml: unknown setting 'max' for check placeholders (known keys: level)",
        ),
    ],
)
def test_bad_check_settings_say_what_and_how(raw: object, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_check_settings(raw, "cfg.yaml")
    assert str(caught.value) == message
    assert isinstance(caught.value, VoicemailCoachError)


def test_a_bad_setting_in_a_config_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text(
        "fail_on: error\nchecks:\n  length: suggestion\n  clarity.grde: off\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.line == 4
    assert str(caught.value).startswith(f"{path}:4: unknown outcome 'clarity.grde'")
    assert "did you mean 'clarity.grade'?" in str(caught.value)


def test_a_config_file_layer_is_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text("checks:\n  length.too-long: error\n", encoding="utf-8")
    config = load_config(path)
    assert config.checks.name == f"config file {path}"
    assert config.resolve("length.too-long").level == "error"
    assert config.resolve("length.too-long").set_by == f"config file {path}"
    assert config.resolve("length.far-too-long").set_by == "built-in"


@pytest.mark.parametrize(
    ("items", "levels"),
    [
        (["length=suggestion"], {"length": "suggestion"}),
        ([" length = off "], {"length": "off"}),
        (["length=error", "length=warning"], {"length": "warning"}),  # the later one wins
        (["proposed-time.zone-guessed=suggestion"], {"proposed-time.zone-guessed": "suggestion"}),
    ],
)
def test_command_line_levels(items: list[str], levels: dict) -> None:
    layer = parse_command_line(items)
    assert dict(layer.levels) == levels and layer.name == "command line"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("length", "--check 'length': write ID=LEVEL, e.g. --check length=suggestion"),
        ("=off", "--check '=off': write ID=LEVEL"),
        ("length=", "--check 'length=': write ID=LEVEL"),
        (
            "length=loud",
            "--check length=loud: level must be off, suggestion, warning or error, not 'loud'",
        ),
        ("lenght=off", "--check lenght=off: unknown check 'lenght' (did you mean 'length'?)"),
        ("length.too-lng=off", "--check length.too-lng=off: unknown outcome 'length.too-lng'"),
    ],
)
def test_bad_command_line_levels(item: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_command_line([item])
    assert str(caught.value).startswith(message)


def test_resolve_rejects_an_unknown_id() -> None:
    with pytest.raises(ConfigError, match="unknown check or outcome 'lenght'"):
        Config().resolve("lenght")


def test_thresholds_are_laid_built_in_then_style_then_config() -> None:
    from voicemail_coach.checks import LENGTH

    config = Config(checks=parse_check_settings({"length": {"warn_over": 40}}, "cfg"))
    styled = config.for_style({"length": {"warn_over": 25, "error_over": 50}}, "style.j2")
    params = styled.params(LENGTH)
    assert params["warn_over"] == 40.0  # the config file's beats the style's
    assert params["error_over"] == 50.0  # the style's beats the built-in
    assert params["short_under"] == 12  # the built-in stays
    assert LENGTH.params["warn_over"] == 30  # the check's own table is never changed


def test_check_rows_list_every_id_with_levels_params_and_source() -> None:
    from voicemail_coach.checks import CHECKS, all_ids

    config = Config().with_command_line(["length=suggestion", "proposed-time.zone-guessed=warning"])
    rows = check_rows(config)
    assert [r["id"] for r in rows] == list(all_ids())
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == len(CHECKS) + sum(len(c.outcomes) for c in CHECKS)
    far = by_id["length.far-too-long"]
    assert (far["default"], far["level"], far["set_by"]) == ("error", "suggestion", "command line")
    assert far["outcome"] == "far-too-long" and far["check"] == "length" and far["params"] == {}
    guessed = by_id["proposed-time.zone-guessed"]
    assert (guessed["default"], guessed["level"]) == (None, "warning")
    length = by_id["length"]
    assert length["params"]["warn_over"] == 30 and length["outcome"] is None
    assert length["source"].startswith("Fast Company")
    assert by_id["weak-phrases"]["params"] == {"extra": []}
    assert by_id["clarity.grade"] == {
        "id": "clarity.grade",
        "check": "clarity",
        "outcome": "grade",
        "default": "warning",
        "level": "warning",
        "set_by": "built-in",
        "summary": by_id["clarity.grade"]["summary"],
        "params": {},
        "source": by_id["clarity"]["source"],
    }


def test_library_config_applies_like_the_file() -> None:
    """A Config built in code re-levels a score the same way a config file does."""
    text = "Hi Dana, just following up. Call 901-555-2120."
    plain = {f.id: f.severity for f in vc.score(text).findings}
    assert plain["weak-phrases.filler"] == "warning"
    config = Config(checks=parse_check_settings({"weak-phrases": "error"}, "cfg"))
    assert {f.id: f.severity for f in vc.score(text, config=config).findings}[
        "weak-phrases.filler"
    ] == "error"


# --- a whole config file --------------------------------------------------------------------


def test_the_bundled_config_file_reads_every_key() -> None:
    from .conftest import ROOT

    path = ROOT / "examples" / "voicemail-coach.yaml"
    config = load_config(path)
    assert config.source == str(path)
    assert config.caller is not None
    assert (config.caller.name, config.caller.company, config.caller.phone) == (
        "Freda Whitehouse",
        "ABC Company",
        "901-555-2120",
    )
    assert config.caller.timezone == "America/Chicago"
    assert (config.fail_on, config.region, config.templates) == ("error", "US", ())
    assert config.checks.params["weak-phrases"] == {"extra": ("quick question",)}
    assert config.checks.levels == {"opening": "warning"}
    assert config.checks.name == f"config file {path}"


def test_an_empty_config_file_is_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    config = load_config(path)
    assert config == Config(source=str(path))
    assert (config.caller, config.fail_on, config.region, config.templates) == (
        None,
        "error",
        "US",
        (),
    )


def test_fail_on_region_and_templates(tmp_path: Path) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text("fail_on: warning\nregion: gb\ntemplates: [mine, ~/more]\n", encoding="utf-8")
    config = load_config(path)
    assert (config.fail_on, config.region) == ("warning", "GB")
    assert config.templates == (str(tmp_path / "mine"), str(Path("~/more").expanduser()))
    path.write_text("templates: mine\n", encoding="utf-8")
    assert load_config(path).templates == (str(tmp_path / "mine"),)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("fail_on: sometimes\n", 1, "fail_on must be one of suggestion, warning, error, never"),
        ("region: US\ntemplates: [[a]]\n", 2, "templates must be a list of folders"),
        ("fail_on: error\ncheks: {}\n", 2, "unknown key 'cheks' in the config"),
        ("fail_on: [error]\n", 1, "fail_on must be text, not a list"),
        ("region: [US]\n", 1, "region must be text, not a list"),
        ("templates: [[a]]\n", 1, "templates must be a list of folders"),
        ("checks: [length]\n", 1, "checks must be a mapping of check id to a level or settings"),
        ("checks:\n  length: suggestion\n  opening: loud\n", 3, "checks.opening: level must be"),
        ("checks: strict\n", 1, "checks must be a mapping"),
        ("caller:\n  name: Freda\n", 2, "caller"),
        ("fail_on: [error\n", 2, "YAML error"),
    ],
)
def test_a_bad_config_file_is_one_located_error(
    tmp_path: Path, text: str, line: int | None, message: str
) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert message in str(caught.value) and message in caught.value.message
    if message.endswith(("not a list", "list of folders")):  # our own words, whole
        assert caught.value.message == message
    assert "\n" not in str(caught.value)


def test_a_missing_config_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "nope.yaml")
    assert caught.value.path == str(tmp_path / "nope.yaml")


def test_a_closed_check_drops_an_outcome_code_it_does_not_know() -> None:
    """Only proposed-time takes codes missing from its table (new slot-planner notes)."""
    plans = {p.check.id: p for p in Config().plan}
    assert plans["length"].level("no-such-outcome") is None
    assert plans["proposed-time"].level("slot-during-lunch") == "warning"  # no row yet
    assert plans["length"].level("far-too-long") == "error"


def test_a_bad_style_setting_names_the_style_file() -> None:
    with pytest.raises(ConfigError) as caught:
        Config().for_style({"lenght": "off"}, "templates/referral.j2")
    assert str(caught.value).startswith("templates/referral.j2: unknown check 'lenght'")


def test_resolve_suggests_the_closest_id() -> None:
    with pytest.raises(ConfigError, match=r"did you mean 'length.too-long'\?"):
        Config().resolve("length.too-lng")


@pytest.mark.parametrize(
    ("key", "what"),
    [("lenght.too-long", "check"), ("length.too.long", "outcome"), ("reasons", "check")],
)
def test_unknown_ids_say_whether_the_check_or_the_outcome_is_unknown(key: str, what: str) -> None:
    with pytest.raises(ConfigError, match=f"unknown {what} '{key}'"):
        parse_check_settings({key: "off"}, "cfg")


def test_an_empty_level_sets_nothing_and_zero_is_a_threshold() -> None:
    layer = parse_check_settings({"length": "", "clarity": {"max_grade": 0}}, "cfg")
    assert dict(layer.levels) == {}
    assert layer.params["clarity"] == {"max_grade": 0.0}
    assert parse_check_settings({"length": {"warn_over": 0.5}}, "cfg").params["length"] == {
        "warn_over": 0.5
    }


def test_the_command_line_usage_message_in_full() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_command_line(["length"])
    assert str(caught.value) == (
        "--check 'length': write ID=LEVEL, e.g. --check length=suggestion or "
        "--check proposed-time.slot-too-soon=off"
    )
    with pytest.raises(ConfigError, match="not 'off=on'"):
        parse_command_line(["length=off=on"])


def test_check_rows_summaries_and_whole_number_thresholds() -> None:
    from voicemail_coach.checks import LENGTH

    config = Config(checks=parse_check_settings({"length": {"warn_over": "35"}}, "cfg"))
    rows = {r["id"]: r for r in check_rows(config)}
    assert rows["length"]["summary"] == LENGTH.summary
    assert rows["length.too-long"]["summary"] == LENGTH.outcomes[0].summary
    assert rows["length"]["params"]["warn_over"] == 35
    assert isinstance(rows["length"]["params"]["warn_over"], int)
    half = Config(checks=parse_check_settings({"length": {"warn_over": "30.5"}}, "cfg"))
    assert {r["id"]: r for r in check_rows(half)}["length"]["params"]["warn_over"] == 30.5


def test_a_config_without_checks_or_region_keeps_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text("fail_on: warning\n", encoding="utf-8")
    config = load_config(path)
    assert (config.fail_on, config.region) == ("warning", "US")
    assert config.checks.name == f"config file {path}" and dict(config.checks.levels) == {}
    assert config.resolve("length.far-too-long").level == "error"


def test_days_off_and_max_per_slot(tmp_path: Path) -> None:
    from datetime import date

    path = tmp_path / "voicemail-coach.yaml"
    path.write_text(
        'days_off: ["2026-12-24", "2026-12-28..2026-12-30"]\nmax_per_slot: 3\n', encoding="utf-8"
    )
    config = load_config(path)
    assert config.days_off == frozenset(
        {date(2026, 12, 24), date(2026, 12, 28), date(2026, 12, 29), date(2026, 12, 30)}
    )
    assert config.max_per_slot == 3
    path.write_text("fail_on: error\n", encoding="utf-8")
    assert (load_config(path).days_off, load_config(path).max_per_slot) == (frozenset(), 5)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("max_per_slot: 0\n", 1, "max_per_slot must be a whole number of at least 1, not '0'"),
        (
            "region: US\nmax_per_slot: two\n",
            2,
            "max_per_slot must be a whole number of at least 1, not 'two'",
        ),
        ("max_per_slot: [3]\n", 1, "max_per_slot must be text, not a list"),
        (
            "region: US\ndays_off: [2026-13-01]\n",
            2,
            "days_off: day off '2026-13-01' is not a calendar date",
        ),
    ],
)
def test_bad_schedule_settings(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.line == line and caught.value.message.startswith(message)


MANY = 1001  # one over the loader's limit on items in a list or a mapping


@pytest.mark.parametrize(
    ("text", "message", "key"),
    [
        (
            "region: US\ncheks: 1\n",
            "unknown key 'cheks' in the config (did you mean 'checks'?)",
            "cheks",
        ),
        (
            "region: US\nfail_on: sometimes\n",
            "fail_on must be one of suggestion, warning, error, never",
            "fail_on",
        ),
        ("region: US\nfail_on: [error]\n", "fail_on must be text, not a list", "fail_on"),
        ("fail_on: error\nregion: [US]\n", "region must be text, not a list", "region"),
        ("fail_on: error\nchecks: strict\n", "checks must be a mapping of check id", None),
        (
            "fail_on: error\nmax_per_slot: [3]\n",
            "max_per_slot must be text, not a list",
            "max_per_slot",
        ),
        (
            "region: US\ntemplates: [" + ", ".join(["a"] * MANY) + "]\n",
            f"templates holds {MANY:,} items; keep it under 1,000",
            "templates",
        ),
        (
            "region: US\nchecks: {" + ", ".join(f"k{i}: off" for i in range(MANY)) + "}\n",
            f"checks holds {MANY:,} keys; keep it under 1,000",
            "checks",
        ),
        (
            "region: US\ndays_off: [" + ", ".join(["2026-12-24"] * MANY) + "]\n",
            f"days_off holds {MANY:,} items; keep it under 1,000",
            "days_off",
        ),
    ],
)
def test_a_bad_value_on_line_two_is_reported_there(
    tmp_path: Path, text: str, message: str, key: str | None
) -> None:
    """Each key's errors point at its own line and name it (not the first line of the file)."""
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert (caught.value.line, caught.value.key) == (2, key)
    assert caught.value.message.startswith(message)


def test_one_prospect_per_slot_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text("max_per_slot: 1\n", encoding="utf-8")
    assert load_config(path).max_per_slot == 1


def test_the_touch_log_cadence_and_outcomes(tmp_path: Path) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text(
        "region: US\nlog: touches.sqlite\ncadence: [1, 3, 7]\noutcomes: [Sent-Email, sent-email, "
        "left-gatekeeper]\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.log == str(tmp_path / "touches.sqlite")
    assert config.cadence == ["1", "3", "7"]  # kept as written; checked when a log is used
    assert config.cadence_where == f"{path}:3"
    assert config.outcomes == ("sent-email", "left-gatekeeper")
    path.write_text("log: ~/vm.sqlite\n", encoding="utf-8")
    assert load_config(path).log == str(Path("~/vm.sqlite").expanduser())
    path.write_text("region: US\n", encoding="utf-8")
    plain = load_config(path)
    assert (plain.log, plain.cadence, plain.cadence_where, plain.outcomes) == (None, None, "", ())


@pytest.mark.parametrize(
    ("text", "message", "key"),
    [
        (
            "region: US\noutcomes: [sent email]\n",
            "outcome 'sent email' must be lowercase letters, digits and dashes, like sent-email",
            "outcomes",
        ),
        ("region: US\nlog: [a, b]\n", "log must be text, not a list", "log"),
        (
            "region: US\ncadence: [" + ", ".join(["1"] * MANY) + "]\n",
            f"cadence holds {MANY:,} items; keep it under 1,000",
            "cadence",
        ),
        (
            "region: US\noutcomes: [" + ", ".join(["x"] * MANY) + "]\n",
            f"outcomes holds {MANY:,} items; keep it under 1,000",
            "outcomes",
        ),
    ],
)
def test_bad_touch_log_settings(tmp_path: Path, text: str, message: str, key: str) -> None:
    path = tmp_path / "voicemail-coach.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert (caught.value.line, caught.value.key, caught.value.message) == (2, key, message)
