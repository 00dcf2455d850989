"""The `bulletin` command through click's runner, and the run's outputs on disk."""
import json
import subprocess
import sys

from click.testing import CliRunner

from bulletin_pipeline.cli import cli

from conftest import CORPUS_PDF, ROOT


def test_every_command_has_help_and_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, cmd in cli.commands.items():
        r = CliRunner().invoke(cli, [name, "--help"])
        assert r.exit_code == 0 and "Usage" in r.output
        assert f"bulletin {name}" in readme, name


def test_run_writes_issue_and_is_idempotent(tmp_path):
    r = CliRunner().invoke(cli, ["run", str(CORPUS_PDF), "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    assert "8 documents" in r.output
    path = tmp_path / "liaochengshi-rmzfgb-2019-11" / "issue.json"
    first = path.read_bytes()
    data = json.loads(first)
    assert data["schema_version"] == "1.0" and data["source"]["page_count"] == 36
    assert (path.parent / "issue.xml").exists() and (tmp_path / "kb.sqlite").exists()
    import sqlite3
    count = lambda: sqlite3.connect(tmp_path / "kb.sqlite").execute("SELECT count(*) FROM obligation_units").fetchone()[0]
    n = count()
    r = CliRunner().invoke(cli, ["run", str(CORPUS_PDF), "-o", str(tmp_path), "-q"])
    assert r.exit_code == 0 and path.read_bytes() == first and count() == n
    assert not list(tmp_path.rglob("*.tmp"))


def test_bad_input_is_one_line(tmp_path):
    bad = tmp_path / "not.pdf"
    bad.write_text("hello", encoding="utf-8")
    r = CliRunner().invoke(cli, ["run", str(bad), "-o", str(tmp_path)])
    assert r.exit_code == 1 and "not-a-pdf" in r.output and "Traceback" not in r.output
    r = CliRunner().invoke(cli, ["run", str(tmp_path / "missing.pdf")])
    assert r.exit_code == 1 and "not-found" in r.output


def test_docnumber_command():
    r = CliRunner().invoke(cli, ["docnumber", "聊政发〔2019〕15号", "电话：0635—8288802"])
    lines = r.output.strip().splitlines()
    assert json.loads(lines[0])["normalized"] == "聊政发〔2019〕15号" and lines[1] == "null"
    r = CliRunner().invoke(cli, ["docnumber"], input="鲁政发[2018]19号\n")
    assert json.loads(r.output)["normalized"] == "鲁政发〔2018〕19号"


def test_pages_command():
    r = CliRunner().invoke(cli, ["pages", str(CORPUS_PDF), "--page", "2"])
    assert r.exit_code == 0 and "聊政发〔2019〕15号" in r.output and "— 2 —" not in r.output
    r = CliRunner().invoke(cli, ["pages", str(CORPUS_PDF), "--page", "99"])
    assert r.exit_code != 0


def test_help_is_fast_and_imports_nothing_heavy():
    code = ("import sys, bulletin_pipeline.cli; "
            "print(','.join(m for m in ('pdfplumber','jieba','spacy','lxml','jsonschema') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_progress_display_skips_rich_when_stderr_is_no_terminal():
    import os
    import subprocess
    code = ("import sys; from bulletin_pipeline import cli\n"
            "with cli._stage_progress() as stage: stage('read', 1, 2)\n"
            "with cli._bar_progress('ocr') as bar: bar('ocr', 1, 2)\n"
            "print('rich.console' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_TERMINAL", "TTY_COMPATIBLE", "TTY_INTERACTIVE")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "False"
    env["FORCE_TERMINAL"] = "1"      # rich draws on a forced terminal, so it is loaded then
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "True"
