"""A list kept on disk: what an issue too long to hold whole keeps of its paragraphs, documents and tables.

Items are pickled one after another into an anonymous temporary file (gone when the spool is closed or
collected, or the process ends), with the offset of each kept in memory (8 bytes an item).  Reading an item
unpickles a fresh copy: changing it changes nothing on disk, so items are appended once they are final.
The writers go through a list one item at a time (kb.write), so an issue written from spools holds one
document at a time.
"""
from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Sequence
from typing import Iterable, Iterator


class Spooled(Sequence):
    def __init__(self, items: Iterable = ()):
        self._file = tempfile.TemporaryFile(prefix="bulletin-spool-")
        self._at = array("q")
        self._end = 0
        self.extend(items)

    def append(self, item) -> None:
        f = self._file
        f.seek(self._end)
        pickle.dump(item, f, protocol=pickle.HIGHEST_PROTOCOL)
        self._at.append(self._end)
        self._end = f.tell()

    def extend(self, items: Iterable) -> None:
        for x in items:
            self.append(x)

    def __len__(self) -> int:
        return len(self._at)

    def _load(self, i: int):
        self._file.seek(self._at[i])
        return pickle.load(self._file)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._load(k) for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("spool index out of range")
        return self._load(i)

    def __iter__(self) -> Iterator:
        for k in range(len(self)):
            yield self._load(k)

    def __eq__(self, other) -> bool:
        return isinstance(other, (list, Spooled)) and len(self) == len(other) and all(a == b for a, b in zip(self, other))

    def __repr__(self) -> str:
        return f"<Spooled: {len(self)} items on disk>"

    def close(self) -> None:
        self._file.close()


def is_list(value) -> bool:
    """A list field's value: a list, or a list kept on disk."""
    return isinstance(value, (list, Spooled))
