"""Write bulletin_pipeline/data/pinyin.json from the installed pypinyin (run after upgrading pypinyin).

    python scripts/build_pinyin_table.py
"""
import json
from pathlib import Path

from bulletin_pipeline.lexicon.pinyin import build_table

OUT = Path(__file__).resolve().parents[1] / "bulletin_pipeline" / "data" / "pinyin.json"

if __name__ == "__main__":
    OUT.write_text(json.dumps(build_table(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
