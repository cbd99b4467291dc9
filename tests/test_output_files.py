"""Safe output files: what may be replaced, symlinks, inputs, .part files, signals, init."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import voicemail_coach as vc
from voicemail_coach.cli import cli
from voicemail_coach.output import files
from voicemail_coach.output.files import AtomicFile, OutputError, create_new, write_file

from .conftest import ROOT

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args: str):
    """Invoke the CLI; exceptions other than SystemExit would fail the test."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def parts(folder: Path) -> list[str]:
    """Return the .part files in a folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def read_only_folder(tmp_path: Path) -> Path:
    """Return a folder this process cannot create files in (for root: /sys, which refuses)."""
    if ROOT_USER:
        return Path("/sys")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


# --- what may be written ---------------------------------------------------------------------


def test_a_new_path_and_a_regular_file_are_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "drafts.jsonl"
    write_file(out, "one\n")
    assert out.read_text(encoding="utf-8") == "one\n"
    out.chmod(0o640)
    write_file(out, "two\n")
    assert out.read_text(encoding="utf-8") == "two\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # the file's mode is kept
    assert parts(tmp_path) == []


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(OutputError) as info:
        write_file(fifo, "x")
    assert str(info.value) == (
        f"{fifo}: is a FIFO, not a regular file; write to a regular file or a new path"
    )
    assert stat.S_ISFIFO(fifo.stat().st_mode) and parts(tmp_path) == []


def test_a_directory_and_a_missing_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"is a directory, not a regular file"):
        write_file(tmp_path, "x")
    missing = tmp_path / "nope" / "out.jsonl"
    with pytest.raises(OutputError) as info:
        write_file(missing, "x")
    assert (
        str(info.value) == f"{missing}: the folder {missing.parent} does not exist; create it first"
    )


def test_dev_null_is_refused_before_anything_is_written() -> None:
    before = os.stat("/dev/null")
    with pytest.raises(OutputError, match=r"^/dev/null: is a device, not a regular file"):
        write_file("/dev/null", "x" * 1000)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
    assert not [n for n in os.listdir("/dev") if n.endswith(".part")]


@pytest.mark.skipif(not ROOT_USER, reason="creating a device node needs root")
def test_a_device_node_is_never_replaced(tmp_path: Path) -> None:
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    with pytest.raises(OutputError, match=r"is a device"):
        write_file(node, "x")
    assert stat.S_ISCHR(node.stat().st_mode) and parts(tmp_path) == []


def test_stdout_when_allowed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with AtomicFile("-", allow_stdout=True) as out:
        out.write("to the terminal\n")
    assert capsys.readouterr().out == "to the terminal\n"
    with pytest.raises(OutputError, match=r"'-' \(standard output\) is not possible here"):
        AtomicFile("-")


# --- symlinks --------------------------------------------------------------------------------


def test_a_symlink_to_a_file_is_written_through_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "results.jsonl"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "out.jsonl"
    link.symlink_to(real)
    write_file(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)  # the link is not replaced
    assert real.read_text(encoding="utf-8") == "new\n"  # the file it points at is
    assert parts(tmp_path) == [] and parts(real.parent) == []


def test_a_dangling_symlink_is_refused_and_nothing_appears_at_its_far_end(tmp_path: Path) -> None:
    far = tmp_path / "elsewhere" / "planted.jsonl"
    far.parent.mkdir()
    link = tmp_path / "out.jsonl"
    link.symlink_to(far)
    with pytest.raises(OutputError) as info:
        write_file(link, "x")
    assert str(info.value).startswith(f"{link}: is a symlink to {far}, which does not exist")
    assert not far.exists() and link.is_symlink()


def test_a_symlink_to_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.jsonl"
    link.symlink_to(fifo)
    with pytest.raises(OutputError, match=r"is a FIFO"):
        write_file(link, "x")


def test_symlinks_refused_outright_when_asked(tmp_path: Path) -> None:
    real = tmp_path / "a.txt"
    real.write_text("keep", encoding="utf-8")
    link = tmp_path / "b.txt"
    link.symlink_to(real)
    with pytest.raises(OutputError, match=r"is a symlink; this command never writes through"):
        write_file(link, "x", follow_symlinks=False)
    assert real.read_text(encoding="utf-8") == "keep"


# --- inputs are never outputs ----------------------------------------------------------------


@pytest.mark.parametrize("how", ["same path", "symlink", "hard link", "dotted path"])
def test_an_input_in_use_is_refused_as_output(tmp_path: Path, how: str) -> None:
    caller = tmp_path / "caller.yaml"
    caller.write_text("caller: {}\n", encoding="utf-8")
    out = {
        "same path": caller,
        "symlink": tmp_path / "link.yaml",
        "hard link": tmp_path / "hard.yaml",
        "dotted path": tmp_path / "." / "caller.yaml",
    }[how]
    if how == "symlink":
        out.symlink_to(caller)
    if how == "hard link":
        os.link(caller, out)
    inputs = [("the call list", tmp_path / "calls.csv"), ("the caller file", caller)]
    with pytest.raises(OutputError) as info:
        write_file(out, "drafts", inputs=inputs)
    assert str(info.value) == (
        f"{out}: is the caller file ({caller}), an input of this run; write the output elsewhere"
    )
    assert caller.read_text(encoding="utf-8") == "caller: {}\n"


# --- the .part file --------------------------------------------------------------------------


def test_the_part_file_is_hidden_names_the_pid_and_is_gone_after_commit(tmp_path: Path) -> None:
    out = AtomicFile(tmp_path / "drafts.jsonl")
    out.write("row\n")
    assert out.part is not None
    m = files.PART.match(out.part.name)
    assert m and m.group("name") == "drafts.jsonl" and int(m.group("pid")) == os.getpid()
    assert not out.part.name.endswith(".jsonl") and out.part.name.startswith(".")
    assert not (tmp_path / "drafts.jsonl").exists()  # nothing at the target until complete
    out.commit()
    assert parts(tmp_path) == [] and (tmp_path / "drafts.jsonl").read_text() == "row\n"


def test_an_error_in_the_block_leaves_the_earlier_file_and_no_part(tmp_path: Path) -> None:
    target = tmp_path / "drafts.jsonl"
    target.write_text("earlier\n", encoding="utf-8")
    with pytest.raises(RuntimeError), AtomicFile(target) as out:
        out.write("half")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "earlier\n" and parts(tmp_path) == []


def test_a_head_known_at_the_end_goes_first(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    out = AtomicFile(target)
    out.write("body\n")
    out.commit(head="# summary\n")
    assert target.read_text(encoding="utf-8") == "# summary\nbody\n" and parts(tmp_path) == []


def test_a_full_disk_is_one_line_and_the_earlier_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "drafts.jsonl"
    target.write_text("earlier\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(OutputError) as info:
        write_file(target, "x" * 10_000)
    assert str(info.value) == (
        f"{target}: cannot write: the disk is full; free some space or write elsewhere"
    )
    assert target.read_text(encoding="utf-8") == "earlier\n" and parts(tmp_path) == []


def test_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    folder = read_only_folder(tmp_path)
    with pytest.raises(OutputError) as info:
        write_file(folder / "drafts.jsonl", "x")
    assert "permission denied (a read-only folder?)" in str(info.value)
    assert str(info.value).startswith(f"{folder / 'drafts.jsonl'}: cannot write in {folder}")


CHILD = textwrap.dedent(
    """
    import sys, time
    from voicemail_coach.output.files import AtomicFile
    try:
        with AtomicFile(sys.argv[1]) as out:
            out.write("partial row\\n" * 1000)
            print(out.part, flush=True)
            time.sleep(60)
    except KeyboardInterrupt:
        sys.exit(130)
    """
)


def _start_child(target: Path) -> tuple[subprocess.Popen[str], Path]:
    """Start a process writing `target`; return it and its .part once it exists."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    part = Path(child.stdout.readline().strip())
    assert part.is_file()
    return child, part


@pytest.mark.parametrize(
    ("signame", "code"), [("SIGTERM", -signal.SIGTERM), ("SIGHUP", -signal.SIGHUP), ("SIGINT", 130)]
)
def test_a_signal_removes_the_part_and_leaves_the_earlier_file(
    tmp_path: Path, signame: str, code: int
) -> None:
    target = tmp_path / "drafts.jsonl"
    target.write_text("earlier\n", encoding="utf-8")
    child, part = _start_child(target)
    child.send_signal(getattr(signal, signame))
    assert child.wait(timeout=30) == code
    assert not part.exists() and parts(tmp_path) == []
    assert target.read_text(encoding="utf-8") == "earlier\n"


def test_a_part_left_by_a_killed_run_is_cleaned_by_the_next(tmp_path: Path) -> None:
    target = tmp_path / "drafts.jsonl"
    child, part = _start_child(target)
    child.kill()  # SIGKILL: nothing can clean up
    child.wait(timeout=30)
    assert part.exists()
    alive, alive_part = _start_child(target)  # a run still going keeps its file
    other = tmp_path / ".drafts.jsonl.notours.part"  # not a name the tool writes
    other.write_text("keep", encoding="utf-8")
    try:
        write_file(target, "fresh\n")
        assert not part.exists()
        assert alive_part.exists() and other.exists()
        assert target.read_text(encoding="utf-8") == "fresh\n"
    finally:
        alive.kill()
        alive.wait(timeout=30)


# --- init ------------------------------------------------------------------------------------


def test_init_writes_the_caller_once_and_draft_uses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = run("init", "--dir", str(tmp_path))
    assert r.exit_code == 0, r.output
    prospects = yaml.safe_load((tmp_path / "prospects.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load((tmp_path / "voicemail-coach.yaml").read_text(encoding="utf-8"))
    assert "caller" not in prospects and config["caller"]["name"] == "Freda Whitehouse"
    example = vc.load(ROOT / "examples" / "prospects.yaml")
    assert [p.name for p in vc.load(tmp_path / "prospects.yaml").prospects] == [
        p.name for p in example.prospects
    ]
    monkeypatch.chdir(tmp_path)  # ./voicemail-coach.yaml is found there
    r = run("draft", "prospects.yaml", "--now", "2026-11-23T09:00")
    assert r.exit_code == 0, r.output
    assert "this is Freda Whitehouse from ABC Company" in r.output
    assert parts(tmp_path) == []


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "prospects.yaml").write_text("mine", encoding="utf-8")
    r = run("init", "--dir", str(tmp_path))
    assert r.exit_code == 0
    assert f"{tmp_path / 'prospects.yaml'}: exists, left as it is" in r.output
    assert (tmp_path / "prospects.yaml").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "voicemail-coach.yaml").is_file()


@pytest.mark.parametrize("dangling", [True, False])
def test_init_refuses_a_symlink_and_writes_nothing(tmp_path: Path, dangling: bool) -> None:
    far = tmp_path / "outside" / "planted.yaml"
    far.parent.mkdir()
    if not dangling:
        far.write_text("theirs", encoding="utf-8")
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "voicemail-coach.yaml").symlink_to(far)
    r = run("init", "--dir", str(folder))
    assert r.exit_code == 2
    assert r.stderr == (
        f"voicemail-coach: {folder / 'voicemail-coach.yaml'}: is a symlink; init never writes "
        "through a link (remove it, or give --dir another folder)\n"
    )
    assert far.exists() is not dangling and (dangling or far.read_text() == "theirs")
    assert sorted(p.name for p in folder.iterdir()) == ["voicemail-coach.yaml"]


def test_init_into_a_read_only_folder_is_one_line_exit_2(tmp_path: Path) -> None:
    folder = read_only_folder(tmp_path)
    r = run("init", "--dir", str(folder))
    assert r.exit_code == 2
    (line,) = r.stderr.splitlines()
    assert line.startswith(f"voicemail-coach: {folder / 'prospects.yaml'}: cannot write in ")
    assert "permission denied" in line and "Traceback" not in r.output


def test_create_new_refuses_what_is_there(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    assert create_new(path, "one") is True
    assert create_new(path, "two") is False and path.read_text(encoding="utf-8") == "one"
    link = tmp_path / "dangling.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    assert create_new(link, "x") is False and not (tmp_path / "nowhere.yaml").exists()
    assert parts(tmp_path) == []
