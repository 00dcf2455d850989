"""Text repair of OCR output: marks and brackets as a Chinese gazette prints them, digits inside dates and
发文字号, and low-confidence characters inside an official name restored from the gazetteer."""
from __future__ import annotations

import regex

from ...model import Char

GLYPH_EM = 0.95       # ink height of a line of CJK text / its font size (calibrated on rendered pages)
_ONE_LIKE = "]|lI丨"
_DATE_PART = regex.compile(r"(?<=年\s*)([\d\]|lI丨]{1,3})(?=\s*月)|(?<=月\s*)([\d\]|lI丨]{1,3})(?=\s*日)")
_NUMBER_PART = regex.compile(r"(?<=[〕\]］)）]\s*)([\d\]|lI丨]{1,4})(?=\s*号)")

_CJK = regex.compile(r"\p{Han}")
_ARTICLE_GAP = regex.compile(r"第[一二三四五六七八九十百零〇\d]{1,5}[条章节]$")
_NUMBER_COMMA = regex.compile(r"(?<![\d.．])\d{1,2}[.．]([，,])(?=\p{Han})")     # 2.，加强 -> 2.加强
_STRAY_DOT = regex.compile(r"(?<=[\p{Han}，。；：、;:,])[.．](?=[\p{Han}，。；：、;:,])")
_COUNTY = regex.compile(r"县[(（〈《]?市、区[)）〉》]?")


def flat(chars: list[Char]) -> str:
    """The chars' text, one position per char (a multi-char reading stands as NUL), for regexes over a page."""
    return "".join(c.text if len(c.text) == 1 else "\0" for c in chars)


def fix_marks(chars: list[Char]) -> list[Char]:
    """Brackets and marks as a Chinese gazette prints them, where tesseract reads them otherwise:
    ( ) beside Chinese text -> （ ）; 〈 or 《 closed by ) -> （ (〈2019年10月)); 各县市、区) -> 各县（市、区）;
    the wide space after 第一条 / 第二章 read as a quote, and after 1. read as a comma, is dropped."""
    def cjk(k: int) -> bool:
        return 0 <= k < len(chars) and bool(_CJK.match(chars[k].text))
    opened: list[str] = []
    for i, c in enumerate(chars):
        if c.text in "(（":
            if c.text == "(" and (cjk(i - 1) or cjk(i + 1)):
                c.text = "（"
            opened.append(c.text)
        elif c.text in ")）":
            opener = opened.pop() if opened else None
            if c.text == ")" and (cjk(i - 1) or opener == "（"):
                c.text = "）"
    for i, c in enumerate(chars):
        if c.text in "〈《":
            closer = next((d.text for d in chars[i + 1:i + 80] if d.text in "〉》)）"), None)
            if closer in (")", "）"):
                c.text = "（"
    text = flat(chars)
    drop: set[int] = set()
    for i, c in enumerate(chars):
        if c.text in "“”\"'‘’" and _ARTICLE_GAP.search(text[max(0, i - 8):i]):
            if c.text != "“" or "”" not in text[i + 1:i + 40]:
                drop.add(i)
    for m in _NUMBER_COMMA.finditer(text):
        drop.add(m.start(1))
    for m in _STRAY_DOT.finditer(text):          # 效益.和服务, 牵头;.市: a speck read as a full stop
        drop.add(m.start())
    for i, c in enumerate(chars):
        if c.text in ":;：；" and i + 1 < len(chars) and chars[i + 1].text in ":;：；" and c.text != chars[i + 1].text:
            drop.add(i)                          # 责任单位;: -> 责任单位：
            chars[i + 1].text = "："
        elif c.text in ":;," and (cjk(i - 1) or cjk(i + 1)):
            c.text = {":": "：", ";": "；", ",": "，"}[c.text]
    out = [c for i, c in enumerate(chars) if i not in drop]
    # 各县（市、区）: the standard phrase with a bracket lost or misread
    text = flat(out)
    for m in reversed(list(_COUNTY.finditer(text))):
        if m.group() == "县（市、区）":
            continue
        seg = out[m.start():m.end()]
        after = out[m.end()] if m.end() < len(out) else None
        real = {c.text: c for c in seg if c.text in "县市、区"}
        fixed: list[Char] = []
        for k, ch in enumerate("县（市、区）"):
            if ch in real:
                fixed.append(real[ch])
                continue
            # a bracket put back sits between its neighbours, so ordering by x keeps it in place
            prev = fixed[-1]
            nxt = next((real[n] for n in "县（市、区）"[k + 1:] if n in real), after)
            x = (prev.x0 + nxt.x0) / 2 if nxt is not None and nxt.x0 > prev.x0 else prev.x1
            fixed.append(Char(ch, x, x, prev.top, prev.bottom, prev.size, prev.font, prev.color, prev.conf))
        out[m.start():m.end()] = fixed
    return out


def fix_ones(chars: list[Char]) -> list[Char]:
    """A 1 read as a bracket or bar inside a date or a 发文字号's number (2019年1]月, 〔2019〕1]号): it becomes 1
    when that gives a valid month, day or number; a stray bracket beside the digits (11]月) is dropped."""
    text = flat(chars)
    drop: set[int] = set()
    for rx in (_DATE_PART, _NUMBER_PART):
        for m in rx.finditer(text):
            g = 1 if m.group(1) is not None else 2      # _DATE_PART: 1 = month, 2 = day
            span, start = m.group(g), m.start(g)
            if not any(ch in _ONE_LIKE for ch in span):
                continue
            top = 9999 if rx is _NUMBER_PART else (12 if g == 1 else 31)
            as_one = "".join("1" if ch in _ONE_LIKE else ch for ch in span)
            if as_one.isdigit() and 0 < int(as_one) <= top:
                for k, ch in enumerate(span):
                    if ch in _ONE_LIKE:
                        chars[start + k].text = "1"
            else:
                stripped = "".join(ch for ch in span if ch not in _ONE_LIKE)
                if stripped.isdigit() and 0 < int(stripped) <= top:
                    drop.update(start + k for k, ch in enumerate(span) if ch in _ONE_LIKE)
    return [c for i, c in enumerate(chars) if i not in drop] if drop else chars


LOW_CONFIDENCE = 50.0


def restore_names(chars: list[Char], names, is_word, low: float = LOW_CONFIDENCE) -> None:
    """A character tesseract was unsure of (confidence < 50) inside what is otherwise an official name of the
    gazetteer (著城市人民政府 -> 聊城市人民政府, 财城海关 -> 聊城海关) is restored to the name's character,
    unless the char makes a word with its neighbour outside the name (市政府文件 is not 市政府办 + 件)."""
    text = flat(chars)
    for i, c in enumerate(chars):
        if c.conf is None or c.conf >= low or len(c.text) != 1:
            continue
        for name in names:
            n = len(name)
            fixed = False
            for j in range(n):                      # the unsure char at position j of the name
                start = i - j
                if start < 0 or start + n > len(text):
                    continue
                window = text[start:start + n]
                if window[j] != name[j] and window[:j] == name[:j] and window[j + 1:] == name[j + 1:]:
                    if (j == 0 and is_word(text[i - 1:i + 1])) or (j == n - 1 and is_word(text[i:i + 2])):
                        continue
                    c.text = name[j]
                    text = text[:i] + name[j] + text[i + 1:]
                    fixed = True
                    break
            if fixed:
                break


# --- repairs any engine needs ------------------------------------------------------------------------------

# a 发文字号's year in brackets of another shape: 聊政发[2019]16号, 【2019〕, （2019） -> 〔2019〕; a speck between the
# year and the number, read as a dot, a comma or a colon (〔2018〕：19号), or between the name and the bracket
# (聊政发.〔2019]16号, on a skewed scan), is dropped
DOCNO_YEAR = regex.compile(r"(?<=\p{Han}{1,10})(?P<speck>[.．·•]?)\s*([\[［【〔(（{｛〈<])\s*((?:19|20)\d\d)\s*([\]］】〕)）}｝〉>])([.．·•,，:：]?)(?=\s*[\dOolI|]{1,4}\s*号)")
# a speck read as a dot after the 号 of a 发文字号, before the page number of a 目录 line (16号·5)
DOCNO_PAGE_DOT = regex.compile(r"(?<=\d号)[.．·•](?=\d)")
# a year range: GB/T 15835 writes 2019—2020年 with a dash OCR reads as - or 一
YEAR_RANGE_DASH = regex.compile(r"(?<=(?:19|20)\d\d)\s*([-－一~～])\s*(?=(?:19|20)\d\d\s*年)")
# a dash read as 一 between digits (2019一2020, 1一3月)
DIGIT_DASH = regex.compile(r"(?<=\d)一(?=\d)")
# a letter read for a digit inside a number: O/o for 0, l/I/| for 1, between digits or between a digit and
# 年/月/日/号 (201O年, 1l号)
LETTER_DIGIT = regex.compile(r"(?<=\d)[OolI|](?=\d|[年月日号])|(?<=[\d〔])[OolI|](?=\d)")
_AS_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}
# a mark read from a speck after a Chinese punctuation mark (；·市发展改革委): the middle dot belongs between
# names, never after a comma or a semicolon
SPECK_DOT = regex.compile(r"(?<=[，。；：、])\s*[·•.．]")


def fix_numbers(chars: list[Char]) -> list[Char]:
    """Digits, brackets and dashes inside 发文字号, dates and year ranges as printed: 〔2019〕 brackets,
    2019—2020年, 0 and 1 where a letter was read inside a number; a speck read after a comma is dropped."""
    text = flat(chars)
    drop: set[int] = set()
    for m in DOCNO_YEAR.finditer(text):
        chars[m.start(2)].text, chars[m.start(4)].text = "〔", "〕"
        if m.group(5):                             # 〔2019〕.16号: a speck between the year and the number
            drop.add(m.start(5))
        if m.group("speck"):                       # 聊政发.〔2019〕: a speck before the bracket
            drop.add(m.start("speck"))
    drop.update(m.start() for m in DOCNO_PAGE_DOT.finditer(text))
    for m in YEAR_RANGE_DASH.finditer(text):
        chars[m.start(1)].text = "—"
    for m in DIGIT_DASH.finditer(text):
        chars[m.start()].text = "—"
    for m in LETTER_DIGIT.finditer(text):
        chars[m.start()].text = _AS_DIGIT[m.group()]
    drop.update(m.end() - 1 for m in SPECK_DOT.finditer(text))
    return [c for i, c in enumerate(chars) if i not in drop] if drop else chars


# --- tesseract's own misreadings ---------------------------------------------------------------------------

_LINE_START_DOT = ("，", ",", ":", "：")


def tesseract_repairs(chars: list[Char], line_starts: list[int]) -> list[Char]:
    """Misreadings of tesseract chi_sim: a numbered item's dot read as a comma or colon at the start of a line
    (10，强化… / 7:风险… -> 10.); a 1 read as a bracket or bar inside a date or a number (:func:`fix_ones`)."""
    for i in line_starts:
        j = i
        while j < len(chars) and j - i < 2 and chars[j].text.isdigit():
            j += 1
        if i < j < len(chars) - 1 and chars[j].text in _LINE_START_DOT and _CJK.match(chars[j + 1].text):
            chars[j].text = "."
    return fix_ones(chars)


# a circle mark opening a short line (the ◎ before a 目录 section) read as a Latin letter, a digit, a bracket
# or a speck of punctuation: O, 0, C, Q, @, C）, ）, ：, ·
CIRCLE_MARK = regex.compile(r"^(?:[Oo0〇CcQ@©®][)）]?|[)）：:·•*])(?=\p{Han}{2,12}$)")


def circle_marks(chars: list[Char], line_starts: list[int]) -> list[Char]:
    """A short line opened by a circle mark read as a letter or a bracket gets the mark ○ back (one char;
    the others of the misreading are emptied, so ``line_starts`` stay valid until empty chars are dropped)."""
    ends = line_starts[1:] + [len(chars)]
    for start, end in zip(line_starts, ends):
        m = CIRCLE_MARK.match(flat(chars[start:end]))
        if m:
            chars[start].text = "○"
            for i in range(start + 1, start + m.end()):
                chars[i].text = ""
    return chars


# --- brackets as a gazette pairs them ---------------------------------------------------------------------

# a short group of Chinese in brackets (县（市、区）, 县〔市〕) read with a mismatched or ASCII pair: （市、区〕,
# [市、区], 【市」, (市); a speck read as a dot after its closer (区」·政府) goes with the misreading
SHORT_GROUP = regex.compile(r"([（(〔\[［【{｛「])(\p{Han}[\p{Han}、]{0,5})([）)〕\]］】}｝」])(?:([·•.．])(?=\p{Han}))?")
# pairs a gazette prints around a short group: kept as read
_PAIRS = {("（", "）"), ("〔", "〕"), ("【", "】"), ("「", "」")}
NEST_REACH = 300          # chars searched back for the parenthesis a short group stands in
_SENTENCE_END = "。！？"


def _nested(text: str, at: int, end: int) -> bool:
    """Does the group at ``at``..``end`` stand inside an open parenthesis （…?  Searching back, an opening
    bracket no closing one answers, before a sentence ends outside any.  When the text before runs out
    first (a parenthesis opened on the page before), the first round bracket after the group tells: a
    closing one closes a parenthesis the group stands in."""
    depth = 0
    for ch in reversed(text[max(0, at - NEST_REACH):at]):
        if ch in "）)〕":
            depth += 1
        elif ch in "（(〔":
            if depth == 0:
                return True
            depth -= 1
        elif ch in _SENTENCE_END and depth == 0:
            return False
    if at > NEST_REACH:
        return False
    after = regex.search(r"[（()）]", text[end:end + NEST_REACH])
    return after is not None and after.group() in "）)"


def fix_brackets(chars: list[Char]) -> list[Char]:
    """Brackets paired as printed, where OCR read one of a pair in another shape (chars in reading order).
    A short group of Chinese read in brackets of two kinds (（市、区〕, 【市」) or in ASCII square brackets
    takes 〔〕 inside a parenthesis (GB/T 15834 nests brackets as （…〔…〕…）: 各市、县〔市、区〕政府 in a
    责任单位 list) and （） elsewhere (县（市、区）政府要…); one read round in mixed widths ((市、区）) is （）
    (some printers nest round brackets: （责任单位：各县（市、区）政府）).  A full-width （ closed by an ASCII )
    is closed by ）, an ASCII ( closed by ） opens with （, an ASCII ) that closes nothing on the page after a
    Chinese char is ）.  Emptied chars are dropped by the caller."""
    text = flat(chars)
    for m in SHORT_GROUP.finditer(text):
        o, c = m.group(1), m.group(3)
        if (o, c) in _PAIRS:
            continue
        pair = "〔〕" if not (o in "（(" and c in "）)") and _nested(text, m.start(), m.end()) else "（）"
        chars[m.start(1)].text, chars[m.start(3)].text = pair[0], pair[1]
        if m.group(4):
            chars[m.start(4)].text = ""
        text = text[:m.start(1)] + pair[0] + text[m.start(1) + 1:m.start(3)] + pair[1] + text[m.start(3) + 1:]
    opened: list[int] = []
    for i, c in enumerate(chars):
        if c.text in "（(":
            opened.append(i)
        elif c.text in "）)" and opened:
            j = opened.pop()
            if i - j > NEST_REACH:
                continue
            if chars[j].text == "（" and c.text == ")":
                c.text = "）"
            elif chars[j].text == "(" and c.text == "）":
                chars[j].text = "（"
        elif c.text == ")" and i and _CJK.match(chars[i - 1].text):
            c.text = "）"          # a parenthesis opened on the page before closes after Chinese text
    return chars


def column_order(chars: list[Char], line_starts: list[int]) -> list[int]:
    """Indices of ``chars`` with their lines in reading order inside each column: engines give lines row by
    row across the page (a line of the left column, then the right column's beside it), and a repair that
    reads across a line break (2019- | 2021年, a bracket opened a line before) needs the line under it.
    A line goes on with the nearest line below that it overlaps across the page (of two on one row, the one
    it overlaps more); a line two lines go on with follows the one that overlaps it more (an item number
    read apart from its line yields).  The chains of lines so made are read one after the other, from the top."""
    ends = line_starts[1:] + [len(chars)]
    lines = []
    for s, e in zip(line_starts, ends):
        cs = chars[s:e]
        if cs:
            lines.append((s, e, min(c.x0 for c in cs), max(c.x1 for c in cs), min(c.top for c in cs),
                          max(c.bottom for c in cs)))

    def overlap(i: int, j: int) -> float:
        return min(lines[i][3], lines[j][3]) - max(lines[i][2], lines[j][2])
    n = len(lines)
    claims: dict[int, list[int]] = {}
    for i in range(n):
        top, bottom = lines[i][4], lines[i][5]
        below = [j for j in range(n) if j != i and lines[j][4] >= bottom - 0.3 * (bottom - top) and overlap(i, j) > 0]
        if below:
            j = min(below, key=lambda k: (round(lines[k][4]), -overlap(i, k)))
            claims.setdefault(j, []).append(i)
    after = {max(ps, key=lambda i: overlap(i, j)): j for j, ps in claims.items()}
    taken = set(after.values())
    order: list[int] = []
    for i in sorted(range(n), key=lambda k: (lines[k][4], lines[k][2])):
        k = None if i in taken else i
        while k is not None:
            order.extend(range(lines[k][0], lines[k][1]))
            k = after.get(k)
    if len(order) < len(chars):          # chars before the first line start (none from the engines)
        seen = set(order)
        order = [i for i in range(len(chars)) if i not in seen] + order
    return order
