"""Is promotion feedback concrete (it names something to show or change) or vague?

The check reads the text clause by clause. A clause is an *ask* when it tells the person to do
something: an imperative ("Lead the accessibility audit"), a directive frame ("I'd like you to
…", "you need to …", "we want to see …") or a proposal ("one external talk … would go a long
way"). An ask is concrete when what it asks for is anchored in something checkable: a specific
verb of action with a specific object, a number, a name, an artefact. Asks made only of traits
and career clichés ("be more visible", "show more ownership", "keep growing", "operate at the
next level") are not anchored, and neither are praise, timing, budget or committee talk with no
ask at all. The vocabulary below is general: feedback clichés and everyday work verbs, not the
words of any one data set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from promocase.core.dates import MONTH_NAMES, MONTHS

# -- vocabulary ---------------------------------------------------------------------------------

# Verbs that name an action with a deliverable: with any specific object they make a concrete ask.
ACTION_VERBS = frozenset(
    """add adopt analyse analyze announce answer apply arrange ask audit automate bring
    build calculate call chair change close coach collect complete consolidate coordinate cut
    debug decide decommission define delegate delete deliver demo deploy deprecate design
    document draft drive drop educate eliminate escalate establish estimate explain facilitate
    file finish fix follow gather give hand handle hire hit host implement instrument interview
    introduce invite join launch lead loop measure meet mentor merge migrate moderate move
    negotiate onboard organise organize own pair pick pilot plan prepare present prioritise
    prioritize produce propose prototype publish raise recruit redesign reduce refactor release
    remove renegotiate replace report reply request research resolve retire review rewrite
    roll rotate run schedule send set ship shadow sign simplify speak sponsor standardise
    standardize start stop submit summarise summarize support survey teach test track train
    transfer turn upgrade use validate write assign comment walk clean share list map
    benchmark monitor triage unblock refine prune archive split break combine update respond
    check verify reproduce attend sit book contact email message invite hold chair tidy
    record author enforce cancel return certify shut sunset onboard pitch close
    route conduct provide land sort fill post circulate""".split()
)

# Verbs that carry little on their own; the rest of the ask has to be specific enough.
GENERIC_VERBS = frozenset(
    """act aim be become continue demonstrate develop do exhibit expand feel focus gain get
    go grow have improve increase keep learn let make operate practise practice push reach
    seek show spend stay step strengthen stretch take think try work lean reflect recharge
    rest relax""".split()
)

# Words that never make an ask specific: traits, career words, fillers, levels and time words.
GENERIC_WORDS = frozenset(
    """a about above absolutely accountability across act again agency all almost also always
    ambiguity an and any anything approach area areas around as at attitude authority autonomous
    autonomously autonomy away back bar be behaviour behaviours behavior behaviors being best
    better beyond big bigger bit broader business by can candidate capabilities capability
    career case challenge challenges clear clearer comfortable communication company
    competencies competency confidence confident consistency consistent consistently continue
    contribution contributions could culture current day days deeper definitely development
    different do doing done down driven drive each effective effectiveness efforts else energy
    engagement enough even ever everyone evidence example excellence excellent executive
    expectation expectations exposure extra fine focus for force forward from front full further
    future general generally get go going good great greater grow growing growth hard harder
    have help higher highly how i if impact impactful important in independence independent
    independently individual influence influential initiative initiatives into is it its itself
    job just keep kind large larger lead leader leaders leadership learn learning less level
    levels like little long longer lot lots maintain make many matter matters mature maturity
    maybe me mindset model momentum more most motivated motivation much multiplier my need
    network new next noticeable now of on one's ones only operate or org organisation
    organization organisational organizational other others our out outside over overall own
    ownership part patient people perform performance period personal picture point points
    positive potential presence principal proactive proactively proactivity profile progress
    promotion put quality quite ready real really relationships responsibilities responsibility
    result results right role rockstar say scope see self senior seniority show showing side skill
    skills so soft solid some something soon stakeholders staff standards stay step strategic
    strategically strategy stretch strong stronger stuff success successful support sure
    take team teams than that the their them themselves then there these thing things think
    this those thought through time title to together top track trust up upward us value
    valuable very visibility visible want way ways we well what when where whole will with work
    working would year years yet you your yours yourself are is was were been has had does did
    not no nothing none noticed assertive confident decisive collaborative vocal humble
    empathetic resilient organised organized structured reliable dependable creative innovative
    curious accountable agile open transparent professional polished articulate credible
    credibility judgement judgment thinking gravitas polish rapport alignment player
    contributor contributors member members mentality approachable mid-year midyear year-end
    end-of-year cycle cycles quarter quarters half month months week weeks revisit round
    clarity seen known recognised recognized regarded perceived viewed go-to person someone
    look whole broader foundation established encourage decision decisions close data-driven
    technical direction vision sustained ambiguous situation situations steady
    cross-functional cross-team writes until then ceo cto vp bolder bold idea ideas
    disagreement disagreements leverage one who goes cross raising raise director directors
    portfolio domain domains space needful faster quicker agenda shaping managing game
    stakeholder management rather strongest multiplying multiplier independence story stories
    comfort zone voice table function elevate partner involved earlier inside engineering sweat
    small opinionated minded owner brand reacting reactive instead stop waiting asked
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday
    opportunity opportunities align aligned aligns framework frameworks qualities outlook
    start stop begin already eng engs dri type skip gm yaar lah leh
    room region regions managers site end-to-end e2e path paths rest recharge breather ladders
    accomplished achieved everything lean reflect problem problems floor scale client-facing
    customer-facing people-facing gotta man dude mate bro another sense makes he she him her
    his hers additional appropriate reapply re-apply reapplying resubmit demonstrate
    demonstrating demonstrated exhibit exhibiting display displaying
    multi perspective altitude defensive negative overcommit overcommitting thin heads-down
    hide spread span spans making readiness nxt they before approve come push behind promote
    promoting promoted trusted advisor advisors broaden broadening tenure present available
    engaged hands-on responsive narrative narratives submission submissions commercial
    commercially associate okay ok yeah feedback discussed view views opinion opinions should
    shall might must which whichever whatever whom whose""".split()
)

# Verbs that open a sentence to someone without asking them to do anything ("I want you to
# know the decision was close").
NON_ASK_VERBS = frozenset("know understand hear appreciate remember realise realize note".split())

# A number that counts time ("for about six months") says how long, not what.
TIME_UNITS = frozenset(
    "day days week weeks month months quarter quarters year years cycle cycles half halves".split()
)

# A letter's formula, not an ask: "please be advised that your request has been deferred"
_NOTICE = re.compile(r"^be\s+(?:advised|assured|aware|informed|reminded|notified)\b", re.I)
_SAME_AGAIN = re.compile(
    r"^\W*(?:do\s+)?(?:that\s+|the\s+same\s+)?(?:too|as\s+well|the\s+same)\W*$", re.I
)
# "Write the next one": the work named in the sentence before
_ANAPHOR = re.compile(r"^(?:the\s+next\s+one|another\s+one|one\s+more|the\s+same)\b", re.I)
_STATEMENT = re.compile(
    r"^\W*(?:things|it|this|that|everything|we|they|he|she|i)\s*(?:will|would|'ll|can|could|"
    r"should|is|are|was|were|'s|'re|might|may)\b"
    # a spoken tag or a comment on what was said: "I guess", "you know what I mean", "is the
    # headline", "that's the summary from calibration"
    r"|^\W*(?:i\s+(?:guess|think|mean|suppose|reckon|feel)|you\s+know(?:\s+what\s+i\s+mean)?|"
    r"right|yeah|yes|okay|ok|anyway|honestly)\W*$"
    r"|^\W*(?:is|was|that's|that\s+is|which\s+is)\s+(?:the|my|our|their|basically|really)\b"
    # what someone then did or did not do: "… and then didn't answer it herself"
    r"|^\W*(?:and\s+)?(?:then\s+)?(?:didn'?t|did\s+not|never|doesn'?t|does\s+not)\b",
    re.I,
)
_COMPANY_CONDITION = re.compile(
    r"\b(?:ratio|ratios|budget|budgets|headcount|freeze|reorg|restructure|calibration|slots?|"
    r"quota|quotas|banding|bands?|comp\s+plan|compensation\s+plan|pay\s+review|salary\s+review|"
    r"positions?|new\s+one|workforce\s+planning|req|reqs)\b",
    re.I,
)
_CARRY_ON_WORDS = frozenset("up it to on at going this that doing".split())
# "keep your head down", "keep your chin up": carrying on, put as an idiom
# "think like a GM", "act like an owner", "raise the bar", "bias for action": traits in a phrase
_TRAIT_IDIOM = re.compile(
    r"^(?:(?:think|act|operate|behave|work|lead)\w*\s+(?:more\s+|a\s+bit\s+more\s+)?like\s+"
    r"(?:a|an|the)\b|raise\s+the\s+bar\b|"
    r"bias\s+for\s+action\b|move\s+the\s+needle\b|level\s+up\b|up\s+your\s+game\b|"
    # "show up as a leader in the room", "act as a true partner to operations", "think bigger",
    # "increase your impact on …", "do the needful"
    r"show\s+up\s+(?:as|like|more)\b|(?:act|be|serve)\s+as\s+(?:a|an)\s+(?:true\s+|real\s+|"
    r"strategic\s+|trusted\s+|genuine\s+)?(?:partner|leader|owner|role\s+model|"
    r"force\s+multiplier|thought\s+partner)\b|think\s+big(?:ger)?\b|"
    r"(?:increase|grow|broaden|expand|raise|widen|deepen|build|drive|amplify)\s+"
    r"(?:your\s+|the\s+|their\s+|his\s+|her\s+)?"
    r"(?:impact|influence|visibility|scope|presence|reach|profile|footprint|exposure)\b|"
    r"do\s+the\s+needful\b(?!\s+to\b)|"
    r"think\s+(?:more\s+)?(?:about\s+)?(?:the\s+)?(?:bigger|big|wider|broader)\s+picture\b|"
    r"lean\s+(?:in|into)\b|step\s+up\b)",
    re.I,
)
_CARRY_ON_IDIOM = re.compile(r"^keep\s+(?:your\s+)?(?:head|chin|eyes?)\s+(?:down|up|on)\b", re.I)
_REPUTATION = re.compile(
    r"^be\s+(?:seen|known|recognised|recognized|viewed|regarded|perceived)\s+as\b"
    r"|^become\s+(?:a|an|the)\s+(?:more\s+)?(?:recogni[sz]ed|trusted|respected|known|visible|"
    r"go-to|leading|credible)\b"
    # how the person comes across: "try not to come across as defensive when …"
    r"|^(?:try\s+(?:not\s+)?to\s+)?(?:come|coming|comes)\s+across\s+(?:as|more|less)\b",
    re.I,
)
# A name that only says whose group it is ("partnership with the CFO org") pins nothing down.
_GROUP_NOUNS = frozenset(
    "org orgs organisation organization team teams group groups function functions department "
    "departments leadership stakeholders side".split()
)
_DETERMINERS = frozenset("of the a an your our their this that".split())
_LEVEL_ID = re.compile(r"^(?:[A-Za-z]{1,2}\d{1,2}|IC\d{1,2}|SWE\d)$")
COMPARATIVES = frozenset("more better bigger greater stronger broader deeper wider clearer".split())

PRONOUN_OBJECTS = frozenset({"it", "that", "this", "them", "those", "these", "its"})

# Number words up to twenty, as people say them ("EM two", "by fifteen May 2027").
_CARDINALS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split()
)

NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten twelve twice half-day first".split()
)

# Frames that turn what follows them into an ask.
_FRAMES = [
    r"\b(?:i|we)(?:'d| would)\s+(?:really\s+)?(?:like|love)\s+(?:to\s+see\s+)?(?:you\s+)?(?:to\s+)?",
    r"\b(?:i|we)\s+(?:really\s+)?(?:want|need|expect)\s+(?:to\s+see\s+)?you\s+(?:to\s+)?",
    r"\b(?:i|we)\s+(?:really\s+)?(?:want|need|expect|would like)\s+to\s+see\s+(?:you\s+)?(?:to\s+)?",
    r"\b(?:i(?:'d| would))\s+(?:like|love)\s+to\s+see\s+",
    # someone else would like to see it: "they'd love to see you run …", "the committee would
    # like to see you give …"
    r"\b(?:they|he|she|it|the\s+(?:\w+\s+)?(?:committee|panel|board|group|leadership|org|team|"
    r"calibration|reviewers?|leads?|managers?))(?:'d|\s+would)\s+(?:really\s+)?(?:like|love)\s+"
    r"to\s+see\s+(?:you\s+|the\s+(?:candidate|nominee|employee)\s+)?",
    # formal and passive asks: "the committee asks that the candidate lead …", "the employee is
    # encouraged to …", "is needed that you …" (non-native), "the specific ask is that you …"
    r"\b(?:asks?|requests?|recommends?|expects?|suggests?|proposes?|requires?)\s+that\s+"
    r"(?:the\s+(?:candidate|nominee|employee|engineer|person)|you|he|she|they)\s+"
    r"(?:should\s+|will\s+|must\s+)?",
    r"\b(?:recommends?|suggests?|proposes?)\s+(?:the\s+(?:candidate|nominee|employee)|you)\s+"
    r"(?:should\s+)?(?=[a-z]+\s)",
    r"\b(?:is|are|you're|you\s+are|they're)\s+(?:strongly\s+|also\s+)?(?:encouraged|expected|"
    r"asked|invited|advised|required|requested)\s+to\s+",
    r"\b(?:it\s+)?is\s+(?:needed|necessary|required|expected)\s+that\s+you\s+(?:should\s+)?",
    r"\bthe\s+(?:\w+\s+)?(?:ask|request|expectation)\s+is\s+that\s+you\s+(?:should\s+)?",
    r"\b(?:the\s+team|the\s+org|the\s+company|they|we)\s+needs?\s+you\s+to\s+",
    r"\byou(?:'ll| will)?\s+(?:really\s+)?(?:need|have|must|should|ought|got)\s+to\s+",
    r"\byou\s+(?:really\s+)?(?:need|must|should)\s+",
    r"\byou\s+(?:really\s+)?(?:gotta|gonna\s+have\s+to|have\s+got\s+to)\s+",
    r"\b(?:it\s+)?would\s+(?:be\s+)?(?:great|good|help|nice|ideal)\w*\s+if\s+"
    r"(?:at\s+some\s+point\s+|sometime\s+)?you\s+(?:could\s+|would\s+|can\s+)?",
    r"\b(?:it'?s|it\s+is|is)\s+(?:important|key|essential|crucial|critical)\s+"
    r"(?:(?:that\s+)?you|to|for\s+you\s+to)\s+",
    r"\bplease\s+you\s+",
    r"\b(?:my\s+hope\s+is\s+that|i'?d\s+hope\s+that|i\s+hope\s+that)\s+(?:[^,]*?\s)?you(?:'ve|\s+have)?\s+",
    r"\byou\s+should\s+be\s+the\s+one\s+",
    r"(?<!going to )(?<!i'll )(?<!i will )"
    r"\b(?:try|aim|make\s+sure|be\s+sure|remember|plan|start|begin)\s+to\s+(?!finish\b)",
    r"\b(?:the|your)\s+next\s+step\s+is\s+to\s+",
    r"\bwhat\s+i'?m\s+looking\s+for\s+is\s+",
    # "The single thing I would ask before I take your case to the panel is that you …"
    r"\b(?:single|one|only|main)\s+thing\s+(?:i|we)(?:'d|\s+would)\s+ask\b[^.;]{0,60}?\bis\s+"
    r"(?:that\s+you\s+|for\s+you\s+to\s+)",
    r"\b(?:maybe|perhaps)\s+you\s+(?:could|can|might)\s+",
    # the same once "maybe" is read as a filler: "(Maybe) you could start updating …"
    r"^\W*you\s+(?:could|might)\s+(?!(?:have|be|see|tell|say|feel|imagine|argue)\b)",
    # a note's ask for the person by name: "Ask: Arjun formally mentors both …"
    r"^\W*(?:the\s+)?(?:ask|action|next\s+step)\s*(?::|\s+is)\s+(?:for\s+)?[A-Z][a-z]+\s+(?:to\s+)?"
    r"(?=(?:\w+ly\s+)?\w+s?\s)",
    # about the person: "at his level I'd expect him to be the one keeping the file current"
    r"\b(?:i|we)(?:'d|\s+would)?\s+(?:really\s+)?(?:expect|want|need)\s+(?:him|her|them)\s+to\s+"
    r"(?:be\s+the\s+one\s+)?",
    # told to someone else: "the thing ana wants is i build the tier 1 curriculum"
    r"\bthe\s+(?:one\s+|main\s+|big\s+)?thing\s+(?:\w+\s+){1,2}(?:wants?|needs?|expects?|"
    r"asked\s+for)\s+is\s+(?:that\s+)?(?:(?:i|you)\s+)?(?:to\s+)?(?=[a-z]+\s)",
    r"\bwhat\s+(?:they|we|i|he|she|the\s+\w+)\s+(?:want|wants|need|needs|expect|expects|would\s+like)"
    r"(?:\s+to\s+see)?\s+is\s+(?:for\s+)?(?:you\s+)?(?:to\s+)?",
    # "What would tip it: at least one customer reference call where …"
    r"\bwhat\s+(?:would|will|could)\s+(?:tip\s+(?:it|the\s+(?:balance|scales))|change\s+(?:it|the\s+"
    r"answer|(?:their|the\s+committee's)\s+minds?)|make\s+the\s+difference|get\s+you\s+(?:there|over"
    r"\s+the\s+line))\s*(?:is\s+)?",
    # non-native: "the committee is wishing that you will make the leading of the migration"
    r"\b(?:wish|wishes|wishing|hopes|hoping)\s+(?:that\s+)?you\s+(?:will\s+|would\s+|can\s+|to\s+)?",
    # questions and conditions that ask: "could you take over …", "if you run the next two …"
    r"\b(?:could|would|can|will)\s+you\s+(?:please\s+)?(?:be\s+up\s+for\s+|consider\s+)?",
    r"\bwhat\s+if\s+you\s+",
    # "Consider taking on the audit", "what would it look like for you to lead …?"
    r"(?:^|[.:;]\s*|\b(?:you\s+)?(?:could|might|should)\s+)consider\s+(?=[a-z]+ing\b)",
    r"\bwhat\s+would\s+it\s+(?:look\s+like|take)\s+for\s+you\s+to\s+",
    r"\bhow\s+about\s+(?:you\s+)?",
    r"\b(?:if|assuming(?:\s+that)?|provided(?:\s+that)?|as\s+long\s+as)\s+you(?:'d|\s+had)?\s+"
    r"(?:can\s+|could\s+|were\s+to\s+|actually\s+|just\s+)?",
    # the inverted condition: "Had you been running the class on your own, the panel …"
    r"^\W*had\s+you\s+(?:been\s+|already\s+)?(?=\w+(?:ing|ed)\b)",
    r"\bonce\s+(?:you(?:'ve|\s+have)?|they(?:'ve|\s+have)?|the\s+\w+\s+(?:has|have))\s+",
    # someone else's ask, passed on: "Dominik wants to see you …", "they want you to …"
    r"(?<!n't )(?<!n’t )(?<!not )\bwants?\s+(?:to\s+see\s+)?you\s+(?:to\s+)?(?:have\s+)?",
    r"(?<![Ii] )(?<![Ww]e )\basked\s+(?:to\s+see|for)\s+",
    r"\b(?:i|we|they|he|she|(?:the\s+)?\w+s)\s+wants?\s+that\s+you\s+",
    # a form's suggestion: "Suggest presenting the caching results at the March tech talk"
    r"(?:^|\b(?:i|we)\s+|[.:]\s*)(?:suggest(?:ed)?|recommend(?:ed)?|propose[ds]?)\s+(?=\w+ing\s)",
    # a peer's question about the person: "Could she take the lead on the capacity plan?"
    r"\b(?:could|would|can)\s+(?:she|he)\s+(?:please\s+|maybe\s+)?(?=[a-z]+\s)",
    # reported by the person: "she wants me to …", "my manager thinks I should …"
    r"\b(?:wants?|needs?|expects?|asked|told|asks?|advised|encouraged|pushed)\s+me\s+to\s+",
    r"(?<!if )\b(?:i|we)\s+(?:really\s+)?(?:should|must|need\s+to|have\s+to|had\s+to|ought\s+to|"
    r"gotta|got\s+to)\s+(?:to\s+)?",
    r"\bthe\s+(?:(?:specific|main|key|big|real|only|concrete)\s+)?(?:ask|main\s+thing|"
    r"one\s+thing|gap|big\s+one)\s+(?:for\s+you\s+)?is\s+(?:to\s+)?(?!(?:smaller|bigger|small|big|narrow|narrower|closing|"
    r"not|real|there|closer|close)\b)",
    # what a trait means in practice: "for you that means running the architecture review"
    r"\b(?:for\s+you\s+)?(?:that|this|which)\s+means\s+(?=\w+ing\b)",
    # a gap put as what the person has never done: "you've never completed a … on your own"
    r"\b(?:gap|thing|problem|issue)\b[^.;]{0,40}?\bis\s+that\s+(?:you|i)(?:'ve|\s+have)\s+never\s+",
    r"\byou(?:'ve|\s+have)\s+never\s+(?=\w+ed\b)",
    # a comparison that names the gap: "you were the only one who hadn't mentored a …"
    r"\b(?:you\s+were|you're|you\s+are)\s+the\s+only\s+(?:one|candidate|person)\s+(?:who|that)\s+"
    r"(?:hadn'?t|hasn'?t|had\s+not|has\s+not|didn'?t|did\s+not|never)\s+(?:yet\s+)?",
    r"\bwhat\s+i'?d\s+(?:want|like|need)\s+to\s+see\s+(?:[^,.]{0,40}?\s)?is\s+",
    r"\basks?\s+you\s+to\s+",
    # a challenge: "I bet you can't get checkout p95 under 300ms"
    r"\bi\s+bet\s+you\s+(?:can'?t|cannot|won'?t)\s+",
    # a question that asks: "Why aren't you the one demoing at the advisory board?"
    r"\bwhy\s+(?:aren'?t|are\s+not|don'?t|do\s+not)\s+you\s+(?:the\s+one\s+)?",
    r"\bwhy\s+you\s+(?:don'?t|do\s+not)\s+",
    # "Why haven't you put yourself forward to chair …", "What's stopping you from taking …"
    r"\bwhy\s+(?:haven'?t|have\s+not|didn'?t|did\s+not)\s+you\s+(?:yet\s+)?",
    r"\bwhat(?:'s|\s+is)\s+(?:stopping|keeping|holding)\s+you\s+(?:back\s+)?from\s+",
    r"^\W*(?:really\s+)?(?:need|want)\s+to\s+see\s+you\s+",
    # "just need one EBR where you carry the room": the work itself, as a noun
    r"\b(?:you\s+)?(?:just\s+)?need\s+(?=(?:one|a|an|two|three|\d+)\s+[A-Za-z])"
    r"(?!(?:a\s+)?(?:bit|little|tad|while)\s+(?:more\s+|longer\b)?(?:time|tenure|patience)?)",
    r"\brequires?\s+(?:a\s+|the\s+)?(?:demonstration|evidence|proof)\s+of\s+",
    # the work itself, wanted from the person: "the desk wants one investigative piece from you"
    r"\b(?:wants?|needs?|expects?)\s+(?:to\s+see\s+)?(?=(?:one|a|an|two|three|\d+)\s+(?!(?:bit|little|tad|lot)\b)[^.;]{3,60}?"
    r"\s+from\s+(?:you|her|him|them)\b)",
    # a note of what the manager wants: "concretely she wants a single dependency board for …"
    r"\b(?:she|he|they|my\s+(?:manager|mgr|boss|skip))\s+(?:wants|needs|expects)\s+"
    r"(?=(?:a|an|one|two|three)\s+(?!(?:bit|little|tad|lot|promotion|promo|raise)\b)[a-z])",
    # a note's action item: "gap: no hiring plan → Ivy to write the FY28 hiring plan"
    r"(?:→|->|=>)\s*(?:[A-Z][a-z]+|you)\s+to\s+(?=[a-z]+\s)",
    # the person in the third person, as a director or a committee writes: "wants to see her
    # drive the API deprecation plan"
    r"\bwants?\s+to\s+see\s+(?:her|him|them|the\s+(?:candidate|nominee|employee))\s+(?=[a-z]+\s)",
    r"\bagreed\s+(?:that\s+)?you\s+(?:will|'ll)\s+",
    r"\b(?:after|once|when|until)\s+(?:the\s+(?:candidate|nominee|employee)|you|they|he|she)\s+"
    r"(?=(?:completes?|finish(?:es)?|delivers?|ships?|leads?|runs?|owns?|presents?|writes?)\b)",
    r"\b(?:the\s+(?:candidate|nominee|employee|engineer|person)|candidate|nominee|they|he|she)\s+"
    r"(?:must|should|needs?\s+to|has\s+to|will\s+need\s+to)\s+",
    # a development goal in an HR form: "goal agreed with manager: candidate to lead two …"
    r"^\W*(?:the\s+)?(?:candidate|nominee|employee)\s+to\s+(?=[a-z]+\s)",
    # shorthand and a form's comment, the person understood: "Needs to lead one design review
    # per quarter", "Comment: must own the on-call rota", "need to become a bar raiser"
    r"(?:^\W*|\b(?:comments?|notes?|gap|development\s+areas?|next\s+steps?|action)\s+is\s+)"
    r"(?:still\s+|really\s+|also\s+)?(?:needs?\s+to|must|should|has\s+to)\s+(?=[a-z]+\b)",
]
_FRAME = re.compile("|".join(f"(?:{f})" for f in _FRAMES), re.IGNORECASE)

# A subject followed by one of these is proposed as the ask ("one talk ... would go a long way").
_PROPOSAL = re.compile(
    r"^(?P<body>.+?)\s+(?:would|will|could)\s+(?:go\s+a\s+long\s+way|really\s+help|help\s+(?:a\s+lot|your\s+case)|"
    r"make\s+(?:a|the)\s+(?:big\s+)?difference|strengthen\s+your\s+case|"
    r"fix\s+(?:a\s+lot|it|this|that|most\s+of\s+(?:it|this|that))|solve\s+(?:it|this|that|a\s+lot)|"
    r"be\s+(?:a\s+)?(?:very\s+|really\s+|hugely\s+)?(?:visible|valuable|strong|powerful|compelling)\b)"
    # "adding schema tests to those pipelines is the thing I'd want to see"
    r"|^(?P<wanted>.+?)\s+is\s+(?:the\s+(?:one\s+)?thing|what)\s+(?:i|we|they|the\s+\w+)(?:'d|\s+would)\s+"
    r"(?:want|like|need|love|expect)\s+to\s+see",
    re.IGNORECASE,
)


def _proposed(text: str) -> str | None:
    """What `text` proposes as the ask ("one talk … would go a long way"), if anything."""
    proposal = _PROPOSAL.match(text)
    return (proposal.group("body") or proposal.group("wanted")) if proposal else None


# Asks for a state of the work rather than an action: "wants the accessibility audit done",
# "once retention is enforced in the EU warehouses", "expect the proposal to be adopted by …".
# Each becomes "get <the work> <state>", which has to be pinned down like any generic ask.
_OUTCOME_FRAMES = [
    re.compile(
        r"\b(?:i|we)\s+(?:want|need|expect)\s+(?:to\s+see\s+)?(?P<obj>[^,;.]{3,80}?)\s+"
        r"(?P<state>above|below|under|over|at\s+least|at\s+most|less\s+than|more\s+than)\s+"
        r"(?P<rest>[$€£]?\d[^;.]*)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:wants?|needs?|expects?|would\s+like|hope)\s+(?:to\s+see\s+)?"
        r"(?P<obj>(?:the|your|this|that|all|every)\s+"
        r"[^,;.]{3,80}?)\s+(?P<state>done|fixed|finished|shipped|completed|delivered|live|"
        r"in\s+place|written|tested|approved|adopted|launched)\b(?P<rest>[^;.]*)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:once|when|if|until)\s+(?P<obj>[^,;.]{3,80}?)\s+(?:is|are|has\s+been|have\s+been|"
        r"gets?)\s+(?:\w+ly\s+)?(?P<state>\w+(?:ed|en|wn))\b(?P<rest>[^,;.]*)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?P<obj>(?:the|your|all|every)\s+[^,;.]{3,80}?)\s+should\s+(?:all\s+)?be\s+(?:\w+ly\s+)?"
        r"(?P<state>\w+(?:ed|en|ing))\b(?P<rest>[^;.]*)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:expect|want|need|like)\s+(?:to\s+see\s+)?(?P<obj>(?:the|your|a|an)\s+[^,;.]{3,80}?)"
        r"\s+to\s+be\s+(?:\w+ly\s+)?(?P<state>\w+(?:ed|en))\b(?P<rest>[^;.]*)",
        re.IGNORECASE,
    ),
]

_LEAD_FILLERS = re.compile(
    r"^(?:(?:and|but|so|also|then|now|maybe|perhaps|please|pls|plz|kindly|honestly|tbh|just|"
    r"yeah|like|right|look|listen|alright|anyway|going\s+forward|moving\s+forward|sort\s+of|"
    r"kind\s+of|"
    r"really|first|"
    r"finally|next|still|simply|ideally|again|ok|okay|basically)\b[\s,]*)+",
    re.IGNORECASE,
)
_SUBJECT_FOLLOWERS = frozenset(
    "is are was were has had will would can could should might may isn't aren't wasn't "
    "doesn't didn't won't went looks seems said says thinks told wants asked mentioned feels "
    "feel think".split()
)
_DENIED = re.compile(r"\b(?:nobody|no\s+one|none\s+of|not|never)\b|n't\b", re.IGNORECASE)
_SAME_IN_PAST = frozenset("hit cut set put read let beat shut spread cost quit split".split())
_NEGATED = re.compile(r"^(?:don'?t|do\s+not|never|stop\s+being)\b", re.IGNORECASE)
_REASSURING = frozenset(
    "worry worried hesitate stress panic forget lose give overthink change beat doubt sweat "
    "rush read let settle".split()
)

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'/][A-Za-z0-9]+)*|\d+(?:[.,:]\d+)*%?")
_CLAUSE_SPLIT = re.compile(
    r"\s*(?:[,;()]|(?<!\d):|:(?!\d)|\s[-–—]\s|\.\s|\?\s|!\s|[.?!][\"”’']\s)\s*"
)
_SENTENCE_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’]))\s+(?=[A-Z0-9\"'])|\n+")


# -- vagueness kinds and the questions that make each concrete -----------------------------------

_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "budget",
        re.compile(
            r"\b(budget|headcount|head\s*count|slots?|frozen|freeze|numbers?\s+game|business\s+need|"
            r"raise|band|layoffs?|reorg|funding|money|cost\s+cutting|no\s+room)\b",
            re.I,
        ),
    ),
    (
        "timing",
        re.compile(
            r"\b(next\s+(?:cycle|year|round|time|half|review)|mid-?year|timing|not\s+the\s+right\s+time|"
            r"too\s+early|a\s+bit\s+early|soon|wait|patient|patience|tenure|time\s+in\s+(?:level|role)|"
            r"months\s+in|longer\s+period|revisit|later|not\s+yet|yet)\b",
            re.I,
        ),
    ),
    (
        "process",
        re.compile(
            r"\b(committee|calibrat\w*|process|panel|the\s+bar|packet|narrative|data\s+points|"
            r"conservative|the\s+room|decided|decision)\b",
            re.I,
        ),
    ),
    (
        "trait",
        re.compile(
            r"\b(strategic|visib\w+|ownership|leadership|leader|influence|communicat\w+|presence|"
            r"proactive|autonom\w+|scope|impact|senior|step\s+up|next\s+level|maturity|role\s+model|"
            r"multiplier|ambiguity|soft\s+skills|bigger\s+picture|thought\s+leader|attitude|"
            r"consisten\w+|exposure|growth|grow\w*|responsibilit\w+|comfort\s+zone|vision|"
            r"independen\w+|brand|voice|story|opinionated|commercial\w*|stakeholder\w*|"
            r"judg(?:e)?ment|credibility|partner\w*|agenda|profile|relationships?)\b",
            re.I,
        ),
    ),
    (
        "praise",
        re.compile(
            r"\b(great|excellent|strong\w*|well|rockstar|valued|impressive|highly|good|potential|"
            r"loves?|glowing|fine|right\s+track|almost\s+there|close)\b",
            re.I,
        ),
    ),
]

_QUESTIONS = {
    "trait": (
        "You said \u201c{trait}\u201d: what would that look like in my work next quarter, in which "
        "project, meeting or document, and what would 'done' look like?"
    ),
    "process": (
        "Which criteria did the decision find short, and what evidence would close each one?"
    ),
    "timing": (
        "If the timing had been right, would my case have been approved as it stands? When is the "
        "next decision, and who makes it?"
    ),
    "budget": (
        "Is anything missing in my work, or is this only budget or headcount? If a place opens, is "
        "my case ready, and can you confirm that in writing?"
    ),
    "praise": (
        "If the work is at the level, what stands between me and the promotion, and who can "
        "remove it?"
    ),
}
_TRAIT_UNQUOTED = (
    "What would the change look like in my work next quarter: in which project, meeting or "
    "document, and what would 'done' look like?"
)
_ALWAYS_FIRST = (
    "What is one specific thing I should do or change, and by what date, that would make the "
    "answer yes?"
)
_ALWAYS_LAST = "How will we both know it is done: what would you accept as evidence?"

_TRAIT_PHRASE = re.compile(
    r"\b((?:be|become|show|get|operate|work\s+on|improve|have|need)\s+(?:\w+\s+){0,4}?"
    r"(?:strategic|visible|ownership|leadership|leader|influence|communication|presence|proactive|"
    r"autonomously|autonomous|scope|impact\b[\w\s]*?|senior|next\s+level|role\s+model|"
    r"multiplier|ambiguity|soft\s+skills|bigger\s+picture|visibility[\w\s]*?|up|"
    r"comfort\s+zone|vision|independence|brand|opinionated|story\s+with\s+data))\b",
    re.I,
)


@dataclass(frozen=True)
class Ask:
    """One ask found in the feedback and whether it is anchored in something checkable."""

    text: str
    concrete: bool
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedbackCheck:
    verdict: str  # "concrete" | "vague"
    gaps: list[str]
    deadline: str | None
    follow_up: list[str]
    kinds: list[str] = field(default_factory=list)  # why it is vague: trait, timing, budget...
    asks: list[Ask] = field(default_factory=list)

    def as_dict(self, id: object = None) -> dict[str, object]:
        """The stable JSON shape of `promocase check feedback`."""
        return {
            "id": id,
            "verdict": self.verdict,
            "gaps": list(self.gaps),
            "deadline": self.deadline,
            "follow_up": list(self.follow_up),
            "kinds": list(self.kinds),
        }


# -- the check ------------------------------------------------------------------------------------


def check_feedback(text: str, *, today: date | None = None) -> FeedbackCheck:
    """Judge one piece of promotion feedback: concrete (with its gaps) or vague (with the
    questions that would make it concrete). `deadline` is an explicit date in the text, if any."""
    cleaned = _lines(
        _OWN_TODO.sub("", _others_in_third_person(_addressed_elsewhere(_thread(text or ""))))
    )
    cleaned = re.sub(r"\be\.g\.,?", "eg", cleaned, flags=re.I)
    cleaned = _CHAT_YOU.sub(lambda m: "your" if m.group(0) == "ur" else "you", cleaned)
    cleaned = _TRANSLATED.sub("", cleaned)
    cleaned = _spoken(cleaned)
    deadline = find_deadline(cleaned)
    asks = find_asks(cleaned)
    concrete = [a for a in asks if a.concrete]
    if not concrete:
        concrete = [Ask(s, True) for s in deliverable_sentences(cleaned)]
        asks = asks + concrete
    if concrete:
        return FeedbackCheck(
            verdict="concrete",
            gaps=_unique(_gap_phrase(a.text) for a in concrete),
            deadline=deadline,
            follow_up=[] if deadline else ["By when should this be done, and who decides then?"],
            kinds=[],
            asks=asks,
        )
    kinds = [name for name, pattern in _KINDS if pattern.search(cleaned)]
    return FeedbackCheck(
        verdict="vague",
        gaps=[],
        deadline=deadline,
        follow_up=follow_up_questions(cleaned, kinds),
        kinds=kinds,
        asks=asks,
    )


# A line of notes the writer marks as their own to-do ("- me: follow up w/ HRBP", "(me) ask
# the VP about an exception", "Me: get the peer letters re-sent"): what the writer will do, not
# a gap of the person the feedback is for.
_OWN_TODO = re.compile(
    r"^\s*(?:[-*•·]\s*)?(?:\((?:me|mine)\)|\[me\]|me\s*(?::|=>|->|–|—|-\s))[^\n]*$", re.I | re.M
)


# A chat line quoting someone else ("> Kenji: my manager told me to …"): their "I" and "me"
# are not the person the feedback is for.
_QUOTED_OTHER = re.compile(
    r"^(\s*>\s*(?!(?:me|i|myself)\s*:)[A-Za-z][\w .'-]{0,30}:)(.*)$", re.I | re.M
)
_FIRST_PERSON = {"i": "they", "i'm": "they're", "me": "them", "my": "their", "mine": "theirs"}
_FIRST_PERSON_WORD = re.compile(r"\b(?:i'm|i|me|my|mine)\b", re.I)


def _others_in_third_person(text: str) -> str:
    return _QUOTED_OTHER.sub(
        lambda m: (
            m.group(1)
            + _FIRST_PERSON_WORD.sub(lambda w: _FIRST_PERSON[w.group(0).lower()], m.group(2))
        ),
        text,
    )


# A chat thread pasted whole: "[15:10] Clara (manager): not this round", "Ahmed: any update?"
# ("Speaker 2:" is a name, as captioning tools write it)
_SPEAKER_NAME = r"[A-Z][a-z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|\d{1,2}(?!\d|:\d)))?"
_SPEAKER = re.compile(
    r"^\s*(?P<time>\[[^\]\n]{1,24}\]\s*)?(?P<name>" + _SPEAKER_NAME + r")\s*"
    r"(?:\((?P<role>[^)\n]{1,30})\))?(?P<time2>\s+\d{1,2}:\d{2}(?:\s?[ap]m)?)?\s*:\s*(?P<said>.*)$"
)
# Captions pasted as one paragraph ("Rachel: thanks for joining. Jess: hi! Rachel: so …",
# "[16:45] Kofi: … [16:46] Sadie: …"): a turn starts after a sentence's end, or at a timestamp.
_INLINE_TURN = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’]))[ \t]+(?=(?:\[[^\]\n]{1,24}\]\s*)?"
    + _SPEAKER_NAME
    + r"\s*(?:\([^)\n]{1,30}\))?\s*:\s)"
    r"|[ \t]+(?=\[[^\]\n]{1,24}\]\s*" + _SPEAKER_NAME + r"\s*:\s)"
)
_ASKS_ABOUT_PROMO = re.compile(
    r"\b(?:my\s+(?:promo\w*|case|packet|nomination|review)|any\s+(?:update|news|word|feedback)|"
    r"how\s+did\s+(?:it|calibration|the\s+committee)\s+go|what\s+do\s+i\s+need|"
    r"what\s+did\s+(?:they|the\s+committee|the\s+panel)\s+say|am\s+i\s+getting|"
    # asking back about the feedback: "is there a project you'd point me to?"
    r"is\s+there\s+(?:a|any)\s+(?:specific\s+|particular\s+|concrete\s+)?(?:project|example|"
    r"thing)|(?:can|could)\s+you\s+give\s+me\s+(?:an?\s+)?(?:example|specific)|"
    r"do\s+you\s+have\s+(?:an?\s+)?(?:example|specific)|anything\s+specific|"
    r"what\s+(?:should|could|can)\s+i\s+(?:do|work\s+on|focus)|"
    # asking what the feedback means: "do you know what they meant?"
    r"know\s+what\s+(?:they|he|she|the\s+\w+)\s+meant|what\s+(?:did|do|does)\s+(?:they|that|it)\s+mean\b)",
    re.I,
)
_ABOUT_PROMO = re.compile(r"\b(?:promo|promotion|promoted|packet|committee|calibration)\b", re.I)
_MANAGER_ROLE = re.compile(r"\b(?:manager|mgr|lead|director|head|vp|em|boss|skip)\b", re.I)


# whom the promotion is about, said by someone else: "on Sam's promo", "Ayo, your promo",
# "and for you, Tanya, feedback-wise"
_PROMO_OF = re.compile(
    r"\b(?P<a>[A-Z][a-z]+)(?:'s|’s)\s+(?:promo\w*|case|packet|nomination)\b"
    r"|\b(?P<b>[A-Z][a-z]+),\s+(?:(?:on|about|for|re|regarding|from\s+my\s+side|um|uh|so|and)"
    r"[,\s]+){0,4}(?:your|the)\s+(?:promo\w*|case|packet|nomination)\b"
    r"|\bfor\s+you,\s+(?P<c>[A-Z][a-z]+)\b"
)
# said to someone by name near the start: "Rob, can you …", "And Ines, I need you to …",
# "Just for process, Gary, you'll need to …"
_VOCATIVE = re.compile(
    r"(?:^\W*|[,.!?]\s+|\b(?i:and|so|okay|ok|also|now|then)\s+)(?P<name>[A-Z][a-z]+),\s"
)
# a message that opens on a name: "Pedro, one concrete thing …", "Hassan — the decision …"
_OPENING_VOCATIVE = re.compile(r"^\W*([A-Z][\w'’-]+)\s*[,—–-]\s")
_TAGGED = re.compile(r"^\W*(?:(?i:and|so|also|then|ok|okay)\s+)?@(\w+)")
_NOT_NAMES = frozenset(
    "hi hey hello thanks thank ok okay so yes no yeah yep nope sure great right well also and "
    "but honestly sorry morning look listen folks team all everyone guys update fyi note".split()
)
_SELF_IN_BRACKETS = re.compile(r"\b(?i:me)\s*\(([A-Z][a-z]+)\)")  # "about both me (Hana) and Piotr"
_SELF_NAMED = re.compile(r"(?i:\b(?:i'?m|i\s+am|this\s+is\s+me,?|me\s*=)\s+)([A-Z][a-z]+)\b")


def _self_names(text: str) -> set[str]:
    """Who pasted the text, when they say so: "pasting from our channel (i'm Sam)", "--- i'm
    Bea", "about both me (Hana) and Piotr"."""
    found = {m.group(1) for m in _SELF_NAMED.finditer(text)}
    return found | {m.group(1) for m in _SELF_IN_BRACKETS.finditer(text)}


def _thread(text: str) -> str:
    """A pasted chat thread as the feedback in it: the lines of the person the feedback is
    for (who asks about their promotion) and lines addressed to someone else ("@Jess can you
    book a room", "Omar, please send the plan") are left out, with every speaker's label.
    Text that is not a thread comes back unchanged."""
    lines = _INLINE_TURN.sub("\n", text).splitlines()
    said = [(_SPEAKER.match(line), line) for line in lines]
    spoken = [m for m, _ in said if m]
    names = [m["name"] for m in spoken]
    timed = sum(1 for m in spoken if m["time"] or m["time2"])
    repeated = any(names.count(n) > 1 for n in set(names))
    if len(spoken) < 3 or len(set(names)) < 2 or not (timed >= 2 or repeated):
        return text
    managers = {m["name"] for m in spoken if m["role"] and _MANAGER_ROLE.search(m["role"])}
    said_who = _self_names(text)
    person = next((n for n in names if n.split()[0] in said_who), None)
    person = person or next(
        (
            m["name"]
            for m in spoken
            if m["name"] not in managers and _ASKS_ABOUT_PROMO.search(m["said"])
        ),
        None,
    )
    if person is None:  # "on Sam's promo", "Ayo, your promo": named by someone else
        for m in spoken:
            about = _PROMO_OF.search(m["said"])
            if about:
                first = about["a"] or about["b"] or about["c"]
                person = next((n for n in names if n.split()[0] == first and n != m["name"]), None)
                if person:
                    break
    if person is None:  # "@li promo didn't land this time": the one told about their promotion
        for m in spoken:
            tagged = re.match(r"^\W*@(\w+)\b", m["said"])
            if tagged and _ABOUT_PROMO.search(m["said"]):
                person = next(
                    (n for n in names if n.split()[0].lower() == tagged.group(1).lower()), None
                )
                if person:
                    break
    if person is None:  # the one a manager speaks to by name: "Pedro, one concrete thing …"
        for m in spoken:
            vocative = _OPENING_VOCATIVE.match(m["said"])
            if m["name"] in managers and vocative:
                person = next(
                    (
                        n
                        for n in names
                        if n.split()[0] == vocative.group(1) and n not in managers  # not a peer
                    ),
                    None,
                )
                if person:
                    break
    own = person.split()[0].lower() if person else None
    if own is None:  # the first one spoken to by name, who may never speak: "Hassan, the …"
        for m in spoken:
            vocative = _OPENING_VOCATIVE.match(m["said"])
            called = vocative.group(1) if vocative else ""
            spoken_by_manager = any(n.split()[0] == called and n in managers for n in names)
            if (
                called
                and called != m["name"].split()[0]
                and called.lower() not in _NOT_NAMES
                and not spoken_by_manager  # "Sheila, do you want to—": a fellow manager
            ):
                own = called.lower()
                person = next((n for n in names if n.split()[0] == called), None)
                break
    if own is None:  # whose feedback it is is unclear: every message, without its label
        return "\n\n".join(m["said"] if m else line for m, line in said)
    others = {n.split()[0].lower() for n in names if n != person} - {own}
    # a round-up that labels each person's part ("Bea: timing only"): the other labels are
    # other people's parts
    labelled = any(
        re.match(rf"^\W*{re.escape(own)}\s*:", m["said"], re.I)
        for m in spoken
        if m["name"] != person
    )
    kept = []
    for match, line in said:
        if not match:
            kept.append(line)
            continue
        if match["name"] == person:
            continue  # the person's own words are not feedback to them
        first = _words(match["said"])[:1]
        addressed = re.match(r"^\W*@?(\w+)\b\s*[,:]?", match["said"])
        if addressed and first:
            name = addressed.group(1).lower()
            mark = match["said"][addressed.end(1) :].lstrip()[:1]
            mark = "," if mark in {"—", "–"} else mark  # "Piotr — I need you to …"
            if match["said"].lstrip().startswith("@") and name != own:
                continue  # "@Priya yours is different": said to someone else
            if mark in {",", ":"} and name in others:
                continue  # said to someone else in the thread
            if mark == ":" and labelled and name != own and addressed.group(1)[:1].isupper():
                continue  # another person's part of a round-up
        vocative = _VOCATIVE.search(match["said"][:60])
        if (
            vocative
            and vocative["name"].lower() in others
            and not any(v["name"].lower() == own for v in _VOCATIVE.finditer(match["said"]))
        ):
            continue  # "Rob, can you get the forms out": said to someone else
        # and a sentence inside a message tagged for someone else: "… more scope. @Priti can
        # you share the template with Jonah?"
        parts = [
            part
            for part in re.split(r"(?<=[.!?])\s+", match["said"])
            if not (
                (tagged := _TAGGED.match(part)) and tagged.group(1).lower() not in {own, "here"}
            )
        ]
        if parts:
            kept.append(" ".join(parts))
    return "\n\n".join(kept)  # each message ends where it ends


# A message that speaks to two people by name: "Maya, please book a room … and send Jon the
# panel notes. Jon, nothing specific from me", "@Raj pls send Lin the notes. @Lin it's budget".
_ADDRESSEE = re.compile(
    r"^\W*(?:(?i:and|so|also|then|ok|okay)\s+)?(?:@(?P<tag>\w+)|(?P<name>[A-Z][a-z]+)\s*[,—–]"
    # a round-up's part for each person: "For Omar: please take over …"
    r"|(?i:for)\s+(?P<part>[A-Z][a-z]+)\s*:)\s*"
)
_GOES_ON = re.compile(r"^\W*(?:and|also|plus)\b", re.I)
_ADDRESSED_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[@A-Z0-9\"'])|\n+")


def _addressed_elsewhere(text: str) -> str:
    """The text without what it asks of someone other than the person: when one addressee is
    told to do something for another ("Maya, … send Jon the panel notes"), the one named in it
    is the person, and what is said to the first (and its "And …" sentences) is left out."""
    sentences = [s for s in _ADDRESSED_SPLIT.split(text) if s.strip()]
    if len(sentences) < 2:
        return text
    addressed: list[tuple[str, str | None, int]] = []  # each sentence, to whom, where it goes on
    for sentence in sentences:
        match = _ADDRESSEE.match(sentence)
        who = (match["tag"] or match["name"] or match["part"]).lower() if match else None
        addressed.append(
            (sentence, None if who in _NOT_NAMES else who, match.end() if match else 0)
        )
    names = {who for _, who, _ in addressed if who}
    if len(names) < 2:
        return text
    # who pasted it, when they say so ("I'm Aisha"): what is said to anyone else is theirs
    said_who = {name.lower() for name in _self_names(text)}
    helpers = (names - said_who) if said_who & names else set()
    helpers |= {
        who
        for sentence, who, start in addressed
        if who
        and any(
            re.search(rf"(?<!\w)@?{re.escape(other)}\b", sentence[start:], re.I)
            for other in names - {who}
        )
    }
    if not helpers or helpers == names:
        return text
    dropping = False
    for sentence, who, _ in addressed:
        if who:
            dropping = who in helpers
        elif not _GOES_ON.match(sentence):
            dropping = False
        if dropping:
            text = text.replace(sentence, "", 1)
    return text


# A line of a form or a list ends where it ends: "Strategy: Developing - think bigger" and the
# "Recommendation: …" under it are two items, not one sentence. A line that only wraps prose
# ("I'd like you to run the\nincident review") goes on.
_ITEM_START = re.compile(
    r"^(?:[-*•>·▪‣–—]|\d{1,2}[.)]\s|\[|\(?(?:[a-z]|[ivx]{2,4})\)\s|(?:[A-Z][\w/&'-]*\s+){0,4}[A-Z0-9][\w/&'()-]*:"
    # a form's label in sentence case: "Promotion recommendation: Defer", "Development areas:"
    r"|[A-Z][\w/&'-]*(?:\s+[a-z][\w/&'-]*){1,3}:\s)"
)


def _lines(text: str) -> str:
    """The text with runs of spaces closed up and a line break kept where a new item starts."""
    out: list[str] = []
    blank = True
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            blank = True
            continue
        if out and not blank and not out[-1].endswith((".", "!", "?", ":", ";")):
            # a short line over a capitalised one is a list ("Delivery 4" / "Design 3"); a line
            # that goes on in lower case continues the one before, even a labelled one
            # ("Next steps: I'd like you to run the" / "incident review for Atlas.")
            listed = len(out[-1]) < 40 and line[:1].isupper()
            item = _ITEM_START.match(line) or _ITEM_START.match(out[-1])
            if line[:1].islower() or not (listed or item):
                out[-1] += " " + line  # a wrapped line of prose
                continue
        out.append(line)
        blank = False
    return "\n".join(out)


_FILLER = re.compile(r"(?:,\s*)?\b(?:uh|um|erm|er|hmm)\b(?:[,.]\s*|\s+|$)", re.IGNORECASE)
# a word said twice ("the the"), but not a number said aloud ("twenty twenty seven")
_STUTTER = re.compile(
    r"\b(?!(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)(\w+),?\s+\1\b",
    re.IGNORECASE,
)


def _spoken(text: str) -> str:
    """Transcribed speech without its fillers and stutters ("the, uh, the audit" → "the audit")."""
    text = _STUTTER.sub(r"\1", _FILLER.sub(" ", text))
    # an example's "say" set off by commas joins what it splits: "If, say, you ran …"
    text = _SAY.sub(" ", text)
    # a voice note with no punctuation at all: its discourse markers are where clauses end
    if len(text.split()) > 14 and not re.search(r"[.,;:!?]", text):
        text = _VOICE_BREAK.sub(r", \1", text)
    return text


_SAY = re.compile(r"(?<=\w),\s*(?:let'?s\s+)?say,\s*", re.IGNORECASE)
_VOICE_BREAK = re.compile(r"\s+(so|right|okay|ok|then|but|also|anyway|basically)\b", re.IGNORECASE)


# A named piece of work ...
_DELIVERABLE = re.compile(
    r"\b(?:design\s+docs?|docs?|documents?|documentation|proposals?|runbooks?|playbooks?|"
    r"handbooks?|dashboards?|prds?|rfcs?|adrs?|specs?|threat\s+models?|write-?ups?|reports?|"
    r"readouts?|strateg(?:y|ies)|postmortems?|post-mortems?|design\s+reviews?|interviews?|"
    r"experiments?|migrations?|rollouts?|deprecation\s+notices?|polic(?:y|ies)|presentations?|"
    r"demos?|conference\s+talks?|"
    r"articles?|macros?|librar(?:y|ies)|models?|tutorials?|guides?|workshops?|courses?|"
    r"templates?|checklists?|rubrics?|analys[ie]s|evaluations?|recommendations?|prototypes?|"
    r"benchmarks?|audits?|incidents?|rota|rotation|projects?|initiatives?|pipelines?|"
    r"test\s+suites?|tests?|coverage)\b",
    re.IGNORECASE,
)
# ... in a state someone can check, or missing ...
_DELIVERED_STATE = re.compile(
    r"\b(?:written|drafted|documented|reviewed|signed\s+off|sign\s+off|sign-off|approved|agreed|"
    r"enforced|shipped|ships|finished|done|used|adopted|running|retrained|measured|rewritten|"
    r"cleaned\s+up|handed\s+(?:over|off)|in\s+place|fixed|automated|retired|decommissioned|"
    r"published|presented|delivered|launched|live|in\s+production|merged|deployed|tested|"
    r"owned\s+by|led\s+by|authored|end[\s-]to[\s-]end|start\s+to\s+finish|"
    r"you\s+(?:led|designed|wrote|ran|authored|built|owned|drove|shipped|own|lead|run)|yourself|"
    r"(?:under|below|above|over|at\s+least|at\s+most|less\s+than|more\s+than)\s+\d|"
    r"(?:don'?t|doesn'?t)\s+exist|(?:is|are)\s+missing|still\s+hasn'?t|hasn'?t\s+(?:gone|been)|"
    r"not\s+(?:yet\s+)?(?:written|done|shipped))",
    re.IGNORECASE,
)
# ... unless the sentence praises what was already done, or asks only to carry on.
_PAST_PRAISE = re.compile(
    r"\b(?:is|are|was|were|has\s+been|have\s+been)\b[^.;]*\b(?:great|excellent|outstanding|impressive|"
    r"amazing|strong|solid|fantastic|superb|good|careful|thorough|meticulous|clearly\s+there)\b|\b(?:loved|great\s+job|good\s+job|nice\s+work|"
    r"quoted|cited|praised|loves?\s+working|(?:liked|appreciated|valued|admired)\s+(?:your|her|his|their)\b|"
    r"well\s+done|kudos|thank|(?:strong|great|good|solid)\s+(?:year|half|quarter)|high\s+bar|"
    # what was done already, by the person or someone else: "…, that was exactly the kind of
    # work we want", "for context, Elena … led the audit, which she did"
    r"exactly\s+(?:the\s+kind|what)|for\s+context|which\s+(?:she|he|they)\s+did|"
    # what the person did: "You led the checkout redesign, you stabilised the test suite"
    r"^\W*you\s+(?:(?:really|also|single-handedly)\s+)?(?:led|ran|built|shipped|drove|"
    r"owned|wrote|designed|delivered|stabili[sz]ed|brought|handled|took|made|turned|rescued|saved|"
    r"fixed|launched|migrated|mentored|cut|hired|grew|reduced|closed|resolved|have\s+been|were|"
    r"did)\b"
    # what someone else did, quoted in peer feedback: '"Ravi cut our alert noise by 60% …'
    r"|(?:(?<=^)|(?<=^[\"“‘']))(?-i:[A-Z][a-z]+)\s+(?:led|ran|built|shipped|drove|owned|wrote|designed|delivered|"
    r"handled|cut|fixed|launched|migrated|mentored|hired|grew|reduced|closed|resolved|rescued|"
    r"saved|turned|stabili[sz]ed)\s+(?:our|the|a|an|his|her|their|\d)"
    # what the person put forward themselves: "I listed: hired 6, shipped 4 projects"
    r"|^\W*(?:i|we)\s+(?:listed|showed|presented|pointed\s+to|walked\s+(?:them|her|him)\s+through)\b"
    # a judgement of the person, not the state of their work: "agreed that you are dependable"
    r"|\bagreed\s+that\s+(?:you|she|he|they)\s+(?:are|were|is|was|have)\b"
    # what the person has carried or scored: "…, you've carried a lot", "You scored 3.8/5 on
    # the leadership rubric"
    r"|\byou(?:'ve|\s+have)\s+(?:really\s+|also\s+)?(?:carried|done|delivered|handled|juggled|"
    r"shouldered|taken\s+on|achieved|accomplished)\s+(?:a\s+lot|so\s+much|loads|plenty|a\s+ton)\b"
    r"|^\W*(?:you|she|he|they)\s+(?:scored|were\s+rated|was\s+rated|got\s+(?:a|an)\s+"
    r"(?:score|rating))\b)"
    # the speaker saw work the person already did: "I read the 2026 strategy doc you shared,
    # great stuff" (unless the sentence goes on to what it lacks: "…, but it needs a cost section")
    r"|^\W*i\s+(?:\w+\s+)?(?:read|saw|reviewed|looked\s+at|went\s+through|loved|liked|enjoyed|"
    r"skimmed|watched)\b[^.;!?]*\byou\s+(?:\w+\s+)?(?:shared|wrote|sent|posted|put\s+together|"
    r"presented|drafted|circulated|published|gave|ran)\b(?![^.;!?]*\b(?:but|though|however|"
    r"needs?|should|missing|lacks?|except)\b)",
    re.IGNORECASE,
)
_CARRY_ON = re.compile(r"^\W*(?:please\s+)?(?:keep|continue)\b", re.IGNORECASE)
_LOOSE_STOP = re.compile(r"(?<=[a-z0-9'\"])[.!?]\s+(?=[a-z])")
_HEADING = re.compile(
    r"^\W*(?:[\w-]+\s+){0,3}[\w-]+:\s+(?:no|not\s+yet|yes|deferred|declined)\b", re.I
)
_LABEL = re.compile(r"^\W*[A-Z][\w-]*(?:\s+[\w-]+){0,3}:\s+")


_LET_ME = re.compile(r"^\W*(?:let\s+me|lemme)\b", re.I)  # the speaker's own next step
_OWN_PLAN = re.compile(
    _LET_ME.pattern
    + r"|^\W*(?:i|we)(?:\s+will|'ll|\s+am\s+going\s+to|'m\s+going\s+to|\s+are\s+going\s+to|"
    r"'re\s+going\s+to|\s+can|\s+could)\b",
    re.I,
)


# another person's ask, relayed: "asked Devi to take over the rota", "for Luca the ask was the
# harness", "Kai's ask is the migration plan", "Peter needs to finish the retention policy"
_FOR_SOMEONE_ELSE = re.compile(
    r"\b(?:asked|told|wants|needs)\s+(?-i:[A-Z][a-z]+)\s+to\b"
    r"|\bfor\s+(?-i:[A-Z][a-z]+),?\s+(?:the\s+ask|it)\s+(?:was|is)\b"
    r"|\b(?-i:[A-Z][a-z]+)(?:'s|’s)\s+(?:ask|gap)\s+(?:is|was)\b"
    r"|(?<![.!?]\s)(?<!^)\b(?-i:[A-Z][a-z]+)\s+(?:needs|has)\s+to\s+(?:finish|deliver|write|ship|run|own)\b",
    re.I,
)
# what a rubric or a ladder says, quoted: "the L6 rubric, which describes an engineer who …"
_RUBRIC_WORDING = re.compile(
    r"\b(?:rubric|ladder|framework|criteria|level\s+guide)\b[^.]{0,40}\b(?:describes?|says|defines?|"
    r"reads|calls\s+for)\b",
    re.I,
)


# A form's section of what went well: what it lists was done already ("Strengths: Your churn
# model shipped in March …"), up to the next label or paragraph.
_STRENGTHS_SECTION = re.compile(
    r"(?im)^[^\w\n]*(?:key\s+)?(?:strengths?|what\s+went\s+well|what\s+you\s+did\s+well|"
    r"highlights?|wins|achievements?|accomplishments?)\s*:(?:.|\n(?!\s*\n|[^\w\n]*[A-Z][\w -]{0,30}:))*"
)
# What a sentence tells of the past, or of the process, rather than a piece of work to deliver:
# "Over the past year you drove the migration …", "after the year you had: CSAT at 94%, …",
# "The checkout migration was a real turning point", "Your churn model shipped in March",
# "The 2027 cycle will look different, there are new leveling guides coming".
_NARRATIVE = re.compile(
    r"\b(?:over|during|throughout|across)\s+the\s+(?:past|last)\s+(?:year|half|quarter|"
    r"few\s+months|months|cycle)\b,?\s+you\s+(?:really\s+|also\s+)?(?:led|ran|built|shipped|"
    r"drove|owned|wrote|designed|delivered|authored|created|launched|migrated|mentored|handled|"
    r"took|made|improved|grew|cut|reduced|fixed|kept|were|did|have\s+been|moved)\b"
    r"|\bafter\s+the\s+(?:year|half|quarter|cycle)\s+(?:you|she|he|they)(?:'ve|\s+have)?\s+had\b"
    r"|\b(?:was|were)\s+(?:a|an)\s+(?:(?:real|huge|big|major|genuine|true|key)\s+)?"
    r"(?:turning\s+point|highlight|success|win|milestone|game[\s-]changer|breakthrough)\b"
    r"|\b(?:shipped|launched|released|went\s+live|landed|rolled\s+out)\s+(?:back\s+)?in\s+"
    r"(?:" + MONTH_NAMES + r"|Q[1-4]|(?:19|20)\d\d)\b"
    r"|\b(?:cycle|process|calibration|levell?ing|rubrics?|framework)\b[^.;]{0,40}\b(?:will\s+"
    r"(?:look|be|change)|(?:is|are)\s+changing|(?:is|are)\s+coming|coming\s+(?:soon|out))\b",
    re.IGNORECASE,
)


def deliverable_sentences(text: str) -> list[str]:
    """Sentences that name a piece of work in a checkable state without a verb of asking:
    "A written proposal for the retry redesign, reviewed by the architecture group", "Need:
    one incident where you were IC end to end", "The runbooks for your services don't exist"."""
    found = []
    for sentence in _SENTENCE_SPLIT.split(_STRENGTHS_SECTION.sub("", text)):
        if not _DELIVERABLE.search(sentence) or _PAST_PRAISE.search(sentence):
            continue
        if _NARRATIVE.search(sentence):
            continue  # what happened, or what the process will do
        if _CARRY_ON.match(sentence) or _QUOTED_OTHER.match(sentence):
            continue  # carrying on; or someone else's ask, quoted in a chat
        if _OWN_PLAN.match(sentence):
            continue  # the speaker's own plan: "I will talk to HR about the level guide"
        if _FOR_SOMEONE_ELSE.search(sentence) or _RUBRIC_WORDING.search(sentence):
            continue  # "for Luca the ask was the harness"; what the L6 rubric describes
        # numbers, and names inside the sentence (not its first word, not a month, not a
        # form's label: "Promotion Recommendation: Not at this time.")
        words = _words(_LABEL.sub("", sentence))[1:]
        if sum(w[:1].isalpha() for w in words) < 2 and not _DELIVERED_STATE.search(sentence):
            continue  # a short heading: "Rubric (1-5)"
        pinned = [
            w
            for w in words
            if not _LEVEL_ID.match(w)
            and (
                any(ch.isdigit() for ch in w)
                or (w[:1].isupper() and w.lower() not in MONTHS and w.lower() not in GENERIC_WORDS)
            )
        ]
        if _DELIVERED_STATE.search(sentence) or pinned:
            found.append(sentence.strip())
    return found


def follow_up_questions(text: str, kinds: list[str]) -> list[str]:
    """Questions to ask back so vague feedback turns into something checkable (at most four)."""
    questions = [_ALWAYS_FIRST]
    for kind in kinds:
        template = _QUESTIONS.get(kind)
        if template is None:
            continue
        if kind == "trait":
            match = _TRAIT_PHRASE.search(text)
            if match:
                trait = re.sub(
                    r"^(?:need|have)\s+(?:to\s+)?(?:see\s+)?", "", match.group(1).lower()
                )
                template = template.format(trait=trait.rstrip(" ."))
            else:  # never put words in their mouth: ask without quoting
                template = _TRAIT_UNQUOTED
        questions.append(template)
        if len(questions) == 3:
            break
    questions.append(_ALWAYS_LAST)
    return questions


_EXAMPLE = re.compile(r"^(?:e\.?g\.?|for\s+example|for\s+instance|such\s+as)\s+", re.I)
_INVITE = re.compile(
    r"\b(?:consider|suggest|recommend)(?:s|ing)?\b|\bhow\s+about\b|"
    r"\bwould\s+(?:be\s+)?(?:great|good|nice)\w*\b",
    re.I,
)


# "What they want: you to do the budget", "What would tip it: one reference call": the colon
# after a lead-in introduces the ask, it does not end it.
_COLON_LEAD = re.compile(
    r"\b(?P<lead>what\s+(?:(?:they|we|i|he|she|the\s+\w+)\s+(?:want|wants|need|needs|expect|"
    r"expects|would\s+like)(?:\s+to\s+see)?|(?:would|will|could)\s+(?:tip\s+(?:it|the\s+\w+)|"
    r"change\s+[\w' ]{2,25}?|make\s+the\s+difference|get\s+you\s+[\w ]{2,20}?))"
    # a note's ask for someone by name: "Ask: Arjun formally mentors both …"
    r"|(?:the\s+)?ask(?=\s*:\s+(?-i:[A-Z][a-z]+)\s+(?:\w+ly\s+)?\w+s\b))\s*:\s+",
    re.I,
)
_OTHER_SUBJECT = re.compile(
    r"\b(?:i|i'll|i'd|i'm|i've|we|we'll|we're|we've|they'll|they're|them|their)\b",
    re.I,
)
_INNER_ASK = re.compile(r"\s(?:and|then|so)\s+(?:also\s+|just\s+|please\s+)?(?=[a-z])")
_FORM_COLUMN = re.compile(
    r"^\W*(?P<verb>start|stop|begin|more|less|do\s+more|do\s+less)(?:\s+(?:doing|of))?\W*$", re.I
)
_BRACKETED = re.compile(r"^\s*\[[^\]]*\]\s*$")


_BULLET = re.compile(
    r"^\s*(?:[-*•·▪‣–—]|\d{1,2}[.)]|\((?:[ivx]{1,4}|[a-h])\)|(?:[ivx]{1,4}|[a-h])\))\s*"
)
# A heading over a list of what is required: each item is an ask ("Deliverables for promotion
# case, to be evidenced by 30 June 2027:" / "(i) sold-on extension of one engagement").
_REQUIRED_HEADING = re.compile(
    r"\b(?:deliverables|requirements|conditions|to\s+be\s+(?:evidenced|demonstrated|shown)|"
    r"evidence\s+(?:needed|required)|success\s+criteria|must[- ]haves)\b",
    re.I,
)


def _listed_asks(sentences: list[str]) -> list[str]:
    """A frame that ends its line with a colon asks for each item of the list under it:
    "What I'd like to see:" / "- a written design for the rate limiter" / "- …"."""
    out: list[str] = []
    lead = ""
    for sentence in sentences:
        bullet = _BULLET.match(sentence)
        if lead and (bullet or not out or out[-1].endswith(":")):
            out.append(lead + " " + sentence[bullet.end() if bullet else 0 :].strip())
            continue
        lead = ""
        stripped = sentence.strip()
        if stripped.endswith(":"):
            frame = _FRAME.search(stripped)
            if frame and frame.end() >= len(stripped[:-1].rstrip()):
                lead = stripped[:-1].rstrip()
                continue
            if _REQUIRED_HEADING.search(stripped):
                out.append(sentence)
                lead = "You need to show"  # each item is judged as what it names
                continue
        out.append(sentence)
    if lead:
        out.append(lead + ":")
    return out


_ENUMERATOR = re.compile(r"(?<![\w)])\((?:[a-h]|i{1,3}|iv|vi{0,3}|\d{1,2})\)\s*")


def find_asks(text: str) -> list[Ask]:
    """Every ask in the text, in order, judged concrete or not."""
    asks: list[Ask] = []
    sentences = _listed_asks([s for s in _SENTENCE_SPLIT.split(text) if s.strip()])
    for index, sentence in enumerate(sentences):
        if _BRACKETED.match(sentence):
            continue  # "[Review Tool Export]": a heading
        sentence = _COLON_LEAD.sub(lambda m: m["lead"] + " is ", sentence)
        # an inline list's markers, "evidence of (a) supervision … and (b) a grant", are no
        # clause breaks
        sentence = _ENUMERATOR.sub("", sentence)
        context = " ".join(sentences[max(0, index - 1) : index + 1])
        # a sentence ends at a full stop even when the next starts in lower case ("… no
        # actual asks. also praised the launch."): what follows an ask there is not its object
        pieces = [p for p in _LOOSE_STOP.split(sentence.rstrip(".!? ")) if p.strip()]
        clauses = []
        ends = []  # index past the last clause of each piece
        for piece in pieces:
            clauses += [c for c in _CLAUSE_SPLIT.split(piece) if c.strip()]
            ends.append(len(clauses))
        invited = bool(_INVITE.search(sentence))
        before = len(asks)
        for position, clause in enumerate(clauses):
            if position == 0 and _HEADING.match(sentence) and len(_words(clause)) <= 4:
                continue  # "Lead programmer promo: no." is a heading, not an instruction
            body = _ask_body(clause)
            if body is None and invited:
                # "You might consider, if it's not too much bother, taking on the rota"
                first = _words(clause)[:1]
                if first and first[0].lower().endswith("ing") and _known_verb(first[0].lower()):
                    body = clause.strip()
            if body is None:
                # an instruction after "and", "then" or "so" inside a clause: "you've had two
                # late reports this year, so no more lates and do the galley supervisor training"
                for inner in _INNER_ASK.finditer(clause):
                    if _OTHER_SUBJECT.search(clause[: inner.start()]):
                        break  # "I will talk to HR … and push to get …": someone else's plan
                    after = clause[inner.end() :]
                    first = _words(after)[:1]
                    if first and (first[0] in ACTION_VERBS or first[0] in GENERIC_VERBS):
                        body = _ask_body(after)
                        if body is not None:
                            break
            if body is None and position > 0:
                # a form's column: "START: Running the weekly ops review", "Stop: approving
                # your own changes", "More of: presenting the team's results"
                label = _FORM_COLUMN.match(clauses[position - 1])
                first = _words(clause)[:1]
                if label and first and first[0].lower().endswith("ing") and len(first[0]) > 4:
                    verb = label["verb"].lower()
                    lead = verb + " " if verb in {"start", "stop", "begin"} else ""
                    item = clause.strip()
                    body = lead + item[:1].lower() + item[1:]
            if body is None:
                continue
            if _SAME_AGAIN.match(body) and position > 0:
                # "Priya runs the weekly ops review; you should too": do what the clause
                # before says someone does
                before = _words(clauses[position - 1])
                if len(before) > 2 and before[0][:1].isupper() and before[1].lower().endswith("s"):
                    body = " ".join(before[1:])
            # An ask that ends a clause before a colon or dash continues in the next clause.
            end = next(e for e in ends if e > position)
            # (a clause with a subject of its own is a statement, not the ask's object:
            # "be more proactive, things will fall in place")
            # (nor is the next ask of a list: "drive more X, increase Y and act as Z")
            following = []
            for later in clauses[position + 1 : end]:
                if _ask_body(later) is not None:
                    break
                if not _STATEMENT.match(later):
                    following.append(later)
            rest = " ".join(following)
            asks.append(_judge(body, rest, context))
        if len(asks) == before and len(clauses) > 1:
            # a proposal whose subject runs over commas: "A short decision record for changes
            # like that, posted in the team channel, would make a big difference"
            proposed = _proposed(sentence.strip().rstrip(".!?"))
            if proposed:
                asks.append(_judge(proposed, "", context))
    return asks


_YOURS_TO = re.compile(
    r"\b(?P<what>that(?:\s+one)?|this(?:\s+one)?|it)(?:'s|’s|\s+is)\s+(?:all\s+)?yours\s+to\s+"
    r"(?P<verb>fix|own|solve|sort|close|drive|lead|untangle)\b",
    re.I,
)
# chat shorthand ("u need the forklift trainer cert") and a translator's note, "(translated
# from Japanese)", which is no deliverable
_CHAT_YOU = re.compile(r"(?<![\w.'’])(?:u|ur)(?![\w.'’])")
_TRANSLATED = re.compile(r"\((?:machine[- ])?translat\w*(?:\s+from\s+\w+)?\)\s*", re.I)
_QUOTE_TAIL = re.compile(r"^[^\w\"“‘']*[A-Za-z'-]+[.!?,;]?[\"”]")


def _ask_body(clause: str) -> str | None:
    """The part of a clause that asks for something, or None when it asks for nothing."""
    clause = _LEAD_FILLERS.sub("", clause.strip())
    if not clause:
        return None
    negated = _NEGATED.match(clause)
    if negated:
        # "Don't skip the architecture reviews" names a behaviour to change; "don't worry",
        # "don't change a thing", "stop being so modest" name none
        after = _words(clause[negated.end() :])
        first = after[0].lower() if after else ""
        if negated.group(0).lower().startswith("stop") or not first:
            return None
        if first in _REASSURING or first in GENERIC_VERBS or first in NON_ASK_VERBS:
            return None
        return clause
    frame = _FRAME.search(clause)
    if frame and re.search(
        r"\b(?:nothing|no\s+(?:specific\s+)?(?:thing|gap|change))\b", clause[: frame.start()], re.I
    ):
        return None  # "there's nothing specific I need to change"
    if frame:
        body = re.sub(r"^for\s+you\s+to\s+", "", clause[frame.end() :].strip(), flags=re.I)
        return None if _REST_OR_PROCESS.match(body) else body or None
    for pattern in _OUTCOME_FRAMES:
        outcome = pattern.search(clause)
        if (
            outcome
            and not _DENIED.search(clause[: outcome.start()])
            and not _COMPANY_CONDITION.search(outcome["obj"])
        ):
            # ("nobody wants to promote managers until the new structure is settled" asks
            # nothing of the person; nor does "HR needs the ratio fixed first")
            return f"get {outcome['obj']} {outcome['state']}{outcome['rest']}"
    lead_in = _EXAMPLE.match(clause)
    if lead_in:
        # an example of what would count: "e.g. authoring the service template"
        example = clause[lead_in.end() :]
        first_example = _words(example)[:1]
        if first_example and _base(first_example[0].lower()) in ACTION_VERBS:
            return example
    if _QUOTE_TAIL.match(clause) or _LET_ME.match(clause):
        return None  # 'close." like, she held up her fingers': the end of a quotation
    if _REST_OR_PROCESS.match(clause):
        return None  # "take some time off", "contact your HR Business Partner"
    yours = _YOURS_TO.search(clause)
    if yours:  # "that one's yours to fix": fix what the sentence before describes
        return f"{yours['verb']} {yours['what'].split()[0].lower()}"
    words = _words(clause)
    if not words:
        return None
    if (
        len(words) > 2
        and words[0].lower().endswith("ly")
        and words[1].lower() in ACTION_VERBS
        and words[0].lower() not in ACTION_VERBS  # "reply", "apply" are verbs themselves
    ):
        clause = clause.strip()[len(words[0]) :].strip()
        words = words[1:]
    first = words[0].lower()
    # "Design reviews are slow", "Test coverage is low": a noun subject, not an instruction.
    second = words[1].lower() if len(words) > 1 else ""
    if (first in ACTION_VERBS or first in GENERIC_VERBS) and second not in _SUBJECT_FOLLOWERS:
        if len(words) >= 3 or second in PRONOUN_OBJECTS or any(_is_strong(w) for w in words[1:]):
            return clause  # "review form" in a heading is not an instruction
    # "Next QBR with Globex, you present it": a plain 'you' + verb reads as an instruction,
    # unless the verb reads the same in the past ("You hit 130% of your target").
    if (
        first == "you"
        and len(words) > 1
        and words[1].lower() in ACTION_VERBS
        and words[1].lower() not in _SAME_IN_PAST
    ):
        return " ".join(words[1:])
    return _proposed(clause)


# Care and process, not a gap: rest ("take some time off over the holidays"), and the way to
# HR or the manager ("contact your HR Business Partner", "discuss these themes with your manager").
_REST_OR_PROCESS = re.compile(
    r"^\W*(?:please\s+)?(?:(?:take|have|get|enjoy)\s+(?:some\s+|a\s+|the\s+)?(?:time\s+off|"
    r"(?:well-?deserved\s+)?(?:break|rest|holiday|holidays|vacation|breather))\b"
    r"|(?:contact|reach\s+out\s+to|talk\s+to|speak\s+(?:to|with)|email|message|ask)\s+(?:your\s+|the\s+|me|us)?"
    r"(?:hr|hrbp|people\s+(?:team|partner)|hr\s+business\s+partner|manager|recruiter)\b"
    r"|have\s+(?:any\s+)?(?:questions?|concerns?)\b"
    r"|discuss\s+(?:this|these|that|it|them)(?:\s+\w+)?\s+with\s+(?:your\s+)?(?:manager|hr|hrbp|me)\b"
    # coming back later, with nothing to bring: "Check back by end of the quarter"
    r"|(?:check|circle|come)\s+back(?:\s+(?:in|by|after|before|at|next|later|with\s+me)\b|\W*$))",
    re.I,
)


# What follows an ask as its consequence ("... and we'll look again") is not part of the ask.
_CONSEQUENCE = re.compile(
    r"\s+(?:and|then|so)\s+(?:then\s+)?(?:we|i|it|you|they|that)(?:'ll|'d|\s+will|\s+would|"
    r"\s+can|\s+could|\s+should)\b.*$"
    # the step it leads to: "… before moving to Finance Manager", "… before promotion to L6"
    r"|\s+before\s+(?:moving|stepping|going|progressing|being\s+promoted|promotion)\s+"
    r"(?:up\s+)?(?:to|into)\b.*$",
    re.IGNORECASE,
)


def _judge(body: str, rest: str, context: str) -> Ask:
    body = _CONSEQUENCE.sub("", body)
    words = _words(body)
    # a negated ask is judged on the behaviour it names: "don't skip …", "do not merge …"
    if words and words[0].lower() in {"don't", "dont", "never"}:
        words = words[1:]
    elif len(words) > 1 and words[0].lower() == "do" and words[1].lower() == "not":
        words = words[2:]
    if not words:
        return Ask(body, False)
    verb = words[0].lower()
    tail = words[1:]
    if verb in NON_ASK_VERBS or _NOTICE.match(body):
        return Ask(body, False)
    # "keep building …", "continue to champion …": carrying on names no gap
    carry_on = (
        verb == "continue"
        or (
            verb == "keep"
            and (not tail or tail[0].lower().endswith("ing") or tail[0].lower() in _CARRY_ON_WORDS)
        )
        or bool(_CARRY_ON_IDIOM.match(body))
        or bool(_TRAIT_IDIOM.match(body))
    )
    if verb not in ACTION_VERBS and verb not in GENERIC_VERBS:
        # "(be up for) presenting …", "completes one review cycle", "presented at the guild"
        verb = _known_verb(verb) or verb
    if verb in {"move", "shift", "transition", "go"} and tail and tail[0].lower() == "from":
        verb = "be"  # "move from managing projects to shaping the agenda": a change of stance
    # "start presenting", "keep delivering": the verb that counts is the -ing one.
    if (
        verb in {"start", "stop", "keep", "continue", "begin"}
        and tail
        and tail[0].lower().endswith("ing")
    ):
        verb = _base(tail[0].lower())
        tail = tail[1:]
    elif verb in {"take", "pick", "hand", "set", "roll", "turn", "write", "step", "loop", "follow"}:
        if tail and tail[0].lower() in {"over", "up", "off", "down", "out", "in", "on", "through"}:
            tail = tail[1:]
    if len(tail) > 1 and verb in {"a", "an"} and tail[0].lower() in {"little", "bit", "tad"}:
        verb, tail = "a", tail[1:]  # "a little more before confirming": more of the same
    if len(tail) > 1 and verb in {"a", "an"} and tail[0].lower() in COMPARATIVES:
        verb = "be"  # "(see) a stronger narrative of impact": more of a trait
    # "own more of the roadmap": a larger share of something, a trait unless it is named
    share_of = len(tail) > 1 and tail[0].lower() in COMPARATIVES and tail[1].lower() == "of"
    if tail and tail[0].lower() in COMPARATIVES:
        head = next((w.lower() for w in tail[1:] if w.lower() not in _DETERMINERS), "")
        if not head or head in GENERIC_WORDS:
            verb = "be"  # "bring more strategic value", "own more of …": more of a trait
            # where the trait should show is no deliverable: "… across the supply chain"
            reach = next(
                (
                    i
                    for i, w in enumerate(tail)
                    if w.lower() in {"across", "throughout", "with", "before", "until"}
                ),
                None,
            )
            tail = tail[:reach]
        # the manner a trait should show in is no deliverable: "be more data-driven in how you
        # make product calls", "more maturity in the way you handle disagreements"
        lowered = [w.lower() for w in tail]
        manner = next(
            (
                i
                for i in range(1, len(lowered) - 1)
                if lowered[i] == "in"
                and (lowered[i + 1] == "how" or lowered[i + 1 : i + 3] == ["the", "way"])
            ),
            None,
        )
        tail = tail[:manner]
    object_words = [w for w in tail if w.lower() not in PRONOUN_OBJECTS]
    anchors = _anchors(object_words)
    strong = [a for a in anchors if _is_strong(a)]
    # A pronoun object ("deliver it", "write it") borrows the specifics of its sentence.
    pronoun = bool(tail) and (
        tail[0].lower() in PRONOUN_OBJECTS or bool(_ANAPHOR.match(" ".join(tail)))
    )
    if pronoun and len(object_words) <= 3 and not anchors:
        own = {w.lower() for w in words}
        # (the word that opens a sentence is capitalised, not a name: "Find a … and make it …")
        openers = {w for part in _SENTENCE_SPLIT.split(context) for w in _words(part)[:1]}
        borrowed = [
            w
            for w in _anchors(_words(context))
            if w.lower() not in own
            and (w not in openers or not w[1:].islower())
            and w.lower() not in GENERIC_VERBS  # "improve communication", said before
        ]
        if len(borrowed) >= 2 or any(_is_strong(w) for w in borrowed):
            anchors = anchors + borrowed
            strong = [a for a in anchors if _is_strong(a)]
    if len(anchors) < 2 and not strong and rest:
        extra = _anchors(_words(rest))
        if len(extra) >= 2:
            anchors = anchors + extra
            strong = [a for a in anchors if _is_strong(a)]
    if carry_on:
        concrete = False
    elif share_of:
        concrete = bool(strong)
    elif words[0].lower() in COMPARATIVES or _REPUTATION.match(body):
        # "would like to see greater influence on product direction" (more of a trait) and
        # "be seen as a reliability leader" name no gap unless the ask itself is pinned to a
        # name or a number (not only the group it concerns: "more partnership with the CFO org")
        concrete = any(
            _is_strong(w) and (i + 1 == len(words) or words[i + 1].lower() not in _GROUP_NOUNS)
            for i, w in enumerate(words)
            if w in anchors
        )
    elif verb in ACTION_VERBS and verb not in GENERIC_VERBS:
        concrete = len(anchors) >= 1
    else:
        concrete = len(anchors) >= 2 or bool(strong)
    return Ask(body, concrete, tuple(anchors))


def _anchors(words: list[str]) -> list[str]:
    """The words of an ask that make it specific (not a trait, cliché, filler or level)."""
    found = []
    for index, word in enumerate(words):
        lower = word.lower()
        if _LEVEL_ID.match(word):
            continue  # "before L4", "in Q3": a level or a quarter, not what to do
        after = words[index + 1].lower() if index + 1 < len(words) else ""
        if _spoken_level(words, index):
            continue  # a level said aloud: "EM two", "L five"
        if after in TIME_UNITS and (_is_strong(word) or lower in {"a", "few", "couple"}):
            continue
        if lower in GENERIC_WORDS or _base(lower) in GENERIC_WORDS:
            continue
        before = words[index - 1].lower() if index else ""
        if _YEAR.match(lower) and (
            before in MONTHS or before in _WHEN_WORDS or _LEVEL_ID.match(before)
        ):
            continue  # "by Q1 2027", "in March 2027": when, not what
        if lower.isdigit() and len(lower) <= 2 and before in MONTHS:
            continue  # "by March 31": a day, not what
        if "-" in lower and all(p in GENERIC_WORDS for p in lower.split("-") if p):
            continue
        if lower in PRONOUN_OBJECTS or len(lower) < 2:
            continue
        if lower.endswith("ly") and len(lower) > 4 and not word[0].isupper():
            continue  # adverbs: 'consistently', 'directly'... describe manner, not what
        if "'" in lower and lower.split("'")[0] in GENERIC_WORDS:
            continue
        found.append(word)
    return found


_WHEN_WORDS = frozenset("by in of before after until end from during fy".split())
_LEVEL_NUMBERS = frozenset(_CARDINALS[:10])


def _spoken_level(words: list[str], index: int) -> bool:
    """Whether words[index] is part of a level said aloud: "EM two", "IC five", "L four"."""

    def prefix(word: str) -> bool:
        return word.isupper() and word.isalpha() and len(word) <= 3

    word = words[index]
    if prefix(word):
        return index + 1 < len(words) and words[index + 1].lower() in _LEVEL_NUMBERS
    return word.lower() in _LEVEL_NUMBERS and index > 0 and prefix(words[index - 1])


_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _is_strong(word: str) -> bool:
    """Numbers, names, acronyms and compounds pin an ask down on their own."""
    if any(ch.isdigit() for ch in word) or word.lower() in NUMBER_WORDS:
        return True
    if "-" in word and len(word) > 4:
        # "senior-level", "next-level": a compound of cliches is still a cliche.
        return not all(part.lower() in GENERIC_WORDS for part in word.split("-") if part)
    return word[:1].isupper() and (len(word) > 1 and (word[1:].islower() or word.isupper()))


def _known_verb(word: str) -> str | None:
    """The ask verb an inflected word comes from ('presenting', 'completes', 'presented'),
    or None when it is none of ours."""
    candidates = [_base(word)] if word.endswith("ing") else []
    candidates += [word[:-1], word[:-2], word[:-1] + "e" if word.endswith("d") else ""]
    return next((c for c in candidates if c in ACTION_VERBS or c in GENERIC_VERBS), None)


def _base(word: str) -> str:
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            stem = stem[:-1]
        return stem if stem in ACTION_VERBS or stem in GENERIC_VERBS else stem + "e"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


_GAP_CUT = re.compile(
    r"\s+(?:so\s+(?:that\s+)?|because|and\s+(?:i'll|we'll|i\s+will|i\s+think|it\s+will|you'll)|"
    r"that's|which\s+is|and\s+make\s+sure)\b.*$",
    re.IGNORECASE,
)


_DUE_CUT = re.compile(
    r"\s+(?:by|before|until|no\s+later\s+than)\s+(?:the\s+)?(?:end\s+of\s+)?"
    r"(?:\d|q[1-4]\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b).*$",
    re.IGNORECASE,
)


# A label before the gap itself: "Needs:", "Condition for promotion:", "Not yet.", "Goal 1:".
_GAP_LABEL = re.compile(
    r"^(?:(?:[A-Za-z][\w ]{0,30}?:|not\s+(?:yet|this\s+time)[.,])\s+)+(?=\S)", re.IGNORECASE
)


def _gap_phrase(body: str) -> str:
    body = _GAP_LABEL.sub("", body.strip()) or body
    phrase = _DUE_CUT.sub("", _GAP_CUT.sub("", body.strip())).strip(" .,;:-")
    words = phrase.split()
    if len(words) > 16:
        phrase = " ".join(words[:16]) + "…"
    return phrase[:1].lower() + phrase[1:] if phrase[:2].isupper() is False else phrase


def _unique(items: object) -> list[str]:
    seen: list[str] = []
    for item in items:  # type: ignore[attr-defined]
        if item and item not in seen:
            seen.append(item)
    return seen


# -- deadlines ------------------------------------------------------------------------------------

_MONTH = r"(?P<month>" + MONTH_NAMES + r")\.?"
_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>20\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(
        rf"\b{_MONTH}\s+(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>20\d\d)\b", re.I
    ),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>20\d\d)\b", re.I
    ),
    re.compile(r"\b(?P<year>20\d\d)/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>20\d\d)\b"),
    # 30/06/2027 or 10/15/2027: read only when one part cannot be a month
    re.compile(r"\b(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>20\d\d)\b"),
]


# Dates said aloud, as a voice note's transcript writes them: "the first of april twenty twenty
# seven", "march the fifteenth two thousand and twenty seven".
_UNITS = _CARDINALS[:9]
_ORDINALS = {
    word: number
    for number, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split(),
        start=1,
    )
}
_ORDINALS.update({f"twenty {w}": 20 + n for w, n in list(_ORDINALS.items())[:9]})
_ORDINALS.update({"thirtieth": 30, "thirty first": 31})
# cardinals as people say them: "by fifteen May 2027" (read only next to a month)
_ORDINALS.update({word: number for number, word in enumerate(_CARDINALS[1:], start=2)})
_ORDINALS.update({f"twenty {w}": 20 + n for n, w in enumerate(_UNITS, start=1)})
_ORDINALS.update({"thirty": 30, "thirty one": 31})
_SPOKEN_YEAR = re.compile(
    r"\b(?:twenty|two\s+thousand\s+(?:and\s+)?)\s*twenty(?:[\s-]+(?P<unit>"
    + "|".join(_UNITS)
    + r"))?\b",
    re.I,
)
_SPOKEN_DAY = re.compile(
    r"\b(?:the\s+)?(?P<ord>"
    + "|".join(sorted((w.replace(" ", r"[\s-]+") for w in _ORDINALS), key=len, reverse=True))
    + r")\b",
    re.I,
)


def _spoken_dates(text: str) -> str:
    """Spoken years and days as digits, so the date patterns read them ("the first of april
    twenty twenty seven" → "1 of april 2027"). Only a day next to a month is rewritten."""
    text = _SPOKEN_YEAR.sub(
        lambda m: str(2020 + (_UNITS.index(m["unit"].lower()) + 1 if m["unit"] else 0)), text
    )

    def day(m: re.Match[str]) -> str:
        near = text[max(0, m.start() - 12) : m.end() + 12].lower()
        if not any(month in near for month in MONTHS if len(month) > 3 or month == "may"):
            return m.group(0)
        return str(_ORDINALS[" ".join(m["ord"].lower().replace("-", " ").split())])

    return _SPOKEN_DAY.sub(day, text)


# What a date right after these is: a letter's own date, a meeting that has been held, or an
# event the text looks back on.
_PAST_OR_HEADER = re.compile(
    r"(?:^|\n)\s*(?:date|sent|dated)\s*:\s*$|\bdated\s+$|"
    r"\b(?:held|sat|met|convened|took\s+place|was\s+(?:held|made|taken|decided))\s+on\s+"
    r"(?:the\s+)?$"
    # "the committee reviewed it on 9 December 2026": when it was done
    r"|\b(?:reviewed|discussed|considered|assessed|evaluated|calibrated|received|submitted)\s+"
    r"(?:it|this|them|your\s+\w+)?\s*on\s+(?:the\s+)?$"
    # the day of a meeting or event the text looks back on: "since the outage on 2026-11-18",
    # "following up on our 1:1 on 2027-01-08", "as mentioned in the calibration on 2026-12-04"
    r"|\b(?:since|following\s+up\s+on|follow(?:ing)?[- ]up\s+(?:to|from)|"
    r"as\s+(?:\w+\s+)?(?:mentioned|discussed|agreed|said|noted|shared|promised)\s+"
    r"(?:in|at|during))\s+(?:the\s+|our\s+|your\s+|my\s+|this\s+|that\s+)?"
    r"[\w:/&-]+(?:\s+[\w:/&-]+){0,2}\s+on\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# A chat message's time stamp: "Oliver Brandt [2026-11-18 16:02]: …".
_STAMP_BEFORE = re.compile(r"[\[(]\s*$")
_STAMP_AFTER = re.compile(r"^(?:\s+|T)\d{1,2}:\d\d(?::\d\d)?(?:\s*[AaPp][Mm])?\s*[\])]")
# A date that names an event ("your response to the 2026-06-12 outage"), not a date to meet
# ("by the 2027-02-01 release" is one).
_EVENT_BEFORE = re.compile(
    r"(?<!\bby)(?<!\bbefore)(?<!\buntil)(?<!\btill)(?<!\bfor)(?<!\bat)(?<!\bahead\sof)(?<!\bprior\sto)"
    r"\s+the\s+$",
    re.I,
)
_EVENT_AFTER = re.compile(
    r"^\s+(?:outage|incident|launch|release|migration|cutover|offsite|off-site|all-hands|demo|"
    r"sev\d?|postmortem|post-mortem|escalation|meeting|rollout|deploy|deployment|failover)\b",
    re.I,
)


def find_deadline(text: str) -> str | None:
    """The first explicit calendar date with a year in the text (YYYY-MM-DD), else None.

    Relative or incomplete timing ("next quarter", "by March 31") gives None on purpose: a
    deadline nobody wrote down in full is the first thing to ask about.
    """
    lower = text.lower()
    if "twenty" in lower or "thousand" in lower or _SPOKEN_DAY.search(lower):
        text = _spoken_dates(text)  # also "June third, 2027", "the 1st … the third of June 2027"
    found: list[tuple[int, str]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if groups.get("first"):
                first, second = int(groups["first"]), int(groups["second"])
                if first > 12 >= second:
                    groups.update(day=str(first), mnum=str(second))
                elif second > 12 >= first:
                    groups.update(day=str(second), mnum=str(first))
                else:
                    continue  # 05/06/2027: May or June? Ask rather than guess.
            month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
            try:
                day = date(int(groups["year"]), month, int(groups["day"]))
            except ValueError:
                continue
            before = text[max(0, match.start() - 40) : match.start()]
            if _PAST_OR_HEADER.search(before):
                continue  # when the letter was written, the board sat or the event was
            after = text[match.end() : match.end() + 30]
            if _STAMP_BEFORE.search(before) and _STAMP_AFTER.match(after):
                continue  # when a chat message was sent
            if _EVENT_BEFORE.search(before) and _EVENT_AFTER.match(after):
                continue  # the day something happened
            found.append((match.start(), day.isoformat()))
    return min(found)[1] if found else None
