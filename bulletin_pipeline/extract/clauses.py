"""The responsibility-clause catalogue: every wording of 公文 that assigns a task to a body, one named pattern each.

Roles follow the GUIDE: lead (牵头, 为主负责, 分别牵头, the first unit under a 列第一位的为牵头单位 rule),
support (配合, 协助, 参与, 指导, the units 按职责分工负责 after a lead, the objects of 会同), implement (组织落实,
组织实施) and responsible (负责, 责任单位, 责任主体 where no lead is designated).  ``CATALOGUE`` lists them with the
kind of source they are read from; tests/test_lexicon_clauses.py checks each with positive and negative examples.
"""
from __future__ import annotations

import regex

# ---- parenthetical assignments: （…） after a task ----
# any parenthetical worth parsing names a role word; 指导 / 参与 only as the word that closes a list of units
# (（工业和信息化部、商务部指导） / （商务部指导，供销合作总社参与）), not 指导意见 or 参与率
ASSIGN_HINT = regex.compile(r"牵头|负责|配合|协助|组织落实|组织实施|责任单位|责任主体|责任部门|主办单位|协办单位|"
                            r"(?:指导|参与)(?=\s*(?:[，,；;。）)]|$))")
# a list label inside a parenthetical or at the start of a line: 责任单位： / 牵头单位： / 配合单位：
LABEL = regex.compile(r"(?P<label>责任单位|责任主体|责任部门|负责部门|负责单位|牵头单位|牵头部门|主办单位|配合单位|配合部门|协办单位|参与单位|实施主体)\s*[:：]\s*")
# a labelled list ends where the parenthetical goes on with another keyed clause that is no list of units:
# （负责部门：A、B；适用范围：…） / （负责部门：A，适用范围：…） / （责任单位：A；完成时限：2020年底前）
LABEL_LIST_END = regex.compile(r"[；;。，,]\s*\p{Han}{2,6}\s*[:：]")
# labels that give their list a role of its own
LABEL_ROLE = {"牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead", "配合单位": "support", "配合部门": "support",
              "协办单位": "support", "参与单位": "support"}
# the role word that closes a chunk of a parenthetical (A牵头，B、C配合 / A、B按职责分工负责); the units are the
# text between the previous chunk and the role word, the tail runs to the next comma
ROLE_CHUNK = regex.compile(r"""
    (?P<role>(?:根据|按照?)?(?:各自)?(?:职能|职责)?分别牵头|为主负责|牵头负责|牵头|
             (?:等(?:部门|单位))?(?:按照?|根据)?(?:各自)?职责分工(?:负责|落实)|
             (?:等(?:部门|单位))?(?:按照?|根据)?(?:各自)?(?:职能|职责)?(?:分别|共同)负责|
             负责落实|负责|配合|协助|参与|指导督促|指导|组织落实|组织实施|(?<=[政府会局委厅办])落实)
    (?P<tail>[^，,；;。]*)
""", regex.X)

# a unit marked lead inside a list: 责任单位：省发展改革委（牵头）、省财政厅 / 市商务委〔牵头〕
LEAD_MARK = regex.compile(r"[（(〔]\s*牵头(?:单位|部门)?\s*[）)〕]")

# ---- document-wide rules ----
# 列第一位的为牵头单位 / 排在第一位的部门为牵头部门 / 列第一位者为牵头责任单位 (usually with 下同)
RULE_FIRST_LEAD = regex.compile(r"[，,。；]?\s*(?:列|排|排列|列在|排在|排列在)第一位(?:的|者)?(?:单位|部门)?为牵头(?:责任)?(?:单位|部门)[^；。）)]*")
# 以下任务均需X组织落实，不再列出: X implements every later task
RULE_DEFAULT_IMPLEMENT = regex.compile(r"[，,；。]?\s*以下(?:任务|工作)?均(?:需|由)(?P<units>.+?)(?:组织)?落实[，,]?\s*(?:不再列出|不再一一列出)?")

# ---- duty lines and department-headed duty lists ----
# 责任主体：A、B、C。 (a line of its own)
DUTY_LINE = regex.compile(r"^\s*(?P<label>责任主体|责任单位|牵头单位|牵头部门|责任部门|负责部门|负责单位|配合单位|配合部门|协办单位)"
                          r"\s*[:：]\s*(?P<units>[^。；]+)")
# 1．省教育厅。牵头负责… / （三）市财政局：负责… / 省统计局。配合有关部门…: the department heading the item
DEPT_HEAD = regex.compile(r"^(?P<unit>[^。：:，,；;\s]{3,30}?)\s*[。：:]\s*(?P<duty>.+)", regex.S)
# （二）市、县（市、区）人民政府职责。 a heading that names whose duties the paragraph under it lists
DUTY_HEADING = regex.compile(r"^(?P<unit>[^。：:，,；;\s]{2,30}?)(?:的)?(?:主要)?(?:工作)?职责(?:分工)?[。：:]?$")
# the role a department-headed item gives its unit, read from the first words of the duty
DEPT_HEAD_LEAD = regex.compile(r"^(?:牵头|负责牵头|为主)")
DEPT_HEAD_SUPPORT = regex.compile(r"^(?:配合|协助|参与|协同)")

# ---- in-text clauses (one sentence at a time, outside parentheticals) ----
# X会同Y…: lead X, support Y
IT_HUITONG = regex.compile(r"会同")
# X牵头… / 由X牵头…
IT_LEAD = regex.compile(r"牵头(?!单位|部门)")
# X为牵头单位 (教育部为牵头单位): lead
IT_WEI_LEAD = regex.compile(r"为牵头(?:单位|部门)")
# 由X为主负责组织和实施: lead
IT_WEIZHU = regex.compile(r"为主负责")
# X负责… (not 负责同志 / 负责人)
IT_FUZE = regex.compile(r"(?<!为主|牵头)负责(?!同志|人)(?=\p{Han}{2})")
# 负责…的部门 after a body names another body (县级以上地方人民政府负责药品监督管理的部门应当…), not a duty of the first
FUZE_NOUN = regex.compile(r"负责[^，。；、]{1,14}?的\p{Han}{0,6}?(?:部门|机构)")
# X负总责 / X承担…主体责任 / X是…责任主体 / X为…的责任主体 / X承担…的职责 (国家医保局承担制定试点方案…的职责)
# (not 以X为责任主体: taking X as the party responsible is a principle, not an assignment to the subject)
IT_ZONGZE = regex.compile(r"负总责|承担[^。；，]{0,16}?主体责任|是[^。；，]{0,24}?责任主体|(?<!以\p{Han}{0,12})为[^。；，]{0,24}?责任主体|"
                          r"承担[^。；，]{0,24}?的职责|"
                          # X承担…日常工作 / X承担…任务 (联席会议办公室设在教育部，主要承担联席会议组织联络和协调等日常工作),
                          # not the work X has taken on (X承担的工作)
                          r"承担[^。；，的]{0,24}?(?:工作|任务)")
# X是…主管机构 / 主管部门 / X为…的核发主管单位 (the designation closes its clause: not 为业务主管部门审查阶段, not 以X为…)
IT_ZHUGUAN = regex.compile(r"(?:是|(?<!以\p{Han}{0,12})为)[^。；，]{0,16}?主管(?:机构|部门|单位)(?=[。；，,]|$)")
# 由X + verb: 由X批准 / 由X制定 / 由X依法查处 (the units right after 由)
IT_YOU = regex.compile(r"(?<![自理缘事来经])由(?=\p{Han})")
# a 由 clause quoted inside a frame 按照/根据…的要求 (按照国家提出的…工作由地方政府负责实施，…的要求，我省…): what
# another body required, not an assignment of this text.  FRAME_OPEN before 由 in its sentence, FRAME_CLOSE after it
FRAME_OPEN = regex.compile(r"(?:按照|根据|依照|依据)[^。；]{0,40}?(?:提出|规定|确定|明确)的")
FRAME_CLOSE = regex.compile(r"^[^。；（）]{0,60}?的(?:要求|精神|原则|规定)")
# 请X…: a request to a named body at the start of a sentence
IT_QING = regex.compile(r"(?<![报申提呈邀])请(?=\p{Han})")
# X应当… / X应… (duties of authorities in regulations), at the start of a sentence
# (应对 is to cope with, but 应对此 / 应对其 / 应对本… is the modal and its object: 各单位主管部门应对此出台细则)
IT_YINGDANG = regex.compile(r"(?<![相供反响适对效答理感呼])(?:应当|应(?![急用])(?!对(?!此(?!类)|其|本|该|上述)))")
# X要… / X将… / X定于…: only where nothing else in the paragraph names a specific unit
# (将 before a verb (国务院办公厅将加强统筹协调 / 将会同 / 将着重做好) or as 把 before the thing the body acts on
# (市财政局将基础数据库与部门预算系统衔接); not 将 before a pronoun that points back (将其纳入…: the consequence of
# something said before), nor 即将 / 将近 / 将来)
# verbs of doing a body opens its clause with (各区加强对重点项目用地保障; 市民政局将综合…进行考核)
ACT_VERBS = (r"加强|加快|加大|建立|健全|制定|完善|推进|推动|落实|做好|开展|强化|统筹|督促|出台|设立|安排|保障|确保|提供|"
             r"组织开展|牵头组织|组织")
# (要 of a word is no modal: 主要负责同志, 重要, 只要, 必要, 纲要, 摘要, 紧要)
IT_YAO = regex.compile(r"(?<![主重只必纲摘概简紧首])要(?!求|素|点|件)|(?<!即)将(?![其之此它该这本近来]|上述)(?=\p{Han})|定于")
# what X要 / X应 asks right after the modal: to back others up (各级烟草部门应配合做好鉴定 / 要积极协助): the units
# support.  Not 要密切配合，做好… : units working closely together on the task that follows are responsible for it
MODAL_SUPPORT = regex.compile(r"(?:积极|主动|全力|认真|大力)?(?:配合|协助)")
# what X要 asks when it is to lead: 市场监管总局要发挥牵头作用 / 要牵头… (lead, not responsible)
MODAL_LEAD = regex.compile(r"(?:切实|充分|主动)?(?:发挥|负责|做好)?牵头")

# a clause that reports what a body did rather than assigning it a duty: 研究提出了办理意见： / 扶贫办已会同… /
# …拟定的《规定》已经国务院同意 / 会同有关部门研究提出：… (a reply letter's account); not 为了, 了解, 已有的
PAST_ACT = regex.compile(r"(?<![为除])了(?![解结])|已经(?![^，。；：]{0,6}的)|已(?=会同|牵头|负责)|提出[：:]")
# the end of the clause PAST_ACT reads: the sentence, or the colon that opens what was reported
PAST_ACT_END = regex.compile(r"[。；;：:]")

# X加强… / X建立…: a body opening its sentence with an action verb (各区加强对重点项目用地保障); read like X要
IT_ACT = regex.compile(r"(?:" + ACT_VERBS + r")")
# a time limit of a plan's task: YYYY年M月底前 / M月底前 / 每年M月底前 / YYYY年底前 (not 年内, 以来, 期间: no limit)
BY_DATE = (r"(?:\d{4}年(?:\d{1,2}月)?|(?:每年)?\d{1,2}月)(?:底|末|中旬|上旬|下旬|\d{1,2}日)?(?:之前|以前|前)")
# a body with the time limit of its act, which makes the act its task (a plan's schedule): the limit opens the clause
# before the body (2019年3月底前，国家卫生健康委推行… / 3月底前国家卫生健康委完成…) or stands between the body and its
# verb (国家卫生健康委于2019年12月底前完成… / 国家卫生健康委每年3月底前完成…)
IT_DATED_BEFORE = regex.compile(r"(?:在|于)?" + BY_DATE + r"[，,]?(?=\p{Han})")
IT_DATED_AFTER = regex.compile(r"(?:在|于)?" + BY_DATE + r"[，,]?(?=\p{Han})(?![的内])")
# X落实…情况列入/纳入…: the body's record is the topic of another verb, not a duty of the body
ACT_AS_TOPIC = regex.compile(r"情况(?:列入|纳入|作为|计入|记入)")
# modal and adverb words between a subject and its verb (各级政府要切实承担…)
# (and 牵头, in a clause X牵头，会同Y…: the body that leads is the subject of 会同)
# (and adverbs of scope and time: 各级政府都要…, 各级政府仍要…, 市工业和信息化局后续将…, X主要承担…)
SUBJECT_TRAIL = regex.compile(r"(?:要|应当|应|将|须|必须|需|需要|切实|继续|统一|全面|共同|主动|积极|依法|负责|分别|也|正在|已经|已|牵头|"
                           r"具体|都|均|还|仍|仍然|主要|后续|随后|届时)+$")
# words before a subject that are not part of it (确定市场监督管理部门负责… / 试点区域内县级以上政府应当… /
# 施工作业中施工单位要…)
SUBJECT_LEAD = regex.compile(r"^(?:\p{Han}{1,8}?(?:区域内|范围内|期间|内|(?:过程|工作|作业|实施|执行|活动)中(?!心))|确定|指定|同时|其中|另外|此外|并|还)")
# X为Y (省级考核部门为省应急管理厅宣教处，负责…): the body is Y
SUBJECT_IS = regex.compile(r"^\p{Han}{2,12}?为(?=\p{Han}{3})")
# X按照各自职能分工，负责… / X在职责范围内，分别负责…: the manner phrase after the body
SUBJECT_MANNER = regex.compile(r"(?:按照?|根据|依照|依据|在)[^，。；]{0,12}?(?:职责|职能|分工|范围内|规定)$")
# X在编制…时，要… / X在…之前: a time setting after the body, before the comma
SUBJECT_WHEN = regex.compile(r"在[^，。；]{1,40}?(?:时|之前|之后|以前|以后)$")
# X作为责任主体 / X作为牵头单位: the body is X
SUBJECT_AS = regex.compile(r"作为\p{Han}{2,10}$")

# the members of a body: A、B、C组成… / 由A、B等9个部门和单位组成 / A、B共同组成 (with a lead named in the same
# sentence, 教育部为牵头单位 / X牵头，A、B组成…, the members support it)
IT_MEMBERS = regex.compile(r"(?:等?(?:\d+|[一二三四五六七八九十两]+)个(?:部门和单位|部门|单位|成员单位)|等(?:部门|单位)?)?(?:共同)?组成")
# a condition or topic clause between a body and its modal (调查机关决定举行听证会的，应当… / 调查机关举行听证会，应当…)
CLAUSE_BEFORE_MODAL = regex.compile(r"[^。；，,：:]{1,30}[，,]$")

# name -> (source kind, role, pattern): the catalogue tests iterate over
CATALOGUE = {
    "parenthetical-role-chunk": ("parenthetical", "by role word", ROLE_CHUNK),
    "parenthetical-label": ("parenthetical", "by label", LABEL),
    "rule-first-listed-is-lead": ("document rule", "lead + support", RULE_FIRST_LEAD),
    "rule-default-implement": ("document rule", "implement", RULE_DEFAULT_IMPLEMENT),
    "duty-line": ("line", "responsible", DUTY_LINE),
    "department-headed-item": ("numbered item", "by duty words", DEPT_HEAD),
    "in-text-huitong": ("in-text", "lead + support", IT_HUITONG),
    "in-text-lead": ("in-text", "lead", IT_LEAD),
    "in-text-weizhu": ("in-text", "lead", IT_WEIZHU),
    "in-text-wei-lead": ("in-text", "lead", IT_WEI_LEAD),
    "in-text-fuze": ("in-text", "responsible", IT_FUZE),
    "in-text-zongze": ("in-text", "responsible", IT_ZONGZE),
    "in-text-zhuguan": ("in-text", "responsible", IT_ZHUGUAN),
    "in-text-you": ("in-text", "responsible", IT_YOU),
    "in-text-qing": ("in-text", "responsible", IT_QING),
    "in-text-yingdang": ("in-text", "responsible", IT_YINGDANG),
    "in-text-yao": ("in-text", "responsible", IT_YAO),
    "in-text-act": ("in-text", "responsible", IT_ACT),
    "in-text-dated-before": ("in-text", "responsible", IT_DATED_BEFORE),
    "in-text-dated-after": ("in-text", "responsible", IT_DATED_AFTER),
    "in-text-members": ("in-text", "support (lead named)", IT_MEMBERS),
}
