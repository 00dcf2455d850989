"""Responsible units: the gazetteer (package data), name validation, and list splitting.

A unit name is either in the gazetteer (canonical name known) or has the shape of an official body
(…局, …委员会, …管委会, …中心支行, 各县（市、区）政府 …).  Generic words (相关部门, 各成员单位) are not units.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

# suffixes of official bodies, longest first (the lazy scanner tries them in this order)
SUFFIXES = ("委员会办公室", "指挥部办公室", "联席会议办公室", "领导小组办公室", "委员会", "管委会", "办公室", "办公厅",
            "中心支行", "中心支局", "监管分局", "分局", "支行", "支局", "海关", "供电公司", "公司", "中心", "政府",
            "部门", "高新区", "开发区", "总工会", "工会", "支队", "大队", "检察院", "法院", "研究院", "局", "委", "办", "厅", "署")
_SUFFIX = "|".join(SUFFIXES)
_NAME_CHARS = r"[\p{Han}（）()·]"

UNIT_FULL = regex.compile(r"^(?:各|有关)?" + _NAME_CHARS + r"{0,30}?(?:" + _SUFFIX + r")$")
# a unit at a position in running text, shortest name first (市水利局及时下达 -> 市水利局)
UNIT_AT = regex.compile(r"(?:各|有关)?" + _NAME_CHARS + r"{1,24}?(?:" + _SUFFIX + r")")
GENERIC = regex.compile(r"^(?:各|有关|相关|其他|其它|各级|各有关|上级|本级)?(?:部门|单位|成员单位|机构|主管部门|职能部门|政府|"
                        r"有关部门|相关部门|责任单位|牵头单位)$|^(?:各|有关|相关)(?:部门|单位)|单位$|同志$|负责人$")
BAD_INSIDE = regex.compile(r"[的在对为是把将从向要应按使让其该此这由]|本办法|本规定|第\p{Han}{1,4}条|负责|牵头|配合|会同|组织|落实|根据|职能|分别")
TRAIL_ETC = regex.compile(r"(?:等部门|等单位|等)$")
LEAD_WORDS = regex.compile(r"^(?:并由|由|请|要求|责成|各由)")
LIST_SEP = "、，,；;"
CONJ = regex.compile(r"[和与及]")


@dataclass(frozen=True)
class UnitName:
    name: str
    start: int
    end: int
    canonical: Optional[str]


class Gazetteer:
    def __init__(self, data: dict):
        self.alias: dict[str, str] = {}
        self.collective: set[str] = set(data.get("collective", []))
        for u in data.get("units", []):
            c = u["canonical"]
            for a in [c] + list(u.get("aliases", [])):
                self.alias[a] = c
        for c in list(self.alias.values()):
            # 聊城市X局 <-> 市X局 are the same body
            if c.startswith("聊城市"):
                self.alias.setdefault("市" + c[3:], c)

    def canonical(self, name: str) -> Optional[str]:
        if name in self.alias:
            return self.alias[name]
        if name in self.collective:
            return name
        if name.startswith("聊城市") and ("市" + name[3:]) in self.alias:
            return self.alias["市" + name[3:]]
        return None

    def known(self, name: str) -> bool:
        return self.canonical(name) is not None

    def names(self) -> list[str]:
        return sorted(set(self.alias) | self.collective, key=len, reverse=True)

    def nearest(self, name: str) -> Optional[str]:
        """The one gazetteer name a misread name stands for: same length (five chars or more), one char
        different (市发展改划委 -> 市发展改革委), two for names of ten chars or more (家画税务总局聊城市税务局).
        None when no name or several names are that close."""
        if len(name) < 5 or self.known(name):
            return None
        limit = 2 if len(name) >= 10 else 1
        best: dict[int, set] = {}
        for n in self.alias:
            if len(n) == len(name):
                k = sum(a != b for a, b in zip(n, name))
                if k <= limit:
                    best.setdefault(k, set()).add(n)
        for k in sorted(best):
            return best[k].pop() if len(best[k]) == 1 else None
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    from ..data import load
    return Gazetteer(load("units.json"))


def is_unit(name: str, gz: Gazetteer | None = None) -> bool:
    gz = gz or gazetteer()
    if gz.known(name):
        return True
    if len(name) < 3 or len(name) > 32 or GENERIC.search(name) or BAD_INSIDE.search(name.replace("管委会", "")):
        return False
    return bool(UNIT_FULL.match(name))


def _split_top(s: str) -> list[tuple[str, int]]:
    """Split at list separators outside brackets; (piece, offset)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(s):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in LIST_SEP:
            out.append((s[start:i], start))
            start = i + 1
    out.append((s[start:], start))
    return out


def split_units(s: str, offset: int = 0, gz: Gazetteer | None = None) -> Optional[list[UnitName]]:
    """The whole string as a list of units (A、B和C等部门), or None when any piece is not a unit."""
    gz = gz or gazetteer()
    units: list[UnitName] = []
    for piece, off in _split_top(s):
        raw = piece
        piece = piece.strip()
        if not piece:
            continue
        lead = LEAD_WORDS.match(piece)
        if lead:
            piece = piece[lead.end():]
        piece = TRAIL_ETC.sub("", piece)
        start = offset + off + (len(raw) - len(raw.lstrip())) + (lead.end() if lead else 0)
        parts = None if gz.known(piece) or not CONJ.search(piece) else _conj_split(piece, gz)
        if parts is None and CONJ.search(piece) and not gz.known(piece) and _has_unit_side(piece, gz):
            return None     # A和有关部门: one side is not a named unit
        if parts is None and is_unit(piece, gz):
            units.append(UnitName(piece, start, start + len(piece), gz.canonical(piece)))
            continue
        # A和B / A与B: split at a conjunction only when both sides are units (not 工业和信息化局)
        if parts is None:
            return None
        for p, o in parts:
            units.append(UnitName(p, start + o, start + o + len(p), gz.canonical(p)))
    return units or None


def _has_unit_side(piece: str, gz: Gazetteer) -> bool:
    """Some conjunction in ``piece`` has a unit on its left (A和有关部门, not 工业和信息化局)."""
    return any(is_unit(piece[:m.start()], gz) for m in CONJ.finditer(piece))


def _conj_split(piece: str, gz: Gazetteer) -> Optional[list[tuple[str, int]]]:
    for m in CONJ.finditer(piece):
        a, b = piece[:m.start()], piece[m.end():]
        if is_unit(a, gz):
            if is_unit(b, gz):
                return [(a, 0), (b, m.end())]
            rest = _conj_split(b, gz)
            if rest:
                return [(a, 0)] + [(p, o + m.end()) for p, o in rest]
    return None


def scan_units(text: str, pos: int = 0, gz: Gazetteer | None = None) -> list[UnitName]:
    """Units listed from ``pos`` on in running text (会同A、B及时下达 -> A, B); stops at the first non-unit."""
    gz = gz or gazetteer()
    out: list[UnitName] = []
    i = pos
    while i < len(text):
        best = None
        for name in _gaz_prefixes(text, i, gz):
            best = name
            break
        if best is None:
            m = UNIT_AT.match(text, i)
            if m and is_unit(TRAIL_ETC.sub("", m.group(0)), gz):
                best = m.group(0)
        if best is None:
            break
        out.append(UnitName(best, i, i + len(best), gz.canonical(best)))
        i += len(best)
        m = regex.match(r"等部门|等单位|等", text[i:])
        if m:
            i += m.end()
        if i < len(text) and text[i] in "、，,和与及":
            nxt = i + 1
            if _gaz_prefixes(text, nxt, gz) or (UNIT_AT.match(text, nxt) and is_unit(UNIT_AT.match(text, nxt).group(0), gz)):
                i = nxt
                continue
        break
    return out


def _gaz_prefixes(text: str, i: int, gz: Gazetteer) -> list[str]:
    return [n for n in _names_by_first(gz).get(text[i:i + 1], ()) if text.startswith(n, i)]


@lru_cache(maxsize=4)
def _names_by_first(gz: Gazetteer) -> dict[str, tuple[str, ...]]:
    d: dict[str, list[str]] = {}
    for n in gz.names():
        d.setdefault(n[0], []).append(n)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in d.items()}
