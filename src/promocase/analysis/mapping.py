"""Rank the criteria of a ladder that a piece of evidence demonstrates, and guess its level.

Two signals, both pure Python:
- lexical: BM25 over each criterion's name, description, keywords and expectations;
- concepts: evidence and criterion text are both expanded through a general vocabulary of
  work (concepts.py), so "phone screens" meets "Recruiting" without sharing a word.
The concept signal carries most of the weight; BM25 breaks ties and covers words the
vocabulary lacks. An index is built once per ladder and reused for every entry.

Ladders with few, broad criteria (four or five competencies with paragraph-long expectations)
need more: there almost every concept occurs somewhere in every criterion, so document
frequency stops telling criteria apart, and a criterion named after a broad concept
("Technical") collects every entry that mentions code in passing. For such ladders each
concept is routed to the criteria in proportion to how much of the concept's mass in the
ladder text each criterion holds (its share), using the most specific concept the ladder
actually talks about and backing off to broader ones only when it does not. Shares are read
from a criterion's description and level expectations, with its name counting little: the name
already speaks through the usual score, and two signals that read different text fuse better
(broad dev sets top-1 0.74 -> 0.75, the name-weighted share was 0.74). That routed score
is fused with the usual score and with BM25 (which reads long expectations well), each scaled
to its best criterion; how much the fusion counts grows as the ladder has fewer criteria.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass

from promocase.analysis import rx
from promocase.analysis.concepts import Vocabulary, vocabulary
from promocase.analysis.text import STOP_WORDS, content_stems, stem, without_size_note, words
from promocase.core.ladder import Criterion, Ladder

# Field weights: a criterion's name says most about it, its level expectations least
# (they repeat scope words such as "team" and "organisation" across every criterion).
NAME_WEIGHT = 3.0
DESCRIPTION_WEIGHT = 2.0
KEYWORD_WEIGHT = 2.0
AREA_WEIGHT = 0.5
EXPECTATIONS_WEIGHT = 2.0  # shared among all levels of one criterion

BM25_K1 = 1.2
BM25_B = 0.5
CONCEPT_K = 1.0  # saturation of a criterion's concept mass
LEXICAL_SHARE = 0.35  # how much BM25 counts next to concepts
MIN_SCORE = 0.05  # below this a suggestion is noise
HOME_BONUS = 0.5  # a concept named by the criterion's own name is its home ground
LEAD_BOOST = 1.5  # the opening words of a log line usually name the action
# When an entry names a non-technical kind of work, its technical concepts count this much:
# "Explained the Kafka migration trade-offs to the CFO" is communication about Kafka.
TOPIC_DISCOUNT = 0.6
RESULT_CONCEPTS = frozenset({"impact"})  # results, not a kind of work

# Broad ladders (see the module docstring). Breadth is 1 at BROAD_MAX_CRITERIA criteria or
# fewer, falls linearly and is 0 from BROAD_MAX_CRITERIA + BROAD_SPAN criteria on.
BROAD_MAX_CRITERIA = 5
BROAD_SPAN = 5
ROUTE_MIN_MASS = 2.0  # a concept this light in the whole ladder text backs off to its parents
ROUTE_DECAY = 0.5  # weight kept per step up to a broader concept
ROUTE_MAX_STEPS = 4
FUSE_USUAL = 0.9  # weights of the three normalised signals in the broad-ladder fusion
FUSE_ROUTED = 1.0
FUSE_LEXICAL = 0.5
# Field weights for routing shares. The name already counts through the usual score (and its
# home bonus); routing reads the body of each criterion, so the two fused signals differ.
ROUTE_NAME = 0.5
ROUTE_DESC = 2.0
ROUTE_EXP = 2.0  # shared among all levels of one criterion
# Hub correction on broad ladders: how much of a criterion's pull on every kind of work (its
# mean scaled score over one probe per vocabulary concept) is taken off its scaled score.
HUB_CORRECTION = 0.75
HUB_PROBE_TRIGGERS = 3  # a probe is a concept's first few trigger phrases
# Learned concept affinities (data/affinity.json, made by benchmarks/train_affinity.py from the
# dev sets): how much an entry's concept counts toward a criterion for each concept that sets the
# criterion apart from the others in its ladder ("hiring" in an entry toward a criterion whose
# text is about talent). Added to the final scaled score with this weight.
AFFINITY_WEIGHT = 0.2
# Only the concepts an entry names itself count for it (weight >= this), not the broader ones
# they expand to: as accurate in cross-validation (dev 1,935 against 1,929) and a third of the
# work per entry.
AFFINITY_MIN_CONCEPT = 0.6
# Level guess: closeness to the reach the words describe, plus wording shared with the
# criterion's expectation at each level and with everything the ladder expects there.
LEVEL_TEXT_WEIGHT = 0.5
LEVEL_WIDE_WEIGHT = 0.1


@dataclass(frozen=True)
class _CriterionIndex:
    id: str
    terms: dict[str, float]
    length: float
    concepts: dict[str, float]


def _fields(criterion: object, ladder: Ladder) -> list[tuple[str, float]]:
    from promocase.core.ladder import Criterion

    assert isinstance(criterion, Criterion)
    fields: list[tuple[str, float]] = [(criterion.name, NAME_WEIGHT)]
    if criterion.area:
        fields.append((criterion.area, AREA_WEIGHT))
    if criterion.description:
        fields.append((criterion.description, DESCRIPTION_WEIGHT))
    for keyword in criterion.keywords:
        fields.append((keyword, KEYWORD_WEIGHT))
    if criterion.expectations:
        share = EXPECTATIONS_WEIGHT / max(1, len(criterion.expectations))
        for text in criterion.expectations.values():
            fields.append((text, share))
    return fields


class Suggester:
    """Suggests criteria (and a level) for evidence text against one ladder.

    Build it once per ladder; `suggest` then takes well under a millisecond per entry.
    """

    def __init__(
        self,
        ladder: Ladder,
        *,
        method: str = "concepts",
        vocab: Vocabulary | None = None,
        affinity: bool = True,
    ):
        if method not in ("concepts", "bm25"):
            raise ValueError(f"unknown method {method!r}")
        self.ladder = ladder
        self.method = method
        self.vocab = vocab or vocabulary()
        self._technical = self.vocab.within("technical")
        self._index: list[_CriterionIndex] = []
        self._home: dict[str, list[int]] = {}
        df: Counter[str] = Counter()
        cdf: Counter[str] = Counter()
        for criterion in ladder.criteria:
            terms: Counter[str] = Counter()
            concepts: dict[str, float] = {}
            for text, weight in _fields(criterion, ladder):
                for term in content_stems(text):
                    if _topical(term):
                        terms[term] += weight
                if method == "concepts":
                    for concept, w in self.vocab.concepts(text).items():
                        concepts[concept] = concepts.get(concept, 0.0) + w * weight
            if method == "concepts":
                for concept in self.vocab.concepts(criterion.name):
                    if concept in self.vocab.parents and self.vocab.expand(concept):
                        self._home.setdefault(concept, []).append(len(self._index))
            self._index.append(
                _CriterionIndex(criterion.id, dict(terms), sum(terms.values()), concepts)
            )
            df.update(terms.keys())
            cdf.update(concepts.keys())
        n = len(self._index)
        self._avg_len = sum(c.length for c in self._index) / max(1, n)
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self._cidf = {c: math.log(1 + (n - d + 0.5) / (d + 0.5)) for c, d in cdf.items()}
        # inverted indexes: term → [(criterion position, weighted tf)]
        self._postings: dict[str, list[tuple[int, float]]] = {}
        self._cpostings: dict[str, list[tuple[int, float]]] = {}
        for pos, entry in enumerate(self._index):
            norm = BM25_K1 * (1 - BM25_B + BM25_B * entry.length / (self._avg_len or 1.0))
            for term, tf in entry.terms.items():
                self._postings.setdefault(term, []).append(
                    (pos, self._idf[term] * tf * (BM25_K1 + 1) / (tf + norm))
                )
            for concept, mass in entry.concepts.items():
                self._cpostings.setdefault(concept, []).append(
                    (pos, self._cidf[concept] * mass / (mass + CONCEPT_K))
                )
        # a concept named by a criterion's name: its home bonus rides on the same postings
        for concept, positions in self._home.items():
            self._cpostings.setdefault(concept, []).extend((pos, HOME_BONUS) for pos in positions)
        self._level_pos = {lv.id: i for i, lv in enumerate(ladder.levels)}
        # each criterion's words at each level (tokenised once, not per suggest_level call),
        # each level's words across all criteria, and how few levels use each word
        self._exp_words: dict[str, list[tuple[int, frozenset[str]]]] = {}
        self._level_words: list[set[str]] = [set() for _ in ladder.levels]
        for criterion in ladder.criteria:
            per_level = self._exp_words.setdefault(criterion.id, [])
            for level_id, expectation in criterion.expectations.items():
                pos, exp_words = self._level_pos[level_id], frozenset(content_stems(expectation))
                per_level.append((pos, exp_words))
                self._level_words[pos].update(exp_words)
        level_df = Counter(w for vocab in self._level_words for w in vocab)
        n_levels = len(ladder.levels)
        self._level_idf = {w: math.log(1 + n_levels / d) for w, d in level_df.items()}
        self._breadth = 0.0
        self._mass: dict[str, float] = {}
        self._share: dict[str, list[tuple[int, float]]] = {}
        self._named: set[str] = set()  # concepts a criterion's name states outright
        self._route_targets: dict[str, list[tuple[str, float]]] = {}
        if method == "concepts" and n:
            over = n - BROAD_MAX_CRITERIA
            self._breadth = min(1.0, max(0.0, 1.0 - over / BROAD_SPAN))
        if self._breadth > 0:
            route_concepts = [self._route_concepts(c) for c in ladder.criteria]
            for criterion in ladder.criteria:
                named = self.vocab.concepts(criterion.name)
                self._named.update(c for c, w in named.items() if w >= 1.0)
            for rc in route_concepts:
                for concept, mass in rc.items():
                    self._mass[concept] = self._mass.get(concept, 0.0) + mass
            for pos, rc in enumerate(route_concepts):
                for concept, mass in rc.items():
                    self._share.setdefault(concept, []).append((pos, mass / self._mass[concept]))
        self._hub: list[float] = []
        if self._breadth > 0 and n > 1:
            self._hub = self._hub_pull(HUB_CORRECTION * self._breadth)
        # per entry concept, its learned pull toward each criterion (see AFFINITY_WEIGHT)
        self._affinity: dict[str, list[float]] = {}
        if method == "concepts" and affinity and n > 1:
            self._affinity = _affinity_pulls([c.concepts for c in self._index], learned_affinity())

    def _hub_pull(self, strength: float) -> list[float]:
        """How much more than the average criterion each one attracts any kind of work.

        On a broad ladder one competency (often the technical one, whose text names the most
        tools and activities) comes out on top for people, delivery or communication work that
        mentions a technical word in passing: a hub. One probe per concept of the vocabulary
        (its first trigger phrases: "mentor mentored mentoring", "kubernetes k8s eks") is
        ranked, and each criterion's mean scaled score over all probes, minus the mean over
        criteria, is the pull that `rank` discounts (hubness reduction, as CSLS does for
        embeddings). It depends only on the ladder and the vocabulary, never on the entries.
        """
        probes = self.vocab.full_triggers()
        total = [0.0] * len(self._index)
        counted = 0
        for concept in self.vocab.parents:  # vocabulary order: the probes are deterministic
            phrases = probes.get(concept)
            if not phrases:
                continue
            raw = self._raw_scores(" ".join(phrases[:HUB_PROBE_TRIGGERS]))
            top = max(raw)
            if top <= 0:
                continue
            counted += 1
            for i, value in enumerate(raw):
                total[i] += value / top
        if not counted:
            return []
        mean = sum(total) / len(total) / counted
        return [strength * (t / counted - mean) for t in total]

    def _route_concepts(self, criterion: Criterion) -> dict[str, float]:
        """Concept masses of one criterion for routing: mostly its description and levels."""
        fields = [(criterion.name, ROUTE_NAME), (criterion.description or "", ROUTE_DESC)]
        fields += [(keyword, KEYWORD_WEIGHT) for keyword in criterion.keywords]
        if criterion.expectations:
            share = ROUTE_EXP / len(criterion.expectations)
            fields += [(t, share) for t in criterion.expectations.values()]
        out: dict[str, float] = {}
        for text, weight in fields:
            for concept, w in self.vocab.concepts(text).items():
                out[concept] = out.get(concept, 0.0) + w * weight
        return out

    # -- ranking ----------------------------------------------------------------------------
    def _raw_scores(self, text: str, named: dict[str, float] | None = None) -> list[float]:
        """Each criterion's score before the hub correction. `named`, if given, receives the
        concepts the text names (before the topic discount), as the learned affinity reads them."""
        scores = [0.0] * len(self._index)
        lexical = [0.0] * len(self._index)
        tokens = words(without_size_note(text))  # tokenised once for both signals
        token_stems = [stem(w) for w in tokens]
        postings = self._postings
        # Each term once, in the order of the text: a set's order changes from one process to
        # the next (string hashing), and so would the last bits of these float sums.
        terms = dict.fromkeys(
            s for w, s in zip(tokens, token_stems, strict=True) if w not in STOP_WORDS
        )  # numbers have no postings (see _topical), so they cost a lookup and add nothing
        for term in terms:
            for pos, value in postings.get(term, ()):
                lexical[pos] += value
        if self.method == "bm25":
            return lexical
        matches = self.vocab.matches(token_stems)
        cpostings = self._cpostings
        found = self.vocab.concepts_of(matches, lead_boost=LEAD_BOOST)
        if named is not None:
            named.update(found)
        if any(c in self._technical for c in found) and any(
            w >= 1 and c not in self._technical and c not in RESULT_CONCEPTS
            for _s, _e, c, w in matches
        ):
            # the entry names a kind of work (explained, mentored, interviewed, planned…):
            # the technology it mentions is its topic, so technical concepts count less
            found = {c: w * TOPIC_DISCOUNT if c in self._technical else w for c, w in found.items()}
        for concept, weight in found.items():
            for pos, value in cpostings.get(concept, ()):
                scores[pos] += weight * value
        usual = [c + LEXICAL_SHARE * lex for c, lex in zip(scores, lexical, strict=True)]
        if self._breadth <= 0:
            return usual
        top = max(usual)
        if top <= 0:
            return usual
        routed = _scaled(self._routed_scores(matches))
        lexical = _scaled(lexical)
        total = FUSE_USUAL + FUSE_ROUTED + FUSE_LEXICAL
        b = self._breadth
        return [
            (1 - b) * u
            + b * top * (FUSE_USUAL * u / top + FUSE_ROUTED * r + FUSE_LEXICAL * x) / total
            for u, r, x in zip(usual, routed, lexical, strict=True)
        ]

    def _routed_scores(self, matches: list[tuple[int, int, str, float]]) -> list[float]:
        """Each concept the text names, shared out among criteria by their share of it.

        A concept the ladder barely mentions is replaced by its broader concepts (at a
        discount) until one is found that the ladder talks about. Each routed concept counts
        once, at its strongest.
        """
        out = [0.0] * len(self._index)
        counted: dict[str, float] = {}
        for start, _end, concept, trigger_weight in matches:
            weight = trigger_weight * (LEAD_BOOST if start == 0 and trigger_weight >= 1 else 1.0)
            targets = self._route_targets.get(concept)
            if targets is None:
                targets = self._route_targets[concept] = self._route_target(concept)
            for c, factor in targets:
                w = weight * factor
                gain = w - counted.get(c, 0.0)
                if gain <= 0:
                    continue
                counted[c] = w
                for pos, share in self._share[c]:
                    out[pos] += gain * share
        return out

    def _route_target(self, concept: str) -> list[tuple[str, float]]:
        """The concepts one found concept routes through, with the weight factor of each.

        The concept itself if the ladder talks about it enough, else its broader concepts
        (ROUTE_DECAY per step up) until one is found.
        """
        frontier = [(concept, 1.0)]
        for _ in range(ROUTE_MAX_STEPS):
            found = [
                (c, w)
                for c, w in frontier
                if c in self._share and (self._mass[c] >= ROUTE_MIN_MASS or c in self._named)
            ]
            if found:
                return found
            frontier = [
                (parent, w * ROUTE_DECAY)
                for c, w in frontier
                for parent in self.vocab.parents.get(c, ())
            ]
            if not frontier:
                break
        return []

    def rank(self, text: str) -> list[tuple[str, float]]:
        """Every criterion with its raw score, best first (ties keep ladder order)."""
        named: dict[str, float] | None = {} if self._affinity else None
        raw = self._raw_scores(text, named)
        top = max(raw, default=0.0)
        if self._hub and top > 0:
            raw = [max(0.0, v / top - pull) * top for v, pull in zip(raw, self._hub, strict=True)]
        if not named:
            order = sorted(range(len(raw)), key=lambda i: (-raw[i], i))
            return [(self._index[i].id, raw[i]) for i in order]
        # on the scale of the best criterion, as it was learned (1 when nothing scored)
        scale = max(raw, default=0.0) or 1.0
        weight = AFFINITY_WEIGHT * scale
        learned = raw
        affinity = self._affinity
        for concept, w in named.items():
            if w >= AFFINITY_MIN_CONCEPT:
                pulls = affinity.get(concept)
                if pulls is not None:
                    w *= weight
                    learned = [v + w * p for v, p in zip(learned, pulls, strict=True)]
        # a stable sort: ties keep ladder order
        order = sorted(range(len(learned)), key=learned.__getitem__, reverse=True)
        index = self._index
        if learned[order[-1]] > 0:
            return [(index[i].id, learned[i]) for i in order]
        # The learned term orders the criteria; one it pushes to zero or below comes after the
        # rest (those that had a signal first) and keeps a trace of that signal (under
        # MIN_SCORE, so only the JSON ranking lists it).
        out = [(index[i].id, learned[i]) for i in order if learned[i] > 0]
        floor = out[-1][1] if out else scale
        below = [i for i in order if learned[i] <= 0]
        for i in sorted(below, key=lambda i: raw[i] <= 0):
            floor = min(floor, raw[i] * 0.01)
            out.append((index[i].id, floor))
        return out

    def suggest(
        self, text: str, k: int = 5, *, min_score: float = MIN_SCORE
    ) -> list[tuple[str, float]]:
        """Up to k (criterion id, score 0..1), best first; criteria with no signal are left out.

        The score reads as confidence: the best match's strength, shared out by how far
        ahead of the others each criterion is. Criteria below `min_score` are dropped (noise
        for a person; `min_score=0` keeps every criterion with any signal, as the JSON
        contract of `promocase suggest` does, so a third choice is still ranked).
        """
        ranked = self.rank(text)
        if not ranked or ranked[0][1] <= 0:
            return []
        top = ranked[0][1]
        strength = top / (top + 2.0)
        out = []
        for cid, raw in ranked[:k]:
            score = round(strength * raw / top, 3)
            if raw <= 0 or score < min_score:
                break
            out.append((cid, score))
        return out

    # -- level ------------------------------------------------------------------------------
    def suggest_level(
        self, text: str, criterion_id: str | None = None, *, scope: str | None = None
    ) -> str | None:
        """The level this evidence reads at, from its scope and the wording of expectations.

        `scope` is the reach the person stated for the entry (team, org, company, external);
        it counts at least as far as the words do. Returns None when the ladder has one level
        or nothing gives a clue.
        """
        levels = self.ladder.levels
        if len(levels) < 2:
            return None
        if criterion_id is None:
            best = self.suggest(text, 1)
            criterion_id = best[0][0] if best else None
        reach = scope_reach(text)
        stated = STATED_REACH.get(scope or "")
        if stated is not None:
            reach = stated if reach is None else max(reach, stated)
        words = set(content_stems(text))
        level_idf = self._level_idf
        # how much of the text is worded like each level: the criterion's own expectation
        # there, and everything the ladder expects at that level (words that only one level
        # uses count most)
        similarity = [0.0] * len(levels)
        for pos, exp_words in self._exp_words.get(criterion_id or "", ()):
            similarity[pos] = sum(level_idf[w] for w in words & exp_words)
        wide = [sum(level_idf[w] for w in words & vocab) for vocab in self._level_words]
        if reach is None and not any(similarity) and not any(wide):
            return None
        n = len(levels)
        position = 0.45 if reach is None else reach
        best_index, best_value = 0, -1e9
        top_sim = max(similarity) or 1.0
        top_wide = max(wide) or 1.0
        for i in range(n):
            closeness = 1.0 - abs(i / (n - 1) - position)
            value = (
                closeness
                + LEVEL_TEXT_WEIGHT * similarity[i] / top_sim
                + LEVEL_WIDE_WEIGHT * wide[i] / top_wide
            )
            if value > best_value:
                best_index, best_value = i, value
        return levels[best_index].id


@functools.cache
def learned_affinity() -> tuple[tuple[str, ...], dict[str, list[float]]]:
    """The learned affinities (see AFFINITY_WEIGHT): the entry concepts, and per criterion
    concept its weight for each of them, in that order. Empty if the data file is missing."""
    from importlib import resources

    try:
        raw = (resources.files("promocase") / "data" / "affinity.json").read_text("utf-8")
    except FileNotFoundError:
        return (), {}
    data = json.loads(raw)
    return tuple(data["entry_concepts"]), data["by_criterion_concept"]


def affinity_profile(concepts: dict[str, float]) -> dict[str, float]:
    """A criterion's concept masses as the affinity reads them: each saturated (m / (m + 1))."""
    return {c: m / (m + 1.0) for c, m in concepts.items() if m > 0}


def _affinity_pulls(
    criteria: list[dict[str, float]],
    learned: tuple[tuple[str, ...], dict[str, list[float]]],
) -> dict[str, list[float]]:
    """Per entry concept, its pull toward each criterion: the learned weights summed over what
    sets the criterion apart (its saturated concept masses minus the ladder's mean)."""
    entry_concepts, rows = learned
    if not rows:
        return {}
    profiles = [affinity_profile(c) for c in criteria]
    n = len(profiles)
    mean: dict[str, float] = {}
    for profile in profiles:
        for c, v in profile.items():
            mean[c] = mean.get(c, 0.0) + v / n
    pulls = []
    for profile in profiles:
        pull = [0.0] * len(entry_concepts)
        for c, avg in mean.items():
            apart = profile.get(c, 0.0) - avg
            row = rows.get(c)
            if row is not None and apart:
                pull = [p + apart * w for p, w in zip(pull, row, strict=True)]
        pulls.append(pull)
    return {
        e: list(per_criterion)
        for e, per_criterion in zip(entry_concepts, zip(*pulls, strict=True), strict=True)
        if any(per_criterion)
    }


def _topical(term: str) -> bool:
    """Whether a ladder word may count lexically: not a bare number. A number in a criterion's
    text ("1:1s", "2 levels") says nothing about the topic, yet the one criterion holding it
    gave every entry with that number a large BM25 score ("(1 commit, 2 files)" read as
    Mentoring). Numbers still take part in concept phrases ("1:1")."""
    return not term.replace(".", "").replace(",", "").isdigit()


def _scaled(values: list[float]) -> list[float]:
    """Values divided by the largest one (all zeros when none is positive)."""
    top = max(values, default=0.0)
    return [v / top for v in values] if top > 0 else [0.0] * len(values)


# Scope cues: where on a ladder (0 = first level, 1 = top) the described reach sits.
_REACH_CUES: tuple[tuple[float, re.Pattern[str]], ...] = tuple(
    (value, rx.compile_lower(pattern, captures=False))  # searched in lowercased text
    for value, pattern in (
        (
            0.05,
            r"\b(with (help|guidance|support|review)|my first|first (pr|ticket|bug|week|change)|"
            r"first production|learned|learnt|shadow(ed|ing)?|asked for|intern|"
            r"small (fix|change|bug|task)s?|assigned|scoped tasks?|well-defined)\b",
        ),
        (0.25, r"\b(fixed|bugs?|tickets?|implemented|added|wrote tests?|my (own )?tasks?)\b"),
        (0.4, r"\b(my team|our team|own team|the team|teammates?|feature|end to end)\b"),
        (
            0.6,
            r"\b(led|owned|designed|drove|ran the|tech lead|project|area|service|"
            r"mentored|coached|roadmap)\b",
        ),
        (
            0.78,
            r"\b(across (the )?(teams|org|organi[sz]ation|engineering)|multiple teams|"
            r"several teams|other teams|(\d+|three|four|five|six|seven|eight|nine|ten|"
            r"two) (teams|squads|services|orgs)|org-wide|department|standard|adopted by|"
            r"used by|programme|program|staff|several squads|hiring (plan|bar|committee)|"
            r"(trains?|trained) (new )?interviewers|the \w+ group|policy|guidelines|"
            r"all (the )?\w+ (engineers|designers|teams|squads))\b",
        ),
        (
            0.95,
            r"\b(company[- ]wide|whole company|entire company|company's|industry|"
            r"conference|keynote|(the|to the) board\b(?! ?(current|column|ticket))|"
            r"board (meeting|members?|of directors)|cto|ceo|cpo|vp|"
            r"all \d+ engineers|multi-year|years ahead|(two|three|five|\d+)[- ]year|next year|"
            r"open[- ]source|external|strategy for the (company|org)|public)\b",
        ),
    )
)


# Where a stated scope (an entry's --scope) sits, on the same 0..1 scale as the cues above.
STATED_REACH = {"team": 0.4, "org": 0.78, "company": 0.95, "external": 0.95}


def scope_reach(text: str) -> float | None:
    """How far the work reached, 0..1, from the words it uses; None if no cue at all."""
    low = text.lower()
    found = [value for value, pattern in _REACH_CUES if pattern.search(low)]
    if not found:
        return None
    top = max(found)
    if found[0] == _REACH_CUES[0][0]:  # 'my first', 'with help': the person is new to this
        top = min(top, _REACH_CUES[1][0])
    return 0.7 * top + 0.3 * (sum(found) / len(found))
