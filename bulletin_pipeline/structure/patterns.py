"""Named patterns of the structure stage (one constant each, tested in tests/test_structure_rules.py)."""
import regex

from ..lexicon import jumps

# continuation markers, as printed: （下转第34页） / （上接第15页） and their other wordings (lexicon/jumps.py)
CONT_TO = jumps.JUMP_TO
CONT_FROM = jumps.JUMP_FROM

# issue number on the cover or in the running header: 2019年第11期（总第200期）, 2019年第十一期（总第二百期）,
# 国务院公报's 总第1660号 / 总号1660
_ISSUE_NUMBER = r"(?P<number>\d{1,3}|[一二三四五六七八九十]{1,4})"
ISSUE_NO = regex.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*第\s*" + _ISSUE_NUMBER + r"\s*期")
ISSUE_NO_ALONE = regex.compile(r"^第\s*" + _ISSUE_NUMBER + r"\s*期")
TOTAL_NO = regex.compile(r"总\s*(?:第|号\s*[:：]?)\s*(?P<total>\d{1,5}|[一二三四五六七八九十百千〇零]{1,8})\s*[期号]?")
YEAR_ALONE = regex.compile(r"^(?P<year>(?:19|20)\d{2})\s*年?$")
# the kinds of 公文 printed with their title alone, with no masthead and no 发文字号: …的公告, …的通告
TITLE_ALONE_KIND = regex.compile(r"(?:公告|通告)$")
# a gazette's name: 聊城市人民政府公报, 政策文件选编政报 (never a title's words: 关于…的公告 is a 公告's title, or the
# last line of one, wrapped)
GAZETTE_NAME = regex.compile(r"^(?!.*(?:的|关于))\p{Han}{2,30}(?:公报|政报|政务公报|公告)$")

# 目录 page
TOC_HEAD = regex.compile(r"^\s*目\s*录\s*$|^\s*目\s*次\s*$|^\s*CONTENTS\s*$", regex.I)
TOC_SECTION = regex.compile(r"^\s*[◎●■□◆★☆▲△◇○@⊙©®]\s*(?P<title>\S.*?)\s*$")    # @ ⊙ ©: OCR reads of ◎
# a 目录 section heading's name inside what a printer sets around it: marks before and after (◎ ◆ ★ — ·), an
# item number (一、), a pair of brackets (【省政府文件】 〖〗 [] 《》 〔〕 （）) -> 省政府文件
_SECTION_MARKS = r"[\s◎●■□◆◇★☆▲△▼▽○⊙※·•\-—–―~～*#]*"
SECTION_NAME = regex.compile(r"^" + _SECTION_MARKS + r"(?:[一二三四五六七八九十]+[、.．]\s*)?"
                             r"(?|【(?P<name>[^【】]+)】|〖(?P<name>[^〖〗]+)〗|[\[［](?P<name>[^\[\]［］]+)[\]］]"
                             r"|《(?P<name>[^《》]+)》|〔(?P<name>[^〔〕]+)〕|[（(](?P<name>[^（()）]+)[）)]"
                             r"|「(?P<name>[^「」]+)」|(?P<name>.+?))" + _SECTION_MARKS + r"$")
TOC_LEADER_PAGE = regex.compile(r"^(?P<title>.*?)\s*[\.．。…·‥_\-—―\s]{2,}\s*(?P<page>\d{1,4})\s*$")
TOC_LEADERS_ONLY = regex.compile(r"^(?P<title>.*?)\s*[\.．。…·‥_]{3,}\s*$")
TOC_ITEM_START = regex.compile(r"^(?:第[一二三四五六七八九十百\d]+[部分章节篇编条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|"
                               r"\d{1,2}\s*[\.．、](?!\d)|附件|附录)")
# dot leaders left at the end of a 目录 title once its page number is cut off: 关于…的通知…………; a title
# that nearly fills its line leaves room for one leader glyph, and … / ‥ are leaders of several dots alone;
# after the bracket that closes a 文号 any mark is what OCR kept of the leaders (…57号）· or …127号）‘)
TOC_LEADER_TAIL = regex.compile(r"(?:[\.．。…·‥_]{2,}|[…‥]|(?<=[）)])[\.．。…·‥_,，、'\"“”‘’`]+)$")
# a 文号 in brackets after a 目录 title: 关于…的意见（国发〔2019〕5号）
TOC_TITLE_NUMBER = regex.compile(r"^(?P<title>.+?)[（(](?P<num>[^（()）]{2,30}号)[）)]$")
# a 文号 in a pair of brackets on a 目录 line of its own, under its title: （国发〔2019〕5号）
TOC_BRACKETED_NUMBER = regex.compile(r"^[（(](?P<num>[^（()）]{2,30}号)[）)]$")
# the item number a 目录 entry may be set after: 1． / 2、 / 一、 / （三） (not part of the title)
TOC_ENTRY_NUMBER = regex.compile(r"^(?:\d{1,2}\s*[\.．、](?!\d)|[一二三四五六七八九十]{1,3}\s*、|[（(][一二三四五六七八九十\d]{1,3}[）)])\s*"
                                 r"(?=\S)")
PAGE_ONLY = regex.compile(r"^\s*(?P<page>\d{1,4})\s*$")
COLOPHON_KEY = regex.compile(r"(?P<key>主管主办|主管|主办|编辑出版|编辑|出版|电话|传真|邮编|地址|E-?mail|电子邮箱|刊号|"
                             r"印刷|发行|网址|准印证号)\s*[:：]\s*", regex.I)

# document parts (GB/T 9704-2012)
SPECK_MARKS = ".．。·,，、:：'\"“”‘’`"     # what OCR reads dust as, beside a date, a page number, a masthead
_SPECKS = r"[\s" + regex.escape(SPECK_MARKS) + r"]*"
# a 目录 line whose 发文字号 is glued to its page number, OCR specks between (聊政发〔2019〕15号 2)
TOC_DOCNUMBER_PAGE = regex.compile(r"^(.*号)[" + regex.escape(SPECK_MARKS) + r"]*(\d{1,4})$")
# a 目录 line whose page number follows the closing bracket of its 文号 with no gap (the leaders shrank to
# nothing on a full line): 关于…的通知（聊政字〔2019〕13号）11, or a wrapped 文号's end 〔2019〕16号）7
TOC_BRACKETED_NUMBER_PAGE = regex.compile(r"^(?P<head>.*\d\s*号\s*[）)])(?P<page>\d{1,4})$")
# what an issue id's slug may not hold
NOT_SLUG = regex.compile(r"[^a-z0-9]")
DATE_FULL = regex.compile(rf"^{_SPECKS}(?P<y>(?:19|20)\d{{2}})\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日{_SPECKS}$")
DATE_CN = regex.compile(r"^\s*(?P<y>[〇零一二三四五六七八九○OoＯ0]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月"
                        r"\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日\s*$")
# 版头 marks above the masthead: 份号 (six digits), 密级和保密期限 (秘密★1年), 紧急程度 (特急 / 加急)
COPY_NO = regex.compile(r"^(?:份号\s*[:：]?\s*)?(?P<no>\d{6})$")
SECRECY = regex.compile(r"^(?P<level>绝密|机密|秘密)(?:\s*[★☆\*]\s*(?P<term>\S{1,12}))?$")
URGENCY = regex.compile(r"^(?P<urgency>特急|加急|特提|平急)$")
# the three marks set on consecutive short lines that layout may join into one paragraph: 000128秘密★1年特急
HEAD_MARKS = regex.compile(r"^(?:份号[:：]?)?(?P<no>\d{6})?(?P<secrecy>(?:绝密|机密|秘密)(?:[★☆\*][^特加平]{1,12}?)?)?"
                           r"(?P<urgency>特急|加急|特提|平急)?$")
# 签发人 of an upward document, alone or to the right of the 发文字号: 签发人：张三 李四
SIGNER = regex.compile(r"签\s*发\s*人\s*[:：]\s*(?P<names>\S.*)$")
# a 政府令's number under its masthead: 第282号
ORDER_NUMBER = regex.compile(r"^第\s*(?P<n>\d{1,5})\s*号$")
# a 政府令's number names the body that issued it: 湖北省人民政府令第282号 (where no masthead or 署名 does)
ORDER_NUMBER_ISSUER = regex.compile(r"^(?P<issuer>\p{Han}{2,40}?)令\s*第\s*\d{1,5}\s*号$")
# a masthead that is an order: 湖北省人民政府令 / 中华人民共和国国务院令
ORDER_MASTHEAD = regex.compile(r"^(?P<issuer>\p{Han}{2,40}?)令$")
# 版记: 抄送：… and <印发机关> <date>印发
CC = regex.compile(r"^抄\s*送\s*[:：]\s*(?P<names>.+?)[。.]?$")
IMPRINT = regex.compile(r"^(?P<printer>\p{Han}[\p{Han}（）()]{1,40}?)\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月"
                        r"\s*(?P<d>\d{1,2})\s*日\s*印\s*发$")
# the 印发 line run on after the 抄送 list's closing 。 (抄送：…市政协办公厅。上海市人民政府办公厅2018年11月22日印发)
CC_THEN_IMPRINT = regex.compile(r"。(?P<imprint>[^。]+印\s*发)$")
# 附注 under the date: a bracketed line (此件公开发布 / 联系人：…)
NOTE = regex.compile(r"^[（(](?P<note>[^（()）]{2,80})[)）]$")
# the masthead's 文件 word, printed after or beside the issuer names
MASTHEAD_WORD = regex.compile(r"文\s*件$")
ADDRESSEE = regex.compile(r"^(?P<names>[^。；;！？]{2,200})[:：]$")
# a 主送 whose closing ： OCR lost: nothing but organ names, each group ending in an organ word, apart by ，；
_ADDRESSEE_GROUP = (r"[^，,；;。！？：:\s]{1,40}?(?:政府|机构|部门|单位|委员会|机关|管委会|局|委|办|厅|部|院|署|中心|公司|室|处|会|所|"
                    r"学校|院校|行|团|军区|分区)")
ADDRESSEE_NO_COLON = regex.compile(rf"^{_ADDRESSEE_GROUP}(?:[，,；;]{_ADDRESSEE_GROUP})*$")
# a sentence that ends in ： and is no 主送: 现就有关事项通知如下： / 现批复如下：
NOT_ADDRESSEE = regex.compile(r"如下[:：]$")
ORG_LINE = regex.compile(r"^[\p{Han}（）()·]{2,40}(?:政府|办公室|办公厅|委员会|局|委|厅|部|院|署|中心|公司|会|处|所|行|社|"
                         r"集团|组|站|队|团|办|分局|支行|管委会|大学|学校|法院|检察院)$")
ATTACHMENT = regex.compile(r"^\s*附\s*件\s*[:：]\s*")
# the label alone over an attached text: 附件 / 附件1 / 附件 2 (the attached 方案, 名单, 报告 follows with its title)
ATTACHMENT_LABEL = regex.compile(r"^\s*附\s*件\s*\d{0,2}\s*[:：]?\s*$")
ATTACHMENT_ITEM = regex.compile(r"^\s*\d{1,2}\s*[\.．、]\s*\S")
DOC_TYPE = regex.compile(r"(?P<type>决议|决定|命令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要|令)"
                         r"(?:[（(][^）)]*[）)])?$")
TRANSMIT = regex.compile(r"印发|转发|批转|颁布|发布")
CHRONICLE = regex.compile(r"大事记")
EVENT_START = regex.compile(r"^(?P<d1>\d{1,2})\s*(?:[—\-–～~至]\s*(?P<d2>\d{1,2}))?\s*日\s*[，,、]")
YEAR_MONTH = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月")

# a paragraph that ends its sentence (a （下转） cut after it is no cut inside a sentence)
SENTENCE_CLOSED = regex.compile(r"[。！？]$")
# a bracketed subtitle line under a title: 大事记 / （2019年10月）
BRACKETED = regex.compile(r"^[（(].*[）)]$")
# any run of whitespace (removed before matching a paragraph's text)
WHITESPACE = regex.compile(r"\s+")
# separators between 主送 / 抄送 groups (、 stays inside a group) and between the names of 签发人
GROUP_SEPARATORS = "，,；;"
NAME_SEPARATORS = "、，,；; "
