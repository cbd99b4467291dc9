"""Template authors: discovery, packs, metadata, the sandbox, filters, inspect and lint."""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner

import voicemail_coach as vc
from voicemail_coach import filters, sandbox
from voicemail_coach.catalog import environment, get_style
from voicemail_coach.catalog import styles as list_styles
from voicemail_coach.cli import cli
from voicemail_coach.inspection import fields
from voicemail_coach.lint import lint_folder

from .conftest import EXAMPLE, NOW, ROOT

BOOK = vc.load(EXAMPLE)
DANA = BOOK.prospects[0]
CALLER = BOOK.caller
EXAMPLES = ROOT / "examples" / "templates"
CLI_NOW = ["--now", "2026-11-23T09:00"]
META = "{#- description: a test style -#}\n"
GOOD_BODY = (
    "Hi {{ prospect.first_name }}, this is {{ caller.name }} from {{ caller.company }}, "
    "{{ caller.phone | phone }}. I'm calling about {{ prospect.need }}. {{ next_step }} "
    "Call me at {{ caller.phone | phone }} to confirm.\n"
)


def write(folder: Path, name: str, body: str, meta: str = META) -> Path:
    """Write a template file and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(meta + body, encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str] | None = None):
    """Invoke the CLI; exceptions other than SystemExit would fail the test."""
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


# --- discovery -----------------------------------------------------------------------------


def test_templates_option_env_var_and_config_are_searched_in_that_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given, from_env, from_config = tmp_path / "given", tmp_path / "env", tmp_path / "config"
    write(given, "renewal.j2", GOOD_BODY, "{#- description: from --templates -#}\n")
    write(from_env, "renewal.j2", GOOD_BODY, "{#- description: from the env var -#}\n")
    write(from_env, "envonly.j2", GOOD_BODY, "{#- description: only in the env var -#}\n")
    write(from_config, "renewal.j2", GOOD_BODY, "{#- description: from the config -#}\n")
    write(from_config, "confonly.j2", GOOD_BODY, "{#- description: only in the config -#}\n")
    config = tmp_path / "voicemail-coach.yaml"
    config.write_text("templates: [config]\n", encoding="utf-8")
    monkeypatch.setenv("VOICEMAIL_COACH_TEMPLATES", str(from_env))

    listed = json.loads(run("--config", str(config), "styles", "--format", "json").output)
    by_name = {s["name"]: s for s in listed}
    assert by_name["renewal"]["description"] == "from the config"
    assert by_name["envonly"]["origin"] == "folder" and by_name["confonly"]["origin"] == "folder"
    assert by_name["referral"]["origin"] == "built-in"

    r = run("--config", str(config), "styles", "--templates", str(given), "--format", "json")
    by_name = {s["name"]: s for s in json.loads(r.output)}
    assert by_name["renewal"]["description"] == "from --templates"
    assert by_name["renewal"]["overrides"] == [f"folder {from_config}", f"folder {from_env}"]

    monkeypatch.delenv("VOICEMAIL_COACH_TEMPLATES")
    assert "envonly" not in {s.name for s in vc.styles()}


def test_user_file_overrides_built_in_by_name_and_listing_says_so(tmp_path: Path) -> None:
    write(tmp_path, "referral.j2", GOOD_BODY, "{#- description: our own referral -#}\n")
    r = run("styles", "--templates", str(tmp_path))
    line = next(x for x in r.output.splitlines() if x.startswith("referral"))
    assert "folder" in line and "our own referral" in line
    assert f"from {tmp_path} (overrides built-in)" in r.output
    d = vc.draft(DANA, "referral", CALLER, NOW, templates=[tmp_path])
    assert "Joe Sampson" not in d.text and d.text.startswith("Hi Dana, this is Freda")


def test_missing_template_folder_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(vc.TemplateError, match="template folder not found"):
        vc.styles([tmp_path / "nope"])
    r = run("styles", "--templates", str(tmp_path / "nope"))
    assert r.exit_code == 2 and "template folder not found" in r.stderr


# --- template packs (a real entry point on sys.path) -----------------------------------------


def make_pack(root: Path, module: str, value: str, init: str = "") -> Path:
    """Create an installed distribution with a voicemail_coach.templates entry point."""
    package = root / module
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(init, encoding="utf-8")
    dist = root / f"{module}-1.2.dist-info"
    dist.mkdir()
    name = module.replace("_", "-")
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.2\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text(
        f"[voicemail_coach.templates]\nscripts = {value}\n", encoding="utf-8"
    )
    return package


def test_pack_registers_its_package_folder_without_importing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = f"pack_{tmp_path.name.replace('-', '_')}"
    package = make_pack(tmp_path, module, module, init="raise RuntimeError('not imported')\n")
    write(package, "renewal.j2", GOOD_BODY, "{#- description: renewal in 30 days -#}\n")
    write(package, "referral.j2", GOOD_BODY, "{#- description: the pack's referral -#}\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    found = {s.name: s for s in vc.styles()}
    assert found["renewal"].origin == "package"
    assert found["renewal"].source == f"{module.replace('_', '-')} 1.2 (entry point scripts)"
    assert found["referral"].origin == "package" and found["referral"].overrides == ("built-in",)
    d = vc.draft(DANA, "renewal", CALLER, NOW)
    assert d.text.startswith("Hi Dana, this is Freda Whitehouse") and d.style == "renewal"
    assert module not in sys.modules

    # A user's folder comes before the pack.
    user = tmp_path / "mine"
    write(user, "renewal.j2", GOOD_BODY, "{#- description: mine -#}\n")
    mine = get_style("renewal", [user])
    assert mine.origin == "folder" and mine.description == "mine"
    listed = list_styles([user])
    assert listed["renewal"].overrides == (f"package {found['renewal'].source}",)


def test_pack_module_attribute_gives_a_folder_relative_to_the_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = f"attrpack_{tmp_path.name.replace('-', '_')}"
    package = make_pack(tmp_path, module, f"{module}:FOLDER", init='FOLDER = "scripts"\n')
    write(package / "scripts", "trade-show.j2", GOOD_BODY, "{#- description: after a show -#}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, module, raising=False)
    style = get_style("trade-show")
    assert style.origin == "package" and style.path == package / "scripts" / "trade-show.j2"


def test_broken_pack_names_the_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = f"brokenpack_{tmp_path.name.replace('-', '_')}"
    make_pack(tmp_path, module, f"{module}_missing")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(vc.TemplateError, match=rf"template pack 'scripts = {module}_missing'"):
        vc.styles()
    r = run("styles")
    assert r.exit_code == 2 and "uninstall the package" in r.stderr


def test_score_never_imports_importlib_metadata_but_styles_does() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from voicemail_coach.cli import cli\n"
        "r = CliRunner().invoke(cli, ['score', '-'], input='Hi, this is Freda, 901-555-2120.')\n"
        "print('importlib.metadata' in sys.modules)\n"
        "CliRunner().invoke(cli, ['styles'])\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout.split()
    assert out == ["False", "True"]


# --- metadata -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "line", "words"),
    [
        ("", 1, "no metadata: start the file with {#- description"),
        ("{#- Just a note, not metadata. -#}\n", 1, "must hold YAML metadata"),
        ("{#-\nuse_when: always\n-#}\n", 1, "needs 'description"),
        (
            "{#-\ndescription: x\nuse-when: y\n-#}\n",
            3,
            "unknown key 'use-when' in the metadata (did you mean 'use_when'?)",
        ),
        (
            "{#-\ndescription: x\nrequires: [prospect.referal.by]\n-#}\n",
            3,
            "prospect has no field 'referal' (did you mean 'referral'?)",
        ),
        ("{#-\ndescription: x\nrequires: referral.by\n-#}\n", 3, "write it like prospect."),
        (
            "{#-\ndescription: x\nchecks:\n  length: {warn_over: 40}\n  proposed-tim: error\n-#}\n",
            5,
            "unknown check 'proposed-tim' (did you mean 'proposed-time'?)",
        ),
        (
            "{#-\ndescription: x\nchecks:\n  length: {warn_ovr: 40}\n-#}\n",
            4,
            "unknown setting 'warn_ovr' for check length (did you mean 'warn_over'?)",
        ),
        ("{#-\ndescription: x\nchecks: strict\n-#}\n", 3, "checks must be a mapping"),
        (
            "{#-\ndescription: x\nexample:\n  name: Ann Lee\n  compnay: Acme\n-#}\n",
            5,
            "unknown key 'compnay' in prospect (did you mean 'company'?)",
        ),
        ("{#-\ndescription: x\n  bad: [indent\n-#}\n", 3, "YAML error"),
    ],
)
def test_bad_metadata_is_refused_with_file_and_line(
    tmp_path: Path, meta: str, line: int, words: str
) -> None:
    path = write(tmp_path, "bad.j2", GOOD_BODY, meta)
    with pytest.raises(vc.TemplateError) as info:
        get_style("bad", [tmp_path])
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert words in str(info.value)


def test_metadata_fields_are_read(tmp_path: Path) -> None:
    meta = (
        "{#-\ndescription: >\n  Renewal in 30 days.\nuse_when: the contract ends within a month\n"
        "requires: [prospect.extra.renewal]\nchecks:\n  length: {warn_over: 25}\n"
        "  proposed-time: error\nexample:\n  name: Ann Lee\n  company: Acme\n"
        "  extra: {renewal: May 1}\n-#}\n"
    )
    write(tmp_path, "renewal.j2", GOOD_BODY, meta)
    s = get_style("renewal", [tmp_path])
    assert s.description == "Renewal in 30 days."
    assert s.use_when == "the contract ends within a month"
    assert s.requires == ("prospect.extra.renewal",)
    assert s.checks == {"length": {"warn_over": "25"}, "proposed-time": "error"}
    assert s.example == {"name": "Ann Lee", "company": "Acme", "extra": {"renewal": "May 1"}}
    assert s.example_book is not None and s.example_book.prospects[0].line == 10


def test_per_style_check_overrides_apply_and_survive_repeated_drafts(tmp_path: Path) -> None:
    no_time = (
        "Hi {{ prospect.first_name }}, this is {{ caller.name }} from {{ caller.company }}, "
        "{{ caller.phone | phone }}. Call me at {{ caller.phone | phone }}.\n"
    )
    write(tmp_path, "plain.j2", no_time)
    strict = "{#-\ndescription: x\nchecks:\n  proposed-time: error\n"
    write(
        tmp_path,
        "strict.j2",
        no_time,
        strict + "  length: {level: suggestion, warn_over: 5}\n-#}\n",
    )
    plain = vc.draft(DANA, "plain", CALLER, NOW, templates=[tmp_path])
    assert {f.check: f.severity for f in plain.findings}["proposed-time"] == "warning"
    for _ in range(2):  # the cached metadata must not be consumed by the first draft
        d = vc.draft(DANA, "strict", CALLER, NOW, templates=[tmp_path])
        levels = {f.check: f.severity for f in d.findings}
        assert levels["proposed-time"] == "error" and levels["length"] == "suggestion"
        assert "s spoken, over 5 s (target 20-30 s); cut a sentence" in str(d.findings)


def test_style_requires_names_the_missing_field(tmp_path: Path) -> None:
    write(
        tmp_path,
        "event.j2",
        GOOD_BODY,
        "{#-\ndescription: x\nrequires: prospect.extra.event\n-#}\n",
    )
    with pytest.raises(vc.TemplateError, match=r"style event needs prospect.extra.event for Dana"):
        vc.draft(DANA, "event", CALLER, NOW, templates=[tmp_path])
    d = vc.draft(
        replace(DANA, extra={"event": "the expo"}), "event", CALLER, NOW, templates=[tmp_path]
    )
    assert d.style == "event"


# --- the sandbox ----------------------------------------------------------------------------

HOSTILE: dict[str, tuple[str, int, list[str]]] = {
    # name: (body after the one-line metadata, line named, words in the message)
    "syntax": ("Hi {{ caller.name }}\n{% if %}\n", 3, ["syntax error"]),
    "unclosed": ("Hi\n{% for x in prospect.slots %}\n", 3, ["syntax error", "endfor"]),
    "filter-typo": (
        "Hi\n{{ caller.phone | phon }}\n",
        3,
        ["No filter named 'phon'", "did you mean 'phone'"],
    ),
    "caller-arg": ("{% macro say(caller) %}{{ caller }}{% endmacro %}\n", 2, ["caller"]),
    "missing": (
        "Hi {{ caller.name }},\nabout {{ prospect.extra.event }}.\n",
        3,
        ["style missing reads prospect.extra.event", "Dana Jones does not have"],
    ),
    "misspelt": (
        "Hi\n\n{{ prospect.compnay }}\n",
        4,
        ["prospect has no field 'compnay'", "did you mean 'company'"],
    ),
    "unknown-var": ("{{ dana }}\n", 2, ["'dana', which templates are not given"]),
    "escape": ("Hi\n{{ ''.__class__.__mro__ }}\n", 3, ["refused by the sandbox", "unsafe"]),
    "escape-globals": ("{{ cycler.__init__.__globals__ }}\n", 2, ["refused", "unsafe"]),
    "escape-dict": ("{{ caller.__dict__ }}\n", 2, ["refused", "unsafe"]),
    "escape-format": ("{{ '{0.__class__}'.format(caller) }}\n", 2, ["refused", "unsafe"]),
    "include-up": (
        "Hi\n{% include '../../etc/passwd' %}\n",
        3,
        ["includes '../../etc/passwd'", "only files inside the template folders"],
    ),
    "include-absolute": (
        "{% include '/etc/passwd' %}\n",
        2,
        ["includes '/etc/passwd'", "only files inside"],
    ),
    "include-missing": (
        "{% include '_closer.j2' %}\n",
        2,
        ["'_closer.j2', which is in none", "did you mean '_closing.j2'"],
    ),
    "huge-range": (
        "Hi\n{% for i in range(10**9) %}{% endfor %}\n",
        3,
        ["was stopped", "Range too big"],
    ),
    "nested-loops": (
        "\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
        3,
        ["was stopped", "50,000 steps"],
    ),
    "string-loops": (
        "{% for a in 'x' * 99999 %}{% for b in 'y' * 99999 %}{% endfor %}{% endfor %}\n",
        2,
        ["was stopped"],
    ),
    "macro-bomb": (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
        "{% endmacro %}\n{{ f(60) }}\n",
        2,
        ["was stopped"],
    ),
    "recursive-loop": (
        "{% for x in [1] recursive %}{{ loop(range(1000)) }}{% endfor %}\n",
        2,
        ["recurses without end"],
    ),
    "multiply": ("{{ 'x' * 10**9 }}\n", 2, ["was stopped", "1,000,000,000 bytes"]),
    "power": ("{{ 10 ** (10 ** 10) }}\n", 2, ["was stopped", "over 4,096 bits"]),
    "doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}\n",
        2,
        ["was stopped"],
    ),
    "replace": ("{{ ('x' * 90000) | replace('x', 'y' * 90000) }}\n", 2, ["was stopped"]),
    "join": ("{{ range(100000) | join('x' * 90000) }}\n", 2, ["was stopped"]),
    "format": ("{{ '%0999999999d' % 1 }}\n", 2, ["was stopped"]),
    "ljust": ("{{ 'x'.ljust(10**9) }}\n", 2, ["was stopped"]),
    "lipsum": ("{{ lipsum(100000) }}\n", 2, ["'lipsum', which templates are not given"]),
    "output": (
        "{% for i in range(5000) %}word {% endfor %}\n",
        2,
        ["was stopped", "over 20,000 characters"],
    ),
    "not-a-number": ("Hi\n{{ prospect.company | phone }}\n", 3, ["not a phone number"]),
}


@pytest.fixture
def watchdog() -> Iterator[None]:
    """Turn a render that hangs (a broken budget) into a failure after 10 s instead."""
    if not hasattr(signal, "setitimer"):  # pragma: no cover - Windows
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError("the render did not stop within 10 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 10)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.usefixtures("watchdog")
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_template_is_refused_with_file_and_line(tmp_path: Path, name: str) -> None:
    body, line, words = HOSTILE[name]
    path = write(tmp_path, f"{name}.j2", body)
    with pytest.raises(vc.TemplateError) as info:
        vc.draft(DANA, name, CALLER, NOW, templates=[tmp_path])
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: style {name}"), message
    for word in words:
        assert word in message, message


@pytest.mark.usefixtures("watchdog")
@pytest.mark.parametrize("name", ["syntax", "missing", "escape", "include-up", "nested-loops"])
def test_hostile_template_exits_2_with_one_line_from_the_cli(tmp_path: Path, name: str) -> None:
    body, line, _ = HOSTILE[name]
    path = write(tmp_path, f"{name}.j2", body)
    r = run(
        "draft",
        str(EXAMPLE),
        "--prospect",
        "dana",
        "--style",
        name,
        "--templates",
        str(tmp_path),
        *CLI_NOW,
    )
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith(f"voicemail-coach: {path}:{line}: style {name}")
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("partial", "words"),
    [
        ("Hi\n{{ prospect.extra.event }}\n", "reads prospect.extra.event"),
        ("Hi\n{% if %}\n", "syntax error"),
    ],
)
def test_errors_in_a_partial_name_the_partial_and_its_line(
    tmp_path: Path, partial: str, words: str
) -> None:
    write(tmp_path, "uses.j2", "Hi\n{% include '_part.j2' %}\n")
    part = write(tmp_path, "_part.j2", partial, meta="")
    with pytest.raises(vc.TemplateError) as info:
        vc.draft(DANA, "uses", CALLER, NOW, templates=[tmp_path])
    assert str(info.value).startswith(f"{part}:2: style uses")
    assert words in str(info.value)


def test_symlink_out_of_the_template_folders_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("the password", encoding="utf-8")
    folder = tmp_path / "templates"
    write(folder, "leak.j2", "Hi\n{% include '_secret.j2' %}\n")
    try:
        (folder / "_secret.j2").symlink_to(secret)
    except OSError:  # pragma: no cover - no symlinks on this system
        pytest.skip("symlinks are not available")
    with pytest.raises(vc.TemplateError, match=r"leak.j2:3: .*leads outside the template folders"):
        vc.draft(DANA, "leak", CALLER, NOW, templates=[folder])


@pytest.mark.usefixtures("watchdog")
def test_time_budget_stops_slow_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_STEPS", 10**9)
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.05)
    write(tmp_path, "slow.j2", HOSTILE["macro-bomb"][0])
    with pytest.raises(vc.TemplateError, match=r"slow.j2:2: .*stopped after 0.05 s of work"):
        vc.draft(DANA, "slow", CALLER, NOW, templates=[tmp_path])


def test_prospect_text_is_data_never_template_code(tmp_path: Path) -> None:
    write(
        tmp_path, "event.j2", GOOD_BODY.replace("{{ prospect.need }}", "{{ prospect.extra.event }}")
    )
    hostile = "{{ 7*7 }} {% include '/etc/passwd' %} {{ ''.__class__ }}"
    d = vc.draft(
        replace(DANA, extra={"event": hostile}), "event", CALLER, NOW, templates=[tmp_path]
    )
    assert hostile in d.text and "49" not in d.text


def test_a_normal_style_stays_well_inside_the_budget() -> None:
    with sandbox.budget() as b:
        environment().get_template("referral.j2").render(
            caller=CALLER, prospect=DANA, next_step="Would Friday at 2 work?", now=NOW
        )
    assert 0 < sandbox.MAX_STEPS - b.steps < 100


# --- speech filters -------------------------------------------------------------------------


def test_phone_and_digits() -> None:
    assert filters.phone("9015552120") == "901-555-2120"
    assert filters.phone("(901) 555.2120") == "901-555-2120"
    assert filters.digits("901-555-2120") == "nine oh one, five five five, two one two zero"


@pytest.mark.parametrize(
    ("slot", "said"),
    [
        (
            datetime(2026, 11, 27, 14, 0, tzinfo=ZoneInfo("America/Chicago")),
            "this Friday at 2 p.m.",
        ),
        (
            datetime(2026, 11, 27, 14, 0, tzinfo=ZoneInfo("America/New_York")),
            "this Friday at 1 p.m.",
        ),  # said in the prospect's own zone
        ("2026-11-24 10:30", "Tuesday at 10:30 a.m."),  # no offset: the prospect's zone
        (["2026-11-24 16:00", "2026-11-24 15:00"], "Tuesday at 3 or 4 p.m."),
        ("2026-12-01 12:00", "Tuesday the 1st at noon"),
    ],
)
def test_slot_is_said_as_people_speak(slot: object, said: str) -> None:
    chicago = replace(DANA, timezone="America/Chicago")
    template = environment().from_string("{{ when | slot }}")
    assert template.render(when=slot, prospect=chicago, caller=CALLER, now=NOW) == said


def test_slot_refuses_text_that_is_not_a_time(tmp_path: Path) -> None:
    write(tmp_path, "when.j2", "Hi\n{{ prospect.extra.when | slot }}\n")
    p = replace(DANA, extra={"when": "next Tuesday"})
    with pytest.raises(vc.TemplateError, match=r"when.j2:3: .*'next Tuesday' is not a date"):
        vc.draft(p, "when", CALLER, NOW, templates=[tmp_path])


@pytest.mark.parametrize(
    ("items", "said"),
    [
        (["3", "4 p.m."], "3 or 4 p.m."),
        (["email", "phone", "text"], "email, phone or text"),
        (["phone"], "phone"),
        ([], ""),
        (["a", "", None, "b"], "a or b"),
        ("already said", "already said"),
    ],
)
def test_or_list(items: object, said: str) -> None:
    assert filters.or_list(items) == said


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Dana Jones", "Dana"),
        ("Dr. Dana Jones", "Dana"),
        ("Jones, Dana", "Dana"),
        ("Ms Priya Raman", "Priya"),
        ("Cher", "Cher"),
        ("", ""),
    ],
)
def test_first_name(name: str, first: str) -> None:
    assert filters.first_name(name) == first


def test_filters_are_available_to_templates(tmp_path: Path) -> None:
    body = (
        "Hi {{ prospect.name | first_name }}, this is {{ caller.name }} from {{ caller.company }}, "
        "{{ caller.phone | phone }}. We can talk by {{ ['phone', 'video'] | or_list }}. "
        "{{ next_step }} That's {{ caller.phone | digits }}.\n"
    )
    write(tmp_path, "filters.j2", body)
    d = vc.draft(DANA, "filters", CALLER, NOW, templates=[tmp_path])
    assert d.text.startswith("Hi Dana, this is Freda Whitehouse from ABC Company, 901-555-2120.")
    assert "by phone or video." in d.text
    assert d.text.endswith("That's nine oh one, five five five, two one two zero.")
    assert d.callback_numbers[0].count == 2


# --- inspect --------------------------------------------------------------------------------


def test_inspect_shows_fields_where_they_come_from_and_metadata() -> None:
    r = run("inspect", "event-follow-up", "--templates", str(EXAMPLES))
    assert r.exit_code == 0, r.output
    lines = {line.split()[0]: line for line in r.output.splitlines() if line.startswith("  ")}
    assert "prospect YAML: extra: {event: ...}" in lines["prospect.extra.event"]
    assert "required" in lines["prospect.extra.event"]
    assert "prospect YAML: extra: {topic: ...}" in lines["prospect.extra.topic"]  # .get('topic')
    assert "required" not in lines["prospect.extra.topic"]
    assert "given:" in lines["next_step"] and "_closing.j2:" in lines["next_step"]
    assert "caller YAML: phone: ..." in lines["caller.phone"]
    assert "prospect.extra.get" not in r.output
    assert "description: After a trade show" in r.output
    assert "checks:      {length: {warn_over: 32}}" in r.output
    assert (
        "example (used by lint-templates):" in r.output
        and "event: the Chicago Food Expo" in r.output
    )


def test_inspect_flags_fields_no_data_can_give(tmp_path: Path) -> None:
    write(
        tmp_path,
        "typo.j2",
        "Hi {{ prospect.compnay }} {{ agent }} {% for s in prospect.slots %}"
        "{{ s }}{% endfor %} {{ range(2) | list }}\n",
    )
    uses = {u.name: u for u in fields(get_style("typo", [tmp_path]), [tmp_path])}
    assert set(uses) == {"prospect.compnay", "agent", "prospect.slots"}
    assert "did you mean 'company'" in (uses["prospect.compnay"].problem or "")
    assert "not given to templates" in (uses["agent"].problem or "")
    assert uses["prospect.slots"].problem is None and uses["prospect.slots"].line == 2


# --- lint-templates -------------------------------------------------------------------------


def test_the_example_custom_style_lints_clean() -> None:
    results = lint_folder(EXAMPLES, config=vc.Config(), now=NOW)
    assert [r.name for r in results] == ["event-follow-up"]
    (d,) = results[0].drafts
    assert results[0].example == "its own example" and d.prospect == "Maria Lopez"
    assert d.score >= 85 and not [f for f in d.findings if f.severity == "error"], d.findings
    assert "We met at the Chicago Food Expo, where you asked about onboarding" in d.text
    r = run("lint-templates", str(EXAMPLES), *CLI_NOW)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1] == "1 template: 1 passed, 0 failed, 0 broken"


def test_lint_fails_a_template_that_never_gives_the_number(tmp_path: Path) -> None:
    write(
        tmp_path,
        "no-number.j2",
        "Hi, this is {{ caller.name }} from {{ caller.company }}. {{ next_step }}\n",
    )
    write(tmp_path, "good.j2", GOOD_BODY)
    r = run("lint-templates", str(tmp_path), *CLI_NOW)
    assert r.exit_code == 1, r.output
    (line,) = [x for x in r.output.splitlines() if x.startswith("no-number: ")]
    assert "(FAIL)" in line and "Dana Jones from examples/prospects.yaml" in line
    assert "error      callback-number" in r.output
    assert "good: " in r.output and "Dana Jones from examples/prospects.yaml" in r.output
    assert r.output.splitlines()[-1] == "2 templates: 1 passed, 1 failed, 0 broken"


def test_lint_reports_broken_templates_and_exits_2(tmp_path: Path) -> None:
    write(tmp_path, "good.j2", GOOD_BODY)
    bad = write(tmp_path, "escape.j2", "Hi\n{{ ''.__class__ }}\n")
    write(tmp_path, "_bad.j2", "{% if %}\n", meta="")
    write(
        tmp_path,
        "needs-event.j2",
        GOOD_BODY,
        "{#-\ndescription: x\nrequires: [prospect.extra.event]\n-#}\n",
    )
    r = run("lint-templates", str(tmp_path), *CLI_NOW)
    assert r.exit_code == 2, r.output
    assert f"escape: broken: {bad}:3: style escape was refused" in r.output
    assert "_bad: broken: " in r.output and "_bad.j2:1: partial _bad: syntax error" in r.output
    assert "needs-event: broken: " in r.output and "add an 'example:'" in r.output
    assert r.output.splitlines()[-1] == "4 templates: 1 passed, 0 failed, 3 broken"
    assert "Traceback" not in r.output


def test_lint_uses_each_prospect_of_a_template_example(tmp_path: Path) -> None:
    meta = (
        "{#-\ndescription: x\nexample:\n  caller: {name: Ann Lee, company: Acme, "
        "phone: 312-555-0100, timezone: America/Chicago}\n  prospects:\n"
        "    - {name: Bo Chen, company: Delta, need: faster onboarding}\n"
        "    - {name: Cy Park, company: Echo, need: fewer escalations}\n-#}\n"
    )
    write(tmp_path, "two.j2", GOOD_BODY, meta)
    (result,) = lint_folder(tmp_path, config=vc.Config(), now=NOW)
    assert [d.prospect for d in result.drafts] == ["Bo Chen", "Cy Park"]
    assert all("this is Ann Lee from Acme, 312-555-0100" in d.text for d in result.drafts)


def test_lint_of_an_empty_or_missing_folder_is_bad_input(tmp_path: Path) -> None:
    assert run("lint-templates", str(tmp_path)).exit_code == 2
    r = run("lint-templates", str(tmp_path / "nope"))
    assert r.exit_code == 2 and "template folder not found" in r.stderr


# --- pre-commit hook and docs ---------------------------------------------------------------


def test_pre_commit_hook_runs_lint_templates() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "voicemail-coach-lint"
    assert hook["entry"] == "voicemail-coach lint-templates"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert hook["args"] == ["templates"]  # the folder a template repository keeps its styles in
    command, subcommand = hook["entry"].split()
    assert command == "voicemail-coach" and subcommand in cli.commands
    # Run from this repository's root, the hook lints the built-in styles: all pass.
    r = run(subcommand, *[str(ROOT / a) for a in hook["args"]], *CLI_NOW)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1] == "5 templates: 5 passed, 0 failed, 0 broken"


def test_docs_walk_through_the_example_style_as_shipped() -> None:
    docs = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    assert (EXAMPLES / "event-follow-up.j2").read_text(encoding="utf-8") in docs
    assert (EXAMPLES / "_event.j2").read_text(encoding="utf-8") in docs
    for word in (
        "voicemail_coach.templates",
        "VOICEMAIL_COACH_TEMPLATES",
        "lint-templates",
        "inspect",
        "pre-commit",
        "caller",
        "first_name",
        "or_list",
        "digits",
        "slot",
    ):
        assert word in docs, word


# --- the catalog package --------------------------------------------------------------------


def _fifo(path: Path) -> Path:
    """Make a FIFO at path (the test is skipped where the OS has none)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(path)
    return path


def test_a_fifo_named_like_a_style_is_refused_not_waited_on(tmp_path: Path) -> None:
    write(tmp_path, "good.j2", GOOD_BODY)
    fifo = _fifo(tmp_path / "stuck.j2")
    with pytest.raises(vc.TemplateError) as info:
        list_styles([tmp_path])
    assert str(info.value) == (
        f"{fifo}: template file is a FIFO, not a regular file; remove it or replace it with "
        "a .j2 file"
    )
    with pytest.raises(vc.TemplateError, match="is a FIFO"):
        get_style("stuck", [tmp_path])
    r = run("lint-templates", str(tmp_path), *CLI_NOW)  # what the pre-commit hook runs
    assert r.exit_code == 2, r.output
    assert f"stuck: broken: {fifo}: template file is a FIFO" in r.output
    assert r.output.splitlines()[-1] == "2 templates: 1 passed, 0 failed, 1 broken"


def test_a_fifo_partial_is_refused_at_the_include(tmp_path: Path) -> None:
    write(tmp_path, "opens.j2", '{% include "_part.j2" %}\n' + GOOD_BODY)
    fifo = _fifo(tmp_path / "_part.j2")
    with pytest.raises(vc.TemplateError) as info:
        vc.draft(DANA, "opens", CALLER, NOW, templates=[tmp_path])
    assert str(info.value).startswith(f"{fifo}: style opens: template file is a FIFO")
    r = run("lint-templates", str(tmp_path), *CLI_NOW)
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "_part: broken: " in r.output and "is a FIFO" in r.output


def test_a_directory_named_like_a_style_is_refused(tmp_path: Path) -> None:
    (tmp_path / "odd.j2").mkdir()
    with pytest.raises(vc.TemplateError, match=r"odd.j2: template file is a directory"):
        list_styles([tmp_path])


def test_unknown_style_suggests_the_style_it_starts(tmp_path: Path) -> None:
    with pytest.raises(vc.TemplateError) as info:
        get_style("warm")
    assert str(info.value) == "unknown style 'warm' (did you mean 'warm-cold-call'?)"
    with pytest.raises(vc.TemplateError) as info:
        get_style("zzz")
    assert str(info.value) == (
        "unknown style 'zzz' (known styles: follow-up, referral, straight-pitch, third-party, "
        "warm-cold-call)"
    )
    r = run("draft", str(EXAMPLE), "--style", "warm", *CLI_NOW)
    assert r.exit_code == 2
    assert "unknown style 'warm' (did you mean 'warm-cold-call'?)" in r.stderr


@pytest.mark.parametrize(
    ("body", "hint"),
    [
        ("{{ caller.phone | phon }}", "No filter named 'phon' (did you mean 'phone'?)"),
        (
            "{{ caller.phone | zzzz }}",
            "No filter named 'zzzz' (voicemail-coach filters: phone, digits, slot, or_list, "
            "first_name; see docs/templates.md)",
        ),
    ],
)
def test_an_unknown_filter_names_the_closest_one_not_all_sixty(
    tmp_path: Path, body: str, hint: str
) -> None:
    path = write(tmp_path, "f.j2", "Hi\n" + body + "\n")
    with pytest.raises(vc.TemplateError) as info:
        vc.draft(DANA, "f", CALLER, NOW, templates=[tmp_path])
    assert str(info.value) == f"{path}:3: style f: syntax error: {hint}"
    assert "truncate" not in str(info.value)  # one of Jinja's own filters


def test_catalog_modules_import_no_cycle_and_no_jinja() -> None:
    code = (
        "import sys, voicemail_coach.catalog, voicemail_coach.inspection, "
        "voicemail_coach.policy.recommend, voicemail_coach.output.files, "
        "voicemail_coach.output.sarif, voicemail_coach.output.github\n"
        "print(sorted(m for m in sys.modules if m.startswith('jinja2'))[:1])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    imported: set[str] = set()
    for path in (ROOT / "voicemail_coach" / "catalog").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                imported.add(node.module or "")
                imported.update(f"{node.module}.{a.name}" for a in node.names)
    assert not [m for m in imported if "inspection" in m or "policy" in m]  # one way only
    import voicemail_coach.catalog as catalog

    assert not hasattr(catalog, "recommend")  # the recommendation is policy


def test_inspect_names_the_file_with_each_line_and_fails_on_fields_no_data_gives(
    tmp_path: Path,
) -> None:
    r = run("inspect", "event-follow-up", "--templates", str(EXAMPLES))
    assert r.exit_code == 0, r.output
    style_file = EXAMPLES / "event-follow-up.j2"
    assert f"prospect YAML: company: ... ({style_file}:20)" in r.output
    assert "recommended: priority 35, when prospect.extra.event is given\n" in r.output
    r = run("inspect", "straight-pitch")
    assert "recommended: priority 20, when prospect.attempts >= 3 (built-in rule)\n" in r.output
    write(tmp_path, "plain.j2", GOOD_BODY)
    r = run("inspect", "plain", "--templates", str(tmp_path))
    assert "recommended: only with --style (add 'priority: N' to take part" in r.output
    path = write(tmp_path, "typo.j2", "Hi\n{{ prospect.compnay }}\n")
    r = run("inspect", "typo", "--templates", str(tmp_path))
    assert r.exit_code == 2
    assert f"did you mean 'company'?) ({path}:3)" in r.stdout  # the listing is still printed
    assert r.stderr == (
        f"voicemail-coach: {path}:3: style typo reads prospect.compnay, which no data can give: "
        "prospect has no field 'compnay' (did you mean 'company'?); fix the template\n"
    )


# --- template authors' styles in the recommendation ------------------------------------------

EVENT_META = (
    "{#-\ndescription: after an event\nrequires: [prospect.extra.event]\npriority: 35\n-#}\n"
)
PLAIN = replace(DANA, referral=None, reference=None, attempts=0, extra={})


@pytest.mark.parametrize(
    ("changes", "style", "reason"),
    [
        # the event style fits only a prospect with extra.event ...
        ({}, "warm-cold-call", "so the default: the warm cold call"),
        (
            {"extra": {"event": "the expo"}},
            "event",
            "its metadata's rule holds: prospect.extra.event is given (priority 35, over "
            "warm-cold-call (0))",
        ),
        # ... beats a third-party reference (30) and the last attempt (20) ...
        (
            {"extra": {"event": "the expo"}, "reference": DANA.reference, "attempts": 4},
            "event",
            "(priority 35, over third-party (30))",
        ),
        # ... and yields to a confirmed referral (40)
        ({"extra": {"event": "the expo"}, "referral": DANA.referral}, "referral", "Joe Sampson"),
    ],
)
def test_an_authors_style_takes_part_by_its_priority(
    tmp_path: Path, changes: dict, style: str, reason: str
) -> None:
    write(tmp_path, "event.j2", GOOD_BODY, EVENT_META)
    available = vc.styles([tmp_path])
    picked = vc.recommend(replace(PLAIN, **changes), available)
    assert picked.style == style
    assert reason in picked.reason
    assert vc.recommend(replace(PLAIN, **changes)).style != "event"  # built-in rules alone


@pytest.mark.parametrize(
    ("conditions", "changes", "fits"),
    [
        ("[prospect.attempts >= 2]", {"attempts": 2}, True),
        ("[prospect.attempts >= 2]", {"attempts": 1}, False),
        ("[not prospect.reference]", {}, True),
        ("[not prospect.reference]", {"reference": DANA.reference}, False),
        ("[prospect.extra.tier == gold]", {"extra": {"tier": "Gold"}}, True),
        ("[prospect.extra.tier == gold]", {"extra": {"tier": "silver"}}, False),
        ("[prospect.extra.tier == gold]", {}, False),  # a missing field meets only 'not'
        ("prospect.need", {}, True),  # one condition need not be a list
        ("[prospect.need, prospect.attempts > 5]", {}, False),  # every condition must hold
    ],
)
def test_recommend_when_conditions(
    tmp_path: Path, conditions: str, changes: dict, fits: bool
) -> None:
    meta = f"{{#-\ndescription: x\npriority: 50\nrecommend_when: {conditions}\n-#}}\n"
    write(tmp_path, "custom.j2", GOOD_BODY, meta)
    picked = vc.recommend(replace(PLAIN, **changes), vc.styles([tmp_path]))
    assert (picked.style == "custom") is fits, picked


@pytest.mark.parametrize(
    ("meta", "line", "message"),
    [
        (
            "recommend_when: [prospect.extra.event]\n",
            3,
            "recommend_when needs a priority: add 'priority: N'",
        ),
        ("priority: high\n", 3, "priority: 'high' is not a whole number"),
        (
            "priority: 5\nrecommend_when: [prospect.attempt >= 2]\n",
            4,
            "recommend_when: prospect has no field 'attempt' (did you mean 'attempts'?)",
        ),
        (
            "priority: 5\nrecommend_when: [prospect.attempts >= many]\n",
            4,
            "recommend_when: 'prospect.attempts >= many': >= compares numbers",
        ),
        (
            "priority: 5\nrecommend_when: ['not prospect.attempts > 2']\n",
            4,
            "recommend_when: 'not prospect.attempts > 2': use 'not' with a bare field",
        ),
    ],
)
def test_bad_recommendation_metadata_names_file_and_line(
    tmp_path: Path, meta: str, line: int, message: str
) -> None:
    path = write(tmp_path, "bad.j2", GOOD_BODY, "{#-\ndescription: x\n" + meta + "-#}\n")
    with pytest.raises(vc.TemplateError) as info:
        get_style("bad", [tmp_path])
    assert str(info.value).startswith(f"{path}:{line}: {message}")


def test_an_override_keeps_the_built_in_rule_and_its_own_requires(tmp_path: Path) -> None:
    write(tmp_path, "referral.j2", GOOD_BODY, "{#-\ndescription: mine\n-#}\n")
    assert vc.recommend(DANA, vc.styles([tmp_path])).style == "referral"
    needs = "{#-\ndescription: mine\nrequires: [prospect.extra.region]\n-#}\n"
    write(tmp_path, "referral.j2", GOOD_BODY, needs)
    picked = vc.recommend(DANA, vc.styles([tmp_path]))  # Dana has no extra.region:
    assert picked.style == "third-party"  # the next rule that fits


def test_draft_and_batch_recommend_an_authors_style(tmp_path: Path) -> None:
    folder = tmp_path / "styles"
    write(folder, "event.j2", GOOD_BODY, EVENT_META)
    data = tmp_path / "expo.yaml"
    data.write_text(
        "caller: {name: Freda Whitehouse, company: ABC Company, phone: 901-555-2120, "
        "timezone: America/Chicago}\nprospects:\n"
        "  - {name: Maria Lopez, company: Lakeside Foods, need: onboarding, "
        "extra: {event: the Chicago Food Expo}}\n"
        "  - {name: Sam Patel, company: Brightside Dental, need: scheduling}\n",
        encoding="utf-8",
    )
    r = run("draft", str(data), "--templates", str(folder), *CLI_NOW, "--format", "json")
    assert r.exit_code in (0, 1), r.output
    drafts = json.loads(r.stdout)["drafts"]
    assert [(d["prospect"], d["style"]) for d in drafts] == [
        ("Maria Lopez", "event"),
        ("Sam Patel", "warm-cold-call"),
    ]
    out = tmp_path / "out.jsonl"
    r = run("batch", str(data), "--out", str(out), "--templates", str(folder), *CLI_NOW)
    assert r.exit_code in (0, 1), r.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [row["style"] for row in rows] == ["event", "warm-cold-call"]


def test_batch_refuses_a_fifo_partial_row_by_row(tmp_path: Path) -> None:
    folder = tmp_path / "styles"
    write(folder, "opens.j2", '{% include "_part.j2" %}\n' + GOOD_BODY)
    _fifo(folder / "_part.j2")
    out = tmp_path / "out.jsonl"
    r = run("batch", str(EXAMPLE), "--out", str(out), "--style", "opens", "--templates",
            str(folder), *CLI_NOW)  # fmt: skip
    assert r.exit_code in (1, 2), r.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all("is a FIFO" in json.dumps(row) for row in rows)
