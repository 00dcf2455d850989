import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sources import gov, lines, pol, rep, write  # noqa: E402

docs = []
# k1: 辽政发〔2017〕46号, excerpt
r = pol[41]; L = lines(r["Body"])
def find(prefix): return next(l for l in L if l.startswith(prefix))
t = "".join(L[1:4])
p = [L[4], L[5], "一、总体要求", find("（三）工作目标"), find("二、强化执法协作"), find("（四）"), find("四、强化司法保护"),
     find("（十一）"), find("七、强化责任意识"), find("（十六）"), find("（十七）"), "辽宁省人民政府", "2017年9月27日"]
docs.append(dict(id="k1", source="policy50 row 41 (excerpt: opening, 一（三）, 二（四）, 四（十一）, 七（十六）（十七）)",
                 section="省政府文件", title=t, toc_title=t, doc_number=L[0], issuer="辽宁省人民政府",
                 signatures=["辽宁省人民政府"], date="2017-09-27", paragraphs=p))
# k2: 国办函〔2018〕71号 with its 方案, excerpt
g = gov[32]; L = lines(g["body"])
def find(prefix): return next(l for l in L if l.startswith(prefix))
t = L[0] + L[1]
p = [L[3], L[4], "国务院办公厅", "2018年10月27日", ["title", "政府网站集约化试点工作方案"], find("为贯彻落实党中央"),
     "一、总体要求", "（三）工作目标。", find("2019年12月底前"), "二、试点范围", find("根据各地区政府网站"), "四、工作进度",
     find("（一）制定实施方案"), find("（三）总结经验做法"), "五、保障措施", find("（一）加强组织领导"), find("（三）开展考核评估"),
     find("未纳入试点范围")]
docs.append(dict(id="k2", source="govcn-policies row 32 (excerpt of the 方案: intro, 一（三）, 二, 四（一）（三）, 五（一）（三）, last paragraph)",
                 section="国务院文件", title=t, toc_title=t, doc_number=g["doc_number"], issuer="国务院办公厅",
                 signatures=["国务院办公厅"], date=g["date"], paragraphs=p))
# k3: 自然资矿保函〔2020〕5号
r = pol[16]; L = lines(r["Body"])
t = L[0]
i = L.index("扫描二维码 关注我们")
p = L[2:i]
docs.append(dict(id="k3", source="policy50 row 16", section="部门文件", title=t, toc_title=t, doc_number=L[1],
                 issuer="自然资源部矿产资源保护监督司", signatures=["矿产资源保护监督司"], date="2020-02-19", paragraphs=p))
# k4: 教社科司函〔2006〕68号 (the date's 〇 is written with a Cyrillic О in the source: set as 〇)
r = pol[45]; L = lines(r["Body"])
t = L[0]
i = L.index("扫一扫分享本页")
p = L[2:i]
p[-1] = p[-1].replace("О", "〇")
docs.append(dict(id="k4", source="policy50 row 45", section="部门文件", title=t, toc_title=t, doc_number=L[1],
                 issuer="教育部社会科学司", signatures=["教育部社会科学司"], date="2006-06-08", paragraphs=p))
# k5: 国家外汇管理局 通知 1997 (no 文号, no signature; addressee and opening share one line in the source)
r = pol[13]; L = lines(r["Body"])
t = "关于金融机构对境外资产负债及损益申报业务有关事项的通知"
a, b = L[0].split("： ", 1)
p = [a + "：", b.strip()] + L[1:]
docs.append(dict(id="k5", source="policy50 row 13", section="部门文件", title=t, toc_title=t, doc_number=None,
                 issuer="国家外汇管理局", signatures=[], date="1997-03-12", paragraphs=p))
# k6: 甘政办发〔2020〕25号, the cover (the plan's table left out)
r = pol[40]; L = lines(r["Body"])
t = r["Title"]
p = L[1:5]
docs.append(dict(id="k6", source="policy50 row 40 (the cover; the plan's table of projects left out)", section="省政府文件",
                 title=t, toc_title=t, doc_number=L[0], issuer="甘肃省人民政府办公厅", signatures=["甘肃省人民政府办公厅"],
                 date="2020-03-11", paragraphs=p))
# k7: 2018 政府工作报告, five paragraphs
c = next(x for x in rep if x["year"] == "2018")["content"]
paras = [x.strip().replace("\n", "") for x in re.split(r"\n\s*\n", c) if x.strip()]
def para(start): return next(x for x in paras if x.startswith(start))
p = [para("今年发展主要预期目标是"), para("积极的财政政策取向不变"), para("发展壮大新动能"), para("继续破除无效供给"),
     para("大幅降低企业非税负担")]
docs.append(dict(id="k7", source="gov_work_reports 2018 (five paragraphs: 主要预期目标, 财政政策, 三（一）三段)", section="其他文件",
                 title="2018年国务院政府工作报告（节选）", toc_title="2018年国务院政府工作报告（节选）", doc_number=None,
                 issuer="国务院", signatures=[], date=None, chronicle=True, paragraphs=p))
write(docs, 4)
