"""Clause structure from the dependency parse: which clause a word or a date belongs to,
who did what in it, and whether the text asserts it happened.

Read from the one parse :class:`~dateline.enrich.facts.FactsEnricher` makes per article
(nothing is re-parsed). Every event detector asks the same three questions here:

- *its own clause's date*: a temporal expression belongs to the clause whose verb
  governs it (``Emirates ordered jets on Monday, the airline said on Tuesday``: the
  order is Monday's, the saying Tuesday's), not to whatever date is nearest;
- *modality*: ``will sign``, ``is expected to sign``, ``plans to sign`` are
  scheduled, not past; ``did not sign``, ``refused to sign`` are negated; ``could
  sign``, ``if they sign`` hypothetical. Only asserted and scheduled clauses report
  events;
- *participants*: the clause's subject and object (and ``by`` in a passive).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from dateline.enrich.sentences import Sentence
from dateline.enrich.temporal import TimeExpression

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Token

__all__ = [
    "Modality",
    "SentenceParse",
    "align_sentences",
    "clause_head",
    "first_to",
    "lent_times",
    "modality",
    "unproven",
    "verbless",
]


class Modality(StrEnum):
    """Whether a clause says its event happened."""

    ASSERTED = "asserted"
    SCHEDULED = "scheduled"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"


#: Dependencies that start a clause of their own: a date inside one belongs to it.
_CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "xcomp", "advcl", "conj", "relcl", "csubj", "pcomp", "acl", "parataxis"}
)
#: Governors that put what they govern in the future: ``expected to sign``.
_FUTURE_GOVERNORS = frozenset(
    {"expect", "plan", "schedule", "set", "due", "intend", "prepare", "be", "go", "aim"}
)
#: Governors that deny what they govern: ``refused to sign``, ``failed to agree``.
_NEGATING_GOVERNORS = frozenset({"refuse", "fail", "decline", "deny", "reject", "avoid"})
#: Governors whose complement has not happened: ``threatened to strike``, ``wants to buy``.
_IRREALIS_GOVERNORS = frozenset(
    {
        "want", "hope", "seek", "try", "threaten", "propose", "consider", "offer", "urge",
        "ask", "call", "need", "wish", "vow", "pledge", "promise", "push", "demand",
        "attempt", "help", "allow", "agree", "decide", "order", "request", "invite",
        "look",
    }
)  # fmt: skip
#: Verbs whose content clause is a forecast, a belief or an allegation, not a report:
#: ``predicted that Apple will move to scissor switches in 2020`` schedules nothing.
_GUESSING_GOVERNORS = frozenset(
    {
        "predict", "forecast", "expect", "anticipate", "project", "speculate", "guess",
        "believe", "think", "hope", "fear", "suspect", "estimate", "bet", "wager",
        # what is alleged or claimed is not shown to have happened, as with the nouns
        # ("his claim that he visited"): "prosecutors alleged that he abused them"
        "allege", "claim",
    }
)  # fmt: skip
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "'d"})
_CONDITIONS = frozenset({"if", "unless", "whether", "lest"})
#: Adverbs that make a clause a possibility: ``may be eliminated`` written ``maybe``.
_HEDGES = frozenset({"maybe", "perhaps", "possibly"})


#: How a verb form modifies a noun rather than heads a clause ("meet-and-greet hour").
_MODIFYING = frozenset({"amod", "compound", "nmod"})


def verbless(tokens: Iterable[Token]) -> bool:
    """Whether a line has no verb that makes a clause: a schedule's entry ("Nov. 12:
    opening hearing"), a heading. Verbs that modify a noun ("opening hearing",
    "meet-and-greet hour") do not make one; a participle that heads the line or a
    clause of it does ("Updated: Jan 23", "while strolling along the beach")."""
    seen = False
    for token in tokens:
        seen = True
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in _MODIFYING:
            return False
    return seen


def clause_head(token: Token) -> Token:
    """The verb heading the clause ``token`` is in (itself, for a clause's verb)."""
    seen = 0
    while seen < 64:  # parse trees are shallow; the bound only guards a cycle
        if token.pos_ in ("VERB", "AUX") and token.dep_ in _CLAUSE_DEPS:
            return token
        if token.head is token:
            return token
        token = token.head
        seen += 1
    return token


def _governors(verb: Token) -> Iterator[Token]:
    """The verb, then the verbs it is the complement of (``expected`` → ``to sign``) or
    coordinated with (``will take off and land``: the ``will`` is said once)."""
    current = verb
    yield current
    while current.dep_ in ("xcomp", "conj") and current.head is not current:
        conj = current.dep_ == "conj"
        current = current.head
        if conj and current.pos_ not in ("VERB", "AUX"):
            return
        yield current


def modality(verb: Token, negation: bool = True) -> Modality:
    """Whether the clause headed by ``verb`` asserts, schedules, denies or supposes
    (``negation=False``: what it would be without its "not", for "won't … until 2020")."""
    implied = _implied_by(verb)
    if implied is not None:
        return modality(implied, negation)
    chain = list(_governors(verb))
    scheduled = False
    for depth, token in enumerate(chain):
        if unproven(token):
            return Modality.HYPOTHETICAL
        if token.dep_ == "ccomp" and token.head.lemma_.lower() in _GUESSING_GOVERNORS:
            return Modality.HYPOTHETICAL
        children = list(token.children)
        if negation and any(c.dep_ == "neg" for c in children):
            return Modality.NEGATED
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in children):
            return Modality.HYPOTHETICAL
        if any(c.dep_ == "advmod" and c.lower_ in _HEDGES for c in children):
            return Modality.HYPOTHETICAL
        aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        if aux & _MODAL_AUX:
            if not _reported_will(token, aux):
                return Modality.HYPOTHETICAL
            scheduled = True
        if aux & _FUTURE_AUX:
            scheduled = True
        if depth > 0 and chain[depth - 1].dep_ == "xcomp":
            lemma = token.lemma_.lower()
            if lemma in _NEGATING_GOVERNORS:
                return Modality.NEGATED
            if lemma in _FUTURE_GOVERNORS:
                scheduled = True
            elif lemma in _IRREALIS_GOVERNORS:
                return Modality.HYPOTHETICAL
    # a conditional clause higher up ("if they sign, …" governs nothing below it, but
    # "…, it would sign if …" is caught above); an infinitive with no future governor
    # ("to facilitate freight") is a purpose, not a happening
    if verb.dep_ in ("advcl", "xcomp", "acl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    ):
        return Modality.SCHEDULED if scheduled else Modality.HYPOTHETICAL
    return Modality.SCHEDULED if scheduled else Modality.ASSERTED


#: The modal a reported "will" becomes after a past saying: "he said it would be
#: provided next year" reports "it will be provided next year".
_REPORTED_WILL = frozenset({"would", "'d"})
#: Verbs whose content clause reports what someone said, in their words' tense.
_REPORTING = frozenset({"say", "tell", "announce", "state", "confirm", "write", "add"})


def _reported_will(token: Token, aux: set[str]) -> bool:
    """Whether ``would`` on ``token`` is a "will" reported in the past ("Day said he would
    announce his plans at 1 p.m. Monday", "SNC would be able to start missions in 2022,
    he said"): the clause says what was said of it, not that it is only possible; unless
    another modal, a perfect ("would have signed") or a condition ("would resign if …")
    makes it a supposition."""
    if not aux & _REPORTED_WILL or aux & (_MODAL_AUX - _REPORTED_WILL) or "have" in aux:
        return False
    head = token.head
    if not (
        token.dep_ == "ccomp"
        and head is not token
        and head.lemma_.lower() in _REPORTING
        and head.tag_ == "VBD"
    ):
        return False
    return not any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in c.children)
        for c in token.children
    )


#: Governors whose infinitive happened when they did: "managed to catch a flight", "was
#: able to catch one", "proceeded to sign": the complement is asserted, scheduled, denied
#: or supposed as its governor is, not a purpose or a wish.
_IMPLICATIVE = frozenset({"manage", "able", "proceed", "opt", "choose", "rush", "hurry"})


def _implied_by(verb: Token) -> Token | None:
    """The clause an implicative infinitive takes its modality from: the verb it is the
    complement of ("managed"), or the "be" of "was able" or of "was the first to"; None
    for any other verb."""
    ranked = first_to(verb)
    if ranked is not None:
        return ranked
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    head = verb.head
    if head is verb or head.lemma_.lower() not in _IMPLICATIVE:
        return None
    if head.pos_ == "ADJ":  # "was able to": the clause is the "be" it describes
        be = head.head
        return (
            be if head.dep_ == "acomp" and be is not head and be.pos_ in ("AUX", "VERB") else None
        )
    return head if head.pos_ == "VERB" else None


#: Ranks whose infinitive did what the rank says: "was the first to release it".
_RANKS = frozenset({"first", "last", "only"})
#: Verbs that give a subject its rank: "was the first to", "became the first company to".
_RANKING = frozenset({"be", "become"})


def first_to(verb: Token) -> Token | None:
    """The "be" or "become" of "Samsung was the first to release AirPlay 2 support" or
    "Apple became the first company to sell a phone": an infinitive hung on a rank says
    its subject did it (as that verb is asserted, planned or denied); None otherwise."""
    if verb.dep_ not in ("relcl", "acl") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    ):
        return None
    rank = verb.head
    ranked = rank.lower_ in _RANKS or any(
        c.dep_ == "amod" and c.lower_ in _RANKS for c in rank.children
    )
    be = rank.head
    if not ranked or rank.dep_ != "attr" or be is rank or be.lemma_.lower() not in _RANKING:
        return None
    return be


#: Nouns whose content has not been shown to happen: "his claim that he visited",
#: "its plans for an initial public offering", "the prospect of a strike".
_UNPROVEN_NOUNS = frozenset(
    """claim allegation accusation rumor rumour speculation suggestion hope plan proposal
    threat promise prospect possibility fear risk chance idea theory bid offer demand
    request expectation forecast prediction""".split()
)


def unproven(token: Token) -> bool:
    """Whether ``token`` (a clause's verb, or a noun naming a happening) is what a claim,
    plan or hope is about: ``his claim that he visited``, ``plans for an offering``."""
    head = token.head
    if (
        token.dep_ == "acl"
        and token.tag_ == "VBN"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in token.children)
    ):
        return False  # "a forecast released Thursday": what was done to it, not its content
    if token.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN":
        return head.lemma_.lower() in _UNPROVEN_NOUNS
    if token.dep_ == "pobj" and head.lower_ in ("for", "of", "to") and head.head is not head:
        owner = head.head
        return owner.pos_ == "NOUN" and owner.lemma_.lower() in _UNPROVEN_NOUNS
    return False


def lent_times(verb: Token, clause_times: dict[int, list[TimeExpression]]) -> list[TimeExpression]:
    """Dates of an infinitive under ``verb`` that reports nothing itself: ``applied to
    join NATO in May 2022`` is an application in May 2022, not a joining."""
    for child in verb.children:
        lendable = child.dep_ == "xcomp" and child.i in clause_times
        if lendable and modality(child) is Modality.HYPOTHETICAL:
            return list(clause_times[child.i])
    return []


@dataclass(frozen=True)
class SentenceParse:
    """One sentence of the article in its paragraph's parse.

    ``offset`` is where the sentence starts in the paragraph (the Doc's text), so a
    sentence-relative character offset ``i`` is ``doc`` offset ``offset + i``.
    """

    sentence: Sentence
    doc: Doc
    offset: int

    def tokens(self) -> list[Token]:
        """The sentence's tokens (found once: every detector reads them)."""
        return list(self._tokens)

    @functools.cached_property
    def _tokens(self) -> tuple[Token, ...]:
        end = self.offset + len(self.sentence.text)
        return tuple(t for t in self.doc if self.offset <= t.idx < end)

    def token_span(self, start: int, end: int) -> list[Token]:
        """Tokens overlapping the sentence-relative characters ``start:end``."""
        a, b = self.offset + start, self.offset + end
        return [t for t in self._tokens if t.idx < b and t.idx + len(t.text) > a]

    def root_of(self, start: int, end: int) -> Token | None:
        """The syntactic head of the tokens in ``start:end``."""
        tokens = self.token_span(start, end)
        if not tokens:
            return None
        inside = {t.i for t in tokens}
        return next((t for t in tokens if t.head.i not in inside or t.head is t), tokens[0])

    def start_of(self, token: Token) -> int:
        """``token``'s sentence-relative character offset."""
        return token.idx - self.offset

    def _before_its_noun(self, expr: TimeExpression, root: Token, head: Token) -> bool:
        """A date written right before the noun it dates, whatever the parser made of it:
        "the September 11, 2001 attacks" is often parsed as a date with an apposition."""
        after = next((t for t in self._tokens if t.idx >= self.offset + expr.end_offset), None)
        if after is not None and after.tag_ == "POS":
            after = next((t for t in self._tokens if t.i > after.i), None)
        if after is None or after.pos_ != "NOUN" or after.lower_ in _TIME_NOUNS:
            return False
        if after.i == head.i or after.i < root.i:
            return False
        return after.head.i == root.i or root.head.i == after.i

    def _after_a_start(self, expr: TimeExpression) -> bool:
        """A date right after the noun a "since" starts from: "Since Vernon's injury a
        couple of weeks ago, Thomas has played well" dates the injury, whatever the parser
        hung it on; the clause did not happen then."""
        before = [t for t in self._tokens if t.idx + len(t.text) <= self.offset + expr.start_offset]
        if not before:
            return False
        last = before[-1]
        for noun in (last, *last.ancestors):
            if noun.dep_ == "pobj" and noun.head.lower_ == "since":
                return noun.pos_ in ("NOUN", "PROPN") and noun.right_edge.i == last.i
        return False

    def _saying_before(self, expr: TimeExpression) -> Token | None:
        """The saying verb a date follows word for word: "officials said Monday the victim
        was one of two" was said on Monday, whatever clause the parser hung "Monday" on
        (wire style leaves out the "that" which would show where the saying ends)."""
        before = [t for t in self._tokens if t.idx + len(t.text) <= self.offset + expr.start_offset]
        if before and before[-1].lower_ == "on":
            before.pop()
        after = next((t for t in self._tokens if t.idx >= self.offset + expr.end_offset), None)
        if after is not None and after.tag_ == "POS":
            return None  # "said Friday's vote was a victory": the vote's date
        verb = before[-1] if before else None
        if verb is None or verb.pos_ != "VERB" or verb.lemma_.lower() not in _SAYING:
            return None
        return verb

    def clause_times(self, times: Sequence[TimeExpression]) -> dict[int, list[TimeExpression]]:
        """Each temporal expression under the clause (head token index) it belongs to."""
        out: dict[int, list[TimeExpression]] = {}
        for expr in times:
            root = self.root_of(expr.start_offset, expr.end_offset)
            if root is None:
                continue
            head = _started_by(clause_head(root))
            said = self._saying_before(expr)
            if said is not None:
                out.setdefault(said.i, []).append(expr)
                continue
            if (
                _describes_a_noun(root, head, span=expr.kind == "span")
                or self._before_its_noun(expr, root, head)
                or self._after_a_start(expr)
            ) and not _dates_the_occasion(root, head):
                continue
            if expr.kind == "since" and root.head.lower_ in _BOUNDS and not _bounds_the_verb(root):
                continue  # "the highest since 2008": no start of what the clause reports
            out.setdefault(head.i, []).append(expr)
        for at, found in out.items():
            if any(t.kind != "same_day" and len(t.start) == 10 for t in found):
                # "In the morning, lawmakers grilled him on Tuesday": the clause's own day
                out[at] = [t for t in found if t.kind != "same_day"]
        return out


#: Participles that say when the clause they hang on starts: "Starting on Sunday, …".
_STARTING = frozenset({"start", "begin"})


def _started_by(head: Token) -> Token:
    """The clause a "starting"/"beginning" participle with nothing of its own hangs on,
    for the participle: "Starting on Sunday, Penn Station will close overnight", "will
    suspend service beginning on Wednesday, May 6": the date is when that clause starts
    (not "starting a new job on Monday", whose object makes it a happening of its own)."""
    if (
        head.lemma_.lower() in _STARTING
        and head.tag_ == "VBG"
        and head.dep_ == "advcl"
        and head.head is not head
        and head.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in _OWN_ARGUMENTS for c in head.children)
    ):
        return clause_head(head.head)
    return head


#: What makes a participle a clause of its own: a subject or an object.
_OWN_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "xcomp", "ccomp"})


#: Prepositions that compare a noun with another time: "a turnaround from four years
#: ago", "the highest level since 2008", "more than a year ago".
_COMPARING = frozenset({"from", "since", "than"})


#: Nouns that finish a time rather than name what it dates ("Monday night").
_TIME_NOUNS = frozenset(
    """morning afternoon evening night noon midnight time trade session hours minutes""".split()
)
#: How a date stands before the noun it modifies: "the September 11, 2001 attacks",
#: "a scheduled Dec. 15 imposition", "Thursday night's fight".
_NOUN_MODIFIER = frozenset({"compound", "nmod", "amod", "poss", "nummod"})


def _describes_a_noun(root: Token, head: Token, span: bool = False) -> bool:
    """Whether a time dates a noun of the clause, not its verb: it stands before the noun
    it modifies ("invaded the country in the wake of the September 11, 2001 attacks" did
    not invade on September 11; "cancelling a scheduled Dec. 15 imposition" did not cancel
    on Dec. 15), or on the way up to the clause head it passes a comparing preposition
    that hangs on a noun ("Hood lost by five points, a turnaround from four years ago"
    did not lose four years ago). A span's own "from" compares nothing, wherever the parser
    hangs it ("studied Saturn and its moons from 2004 to 2017" studied then)."""
    if (
        root.dep_ in _NOUN_MODIFIER
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.head.i > root.i
        and root.head.i != head.i
        # (but "fell on early Tuesday's trade", "Monday's session": a noun that only
        # finishes the time is that time, and it dates the clause)
        and root.head.lower_ not in _TIME_NOUNS
    ):
        return True
    return _compares(root, head, span)


def _compares(root: Token, head: Token, span: bool = False) -> bool:
    """Whether on the way from a time up to its clause's head a comparing preposition
    hangs on a noun, or an adjective describes one (the time is the noun's)."""
    token = root
    while token.i not in (head.i, token.head.i):
        if token.pos_ == "ADJ" and token.dep_ in ("advcl", "amod") and token.i != root.i:
            return True  # "delivery, originally due later this year, will be delayed"
        if (
            token.dep_ == "prep"
            and token.lower_ in _COMPARING
            and token.head.pos_ in ("NOUN", "PROPN")
            and not (span and token.lower_ == "from" and token.i < root.i)
        ):
            return True
        token = token.head
    return False


#: Prepositions that put a clause's happening at an occasion: "said at last week's
#: hearing", "wrote in an Oct. 26 letter", "posted tweets during Tuesday's debate".
_AT_AN_OCCASION = frozenset({"at", "during", "in"})


def _dates_the_occasion(root: Token, head: Token) -> bool:
    """Whether a date before a noun dates the occasion the clause's verb happened at, and
    so the verb: "backed the assessment at last week's hearing" was last week, "said in a
    Saturday Facebook post" on Saturday (the day before a name that modifies the noun)."""
    noun = root.head
    if root.dep_ == "compound":
        while noun.dep_ == "compound" and noun.pos_ == "PROPN" and noun.head is not noun:
            noun = noun.head
    prep = noun.head
    return (
        root.dep_ in _NOUN_MODIFIER
        and noun.pos_ == "NOUN"
        and noun.lower_ not in _TIME_NOUNS
        and noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in _AT_AN_OCCASION
        and prep.head.i == head.i
    )


#: The prepositions of a start or a deadline: "grounded since March", "by 2024".
_BOUNDS = frozenset({"since", "by"})
#: Verbs of saying a date can follow word for word ("said Monday", "announced Tuesday").
_SAYING = frozenset({"say", "announce", "confirm", "report", "state", "tell", "write"})


def _bounds_the_verb(root: Token) -> bool:
    """Whether a ``since``/``by`` date hangs on its clause's verb itself ("have been
    grounded since March" began then), not on a word of it ("the most since 2008"), nor
    the mark of a record however it is parsed ("climbed to their highest level since
    2008": the climb was not in 2008)."""
    prep = root.head
    if not (
        prep.dep_ == "prep"
        and prep.lower_ in _BOUNDS
        and prep.head.pos_ in ("VERB", "AUX")
        and root.dep_ == "pobj"
    ):
        return False
    between = prep.doc[min(prep.head.i, prep.i) + 1 : prep.i]
    return prep.lower_ != "since" or not any(
        t.tag_ in ("JJS", "RBS") or t.lower_ in _RECORD_WORDS for t in between
    )


#: Words of a record that a ``since`` measures: "the first time since 2008".
_RECORD_WORDS = frozenset({"first", "record", "ever", "most", "least"})


def align_sentences(
    sentences: Sequence[Sentence], texts: Sequence[str], docs: Sequence[Doc]
) -> dict[int, SentenceParse]:
    """Each sentence (by index) with its paragraph's parse and its offset in it.

    The splitter strips each sentence from its paragraph in order, so a forward search
    from the previous sentence's end finds it; a sentence not found (it never is, but
    the splitter is not this module's) gets no parse and no events from the parse.
    """
    out: dict[int, SentenceParse] = {}
    cursor: dict[int, int] = {}
    for sentence in sentences:
        number = sentence.paragraph
        if number >= len(texts) or number >= len(docs):
            continue
        at = texts[number].find(sentence.text, cursor.get(number, 0))
        if at < 0:
            continue
        cursor[number] = at + len(sentence.text)
        out[sentence.index] = SentenceParse(sentence, docs[number], at)
    return out
