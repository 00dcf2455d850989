"""OCR text repairs that read across line breaks of a two-column scanned page, and the brackets OCR reads
in another shape.  The pages are laid out as PP-OCR returns them: lines row by row across the page (a line
of the left column, then the line of the right column beside it), one word per char.  The texts are
the dev issues' own (浙政发〔2016〕49号, 豫政〔2018〕44号, 聊城's 小升规 plan) with the misreadings the 150 dpi
grey scans of them gave."""
from bulletin_pipeline.ingest import ocr

EM = 26
SCALE = EM / 9.5
PITCH = 28


def rows(pieces: list[list[tuple[int, str]]]) -> list[dict]:
    """Word records of a page whose row r holds the lines ``pieces[r]`` as (x0 px, text), in the engine's order."""
    words = []
    n = 0
    for r, row in enumerate(pieces):
        top = 200 + 45 * r
        for x0, text in row:
            box = [x0, top, x0 + PITCH * len(text), top + EM]
            for i, ch in enumerate(text):
                words.append({"text": ch, "left": x0 + PITCH * i, "top": top - 3, "width": PITCH - 1,
                              "height": EM + 6, "conf": 99.0, "line": [n, 0], "lbox": list(box)})
            n += 1
    return words


def page(left: list[str], right: list[str]) -> list[dict]:
    """A two-column page: row r holds left[r] at x 150 and right[r] at x 900."""
    return rows([[(x0, col[r]) for x0, col in ((150, left), (900, right)) if r < len(col) and col[r]]
                 for r in range(max(len(left), len(right)))])


def text_of(words) -> str:
    """The repaired chars read column by column (the left column's x is below 880 px)."""
    chars = ocr.to_chars(words, SCALE)
    return "".join(c.text for c in sorted(chars, key=lambda c: (c.x0 * SCALE >= 880, round(c.top), c.x0)))


def test_a_nested_group_read_with_mixed_brackets_is_set_in_hexagonal_ones():
    # （责任单位：…，各市、县〔市、区〕政府） read as 各市、县(市、区〕 and 各市、县[市、区], across a line break
    left = ["抓紧研究制定食盐生产、批发企业规范条件，", "修改完善相关制度。（责任单位：省发展改革",
            "委、省法制办、省盐业集团，各市、县(市、区〕", "政府)"]
    right = ["国家从2017年1月1日开始，放开所有盐产品", "价格，取消食盐准运证。（责任单位：省盐业",
             "体制改革领导小组成员单位，各市、县[市、区]", "政府)"]
    got = text_of(page(left, right))
    assert "省盐业集团，各市、县〔市、区〕政府）" in got
    assert "成员单位，各市、县〔市、区〕政府）" in got


def test_a_group_in_running_text_is_set_in_round_brackets():
    # 各省辖市、省直管县（市）政府要… read as 县〔市] outside any parenthesis; a speck after the closer goes
    left = ["切实做好促进就业工作。各省辖市、省直管县〔市]", "政府要组织相关部门明确享受政策的困难企业"]
    right = ["各市、县（市、区」·政府对本行政区域内盐业", "体制改革负总责。"]
    got = text_of(page(left, right))
    assert "省直管县（市）政府要组织" in got
    assert "各市、县（市、区）政府对本行政区域" in got


def test_a_round_pair_read_in_mixed_widths_stays_round_inside_a_parenthesis():
    # 聊城's printer nests round brackets: （市政府有关部门、各县（市、区）政府、市属开发区管委会负责）
    left = ["落实主体责任。（市政府有关部门、各县（市、区)", "政府、市属开发区管委会负责)"]
    got = text_of(page(left, []))
    assert "各县（市、区）政府、市属开发区管委会负责）" in got


def test_a_group_opened_on_the_page_before_is_told_by_the_bracket_after_it():
    # the parenthesis opened at the foot of the page before: the page starts inside it
    left = ["厅、税务局等和各省辖市、省直管县〔市]政府按职", "责分工负责)"]
    got = text_of(page(left, []))
    assert "省直管县〔市〕政府按职责分工负责）" in got


def test_a_year_range_broken_across_lines_of_the_left_column_gets_its_dash():
    # 将2019—2021年成功转型的… with the dash at the end of a left-column line, the right column beside it
    left = ["3.建立上市企业培育库。将2019-", "2021年成功转型的“小升规”企业作为中"]
    right = ["息化局，各县（市、区）人民政府、市属开", "发区管委会）"]
    assert "将2019—2021年成功" in text_of(page(left, right))


def test_an_item_number_read_apart_does_not_take_its_lines_place_in_the_column():
    # row 1 of the left column read as two lines, 3. apart from 建立…: the line under both goes on from the
    # longer one, so 将2019- | 2021年 read on, and the dash is repaired
    words = rows([[(150, "市属开发区管委会）"), (900, "息化局，各县（市、区）人民政府、市属开")],
                  [(150, "3."), (150 + 3 * PITCH, "建立上市企业培育库。将2019-"), (900, "发区管委会）")],
                  [(150, "2021年成功转型的“小升规”企业作为中"), (900 + PITCH, "（4）安排专项资金支持")],
                  [(150, "小微企业重点培育对象，符合条件的认定"), (900, "业。在预算安排的产业发展")]])
    text = text_of(words)
    assert "将2019—2021年成功转型" in text and "将2019—小微" not in text


def test_a_provincial_department_read_whole_is_not_taken_for_the_ministry():
    # 豫政〔2018〕44号 lists 工业和信息化厅、人力资源社会保障厅 (河南's departments): one char from the
    # ministries' names, but that char says which body; a misread char elsewhere is still restored
    from bulletin_pipeline.lexicon import Resources
    gz = Resources().gazetteer
    assert gz.nearest("人力资源社会保障厅") is None
    assert gz.nearest("工业和信息化厅") is None
    assert gz.nearest("聊城市财政同") == "聊城市财政局"


def test_a_speck_between_a_document_number_and_its_year_bracket_goes():
    # the 目录 of the bundled issue scanned at 150 dpi skewed by 1.8 degrees: 聊政发.〔2019]16号, the entry's
    # 文号 was not seen and two entries ran into one
    words = rows([[(150, "关于加快推进农业机械化和农机装备产业转型")], [(150 + 2 * PITCH, "升级的实施意见")],
                  [(150 + 2 * PITCH, "聊政发.〔2019]16号"), (900, "5")]])
    assert "聊政发〔2019〕16号" in text_of(words)
