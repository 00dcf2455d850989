"""Page furniture by role: GB/T 9704 page numbers wherever the typesetter put them, running headers by
repetition, on any page size."""
import pytest

from bulletin_pipeline.layout import furniture
from bulletin_pipeline.layout.furniture import PAGE_NUMBER
from bulletin_pipeline.model import Char, RawPage

SIZES = {"A4": (595.3, 841.9), "16K": (521.6, 737.0), "Letter": (612.0, 792.0)}


def _row(text, x0, top, size=16.0):
    return [Char(ch, x0 + k * size, x0 + (k + 1) * size, top, top + size, size, "SimSun") for k, ch in enumerate(text)]


def _pages(size, number_text, share, n=5, header=None):
    """n pages of body rows; the page number centred `share` of the height above the bottom edge, odd pages
    at the right and even ones at the left (GB/T 9704 7.5)."""
    w, h = SIZES[size]
    out = []
    for k in range(1, n + 1):
        chars = []
        for r in range(12):
            chars += _row(f"第{k}页正文第{r}行推动经济发展", 80, 0.2 * h + r * 28)
        label = number_text.format(k)
        cy = h * (1 - share)
        x = w - 80 - len(label) * 14 if k % 2 else 80
        chars += _row(label, x, cy - 7, size=14)
        if header:
            chars += _row(header, 200, 0.05 * h, size=10.5)
        out.append(RawPage(number=k, width=w, height=h, chars=chars))
    return out


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("fmt", ["— {} —", "一 {} 一", "-{}-", "第{}页", "{}"])
def test_page_numbers_inside_the_old_band_are_furniture(size, fmt):
    pages = _pages(size, fmt, share=0.093)      # 9.3 % from the bottom: outside a fixed 9 % band
    found = furniture.detect(pages, 16.0)
    for k in range(1, 6):
        ids, items, label = found[k]
        assert label == str(k), (size, fmt, k, items)
        assert len(items) == 1


def test_a_number_inside_the_text_block_is_not_furniture():
    pages = _pages("A4", "— {} —", share=0.30)
    found = furniture.detect(pages, 16.0)
    assert all(found[k][2] is None for k in found)


def test_running_header_found_by_repetition_with_shifted_position():
    pages = _pages("16K", "{}", share=0.05, header="聊城市人民政府公报")
    for p in pages[::2]:       # every other page sets the header 4 pt lower
        for c in p.chars:
            if c.size == 10.5:
                c.top += 4
                c.bottom += 4
    found = furniture.detect(pages, 16.0)
    for k in found:
        assert "聊城市人民政府公报" in [t for t, _ in found[k][1]]


@pytest.mark.parametrize("text", ["— 17 —", "—17—", "一 3 一", "-3-", "第3页", "第 3 页 共 12 页", "3/12", "12",
                                  "·17·", "• 17 •", "～17～", "[17]", "【17】", "〔17〕", "（17）", "<17>", "《17》",
                                  "P17", "Page 17", "P. 17"])
def test_page_number_pattern_matches(text):
    assert PAGE_NUMBER.match(text)


@pytest.mark.parametrize("text", ["第3条", "一、总体要求", "2019年", "（一）", "12345", "（2）加强监管", "[2] 参见",
                                  "PM2.5", "《3》号", "(17", "P17页码"])
def test_page_number_pattern_rejects(text):
    assert not PAGE_NUMBER.match(text)


@pytest.mark.parametrize("text,says", [("— 17 —", True), ("·17·", True), ("〔17〕", True), ("（17）", True),
                                       ("Page 17", True), ("第17页", True), ("17", False), ("17/20", False),
                                       ("（一）", False), ("（17）条", False)])
def test_a_decorated_number_says_it_is_a_page_number(text, says):
    from bulletin_pipeline.layout.furniture import DECORATED_NUMBER
    assert bool(DECORATED_NUMBER.match(text)) == says


def test_a_lone_number_cell_near_the_edge_is_no_page_number():
    """A table's first or last row may be one number ("210") standing apart: inside the usual band it is
    furniture only when it reads as a page number (— 3 —) or the other pages' numbers agree with it."""
    w, h = SIZES["A4"]
    pages = []
    for k, cell in ((10, "210"), (12, "210"), (14, "0")):
        chars = []
        for r in range(12):
            chars += _row(f"基本支出第{r}项", 80, 0.3 * h + r * 28)
        chars += _row(cell, 300, 0.12 * h, size=12)
        pages.append(RawPage(number=k, width=w, height=h, chars=chars))
    found = furniture.detect(pages, 16.0)
    assert all(found[k][2] is None and not found[k][1] for k in found)


def test_a_page_blank_but_for_its_number_inside_the_old_band():
    pages = _pages("Letter", "— {} —", share=0.118, n=3)
    w, h = SIZES["Letter"]
    pages.append(RawPage(number=4, width=w, height=h, chars=_row("— 4 —", 80, h * (1 - 0.118) - 7, size=14)))
    found = furniture.detect(pages, 16.0)
    assert [found[k][2] for k in (1, 2, 3, 4)] == ["1", "2", "3", "4"]


def test_a_bare_page_number_larger_than_a_small_body_is_furniture():
    """五号 (10.5 pt) body, bare 四号 (14 pt) page numbers in the bottom margin: numbers that run with the pages
    are furniture, though they are larger than margin text may be."""
    pages = _pages("A4", "{}", share=0.05)
    found = furniture.detect(pages, 10.5)
    assert [found[k][2] for k in range(1, 6)] == ["1", "2", "3", "4", "5"]


def test_a_large_bare_number_that_does_not_run_with_the_pages_is_kept():
    """The same place and size, but the numbers do not follow the pages (a total in a table's last row):
    not page numbers, and a large bare number is not taken by repetition alone."""
    pages = _pages("A4", "{}", share=0.05)
    for p in pages:
        for c in p.chars:
            if c.size == 14:
                c.text = "7" if p.number % 2 else "9"
    found = furniture.detect(pages, 10.5)
    assert all(found[k][2] is None and not found[k][1] for k in found)
