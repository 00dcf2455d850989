"""Imported by the fork server of a batch that may OCR, after :mod:`.server`: jieba's dictionary (what OCR
repairs read) is loaded once there, not in every per-file process that OCRs a page."""
from . import warm_words

warm_words()
