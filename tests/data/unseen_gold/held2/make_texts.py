import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sources import gov, lines, pol, rep, write  # noqa: E402

docs = []
# h1: 国发〔2019〕5号, excerpt
g = gov[2]; L = lines(g["body"])
def find(prefix): return next(l for l in L if l.startswith(prefix))
h1 = [L[3], L[4], "一、总体要求", find("以习近平新时代"), "二、主要目标", find("通过在市场监管领域"), find("到2019年底"),
      "三、重点任务", "（一）统筹建设监管工作平台。", find("各省（区、市）人民政府要以"), "（二）实行抽查事项清单管理。",
      find("各有关部门要依照"), find("随机抽查事项分为"), "四、保障措施", "（一）加强组织领导。", find("市场监管、发展改革"),
      find("地方各级人民政府要切实加强"), "（二）严格责任落实。", find("各地区、各有关部门要进一步增强"), "国务院", "2019年1月27日"]
docs.append(dict(id="h1", source="govcn-policies row 2 (excerpt: 一 first paragraph, 二, 三（一）（二）, 四（一）（二）)",
                 section="国务院文件", title=g["title"], toc_title=g["title"], doc_number=g["doc_number"], issuer="国务院",
                 signatures=["国务院"], date=g["date"], paragraphs=h1))
# h2: 国函〔2018〕144号 with its attached 制度 and member list
g = gov[29]; L = lines(g["body"])
i = L.index("附件：国务院职业教育工作部际联席会议制度")
p = L[3:i + 1] + ["国务院", "2018年11月20日", ["label", "附件"], ["title", "国务院职业教育工作部际联席会议制度"]]
j = L.index("国务院职业教育工作部际联席会议制度", i + 1)
k = L.index("国务院职业教育工作")
p += L[j + 1:k] + [["title", "国务院职业教育工作部际联席会议成员名单"]] + L[k + 2:]
docs.append(dict(id="h2", source="govcn-policies row 29", section="国务院文件", title=g["title"], toc_title=g["title"],
                 doc_number=g["doc_number"], issuer="国务院", signatures=["国务院"], date=g["date"], paragraphs=p))
# h3: 商务部令2018年第2号
r = pol[7]; L = lines(r["Body"])
i = L.index("反倾销和反补贴调查听证会规则")
p = [L[2], "部　长　　钟　山", "2018年4月4日", ["title", "反倾销和反补贴调查听证会规则"]] + L[i + 1:]
docs.append(dict(id="h3", source="policy50 row 7", section="部门规章", title="反倾销和反补贴调查听证会规则",
                 toc_title="反倾销和反补贴调查听证会规则", doc_number="商务部令2018年第2号", order_number="2018年第2号",
                 issuer="中华人民共和国商务部", signatures=["部　长　　钟　山"], date="2018-04-04", paragraphs=p))
# h4: 沪民救发〔2017〕9号
r = pol[9]; L = lines(r["Body"])
t = "上海市民政局关于印发《2017年上海民政减灾救灾工作要点》的通知"
p = L[2:6] + [["title", L[6]]] + L[7:]
docs.append(dict(id="h4", source="policy50 row 9", section="部门文件", title=t, toc_title=t, doc_number="沪民救发〔2017〕9号",
                 issuer="上海市民政局", signatures=["上海市民政局"], date="2017-02-21", paragraphs=p))
# h5: 天津市工业和信息化局 通知 (no 文号 in the text, no signature over the date)
r = pol[37]; L = lines(r["Body"])
t = L[0] + L[1]
p = L[2:17]
assert p[-1].startswith("地址"), p[-1]
docs.append(dict(id="h5", source="policy50 row 37", section="部门文件", title=t, toc_title=t, doc_number=None,
                 issuer="天津市工业和信息化局", signatures=[], date="2021-06-17", paragraphs=p))
# h6: 2021 政府工作报告, four paragraphs of 三
c = rep[0]["content"].replace("\u200b", "")
c = re.sub(r"\n\s*\n(?=[^\n]{0,40}\n)", "\n\n", c)
paras = [x.strip() for x in re.split(r"\n\s*\n", c) if x.strip()]
def para(start):
    x = next(x for x in paras if x.startswith(start))
    return x.replace("\n", "")
def para_joined(start, cont):
    a = next(k for k, x in enumerate(paras) if x.startswith(start))
    b = next(k for k, x in enumerate(paras) if x.startswith(cont))
    return "".join(x.replace("\n", "") for x in paras[a:b + 1])
p = [para("今年我国发展仍面临"), para_joined("经济增速是综合性指标", "为6%以上"), para("积极的财政政策要提质增效"), para("优化和落实减税政策")]
docs.append(dict(id="h6", source="gov_work_reports 2021 (four paragraphs of 三、2021年重点工作)", section="其他文件",
                 title="2021年国务院政府工作报告（节选）", toc_title="2021年国务院政府工作报告（节选）", doc_number=None,
                 issuer="国务院", signatures=[], date=None, chronicle=True, paragraphs=p))
write(docs, 3)
