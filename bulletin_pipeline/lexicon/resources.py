"""Resources: the domain data the stages read (gazetteers, calendar, measures, word list), built once.

The pipeline builds one ``Resources`` and passes it to every stage; a batch worker's warm-up is building
it once (:meth:`Resources.warm`).  Each field is loaded on first use and kept on the instance, never in a
module-level cache, so two pipelines with different gazetteers do not see each other's data.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources as _pkg
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:      # annotations only: the modules load when a Resources first needs them
    from .calendar import Calendar
    from .measures import Measures
    from .pinyin import Pinyin

_DATA_PACKAGE = "bulletin_pipeline.data"
# the bundled gazetteers: central bodies, one province, one city (聊城)
GAZETTEER_FILES = ("units-central.json", "units-shandong.json", "units.json")
# extra gazetteer files named by the environment (separated like PATH)
GAZETTEER_ENV = "BULLETIN_GAZETTEER"


def read_package_json(name: str) -> dict:
    """One JSON file of the package data (``bulletin_pipeline/data/NAME``)."""
    return json.loads(_pkg.files(_DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8"))


@dataclass
class Resources:
    """Domain data for one pipeline.  ``gazetteers``: extra user gazetteer files (JSON, same shape as
    ``data/units.json``) added to the bundled ones."""

    gazetteers: tuple[Path, ...] = field(default_factory=tuple)

    def data(self, name: str) -> dict:
        """A package data file, read once per Resources."""
        cache = self.__dict__.setdefault("_data", {})
        if name not in cache:
            cache[name] = read_package_json(name)
        return cache[name]

    @cached_property
    def units(self) -> dict:
        """The unit gazetteer (raw package data until the unit lexicon wraps it)."""
        return self.data("units.json")

    @cached_property
    def gazetteer(self):
        """All unit gazetteers: the bundled ones, then ``gazetteers`` and the files in $BULLETIN_GAZETTEER."""
        from .units import Gazetteer
        tables = [self.data(n) for n in GAZETTEER_FILES]
        env = [p for p in os.environ.get(GAZETTEER_ENV, "").split(os.pathsep) if p]
        for p in list(self.gazetteers) + env:
            tables.append(json.loads(Path(p).read_text(encoding="utf-8")))
        return Gazetteer(*tables)

    @cached_property
    def calendar(self) -> "Calendar":
        """Calendar conventions (plan periods, seasons, named periods, frequencies)."""
        from .calendar import Calendar
        return Calendar.from_dict(self.data("calendar.json"))

    @cached_property
    def measures(self) -> "Measures":
        """Measurement units, their base units, and the time units of durations."""
        from .measures import Measures
        return Measures.from_dict(self.data("measures.json"))

    @cached_property
    def pinyin(self) -> "Pinyin":
        """Pinyin of names for ids (a table built from pypinyin's data; pypinyin itself only when needed)."""
        from .pinyin import Pinyin
        return Pinyin.from_dict(self.data("pinyin.json"))

    @cached_property
    def tokenizer(self):
        """A private jieba tokenizer with its dictionary loaded (never the process-wide ``jieba.dt``)."""
        import jieba  # heavy: loaded only by the stages that need words
        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.initialize()
        return tok

    @property
    def word_freq(self) -> dict[str, int]:
        """jieba's general dictionary (word -> frequency)."""
        return self.tokenizer.FREQ

    def is_word(self, s: str) -> bool:
        """Is ``s`` (two or more chars) a word of jieba's general dictionary?"""
        return len(s) >= 2 and self.word_freq.get(s, 0) > 0

    def plausibility(self, s: str) -> int:
        """How much of ``s`` reads as dictionary words: the number of adjacent char pairs that lie inside one
        dictionary word of a greedy longest-match cut.  实施方案 scores 3, 实施广案 scores 1: OCR corrections
        prefer the reading that makes words."""
        score, i = 0, 0
        while i < len(s):
            for n in range(min(6, len(s) - i), 1, -1):
                if self.is_word(s[i:i + n]):
                    score += n - 1
                    i += n
                    break
            else:
                i += 1
        return score

    def warm(self, words: bool = True) -> "Resources":
        """Load everything now (a batch worker calls this once before it forks).  ``words``: also jieba's
        dictionary (1.5 CPU-s; OCR repairs need it, a text layer read as it is rarely does)."""
        for name in ("units", "gazetteer", "calendar", "measures", "pinyin") + (("word_freq",) if words else ()):
            getattr(self, name)
        return self
