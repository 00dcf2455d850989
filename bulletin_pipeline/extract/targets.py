"""Numeric targets: a number with a measure unit, its comparator, year, hedging and the indicator it measures.

"耕种收综合机械化率达到90%" -> indicator 耕种收综合机械化率, >=, 90, %.  Lists ("分别达到10%、20%和30%以上")
give one target per value; ranges ("1000—2000万元") give a lower and an upper bound; fractions (1/3,
三分之二) are values with unit "ratio"; 多 after an amount (3000多亿元) makes it a floor.  A count in Chinese
numerals is read with a bound (两个以上) or where the text requires that quantity (一式五份, 推荐三家企业, 补考一次,
只能享受一次); never the article 一 or a slogan (“四个意识”).  Identifiers (文号, 第X条, phone numbers, “上海人才30条”),
time spans (deadlines) and the make-up of a body (由…9个部门和单位组成, 设召集人1人) are not targets.  Units (a
magnitude 万/亿/万亿 before any unit with a base: 亿吨, 万亿斤) come from the lexicon's
:class:`~bulletin_pipeline.lexicon.measures.Measures` (``Resources.measures``), passed in by the caller.

The indicator names what is measured: the words before the number (without years, comparators, leading
connectives such as 即 or 加快推进, trailing 在/不应), or, when those are only a verb or a scope (可申请, 省给予,
全市), the noun phrase after the number (15万元的创业担保贷款).  Names keep their digits: PM2.5, SO2,
5000平方米及以上.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ..lexicon.measures import Measures
from ..lexicon.numbering import match_numbering
from ..lexicon.numerals import FRACTION, cn_number, fraction_value
from ..model import Comparator

# a number glued to Latin letters is part of a name (PM2.5, SO2, NOx), never a quantity; after ± it is a
# tolerance of the value before it (10%±2%); after × it is a constant of a formula (…人数/总人数×100%)
NOT_IN_NAME = r"(?<![A-Za-z\d.\-/±×*＊])"


def _build_quantity(ms: Measures) -> "regex.Pattern":
    return regex.compile(NOT_IN_NAME + r"""
        (?P<v1>\d+(?:\.\d+)?)
        (?:(?P<many>多)                                              # 3000多亿元, 20多个: more than the value
        |\s*(?P<sep>[—\-–～~－−至到])\s*(?P<v2>\d+(?:\.\d+)?))?   # a range 1000—2000 (6%－6.5%)
        \s*(?P<u>""" + ms.alternation() + r""")
        (?P<post>(?:及|或)?以上|(?:及|或)?以下|以内|左右|范围内)?
    """, regex.X)


def quantity_re(measures: Optional[Measures] = None) -> "regex.Pattern":
    """Number (+ 多, or + range end) + unit (+ 以上/以下/左右) for ``measures`` (compiled once per Measures)."""
    if measures is None:
        from ..lexicon import Resources
        measures = Resources().measures
    return measures.compiled("quantity", _build_quantity)


# a number in Chinese with a count unit and a bound (二级以上资质, 两个以上专利代理机构, 一位及以上被赡养人): a scope
# threshold; without the bound (一个, 两项) it is no target, and 第二级 is an ordinal
CN_QUANTITY = regex.compile(r"(?<![第\p{Han}&&[一二两三四五六七八九十百千万]])(?<!第)(?P<v>[一二两三四五六七八九十]{1,3})\s*"
                            r"(?P<u>级|个|位|家|项|名|人|次|种|类|所|座|条|批)(?P<post>(?:及|或)?以上|(?:及|或)?以下)")
# a count in Chinese numerals without a bound is a target only where the text requires that quantity: 一 is also
# the article (一个时期, 一项工作) and small numerals name slogans and kinds (“四个意识”, 三项制度, 二次污染), so the
# count needs a measure word and one of these contexts (comparator, pattern):
CN_NUM = r"(?<![第\p{Han}&&[一二两三四五六七八九十百千万]])(?<!第)(?P<v>[一二两三四五六七八九十]{1,3})"
CN_MEASURE = r"(?P<u>份|家|个|名|项|次|套|本|册|件|人|位|所|座|条|台|辆|张)(?![性月])"
CN_COUNTS = tuple((comp, regex.compile(rx)) for comp, rx in (
    # copies of a document (申报材料一式五份)
    (None, r"一式" + CN_NUM + r"(?P<u>份)"),
    # a document in a list of what is handed in (电子版光盘一份报送…, …一份。)
    (None, r"(?<=\p{Han})(?<![的是为有了一])" + CN_NUM + r"(?P<u>份|套|本|册)(?=[，。；、,;]|报送|提交|上报|寄送)"),
    # the object of a verb of handing in, keeping or recommending (择优推荐三家企业, 须保留一份备存): the verb and
    # the noun after the count name it
    ("by", r"(?<=(?P<by>推荐|推选|选送|保留|留存|报送|提交|上报|提供)\s*)" + CN_NUM + CN_MEASURE),
    # a limit set by a modal (只能享受一次, 最多申报两项: the thing after the count names it; a bare adverb, 每人每年只享受
    # 一次, describes a benefit and is left, as the development gold leaves it) or a floor (至少建设一所, 不少于两名)
    ("<=", r"(?<=(?:只能|只可|仅能|仅可|最多)(?!有)\p{Han}{0,3})" + CN_NUM + CN_MEASURE),
    (None, r"(?<=(?:至少|不少于|不得少于)\p{Han}{0,3})" + CN_NUM + CN_MEASURE),
    # how often something is done, closing its clause (补考一次；, 每年评审一次。; not after a bare 只, above) or of
    # meetings (召开两次会议)
    (None, r"(?<=\p{Han}{2})(?<![为是有])(?<!(?:只|仅)\p{Han}{0,3})" + CN_NUM + r"(?P<u>次)(?=[，。；,;]|$)"),
    (None, r"(?<=(?:召开|举行|举办)\s*)" + CN_NUM + r"(?P<u>次)(?!性)"),
))
# a verb after a counted noun (两个以上专利代理机构从事…): the name ends before it
COUNTED_VERB = regex.compile(r"从事|开展|进行|参加|参与|办理|承担|上报|报送|提交|备存|存档")
# an amount in 万 with no unit after it (户籍人口超过100万的城市, 贫困人口减少1000万以上): 万 is its unit
BARE_WAN = regex.compile(NOT_IN_NAME + r"(?P<v>\d+(?:\.\d+)?)(?P<many>多)?\s*万(?P<post>(?:及|或)?以上|(?:及|或)?以下|左右)?"
                         r"(?=的|[，。；、,;）)]|$)")
# the dash between the two ends of a range written with the unit at both (6%－6.5%)
RANGE_DASH = regex.compile(r"\s*[—\-–～~－−至到]\s*")
# a count of things whose role is drawn on (发挥…等7个国家级开发区的带动作用): things that exist, not a target
EXISTING_ROLE = regex.compile(r"[^，。；、,;\d]{1,16}?的\p{Han}{0,4}作用")
# counts that say what a body or a whole is made of, not a quantity to reach: 由A、B…9个部门和单位组成 (a count
# before 组成/构成 in a clause opened by 由), 成员单位共12个, 设召集人1人 / 设组长1名、副组长3名 (the posts of a body)
COMPOSED_AFTER = regex.compile(r"[^，。；：,;:]{0,16}?(?:组成|构成)")
COMPOSED_BY = regex.compile(r"由")
MEMBERS_BEFORE = regex.compile(r"(?:成员单位|组成单位|成员部门)\s*(?:共有|共|为|有)?\s*$")
POST_BEFORE = regex.compile(r"设(?:[^，。；,;]{0,20}?[、和及])?(?:副)?\p{Han}{0,6}?"
                         r"(?:召集人|主任|组长|主席|秘书长|会长|理事长|委员|联络员)\s*$")
# 1:1的比例 (a funding rule)
RATIO = regex.compile(r"(?<![\d:：])(?P<a>\d+(?:\.\d+)?)\s*[:：]\s*(?P<b>\d+(?:\.\d+)?)(?![\d:：])(?=\s*的?\s*比例)")
# 10、20和30%: bare values before a number with a unit share its unit
# only list separators between two quantities (100%、50%和30%)
LIST_GAP = regex.compile(r"[\s、和及或]*")
LIST_ITEM = regex.compile(r"(?<![\d.%])(?P<v>\d+(?:\.\d+)?)\s*(?:、|和|及|或)\s*$")
BOUNDARY = "，。；;,！？：:\n"
# the longest clause (chars either side of a number) read for one target: a real clause is far shorter, and
# the bound keeps a paragraph without punctuation linear in its length
MAX_CLAUSE_CHARS = 160
SENTENCE_END = "。；;！？\n"
# identifiers and names: 《titles》, 发文字号, 第3条, phone numbers, names in quotes (“上海人才30条”)
EXCLUDE = regex.compile(r"《[^《》]*》|〔\s*\d{4}\s*〕\s*\d+\s*号|第\s*\d+\s*[条章节次批届期号]|\d{3,4}[—\-]\d{7,8}"
                        r"|“[^“”。；]{0,20}”")
# months counted as an amount (6个月的当地月人均失业保险金, 1个月食盐消费量): 个月 is then a unit of the target
MONTHS_OF_AMOUNT = regex.compile(r"个月(?=的?\s*\p{Han}{0,12}?(?:保险金|保险费|工资|消费量|销售量|用量|收入))")
# an hour before the minutes (20时40分, 8点30分): a clock time
CLOCK_BEFORE = regex.compile(r"[时点]\s*$")
# a unit's character that opens a noun with the character after it (14亿人口, 100万家庭)
UNIT_OPENS_WORD = regex.compile(r"人口|家庭")
# points of a score (100分, 80分合格), not 分钟/三分之二/分别
SCORE_POINTS = regex.compile(r"分(?=合格|及格|以上|以下|为|[，。；,;）)]|$)")

# a level reached from below (提高到, 上升到, 扩大到) or from above (下降到, 压缩到, 降至) is a floor or a cap; an age
# reached (年满60岁) a floor (AGE_FLOOR)
GE = regex.compile(r"(?:不[应得能宜准]?(?:低于|少于|小于)|达到|达|(?:提高|提升|增加|增长|上升|扩大)[到至]|增至|"
                   r"不低于|不少于|至少|超过|高于|大于等于|大于|突破)")
LE = regex.compile(r"(?:不[应得能宜准]?(?:超过|高于|大于|多于)|低于|少于|不到|不足|以下|以内|控制在|最高|最多|上限|"
                   r"(?:压减|下降|降低|减少|压缩|缩小|缩减)[到至]|降至|降到)")
# a change by the value; 年均/平均 make it a yearly or mean change of the same quantity (年均增长7%)
# (增加的 / 减少的 describe an amount: 后增加的3.5亿元资金 is an amount, not a change)
DEC = regex.compile(r"(?:同比|年均|平均|累计)?(?:下降|减少|降低|削减|压减|压缩|缩减|缩小|降幅)(?!的)")
INC = regex.compile(r"(?:同比|年均|平均|累计)?(?:提高|增长|增加|提升|上升|增幅)(?!的)")
EQ = regex.compile(r"(?:为|按|按照|给予|补助|奖励|安排|设立|投资|配套)")
# comparator words removed from the indicator; a change word only at its end (压缩1/3, but 增加值 stays)
# (达 inside 达标 and 发达 is no comparator: 不达标的煤电机组 keeps it)
BOUND_WORDS = regex.compile(r"(?!(?<=发)达|达[标成产])(?:" + GE.pattern + "|" + LE.pattern + ")")
BOUND_AT_END = regex.compile(r"(?:" + BOUND_WORDS.pattern + r")$")
# (增幅 and 降幅 are nouns, the measure itself: 奖补资金增幅均超过10%)
CHANGE_AT_END = regex.compile(r"(?!增幅$|降幅$)(?:" + DEC.pattern + "|" + INC.pattern + r")$")
# after the number: a cap (为限额, 在80000元限额内) or a pass mark (合格)
CAP_AFTER = regex.compile(r"\s*(?:为限额|为上限|封顶|的?限额(?:以)?内)")
PASS_AFTER = regex.compile(r"\s*(?:合格|及格)")
# a change to a level between a value and the next (由50%提高到60%, 从11.4%上升到15%, 现行16%的税率降至13%): the same
# measure
LEVEL_GAP = regex.compile(r"\s*(?:的?(?:税率|费率|比例|比重|标准))?\s*(?:(?:提高|提升|增加|增长|上升|扩大|下降|降低|减少|压减|压缩|缩小|缩减|调整|放宽)?(?:到|至)"
                          r"|增至|降至|降到|转为(?:增长|下降)?)\s*(?:超过|不到|不足|近|约)?\s*")
# last year, as a change is counted from it (比上年, 较去年同期)
PRIOR = r"(?:上年|去年|上一年|上年度|上一年度)"
# the basis a former level is stated on, after the name (起征点从月销售额10万元提高到15万元): not the name
# (从业, 从事, 从严 are words)
FROM_BASIS = regex.compile(r"(?<=\p{Han}{2})从(?![业事严而属简快重宽])[^，。；、,;\d从由]{1,8}$")
# a name that already says it is a rate (增长率, 增速, 降幅)
RATE_NAME = regex.compile(r"(?:率|速|幅|比例|比重)$")
# 各 right before the number (叉车和冷藏车各1辆, 各不少于3个): the value holds for each of the things named
EACH_END = regex.compile(r"(?<![每])各\s*$")
# a clause that only states a change (，增长6.5%): the change of the measure named earlier in the sentence
CHANGE_ONLY = regex.compile(r"\s*(?:(?:(?:比|较)(?:上年|去年)|同比|年均|分别)?(?:" + DEC.pattern + "|" + INC.pattern + r")"
                         r"|(?:比|较)" + PRIOR + r"(?:同期|预算|计划|水平)?(?:高|低|多|少))\s*(?:了|约)?\s*")
# a difference from last year's figure (比去年预算高0.2个百分点, 比上年多5万人): a change of the measure, up or down
DIFF_FROM_PRIOR = regex.compile(r"(?:比|较)" + PRIOR + r"(?:同期|预算|计划|水平)?(?:(?P<up>高|多)|低|少)\s*(?:了|约)?\s*$")
# 下降到 / 提高到: a change word before 到 sets a level
LEVEL_TO = regex.compile(r"(?:到|至)\s*$")
# 30天内 after a number of days: a deadline
WITHIN_AFTER = regex.compile(r"\s*(?:内|以内|之内)")
# 36个月, 5个工作日: 个 opening a duration
DURATION_AFTER_GE = regex.compile(r"(?:月|工作日|小时|季度|星期)")
# 1人的保障家庭, 3人及以上的: a category of households, not a quantity
CATEGORY_AFTER = regex.compile(r"(?:及以上|以上)?的")
# what may follow a fraction (三分之二左右, 1/3以上)
FRACTION_POST = regex.compile(r"左右|以上|以下")
# a dash just before a clause: the year after it ends a span
DASH_BEFORE = regex.compile(r"[—\-–]\s*$")
# 2019—2021年: a span of years governs no single target year
YEAR_SPAN = regex.compile(r"(?:19|20)\d{2}\s*[—\-–]\s*(?:19|20)\d{2}\s*年")
# a closing bracket (a leading （ without one is a stray opening)
CLOSE_BRACKET = regex.compile(r"[）)]")
# the last opening bracket not closed before the number
UNCLOSED_OPEN = regex.compile(r"[（(][^（()）]*$")
# the opening of the words after a subsidy amount (…元标准再给予生活费补贴): not the measure
GRANT_OPENING = regex.compile(r"^(?:标准)?(?:再|可)?(?:给予|发放)?")
HEDGE = regex.compile(r"力争|争取|原则上")
YEAR_GOV = regex.compile(r"(?:到|至)\s*(?P<y>(?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)|(?P<y2>(?:19|20)\d{2})\s*年(?:年底|底|末)?(?:前|以前)")
YEAR_BARE = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?!\s*[—\-–]\s*\d)")
# time words inside the words before a number (到2020年底前, 12月底前, 于2021年6月28日前): not part of the indicator; a year that
# qualifies the noun after it stays (2020年前实施项目总投资 and 2020年实施项目总投资 are two measures)
TIME_WORDS = regex.compile(r"于?\s*(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:前|以前|之前)?"
                           r"|(?:到|至)\s*(?:19|20)\d{2}\s*年(?:度|年底|底|末)?(?:前|以前)?"
                           r"|(?:19|20)\d{2}\s*年(?:度|年底|底|末)(?:前|以前)?|(?:19|20)\d{2}\s*年(?:前|以前)?(?!\p{Han})"
                           r"|\d{1,2}\s*月(?:底|末)?(?:前|以前)?|\d{1,3}\s*(?:年|个月)\s*(?:内|以内)"
                           r"|(?<=\p{Han}{2})当年(?=\p{Han})")
# connectives, hedges and leading verbs that open a clause but are not what is measured (另行安排时间补考 -> 补考); the
# beneficiary of a relief (为市场主体减轻非税负担 -> 减轻非税负担); the scope of the issuing jurisdiction (全市, 全省:
# the measure is the same without it; 全国 names national statistics and stays)
LEADING = regex.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、]|第[一二三四五六七八九十百零\d]{1,5}条|其中|另外|同时|即|并|且|或|但(?![书凡])|的|以|再|全市目标|"
                        r"以及|和(?![谐解])|及(?![时格])|与(?!会)|拟|预计|另行|安排(?:时间)?(?!部署)|先后|"
                        r"为[^，。；为]{1,8}?(?=减轻|减免|减税|降低|节约|节省)|"
                        r"目标|实现|完成|力争|争取|原则上|确保|要|将|对|按照|按|加快推进|推进|加快|设立|落实好|落实|包括|另有|在|"
                        r"可以|可|一律|分别|统筹|各地|各级|当年|本年度|上年度|今年|明年|全年|年内|共计|累计|共(?!有)|新发放|发放|全国(?=以|按|对)|全[市省区县州盟旗](?![级内外直属委])|"
                        r"本(?:办法|条例|规定|细则|法|意见|方案|通知)所称)+")
# the words after an unbalanced closing bracket (（…，下同）扩展到) are the clause that holds the number
AFTER_CLOSE = regex.compile(r"^[^（(]*[）)]")
# words that end the words before a number but belong to the comparison or the time (覆盖率在, 保持在, 去除效率不应,
# 叉车和冷藏车各, 资费年内)
TRAILING = regex.compile(r"(?:保持在|控制在|稳定在|维持在|原则上|年内|今年|全年|明年|按照|持续|由|从|拟|不应|不得|不宜|应当|应|必须|须|在|为|是|约|按|达|"
                         r"(?<![人户年])均|各|要|将|可|都|的|不|再|分别|累计|现行|是指|系指|减(?=按)|预期|预计|将近|接近|近|大约|一般|(?:还)?(?:应|须)有|继续|仍然|仍|已经|已|实际|（|\()+$")
# a verb whose object is the quantity (可申请15万元的贷款, 省给予50万元奖补, 创建5个示范县): the noun after
# the number names what is measured
OBJECT_VERB = regex.compile(r"(?:给予|申请|形成|创建|新建|建成|培育|包括|另有|开展|带动|听取审议|审议|安排|奖励|补助|补贴|"
                            r"扶持|新增|认定|引进|吸纳|招用|打造|发放|改建|争取|力争|实现|推进|扩展到|扩大到|放宽到|放宽至|"
                            r"现有|共有|拥有|开展|举办|召开|组织|年满|新开工|开工|一次性|全市|全省|全国|全区|全县|"
                            r"新设|选择|推出|新签|下放|撤销|保持)$")
# light verbs that only introduce the quantity (给予, 申请, 形成): dropped from the indicator; verbs that say
# what is counted (创建, 新建, 听取审议) stay
LIGHT_VERB = regex.compile(r"(?:再|可)?(?:给予|申请|形成|现有|共有|拥有|包括|另有|发放|安排|实现|推进|扩展到|扩大到|放宽到|"
                           r"放宽至|争取|力争|开展|举办|召开|组织|年满|保持)$")
# a conjunction that joins a second verb to a clause (…运营1年并带动): the clause before it is a condition, the
# verb and its object the measure
SECOND_VERB = regex.compile(r"(?:并且|并|且|从而|进而)$")
# a bracketed qualifier ending an indicator (（每户每年）, （超过100人的企业）)
QUALIFIER_END = regex.compile(r"（[^（）]*）$")
# a rate (每户每年, 每人): kept as a qualifier in brackets after the indicator, as in 孵化成果补贴（每户每年）
RATE = regex.compile(r"每[人户家个次](?:每[年月日天])?|每[年月日天]|人均|户均")
# a definition running up to the number (是指…按一定比例调配后形成的乙醇含量): its last head noun is the measure
DEFINITION = regex.compile(r"^(?:是指|系指|指)[^。；]*的(?P<n>[^的，。；、,;]{2,16})$")
# a bare attribute (字数, 面积) after a definition in the same sentence (最终成果是指…的书稿，字数在40万字左右): the
# attribute of the term defined (the head before 是指, after its last 的)
DEFINED_BEFORE = regex.compile(r"(?P<t>[^，。；、,;：:的\d\s]{2,12})(?:是指|系指)[^。；;]*?[，,]\s*$")
ATTRIBUTE_ONLY_CHARS = 3
# the term a definition defines, in the clause before it (本办法所称车用乙醇汽油，是指…)
DEFINED_TERM = regex.compile(r"所称(?P<term>[^，。；、,;：:（()）]{2,12})[，,]\s*$")
# a definition opening the clause of a number (是指, 系指)
DEFINES = regex.compile(r"^\s*(?:是指|系指)")
# what a grant is counted by (按实际招用人数给予每人每年5200元): not what is measured
GRANT_BASIS = regex.compile(r"按照?[^，。；按对]{1,12}?(?=(?:再|可)?(?:给予|发放))")
# the head of a list of items (主要建设内容包括, 主要有): the item after it is what is measured
LIST_HEAD = regex.compile(r"^[^，。；]{0,16}?(?:包括|主要有|分别为|依次为)(?!.*在内)")
# an explanation in brackets inside the words before a number (个人负担（指医保目录范围内的自付部分）累计): not the name
EXPLANATION = regex.compile(r"[（(](?:指|即|含|不含|包括|以下简称|简称)[^（()）]{1,30}[）)]")
# 按 between what a share is for and the base it is counted from (肉鸡按照实际产值的20%给予补偿): not the name
# (按揭, 按期, 按时 are words)
INNER_BASIS = regex.compile(r"(?<=\p{Han})按照?(?![揭期时需月年季日])(?=\p{Han}{2})")
# who pays before 按 (由市、县两级财政分别按…): not part of what is measured
AGENT_PREFIX = regex.compile(r"^由[^，。；]{0,30}?(?:分别)?按照?")
# what may stand between the lower and the upper bound of a range written as two amounts (5000元以上3万元以下)
RANGE_GAP = regex.compile(r"[\s、，,]*(?:至|到|和)?\s*")
# the lower and upper bound of a range get these suffixes (年营业收入（下限）)
RANGE_BOUNDS = ("（下限）", "（上限）")
# a penalty verb ending the words (处, 并处, 对经营者处): the fine after the amount is what is measured (处5000元以上罚款)
PENALTY_VERB = regex.compile(r"(?:并|可|分别|另)?(?<![事理之住用出到各此该好益难长短])处$")
# a fine after the amount (处5000元以上3万元以下罚款, 并处货值金额50%以上3倍以下的罚款)
PENALTY_AFTER = regex.compile(r"^的?罚款")
# the words before the amount of a fine: who is fined (对单位处) and the amount it is counted from (处违法所得);
# 处 inside a word (处理, 处置) is no fine
PENALTY_BEFORE = regex.compile(r"(?:对(?P<who>[^，。；,;处]{1,12}?))?(?:并|可以?|分别|另|应当?)?处以?(?![理置分于在])(?P<ref>[^，。；,;\d处]{0,16}?)$")
# the clause that names an offence: it ends in 的 before the comma that opens the penalty (…汽油的，由…)
OFFENCE_CLAUSE = regex.compile(r"(?P<c>[^，。；：,;:]{2,60}?)的\s*$")
# conditions that raise the penalty for the same offence (拒不改正的, 逾期未改正的, 情节严重的): not the offence
ESCALATION = regex.compile(r"^(?:拒不|逾期|情节|屡|再次|多次|经[^，]{0,8}?(?:仍|后)|有违法所得|造成)")
# words that open an offence clause but do not name it (第十六条, 违反本办法规定, 或者) and the set phrase of a
# list of offences (专利代理机构有下列行为之一 -> 专利代理机构)
OFFENCE_OPENING = regex.compile(r"^(?:第[一二三四五六七八九十百零\d]{1,5}条\s*)?(?:违反本[^，]{1,8}?(?:第[^，]{1,12}?条)?的?规定[，,]?)?"
                                r"(?:或者|或|以及|及)?")
OFFENCE_LIST = regex.compile(r"有下列(?:行为|情形)之一$|有下列(?:行为|情形)$")
# 分别 before the first value of a list (分别按…的, 分别达到, 分别降低): one value for each of several things
RESPECTIVELY = regex.compile(r"分别[^，。；：,;:\d]{0,20}$")
# a name of coordinated things (A和B, A、B outside brackets; 城乡, 中高等, 进出口: two things in one word)
COORDINATED = regex.compile(r"[、和及与](?![^（(]*[）)])|城乡|中高|中小|大中|省市|市县|县乡|中外|内外|进出口|东中西|中西|东西")
TIER_NUMERALS = "一二三四五六七八九十"
# the punctuation between the clauses of a sentence
CLAUSE_SPLIT = regex.compile(r"[，；：,;:]")
# a clause that continues a list of offences after a comma (…，或者以不合格产品冒充合格产品的)
LIST_CONTINUES = regex.compile(r"(?:或者|或|以及|及)")
# an offence named longer than this is not a name: the fine alone then
MAX_OFFENCE_CHARS = 24
# a list of names before a count (徒骇河、马颊河、金堤河 / …橡胶坝、朱庄节制闸等): instances, not the measure
ENUMERATION = regex.compile(r"、[^的、]*、[^的、]*$|等$")
# a scope word alone (全市, 省) names no measure
SCOPE_ONLY = regex.compile(r"^(?:全市|全省|全国|全区|全县|各地|省|市|县|区)?$")
# the noun phrase after a quantity: skip 的/左右/以上, stop at punctuation or a conjunction
AFTER_NP = regex.compile(r"^(?:的|左右|及以上|以上|及以下|以下|为|\s)*"
                         r"(?P<np>(?:(?!" + "|".join(("依次", "为基数", "为限额", "为上限", "的标准",
                                                      "基础上", "确定", "计算", "核定", "不变")) + r")[^，。；、,;：:（()）\s和并\d]){2,20})")
# a share that opens its clause, of the things the rest of the clause says (70%左右的县（市、区）达到…要求)
SHARE_SUBJECT = regex.compile(r"\s*的(?P<np>[^，。；：,;:\d\s]{2,32})(?=[，。；：,;:]|$)")
# a word that names the kind of quantity right after the number (减按15%税率, 5200元的定额): it goes on the name
AFTER_KIND = regex.compile(r"^的?(?P<k>税率|费率|比例|比重|定额|限额|额度)")
# the tax a rate is levied as (…税率征收企业所得税): it names the rate
TAX_LEVIED = regex.compile(r"\s*(?:征收|缴纳|计征|计缴|计算缴纳)(?P<tax>\p{Han}{1,8}?税)")
# an amount followed by the grant it sets (每人每天30元标准再给予生活费补贴): the grant is what is measured
GRANT_AFTER = regex.compile(r"^的?标准(?:再|可)?(?:给予|发放)")
# a condition clause just before (对被评为省级示范基地的，省给予50万元…): the kind of recipient qualifies the measure
# (对 + a status: the recipient; without 对, a circumstance: 合伙经营或组织起来创业的，可申请… -> …创业的创业担保贷款)
CONDITION_BEFORE = regex.compile(r"^\s*(?P<dui>对)?(?:被评为|被认定为|认定为|评为|新认定的?)?(?P<c>[^，。；、,;：:\d]{2,16}?)的\s*$")
# a scope word opening the words before a grant (省给予): replaced by the condition that says who receives it
SCOPE_PREFIX = regex.compile(r"^(?:全市|全省|全国|全区|全县|省|市|县|区)(?![级内外直属委])")
# the reference of an amount counted in months (不低于全省1个月食盐消费量): scope and time words are not the measure
NP_SCOPE = regex.compile(r"^(?:当地|本地|全省|全市|本企业|本单位|上年度|上一年度|当年|本年度)+")
# 对 opening the recipient of a grant inside the words before it (市县财政按1:1的比例对完成改制企业给予)
RECIPIENT = regex.compile(r"^.*对")
# a grant verb or a funding rule inside a name (省里按一定比例给予一次性补助): how it is paid, not what
INNER_GRANT = regex.compile(r"(?:再|可)?(?:给予|发放)")
FUNDING_RULE = regex.compile(r"按照?[^，。；]{0,6}?比例")
# a numbered item title standing alone ((一)徒骇河马颊河防洪治理工程（二期）, 2.中型病险水闸除险加固): the subject of
# the paragraphs under it
ITEM_TITLE = regex.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}\s*[.．、]|[一二三四五六七八九十]{1,3}、)"
                           r"\s*(?P<t>[^。，；：:,;]{2,30}?)\s*[。]?\s*$")
# a place opening a name (徒骇河配套排水闸, 马颊河…): the subject of the items after it in its 、-list
# (城镇, 城市, 社区, 园区, 地区, 农村 are kinds of place, not names)
PLACE_SUBJECT = regex.compile(r"^(?P<p>\p{Han}{2,5}?(?<![城社园地山农乡])[河江湖海县市区镇乡村省州])(?=\p{Han}{2})")
# a chapter heading standing alone (第五章　住房贷款利息): its subject
CHAPTER_HEADING = regex.compile(r"^\s*第[一二三四五六七八九十百零\d]{1,4}章\s*(?P<t>\p{Han}[\p{Han}、（）()]{1,15})\s*$")
# chapters of a rule's machinery, which name no subject the measures of their articles belong to
PROCEDURAL_CHAPTER = regex.compile(r"总则|附则|罚则|法律责任|监督|检查|保障措施|组织|实施|程序|职责|一般规定|其他|附录|奖惩|处罚")
# a subject is one short noun phrase (子女教育, 住房贷款利息), not a list (补偿条件、标准和补偿期), an X的Y (国家科学技术奖
# 的设置), a task (坚持依法行政) or the name of a rule or its working (经费管理, 会议制度, 补偿范围)
TOPIC_NOUN = regex.compile(r"(?!实行|坚持|加强|全面|推进|推动|完善|建立|健全|强化|深化|促进|提高|做好|落实|规范|严格)[^的、和及与，,]{2,8}(?<!管理|制度|范围|条件|标准|程序|设置|纪律|布局|审批|职能|执业|办法|要求|措施|机制|原则|规定)")
# a name that is only a rule's measure (扣除标准, 定额扣除, 限额内据实扣除, 补贴标准): the chapter's subject names whose
GENERIC_RULE = regex.compile(r"^(?:扣除|抵扣|扣减|定额|限额|标准|比例|额度|补贴|补助|奖励|奖补|返还|起付)")
# an indicator opening with a generic head (工程总投资, 项目总投资): the work it means is the item it is under
GENERIC_HEAD = regex.compile(r"^(?P<h>工程|项目)")
# a baseline the number is counted from (在法定时间的基础上, 在省奖励的基础上): not what is measured
BASELINE = regex.compile(r"在?[^，。；在]{0,12}?的?基础上")
# the year a change is counted from (比上年, 由上年, 较去年同期): not what is measured
PRIOR_YEAR = regex.compile(r"(?:由|比|较|同)(?:上年|去年|上一年|上年度|上一年度)(?:同期)?")
# an attribute clause before the counted noun (具有较强影响力的制造业创新中心): the noun is the measure
ATTRIBUTE = regex.compile(r"^(?:具有|具备|拥有)[^的，。；]{1,12}的")
# a share (or a list of shares) followed by the grant it sets (…的100%、50%给予奖励返还): the grant names the share
GRANT_OF_SHARE = regex.compile(r"^(?:[、和及或]\d+(?:\.\d+)?%)*(?:给予|用于)(?P<g>\p{Han}{2,6}?)(?=[，。；,;]|$)")
# an action on every listed instance (取消A、B等2项…, 计划新建A、B等4处…): the action is part of the measure
LIST_ACTION = regex.compile(r"^(?:计划|拟)?(?P<v>取消或停征|取消|停征|撤销|新建|改建|扩建|新增|淘汰|关停|整治)")
# who pays and when before what is paid (企业及其职工应缴纳社会保险费, 其上年度实际缴纳失业保险费): not the measure
PAYMENT = regex.compile(r"^[^，。；]{0,16}?(?:应当?|实际|按规定|依法)?缴纳")
# what is done with an amount paid (返还其上年度实际缴纳失业保险费的50%): it names the share
PAID_BACK = regex.compile(r"返还|退还|补贴|补助|奖励|减免|抵扣|抵免")
# a quota followed by what it is deducted from (9600元为限额依次扣减, 5200元的定额依次扣减增值税): the deduction names it
QUOTA_USE = regex.compile(r"^(?:为|的)?(?P<k>限额|定额)(?:标准)?(?:依次)?(?P<v>扣减|抵扣|抵减|扣除|减免)")
# the size of a change set by a share (按不低于5%的幅度压减一般性支出): the change of what it is applied to
CHANGE_BY = regex.compile(r"^的?幅度(?P<v>压减|削减|压缩|下调|上调|降低|提高|减少|增加)(?P<o>[^，。；、,;：:\d]{2,12})")
# a clause offering another way to set the same measure (或按6个月的…确定)
ALTERNATIVE = regex.compile(r"^\s*或(?:者)?(?:按照?|以)")
# a measure stated against a reference: name（reference + months）
REFERENCED = regex.compile(r"^(?P<n>[^（）]+)（(?P<r>[^（）]+?)月数）$")
# what a share is used for (1/3的比例用于重点工业项目): with the share word it names the measure
SHARE_USE = regex.compile(r"用于|安排|投入|提取")
# a change verb and its object right before the number (压减钢铁产能3000万吨左右, 退出煤炭产能1.5亿吨以上): the
# number is the change of the object, 左右/以上/多 hedge it (增加值 is a noun; a bound word or 为/在/均 in between
# sets a level: 预期增长均为12%左右, 增长保持在6.5%以上)
CHANGE_OBJECT_BEFORE = regex.compile(r"(?:" + DEC.pattern + "|" + INC.pattern + r"|退出)(?!值)"
                                     r"(?P<o>(?:(?![为在达均到至是约])[^，。；、,;：:\d]){2,10})\s*$")
# a change verb opening the name of a change (压减钢铁产能 -> 钢铁产能): the comparator says it
CHANGE_OPENING = regex.compile(r"^(?:再)?(?:" + DEC.pattern + "|" + INC.pattern + r"|退出)(?![值率幅])")
# a bound after a growth rate (增长6.5%左右, 增长6%以上): the comparator of the rate
RATE_BOUND = {"左右": Comparator.eq.value, "以上": Comparator.ge.value, "及以上": Comparator.ge.value,
              "以下": Comparator.le.value, "及以下": Comparator.le.value, "以内": Comparator.le.value}
# a change word just before the number (增长30%以上, 再压减3%左右): the number is the change, 以上/左右 hedge it
CHANGE_RIGHT_BEFORE = regex.compile(r"(?:" + DEC.pattern + "|" + INC.pattern + r")(?=\s*(?:均|要|约|了)?\s*$)")
# a change word right before the number (国内生产总值增长6.5%左右): the number is a change of the named quantity
CHANGE_BEFORE = regex.compile(r"(?:" + DEC.pattern + "|" + INC.pattern + r"|缩减)\s*(?:均|分别|要|约|了)?\s*(?:为|达到|达|保持在|稳定在|控制在|维持在)?\s*$")
# a bound word between two nouns before a share (人员数量达到企业现有在职职工人数25%): the share of one in the other
SHARE_OF = regex.compile(r"(?<=\p{Han}{2})(?:" + BOUND_WORDS.pattern + r")(?=\p{Han}{2}[^，。；、]*$)")
# a time word ending the words before a bound (资费年内至少降低): a change over time, not a share of a noun
TIME_END = regex.compile(r"(?:年内|年底|年末|当年|今年|全年|每年)$")
# a clause that changes a measure, right before a clause that only gives its level (下调X，各地可降至16%)
CHANGED_OBJECT = regex.compile(r"(?:下调|上调|调低|调高|降低|提高|调整)(?P<o>[^，。；,;、\d]{2,24})[，,]\s*$")
# words that only give a level: a scope, a modal and a change to a level (各地可降至, 最高可提高到)
LEVEL_ONLY = regex.compile(r"\s*(?:各地|各省|各市|全国|全省|全市)?\s*(?:可|可以|应|将|拟|最高|最低|一律)*\s*"
                           r"(?:(?:提高|提升|增加|上调|下调|下降|降低|压减|调整)(?:到|至|为)|降至|降到|增至)\s*")
# the longest indicator: a longer name is cut, before a bracket that does not fit
MAX_INDICATOR_CHARS = 40
# the basis a value is counted on, in brackets after it (10%±2%（按体积分数计）, （按当年价格计算）)
BASIS_AFTER = regex.compile(r"(?:\s*±\s*\d+(?:\.\d+)?\s*%?)?\s*[（(]\s*(?:按|以)(?P<b>[^（）()，。；]{1,10}?)(?:计算|计)\s*[）)]")
# the noun phrase must not open with a number, a comparator, a time word or a change (420元提高到450元); 内 of
# 30天内, not of a noun (内外贸一体化试点基地, 内部)
AFTER_NP_BAD = regex.compile(r"^(?:\d|以|为|左右|不|达|的|年|月|日|次|后|内(?![外部地陆河])"
                             r"|(?:提高|提升|增加|增长|上升|扩大|下降|降低|减少|压缩|缩减)(?:到|至)|降至|增至|转为)")


@dataclass
class Quantity:
    start: int
    end: int
    text: str           # the clause that states the target
    value: float
    unit: str
    comparator: str
    indicator: str
    year: Optional[int]
    aspirational: bool
    normalized_value: Optional[float] = None
    base_unit: Optional[str] = None


def _clause(text: str, a: int, b: int) -> tuple[int, int]:
    """From the clause boundary before the number to the end of its sentence."""
    s, floor = a, max(0, a - MAX_CLAUSE_CHARS)
    while s > floor and text[s - 1] not in BOUNDARY:
        s -= 1
    e, ceiling = b, min(len(text), b + MAX_CLAUSE_CHARS)
    while e < ceiling and text[e] not in SENTENCE_END:
        e += 1
    return s, e


def _clause_end_before(text: str, a: int, b: int) -> int:
    """The end of the last clause that closes between ``a`` and ``b`` (a boundary outside brackets), else 0."""
    depth, cut = 0, 0
    for k in range(a, b):
        c = text[k]
        depth += (c in "（(") - (c in "）)")
        if c in BOUNDARY and depth <= 0:
            cut = k
    return cut


def _nearest(tail: str, table, min_end: int = 0) -> Optional[str]:
    """The comparator of the word nearest the end of ``tail``; at one place the longer word wins (不低于/低于).
    Only words that end after ``min_end`` count (a window of the last chars that never cuts a word in two)."""
    best, key = None, (-1, 0)
    for rx, comp in table:
        for m in rx.finditer(tail):
            if m.end() <= min_end:
                continue
            k = (m.end(), m.end() - m.start())
            if k > key:
                best, key = comp.value, k
    return best


# an age reached (年满60岁) is a floor; the word stays in the name's reading (it opens the noun after the number)
AGE_FLOOR = regex.compile(r"年满|已满")
_BOUNDS = ((GE, Comparator.ge), (AGE_FLOOR, Comparator.ge), (LE, Comparator.le), (DEC, Comparator.decrease),
           (INC, Comparator.increase))


def _comparator(before: str, post: Optional[str], after: str = "") -> str:
    if post in ("以上", "及以上", "左右", "多") and (cm := CHANGE_RIGHT_BEFORE.search(before)):
        return Comparator.decrease.value if DEC.match(cm.group(0)) else Comparator.increase.value
    if post in ("以上", "及以上", "左右", "多") and (cm := CHANGE_OBJECT_BEFORE.search(before)) \
            and not BOUND_WORDS.search(cm.group("o")):
        return Comparator.decrease.value if DEC.match(cm.group(0)) or cm.group(0).startswith("退出") \
            else Comparator.increase.value
    if post and (post.endswith("以上") or post == "多"):
        return Comparator.ge.value
    if post and (post.endswith("以下") or post in ("以内", "范围内")):
        return Comparator.le.value
    if post == "左右":
        return Comparator.eq.value
    if CAP_AFTER.match(after):
        return Comparator.le.value
    if dm := DIFF_FROM_PRIOR.search(before):
        return Comparator.increase.value if dm.group("up") else Comparator.decrease.value
    if PASS_AFTER.match(after):
        return Comparator.ge.value
    # a bound word close to the number, else a fixing verb right before it, else a bound further back
    best = _nearest(before[-BOUND_NEAR:], _BOUNDS)
    if best is not None:      # a word cut at the window's start (少于 of 不少于) gives way to the whole word
        near = before[-(BOUND_NEAR + BOUND_WORD_MAX):]
        best = _nearest(near, _BOUNDS, len(near) - BOUND_NEAR)
    if best is None and EQ.search(before[-6:]):
        best = Comparator.eq.value
    if best is None:
        best = _nearest(before, _BOUNDS) or Comparator.eq.value
    # 税率降至13% / 补贴标准提高到2000元: an instrument set to a level is fixed (=), an outcome raised to a level a bound
    if INSTRUMENT_LEVEL.search(before):
        return Comparator.eq.value
    # 下降到 / 提高到 set a level, not a change
    if best in (Comparator.decrease.value, Comparator.increase.value) and LEVEL_TO.search(before[-12:]):
        best = Comparator.le.value if best == Comparator.decrease.value else Comparator.ge.value
    return best


# an instrument of a rule (税率, 缴费比例, 补贴标准, 起征点) changed to a level right before the number, from its former
# level or not (起征点从月销售额10万元提高到15万元, 补助由每人每年420元提高到450元)
INSTRUMENT_LEVEL = regex.compile(r"(?:税率|费率|缴费比例|标准|补贴|补助|定额|限额|利率|起征点)\s*"
                                 r"(?:[从由][^，。；,;从由]{1,16}?)?\s*(?:可|拟|将|再|统一)?\s*"
                                 r"(?:(?:提高|提升|增加|上调|下调|下降|降低|压减|调整)(?:到|至|为)|降至|降到|增至)\s*"
                                 r"(?:每[人户年月]{1,2})?(?:一次性)?\s*$")
# a name that ends in an instrument of a rule (单位缴费比例, 补贴标准): its level is fixed
INSTRUMENT_END = regex.compile(r"(?:税率|费率|缴费比例|标准|补贴|补助|定额|限额|利率)$")
# how close to a number a bound word decides its comparator before any fixing verb; a word the window cuts in
# two is read whole (不少于本单位执法人员总数的5%: 不少于, not 少于)
BOUND_NEAR = 12
# the longest bound word, by which the window reaches back to see a word that straddles its start
BOUND_WORD_MAX = 5


@dataclass
class _Hit:
    """One number found in the text, before it becomes one or more targets."""
    start: int
    end: int
    values: list
    unit: str
    post: Optional[str]
    kind: str            # quantity | ratio | fraction
    scope: bool = False  # a threshold in Chinese numerals (二级以上资质的): it bounds the noun after it
    comparator: Optional[str] = None     # set by the words around a count in Chinese numerals (只能…一次: <=)
    counted_by: str = ""                 # the verb whose object the count is (推荐三家企业: 推荐)
    limit: bool = False                  # a count a modal limits (只能享受一次首套住房贷款的利息扣除): the noun after names it


def _hits(text: str, measures: Measures) -> list[_Hit]:
    blocked = [(m.start(), m.end()) for m in EXCLUDE.finditer(text)]
    hits: list[_Hit] = []
    for m in quantity_re(measures).finditer(text):
        unit = m.group("u")
        rest = text[m.end("u"):]
        if unit == "个" and MONTHS_OF_AMOUNT.match(text, m.end("u") - 1):
            unit = "个月"
            hits.append(_Hit(m.start(), m.end("u") + 1, [m.group("v1")] + ([m.group("v2")] if m.group("v2") else []),
                             unit, None, "quantity"))
            continue
        if unit == "分" and (not SCORE_POINTS.match(text, m.end("u") - 1) or CLOCK_BEFORE.search(text, 0, m.start())):
            continue       # 3分钟, 三分之二, 20时40分: not points
        if UNIT_OPENS_WORD.match(text, m.end("u") - 1):
            continue       # 14亿人口, 100万家庭: the unit's character opens a noun (人口, 家庭), the number is a bare amount
        if unit == "天" and WITHIN_AFTER.match(rest):
            continue       # 30天内 is a deadline
        if unit == "个" and DURATION_AFTER_GE.match(rest):
            continue       # 36个月, 5个工作日: durations
        if unit in ("人", "名", "户") and CATEGORY_AFTER.match(rest):
            continue       # 1人的保障家庭: a category, not a quantity
        hits.append(_Hit(m.start(), m.end(), [m.group("v1")] + ([m.group("v2")] if m.group("v2") else []),
                         unit, m.group("post") or _many(m), "quantity"))
    for m in RATIO.finditer(text):
        a, b = float(m.group("a")), float(m.group("b"))
        hits.append(_Hit(m.start(), m.end(), [b / a if a else 0.0], "ratio", None, "ratio"))
    for m in FRACTION.finditer(text):
        v = fraction_value(m)
        if v is None or not 0 < v <= 1:
            continue
        post = FRACTION_POST.match(text, m.end())
        hits.append(_Hit(m.start(), m.end() + (post.end() if post else 0), [v], "ratio",
                         post.group(0) if post else None, "fraction"))
    for m in CN_QUANTITY.finditer(text):
        v = cn_number(m.group("v"))
        if v and not any(h.start <= m.start() < h.end for h in hits):
            hits.append(_Hit(m.start(), m.end(), [str(v)], m.group("u"), m.group("post"), "quantity", scope=True))
    for comp, rx in CN_COUNTS:
        for m in rx.finditer(text):
            v = cn_number(m.group("v"))
            if v and not any(h.start <= m.start() < h.end for h in hits) \
                    and not (m.group("u") == "个" and DURATION_AFTER_GE.match(text, m.end())):
                by = m.group("by") if comp == "by" else ""
                hits.append(_Hit(m.start(), m.end(), [str(v)], m.group("u"), None, "quantity",
                                 comparator=None if by else comp, counted_by=by, limit=comp == "<="))
    for m in BARE_WAN.finditer(text):
        if not any(h.start <= m.start() < h.end for h in hits):
            hits.append(_Hit(m.start(), m.end(), [m.group("v")], "万", m.group("post") or _many(m), "quantity"))
    hits = [h for h in hits if not any(a <= h.start < b for a, b in blocked)]
    hits.sort(key=lambda h: h.start)
    return _ranges(text, hits)


def _composition(before: str, text: str, h: "_Hit") -> bool:
    """Does the count at ``h`` say what a body is made of (由…9个部门和单位组成, 成员单位共12个, 设召集人1人)?"""
    if h.kind != "quantity" or len(h.values) != 1:
        return False
    if COMPOSED_BY.search(before) and COMPOSED_AFTER.match(text, h.end):
        return True
    if MEMBERS_BEFORE.search(before):
        return True
    return h.unit in ("人", "名") and bool(POST_BEFORE.search(before))


def _many(m) -> Optional[str]:
    """多 after the value (3000多亿元, 20多个): the amount is more than the value, a floor as 以上 makes it."""
    return "多" if m.group("many") else None


def _ranges(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Two amounts of one unit joined by a dash (6%－6.5%, 10个至20个) are the two ends of one range."""
    out: list[_Hit] = []
    for h in hits:
        p = out[-1] if out else None
        if p and p.kind == h.kind == "quantity" and p.unit == h.unit and len(p.values) == len(h.values) == 1 \
                and not p.post and RANGE_DASH.fullmatch(text, p.end, h.start):
            out[-1] = _Hit(p.start, h.end, p.values + h.values, h.unit, h.post, "quantity")
            continue
        out.append(h)
    return out


def item_title(text: str) -> Optional[str]:
    """The title of a numbered item standing alone as a paragraph (（二）巩固提升工程 -> 巩固提升工程), else None."""
    m = ITEM_TITLE.match(text or "")
    return m.group("t") if m else None


def chapter_topic(text: str) -> Optional[str]:
    """The subject of a chapter from its heading standing alone (第五章　住房贷款利息 -> 住房贷款利息); "" for a chapter
    of the rule's machinery (总则, 法律责任, 附则), None when ``text`` is no chapter heading."""
    m = CHAPTER_HEADING.match(text or "")
    if not m:
        return None
    t = m.group("t")
    return "" if PROCEDURAL_CHAPTER.search(t) or not TOPIC_NOUN.fullmatch(t) else t


def _name_subject(indicator: str, subject: Optional[str]) -> str:
    """工程匡算总投资 under the item 巩固提升工程 -> 巩固提升工程匡算总投资; under 跨市的骨干河道治理 ->
    跨市的骨干河道治理工程匡算总投资."""
    gm = GENERIC_HEAD.match(indicator or "")
    if not gm or not subject:
        return indicator
    head = gm.group("h")
    return _cap(subject + (indicator[len(head):] if subject.endswith(head) else indicator))


def find(text: str, governing_year: Optional[int] = None, measures: Optional[Measures] = None,
         subject: Optional[str] = None, topic: Optional[str] = None) -> list[Quantity]:
    """Targets in one paragraph.  ``governing_year`` carries 到2020年 from an earlier sentence; ``subject`` is the
    title of the numbered item the paragraph is under (see :func:`item_title`), which names a generic 工程/项目;
    ``topic`` the subject of the chapter it is in (see :func:`chapter_topic`), which names a rule's generic measure
    (扣除标准 in 第五章 住房贷款利息 -> 住房贷款利息扣除标准)."""
    if measures is None:
        from ..lexicon import Resources
        measures = Resources().measures
    out: list[Quantity] = []
    year_ctx = governing_year
    last = 0
    prev_end, prev_ind = -1, ""
    last_ref = ""               # the last measure stated against a reference (返还标准（月人均失业保险金月数）)
    prev_np = ""                # the noun right after the previous quantity (3个先行区、: 先行区)
    hits = _hits(text, measures)
    runs: list[tuple[bool, list[int]]] = []     # the targets of one list of values (100%、50%、30%), after 分别?
    for i, h in enumerate(hits):
        if EXISTING_ROLE.match(text, h.end):
            continue
        s, e = _clause(text, h.start, h.end)
        if _composition(text[s:h.start], text, h):
            continue
        if i + 1 < len(hits) and hits[i + 1].start < e and (cut := _clause_end_before(text, h.end, hits[i + 1].start)):
            e = cut                       # the text ends before the clause of the next quantity (not its target too)
        if not text[:s].strip() and (nm := match_numbering(text[s:h.start])):
            s = h.start - len(nm[3])      # 七、同意…总投资32.14万元 / 第十四条　行驶里程…: the item's number is no part
        clause = text[s:e]
        before = text[s:h.start]
        # years that govern: 到2020年 earlier in the paragraph, or a year in this clause
        for ym in YEAR_GOV.finditer(text, last, h.start):
            year_ctx = int(ym.group("y") or ym.group("y2"))
        last = h.start
        year = year_ctx
        yb = YEAR_BARE.search(before)
        if yb and not DASH_BEFORE.search(text[max(0, s - 4):s]):
            year = int(yb.group("y"))
        if YEAR_SPAN.search(before):
            year = None
        hedge = bool(HEDGE.search(before))
        # the indicator: words since the previous quantity of this clause, else the noun after the number
        own = text[max(s, prev_end):h.start] if prev_end > s else before
        after = text[h.end:h.end + 6]
        comp = h.comparator or (_comparator(before, h.post, after) if h.kind != "ratio" else Comparator.eq.value)
        pen = ""
        continues = prev_end > s and bool(LIST_GAP.fullmatch(own))
        if prev_end > s and (LIST_GAP.fullmatch(own) or LEVEL_GAP.fullmatch(own)):
            indicator = prev_ind            # 100%、50%、30% / 由50%提高到60%: one measure, several values
        elif prev_end > s and prev_np and own[-1:] in ("、", "和", "及") and own[:-1].strip() == prev_np \
                and (nm := AFTER_NP.match(text[_after_run(hits, i):][:24])) and not AFTER_NP_BAD.match(nm.group("np")):
            # 3个先行区、10个试点基地: the words before this count are the previous count's noun; its own is after it
            indicator = _with_kind(_indicator("", nm.group("np")), h.unit, comp, measures)
        else:
            after_np = text[_after_run(hits, i):][:24]
            cm = _condition(text, s)
            if prev_ind and prev_end > s and own[:1] == "（" and not CLOSE_BRACKET.search(own):
                # 25%（超过100人的企业达到15%）: an exception in brackets of the same measure
                cond = TRAILING.sub("", BOUND_AT_END.sub("", own[1:])).strip()
                base = QUALIFIER_END.sub("", prev_ind) if QUALIFIER_END.search(prev_ind) else prev_ind
                indicator = f"{base}（{cond}）" if cond else prev_ind
            elif h.unit == "个月" and h.kind == "quantity" and (mi := _months_indicator(own, after_np)):
                if ALTERNATIVE.match(own) and "（" not in mi and (rm := REFERENCED.match(last_ref)):
                    mi = f"{rm.group('n')}（{mi}）"     # 或按6个月的…: another way to set the same measure
                indicator = mi
            elif h.unit in ("%", "ratio") and SCOPE_ONLY.fullmatch(LEADING.sub("", TIME_WORDS.sub("", own)).strip()) \
                    and (sm := SHARE_SUBJECT.match(text, h.end)) and not AFTER_NP_BAD.match(sm.group("np")) \
                    and not AFTER_KIND.match(sm.group("np")):
                # 到2015年，70%左右的县（市、区）达到…要求: the share of the things the rest of the clause says
                indicator = _cap(sm.group("np") + "比例")
            elif pen := _penalty(text, s, h.start, after_np):
                indicator = pen
            elif h.counted_by and (nm := AFTER_NP.match(after_np)) and not AFTER_NP_BAD.match(nm.group("np")) \
                    and (np_ := COUNTED_VERB.split(nm.group("np"), maxsplit=1)[0].partition("的")[0]):
                # 择优推荐三家企业上报… -> 推荐企业数量: what is handed in, kept or recommended
                indicator = _with_kind(h.counted_by + np_, h.unit, comp, measures)
            elif h.limit and (nm := AFTER_NP.match(after_np)) and not AFTER_NP_BAD.match(nm.group("np")):
                # 只能享受一次首套住房贷款的利息扣除 -> 首套住房贷款利息扣除次数: what may be had only so often
                indicator = _with_kind(nm.group("np").replace("的", ""), h.unit, comp, measures)
            elif h.scope and (nm := AFTER_NP.match(after_np)) and not AFTER_NP_BAD.match(nm.group("np")):
                # 二级以上资质的汽车维修企业 -> 汽车维修企业资质 (a grade bounds the attribute before 的); 两个以上专利代理机构
                # 从事… -> 专利代理机构数, 一位及以上被赡养人的 -> 被赡养人 (a count counts the noun before 的 or a verb)
                a_, _, b_ = COUNTED_VERB.split(nm.group("np"), maxsplit=1)[0].partition("的")
                indicator = b_ + a_ if h.unit == "级" and b_ and len(a_) <= 6 else a_
                indicator = _with_kind(indicator, h.unit, comp, measures)
            else:
                indicator = _indicator(own, after_np, prev_end > s, cm, share=h.unit == "%")
                if indicator and DEFINES.match(own) and (tm := DEFINED_TERM.search(text, max(0, s - 24), s)) \
                        and not indicator.startswith(tm.group("term")):
                    # 本办法所称车用乙醇汽油，是指…的乙醇含量在10%: the content of the term defined
                    indicator = _cap(tm.group("term") + DEFINES.sub("", indicator, count=1))
            if not indicator and (om := CHANGED_OBJECT.search(text, max(0, s - MAX_CLAUSE_CHARS // 4), s)) \
                    and LEVEL_ONLY.fullmatch(before):
                # 下调单位缴费比例，各地可降至16%: the level of what the clause before changes
                indicator = om.group("o")
                if INSTRUMENT_END.search(indicator):
                    comp = Comparator.eq.value
            elif (not indicator or DIFF_FROM_PRIOR.match(before)) and prev_ind and CHANGE_ONLY.fullmatch(before) \
                    and not any(c in SENTENCE_END for c in text[prev_end:h.start]):
                indicator = prev_ind        # 国内生产总值达到82.7万亿元，增长6.9% / ，比去年预算高0.2个百分点: the change of
                #                             the same measure
            elif not pen:
                indicator = _name_subject(_with_kind(indicator, h.unit, comp, measures, before), subject)
            if indicator and (bm := BASIS_AFTER.match(text, h.end)) and bm.group("b") not in indicator:
                indicator = f"{indicator}（{bm.group('b')}）"     # 10%±2%（按体积分数计）: the basis qualifies it
            if prev_end > s and (rm := REFERENCED.match(prev_ind)) and indicator.startswith(rm.group("r")) \
                    and len(indicator) > len(rm.group("r")):
                # 6个月的社会保险费50%: a share of the same reference, of the same measure
                indicator = f"{rm.group('n')}（{indicator}）"
            if REFERENCED.match(indicator):
                last_ref = indicator
        if "原则上" in indicator[1:]:
            indicator = indicator.replace("原则上", "")     # 联席会议原则上每年召开…: a hedge inside a name is no part of it
        if indicator and len(indicator) <= ATTRIBUTE_ONLY_CHARS \
                and (dm := DEFINED_BEFORE.search(text, max(0, s - 60), s)) and not indicator.startswith(dm.group("t")):
            indicator = dm.group("t") + indicator     # 最终成果是指…的书稿，字数在40万字左右 -> 最终成果字数
        if comp in (Comparator.decrease.value, Comparator.increase.value) and indicator \
                and (cm := CHANGE_OPENING.match(indicator)) and len(indicator) - cm.end() >= 2:
            indicator = indicator[cm.end():]     # 压减钢铁产能3000万吨左右 -> 钢铁产能, decrease
        if h.unit == "%" and len(h.values) == 1 and h.post in RATE_BOUND and indicator \
                and (cm := CHANGE_RIGHT_BEFORE.search(before)) and INC.match(cm.group(0)) \
                and indicator.endswith(measures.growth_rate_of):
            # 国内生产总值增长6.5%左右: the growth rate of an output aggregate is the measure, its bound the comparator
            indicator, comp = _cap(indicator + "增长率"), RATE_BOUND[h.post]
        if indicator and prev_ind and prev_end > s and own[:1] == "、" and (pm := PLACE_SUBJECT.match(prev_ind)) \
                and not PLACE_SUBJECT.match(indicator) and not indicator.startswith(pm.group("p")):
            # 其中徒骇河配套排水闸106座、改建桥梁36座: the place the list's first item opens with is every item's
            indicator = _cap(pm.group("p") + indicator)
        if topic and indicator and GENERIC_RULE.match(indicator) and not indicator.startswith(topic):
            indicator = _cap(topic + indicator)
        prev_end, prev_ind = h.end, indicator
        pm = AFTER_NP.match(text[_after_run(hits, i):][:24])
        prev_np = pm.group("np") if pm and not AFTER_NP_BAD.match(pm.group("np")) else ""
        first = len(out)
        if h.kind == "ratio":
            out.append(Quantity(h.start, h.end, clause.strip(), h.values[0], "ratio", Comparator.eq.value,
                                indicator or "比例", year, hedge))
            continue
        values = [float(v) for v in h.values]
        comps = [comp]
        if len(values) == 2:
            comps = [Comparator.ge.value, Comparator.le.value]
        # a list before this value shares its unit and comparator: 100%、50%、30% / 10%、20%和30%以上
        lead = before
        while h.kind == "quantity":
            lm = LIST_ITEM.search(lead)
            if not lm:
                break
            values.insert(0, float(lm.group("v")))
            comps.insert(0, comp)
            lead = lead[:lm.start()]
        if len(h.values) == 2 and indicator and (cm := CHANGE_BEFORE.search(before)) and not RATE_NAME.search(indicator):
            # 国内生产总值增长6%－6.5%: a range is no change by a value but bounds on the rate of the change
            indicator = _cap(indicator + ("下降率" if DEC.match(cm.group(0)) else "增长率"))
        inds = [indicator] * len(values)
        if len(h.values) == 2 and len(values) == 2 and indicator:
            inds = [indicator + RANGE_BOUNDS[0], indicator + RANGE_BOUNDS[1]]
        elif indicator and len(values) == 1 and (_lower_of_pair(text, hits, i) or _lower_of_pair(text, hits, i - 1)):
            # 5000元以上3万元以下: the two bounds of one range
            inds = [indicator + RANGE_BOUNDS[0 if _lower_of_pair(text, hits, i) else 1]]
        for v, c, ind in zip(values, comps, inds):
            nv, base = measures.normalise(v, h.unit) if h.kind == "quantity" else (None, None)
            out.append(Quantity(h.start, h.end, clause.strip(), v, h.unit, c, ind, year, hedge, nv, base))
        new = list(range(first, len(out))) if len(h.values) == 1 else []
        if continues and runs and new:
            runs[-1][1].extend(new)
        else:
            runs.append((bool(RESPECTIVELY.search(before)), new))
    _tiers(out, runs)
    out.sort(key=lambda q: q.start)
    return _dedupe(out)


def _tiers(out: list[Quantity], runs: list[tuple[bool, list[int]]]) -> None:
    """The values of a list after 分别 that share one name (分别按新增部分的100%、50%、30%给予奖励返还) are the
    measure of successive tiers: （第一档）, （第二档）…  A name of coordinated things (A和B培训率分别达65%和50%,
    城乡低保人均补助标准分别提高5%和8%) is left whole: its values go to the things in turn, which the name alone
    does not split."""
    for respectively, idx in runs:
        if not respectively or not 2 <= len(idx) <= len(TIER_NUMERALS):
            continue
        name = out[idx[0]].indicator
        if not name or any(out[k].indicator != name for k in idx) or COORDINATED.search(name):
            continue
        for n, k in enumerate(idx):
            out[k].indicator = _cap(name) + f"（第{TIER_NUMERALS[n]}档）"


def _offence(text: str, s: int) -> str:
    """The offence a fine in the clause starting at ``s`` punishes: the nearest clause before it in its sentence
    that ends in 的 and is not a raised penalty (拒不改正的); the first item when the clause continues a list
    (掺杂、掺假，或者以次充好的 -> 掺杂、掺假).  "" when none, or too long to be a name."""
    a = s
    while a > max(0, s - 4 * MAX_CLAUSE_CHARS) and text[a - 1] not in "。\n":
        a -= 1
    parts = CLAUSE_SPLIT.split(text[a:s])
    for k in range(len(parts) - 1, -1, -1):
        m = OFFENCE_CLAUSE.search(parts[k].strip())
        if not m or ESCALATION.match(m.group("c")):
            continue
        c = m.group("c")
        name = OFFENCE_OPENING.sub("", c, count=1)
        if name != c and LIST_CONTINUES.match(c) and k > 0:
            prev = OFFENCE_OPENING.sub("", parts[k - 1].strip(), count=1)     # a list continued after a comma
            if prev and not prev.endswith("的") and not prev.startswith("由"):
                name = prev
        name = OFFENCE_LIST.sub("", name).strip()
        return name if 2 <= len(name) <= MAX_OFFENCE_CHARS else ""
    return ""


def _penalty(text: str, s: int, start: int, after: str) -> str:
    """The indicator of a fine (处…罚款): the offence, 罚款, what the amount is counted from (占货值金额) and who
    is fined when the text says (对单位处 -> （单位））; "" when the number is not a fine."""
    if not PENALTY_AFTER.match(after):
        return ""
    pm = PENALTY_BEFORE.search(text[s:start])
    if not pm:
        return ""
    who, ref = (pm.group("who") or "").strip(), (pm.group("ref") or "").strip().rstrip("的")
    offence = _offence(text, s)
    name = "罚款" + (f"占{ref}" if ref else "")
    if offence:
        return f"{offence}{name}" + (f"（{who}）" if who else "")
    return who + name


def _with_kind(indicator: str, unit: str, comp: str, measures: Measures, before: str = "") -> str:
    """The indicator with the kind of quantity said when its noun does not say it (报告 counted in 个 -> 报告数,
    a share of 失业保险费 -> 失业保险费比例, 创业担保贷款 in 万元 -> 创业担保贷款额度).  A change (下降18%) is a
    change of the named quantity itself and gets no kind word."""
    if not indicator or comp in (Comparator.decrease.value, Comparator.increase.value) \
            or CHANGE_BEFORE.search(before):
        return indicator
    name, qual = indicator, ""
    if (qm := QUALIFIER_END.search(indicator)) and qm.start() > 0:
        name, qual = indicator[:qm.start()], qm.group(0)       # 孵化补贴（每户每年）: the kind goes on the name
    return _cap(name + measures.kind_word(unit, name) + qual)


def _condition(text: str, s: int) -> str:
    """The condition clause (…的，) ending just before the clause at ``s``, as a qualifier of what is granted:
    the recipient after 对 (对被评为省级示范基地的 -> 省级示范基地), else the circumstance with its 的; "" for a
    raised penalty (情节严重的) or an offence (违反…), or when there is none."""
    if s < 2 or text[s - 1] not in "，,":
        return ""
    a = s - 1
    while a > max(0, s - 24) and text[a - 1] not in BOUNDARY:
        a -= 1
    if a > 0 and text[a - 1] not in BOUNDARY:
        return ""
    m = CONDITION_BEFORE.match(text[a:s - 1])
    if not m or ESCALATION.match(m.group("c")) or m.group("c").startswith("违反"):
        return ""
    c = LEADING.sub("", m.group("c"))         # （一）纳税人为独生子女的 -> 纳税人为独生子女
    if len(c) < 2:
        return ""
    return c if m.group("dui") else c + "的"


def _lower_of_pair(text: str, hits: list[_Hit], i: int) -> bool:
    """Is hit ``i`` the lower bound (…以上) of a range whose upper bound (…以下) follows it directly?"""
    if i < 0 or i + 1 >= len(hits):
        return False
    h, n = hits[i], hits[i + 1]
    return (len(h.values) == 1 and len(n.values) == 1 and h.kind == n.kind == "quantity"
            and (h.post or "").endswith("以上") and (n.post or "").endswith("以下")
            and bool(RANGE_GAP.fullmatch(text, h.end, n.start)))


def _after_run(hits: list[_Hit], i: int) -> int:
    """Where the words after hit ``i`` start: after the hits that follow it directly (5000元以上3万元以下罚款:
    罚款 is what both bounds measure)."""
    end = hits[i].end
    for h in hits[i + 1:]:
        if h.start != end:
            break
        end = h.end
    return end


def _dedupe(qs: list[Quantity]) -> list[Quantity]:
    seen = set()
    res = []
    for q in qs:
        k = (q.start, q.value, q.unit, q.comparator)
        if k not in seen:
            seen.add(k)
            res.append(q)
    return res


def _indicator(before: str, after: str = "", after_quantity: bool = False, condition: str = "",
               share: bool = False) -> str:
    """What the number measures, from the words before it (and after it when those are only a verb).  For a
    ``share`` (a % value) a bound between two nouns is the share of the first in the second (A达到B的25% -> A占B)."""
    t = AFTER_CLOSE.sub("", TIME_WORDS.sub("", EXPLANATION.sub("", before)))
    if share:
        t = _share_of(t)
    t = BOUND_WORDS.sub("", BASELINE.sub("", PRIOR_YEAR.sub("", DIFF_FROM_PRIOR.sub("", t))))
    t = CHANGE_AT_END.sub("", t)      # 压缩1/3, but 增加值 stays
    lm = LIST_ITEM.search(t)
    while lm:                                   # bare list values at the end (10、20和)
        t = t[:lm.start()]
        lm = LIST_ITEM.search(t)
    t = t.strip().strip("、，,").strip()
    if t[:1] in "（(" and not CLOSE_BRACKET.search(t):
        t = t[1:]
    elif ob := UNCLOSED_OPEN.search(t):
        # 两侧(距震源半径200米: the number is inside the bracket and named there; 先进市（5个）, 典型经验做法（共130项）:
        # only a count of what stands before the bracket
        inner = LEADING.sub("", t[ob.start() + 1:])
        t = inner if len(inner) >= 2 else t[:ob.start()]
    t = AGENT_PREFIX.sub("", LEADING.sub("", GRANT_BASIS.sub("", t)))
    if share:
        t = INNER_BASIS.sub("", t)   # 肉鸡按照实际产值的20% -> 肉鸡实际产值: the share of the base, for the kind named
    if (hm := LIST_HEAD.match(t)) and len(t) - hm.end() >= 2:
        t = t[hm.end():]             # 主要建设内容包括改造试验车间 -> 改造试验车间: the item, not the list's head
    each = bool(EACH_END.search(t))
    t = TRAILING.sub("", CHANGE_AT_END.sub("", TRAILING.sub("", t).strip())).strip()     # 余额预期增长均为 -> 余额
    if dm := DEFINITION.match(t):
        t = dm.group("n")            # 是指…调配后形成的乙醇含量在10% -> 乙醇含量: the head the definition ends on
    rates = []
    while (rm := RATE.search(t)) and (rm.end() == len(t) or rm.start() == 0):
        rates.insert(0, rm.group(0)) if rm.end() == len(t) else rates.append(rm.group(0))
        t = TRAILING.sub("", LEADING.sub("", t[:rm.start()] + t[rm.end():])).strip()
    t = FROM_BASIS.sub("", t)        # 起征点从月销售额10万元提高到15万元 -> 起征点: the basis of the former level
    nm = AFTER_NP.match(after)
    if not t and (cm := CHANGE_BY.match(after)):
        t, nm = cm.group("o") + cm.group("v") + "幅度", None     # …5%的幅度压减一般性支出 -> 一般性支出压减幅度
    if nm and not AFTER_NP_BAD.match(nm.group("np")):
        # (a 的 ending the words before a comma closes a condition, 带动3人以上就业的，: not the noun's)
        np_ = ATTRIBUTE.sub("", LEADING.sub("", GRANT_OPENING.sub("", nm.group("np")))).removesuffix("的")
        if PENALTY_VERB.search(t) or GRANT_AFTER.match(after):
            t = np_
        elif (vm := OBJECT_VERB.search(t)) and after_quantity and vm.start() <= 4:
            t = np_                  # 2个报告开展2次专题询问: the words before 开展 are the previous quantity's
        elif SCOPE_ONLY.match(t) or OBJECT_VERB.search(t) or (rates and not t):
            if (vm := OBJECT_VERB.search(t)) and (cm := SECOND_VERB.search(t, 0, vm.start())):
                t = t[cm.end():]     # …每孵化一户企业运营1年并带动3人以上就业: the second verb opens the name
            t = TRAILING.sub("", LIGHT_VERB.sub("", t)).strip()     # 被赡养人是指年满60岁的父母: 是指 is no part
            if (rm := RECIPIENT.search(t)) and rm.end() < len(t):
                t = t[rm.end():]     # …的比例对完成改制企业给予: the recipient after 对 opens the name
            t = INNER_GRANT.sub("", FUNDING_RULE.sub("", t))
            t = (condition + SCOPE_PREFIX.sub("", t) if condition else t) + np_
        elif ENUMERATION.search(t) and not share:
            # 徒骇河、马颊河、金堤河3条骨干河道: the names are instances, the noun the measure; an action on all of
            # them stays (取消…等2项政府性基金 -> 取消政府性基金, 新建…等4处河道拦蓄工程)
            am = LIST_ACTION.match(t)
            t = (am.group("v") if am else "") + np_
    km = AFTER_KIND.match(after)
    if km and t.startswith(km.group("k")) and SHARE_USE.match(t, len(km.group("k"))):
        t = t[len(km.group("k")):] + "的" + km.group("k")     # 1/3的比例用于重点工业项目 -> 用于重点工业项目的比例
    elif km and t and km.group("k") == "税率" and (xm := TAX_LEVIED.match(after, km.end())):
        # 企业减按15%税率征收企业所得税 -> 企业所得税税率; 按3%的税率缴纳增值税 (the name is the words after) -> 增值税税率
        t = (_join_overlap(t, xm.group("tax")) if not t.startswith("税率") else xm.group("tax")) + "税率"
    elif km and t and km.group("k") not in t:
        t += km.group("k")
    elif (gm := GRANT_OF_SHARE.match(after)) and t:
        t += gm.group("g")            # 新增部分的100%、50%给予奖励返还 -> 新增部分奖励返还（比例）
    if (qm := QUOTA_USE.match(after)) and (t in ("", qm.group("k")) or t.startswith(qm.group("k") + qm.group("v"))):
        t = qm.group("v") + qm.group("k")      # 9600元为限额依次扣减…: the quota of the deduction
    if (pm := PAYMENT.match(t)) and pm.end() < len(t) - 1:
        am = PAID_BACK.match(t)
        t = t[pm.end():] + (am.group(0) if am else "")
        # 企业及其职工应缴纳社会保险费 -> 社会保险费: what is paid, not who pays; 返还其实际缴纳失业保险费的50%
        # -> 失业保险费返还: what is done with it stays
    if (gm := INNER_GRANT.search(t)) and 0 < gm.start() and gm.end() < len(t):
        t = t[:gm.start()] + t[gm.end():]       # 省里给予一次性补助 -> 省里一次性补助: how it is paid, not what
    if rates and t:
        t = f"{t}（{''.join(rates)}）"
    if each and t:
        t = f"{t}（各）"       # 叉车和冷藏车各1辆 -> 叉车和冷藏车（各）: one value for each, not for all of them
    return _cap(t)


def _cap(name: str) -> str:
    """``name`` cut to MAX_INDICATOR_CHARS, never inside a bracket (a qualifier that does not fit is left off)."""
    if len(name) <= MAX_INDICATOR_CHARS:
        return name
    cut = name[:MAX_INDICATOR_CHARS]
    if (ob := UNCLOSED_OPEN.search(cut)) and ob.start() >= 2:
        cut = cut[:ob.start()]
    return cut


def _share_of(t: str) -> str:
    """A bound word between two nouns before a share is the share of one in the other (人员数量达到在职职工人数的
    -> 人员数量占在职职工人数的); not after a hedge or a preposition alone (原则上不高于…, 按不低于…), not before a
    change (资费年内至少降低)."""
    m = None
    for m in SHARE_OF.finditer(t):
        pass
    if not m:
        return t
    left = TRAILING.sub("", LEADING.sub("", t[:m.start()])).strip()
    right = CHANGE_AT_END.sub("", TRAILING.sub("", t[m.end():])).strip()
    if len(left) < 2 or len(right) < 2 or TIME_END.search(left):
        return t
    return TRAILING.sub("", t[:m.start()]) + "占" + t[m.end():]      # 淘汰数量应不低于任务量的 -> 淘汰数量占任务量的


def _join_overlap(a: str, b: str) -> str:
    """``a`` then ``b`` without repeating the end of ``a`` that opens ``b`` (高新技术企业 + 企业所得税 ->
    高新技术企业所得税)."""
    for k in range(min(len(a), len(b) - 1), 0, -1):
        if a.endswith(b[:k]):
            return a + b[k:]
    return a + b


def _months_indicator(before: str, after: str) -> str:
    """An amount counted in months of another amount (储备量不低于全省1个月食盐消费量 -> 储备量（食盐消费量月数））:
    the name before the comparison, the months' reference in brackets."""
    pm = PAYMENT.match(after)
    nm = AFTER_NP.match(after[pm.end():] if pm else after)    # 3个月的单位和个人应缴纳失业保险费
    if not nm or AFTER_NP_BAD.match(nm.group("np")):
        return ""
    ref = NP_SCOPE.sub("", nm.group("np"))
    if (pm := PAYMENT.match(ref)) and pm.end() < len(ref) - 1:
        ref = ref[pm.end():]
    bm = None
    for bm in BOUND_WORDS.finditer(before):
        pass
    name = _indicator(before[:bm.start()] if bm else before)
    return f"{name}（{ref}月数）" if name else f"{ref}月数"
