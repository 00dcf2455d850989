"""Deadlines and targets on long paragraphs with no punctuation: time must grow linearly with length.

usage: python bench/timex_linear.py [--limit SECONDS]
Builds paragraphs of 2,500 … 20,000 chars (plain Han text, and text dense with the pieces the patterns
look for: years, months, 每年, 满, 以上, numbers with units, 、 lists) and times timex.find and targets.find.
Fails (exit 1) when the 10,000-char case takes longer than --limit seconds or time grows faster than about
linearly (20,000 chars more than 3 x the 10,000-char time)."""
import argparse
import random
import sys
import time

from bulletin_pipeline.extract import targets, timex
from bulletin_pipeline.lexicon import Resources

PIECES = ["2019年", "12月", "底前", "每年", "满", "1年以上", "3至", "12个月", "达到", "90%", "、", "和", "万元",
          "不低于", "PM2.5", "年度", "定于", "采暖期", "前", "内", "以上", "三分之二", "1/3", "个月的当地", "等"]
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车"


def paragraph(n: int, dense: bool, seed: int = 7) -> str:
    rnd = random.Random(seed)
    out, size = [], 0
    while size < n:
        s = rnd.choice(PIECES) if dense and rnd.random() < 0.5 else rnd.choice(HAN)
        out.append(s)
        size += len(s)
    return "".join(out)[:n]


def timed(f, *a) -> float:
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        f(*a)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=float, default=2.0, help="seconds allowed for the 10,000-char case")
    args = ap.parse_args()
    res = Resources()
    cal, ms = res.calendar, res.measures
    timex.find("预热", 2019, cal), targets.find("预热", None, ms)
    ok = True
    for dense in (False, True):
        times = {}
        for n in (2500, 5000, 10000, 20000):
            p = paragraph(n, dense)
            times[n] = timed(lambda: (timex.find(p, 2019, cal), targets.find(p, None, ms)))
            print(f"{'dense' if dense else 'plain'} {n:6d} chars  {times[n] * 1000:8.1f} ms")
        growth = times[20000] / max(times[10000], 1e-6)
        print(f"  20k/10k ratio {growth:.2f}")
        ok &= times[10000] <= args.limit and growth <= 3.0
    print("linear" if ok else "NOT LINEAR")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
