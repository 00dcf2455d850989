import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sources import gov, lines, pol, write  # noqa: E402


def finder(L):
    return lambda prefix: next(l for l in L if l.startswith(prefix))


docs = []
# n1: 国办发〔2019〕4号 三级公立医院绩效考核 意见, excerpt (三、四, 五（一）（二）（五）; the 附件 table left out)
g = gov[0]; L = lines(g["body"]); find = finder(L)
t = L[0] + L[1]
p = [L[3], L[4], "三、支撑体系", find("（一）提高病案首页质量"), find("（二）统一编码"), find("（三）完善满意度"),
     find("（四）建立考核信息系统"), "四、考核程序", find("三级公立医院绩效考核工作按照年度实施"), find("（一）医院自查自评"),
     find("（二）省级年度考核"), find("（三）国家监测分析"), "五、组织实施", find("（一）切实加强组织领导"),
     find("（二）明确部门职责分工"), find("（五）做好督导总结宣传"), "国务院办公厅", "2019年1月16日"]
docs.append(dict(id="n1", source="govcn-policies row 0 (excerpt: opening, 三, 四, 五（一）（二）（五）)", section="国务院文件",
                 title=t, toc_title=t, doc_number=L[2], issuer="国务院办公厅", signatures=["国务院办公厅"], date=g["date"],
                 paragraphs=p))
# n2: 国函〔2018〕159号 雄安新区总体规划 批复, excerpt (一、四、十四)
g = gov[35]; L = lines(g["body"]); find = finder(L)
t = L[0] + L[1]
p = [L[3], L[4], find("一、"), find("四、"), find("十四、"), "国务院", "2018年12月25日"]
docs.append(dict(id="n2", source="govcn-policies row 35 (excerpt: 一, 四, 十四)", section="国务院文件", title=t, toc_title=t,
                 doc_number=L[2], issuer="国务院", signatures=["国务院"], date=g["date"], paragraphs=p))
# n3: 国家科学技术奖励条例 (2013 text), excerpt of the 条 (the revision history line left out)
r = pol[21]; L = lines(r["Body"])
find = finder(L)
def article(n, more=0):
    k = L.index(find(n)); return L[k:k + more + 1]
p = (article("第五条") + article("第八条", 3) + article("第十三条", 2) + article("第十七条", 2) + article("第十八条") +
     article("第十九条", 2) + article("第二十条", 2) + article("第二十一条") + article("第二十二条") +
     article("第二十四条", 1) + article("第二十五条"))
t = "国家科学技术奖励条例"
docs.append(dict(id="n3", source="policy50 row 21 (excerpt: 第五、八、十三、十七至二十二、二十四、二十五条)", section="其他文件",
                 title=t, toc_title=t, doc_number=None, issuer="国务院", signatures=[], date=None, chronicle=True,
                 paragraphs=p))
# n4: 国办发〔2018〕121号 体育竞赛表演产业 指导意见, excerpt
g = gov[18]; L = lines(g["body"]); find = finder(L)
t = L[0] + L[1]
p = [L[3], "一、总体要求", find("（三）发展目标"), find("二、"), find("（四）"), find("（五）"), find("三、"), find("（十）"),
     find("（十三）"), find("五、"), find("（十八）"), find("各地区、各有关部门要"), "国务院办公厅", "2018年12月11日"]
docs.append(dict(id="n4", source="govcn-policies row 18 (excerpt: （三）, （四）（五）, （十）（十三）, （十八）, closing)",
                 section="国务院文件", title=t, toc_title=t, doc_number=L[2], issuer="国务院办公厅",
                 signatures=["国务院办公厅"], date=g["date"], paragraphs=p))
# n5: 国务院令第707号 个人所得税法实施条例, excerpt (the order, 第一、二十四至三十条, 第三十六条)
g = gov[38]; L = lines(g["body"]); find = finder(L)
k = L.index(find("第二十四条")); e = L.index(find("第三十一条"))
p = [L[2], L[3], L[4], ["title", L[5]], L[6], find("第一条")] + L[k:e] + [find("第三十六条")]
docs.append(dict(id="n5", source="govcn-policies row 38 (excerpt: the order, 第一、二十四至三十、三十六条)", section="国务院令",
                 title=L[5], toc_title=L[5], doc_number="国务院令第707号", order_number="第707号",
                 issuer="中华人民共和国国务院", signatures=[L[3]], date=g["date"], paragraphs=p))
# n6: 国办函〔2005〕57号 国家粮食应急预案, excerpt (the 函; 2.1.3 of the 预案 without its item (2), 4.3.2, 6.2, 7.2)
g = gov[22]; L = lines(g["body"]); find = finder(L)
t = L[0] + L[1].replace(" ", "")
k = L.index(find("2.1.3")); items = [l for l in L[k + 1:k + 15] if re.match(r"（\d+）", l) and not l.startswith("（2）")]
p = [L[3], L[4], L[5], L[6], ["title", "国家粮食应急预案"], "2　组织机构和职责", L[k]] + items + \
    [find("4.3.2"), "6.2　应急经费和清算", find("6.2.1"), find("6.2.2"), "7　附则", find("7.2")]
docs.append(dict(id="n6", source="govcn-policies row 22 (the 函; excerpt of the 预案: 2.1.3 without (2), 4.3.2, 6.2, 7.2)",
                 section="国务院文件", title=t, toc_title=t, doc_number=L[2], issuer="国务院办公厅",
                 signatures=["国务院办公厅"], date="2005-06-11", paragraphs=p))
write(docs, 6)
