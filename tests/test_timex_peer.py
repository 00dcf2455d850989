"""Peer check: the deadline-like cases of JioNLP's time-parser suite (see tests/data/jionlp_deadline_cases.json)."""
import json

from bulletin_pipeline.extract import timex

from conftest import DATA


def _passes(case) -> bool:
    found = timex.find(case["text"], case["base"])
    if len(found) != 1:
        return False
    t = found[0]
    if case["compare"] in ("both", "start") and t.date_start != case["start"]:
        return False
    if case["compare"] in ("both", "end") and t.date_end != case["end"]:
        return False
    return True


def pass_rate() -> tuple[int, int, list[str]]:
    cases = json.loads((DATA / "jionlp_deadline_cases.json").read_text(encoding="utf-8"))["cases"]
    failed = [c["text"] for c in cases if not _passes(c)]
    return len(cases) - len(failed), len(cases), failed


def test_jionlp_deadline_cases():
    ok, total, failed = pass_rate()
    print(f"JioNLP deadline cases: {ok}/{total} pass; failing: {failed}")
    assert ok / total >= 0.8, failed


if __name__ == "__main__":
    print(pass_rate())
