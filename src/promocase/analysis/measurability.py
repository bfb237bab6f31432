"""The measurability coach: is an entry specific enough for a committee to believe?

An entry is specific when it states the person's own action AND a concrete, checkable result:
a measured change ("p95 from 1.4 s to 380 ms"), a count of finished deliverables ("closed 41
bugs"), or a concrete end state without a number ("retired the old cluster"). Hedged
participation ("helped with"), adjectives in place of results ("greatly improved"), effort
("spent 200 hours") and duties ("responsible for on-call") read as vague.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from promocase.analysis import rx
from promocase.analysis.text import without_size_note
from promocase.core.dates import MONTH_NAMES

MISSING_KINDS = ("metric", "outcome", "role", "scope", "artifact", "witness")


@dataclass(frozen=True)
class EvidenceVerdict:
    verdict: str  # "specific" | "vague"
    missing: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    # the entry's text, lowercased: the prompts are put in terms of the work it names
    subject: str = field(default="", compare=False, repr=False)

    @cached_property
    def prompts(self) -> list[str]:
        """One question for each thing missing, in order; the result and the number are asked
        about in terms of the kind of work the entry names (made only when read: an import
        judges thousands of entries and shows none of their prompts)."""
        return prompts_for(self.missing, self.subject)

    def to_json(self) -> dict[str, object]:
        return {"verdict": self.verdict, "missing": self.missing, "prompts": self.prompts}


def _rx(pattern: str) -> re.Pattern[str]:
    # Case-insensitive: check_evidence lowercases the text once and matches it plainly. Only
    # whole matches are read, so the groups need not capture (much faster; see rx.compile).
    return rx.compile_lower(pattern, captures=False)


# Hedged participation: the person's own part is unclear.
HEDGES = _rx(
    r"\b(helped( out)?( with| to| on| the| organi[sz]e| build| get)?|assisted|"
    r"(was|were|been|got) (involved|part of|included)|involved in|participated|"
    r"took part|contributed( to)?|supported|was a member|member of|"
    r"played a (key |big |major |small )?(part|role)|had a hand|lent a hand|"
    r"pitched in|tried to|attempted to|aimed to|(was|were) tasked|"
    # input given on someone else's work: "gave input on the team's roadmap"
    r"(gave|provided|offered|shared) (my |some )?input|weighed in)\b"
)
# Result stated for a group with no personal role. Each of these cues comes as two patterns:
# what can only open the text (tried at its start, with `match`) and what can be anywhere;
# together in one pattern, the opening part made SRE try every position of the text.
TEAM_SUBJECT_START = _rx(
    r"^\W*(the|our|my) ([\w-]+ ){0,2}(team|squad|group|org|department|company|region|"
    r"function|crew|guild)\b|^\W*we\b"
    # "In our team we reduced …", "As a team, we …"
    r"|^\W*(in|at|within|across|as) (the|our|my|a) ([\w-]+ ){0,2}(team|squad|group|org|"
    r"department),? we\b"
    # a site, a region or a release did it: "Site hit 99.2% …", "EMEA closed the year at …"
    r"|^\W*(the )?(site|plant|warehouse|depot|store|branch|office|ward|clinic|emea|apac|amer|"
    r"latam|dach|nordics) (hit|closed|reached|achieved|delivered|grew|beat|finished|ended)\b"
    r"|^\W*(release|version) v?\d[\w.-]* (went|shipped|was|is|launched)\b"
)
TEAM_SUBJECT = _rx(r"\b(win|shout-?out|kudos) for the ([\w-]+ )?team\b")
# "my org", "the team under me": the group did it, the "my" is whose group it is; and a
# feeling about the group's result is no part in it ("I'm proud of what we achieved").
# Each cue comes as what opens the entry (tried with `match`) and what can be anywhere.
GROUP_OF_MINE_START = _rx(
    r"\W*(under my (leadership|watch|direction|management|guidance|stewardship),? )?(my|the) ([\w-]+ ){0,3}(org|organi[sz]ation|team|teams|group|department|reports|"
    r"directs|squads?|function)( (under|reporting to|working for) me)?\b"
)
NOT_MY_PART = _rx(
    r"\b(under|reporting to|working for) me\b"
    r"|\bi('m| am) (so |really |very )?(proud|grateful|happy|thankful|excited|pleased)\b"
    r"|\bi (think|believe|feel|hope)\b"
)
# results reported for a group: "Payments reliability results for H1:", "Great work from everyone"
GROUP_RESULTS_START = _rx(
    r"\W*([\w-]+ ){0,4}(results|numbers|metrics|scorecard|highlights|wins) for "
    r"(h[12]|q[1-4]|fy|the|this|last)\b|\W*big (quarter|half|year|month|week) for\b"
)
GROUP_PRAISE = _rx(
    r"\b(great|amazing|fantastic|good) (work|job|effort) (from|by) (everyone|all|the|our)\b"
)
# an entry that opens with a verb in the past has an implicit "I": "Aligned leadership on …"
IMPLICIT_I = _rx(
    r"^\W*([a-z]+ed|took|ran|led|built|wrote|drove|made|got|set|cut|won|sold|brought|kept|held|"
    r"taught|gave|found|began|put|sent|spoke|chose|became|shut|split|spun|stood|rebuilt|rewrote|"
    r"oversaw|grew|drew|threw|paid|laid|lent|spent|dealt|met|told|sat|hit|beat)\b"
)
# a sentence that starts with "we", anywhere in the entry
WE_SENTENCE = _rx(r"(^|[.;!?]\s*)(-\s*)?we\b")
# A clean record with nobody's action in it: "No outages since I joined the team". Arriving is
# when the record starts, not what made it ("No one has left since I led the reorg" names one).
NEGATIVE_START = _rx(r"^\W*(no|zero|0|not (a|one) single|not one)\b")
ARRIVAL = _rx(
    r"\b(since|after|before|when) (i|we) (joined|started|arrived|came( on board)?|got here|"
    r"moved (here|over|teams)|took the (job|role))\b"
)
# Plans, targets and hopes: the result has not happened yet.
FUTURE_START = _rx(
    r"^\W*(expected to|expect to|hoping to|hope to|aiming (for|to)|aim to|planning to|"
    r"plan to|going to|will|goal (for|is)|target (for|is)|targeting|estimated)\b|"
    r"^\W*(target|goal|objective|okr)\s*:|"
    r"^\W*(ongoing|in progress|wip)\b"
    # a projection is not a result yet: "Projected savings of $1.2M if …"
    r"|^\W*(projected|forecast(ed)?|potential|anticipated|expected|estimated)\b"
)
FUTURE = _rx(
    r"\bif [^;.]{0,60}\b(goes ahead|go ahead|is approved|gets approved|is signed|gets signed|"
    r"is funded|gets funded)\b"
    r"|\b(once [^;.]{0,40} (finishes|ships|lands|is done)|should (cut|save|reduce|improve|"
    r"increase)|by eoy|targeting)\b"
    r"|\b(roughly |about |~)?\d+% (done|complete)\b"
    r"|\bstarted (looking|working) (at|on|into)\b"
    r"|\b(a|the) plan to (bring|get|raise|cut|reduce|increase|grow|improve|lift|halve|double)\b"
    r"|\b(expected|projected|estimated|set) to (save|cut|reduce|increase|grow|improve|lift|halve|"
    r"double|bring)\b|\bonce (it'?s |it is |that'?s )?(done|finished|live|complete)\b"
)
# A metric or a piece of work as the subject, with nobody doing it: "Churn dropped from 3.1% to
# 2.4% after the campaign", "The release was delivered on time".
NO_AGENT = _rx(
    r"^\W*(the |our )?(churn|nps|csat|revenue|arr|mrr|conversion|latency|p\d\d|uptime|retention|"
    r"activation|sign-?ups?|traffic|costs?|spend|budget|error rate|[\w-]+ rate|"
    r"time[- ]to[- ][\w-]+|attrition)\b[^.;]{0,40}\b(dropped|fell|rose|"
    r"went|increased|decreased|grew|improved|jumped|declined|doubled|halved|came in|landed)\b"
    r"|^\W*(the|this|our) [\w-]+( [\w-]+){0,5} (was|were|got|has been|have been) (\w+ly )?\w+(ed|en)\b"
    # a thing as the subject, not a verb of the person's: "Budget for FY24 was approved"
    r"|^\W*(?!\w+ed\b)(?!(wrote|built|ran|led|got|made|drove|won|set|cut|shipped|took|gave|did|"
    r"found|sold|brought|kept|held|taught|chose|spoke|began|became|put|sent|lead|run|own|drive|"
    r"build|write|get|make|set|take)\b)[\w-]+( [\w-]+){0,3} (was|were|has been|have been) "
    r"(\w+ly )?\w+(ed|en)\b"
)
# Durations say how long, not what changed: "for 6 weeks", "(6 weeks this half)".
DURATION = _rx(
    r"\b(for|during|over|across|in the (last|past))\s+(the\s+)?(last\s+|past\s+)?\d+\s*"
    r"(days?|weeks?|months?|quarters?|years?|sprints?)\b|\(\d+(\.\d+)?\s*(h|hrs?|hours?|min|mins|minutes?|days?|weeks?|months?)\b[^)]*\)"
    # how long a meeting or a run took, in the parentheses a calendar or a pipeline adds
    r"|\((\d+\s*[x×]\s*)?\d+\s*(min|mins|minutes|h|hrs?|hours?)\)|,\s*\d+\s*(min|mins|minutes|s|sec)\)"
    # or after a dash, as a note: "Customer workshop w/ Northwind — 3h, 14 attendees"
    r"|[—–]\s*\d+(\.\d+)?\s*(h|hrs?|hours?|min|mins|minutes)(?=\s*(,|\)|$))"
    # or as a note at the end: "…, about 3 weeks."
    r"|,\s*(about|around|roughly|approx\.?|~)\s*\d+(\.\d+)?\s*(days?|weeks?|months?|sprints?)\W*$"
)
# A point in time is when, not how much: "kicked off on 2026-09-14"
_POINT_IN_TIME = _rx(r"\b(on|dated|since|as of|starting)\s+\d{4}-\d{1,2}-\d{1,2}\b")
# A calendar's slot is when the meeting was: "(2026-10-15 14:00–15:00)" is not a change from
# 14 to 15, nor is its dash a clause giving an effect.
_CALENDAR_SLOT = _rx(
    r"\s*\(\s*(\d{4}-\d{1,2}-\d{1,2}[ t])?\d{1,2}:\d{2}(\s*[–-]\s*\d{1,2}:\d{2})?\s*\)"
    r"|\b\d{4}-\d{1,2}-\d{1,2}[ t]\d{1,2}:\d{2}(\s*[–-]\s*\d{1,2}:\d{2})?"
)
# The numbers of an upgrade are versions: "Upgrade Postgres 13 → 15", "bumped Node from 16 to 20".
_UPGRADE_VERSIONS = _rx(
    r"\b(upgrad\w*|bump\w*|migrat\w*)\s+([a-z][\w.+-]*\s+){1,3}(from\s+)?v?\d+(\.\d+)*\s*"
    r"(→|->|=>|to)\s*([a-z][\w.+-]*\s+)?v?\d+(\.\d+)*\b(?!\s*(%|ms|s\b|x\b|min|sec|hours?|days?))"
)
_DIGITS = re.compile(r"\d")
# A role written before the entry is a label, not who did it: "Director of Ops: the org hit …"
_ROLE_LABEL = _rx(
    r"^\W*([a-z]+ ){0,2}(director|head|vp|manager|lead|chief|officer|supervisor|coordinator)"
    r"( of [\w& ]{1,30})?\s*(:|—|–| - )\s*"
)
# A span of the calendar is when, not how much: "from 2024-01-01 to 2024-12-31", "from March
# 2024 to May 2024", "between 2023 and 2025". Both ends must be dates; a date moved by a change
# verb ("moved the launch from 2024-03-01 to 2024-02-15") is still a change.
_DATE = (
    r"(?:\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}/\d{1,2}/\d{2,4}|(?:19|20)\d\d|"
    r"(?:\d{1,2}\s+)?(?:" + MONTH_NAMES + r")\b\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?(?:\s+(?:19|20)\d\d)?|q[1-4]\s+(?:19|20)\d\d)"
)
_DATE_SPAN = _rx(
    r"\b(?:from|between)\s+"
    + _DATE
    + r"\s+(?:to|until|till|through|thru|and|-|–)\s+"
    + _DATE
    + r"\b"
)
_DATE_MOVED = _rx(
    r"\b(moved|moving|pulled|pulling|brought|bringing|shifted|advanced|rescheduled)\b[^.;]*$"
)


def _without_date_spans(text: str) -> str:
    if "from" not in text and "between" not in text:
        return text
    return _DATE_SPAN.sub(
        lambda m: m.group(0) if _DATE_MOVED.search(text, 0, m.start()) else " ", text
    )


# Plurals of status codes and decades ("the 502s", "1990s") are not seconds.
CODES_AND_DECADES = _rx(r"\b([1-5]\d\d|1[89]\d0|20\d0)s\b")
# Numbers that are part of a name: a standard, a quarter, a fiscal year, a version.
NAMED_NUMBERS = _rx(
    r"\b(soc ?[12]|iso ?\d{4,5}|pci[- ]dss( ?v?\d(\.\d)?)?|q[1-4]|fy ?\d{2,4}|h[12]|"
    r"web ?3|l[1-9]|ic ?\d|e[1-9])\b"
)
# A version ("4.17.21"), a ticket key's number ("WEB-3301") and a pull request's ("#1047") are
# names, not measures.
VERSIONS_AND_KEYS = _rx(r"\d+\.\d+\.\d[\w.-]*|-(?<=[a-z0-9]-)\d+\b|#\d{2,}\b")
_IN_NUMBER = _rx(r"(?<=\d)[.,](?=\d)")
FIRST_PERSON = _rx(r"\b(i|me|my|myself|by me)\b")
# Adjectives and vague comparatives standing in for a result.
ADJECTIVES = _rx(
    r"\b(significantly|greatly|hugely|vastly|drastically|dramatically|massively|"
    r"substantially|considerably|tremendously|much (better|faster|smoother|cleaner|easier)|"
    r"a lot( of)?|lots of|many things|various|several improvements|improvements|"
    r"better|happier|smoother|more (robust|reliable|stable|efficient|scalable|visible)|"
    r"world[- ]class|best[- ]in[- ]class|excellent|great|amazing|awesome|successful(ly)?|"
    r"seamless(ly)?|elevated|enhanced|streamlined|optimi[sz]ed|improved|boosted|"
    r"strengthened|raised the bar|drove improvements|made things|faster|quicker|cheaper|"
    r"easier|cleaner|nicer)\b"
)
# Buzzwords that dress up work without saying what changed.
JARGON = _rx(
    r"\b(cutting[- ]edge|state[- ]of[- ]the[- ]art|synerg(y|ies)|next[- ]gen(eration)?|"
    r"best[- ]of[- ]breed|game[- ]chang(ing|er)|paradigm|holistic|leverag(ed|ing) [\w-]+ "
    r"(techniques|technologies|capabilities|solutions))\b"
)
# Duties and activities: what the role involves, not what changed.
DUTIES = _rx(
    r"^\s*(responsible for|in charge of|acted as|served as|was (the )?|attended|on[- ]?call for|"
    r"(meeting|calendar|event|deployment|deploy)\s*:|worked (across|with|through|closely)|"
    r"worked on|working on|continued to|continuing to|focused on|focusing on|"
    r"facilitated|participated|ran (the )?(daily |weekly )?(standups?|stand-ups?|"
    r"meetings?|ceremonies|retros?|office hours)|managed a team|managing|handled|looked after|"
    r"kept an eye|spent|did|doing|was busy|engaged|gathered|took care|oversaw|"
    r"organi[sz]ed \d+ (brainstorming|meetings|sessions|calls|discussions)|"
    r"coordinated|liaised|provided|maintained|monitored|"
    r"(am|is|was) (responsible|accountable))\b"
)
# Numbers that measure effort or input rather than results.
EFFORT_NUMBERS = _rx(
    r"\b(spent|had|held|attended|sent|wrote|joined|sat in|made|logged|clocked|put in|"
    r"organi[sz]ed|scheduled|reviewed|read)\s+(over |about |around |more than |nearly |like |"
    r"roughly |approx\.? |~\s?)?"
    r"[\d,.]+\+?\s*(k\s+)?(hours?|hrs|days?|weeks?|meetings?|calls?|emails?|messages?|"
    r"lines|loc|commits?|debriefs?|sessions?|brainstorm\w*|syncs?|1:1s|docs?|slides?|pages?|"
    r"customer calls|prs|pull requests|weekends?|nights?)\b"
    r"|\b[\d,.]+\+?\s*(hours?|hrs|meetings?|emails?|lines of code|commits|calls)\b"
    r"|\b(opened|raised|submitted|reviewed) [\d,]+ (prs|pull requests|merge requests)\b"
    r"|\b(held|had|ran) (the |our |my |all the )?(weekly |daily |regular |monthly )?"
    r"(1:1s|one-on-ones|syncs|standups|stand-ups|status meetings)\b"
    r"|\bworked [\d,]+ (weekends?|nights?|late nights?)\b"
    # what the role holds is its scope, not a result: "held a $4.2M budget", "managed 32 people"
    r"|\b(held|owned|managed|oversaw|had|ran|look after|looked after|managing|owning|holding|"
    r"overseeing|running|looking after|tracked|tracking|responsible for|in charge of|"
    r"accountable for) (a |an |the |my |our )?"
    r"[$€£]?[\d.,]+\s*(k|m|bn|million|billion)?\s*([a-z-]+ ){0,2}(annual |yearly )?"
    r"(budget|headcount|p&l|org|"
    r"quota|portfolio|book of business)\b"
    # one listed with what the role holds: "a team of 6 and a $1.4M annual budget"
    r"|\b(and|with|plus) (a|an) [$€£][\d.,]+\s*(k|m|bn|million|billion)?\s*(annual |yearly )?"
    r"(budget|quota|p&l)\b"
    r"|\b(ran|held|had|did|hosted) [\d,]+ ([\w-]+ )?(one-on-ones|skip-levels?|syncs|check-ins|"
    r"stand-?ups|meetings|catch-ups)\b"
    # how many came to a meeting a calendar shows: "3h, 14 attendees"; "to 200 attendees" is
    # whom a talk reached (DELIVERED_COUNT)
    r"|(?<!\bto )\b[\d,]+ (attendees|invitees|guests)\b"
    # how long the work took is effort: "took 3 days to track down"
    r"|\btook (me |us )?(over |about |around |nearly |almost |roughly )?[\d.]+\s*(hours?|hrs|days?|"
    r"weeks?|months?|sprints?) (to|of)\b"
    # a teaching load is the job's size: "taught 5 sections of 9th-grade English"
    r"|\b(taught|teach|teaches|teaching) ([\d]+|two|three|four|five|six|seven|eight) "
    r"(sections?|classes|periods|courses|groups|sets|lessons a (day|week))\b"
    # the size of the system worked on: "the gateway, which fronts 30 services and 200k rps"
    r"|\b(which|that) (fronts|serves|handles|processes|hosts|powers|carries|spans|supports) "
    r"[\d.,]+\s*(k|m|bn|million|billion)?\+?( (?!and\b|for\b|across\b)[a-z/-]+){1,3}"
    r"(( and| for| across| over| in)( about| around| some)? [\d.,]+\s*(k|m|bn|million|billion)?\+?"
    r"( (?!and\b|for\b|across\b)[a-z/-]+){1,3})*"
    # a share of one's own time: "spent 30% of my time on…"
    r"|\b[\d.]+\s*(%|percent) of (my|our|his|her|their|the team'?s?|team) "
    r"(time|week|weeks|capacity|bandwidth|hours)\b"
)
# A measured change or a measured level.
MEASURED = _rx(
    r"(\d[\d,.]*\s*(%|percent|pp|x\b|×|ms\b|s\b|h\b|sec|seconds?|minutes?|mins?|hours?|hrs?|"
    r"days?|weeks?|gb|tb|mb|k\b|m\b|bn|ms)|[$€£]\s?\d|\d\s?(usd|eur|gbp)\b|"
    r"\bfrom [^;,.]{0,30}?\d[^;,.]{0,30}? to [^;,.]{0,20}?\d|"
    r"\d\s*(->|→|=>)\s*\d|\bby [\d.]+\s*(%|x|percent)|\b(halved|doubled|tripled)|"
    r"\b(zero|no|0) (sev\w*|incidents?|outages?|regressions?|downtime|bugs|complaints|"
    r"escalations|pages|p1s?|failures|errors|gaps|misses|breaches)|\b\d+(\.\d+)?\s*/\s*\d+\b|"
    r"\b(nps|csat|rating|score|accuracy|auc|f1|conversion|retention|churn|uptime|"
    r"latency|p\d\d)\b[^.;]{0,25}?(?<![a-z0-9])\d|"
    # a streak: "CI green 40 runs in a row"
    r"\b\d+ (runs|builds|releases|deploys|deployments|nights|shifts|closes|audits|"
    r"inspections|sprints|cycles) (in a row|straight|running)\b)"
)
# Counts of finished deliverables: "closed 41 bugs", "hired 4 engineers", "ran 12 screens".
DELIVERED_COUNT = _rx(
    # what a safeguard caught: "in the first month they caught 6 breaking changes"
    r"\b(caught|blocked|prevented|flagged|stopped) [\d,]+ ([\w-]+ ){0,2}(bugs?|regressions?|"
    r"breaking changes?|incidents?|defects?|issues|vulnerabilities|outages|leaks?)\b|"
    r"\b(closed|fixed|shipped|launched|hired|resolved|merged|migrated|moved|delivered|"
    r"published|released|answered|ran|completed|onboarded|interviewed|trained|gave|led|rotated|"
    r"automated|retired|removed|deleted|eliminated|cut|reduced|built|wrote|filed|"
    r"converted|signed|won|closed-won|recruited|promoted|sourced|handled|triaged|"
    r"deprecated|decommissioned|rolled out|taught|designed|created|added|patched|"
    r"upgraded|bumped|translated|cleared|conducted|produced|met|filled|remediated|scheduled|rewrote|rebuilt|"
    r"redesigned|reworked|replaced|decommissioned|"
    r"placed|processed|negotiated|renewed|reconciled|audited|certified|passed)\b"
    r"[^.;]{0,30}?\b\d[\d,]*\+?\s+(?!(hours?|hrs|meetings?|emails?|calls?|weeks?|days?|"
    r"lines)\b)\w+"
    r"|\b(moved|migrated|converted|automated|retired|removed|closed|resolved|onboarded|"
    r"switched|cut|replaced|deleted|decommissioned|upgraded)\b[^.;]{0,20}?\b(half|a third|"
    r"two[- ]thirds|three[- ]quarters|a quarter|one[- ](third|quarter)|most|all|every one) of "
    r"(our|the|my|their|its|all)\b"
    r"|\bto \d[\d,]* (engineers|people|customers|users|teams|attendees|participants|"
    r"students|managers|leads)\b"
    # the count first: "310 requests processed", "41 bugs closed"
    r"|\b\d[\d,]*\+?\s+([\w-]+\s+){1,2}(processed|closed|resolved|fixed|shipped|delivered|"
    r"migrated|answered|completed|onboarded|hired|merged|published|released|made|cleared|"
    r"filled|approved|promoted)\b"
    # what other people did because of the work, counted: "320 sign-ups in week one"
    r"|\b\d[\d,]*\+? (new |more |extra |additional |paid )?(sign-?ups|registrations|"
    r"downloads|installs|pre-?orders|bookings|subscribers|subscriptions|purchases|"
    r"conversions|enrol?ments|activations|referrals)\b"
)
# Concrete end states: something now exists, stopped, or was approved.
END_STATE = _rx(
    r"\b(now (\w+ ){0,3}(is|are|runs?|gets?|get|uses?|used|serves?|takes?|covers?|"
    r"handles?|starts?|works?|has|have|can|sees?|goes?|reads?|forwards?|pays?|rel(y|ies)|"
    r"ships?|owns?|loads?|builds?)|now\b|no longer|stopped|went away|disappeared|"
    r"(works?|working|worked|runs?|running) (again|normally)\b|can (now )?(\w+ ){1,2}again\b|"
    r"(got|won|secured|received|obtained) (the |their |an? )?(approval|sign-?off|buy-in|funding)\b|"
    r"(reconcile|reconciles|reconciled|matches|match) (exactly )?(with|against|to) |"
    r"(verified|validated) (all|every|both|each) |"
    r"retired|shut down|decommissioned|turned off|switched off|sunset|"
    r"(is|are|was|were) (now )?(live|in production|adopted|approved|accepted|merged|"
    r"used|funded|published)|went live|shipped (in|on|to|with|before)|launched (on|in|to|"
    r"before)|on time|before the (deadline|launch|run|cutover|release)|"
    r"ahead of (schedule|plan|time|target|the (deadline|date|plan))|published (the|a|an|our|my) |"
    r"succeeded|passed|approved|adopted (by|across)|used (by|across|in)|"
    r"became(?! (a |an |the )?(go-to|trusted|known|better|stronger|more|recogni[sz]ed|respected))|"
    r"replaced|unblocked|resolved|eliminated|signed|won|closed the|"
    r"(got|gets|was|were|both|all|each|since) (\w+ ){0,2}promoted|promoted to|"
    r"(in|within|on|by) [^;,.]{1,25} instead of|"
    r"accepted|funded|met the|hit the|beat the|without (any )?(downtime|incident|outage)|"
    r"no (\w+ ){0,2}(bugs|incidents|issues|complaints|tickets|pages|errors) "
    r"(have been |were |since)|"
    r"(first|only) (team|one|person)|led to|resulted in|so that|so (it|we|they|the|our) |"
    r"which (let|lets|allowed|enabled|cut|saved|removed)|"
    r"(enabling|allowing)(?! (an? |the )?(future|further|more|better|greater|easier|clearer))|"
    r"\d+ \w+ (live|done|shipped|merged|closed|fixed)|(are|is|were|was) (all )?(done|"
    r"complete|completed|closed|fixed|live)|brought( in)? \d+|sign-?off|signed off|"
    r"got \w+( \w+)? working|merged|deleted|removed|within \d+\s*(h|hours?|days?|"
    r"minutes?|mins?)\b|before the (\w+ ){0,3}(deadline|launch|run|cutover|release|"
    r"audit|renewal|cycle|freeze)|fully (staffed|migrated|rolled out|covered|automated)|"
    r"made (a |the )?hire|featured( \w+)? (in|by|on)|gave (a|the|both|all|two|three|four|\d+) "
    r"([\w-]+ ){0,2}(talks?|keynotes?|workshops?|presentations?|lunch-and-learns?)|"
    r"\d+ (teams|services|people|engineers|customers|repos|squads|apps|clients|stores|schools|"
    r"sites|products|departments) (now |had |have |has )?(use|uses|consume|consumes|rely on|"
    r"depend on|run on|adopted|added|enabled|switched to|moved to|signed up|picked up|turned on)\b|"
    r"the same day|same-day|"
    r"without (any )?changes|(zero|no|0) ([\w-]+ ){0,2}(left|remaining)|"
    r"(went|dropped|fell|cut|reduced|down) from [^.;]{2,40} to |from nothing to|"
    r"(no|zero|0) [\w-]+( [\w-]+)? since \w+|"
    r"^\W*(done|shipped|completed|closed|merged|resolved|fixed)\s*[:\-–]\s*(?=\w)|"
    r"live (for|in|on|since|to|across)|(import|imports|adopted|depend on) it|"
    # in use on a rhythm: "they use it every Monday since July"
    r"(use|uses|rely on|relies on|open|opens|run|runs) it (every|each|daily|weekly|since)\b|"
    # shipped in a release someone can look up: "went out in v5.2", "in release 4.12"
    r"went out (in|to|on|with)|(shipped|launched|released|out|went|live) [^.;]{0,40}?\b(in|with) "
    r"(the )?(release|version|build|v) ?\d|"
    r"live (on )?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d|"
    r"\d+ (\w+ ){1,2}(migrated|onboarded|moved|switched|cut over)|"
    r"(has|have|was|were) (now )?(confirmed|verified|validated)|met (all|every|both) |"
    r"all (two|three|four|five|six|seven|eight|nine|ten|\d+) (\w+ )?(onboarded|hired|promoted|"
    r"migrated|moved|shipped|closed|fixed|done|live)|"
    # a credential earned: "got my AWS Cloud Practitioner cert", "passed the CKA"
    r"(got|earned|obtained|achieved|gained|received) (my|the|an?|our) ([\w-]+ ){0,4}"
    r"(cert|certs|certification|certificate|license|licence|accreditation|qualification)|"
    r"(running|live|deployed|serving traffic) (in|on) (prod|production)|"
    # nothing lost or broken on the way: "with zero reschedules", "with no lost equipment"
    r"with (zero|no|0) (?!(help|support|guidance|prior|previous|experience|budget|notice|extra|"
    r"additional|documentation|context|time|one|plan|agenda|mandate|authority)\b)[\w-]+|"
    # a state held ever since: "finished before 4:30am every night since mid-February"
    r"(every|each) (single )?(night|day|morning|week|weekday|month|quarter|run|release|sprint|"
    r"build|deploy|close|cycle) since|"
    r"(hit|made|beat) (all|every|both|each) |"
    r"(a few|several|a couple( of)?) (hundred|thousand|dozen|million) (more|fewer|extra|new|"
    r"additional)\b|"
    r"before (it|they|the [\w-]+( [\w-]+)?) (was|were|got) (shut|turned|switched) (off|down)|"
    r"(received|got|passed|with) a clean (audit|report|bill|opinion|review)|"
    r"\d+ (consecutive|straight|clean) (days|weeks|months|runs|releases|nights|sprints|deploys)|"
    r"(under|within|inside) (the|our|its) (sla|slo|budget|target|window)|"
    r"all (\d+|two|three|four|five|six|seven|eight|nine|ten) ([\w-]+ ){0,3}(now )?(have|has|are)\b|"
    r"(closed|resolved|cleared|fixed) (both|all|every)\b|(raised|found|had) no new\b|"
    r"without (any )?(conditions|findings|exceptions|observations|reservations)|"
    # released to everyone it was for: "shipped dark mode to all iOS users"
    r"(shipped|launched|released|rolled out|rolled) [^.;]{0,40}?\bto (all|every|100%( of)?) "
    r"([\w-]+ ){0,2}(users?|customers?|clients?|stores|sites|regions|markets|accounts|teams|"
    r"schools|wards|clinics|hospitals|branches|offices|countries|warehouses|depots|plants|"
    r"agents|staff|employees|students|patients)\b|"
    # a decision-maker took it up: "The board adopted the remote-work policy I drafted"
    r"(board|committee|council|leadership team|exec team|executive team|steering group|cab) "
    r"(adopted|approved|ratified|accepted|signed off|endorsed)|"
    # a clean record since the person's own change: "No repeat of the outage in 6 months
    # since I added the health check"
    r"(no|zero|0) [^.;]{1,60}?\bsince (i|we) (?!(joined|started|arrived|came|got here|moved|"
    r"took)\b)[a-z]+(ed|t|lt|ilt|ought|up|ran)\b)\b"
)
# Actions that finish with a concrete artifact or end state.
COMPLETION_VERBS = _rx(
    r"\b(migrated|moved|replaced|retired|shipped|launched|released|rolled out|"
    r"decommissioned|deprecated|removed|deleted|eliminated|automated|rewrote|rebuilt|"
    r"built|created|introduced|set up|wrote|published|designed|implemented|added|"
    r"got|persuaded|convinced|negotiated|won|closed|hired|fixed|resolved|ran|delivered|"
    r"cut|reduced|raised|increased|grew|halved|doubled|saved|prevented|caught|"
    r"found|discovered|identified|consolidated|merged|split|deduplicated|upgraded|"
    r"killed|cancell?ed|scrapped|shelved|cleared|stood up)\b"
)
ARTIFACT = _rx(
    r"(https?://|\b(rfc|design doc|doc|docs|runbook|playbook|dashboard|pr|prs|pull request|"
    r"ticket|spec|prd|report|post|talk|deck|slides|release|v\d|version \d|repo|library|"
    r"tool|template|guide|handbook|readme|adr|memo|postmortem|proposal|paper|model|"
    r"prototype|checklist|rubric|course|workshop)\b)"
)
WITNESS = _rx(
    r"\b(said|praised|thanked|wrote to|feedback from|recogni[sz]ed by|award|kudos|"
    r"quoted|according to|confirmed|called out|shout-?out|testimon\w+|review said)\b"
)
SCOPE = _rx(
    r"\b(team|teams|squad|org|organi[sz]ation|company|department|customers?|users?|"
    r"clients?|partners?|engineers|services?|product|region|across|all|every|whole|"
    r"entire|company-wide|org-wide|\d+ (teams|people|engineers|services|customers))\b"
)
OWN_ROLE = _rx(
    r"\b(i|by me|myself|as (the )?(lead|owner|pm|hiring manager|tech lead|dri|manager|"
    r"incident commander))\b|^\s*(led|owned|drove|ran|designed|built|wrote|created|"
    r"shipped|launched|migrated|hired|fixed|cut|reduced|got|persuaded|negotiated|"
    r"replaced|rebuilt|moved|closed|introduced|set up|started|founded|proposed|"
    r"authored|implemented|automated|mentored|coached|trained|taught|interviewed|"
    r"answered|resolved|delivered|released|published|presented|organi[sz]ed|grew|"
    r"defined|established|rolled out|created|raised|increased|saved|found|"
    r"discovered|identified|prevented|caught|turned|convinced|won|sold|ran)\b"
)
# "1:1s" and "1-on-1" are meetings: read as "one-on-ones" so they never look like a number.
_ONE_ON_ONE = _rx(r"\b1(:|-on-)1s?\b")
# A separate clause after a completed action: "Moved the jobs to Airflow; nightly runs…".
EFFECT_CLAUSE = _rx(
    r"[;:—–]|,\s*(so|and|which|saving|cutting|reducing|freeing|raising|lifting|halving|"
    r"doubling|bringing)\b"
)

PROMPTS = {
    "role": "What was your own part? Say what you did yourself (led, designed, wrote, decided) "
    "rather than 'helped with' or 'the team'.",
    "outcome": "What changed because of it? Name the result someone could check: what shipped, "
    "what stopped happening, who now uses it.",
    "metric": "Can you put a number on it? A before → after (820 → 240 ms), a count of things "
    "finished, time or money saved.",
    "scope": "How far did it reach? Your team, several teams, the company, customers?",
    "artifact": "Is there something to point at? Add a link to the doc, PR, dashboard or "
    "release (--link).",
    "witness": "Who saw the result? Record what a colleague, manager or customer said "
    "(promocase praise … --from).",
}


# Routine upkeep merged as a pull request states no result: "Bump lodash from 4.17.20 to
# 4.17.21", "Address review comments", "Fix typo".
ROUTINE = _rx(
    r"^\W*merged pull request [^:]{0,12}:?\s*(bump|chore|wip|address(ed)? (the )?(review )?"
    r"(comments|feedback)|fix(ed)? (a )?typos?|update(d)? (the )?(readme|changelog|deps|"
    r"dependencies|lockfile|snapshots?)|merge branch|revert)\b"
)
# A tracker item closed as done: "INFRA-877 Decommission the last three build agents [Done]".
# Its title's verb is an instruction; done, it is what the person did.
_TRACKER_DONE = re.compile(
    r"^(?P<key>[a-z][a-z0-9]{1,9}-\d+:?\s+)(?P<verb>[a-z]+)\b(?P<rest>.*?)"
    r"\s*\[(?:done|closed|resolved|fixed|completed|shipped)\]"
)
_PAST = {
    "decommission": "decommissioned",
    "remove": "removed",
    "retire": "retired",
    "migrate": "migrated",
    "delete": "deleted",
    "rotate": "rotated",
    "deprecate": "deprecated",
    "replace": "replaced",
    "automate": "automated",
    "consolidate": "consolidated",
    "shut": "shut",
    "eliminate": "eliminated",
    "reduce": "reduced",
    "cut": "cut",
    "upgrade": "upgraded",
    "move": "moved",
    "launch": "launched",
    "ship": "shipped",
    "release": "released",
    "publish": "published",
    "roll": "rolled",
    "turn": "turned",
}


# Past tenses typed in a hurry with the "e" dropped ("migratd the cron jobs", "retird the old
# box"), read as meant. Only verbs whose clipped form is no English word.
_HURRIED = {
    verb[:-2] + "d": verb
    for verb in (
        "migrated retired moved replaced removed deleted automated released decommissioned "
        "deprecated closed resolved launched fixed created reduced introduced upgraded "
        "eliminated consolidated completed delivered deployed rotated archived trained "
        "onboarded published designed finished shipped merged converted implemented "
        "rebuilt rewrote helped".split()
    )
    if verb.endswith("ed")
}
_HURRIED_RX = re.compile(r"\b(" + "|".join(sorted(_HURRIED)) + r")\b")


# An importer's headline, "Merged pull request #77: …", "Closed OPS-221: …", "Resolved PAY-9
# (Bug): …", "Reviewed pull request #455: …": the merge or the close is the tool's record that
# the item exists, not what it changed. The title after it is judged on its own, so a bare
# import asks for its outcome (writers of four dev sets label it vague 7 times to 1).
_IMPORT_HEADLINE = re.compile(
    r"^\W*(?:\[[\w .-]{1,20}\]\s*)?"
    r"(?:(?:merged|reviewed)\s+(?:pull\s+request|pr|merge\s+request|mr)\s*(?:[\w.-]+/[\w.-]+)?!?#?\d+"
    r"|[a-z][a-z0-9]{1,9}-\d+\s+(?:closed|resolved|done|completed)"
    r"|merged\s+branch\s+'[^']{1,80}'"
    # "Closed acme/shop#812": a GitHub export names the repository
    r"|(?:closed|resolved|completed|done)\s+(?:[a-z][a-z0-9]{1,9}-\d+|(?:issue\s+)?(?:[\w.-]+/[\w.-]+)?#\d+)"
    r"(?:\s+\([^)]{0,40}\))?)"
    r"\s*(?::\s*|(?=[\"“'‘]))"
)


# How things seem is an impression, not an end state: "seems okay now", "looks stable".
_IMPRESSION = re.compile(
    r"\b(?:seems?|seemed|looks?|looked|appears?|appeared)\s+(?:to\s+be\s+)?(?:ok|okay|fine|"
    r"good|better|stable|healthy|normal|alright|all\s+right|quiet|calmer)(?:\s+now)?\b"
)


def _finished(match: re.Match[str]) -> str:
    verb = match["verb"]
    return match["key"] + _PAST.get(verb, verb) + match["rest"]


def check_evidence(
    text: str,
    *,
    outcome: str | None = None,
    metric: object | None = None,
    role: str | None = None,
    scope: str | None = None,
    links: Sequence[str] = (),
) -> EvidenceVerdict:
    """Judge one entry: 'specific' or 'vague', what is missing, and prompts to fix it.

    Structured fields count too: --metric is a measured result, --outcome a stated result,
    --role led/owned a personal role, --link an artifact.
    """
    # A git import's size note, "(3 commits, 5 files, +120/−30 lines in docs)", is the tool's
    # bookkeeping, not the person's claim: its counts are not results, nor is a folder named
    # "docs" an artifact.
    body = _ONE_ON_ONE.sub("one-on-ones", " ".join(without_size_note(text).split()).lower())
    if ":" in body:
        body = _CALENDAR_SLOT.sub(" ", body)
    body = body.replace("won't", "will not").replace("won’t", "will not")
    body = _TRACKER_DONE.sub(_finished, body)
    # routine upkeep is read off the headline ("Merged pull request #91: Bump …"), which the
    # judging below no longer sees
    routine_upkeep = bool(ROUTINE.match(body))
    body = _IMPORT_HEADLINE.sub("", body, count=1)
    body = _ROLE_LABEL.sub("", body, count=1)
    body = _IMPRESSION.sub(" an impression ", body)
    if "d " in body or body.endswith("d"):
        body = _HURRIED_RX.sub(lambda m: _HURRIED[m.group(0)], body)
    full = body + (" ; " + outcome.lower() if outcome else "")
    dated = _POINT_IN_TIME.sub(" ", full) if "-" in full else full  # "on 2026-09-14"
    full_counts = VERSIONS_AND_KEYS.sub(" ", NAMED_NUMBERS.sub(" ", dated))  # "SOC 2", "Q2"
    full_counts = _without_date_spans(full_counts)  # "from March 2024 to May 2024"
    if "upgrad" in full_counts or "bump" in full_counts or "migrat" in full_counts:
        full_counts = _UPGRADE_VERSIONS.sub(lambda m: _DIGITS.sub("", m.group(0)), full_counts)
    measurable = CODES_AND_DECADES.sub(" ", DURATION.sub(" ", full_counts))
    # "from 2.4 to 0.9", "from 1,900 to 1,150": a separator inside a number ends no clause
    measurable = _IN_NUMBER.sub("", measurable)
    reasons: list[str] = []

    hedged = bool(HEDGES.search(body)) and role not in ("led", "owned")
    group = role is None and bool(
        TEAM_SUBJECT_START.match(body)
        or TEAM_SUBJECT.search(body)
        or NO_AGENT.search(body)
        or GROUP_OF_MINE_START.match(body)
        or GROUP_RESULTS_START.match(body)
        or (WE_SENTENCE.search(body) and not IMPLICIT_I.match(body))
        or GROUP_PRAISE.search(body)
    )
    if group and FIRST_PERSON.search(body):
        # the person only as whose group it is or how they feel about it: still the group's
        head = GROUP_OF_MINE_START.match(body)
        mine = NOT_MY_PART.sub(" ", body[head.end() :] if head else body)
        group = not FIRST_PERSON.search(mine)
    team_only = group or (
        role is None
        and bool(NEGATIVE_START.match(body))
        and not FIRST_PERSON.search(ARRIVAL.sub(" ", body))
    )
    effort_only = bool(EFFORT_NUMBERS.search(full))
    measured = metric is not None or bool(MEASURED.search(measurable))
    counted = bool(DELIVERED_COUNT.search(full_counts))
    adjective = bool(ADJECTIVES.search(full))
    if adjective:  # "they're much better now": 'now' restates the adjective, it is no result
        end_state = any(m.group(0).strip() != "now" for m in END_STATE.finditer(full))
    else:
        end_state = bool(END_STATE.search(full))
    end_state = end_state or bool(outcome and outcome.strip())
    future = (
        not outcome and metric is None and bool(FUTURE_START.match(body) or FUTURE.search(body))
    )
    duty = bool(DUTIES.search(body))
    jargon = bool(JARGON.search(body))
    done = COMPLETION_VERBS.search(body)  # the first completed action, if any

    # Effort numbers do not count as measurement unless another real number is present.
    if effort_only and (measured or counted) and metric is None:
        stripped = EFFORT_NUMBERS.sub(" ", measurable)
        measured = bool(MEASURED.search(stripped))
        counted = bool(DELIVERED_COUNT.search(stripped))

    result = measured or counted or end_state
    # A completed concrete action with a separate clause stating its effect reads as a result.
    if not result and done and not adjective and not duty:
        effect = EFFECT_CLAUSE.search(body, done.end())
        after = body[effect.end() :].strip() if effect else ""
        if effect and not COMPLETION_VERBS.match(after):
            result = True  # "Moved the jobs to Airflow; nightly runs finish by 6am"
    routine = routine_upkeep and metric is None and not outcome
    if routine and not (measured or counted):
        result = False
    specific = result and not hedged and not team_only and not future
    if duty and not (measured or counted) and not end_state:
        specific = False
    if adjective and not (measured or counted or end_state):
        specific = False
    if jargon and not (measured or counted):
        specific = False  # "… enabling cross-functional synergies" states no result

    if future:
        reasons.append("a plan or target, not a result yet")
    if hedged:
        reasons.append("hedged participation")
    if team_only:
        reasons.append("result of a group, not your own part")
    if duty and not result:
        reasons.append("a duty or activity without an outcome")
    if adjective and not (measured or counted):
        reasons.append("adjectives in place of a result")
    if jargon and not (measured or counted):
        reasons.append("buzzwords in place of a result")
    if effort_only and not (measured or counted):
        reasons.append("numbers of effort or of what the role holds, not of results")
    if not result and not reasons:
        reasons.append("no checkable result")

    missing: list[str] = []
    if hedged or team_only:
        missing.append("role")
    if not result or future:  # a stated effect ("…; new hires now ship in week one") is an outcome
        missing.append("outcome")
    if not (measured or counted):
        missing.append("metric")
    if not specific:
        if scope is None and not SCOPE.search(full):
            missing.append("scope")
        if not links and not ARTIFACT.search(full):
            missing.append("artifact")
        if adjective and not WITNESS.search(full):
            missing.append("witness")
    # The person's own part first: without it a number proves nothing about them.
    ordered = [
        m for m in ("role", "outcome", "metric", "scope", "artifact", "witness") if m in missing
    ]
    return EvidenceVerdict(
        verdict="specific" if specific else "vague",
        missing=ordered,
        reasons=reasons,
        subject=body,
    )


# The kinds of work an entry may name, most particular first, with the result and the number
# to ask for in their terms ("On-call." → pages and time to recover, not "what shipped").
_KIND_PROMPTS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (_rx(pattern), outcome, metric)
    for pattern, outcome, metric in (
        (
            r"\b(on-?call|pager|paged|incidents?|outages?|sev ?\d|post-?mortems?|firefight\w*)\b",
            "What did it change? An incident resolved or prevented, an alert or runbook fixed, "
            "a cause removed for good?",
            "Put a number on it: pages a week before → after, time to recover, incidents this "
            "quarter against the last.",
        ),
        (
            r"\b(interview\w*|phone screens?|hiring|(?<!new )hires?|recruit\w*|candidates?|debriefs?|"
            r"scorecards?)\b",
            "What came of it? Hires made, a hire or no-hire call you drove, a loop or rubric "
            "you improved?",
            "How many? Interviews run, offers accepted, time to hire before → after.",
        ),
        (
            r"\b(mentor\w*|coach\w*|onboard\w*|pair(ed|ing)|juniors?|new hires?|taught|"
            r"teach\w*|1:1s?|one-on-ones?)\b",
            "How did they grow? What can they now do alone, what did they ship, did they take "
            "on more?",
            "Can you count it? Weeks to their first change in production, people onboarded, "
            "sessions that led somewhere.",
        ),
        (
            r"\b(migrat\w*|upgrad\w*|cut-?over|decommission\w*|retir\w*|sunset\w*|deprecat\w*)\b",
            "What moved, and what was switched off? What runs on the new system now, and "
            "what old one is gone?",
            "How much? Services, users or data moved, cost or incidents before → after.",
        ),
        (
            r"\b(latency|performance|faster|slow\w*|speed\w*|p9\d|load time|optimi[sz]\w*)\b",
            "What got faster, for whom? The page, query or job, and what users or teams noticed.",
            "By how much? p95 or load time before → after (820 → 240 ms).",
        ),
        (
            r"\b(research\w*|analy[sz]\w*|investigat\w*|looked into|look into|explor\w*|"
            r"deep[- ]dive|study|survey\w*|spike)\b",
            "What did you find, and what did it change? The decision it led to, what was built "
            "or dropped because of it.",
            "Can you size it? How many users, how much money or time the finding was worth.",
        ),
        (
            r"\b(docs?|documentation|guides?|write-?ups?|rfcs?|design docs?|presentations?|"
            r"presented|talks?|slides|decks?|newsletters?|updates?)\b",
            "Who read or used it, and what did they do differently? A decision made, a "
            "question no longer asked?",
            "Can you count it? Readers, teams that adopted it, questions or tickets before → "
            "after.",
        ),
        (
            r"\b(planning|plans?|meetings?|met with|syncs?|synced|roadmap|kick-?offs?|"
            r"workshops?|offsites?|quarterly)\b",
            "What was decided or unblocked? The plan agreed, what was cut or moved, the date "
            "committed, who owns what now?",
            "Can you count it? Items decided or cut, teams aligned, weeks saved.",
        ),
        (
            r"\b(customers?|clients?|tickets?|support|escalations?|accounts?|renewals?)\b",
            "What changed for the customers? A problem solved, a renewal kept, tickets that "
            "stopped coming?",
            "Can you count it? Tickets or escalations before → after, CSAT, revenue kept.",
        ),
    )
)


def prompts_for(missing: Sequence[str], subject: str = "") -> list[str]:
    """The coach's questions for what is missing, the result and the number put in terms of
    the kind of work `subject` (lowercased entry text) names, when it names one."""
    kind = next((k for k in _KIND_PROMPTS if k[0].search(subject)), None) if subject else None
    out = []
    for m in missing:
        if kind is not None and m == "outcome":
            out.append(kind[1])
        elif kind is not None and m == "metric":
            out.append(kind[2])
        else:
            out.append(PROMPTS[m])
    return out
