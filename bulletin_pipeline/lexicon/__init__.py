"""The lexicon: domain knowledge every stage shares, importing no stage.

发文字号 grammar, unit names (grammar and gazetteers), numbering patterns, Chinese numerals, calendar
conventions, measures and the general word list.  Stages (structure, extract, kb, edition, OCR repair) import
the lexicon; the lexicon never imports a stage.  Domain data is read through a :class:`Resources` object
that the pipeline builds once and passes to the stages: there is no module-level cache of domain data.
"""
from .resources import Resources

__all__ = ["Resources"]
