"""What the held-out sets' make_texts.py scripts share: the realworld rows they typeset their documents from
(policy50, govcn-policies, gov_work_reports of the development material beside the checkout), the text of a
row as its non-blank lines, and the writing of texts.json.  Run a set's script from its folder."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
REALWORLD = next((d / "shared" / "realworld" for d in HERE.parents if (d / "shared" / "realworld").is_dir()),
                 HERE.parents[4] / "shared" / "realworld")


def rows(name: str) -> list[dict]:
    with open(REALWORLD / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


pol = rows("policy50.jsonl")
gov = rows("govcn-policies.jsonl")
rep = rows("gov_work_reports.jsonl")


def lines(s):
    return [l.strip() for l in s.split("\n") if l.strip()]


def write(docs: list[dict], number: int, gazette: str = "政策文件汇编", year: int = 2025) -> None:
    """texts.json of the set, in the folder the script runs from."""
    json.dump({"gazette": gazette, "year": year, "number": number, "documents": docs}, open("texts.json", "w"),
              ensure_ascii=False, indent=1)
