"""Obligations: which units must do a task, in which role (lead | support | implement | responsible).

Sources, in the order the GUIDE lists them (patterns in :mod:`.clauses`):
  parenthetical   （责任单位：A牵头；B、C等部门按职责分工负责） （A负责，B配合） （A、B按职能分别牵头） （A组织落实）
                  （牵头单位：A；配合单位：B） （A、B等和C按职责分工负责）
  duty line       责任主体：A、B、C。
  duty list       1．省教育厅。牵头负责… / （三）市财政局：负责… (the department heading the item carries it)
  in-text clause  由A牵头… / A会同B… / 由A为主负责… / A负责… / A负总责 / A是…主管机构 / 由A+verb / 请A… / A应当…
  X要…            A、B要… / A将… only where nothing else in the paragraph names a specific unit
Document-wide rules carry forward: 列第一位的为牵头单位（下同） and 以下任务均需X组织落实，不再列出.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from ..lexicon.numbering import match_numbering
from ..lexicon.units import (Gazetteer, has_level, is_generic, is_regulated, is_unit, is_vague, scan_units,
                             split_units)
from ..model import Document, Obligation, Role, UnitRef
from .clauses import (ACT_AS_TOPIC, IT_DATED_AFTER, IT_DATED_BEFORE, ASSIGN_HINT, CLAUSE_BEFORE_MODAL, IT_MEMBERS, FRAME_CLOSE, FRAME_OPEN, DEPT_HEAD, DUTY_HEADING, DEPT_HEAD_LEAD, DEPT_HEAD_SUPPORT, DUTY_LINE, IT_FUZE, IT_HUITONG, MODAL_SUPPORT,
                      FUZE_NOUN, IT_ACT, LEAD_MARK, IT_LEAD, IT_QING, PAST_ACT, PAST_ACT_END, IT_WEI_LEAD, IT_WEIZHU, IT_YAO, IT_YINGDANG, IT_YOU, IT_ZHUGUAN, IT_ZONGZE, LABEL, MODAL_LEAD,
                      LABEL_LIST_END, LABEL_ROLE,
                      ROLE_CHUNK, RULE_DEFAULT_IMPLEMENT, RULE_FIRST_LEAD, SUBJECT_AS, SUBJECT_IS, SUBJECT_MANNER, SUBJECT_LEAD, SUBJECT_TRAIL,
                      SUBJECT_WHEN)

# 等和 / 等与 / 等及 join two lists (A、B等和C按职责分工负责): read as a list separator of the same width
ETC_JOIN = regex.compile(r"等(?=[和与及])")
# a list closed by 等部门 / 等单位 right after 会同 (会同质监、消防、安监等部门)
ETC_LIST = regex.compile(r"(?P<units>[^，。；：]{2,60}?)等(?:有关)?(?:部门|单位)")
# chars that end a clause when looking back for a subject
BOUNDARY = "。；;，,：:！？\n（）()"
# longest subject read before a role word (a list of sixteen departments by function runs to 90 characters)
MAX_SUBJECT = 100
# longest topic before 请 in a sentence (以上两项报告请国务院…)
MAX_TOPIC = 8
# what follows a unit after 由 when the unit is not the actor (由省政府分管领导任组长, 由国务院秘书长签发), or when the
# clause is a legal consequence, not a task (构成犯罪的，由司法机关依法追究刑事责任)
YOU_NOT_ACTOR = regex.compile(r"^(?:分管|主要|有关|领导|负责人|负责同志|同志|工作人员|人员|统筹|组成|构成|共同组成|于|此|以|及|和|与|"
                           # bodies that only send staff (由国家医保局、国家药监局选派人员参加): a body's make-up
                           r"(?:各)?(?:选派|抽调|派出|派)(?:\p{Han}{0,3}?)(?:人员|专人|代表|干部)|派员|"
                           r"(?:依法)?追究|"
                           # a post of the body: the actor is a person (由国务院秘书长签发, 由市政府市长主持)
                           r"(?:常务)?副?(?:秘书长|总理|部长|主任|局长|厅长|省长|市长|县长|区长|书记|组长|院长|行长|署长|"
                           r"委员长|总经理|董事长))|"
                           r"^[^，。；、]{0,8}的")


# the people of a body, not the body: 各部门主要负责人…, 各单位工作人员…
# the decimal section number of a plan's outline: 6.2.1 (the space after it may be lost in the PDF text), or 6.2 and
# a space (not 2.5亿元)
OUTLINE_NUMBER = regex.compile(r"^\s*(?:\d{1,2}(?:[.．]\d{1,2}){2,3}[ \u3000]*(?=\p{Han})|\d{1,2}[.．]\d{1,2}[ \u3000]+)")
PERSON_AFTER = regex.compile(r"^(?:主要|分管|有关|相关)?(?:负责人|负责同志|领导|工作人员|人员|干部|同志|职工)")
# what follows a body that is the topic of its sentence: a verb of where it sits or what it is made of
# (设在, 由…组成, 下设) (联合采购办公室由试点城市各派1名代表组成，…，负责…)
TOPIC_VERB = regex.compile(r"设在|由|下设")
# after 由A: A's 会同 clause follows, at once or after 牵头 and a comma (由省经贸委牵头，会同省计委…)
HUITONG_NEXT = regex.compile(r"(?:牵头[，,]?)?会同")


@dataclass
class _DocState:
    first_is_lead: bool = False
    default_implement: list = field(default_factory=list)


# a bracket that opens or closes a parenthetical: （…） (…) 〔…〕 (found by the regex engine, not char by char)
PAREN_BRACKET = regex.compile(r"[（(〔）)〕]")


def _paren_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of top-level （…） groups, end exclusive of the closing bracket; nesting kept.  An
    unclosed bracket opens no group (the text after it is read as running text)."""
    spans, depth, start = [], 0, None
    for m in PAREN_BRACKET.finditer(text):
        i, ch = m.start(), m.group()
        if ch in "（(〔":
            if depth == 0:
                start = i
            depth += 1
        elif ch in "）)〕" and depth:
            depth -= 1
            if depth == 0 and start is not None:
                spans.append((start, i + 1))
    return spans


def _role_of(role_word: str, n: int, has_lead: bool, state: _DocState) -> list[Role]:
    """Roles of ``n`` units listed before ``role_word``."""
    if "牵头" in role_word or role_word == "为主负责":
        return [Role.lead] * n
    if role_word in ("配合", "协助", "参与") or role_word.startswith("指导"):
        return [Role.support] * n
    if role_word.startswith("组织") or role_word == "落实":
        return [Role.implement] * n
    if "负责" in role_word or "分工" in role_word:
        if has_lead:
            return [Role.support] * n
        if state.first_is_lead:
            return [Role.lead] + [Role.support] * (n - 1)
        return [Role.responsible] * n
    return [Role.responsible] * n


def parse_assignment(src: str, state: _DocState, gz: Gazetteer) -> tuple[list[UnitRef], list[str]]:
    """Units and roles of one assigning text (a parenthetical's content or a duty line)."""
    rules = []
    if RULE_FIRST_LEAD.search(src):
        state.first_is_lead = True
        rules.append("first-listed-is-lead")
    m = RULE_DEFAULT_IMPLEMENT.search(src)
    if m:
        us = split_units(m.group("units"), gz=gz)
        if us:
            state.default_implement = [u.name for u in us]
            rules.append("default-implement")
    # blank out the rule sentences, keeping offsets; 等和 reads as a separator
    body = RULE_FIRST_LEAD.sub(lambda m: " " * len(m.group(0)), src)
    body = RULE_DEFAULT_IMPLEMENT.sub(lambda m: " " * len(m.group(0)), body)
    # 省发展改革委（牵头）、省财政厅: the marked unit leads; the mark is blanked so the list splits
    marks = {len(body[:m.start()].rstrip()) for m in LEAD_MARK.finditer(body)}     # where each marked unit ends
    body = LEAD_MARK.sub(lambda m: " " * len(m.group(0)), body)
    body = ETC_JOIN.sub("等", body)
    body = regex.sub(r"等[和与及]", "等、", body)
    chunks: list[tuple[str, list]] = []
    # labelled lists: 牵头单位：A；配合单位：B / 责任单位：A、B
    labels = list(LABEL.finditer(body))
    segments = []
    if labels:
        for k, lm in enumerate(labels):
            end = labels[k + 1].start() if k + 1 < len(labels) else len(body)
            stop = LABEL_LIST_END.search(body, lm.end(), end)      # （责任单位：A；完成时限：…）
            segments.append((LABEL_ROLE.get(lm.group("label")), lm.end(), stop.start() if stop else end))
    else:
        segments.append((None, 0, len(body)))
    for label_role, a, b in segments:
        seg = body[a:b]
        if label_role:
            us = split_units(seg.strip("，,；;。 "), offset=a + len(seg) - len(seg.lstrip("，,；;。 ")), gz=gz)
            if us:
                chunks.append(("牵头" if label_role == "lead" else "配合", us))
            continue
        pos = 0
        for m in ROLE_CHUNK.finditer(seg):
            if m.start() < pos:
                continue
            raw = seg[pos:m.start()]
            cut = max(raw.rfind("；"), raw.rfind(";"), raw.rfind("。"))
            u_start = pos + cut + 1
            raw = seg[u_start:m.start()]
            units_txt = raw.lstrip("，,；; ").rstrip()
            u_off = a + u_start + (len(raw) - len(raw.lstrip("，,；; ")))
            k = units_txt.find("会同")
            if k > 0:       # （A会同B负责）: A leads, B supports
                lead_units = split_units(units_txt[:k], offset=u_off, gz=gz)
                sup = split_units(units_txt[k + 2:].rstrip(), offset=u_off + k + 2, gz=gz) or []
                if lead_units:
                    chunks.append(("牵头", lead_units))
                    chunks.append(("配合", [u for u in sup if not is_vague(u.name)]))
                    pos = m.end()
                    continue
            units = split_units(units_txt.rstrip(), offset=u_off, gz=gz)
            chunks.append((m.group("role"), units))
            pos = m.end()
        rest = seg[pos:].strip("，,；;。 ")
        if rest:
            units = split_units(rest, offset=a + seg.index(rest, pos), gz=gz)
            if units:
                chunks.append(("", units))
    marked = {u.end for _, us in chunks for u in us or () if u.end in marks}
    has_lead = bool(marked) or any(("牵头" in r or r == "为主负责") and u for r, u in chunks)
    out: list[UnitRef] = []
    for role_word, units in chunks:
        if not units:
            continue
        for u, r in zip(units, _role_of(role_word, len(units), has_lead, state)):
            if u.end in marked:
                r = Role.lead
            elif marked and r == Role.responsible:
                r = Role.support        # the others of a list whose lead is marked
            out.append(UnitRef(name=u.name, canonical=u.canonical, role=r, start=u.start, end=u.end))
    return out, rules


def _strip_subject(subj: str, off: int, gz: Gazetteer):
    """The unit list a clause subject names, with the words around it set aside: (units, offset) or (None, off)."""
    t = SUBJECT_TRAIL.search(subj)
    if t and t.start() > 0:
        subj = subj[:t.start()]
    for rx in (SUBJECT_AS, SUBJECT_MANNER, SUBJECT_WHEN):
        t = rx.search(subj)
        if t and t.start() > 0:
            subj = subj[:t.start()]
    m = match_numbering(subj)
    if m:
        off += len(subj) - len(m[3])
        subj = m[3]
    m = OUTLINE_NUMBER.match(subj)
    if m:       # 6.2.1　财政部会同…: the decimal section number of a plan (应急预案) before its first sentence
        off += m.end()
        subj = subj[m.end():]
    for s, o in _subject_candidates(subj, off):
        if not s:
            continue
        units = split_units(s, offset=o, gz=gz)
        if units:
            return units, o
    return None, off


def _subject_candidates(subj: str, off: int):
    yield subj, off
    k = subj.rfind("由")
    if k >= 0 and not subj.startswith("自由", k - 1):     # 第二十四条本办法由X负责解释: the units follow the last 由
        yield subj[k + 1:], off + k + 1
    k = subj.find("对")
    if k > 0:       # X对本行政区域内…负总责: the units stand before 对
        yield subj[:k], off
    for rx in (SUBJECT_IS, SUBJECT_LEAD):
        m = rx.match(subj)
        if m and m.end() < len(subj):
            yield subj[m.end():], off + m.end()


def _subject_before(text: str, pos: int, gz: Gazetteer):
    """The unit list that ends at ``pos`` and starts at the previous clause boundary: (units, start)."""
    i = pos
    depth = 0
    while i > 0 and pos - i < MAX_SUBJECT:
        ch = text[i - 1]
        if ch in "）)〕":
            depth += 1
        elif ch in "（(〔":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and ch in BOUNDARY:
            break
        i -= 1
    if pos - i >= MAX_SUBJECT:
        return None, i
    if i > 0 and text[i - 1] in "，," and (i == pos or SUBJECT_TRAIL.fullmatch(text, i, pos)):
        # X为Y，负责… / X在职责范围内，分别负责…: the subject is the clause before the comma
        units, start = _subject_before(text, i - 1, gz)
        if units and text[start - 1:start] == "由" and (
                units[-1].end < i - 1 and not SUBJECT_TRAIL.fullmatch(text, units[-1].end, i - 1)
                or not all(is_unit(u.name, gz) for u in units)):
            units = None        # …，由A、B选派人员参加，负责…: A and B act in their own clause only
        if not units:
            # X设在Y，由A、B选派人员参加，具体负责…: the body that opens the sentence is its topic
            units, start = _sentence_topic(text, i - 1, gz)
        return units, start
    units, start = _strip_subject(text[i:pos], i, gz)
    return units, start


def _sentence_topic(text: str, pos: int, gz: Gazetteer):
    """The body that opens the sentence ``pos`` is in, when the sentence opens with one body and its verb
    (联合采购办公室由…组成，…，负责… -> 联合采购办公室): (units, start), else (None, pos)."""
    s = _sentence_start(text, pos)
    m = match_numbering(text[s:pos])
    if m:
        s = pos - len(m[3])
    units = scan_units(text, s, gz)
    if len(units) != 1 or units[0].end >= pos or not TOPIC_VERB.match(text, units[0].end) \
            or is_vague(units[0].name):
        return None, pos
    return units, s


def _sentence_start(text: str, pos: int) -> int:
    b = max(text.rfind(c, 0, pos) for c in "。；;！？\n")
    return b + 1


def _refs(units, role: Role, roles: Optional[list[Role]] = None) -> list[UnitRef]:
    roles = roles or [role] * len(units)
    return [UnitRef(name=u.name, canonical=u.canonical, role=r, start=u.start, end=u.end)
            for u, r in zip(units, roles)]


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find("，", pos), text.find("。", pos), text.find("；", pos)) if i >= 0]
    return min(ends) if ends else len(text)


def in_text(text: str, gz: Gazetteer, yao: bool = False) -> list[tuple[int, str, list[UnitRef], str]]:
    """In-text assignments in ``text`` (parentheticals already blanked): (pos, source, units, rule).
    ``yao``: also read X要… / X应当… / X将… sentences (nothing else in the paragraph names a specific unit)."""
    found = []
    taken: set[tuple[int, str]] = set()
    covered: list[tuple[int, int]] = []

    def add(pos, end, refs, rule):
        if not refs or any(a <= pos < b for a, b in covered) or _reports_past(text, pos):
            return
        if FRAME_OPEN.search(text, _sentence_start(text, pos), pos) and FRAME_CLOSE.match(text[pos:pos + 60]):
            return      # quoted: 按照国家提出的…由X负责实施…的要求
        key = (pos, ",".join(r.name for r in refs))
        if key in taken:
            return
        taken.add(key)
        covered.append((pos, end))
        found.append((pos, text[pos:end], refs, rule))

    for m in IT_MEMBERS.finditer(text):
        # the members of a body under a lead named in the same sentence: lead and support, read as one clause
        # (联席会议由A、B、C等9个部门和单位组成，A为牵头单位 / X牵头，A、B、C组成…)
        s = _sentence_start(text, m.start())
        e = text.find("。", m.end())
        e = e if e >= 0 else len(text)
        members, m0 = _subject_before(text, m.start(), gz)
        if not members:
            continue
        lead = None
        for rx in (IT_WEI_LEAD, IT_LEAD):
            for lm in rx.finditer(text, s, e):
                if m0 <= lm.start() < m.end():
                    continue
                lead, _ = _subject_before(text, lm.start(), gz)
                if lead:
                    break
            if lead:
                break
        if not lead:
            continue
        names = {u.name for u in lead}
        others = [u for u in members if u.name not in names]
        n = match_numbering(text[s:m0])
        s = m0 - len(n[3]) if n else s
        add(s + len(text[s:m0]) - len(text[s:m0].lstrip()), e, _refs(lead, Role.lead) + _refs(others, Role.support),
            "in-text-members")
    for m in IT_HUITONG.finditer(text):
        subj, s0 = _subject_before(text, m.start(), gz)
        if not subj:
            continue
        obj = scan_units(text, m.end(), gz)
        etc = ETC_LIST.match(text, m.end())
        if etc and (not obj or obj[-1].end < etc.end("units")):
            # 会同质监、消防、安监、环保等部门: short names closed by 等部门
            obj = split_units(etc.group("units") + "等部门", offset=etc.start("units"), gz=gz) or obj
        # 会同有关部门 / 会同国务院有关部门（单位）: the bodies concerned, whoever they are, name no partner
        obj = [u for u in obj if not is_vague(u.name) and not u.name.endswith(("有关部门", "有关单位", "相关部门"))]
        add(s0, _sentence_end(text, m.end()), _refs(subj, Role.lead) + _refs(obj, Role.support), "in-text-huitong")
    for m in IT_YOU.finditer(text):
        units = _units_after(text, m.end(), gz)
        if not units:
            continue
        e = units[-1].end
        tail = text[e:e + 6]
        if HUITONG_NEXT.match(tail):      # 由A会同B… / 由A牵头，会同B…: read as a 会同 clause
            continue
        role = Role.lead if tail.startswith(("牵头", "为主", "负责牵头")) else Role.responsible
        if not regex.match(r"\p{Han}", tail) or YOU_NOT_ACTOR.match(tail):
            continue
        # 由A提出、B核定: a second body and verb after 、 shares the 由
        k = e + 1
        while (k2 := _next_you_item(text, k, gz)) is not None:
            more, k = k2
            units = units + more
        add(m.start(), _sentence_end(text, e), _refs(units, role), "in-text-you")
    # the units right before a role word
    for rx, role, rule in ((IT_WEIZHU, Role.lead, "in-text-weizhu"), (IT_WEI_LEAD, Role.lead, "in-text-wei-lead"),
                           (IT_LEAD, Role.lead, "in-text-lead"),
                           (IT_FUZE, Role.responsible, "in-text-fuze"), (IT_ZONGZE, Role.responsible, "in-text-zongze"),
                           (IT_ZHUGUAN, Role.responsible, "in-text-zhuguan")):
        for m in rx.finditer(text):
            if rx is IT_FUZE and FUZE_NOUN.match(text, m.start()):
                continue
            subj, s0 = _subject_before(text, m.start(), gz)
            if subj:
                add(s0, _sentence_end(text, m.end()), _refs(subj, role), rule)
    for m in IT_QING.finditer(text):
        if not _only_words_between(text, _sentence_start(text, m.start()), m.start()):
            continue
        units = _units_after(text, m.end(), gz)
        if units:
            add(m.start(), _sentence_end(text, units[-1].end), _refs(units, Role.responsible), "in-text-qing")
    for rx, rule, on in ((IT_YINGDANG, "in-text-yingdang", yao), (IT_YAO, "in-text-yao", yao)):
        if not on:
            continue
        for m in rx.finditer(text):
            subj, s0 = _subject_before(text, m.start(), gz)
            if not subj:
                subj, s0 = _opening_subject(text, m.start(), gz)
            if subj and not all(is_regulated(u.name) for u in subj):
                role = Role.support if MODAL_SUPPORT.match(text, m.end()) else \
                    Role.lead if MODAL_LEAD.match(text, m.end()) else Role.responsible
                add(s0, _sentence_end(text, m.end()), _refs(subj, role), rule)
    if yao:
        for m in IT_ACT.finditer(text):
            s = _sentence_start(text, m.start())
            subj, s0 = _subject_before(text, m.start(), gz)
            # only a subject that opens its sentence right before the verb (after a number or heading)
            e = _sentence_end(text, m.end())
            clause = text[m.end():e + 1]
            # 国务院部门制定的规范性文件 / 国务院设立下列奖项： are noun phrases and lead-ins, not duties
            if subj and subj[-1].end == m.start() and _only_words_between(text, s, s0, 0) \
                    and "的" not in clause and not clause.endswith(("：", ":")) and not ACT_AS_TOPIC.search(text, m.end(), e) \
                    and not all(is_regulated(u.name) for u in subj):
                add(s0, e, _refs(subj, Role.responsible), "in-text-act")
        for pos, end, units, rule in _dated_tasks(text, gz):
            add(pos, end, _refs(units, Role.responsible), rule)
    found.sort(key=lambda f: f[0])
    return found


def _dated_tasks(text: str, gz: Gazetteer):
    """A body whose act carries its time limit (a plan's schedule): (start, end, units, rule) for
    2019年3月底前，X推行… / 3月底前X完成… (the limit opens the clause, the body opens what follows) and
    X于2019年12月底前完成… / X每年3月底前完成… (the body opens its clause, the limit stands before its verb)."""
    out = []
    for m in IT_DATED_BEFORE.finditer(text):
        c = _clause_start(text, m.start())
        if not _only_words_between(text, c, m.start(), 0):
            continue
        units = _units_opening(text, m.end(), gz)
        if not units:
            continue
        e = units[-1].end
        if _dated_subject_ok(text, units, e):
            out.append((units[0].start, _sentence_end(text, e), units, "in-text-dated-before"))
    for m in IT_DATED_AFTER.finditer(text):
        c = _clause_start(text, m.start())
        k = c + len(text[c:m.start()]) - len(text[c:m.start()].lstrip())
        n = match_numbering(text[k:m.start()])
        if n:
            k = m.start() - len(n[3])
        units = split_units(text[k:m.start()], offset=k, gz=gz) if m.start() - k <= MAX_SUBJECT else None
        if not units:
            continue
        if _dated_subject_ok(text, units, m.end()):
            out.append((k, _sentence_end(text, m.end()), units, "in-text-dated-after"))
    return out


def _units_opening(text: str, pos: int, gz: Gazetteer):
    """The unit list that opens the text at ``pos``: the names the gazetteer reads there, else the shortest run of
    characters that reads as kinds or collectives (各省份建立… -> 各省份), else None."""
    units = scan_units(text, pos, gz)
    if units and units[0].start == pos:
        return units
    stop = min([i for i in (text.find(c, pos) for c in "，,。；;：:（(") if i >= 0] + [len(text), pos + 12])
    for j in range(pos + 2, stop + 1):
        units = split_units(text[pos:j], offset=pos, gz=gz)
        if units and units[-1].end == j:
            # only names of a kind or a collective (各省份): a run of words that ends like a body is no name
            # (试点地区完成政府网站集约化工作)
            return units if all(is_generic(u.name) for u in units) else None
    return None


def _dated_subject_ok(text: str, units, e: int) -> bool:
    """The body of a dated task acts itself: a verb or a modal follows (not 的, 和, 、, 等, nor a role word another rule
    reads), and it is no regulated party, vague kind or person."""
    nxt = text[e:e + 1]
    if not regex.match(r"\p{Han}", nxt) or nxt in "的和与及、等由对" or text.startswith(("负责", "牵头", "会同"), e):
        return False
    # the body inside a noun phrase that is the subject of the clause (市政府出台的政策要全面落实)
    if regex.search(r"的[^，。；]*?(?:要|应当|应|将|须|是|为|已)", text[e:_sentence_end(text, e)]):
        return False
    # only bodies the gazetteer knows, and kinds or collectives: a run of words shaped like a body only by its last
    # characters is a clause that ends in a name (全国三级公立医院全部纳入国家卫生健康委…, 试点地区完成政府…)
    if any(not u.canonical and not is_generic(u.name) for u in units):
        return False
    return not any(is_vague(u.name) or is_regulated(u.name) for u in units) and not PERSON_AFTER.match(text[e:e + 6])


def _clause_start(text: str, pos: int) -> int:
    b = max(text.rfind(c, 0, pos) for c in "。；;！？\n，,：:")
    return b + 1


def _opening_subject(text: str, pos: int, gz: Gazetteer):
    """The body that opens the sentence of a modal at ``pos`` when one clause of its own stands between them
    (调查机关决定举行听证会的，应当… / 调查机关举行听证会，应当…): (units, start), else (None, pos)."""
    s = _sentence_start(text, pos)
    m = match_numbering(text[s:pos])
    if m:
        s = pos - len(m[3])
    s += len(text[s:pos]) - len(text[s:pos].lstrip())
    units = scan_units(text, s, gz)
    if not units or units[-1].end >= pos or not regex.match(r"\p{Han}", text[units[-1].end:units[-1].end + 1]) \
            or text[units[-1].end] in "的和与及、等" or not CLAUSE_BEFORE_MODAL.fullmatch(text, units[-1].end, pos):
        return None, pos
    clause = text[units[-1].end:pos - 1]
    # not when the body only opens a noun (各部门主要负责人…, 国务院及各部门召开的工作会议，要…: 的 inside the clause
    # makes it a noun phrase; a condition ends in 的), nor when the modal hands the task on (…，应由国务院制定)
    if PERSON_AFTER.match(clause) or "的" in clause[:-1] or text.startswith("由", pos + len(_modal_at(text, pos))):
        return None, pos
    return units, s


def _modal_at(text: str, pos: int) -> str:
    m = regex.match(r"应当|应|要|将|须|必须", text[pos:pos + 2])
    return m.group() if m else ""


def _reports_past(text: str, pos: int) -> bool:
    """The clause from ``pos`` to its sentence's end (or the colon that opens a report) tells what a body did."""
    stop = PAST_ACT_END.search(text, pos)
    return bool(PAST_ACT.search(text, pos, stop.end() if stop else len(text)))


def _next_you_item(text: str, pos: int, gz: Gazetteer):
    """After 由A提出: the next 、B核定 item of the same 由 (units, position after it), else None."""
    j = text.find("、", pos, _sentence_end(text, pos))
    if j < 0:
        return None
    units = scan_units(text, j + 1, gz)
    if not units or len(units) > 1:
        return None
    e = units[-1].end
    if not regex.match(r"\p{Han}{2}", text[e:e + 2]) or YOU_NOT_ACTOR.match(text[e:e + 10]):
        return None
    return units, e + 1


def _only_words_between(text: str, s: int, s0: int, limit: int = MAX_TOPIC) -> bool:
    """The subject opens its sentence (after a number or heading, or a lead-in of at most ``limit`` chars)."""
    head = text[s:s0]
    m = match_numbering(head)
    if m:
        head = m[3]
    return len(head.strip()) <= limit


def _units_after(text: str, pos: int, gz: Gazetteer):
    """The unit list that starts at ``pos`` (after 由 or 请), skipping a short 负责…的 modifier."""
    units = scan_units(text, pos, gz)
    if not units:
        m = regex.match(r"[^。；，的]{1,10}的", text[pos:pos + 12])
        if m:
            units = scan_units(text, pos + m.end(), gz)
    return units


def _dept_head(text: str, gz: Gazetteer):
    """A numbered item headed by a department (1．省教育厅。牵头负责… / （三）市财政局：负责…): (refs, source)."""
    m = match_numbering(text)
    if not m:
        return None
    rest = m[3]
    off = len(text) - len(rest)
    h = DEPT_HEAD.match(rest)
    if not h:
        return None
    units = split_units(h.group("unit"), offset=off, gz=gz)
    duty = h.group("duty")
    # a heading sentence is a department only when it is a known body or carries a level prefix, or when the
    # item goes on with 负责 (1.监督组。负责对…进行监督: a body set up by the text)
    if not units or any(is_generic(u.name) or not (u.canonical or has_level(u.name) or duty.startswith("负责"))
                        for u in units):
        return None
    role = Role.lead if DEPT_HEAD_LEAD.match(duty) else Role.support if DEPT_HEAD_SUPPORT.match(duty) \
        else Role.responsible
    return _refs(units, role), rest


def _duty_heading(text: str, gz: Gazetteer):
    """A heading paragraph that names a body's duties ((二）市、县（市、区）人民政府职责。): (refs, heading) for the
    paragraph under it, the body responsible; None for a collective (省有关部门职责) or a heading of another kind."""
    m = match_numbering(text)
    if not m or not _heading_only(text):
        return None
    h = DUTY_HEADING.match(m[3].strip())
    if not h:
        return None
    units = split_units(h.group("unit"), offset=len(text) - len(m[3]), gz=gz)
    if not units or any(is_vague(u.name) for u in units):
        return None
    return _refs(units, Role.responsible), m[3].strip()


def extract(doc: Document, gz: Gazetteer, context: str = "") -> list[Obligation]:
    """Obligations of one document.  ``context``: the gazette name; with the document's 发文字号, issuers and
    masthead it decides which jurisdiction a bare 市/省 name belongs to."""
    gz = gz.scoped("\n".join([doc.doc_number or "", *doc.issuers, doc.masthead or "", context, doc.title or ""]))
    state = _DocState()
    out: list[Obligation] = []
    paras = [p for p in doc.paragraphs if p.part in ("body", "transmitted")]
    assigned: set[Optional[str]] = set()
    # a document that assigns nothing by parenthetical or duty line reads its X要… sentences
    listed = any(ASSIGN_HINT.search(p.text, a, b) for p in paras for a, b in _paren_spans(p.text)) \
        or any(DUTY_LINE.match(p.text) for p in paras)
    # provisions whose parentheticals or duty lines name a specific unit: their X要 sentences are not read
    # (by the last paragraph that names them: a paragraph after it, in the same provision, comes after the task the
    # parenthetical closed — 三十、…（国务院办公厅负责） then the closing 各有关部门要… — and is read on its own)
    specific_until = {p.provision_id: k for k, p in enumerate(paras) if p.provision_id and _names_specific(p.text, gz)}

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
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        standalone = len(spans) == 1 and spans[0][0] == 0 and spans[0][1] >= len(text.rstrip("。 "))
        if standalone and prev is not None:
            owner_text = prev.text + "\n" + text
        elif prev is not None and prev.provision_id == dp.provision_id and _heading_only(prev.text) \
                and not _numbered(text):
            owner_text = prev.text + "\n" + text
        else:
            owner_text = text
        specific = False
        # several tasks in one paragraph, each closed by its own parenthetical (…（A指导）… （B指导）): each
        # parenthetical owns the text since the one before it
        assigning = [(a, b) for a, b in spans if ASSIGN_HINT.search(text, a + 1, b - 1)]
        task_from = 0
        paren_leads: set[str] = set()
        for a, b in spans:
            inner = text[a + 1:b - 1]
            if not ASSIGN_HINT.search(inner):
                continue
            if len(assigning) > 1:
                task = text[task_from:b].lstrip("。；;，, ")
                owner_text = (owner_text[:len(owner_text) - len(text)] + task) if task_from == 0 else task
                task_from = b
            had_default = list(state.default_implement)
            refs, rules = parse_assignment(inner, state, gz)
            if refs:
                specific |= any(not is_vague(r.name) for r in refs)
                paren_leads |= {r.name for r in refs if r.role == Role.lead}
                if state.default_implement != had_default:
                    # the rule is stated here: it applies to the *following* tasks; this one lists its own
                    saved, state.default_implement = state.default_implement, had_default
                    emit(owner_text, inner, refs, dp.page, dp.provision_id, "parenthetical" + _r(rules))
                    state.default_implement = saved
                else:
                    emit(owner_text, inner, refs, dp.page, dp.provision_id, "parenthetical" + _r(rules))
        # a standalone parenthetical on the next paragraph assigns this one
        if nxt is not None:
            ns = _paren_spans(nxt.text)
            if len(ns) == 1 and ns[0][0] == 0 and ns[0][1] >= len(nxt.text.rstrip("。 ")) \
                    and ASSIGN_HINT.search(nxt.text):
                specific = True
        m = DUTY_LINE.match(text)
        if m:
            units = split_units(m.group("units"), offset=m.start("units"), gz=gz)
            if units:
                specific = True
                src = text[:m.end()] + ("。" if text[m.end():m.end() + 1] == "。" else "")
                role = {"lead": Role.lead, "support": Role.support}.get(LABEL_ROLE.get(m.group("label")), Role.responsible)
                emit(_provision_text(paras, i), src, _refs(units, role), dp.page, dp.provision_id, "duty-line")
        head = None if m else _dept_head(text, gz)
        if head:
            specific = True
            emit(text, head[1], head[0], dp.page, dp.provision_id, "department-headed-item")
        elif not m and not assigning and prev is not None and prev.provision_id == dp.provision_id \
                and not _numbered(text):
            under = _duty_heading(prev.text, gz)
            if under:
                specific = True
                emit(owner_text, under[1], under[0], dp.page, dp.provision_id, "duty-heading")
        # in-text clauses, with parentheticals and the duty line blanked out
        masked = list(text)
        for a, b in spans:
            if ASSIGN_HINT.search(text, a, b):     # 各县（市、区） stays readable
                masked[a:b] = "（" + " " * (b - a - 2) + "）"
        if m:
            masked[:m.end()] = " " * m.end()
        masked = "".join(masked)
        floor = 0
        body_start = len(text) - len(_after_heading(text)) if _numbered(text) else -1
        yao = not listed or not (specific or specific_until.get(dp.provision_id, -1) >= i)
        for pos, src, refs, rule in in_text(masked, gz, yao=yao):
            if head and rule == "in-text-fuze":
                continue
            if paren_leads and all(r.role == Role.lead and r.name in paren_leads for r in refs):
                continue        # 建立由A、B牵头的…机制（A、B牵头负责）: the parenthetical already makes them lead
            if rule == "in-text-yao" and pos <= body_start + 1 and dp.provision_id not in assigned:
                owner = text        # the opening X要 of a numbered provision speaks for the provision
            elif rule == "in-text-qing":
                owner = _in_text_owner(text, pos, pos)     # 请X…: the request itself, not the topic before it
            else:
                owner = _in_text_owner(text, pos, floor)
            emit(owner, text[pos:pos + len(src)], refs, dp.page, dp.provision_id, rule)
            floor = pos + len(src)
    # opening "X要…" of a provision that nothing else assigns
    for i, dp in enumerate(paras):
        if not _numbered(dp.text) or dp.provision_id in assigned:
            continue
        body = _after_heading(dp.text)
        m = regex.match(r"^(?P<subj>[^。；，]{3,80}?)要(?!求)", body)
        if m:
            units = split_units(m.group("subj"), gz=gz)
            if units:
                off = len(dp.text) - len(body)
                refs = [UnitRef(name=u.name, canonical=u.canonical, role=Role.responsible, start=u.start + off,
                                end=u.end + off) for u in units]
                end = body.find("。")
                emit(dp.text, body[:end if end >= 0 else len(body)], refs, dp.page, dp.provision_id, "opening-yao")
    return out


def _names_specific(text: str, gz: Gazetteer) -> bool:
    """Does a parenthetical or duty line of ``text`` name a unit other than a vague collective?"""
    for a, b in _paren_spans(text):
        if ASSIGN_HINT.search(text, a, b):
            refs, _ = parse_assignment(text[a + 1:b - 1], _DocState(), gz)
            if any(not is_vague(r.name) for r in refs):
                return True
    m = DUTY_LINE.match(text)
    return bool(m and split_units(m.group("units"), gz=gz))


def _in_text_owner(text: str, pos: int, floor: int = 0) -> str:
    """The text an in-text clause is anchored in: its sentence from the end of the clause read before it
    (``floor``), or, for a sentence that opens with 由 (由X负责做好相关工作) and so has no subject of its own,
    the paragraph up to that sentence's end."""
    s = _sentence_start(text, pos)
    e = text.find("。", pos)
    e = e + 1 if e >= 0 else len(text)
    if text.startswith("由", pos) and s == pos and s > 0:
        return text[:e]
    b = max(text.rfind("。", 0, pos), text.rfind("；", 0, pos), text.rfind(";", 0, pos)) + 1
    return text[max(b, floor if floor <= pos else 0):e].strip("，, ")


def _r(rules: list[str]) -> str:
    return (":" + ",".join(rules)) if rules else ""


def _numbered(text: str) -> bool:
    """The paragraph opens a provision (the lexicon's numbering patterns)."""
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
