"""Obligations: which units must do a task, in which role (lead | support | implement | responsible).

Sources, in the order the GUIDE lists them:
  parenthetical   （责任单位：A牵头；B、C等部门按职责分工负责） （A负责，B配合） （A、B按职能分别牵头） （A组织落实）
  duty line       责任主体：A、B、C。
  in-text clause  由A牵头… / A会同B… / A与B会同… / A负责… / A是…责任主体 / 由A批准…
  opening 要      A、B要… (only when nothing else assigns the provision)
Document-wide rules carry forward: 列第一位的为牵头单位（下同） and 以下任务均需X组织落实，不再列出.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from ..model import Document, Obligation, Role, UnitRef
from ..lexicon.numbering import match_numbering
from ..lexicon.units import Gazetteer, scan_units, split_units

ASSIGN_HINT = regex.compile(r"牵头|负责|配合|组织落实|责任单位|责任主体|责任部门")
PREFIX = regex.compile(r"^\s*(?:责任单位|责任主体|责任部门|牵头单位|实施主体)\s*[:：]\s*")
RULE_FIRST_LEAD = regex.compile(r"[，,。；]?\s*列第一位的?为牵头单位[^；。]*")
RULE_DEFAULT_IMPLEMENT = regex.compile(r"[，,；]?\s*以下(?:任务|工作)?均(?:需|由)(?P<units>.+?)组织落实[，,]?\s*(?:不再列出|不再一一列出)?")
# a chunk of a parenthetical: units, then the role words
ROLE_CHUNK = regex.compile(r"""
    (?P<units>[^；;。]*?)\s*
    (?P<role>(?:根据|按照?)?(?:各自)?(?:职能|职责)?分别牵头|牵头|等?部门按职责分工负责|按职责分工负责|负责|配合|协助|组织落实|组织实施)
    (?P<tail>[^，,；;。]*)
""", regex.X)
DUTY_LINE = regex.compile(r"^\s*(?:责任主体|责任单位|牵头单位)\s*[:：]\s*(?P<units>[^。；]+)")

# in-text clauses (searched outside parentheticals, one sentence at a time)
BOUNDARY = "。；;，,：:！？\n（）()"
IT_HUITONG = regex.compile(r"会同")
IT_LEAD = regex.compile(r"牵头")
IT_FUZE = regex.compile(r"负责(?!同志|人)(?=\p{Han}{2})")
IT_ZHUTI = regex.compile(r"是[^。；，]{0,24}?责任主体")
IT_YOU_ACT = regex.compile(r"由(?P<subj>[^。；，]{3,60}?)(?:批准|审批|审核|组织实施|组织)")
IT_YAO = regex.compile(r"^(?P<subj>[^。；，]{3,80}?)要(?!求)")


@dataclass
class _DocState:
    first_is_lead: bool = False
    default_implement: list = field(default_factory=list)


def _paren_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of top-level （…） groups, end exclusive of the closing bracket; nesting kept."""
    spans, depth, start = [], 0, None
    for i, ch in enumerate(text):
        if ch in "（(":
            if depth == 0:
                start = i
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
            if depth == 0 and start is not None:
                spans.append((start, i + 1))
    return spans


def parse_assignment(src: str, state: _DocState, gz: Gazetteer) -> tuple[list[UnitRef], list[str]]:
    """Units and roles of one assigning text (a parenthetical's content or a duty line)."""
    rules = []
    body = PREFIX.sub("", src)
    off = len(src) - len(body)
    if RULE_FIRST_LEAD.search(body):
        state.first_is_lead = True
        rules.append("first-listed-is-lead")
    m = RULE_DEFAULT_IMPLEMENT.search(body)
    if m:
        us = split_units(m.group("units"), gz=gz)
        if us:
            state.default_implement = [u.name for u in us]
            rules.append("default-implement")
    # blank out the rule sentences, keeping offsets
    body = RULE_FIRST_LEAD.sub(lambda m: " " * len(m.group(0)), body)
    body = RULE_DEFAULT_IMPLEMENT.sub(lambda m: " " * len(m.group(0)), body)
    chunks = []
    pos = 0
    for m in ROLE_CHUNK.finditer(body):
        units_txt = m.group("units").lstrip("，,；; ")
        lead_off = len(m.group("units")) - len(units_txt)
        units = split_units(units_txt.rstrip(), offset=off + m.start("units") + lead_off, gz=gz)
        chunks.append((m.group("role"), units))
        pos = m.end()
    rest = body[pos:].strip("，,；;。 ")
    if rest:
        units = split_units(rest, offset=off + body.index(rest, pos), gz=gz)
        if units:
            chunks.append(("", units))
    has_lead = any("牵头" in r and u for r, u in chunks)
    out: list[UnitRef] = []
    for role_word, units in chunks:
        if not units:
            continue
        if "牵头" in role_word:
            roles = [Role.lead] * len(units)
        elif "按职责分工负责" in role_word:
            roles = [Role.support if has_lead else Role.responsible] * len(units)
        elif role_word == "负责":
            if state.first_is_lead and not has_lead:
                roles = [Role.lead] + [Role.support] * (len(units) - 1)
            else:
                roles = [Role.support if has_lead else Role.responsible] * len(units)
        elif role_word in ("配合", "协助"):
            roles = [Role.support] * len(units)
        elif role_word.startswith("组织"):
            roles = [Role.implement] * len(units)
        else:
            roles = [Role.responsible] * len(units)
        for u, r in zip(units, roles):
            out.append(UnitRef(name=u.name, canonical=u.canonical, role=r, start=u.start, end=u.end))
    return out, rules


def _subject_before(text: str, pos: int, gz: Gazetteer):
    """The unit list that ends at ``pos`` and starts at the previous clause boundary."""
    i = pos
    depth = 0
    while i > 0:
        ch = text[i - 1]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and ch in BOUNDARY:
            break
        i -= 1
    subj = text[i:pos]
    units = split_units(subj, offset=i, gz=gz)
    if units is None:
        # 第二十四条本办法由X负责解释: the units follow the last 由
        k = subj.rfind("由")
        if k >= 0:
            units = split_units(subj[k + 1:], offset=i + k + 1, gz=gz)
            if units:
                return units, i + k
    return units, i


def _clause_text(text: str, start: int) -> str:
    """From the clause boundary before ``start`` (。 or ；) to the end of the sentence (。)."""
    b = max(text.rfind("。", 0, start), text.rfind("；", 0, start), text.rfind(";", 0, start))
    e = text.find("。", start)
    return text[b + 1: e + 1 if e >= 0 else len(text)].strip()


def _refs(units, role: Role) -> list[UnitRef]:
    return [UnitRef(name=u.name, canonical=u.canonical, role=role, start=u.start, end=u.end) for u in units]


def in_text(text: str, gz: Gazetteer) -> list[tuple[int, str, list[UnitRef], str]]:
    """In-text assignments in ``text`` (parentheticals already blanked): (pos, source, units, rule)."""
    found = []
    taken = set()

    def add(pos, src, refs, rule):
        key = (pos, tuple((r.name, r.role) for r in refs))
        if refs and key not in taken:
            taken.add(key)
            found.append((pos, src, refs, rule))

    for m in IT_HUITONG.finditer(text):
        subj, s0 = _subject_before(text, m.start(), gz)
        if not subj:
            continue
        obj = scan_units(text, m.end(), gz)
        refs = _refs(subj, Role.lead) + _refs(obj, Role.support)
        e = _sentence_end(text, m.end())
        add(s0, text[s0:e], refs, "in-text-huitong")
    # the units right before a role word: X牵头… / X负责… / X是…责任主体
    for rx, role, rule in ((IT_LEAD, Role.lead, "in-text-lead"), (IT_FUZE, Role.responsible, "in-text-fuze"),
                           (IT_ZHUTI, Role.responsible, "in-text-zhuti")):
        for m in rx.finditer(text):
            subj, s0 = _subject_before(text, m.start(), gz)
            if subj:
                add(s0, text[s0:_sentence_end(text, m.end())], _refs(subj, role), rule)
    for m in IT_YOU_ACT.finditer(text):
        if "会同" in m.group("subj"):
            continue
        units = split_units(m.group("subj"), offset=m.start("subj"), gz=gz)
        if units:
            e = _sentence_end(text, m.end())
            add(m.start(), text[m.start():e], _refs(units, Role.responsible), "in-text-you")
    found.sort(key=lambda f: f[0])
    return found


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find("，", pos), text.find("。", pos), text.find("；", pos)) if i >= 0]
    return min(ends) if ends else len(text)


def extract(doc: Document, gz: Gazetteer, context: str = "") -> list[Obligation]:
    """Obligations of one document.  ``context``: the gazette name; with the document's issuers and 发文字号 it
    decides which jurisdiction a bare 市/省 name belongs to."""
    gz = gz.scoped("\n".join([doc.doc_number or "", *doc.issuers, context, doc.title or ""]))
    state = _DocState()
    out: list[Obligation] = []
    paras = [p for p in doc.paragraphs if p.part in ("body", "transmitted")]
    assigned: set[Optional[str]] = set()

    def emit(text, source, refs, page, prov_id, rule):
        if not refs:
            return
        extra = [UnitRef(name=n, canonical=gz.canonical(n), role=Role.implement) for n in state.default_implement
                 if not any(r.name == n and r.role == Role.implement for r in refs)]
        out.append(Obligation(id=f"{doc.id}-o{len(out) + 1}", provision_id=prov_id, text=text, source=source,
                              units=refs + extra, page=page, rule=rule,
                              note="default 组织落实 units applied" if extra else None))
        assigned.add(prov_id)

    for i, dp in enumerate(paras):
        text = dp.text
        spans = _paren_spans(text)
        prev = paras[i - 1] if i > 0 else None
        standalone = len(spans) == 1 and spans[0][0] == 0 and spans[0][1] >= len(text.rstrip("。 "))
        if standalone and prev is not None:
            owner_text = prev.text + "\n" + text
        elif prev is not None and prev.provision_id == dp.provision_id and _heading_only(prev.text) \
                and not _numbered(text):
            owner_text = prev.text + "\n" + text
        else:
            owner_text = text
        for a, b in spans:
            inner = text[a + 1:b - 1]
            if not ASSIGN_HINT.search(inner):
                continue
            had_default = list(state.default_implement)
            refs, rules = parse_assignment(inner, state, gz)
            if refs:
                if state.default_implement != had_default:
                    # the rule is stated here: it applies to the *following* tasks; this one lists its own
                    saved, state.default_implement = state.default_implement, had_default
                    emit(owner_text, inner, refs, dp.page, dp.provision_id, "parenthetical" + _r(rules))
                    state.default_implement = saved
                else:
                    emit(owner_text, inner, refs, dp.page, dp.provision_id, "parenthetical" + _r(rules))
        m = DUTY_LINE.match(text)
        if m:
            units = split_units(m.group("units"), offset=m.start("units"), gz=gz)
            if units:
                refs = _refs(units, Role.responsible)
                src = text[:m.end()] + ("。" if text[m.end():m.end() + 1] == "。" else "")
                emit(_provision_text(paras, i), src, refs, dp.page, dp.provision_id, "duty-line")
        # in-text clauses, with parentheticals and the duty line blanked out
        masked = list(text)
        for a, b in spans:
            if ASSIGN_HINT.search(text, a, b):     # 各县（市、区） stays readable
                masked[a:b] = "（" + " " * (b - a - 2) + "）"
        if m:
            masked[:m.end()] = " " * m.end()
        masked = "".join(masked)
        for pos, src, refs, rule in in_text(masked, gz):
            emit(_clause_text(text, pos), text[pos:pos + len(src)], refs, dp.page, dp.provision_id, rule)
    # opening "X要…" of a provision that nothing else assigns
    for i, dp in enumerate(paras):
        if not _numbered(dp.text) or dp.provision_id in assigned:
            continue
        body = _after_heading(dp.text)
        m = IT_YAO.match(body)
        if m:
            units = split_units(m.group("subj"), gz=gz)
            if units:
                off = len(dp.text) - len(body)
                refs = [UnitRef(name=u.name, canonical=u.canonical, role=Role.responsible, start=u.start + off,
                                end=u.end + off) for u in units]
                end = body.find("。")
                emit(dp.text, body[:end if end >= 0 else len(body)], refs, dp.page, dp.provision_id, "opening-yao")
    return out


def _r(rules: list[str]) -> str:
    return (":" + ",".join(rules)) if rules else ""


def _numbered(text: str) -> bool:
    """The paragraph opens a provision (the structure stage's numbering patterns)."""
    return match_numbering(text) is not None


def _heading_only(text: str) -> bool:
    return _numbered(text) and len(text) <= 40 and "。" not in text.rstrip("。")


def _after_heading(text: str) -> str:
    """The body of a numbered paragraph after its short heading sentence (（二）加快前期工作。…)."""
    m = match_numbering(text)
    rest = m[3] if m else text
    e = rest.find("。")
    if 0 <= e <= 40:
        return rest[e + 1:]
    return rest


def _provision_text(paras, i: int) -> str:
    """The paragraphs of the provision that paragraph ``i`` belongs to, from its numbered start to ``i``."""
    pid = paras[i].provision_id
    j = i
    while j > 0 and paras[j - 1].provision_id == pid and pid is not None and not _numbered(paras[j].text):
        j -= 1
    return "\n".join(p.text for p in paras[j:i + 1])
