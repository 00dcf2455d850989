"""Official bodies: a national unit-name grammar, gazetteers per jurisdiction, and list splitting.

A unit name is either in a gazetteer (canonical name known) or has the shape of an official body:
an optional level or place prefix (国务院, 国家, 中央, 省, 自治区, 市, 州, 盟, 县, 区, 旗, 乡, 镇, 街道, 各…, 浙江省,
赣州市…), a function (发展改革, 人力资源社会保障, 盐业体制改革领导小组…) and a body suffix (厅, 委, 局, 办, 署, 中心,
海关, 分行, 人民政府, 领导小组办公室, 公司, 集团, 协会…).  Party bodies (省委宣传部), vertical bodies (XX海关,
国家税务总局XX省税务局, 人民银行XX分行), courts and procuratorates, collectives (各县（市、区）政府, 各有关部门)
and kinds of body (民政部门, 县级以上政府) are accepted; generic words (有关部门, 各成员单位) are kinds, never
flagged as unknown.  Gazetteers are data (``data/units*.json``), read through ``Resources``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

# body suffixes, longest first (the lazy scanner tries the shortest name, the full match the whole name)
SUFFIXES = ("领导小组办公室", "工作小组办公室", "小组办公室", "委员会办公室", "指挥部办公室", "联席会议办公室", "工作领导小组", "领导小组", "联席会议",
            # working groups named by their task (集中采购小组, 专家组, 督导组): bodies that carry duties
            "工作小组", "专家组", "工作组", "督导组", "督查组", "监督组", "检查组", "调查组", "小组",
            "人民政府办公厅", "人民政府办公室", "政府办公厅", "政府办公室", "中级人民法院", "高级人民法院", "人民法院",
            "人民检察院", "营业管理部", "营管部", "工作部", "工商联", "妇联", "残联", "侨联", "文联", "科协", "贸促会",
            "红十字会", "银行", "村（居）委会", "村民委员会", "居民委员会", "委员会", "管委会", "办公室", "办公厅",
            "办事处", "指挥部", "中心支行", "中心支局", "监管分局", "银保监局", "证监局", "分行", "支行", "支局",
            "分局", "海关", "分署", "总署", "供电公司", "公司", "集团", "协会", "商会", "学会", "联合会", "总工会", "总会",
            "工会", "中心", "主管机构", "机关", "新闻媒体", "人民政府", "政府", "部门", "高新区", "开发区", "调查总队", "调查队", "总队", "支队", "大队", "军分区", "警备区", "人民武装部", "武装部", "人武部",
            "党校", "档案馆", "日报社", "报社", "广播电视台", "电视台", "气象台", "兵团", "检察院", "法院",
            "研究院", "科学院", "工程院", "研究所", "管理所", "事务所", "研究室", "参事室", "高校", "院校", "学院", "学校", "党组", "宣传部", "组织部", "统战部", "政法委", "网信办", "村委会", "居委会",
            "局", "委", "办", "厅", "署")
_SUFFIX = "|".join(SUFFIXES)
_NAME_CHARS = r"[\p{Han}（）()〔〕·]"

# a whole string that ends in a body suffix (the shape of a unit name)
UNIT_FULL = regex.compile(r"^(?:各|有关)?" + _NAME_CHARS + r"{0,30}?(?:" + _SUFFIX + r")$")
# longest unit name read from running text
MAX_SCAN = 26
# a one-char suffix that is the first char of a word running on (普通教育办学, 委托, 局面): no name ends there
# (银行业 is a sector: 自贸试验区内银行业金融机构 is no 银行)
SUFFIX_RUNS_ON = regex.compile(r"(?<=办)(?:学|法|理|案|事(?!处))|(?<=局)(?:面|势|限)|(?<=委)(?:托|派|屈)|(?<=银行)业")
# a kind of body named after the body above it, read on from that body's name (国务院专利行政部门, 同级人民政府审核机构,
# 省人民政府有关部门): the function, then the kind word
KIND_TAIL = regex.compile(r"\p{Han}{0,10}?(?:行政部门|主管部门|管理部门|职能部门|审核机构|工作机构|办事机构|执法机构)|"
                          r"(?:有关|相关|所属)(?:部门|单位)")
# the bodies a KIND_TAIL is read after: a government or a class of organs (公安机关 + 交通管理部门), not a department
# (单位主管部门报项目管理部门 is two bodies and a verb)
KIND_HEADS = ("国务院", "政府", "机关")
# 等 (等部门, 等单位) closing a list of units: skipped before the next separator
LIST_DENG = regex.compile(r"等部门|等单位|等")
# a unit at a position in running text, shortest name first (市水利局及时下达 -> 市水利局)
UNIT_AT = regex.compile(r"(?:各|有关)?" + _NAME_CHARS + r"{1,24}?(?:" + _SUFFIX + r")")
# a body named by what it does: 施工单位, 房屋安全检测单位, 造价咨询机构 (not 有关单位, 责任单位, 成员单位)
KIND_BODY = regex.compile(r"^(?!各|有关|相关|其他|其它|上述|本|该|所在|下列|以下|责任|牵头|配合|成员|主管|参与|协办|主办|实施|职能)"
                          r"\p{Han}{2,10}(?:单位|机构)$")
# a list item read as an unknown body when most of its list are bodies (全国工商联, 中央军委政治工作部)
NAME_LIKE = regex.compile(r"^\p{Han}[\p{Han}（）()]{1,14}$")
# a ministry or party department: 中华人民共和国外交部, 中共中央组织部, 省委统战部 (部 alone is too common a word)
MINISTRY = regex.compile(r"^(?:中华人民共和国|中共\p{Han}{0,8}?|中央|国务院|省委|市委|州委|县委|区委|自治区党委)\p{Han}{1,12}部$")
# a division inside a body: 省应急管理厅宣教处, 市公安局治安科
SUB_UNIT = regex.compile(r"^" + _NAME_CHARS + r"{2,20}(?:厅|局|委|办)\p{Han}{1,6}?(?:处|科|室|所|站)$")
# level prefixes of the national grammar (the jurisdiction a body belongs to)
LEVEL_PREFIX = regex.compile(r"^(?:国务院|国家|中央|中共中央|全国|中国|省委|省|自治区|直辖市|市委|市|州|盟|县委|县|区委|区|旗|"
                             r"乡镇|乡|镇|街道|村|各级|各|有关|\p{Han}{1,8}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|区|旗|"
                             r"新区|乡|镇|街道))")
# words that are kinds of body or collectives, never a named unit of their own
GENERIC = regex.compile(r"^(?:各|有关|相关|其他|其它|各级|各有关|上级|本级)?(?:部门|单位|成员单位|机构|主管部门|职能部门|政府|"
                        r"有关部门|相关部门|责任单位|牵头单位)$|^(?:各|有关|相关)(?:部门|单位)$|单位$|同志$|负责人$|人员$|^各地(?:区|方)?$")
# a body described by its kind rather than named: 民政部门, 县级以上政府, 盐业主管机构, 省级人民政府 (kept, not
# flagged unknown)
KIND = regex.compile(r"(?:部门|主管机构|机构|机关|单位|各级政府|以上政府|以上人民政府)$|^(?:各|有关|相关|各有关|省直有关|市直有关)|"
                  # a level of government, not one government: 省级人民政府, 县级以上地方人民政府, 同级人民政府
                  r"^\p{Han}{0,6}(?:级|地方|同级|本级)(?:各级)?(?:人民)?政府$")
# collectives that carry duties as written (各区、各有关部门要…; 各单位、各部门要…; 相关 as 有关: 请各相关部门…)
# (and the cities or provinces of a kind: 各地级以上市要…, 各试点城市要…, 各省辖市、省直管县)
COLLECTIVE = regex.compile(r"^各(?:有关|相关)?(?:部门|单位)$|^各(?:区|县|市|乡镇|街道)$|^各级(?:人民)?政府$|"
                           r"^各(?:试点)?(?:城市|省份|地市|州市|市州|盟市|地级市|地级以上市|设区市|省辖市|县市区|区县|市县)$|"
                           # the pilot cities of a programme (各优化资本结构试点城市) and the lead departments of a plan
                           r"^各\p{Han}{1,10}?试点(?:城市|地区|省份|县|市)$|^(?:省|市|县|区)?各牵头(?:部门|单位)$|"
                           # all departments and units, in one word (各有关部门和单位要…)
                           r"^各(?:有关|相关)?部门(?:和|及|与)单位$|"
                           # the competent departments a notice addresses, the members of a body the text sets up
                           r"^各(?:有关|相关)?(?:主管部门|成员单位)$")
# the parties a policy regulates rather than bodies that carry it out (施工单位, 项目建设单位, 生产企业, 公立医疗机构,
# 金融机构, 开户行, 租赁公司): their 要 / 应 duties are not obligations of units (a 负责 clause still names them)
REGULATED = regex.compile(r"(?:企业|施工单位|建设单位|经营单位|生产单位|使用单位|医疗机构|金融机构|开户行|经营者|生产者|"
                          r"加油站|申请人|当事人|业主|"
                          # a kind of company, not one named (租赁公司(包括外资租赁公司)应…, 保险公司, 融资担保公司)
                          r"(?:租赁|保险|证券|担保|贷款|信托|基金|期货|物业|房地产|财务|典当)公司)$")
# a list item that is only a level word, sharing the next item's suffix: 各市、县〔市、区〕政府 / 市、县政府 /
# 各盟市、旗县（市、区）人民政府
LEVEL_ONLY = regex.compile(r"^(?:各)?(?:省辖市|设区市|地级市|盟市|旗县|区县|市|县|区|省|自治区|直辖市|乡|镇|乡镇|街道|省直管县|"
                        r"县级市|盟|旗|州|市州|地州)$")
# a parent body before the level list of its branches: 国家外汇管理局各省、自治区、直辖市分局 / 国家税务总局各省、自治区、
# 直辖市税务局 (the parent, 各, the first level word; the branches' suffix closes the list)
PARENT_LEVEL = regex.compile(r"^(?P<parent>\p{Han}{3,16}?)各(?:省|自治区|直辖市|市|县|区|盟|州|地区)$")
# 各 and the level words of a parent body's branches, in running text (…各省、自治区、直辖市…)
BRANCH_LEVELS = regex.compile(r"各(?:省|自治区|直辖市|市|县|区|盟|州|地区)(?:、(?:省|自治区|直辖市|计划单列市|市|县|区|盟|州|地区))+、?")
# a body designated by another: 市、县政府指定的部门 / 市、县（市、区）政府确定的盐业主管机构 / 省、自治区、直辖市人民政府
# 管理专利工作的部门 (a regulation's name for the department in charge of a field)
DESIGNATED = regex.compile(r"^(?P<by>.+?(?:政府|部门))(?:确定|指定|(?:管理|主管|负责)\p{Han}{1,12}?)的"
                           r"(?P<kind>\p{Han}{0,8}(?:部门|机构))$")
# the members of a named body: 省盐业体制改革领导小组成员单位
MEMBERS = regex.compile(r"^(?P<body>.+?)成员单位$")
# a name that opens with a verb is a clause, not a body (建立健全政府…, 建设张江综合性国家科学中心)
VERB_START = regex.compile(r"^(?:建立|健全|加强|推进|完善|推动|实施|开展|落实|支持|鼓励|引导|组织|加快|强化|提高|促进|深化|指导|明确|"
                           r"优化|防止|严禁|禁止|坚持|统筹|协调|做强|做大|扩大|创新|提升|听取|审议|检查|及|和|与|并|等|"
                           r"督促|确保|做好|发挥|建设|打造|培育|构建|设立|成立|依托|围绕|通过|按照|根据|参照|报请|提请|报送|呈报|经|对|向|在|请|由|"
                           # a verb of scope or a time word opens a clause too (涉及两个以上部门…, 今年高校毕业生…)
                           r"涉及|属于|符合|今年|明年|去年|当年|目前|当前)")
# words that end in a body suffix but are not bodies (布局, 格局, 大局…)
NOT_BODY_END = regex.compile(r"(?:布局|格局|大局|全局|结局|开局|变局|新局|时局|定局|僵局|当局|骗局|"
                          r"举办|创办|兴办|主办|开办|筹办|申办|合办|代办|包办|试办|停办)$")
# vague collectives: a list naming only these leaves room for the X要 sentences of the paragraph
VAGUE = regex.compile(r"^(?:各|各级)?(?:有关|相关|其他)?(?:部门|单位|成员单位|机构)$|^(?:省|市|县|区)?(?:级|直|政府)?(?:各|有关|相关)(?:有关)?(?:部门|单位)$")
# a conjunction that joins two lists (各有关部门和各省辖市…): read as a list separator
JOIN_EACH = regex.compile(r"[和及与](?=各)")
# words that cannot be inside a unit name (a clause, not a name)
BAD_INSIDE = regex.compile(r"[的在对为是把将从向要应按使让其该此这由或了哪]|承担|(?:过程|工作|作业|实施|执行|活动)中(?!心)|提出|研究|办理|承办|督办|区域内|范围内|辖区内|关于|听取|审议|本办法|本规定|第\p{Han}{1,4}条|负责|牵头|配合|会同|组织|"
                           r"落实|根据|职能|分别|指定|确定")
# words of body names that contain a char BAD_INSIDE rejects (应急管理厅, 对外贸易…)
BAD_INSIDE_OK = regex.compile(r"应急|管委会|对外|为民|在线|要素|由来|自由|组织部|研究(?=中心|院|室|所)")
# a bracketed part of a name (各县（市、区）政府): set aside when the name's shape is checked
BRACKETED = regex.compile(r"[（(〔][^（）()〔〕]*[）)〕]")
# 等 / 等部门 / 等单位 closing a list
# (and 等 + the field the departments work in: 市场监管、发展改革、…、统计等市场监管领域有关部门)
TRAIL_ETC = regex.compile(r"(?:等有关部门|等有关单位|等相关部门|等部门|等单位|"
                          r"等\p{Han}{1,8}?(?:领域|行业|系统)(?:有关|相关|主管)?(?:部门|单位)|等)$")
# words before a list that are not part of its first name
LEAD_WORDS = regex.compile(r"^(?:并由|由|请|要求|责成|各由|特别是|其中)")
LIST_SEP = "、，,；;"
# conjunctions inside a list (A和B, A与B, A及B)
CONJ = regex.compile(r"[和与及]")
# a place or zone named in a list of bodies whose last item gives the organ (两江新区、…、万盛经开区管委会)
PLACE_NAME = regex.compile(r"^\p{Han}{1,14}(?:新区|园区|开发区|高新区|经开区|保税区|试验区|示范区|自贸区|管理区|片区|[省市县区旗镇乡])$")
# the short name a list's last unit is given for the rest of the text: …管委会（以下统称区县政府）
ALIAS_TAIL = regex.compile(r"[（(]以下(?:简称|统称|合称|称)[^（）()]{1,20}[）)]$")
# a note on a unit's scope in brackets after it: 租赁公司（包括外资租赁公司） / 各类学校（含民办学校） (not the
# alternatives of a name, 各县（市、区）政府, which stay)
NOTE_TAIL = regex.compile(r"[（(](?:包括|包含|含|不含|除)[^（）()]{1,30}[）)]$")
# a short elliptical name inside "A、B、C等部门" (质监、消防、安监、环保等部门; the function of a ministry in a
# State Council text: 发展改革、人力资源社会保障、文化和旅游…等部门; a longer one does not end in a body word)
ELLIPTICAL = regex.compile(r"^(?:\p{Han}{2,4}|\p{Han}{5,8}(?<![局厅委办署院部]))$")
# a document of the central government: its 发文字号 or issuer (国发, 国办发, 国函, 国务院, 中共中央, 国家X局)
CENTRAL_HINT = regex.compile(r"(?:^|\n)(?:国发|国办|国函|国令|国务院|中共中央|中办|中发|国家|全国|中华人民共和国)")
# the short name of a jurisdiction: 聊城市 -> 聊城, 山东省 -> 山东, 广西壮族自治区 -> 广西
JURISDICTION_SHORT = regex.compile(r"^(?P<short>\p{Han}{2,}?)(?:壮族自治区|回族自治区|维吾尔自治区|自治区|自治州|省|市|县|区|盟|州)$")


@dataclass(frozen=True)
class UnitName:
    name: str
    start: int
    end: int
    canonical: Optional[str]


@dataclass
class Table:
    """One gazetteer file: the bodies of one jurisdiction (or of the central government)."""
    jurisdiction: str                       # 聊城市 / 山东省 / 中央
    level: str                              # central | province | city | county
    codes: tuple[str, ...] = ()             # 发文字号 agency-code prefixes (聊, 鲁)
    parent: Optional[str] = None            # the jurisdiction above (山东省 for 聊城市)
    full: dict[str, str] = field(default_factory=dict)     # unambiguous names -> canonical
    local: dict[str, str] = field(default_factory=dict)    # bare-prefix names (市X局, 省X厅) -> canonical
    collective: set[str] = field(default_factory=set)

    @classmethod
    def from_data(cls, data: dict) -> "Table":
        j = data.get("jurisdiction", "")
        level = data.get("level", "city")
        t = cls(jurisdiction=j, level=level, codes=tuple(data.get("codes", ())), parent=data.get("parent"))
        bare = {"province": "省", "city": "市", "county": "县", "district": "区"}.get(level)
        for u in data.get("units", []):
            c = u["canonical"]
            for a in [c] + list(u.get("aliases", [])) + list(u.get("historical", [])):
                if bare and a.startswith(bare) and not (j and a.startswith(j)):
                    t.local.setdefault(a, c)
                else:
                    t.full.setdefault(a, c)
                # 聊城市X局 <-> 市X局 are the same body
                if bare and j and a.startswith(j):
                    t.local.setdefault(bare + a[len(j):], c)
            for a in u.get("bare", []):     # 统计局 in a State Council text is the 国家统计局
                t.local.setdefault(a, c)
        t.collective = set(data.get("collective", []))
        return t

    @property
    def short(self) -> str:
        m = JURISDICTION_SHORT.match(self.jurisdiction)
        return m.group("short") if m else self.jurisdiction


class Gazetteer:
    """Bodies of several jurisdictions.  Full names resolve everywhere; a bare 市/省 prefix resolves only in
    the jurisdictions in scope (see :meth:`scoped`)."""

    def __init__(self, *tables: dict | Table, scope: Optional[frozenset[str]] = None, central: bool = False):
        self.tables = [t if isinstance(t, Table) else Table.from_data(t) for t in tables]
        self.scope = scope
        self.full: dict[str, str] = {}
        self.local: dict[str, str] = {}
        self.collective: set[str] = set()
        for t in self.tables:
            for a, c in t.full.items():
                self.full.setdefault(a, c)
            if t.level == "central":
                active = central        # bare central names (统计局) only where the document is itself central
            else:
                active = scope is None or t.jurisdiction in scope
            if active:
                for a, c in t.local.items():
                    self.local.setdefault(a, c)
            self.collective |= t.collective
        self.alias = {**self.local, **self.full}
        self._by_first: Optional[dict[str, tuple[str, ...]]] = None

    def jurisdictions_of(self, hint: str) -> frozenset[str]:
        """The jurisdictions a document belongs to, read from its issuers, 发文字号 agency and gazette name
        (``hint``, joined text), with the jurisdictions above them; central bodies are always in scope."""
        hit = set()
        for t in self.tables:
            if t.level == "central":
                hit.add(t.jurisdiction)
            elif (t.short and t.short in hint) or any(hint.startswith(c) or f"\n{c}" in hint for c in t.codes):
                hit.add(t.jurisdiction)
        parents = {t.jurisdiction: t.parent for t in self.tables}
        for j in list(hit):
            while parents.get(j):
                j = parents[j]
                hit.add(j)
        return frozenset(hit)

    def scoped(self, hint: str) -> "Gazetteer":
        """This gazetteer with bare 市/省 names resolved in the jurisdictions ``hint`` names only."""
        scope = self.jurisdictions_of(hint)
        local = any(t.level != "central" and t.jurisdiction in scope for t in self.tables)
        return Gazetteer(*self.tables, scope=scope, central=bool(CENTRAL_HINT.search(hint)) and not local)

    def canonical(self, name: str) -> Optional[str]:
        if name in self.alias:
            return self.alias[name]
        if name in self.collective:
            return name
        for t in self.tables:      # 聊城市X局 written in full for a body known by its short form
            if t.jurisdiction and name.startswith(t.jurisdiction) and (self.scope is None or t.jurisdiction in self.scope):
                bare = {"province": "省", "city": "市", "county": "县", "district": "区"}.get(t.level, "")
                if bare + name[len(t.jurisdiction):] in t.local:
                    return t.local[bare + name[len(t.jurisdiction):]]
        return None

    def known(self, name: str) -> bool:
        return self.canonical(name) is not None

    def names(self) -> list[str]:
        return sorted(set(self.alias) | self.collective, key=len, reverse=True)

    def by_first(self) -> dict[str, tuple[str, ...]]:
        """Names indexed by their first char, longest first (for scanning running text)."""
        if self._by_first is None:
            d: dict[str, list[str]] = {}
            for n in self.names():
                d.setdefault(n[0], []).append(n)
            self._by_first = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in d.items()}
        return self._by_first

    def nearest(self, name: str) -> Optional[str]:
        """The one gazetteer name a misread name stands for: same length (five chars or more), one char
        different (市发展改划委 -> 市发展改革委), two for names of ten chars or more (家画税务总局聊城市税务局).
        None when no name or several names are that close."""
        if len(name) < 5 or self.known(name):
            return None
        limit = 2 if len(name) >= 10 else 1
        best: dict[int, set] = {}
        for n in self.alias:
            if len(n) == len(name) and not _other_kind(n, name):
                k = sum(a != b for a, b in zip(n, name))
                if k <= limit:
                    best.setdefault(k, set()).add(n)
        for k in sorted(best):
            return best[k].pop() if len(best[k]) == 1 else None
        return None


# the last char of a body's name that says what kind of body it is: a name read with another of them
# (人力资源社会保障厅 for the ministry's 人力资源社会保障部) names another body, not a misreading
KIND_ENDS = frozenset("部厅局委办署院会室处科所站")


def _other_kind(a: str, b: str) -> bool:
    """Do two names of one length end in different kinds of body (厅 / 部)?"""
    return a[-1] != b[-1] and a[-1] in KIND_ENDS and b[-1] in KIND_ENDS


def _default() -> Gazetteer:
    from .resources import Resources
    return Resources().gazetteer


def has_level(name: str) -> bool:
    """The name opens with a level or place prefix (省教育厅, 赣州市应急管理局, 国家统计局, 各区)."""
    return bool(LEVEL_PREFIX.match(name))


def is_vague(name: str) -> bool:
    """各有关部门, 有关单位, 省级有关部门: a collective that names no particular body."""
    return bool(VAGUE.match(name) or GENERIC.search(name))


def is_regulated(name: str) -> bool:
    """施工单位, 生产企业, 试点地区公立医疗机构: a party the text regulates, not a body that carries it out."""
    return bool(REGULATED.search(name))


def is_generic(name: str) -> bool:
    """A kind of body or a collective word (有关部门, 民政部门, 县级以上政府): kept, never flagged unknown."""
    return bool(GENERIC.search(name) or KIND.search(name))


def is_unit(name: str, gz: Gazetteer | None = None) -> bool:
    """Is ``name`` a body that can carry a duty: known to the gazetteer, or shaped like an official body."""
    gz = gz or _default()
    if gz.known(name) or COLLECTIVE.match(name):
        return True
    m = MEMBERS.match(name) or DESIGNATED.match(name)
    if m:
        head = m.group(1)
        return is_unit(head, gz) or bool(LEVEL_ONLY.match(head)) or _level_list(head, gz)
    if KIND_BODY.match(name) and not BAD_INSIDE.search(BAD_INSIDE_OK.sub("", name)) and not VERB_START.match(name):
        return True
    if len(name) < 3 or len(name) > 32 or GENERIC.search(name) or BAD_INSIDE.search(BAD_INSIDE_OK.sub("", name)):
        return False
    if not _balanced(name):
        return False
    if VERB_START.match(name) or NOT_BODY_END.search(name):
        return False
    core = BRACKETED.sub("", name)
    if "、" in core or "，" in core:
        return _level_list(name, gz)
    return bool(UNIT_FULL.match(core) or SUB_UNIT.match(core) or MINISTRY.match(core))


def _level_list(s: str, gz: Gazetteer) -> bool:
    """市、县政府 / 市、县（市、区）政府: level words sharing the last item's suffix."""
    parts = [p for p, _ in _split_top(s)]
    return len(parts) > 1 and (LEVEL_ONLY.match(parts[0]) or _parent_level(parts[0], gz)) \
        and all(LEVEL_ONLY.match(p) for p in parts[1:-1]) and is_unit(parts[-1], gz)


def _parent_level(piece: str, gz: Gazetteer) -> bool:
    """国家外汇管理局各省: a named body, then 各 and the first level word of its branches' list."""
    m = PARENT_LEVEL.match(piece)
    return bool(m) and bool(gz.known(m.group("parent")) or UNIT_FULL.match(m.group("parent")) or MINISTRY.match(m.group("parent")))


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        if ch in "（(〔":
            depth += 1
        elif ch in "）)〕":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _split_top(s: str) -> list[tuple[str, int]]:
    """Split at list separators outside brackets; (piece, offset).  An unclosed bracket does not swallow the
    rest of the list: when brackets never close, the split is redone ignoring them."""
    def split(respect: bool):
        out, depth, start = [], 0, 0
        for i, ch in enumerate(s):
            if respect and ch in "（(〔":
                depth += 1
            elif respect and ch in "）)〕":
                depth = max(0, depth - 1)
            elif depth == 0 and ch in LIST_SEP:
                out.append((s[start:i], start))
                start = i + 1
        out.append((s[start:], start))
        return out, depth
    out, depth = split(True)
    if depth:
        out, _ = split(False)
    return out


def _merge_levels(s: str, pieces: list[tuple[str, int]], gz: Gazetteer) -> list[tuple[str, int]]:
    """各市、县〔市、区〕政府 is one unit: pieces that are only level words join the next piece when together
    they name a body (省、自治区、直辖市人民政府管理专利工作的部门 from its first level word on; 各街道、乡镇 stay two
    collectives)."""
    out: list[tuple[str, int]] = []
    carry: list[tuple[str, int]] = []
    for piece, off in pieces:
        level = (LEVEL_ONLY.match(piece.strip()) or not carry and _parent_level(piece.strip(), gz)) \
            and off + len(piece) + 1 < len(s) and s[off + len(piece) + 1] != "各"
        if level:
            carry.append((piece, off))
            continue
        for k, (_, c_off) in enumerate(carry):
            merged = s[c_off:off + len(piece)]
            if is_unit(TRAIL_ETC.sub("", merged.strip()), gz):
                out.extend(carry[:k])
                piece, off = merged, c_off
                break
        else:
            out.extend(carry)
        carry = []
        out.append((piece, off))
    out.extend(carry)
    return out


def split_units(s: str, offset: int = 0, gz: Gazetteer | None = None) -> Optional[list[UnitName]]:
    """The whole string as a list of units (A、B和C等部门), or None when any piece is not a unit."""
    gz = gz or _default()
    units: list[UnitName] = []
    s = JOIN_EACH.sub("、", s)
    pieces = _merge_levels(s, _split_top(s), gz)
    # level words left alone in a list with a collective (各街道、乡镇) are collectives too
    collective_list = any(COLLECTIVE.match(TRAIL_ETC.sub("", p.strip())) for p, _ in pieces)
    etc_list = bool(TRAIL_ETC.search(s.rstrip())) and len(pieces) > 1
    # a name by function longer than four characters only in a list closed by 等…部门 / 等…单位 (not by a bare 等:
    # 政务新媒体、政府网站、政务热线等 are channels, not departments)
    etc_dept = etc_list and bool(regex.search(r"等\p{Han}{0,10}(?:部门|单位)$", s.rstrip()))
    unbalanced = not _balanced(s)     # an unclosed bracket: keep the pieces that are bodies, skip the rest
    lenient = len(pieces) >= 3 and sum(is_unit(TRAIL_ETC.sub("", p.strip()), gz) for p, _ in pieces) * 3 >= len(pieces) * 2
    for piece, off in pieces:
        raw = piece
        piece = piece.strip()
        if not piece:
            continue
        lead = LEAD_WORDS.match(piece)
        if lead:
            piece = piece[lead.end():]
        piece = TRAIL_ETC.sub("", NOTE_TAIL.sub("", ALIAS_TAIL.sub("", piece)))     # A、B等部门（以下简称…）
        start = offset + off + (len(raw) - len(raw.lstrip())) + (lead.end() if lead else 0)
        if not piece:
            continue
        # in a list of bodies, the last side of A和B may be a name that shares the list's suffix:
        # 各区县政府和两江新区、重庆高新区、万盛经开区管委会
        whole = gz.known(piece) or bool(COLLECTIVE.match(piece))
        parts = None if whole or not CONJ.search(piece) else _conj_split(piece, gz, lenient)
        if parts is None and CONJ.search(piece) and not whole and _has_unit_side(piece, gz) \
                and not (lenient and is_unit(piece, gz)):
            return None     # A和有关部门: one side is not a named unit
        if parts is None and (is_unit(piece, gz) or (collective_list and LEVEL_ONLY.match(piece)) or
                              ((etc_list and ELLIPTICAL.match(piece) and (len(piece) <= 4 or etc_dept)
                                or lenient and NAME_LIKE.match(piece)) and _plain(piece))):
            units.append(UnitName(piece, start, start + len(piece), gz.canonical(piece)))
            continue
        # A和B / A与B: split at a conjunction only when both sides are units (not 工业和信息化局)
        if parts is None and unbalanced:
            continue
        if parts is None:
            return None
        for p, o in parts:
            units.append(UnitName(p, start + o, start + o + len(p), gz.canonical(p)))
    return units or None


def _plain(piece: str) -> bool:
    """No clause words, no verb at the start, not a generic word: a name, if the list says so."""
    return not BAD_INSIDE.search(BAD_INSIDE_OK.sub("", piece)) and not VERB_START.match(piece) and not GENERIC.search(piece)


def _has_unit_side(piece: str, gz: Gazetteer) -> bool:
    """Some conjunction in ``piece`` has a unit on its left (A和有关部门, not 工业和信息化局)."""
    return any(is_unit(piece[:m.start()], gz) for m in CONJ.finditer(piece))


def _conj_split(piece: str, gz: Gazetteer, lenient: bool = False) -> Optional[list[tuple[str, int]]]:
    """A和B(和C): split where every side is a unit; ``lenient`` (a list mostly of units) also takes a last
    side that names a place or zone, which shares the organ the list's last item names (A政府和B新区、C管委会)."""
    for m in CONJ.finditer(piece):
        a, b = piece[:m.start()], piece[m.end():]
        if is_unit(a, gz):
            b = TRAIL_ETC.sub("", b)
            if is_unit(b, gz) or lenient and bool(PLACE_NAME.match(b)) and _plain(b):
                return [(a, 0), (b, m.end())]
            rest = _conj_split(b, gz, lenient)
            if rest:
                return [(a, 0)] + [(p, o + m.end()) for p, o in rest]
    return None


def scan_units(text: str, pos: int = 0, gz: Gazetteer | None = None) -> list[UnitName]:
    """Units listed from ``pos`` on in running text (会同A、B及时下达 -> A, B); stops at the first non-unit."""
    gz = gz or _default()
    out: list[UnitName] = []
    i = pos
    while i < len(text):
        best = _at(text, i, gz)
        if best is None:
            break
        out.append(UnitName(best, i, i + len(best), gz.canonical(best)))
        i += len(best)
        m = LIST_DENG.match(text[i:i + 3])
        if m:
            i += m.end()
        sep = 2 if text.startswith("或者", i) else 1
        if i < len(text) and (text[i] in "、，,和与及或" or sep == 2) and _at(text, i + sep, gz):
            i += sep
            continue
        break
    return out


def _at(text: str, i: int, gz: Gazetteer) -> Optional[str]:
    """The unit name that starts at ``i``: the longest gazetteer name, else the shortest well-formed name."""
    for n in gz.by_first().get(text[i:i + 1], ()):
        if text.startswith(n, i):
            # the parent of a list of branches (国家外汇管理局各省、自治区、直辖市分局): the whole list is one name
            branches = _branch_list(text, i, i + len(n), gz)
            if branches:
                return text[i:branches]
            # a known name that is only the head of a longer body (商务部 in 商务部门) gives way to it
            longer = _extend_suffix(text, i, i + len(n))
            if longer > i + len(n) and is_unit(text[i:longer], gz):
                return text[i:longer]
            return text[i:_kind_tail(text, i, i + len(n), gz)]
    # the shortest well-formed name (民办高校, not 民办): every end at a body suffix, nearest first
    for j in range(i + 3, min(len(text), i + MAX_SCAN) + 1):
        if not text.endswith(SUFFIXES, i, j) or not UNIT_AT.fullmatch(text, i, j) or SUFFIX_RUNS_ON.match(text, j):
            continue
        if is_unit(text[i:j], gz):
            j = _extend_suffix(text, i, j)
            return text[i:_kind_tail(text, i, j, gz)]
        if GENERIC.search(text[i:j]):
            # a generic word (有关部门) ends the name there: what follows is a clause, not a longer name
            # (会同有关部门组建协调小组和专家委员会)
            return None
    return None


def _branch_list(text: str, i: int, j: int, gz: Gazetteer) -> Optional[int]:
    """The end of 各 + level words + the branches' name after the body ``text[i:j]`` (国家税务总局 + 各省、自治区、
    直辖市税务局), when the whole is one body by the level-list grammar, else None."""
    m = BRANCH_LEVELS.match(text, j)
    if not m:
        return None
    for k in range(m.end() + 2, min(len(text), m.end() + 10) + 1):       # the shortest name, as in running text
        if text.endswith(SUFFIXES, i, k) and _level_list(text[i:k], gz):
            return k
    return None


def _kind_tail(text: str, i: int, j: int, gz: Gazetteer) -> int:
    """The end of a kind of body that the name ``text[i:j]`` heads (国务院 + 专利行政部门), else ``j``."""
    m = KIND_TAIL.match(text, j) if text.endswith(KIND_HEADS, i, j) else None
    if not m:
        return j
    tail = m.group()
    if VERB_START.match(tail) or CONJ.search(tail) or "各" in tail or BAD_INSIDE.search(BAD_INSIDE_OK.sub("", tail)):
        return j
    return m.end() if is_unit(text[i:m.end()], gz) else j


def _extend_suffix(text: str, i: int, j: int) -> int:
    """A suffix that overlaps the end of a name and runs past it is the name's real suffix
    (财政经济委 + 员会 -> 财政经济委员会; 市商务局 stays)."""
    best = j
    for k in range(max(i, j - 7), j):
        for sfx in SUFFIXES:
            if k + len(sfx) > best and text.startswith(sfx, k):
                best = k + len(sfx)
    return best
