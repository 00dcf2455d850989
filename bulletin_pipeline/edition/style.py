"""The edition's stylesheet: Chinese typography, readable measure, phone-friendly, printable."""

CSS = """:root { --ink: #1d1d1f; --red: #c00; --muted: #666; --u: #fff1b8; --dl: #d6f0ff; --tg: #e3f8d8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem 1.25rem 3rem; color: var(--ink); background: #fff;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "STSong", "WenQuanYi Zen Hei", serif;
  font-size: 1.0625rem; line-height: 1.9; text-align: justify; text-justify: inter-character;
  word-break: normal; overflow-wrap: anywhere; }
h1, h2, .masthead, .toc, .legend, table, nav, .meta { font-family: "Noto Sans CJK SC", "Source Han Sans SC",
  "PingFang SC", "Microsoft YaHei", "Heiti SC", "WenQuanYi Zen Hei", sans-serif; }
a { color: #0645ad; }
nav.crumbs { font-size: .875rem; margin-bottom: 1rem; }
.cover { text-align: center; border-bottom: 3px solid var(--red); padding-bottom: .5rem; }
.cover .gazette { color: var(--red); font-size: 2rem; font-weight: 700; letter-spacing: .3em; margin: .5rem 0; }
.toc h1 { text-align: center; letter-spacing: 1em; }
.toc h2 { font-size: 1.05rem; color: var(--red); margin: 1.2rem 0 .3rem; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { padding: .35rem 0; border-bottom: 1px dotted #ccc; }
.toc .docno { color: var(--muted); font-size: .875rem; margin-left: .5em; }
.toc .toc-page { float: right; color: var(--muted); }
.masthead { color: var(--red); font-size: 1.9rem; font-weight: 700; text-align: center; letter-spacing: .15em;
  border-bottom: 2px solid var(--red); padding-bottom: .3rem; margin: .5rem 0; }
.docno { text-align: center; }
h1.title { font-size: 1.45rem; text-align: center; line-height: 1.5; margin: 1rem 0; }
.meta, .note, .legend { font-size: .875rem; color: var(--muted); text-align: left; }
.note { border-left: 3px solid var(--red); padding-left: .6rem; }
p.body, p.addressee { text-indent: 2em; margin: .2rem 0; }
p.addressee { text-indent: 0; }
p.heading { text-indent: 2em; margin: .6rem 0 .2rem; font-weight: 700;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif; }
p.signature, p.date { text-align: right; margin: .1rem 2em .1rem 0; }
h2.transmitted-title { text-align: center; font-size: 1.2rem; margin: 2rem 0 1rem; }
p.attachment { color: var(--muted); }
small.src { font-size: .7rem; color: var(--muted); white-space: nowrap; }
small.src a { color: var(--muted); }
mark { padding: 0 .1em; border-radius: 2px; }
cite.ref, a.ref { font-style: normal; border-bottom: 1px dashed #0645ad; }
.margin { float: left; margin-left: -4.5rem; width: 4rem; text-align: right; text-indent: 0; font-size: .7rem;
  color: var(--muted); white-space: nowrap; }
.margin a { color: var(--muted); }
nav.pager .off { color: #bbb; }
mark.u { background: var(--u); } mark.dl { background: var(--dl); } mark.tg { background: var(--tg); }
:target { background: #fffbe6; outline: 2px solid #f0c000; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .875rem; text-align: left; }
th, td { border: 1px solid #ddd; padding: .3rem .45rem; vertical-align: top; }
th { background: #f5f5f5; }
.sheet { position: relative; display: inline-block; max-width: 100%; }
.sheet img { display: block; max-width: 100%; height: auto; border: 1px solid #ccc; }
.sheet .box { position: absolute; border: 1px solid rgba(0, 90, 200, .25); }
.sheet .box:hover, .sheet .box:target { border: 2px solid #d00; background: rgba(255, 220, 0, .15); outline: none; }
.colophon dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .875rem;
  color: var(--muted); margin-top: 2rem; }
@media (max-width: 40rem) { body { font-size: 1rem; padding: .75rem; } .margin { float: none; margin: 0 .5em 0 0; } .toc .toc-page { float: none; margin-left: .5em; } }
@media print { nav, small.src, .margin, .legend, .qa-link { display: none; } body { max-width: none; font-size: 12pt; }
  mark { background: none; } a { color: inherit; text-decoration: none; } }
"""
