import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sources import gov, lines, pol, rep, write  # noqa: E402

docs = []
# m1: 国办发〔2018〕114号, the 通知 (the attachment's figures and their captions left out)
g = gov[20]; L = lines(g["body"])
t = L[0] + L[1]
i = L.index("（此件公开发布）")
p = L[3:i]
docs.append(dict(id="m1", source="govcn-policies row 20 (the 通知; the attached 号牌式样 figures left out)", section="国务院文件",
                 title=t, toc_title=t, doc_number=L[2], issuer="国务院办公厅", signatures=["国务院办公厅"], date=g["date"],
                 paragraphs=p))
# m2: 国办发〔2018〕129号, excerpt
g = gov[7]; L = lines(g["body"])
def find(prefix): return next(l for l in L if l.startswith(prefix))
t = L[0] + L[1]
p = [L[3], L[4], "二、动员社会各界扩大贫困地区产品和服务消费", find("（一）"), find("（二）"), find("（三）"),
     "三、大力拓宽贫困地区农产品流通和销售渠道", find("（四）"), "六、保障措施", find("（十四）"), find("（十六）"),
     find("（十七）"), "国务院办公厅", "2018年12月30日"]
docs.append(dict(id="m2", source="govcn-policies row 7 (excerpt: opening, 二（一）（二）（三）, 三（四）, 六（十四）（十六）（十七）)",
                 section="国务院文件", title=t, toc_title=t, doc_number=L[2], issuer="国务院办公厅",
                 signatures=["国务院办公厅"], date=g["date"], paragraphs=p))
# m3: 国函〔2018〕145号, the 批复
g = gov[40]; L = lines(g["body"])
t = L[0] + L[1] + L[2]
i = L.index("（此件公开发布）")
p = L[4:i]
docs.append(dict(id="m3", source="govcn-policies row 40", section="国务院文件", title=t, toc_title=t, doc_number=L[3],
                 issuer="国务院", signatures=["国务院"], date=g["date"], paragraphs=p))
# m4: 京财科文〔2014〕1218号 with its 指导意见, excerpt
r = pol[3]; L = lines(r["Body"])
def find(prefix): return next(l for l in L if l.startswith(prefix))
def after(prefix, n): k = L.index(find(prefix)); return L[k:k + n + 1]
t = L[0]
p = [L[3], L[4], L[5], L[6], ["title", L[7]], ["center", L[8]], find("第一条"), ["center", find("第二章")],
     find("第六条"), find("第七条"), find("第八条"), ["center", find("第三章")], find("第十一条"),
     find("上述范围均以科研项目形式支出"), find("差旅费、会议费"), find("不允许纵向课题"), ["center", find("第四章")]]
p += after("第十六条", 2) + after("第十七条", 3) + after("第十八条", 2) + [find("第十九条"), ["center", find("第五章")],
     find("第二十条"), find("第二十一条"), find("第二十二条")]
docs.append(dict(id="m4", source="policy50 row 3 (the 函; excerpt of the 意见: 第一、六至八、十一 (its closing paragraphs), "
                 "十六至二十二条)", section="部门文件", title=t, toc_title=t, doc_number=L[2], issuer="北京市财政局",
                 signatures=["北京市财政局"], date="2014-07-03", paragraphs=p))
# m5: 沪科〔2014〕12号
r = pol[10]; L = lines(r["Body"])
docs.append(dict(id="m5", source="policy50 row 10", section="部门文件", title=L[1], toc_title=L[1], doc_number=L[0],
                 issuer="上海市科学技术委员会", signatures=["上海市科学技术委员会"], date="2014-01-16", paragraphs=L[2:]))
# m6: 沪财法[2007]9号 with the 财税[2007]17号 it passes on (the cover's date written with full-width Latin Ｏ set as 〇)
r = pol[30]; L = lines(r["Body"])
t = r["Title"]
p = L[1:7]
p[-1] = p[-1].replace("Ｏ", "〇")
p += [["title", L[7]]] + L[8:]
docs.append(dict(id="m6", source="policy50 row 30", section="部门文件", title=t, toc_title=t, doc_number=L[0],
                 issuer="上海市财政局", signatures=["上海市财政局", "上海市国家税务局", "上海市地方税务局"], date="2007-02-06",
                 paragraphs=p))
# m7: 2017 政府工作报告, five paragraphs of 三 (zero-width spaces removed)
c = next(x for x in rep if x["year"] == "2017")["content"]
paras = [x.strip().replace("\n", "").replace("\u200b", "") for x in re.split(r"\n\s*\n", c) if x.strip()]
def para(start): return next(x for x in paras if x.startswith(start))
p = [para("扎实有效去产能"), para("贫困地区和贫困人口是全面建成小康社会最大的短板"), para("积极扩大有效投资"),
     para("扎实推进新型城镇化"), para("坚决打好蓝天保卫战")]
docs.append(dict(id="m7", source="gov_work_reports 2017 (five paragraphs of 三: 去产能, 扶贫, 有效投资, 新型城镇化, 蓝天保卫战)",
                 section="其他文件", title="2017年国务院政府工作报告（节选）", toc_title="2017年国务院政府工作报告（节选）",
                 doc_number=None, issuer="国务院", signatures=[], date=None, chronicle=True, paragraphs=p))
write(docs, 5)
