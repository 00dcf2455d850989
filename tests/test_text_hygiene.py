"""Text hygiene: characters a PDF text layer carries that a reader does not see or sees as another."""
import pytest

from bulletin_pipeline.layout.text import COMPAT_HAN, INVISIBLE, assemble, clean_text, fold_char, hygiene
from bulletin_pipeline.model import Char


def _c(t, x, size=10.0):
    return Char(text=t, x0=x, x1=x + size, top=0, bottom=size, size=size, font="SimSun")


def _line(text):
    return assemble([_c(ch, 10 * i) for i, ch in enumerate(text)])[0]


def test_soft_hyphen_dropped():
    assert _line("推动\u00ad经济") == "推动经济"
    assert clean_text("Belt\u00adand Road") == "Beltand Road"


@pytest.mark.parametrize("ch", ["\u200b", "\u200c", "\u200d", "\u2060"])
def test_zero_width_characters_dropped(ch):
    assert _line(f"通{ch}知") == "通知"
    assert clean_text(f"关于{ch}印发") == "关于印发"


def test_ideographic_space_is_a_space_and_goes_next_to_cjk():
    assert _line("各　区") == "各区"
    assert clean_text("各区人民政府：\u3000\u3000现将") == "各区人民政府：现将"
    assert hygiene("a\u3000b") == "a b"


@pytest.mark.parametrize("radical, plain", [("\u2f08", "人"), ("\u2f26", "子"), ("\u2f42", "文"), ("\u2f83", "自")])
def test_kangxi_radicals_map_to_ideographs(radical, plain):
    assert fold_char(radical) == plain
    assert _line(f"{radical}民") == f"{plain}民"
    assert clean_text(f"{radical}民政府") == f"{plain}民政府"


@pytest.mark.parametrize("compat, plain", [("\uf900", "豈"), ("\uf9b2", "零"), ("\ufa0c", "兀")])
def test_cjk_compatibility_ideographs_map_to_unified(compat, plain):
    assert fold_char(compat) == plain
    assert clean_text(f"{compat}星") == f"{plain}星"


@pytest.mark.parametrize("ch", ["\u202e", "\u202a", "\u2066", "\u200f", "\ufeff"])
def test_bidi_controls_and_bom_stripped(ch):
    assert _line(f"{ch}聊城市") == "聊城市"
    assert clean_text(f"{ch}聊城{ch}市") == "聊城市"


@pytest.mark.parametrize("text", ["通知", "Opt", "—", "〔2019〕", "①", "（一）", "a-b"])
def test_ordinary_text_untouched(text):
    assert not INVISIBLE.search(text) and not COMPAT_HAN.search(text)
    assert hygiene(text) == text


def test_full_width_digits_still_fold():
    assert fold_char("１") == "1" and fold_char("Ａ") == "A"
