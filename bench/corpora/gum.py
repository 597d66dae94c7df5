"""GUM (Georgetown University Multilayer corpus) news documents, in its CoNLL-U (``dep/``).

GUM's news genre is Wikinews (texts CC BY 2.5; GUM's annotations CC BY 4.0; see
the corpus' LICENSE.txt). Unlike CoNLL-2003 (which tags names only) and MEANTIME
(which annotates only the entities its annotators tracked), GUM annotates *every*
mention of every entity — names, descriptions, pronouns — with an entity type and a
coreference group, so each document's people, organizations and places are
complete: what a per-document score of dateline's entities needs.

The format (``# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity``):
each token's MISC column may open mentions, ``Entity=(7-organization-new-…-coref-
Korean_Central_News_Agency``, and close them, ``7)``; one token may do both,
several times. ``GRP`` is the coreference group (one entity per document),
``etype`` its type, ``identity`` its Wikipedia title where it has one (``%28`` for
``(``). ``# newpar`` starts a paragraph; the first block is the headline
(``newpar_block = head``), and in Wikinews stories the next paragraph is the date
line (``Friday, August 21, 2015``, marked ``<date when="2015-08-21">`` in ``XML=``).

A mention is a *name* when its syntactic head (the token of the span whose head is
outside it) is a proper noun (``PROPN`` or ``NNP``): ``US President Donald Trump`` is
a name (head ``Trump``), ``the all-girl Afghan team`` is not (head ``team``); so is a
common-noun head with a proper ``flat``/``appos`` dependent (``campaigner Caitlin
Boswell``: see :func:`_name_tokens`). Wikification
does not decide it: GUM links only names that have a Wikipedia article. Scored
entities are the ``person``/``organization``/``place`` groups with at least one
named mention; each is the set of its names (the proper-noun run around the head,
``Donald Trump``, the mention as printed, and its Wikipedia title without a
parenthesised note, ``United States`` for ``the US``). A person mention headed by a plural
proper noun (``Muslims``, ``Afghans``) is a group, not a named person (CoNLL-2003
would tag it MISC). GUM types a country by what it does
in the text: ``North Korea puts military …`` is an organization, ``in North Korea``
a place; entity types follow the group's first mention.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from dateline.enrich.lexicon import TITLE_WORDS

__all__ = [
    "GUM_TYPES",
    "GumDocument",
    "GumEntity",
    "GumName",
    "read_gum",
    "read_gum_folder",
    "split_of",
]

#: GUM entity types scored, by the CoNLL family they count as
GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
_TITLE_NOTE = re.compile(r"\s*\([^()]*\)$")  # "Freedom (magazine)" → "Freedom"
_WHEN = re.compile(r'date when:::"(\d{4}-\d{2}-\d{2})"')


@dataclass(frozen=True)
class GumEntity:
    """One named person, organization or place of a document: its coreference group,
    family (PER/ORG/LOC), every name it is given, and its Wikipedia title if linked."""

    group: str
    type: str
    names: frozenset[str]
    identity: str | None = None


@dataclass(frozen=True)
class GumName:
    """One named mention where the text has it: ``text`` indexes
    :meth:`GumDocument.texts` (the headline first, when there is one), ``start``/``end``
    are character offsets of the name (the proper-noun run, as :class:`GumEntity`'s
    names) in that text, ``family`` PER/ORG/LOC by its group's type."""

    text: int
    start: int
    end: int
    family: str


@dataclass
class GumDocument:
    """A GUM document as dateline would read it: headline, date, body paragraphs."""

    name: str
    title: str
    date: str | None
    paragraphs: list[str] = field(default_factory=list)
    entities: list[GumEntity] = field(default_factory=list)
    #: every named person/organization/place mention, where it is (for training)
    names: list[GumName] = field(default_factory=list)

    def texts(self) -> list[str]:
        """The headline (when the document has one) and the body paragraphs."""
        return [self.title, *self.paragraphs] if self.title else list(self.paragraphs)


@dataclass
class _Token:
    form: str
    upos: str
    xpos: str
    deprel: str
    head: int  # index in the sentence (1-based), 0 = root
    space: bool
    paragraph: int
    start: int = 0  # character offset in its paragraph's text (set when its sentence ends)


@dataclass
class _Mention:
    group: str
    etype: str
    identity: str | None
    sentence: list[_Token]
    first: int  # 0-based token index in ``sentence``
    last: int = -1


def _misc(value: str, key: str) -> str | None:
    for part in value.split("|"):
        if part.startswith(key + "="):
            return part[len(key) + 1 :]
    return None


def _parse_open(body: str, fields: list[str]) -> tuple[str, str, str | None]:
    """``7-organization-new-…-coref-Korean_Central_News_Agency`` → group, type, identity."""
    parts = body.split("-", len(fields) - 1)
    values = dict(zip(fields, parts, strict=False))
    identity = values.get("identity")
    if identity:
        identity = urllib.parse.unquote(identity)
    return values.get("GRP", parts[0]), values.get("etype", ""), identity or None


def _text(tokens: list[_Token]) -> str:
    out = ""
    for i, token in enumerate(tokens):
        out += token.form
        if token.space and i < len(tokens) - 1:
            out += " "
    return out


def _place(tokens: list[_Token], offset: int) -> None:
    """Give each token its character offset in the paragraph text, as :func:`_text`
    and the paragraph's join lay them out (the sentence starts at ``offset``)."""
    for i, token in enumerate(tokens):
        token.start = offset
        offset += len(token.form) + (1 if token.space and i < len(tokens) - 1 else 0)


def _place_written(tokens: list[_Token], written: str, offset: int) -> bool:
    """Give each token its offset in ``written`` (the sentence as written, starting at
    ``offset`` in its paragraph); False, nothing changed, if a token is not found in
    order with only spaces before it."""
    starts = []
    at = 0
    for token in tokens:
        while at < len(written) and written[at] == " ":
            at += 1
        if not written.startswith(token.form, at):
            return False
        starts.append(at)
        at += len(token.form)
    if at != len(written):
        return False
    for token, start in zip(tokens, starts, strict=True):
        token.start = offset + start
    return True


def _head(mention: _Mention) -> int:
    """The span's head: its first token whose own head lies outside the span."""
    inside = range(mention.first + 1, mention.last + 2)  # 1-based ids in the span
    for index in range(mention.first, mention.last + 1):
        if mention.sentence[index].head not in inside:
            return index
    return mention.first


def _proper(token: _Token) -> bool:
    """A proper noun, by either tag: GUM tags ``United`` (``United States``) VERB/NNP."""
    return token.upos == "PROPN" or token.xpos in ("NNP", "NNPS")


def _name_tokens(mention: _Mention) -> tuple[int, int] | None:
    """Where the name is inside a mention (first and last token), or None when the
    mention is not a name.

    The name is the head when the head is a proper noun, with the proper nouns that
    make one name with it (``flat``, ``compound``, ``amod``: ``Donald Trump``, ``United
    States``) and, unless it names a person, an ``of`` phrase of proper nouns
    (``Daughters of the American Revolution``); not titles, appositions or other names
    nested in it (``Afghan Ambassador to the United States Hamdullah Mohib`` →
    ``Hamdullah Mohib``). GUM's
    trees head ``campaigner Caitlin Boswell`` and ``coauthor Colette Heald`` by the
    common noun, with the name as its ``flat`` or ``appos`` dependent: such a mention
    is a name too, and the name is that dependent's."""
    tokens = mention.sentence
    span = range(mention.first, mention.last + 1)
    children: dict[int, list[int]] = {}
    for i in span:
        children.setdefault(tokens[i].head - 1, []).append(i)
    head = _head(mention)
    if _proper(tokens[head]):
        roots = [head]
    else:
        roots = [
            c
            for c in children.get(head, [])
            if tokens[c].deprel.split(":")[0] in ("flat", "appos") and _proper(tokens[c])
        ]
        if not roots:
            return None
    keep = set(roots)
    todo = list(roots)
    while todo:
        parent = todo.pop()
        for child in children.get(parent, []):
            token = tokens[child]
            relation = token.deprel.split(":")[0]
            joined = relation in ("flat", "compound", "amod") and (
                _proper(token) or (relation == "flat" and token.upos == "NUM")
            )
            if relation == "punct" and token.xpos == "HYPH":
                keep.add(child)  # Hau Lung-bin
                continue
            of_phrase = (
                mention.etype != "person"  # Mara Quill of Harbourtown: a person and a place
                and relation == "nmod"
                and child > parent  # Daughters of the American Revolution, not "Minister of
                # Education Stefania Giannini" (GUM: "of Education" depends on the name)
                and _proper(token)
                and any(
                    tokens[c].deprel == "case" and tokens[c].form.lower() == "of"
                    for c in children.get(child, [])
                )
            )
            if of_phrase:
                keep.update(
                    c
                    for c in children.get(child, [])
                    if tokens[c].deprel in ("case", "det") or _proper(tokens[c])
                )
            if joined or of_phrase:
                keep.add(child)
                todo.append(child)
    start = end = roots[0]
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    return start, end


def read_gum(path: Path, *, as_written: bool = False) -> list[GumDocument]:
    """The documents of one GUM CoNLL-U file (usually one).

    Each sentence's text is laid out from its tokens and their ``SpaceAfter=No``
    (what the scorers read), or with ``as_written`` as the sentence's ``# text`` line
    gives it: a fifth of GUM's sentences lose no space in their tokens where the
    writer wrote none (``Church of Scientology 's``), which a recognizer trained on
    them would learn; the token layout is kept where a token cannot be found there."""
    documents: list[GumDocument] = []
    fields = ["GRP", "etype", "infstat", "salience", "centering", "minspan", "link", "identity"]
    doc: GumDocument | None = None
    paragraphs: list[list[str]] = []
    marks: list[str] = []  # each paragraph's XML= markup
    blocks: list[str] = []
    mentions: list[_Mention] = []
    open_: dict[str, list[_Mention]] = {}
    created: str | None = None
    sentence: list[_Token] = []
    written = ""

    def end_sentence() -> None:
        nonlocal sentence, written
        if sentence:
            offset = sum(len(s) + 1 for s in paragraphs[-1])
            if as_written and _place_written(sentence, written, offset):
                paragraphs[-1].append(written)
            else:
                _place(sentence, offset)
                paragraphs[-1].append(_text(sentence))
        sentence = []
        written = ""

    def new_paragraph() -> None:
        end_sentence()
        paragraphs.append([])
        marks.append("")
        blocks.append("")

    def finish() -> None:
        if doc is not None:
            end_sentence()
            documents.append(_document(doc, paragraphs, marks, blocks, mentions, created))

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n")
        if line.startswith("# newdoc id ="):
            finish()
            doc = GumDocument(name=line.split("=", 1)[1].strip(), title="", date=None)
            paragraphs, marks, blocks, mentions, open_, created = [], [], [], [], {}, None
            sentence = []
        elif line.startswith("# global.Entity ="):
            fields = line.split("=", 1)[1].strip().split("-")
        elif line.startswith("# text ="):
            written = line.split("=", 1)[1].strip()
        elif line.startswith("# meta::dateCreated ="):
            created = line.split("=", 1)[1].strip()
        elif line == "# newpar" or line.startswith("# newpar "):
            new_paragraph()
        elif line.startswith("# newpar_block ="):
            if blocks:
                blocks[-1] = line.split("=", 1)[1].strip().split()[0]
        elif not line.strip():
            end_sentence()
        elif not line.startswith("#"):
            if not paragraphs:
                new_paragraph()
            cols = line.split("\t")
            if len(cols) < 10 or not cols[0].isdigit():
                continue  # multiword ranges and empty nodes carry no entity of their own
            misc = cols[9]
            token = _Token(
                form=cols[1],
                upos=cols[3],
                xpos=cols[4],
                deprel=cols[7],
                head=int(cols[6]) if cols[6].isdigit() else 0,
                space="SpaceAfter=No" not in misc.split("|"),
                paragraph=len(paragraphs) - 1,
            )
            marks[-1] += _misc(misc, "XML") or ""
            index = len(sentence)
            sentence.append(token)
            entity = _misc(misc, "Entity")
            if entity:
                _entity_marks(entity, fields, sentence, index, open_, mentions)
    finish()
    return documents


def _entity_marks(
    marks: str,
    fields: list[str],
    sentence: list[_Token],
    index: int,
    open_: dict[str, list[_Mention]],
    mentions: list[_Mention],
) -> None:
    """Apply one token's ``Entity=`` marks, in order: opens, one-token mentions, closes."""
    position = 0
    while position < len(marks):
        if marks[position] == "(":
            end = position + 1
            while end < len(marks) and marks[end] not in "()":
                end += 1
            group, etype, identity = _parse_open(marks[position + 1 : end], fields)
            mention = _Mention(group, etype, identity, sentence, index)
            if end < len(marks) and marks[end] == ")":
                mention.last = index
                mentions.append(mention)
                position = end + 1
            else:
                open_.setdefault(group, []).append(mention)
                position = end
        else:
            match = re.match(r"(\d+)\)", marks[position:])
            if match is None:
                position += 1
                continue
            stack = open_.get(match.group(1))
            if stack:
                mention = stack.pop()
                mention.last = index
                mentions.append(mention)
            position += match.end()


def _document(
    doc: GumDocument,
    paragraphs: list[list[str]],
    marks: list[str],
    blocks: list[str],
    mentions: list[_Mention],
    created: str | None,
) -> GumDocument:
    texts = [" ".join(p) for p in paragraphs]
    first_body = 0
    if blocks and blocks[0] == "head":
        doc.title = texts[0]
        first_body = 1
    doc.date = created
    skip: set[int] = set()
    if len(texts) > first_body:
        # the Wikinews date line under the headline: a date, not body text
        marked = _WHEN.search(marks[first_body])
        short = len(paragraphs[first_body]) == 1 and len(texts[first_body].split()) <= 8
        if marked and short:
            doc.date = marked.group(1)
            skip.add(first_body)
    kept = [i for i in range(len(texts)) if i >= first_body and i not in skip]
    doc.paragraphs = [texts[i] for i in kept]
    doc.entities = _entities(mentions, skip)
    where = {i: n for n, i in enumerate(([0] if first_body else []) + kept)}
    doc.names = _names(mentions, where)
    return doc


def _names(mentions: list[_Mention], where: dict[int, int]) -> list[GumName]:
    """Each named person/organization/place mention, placed in the document's texts
    (``where`` maps a paragraph to its index there; others, the date line, are left
    out), by the rules :func:`_entities` names entities by.

    For training a recognizer, a person's name is the name alone: GUM's trees sometimes
    join the title and the place before it to the name (``US President Barack Obama``,
    ``Chief Justice``), where a recognizer, like the annotators, reads ``US`` a place and
    ``Barack Obama`` a person. Leading words that are another name or a title
    (:data:`dateline.enrich.lexicon.TITLE_WORDS`) are dropped; a title alone names no one."""
    kinds: dict[str, str] = {}
    for mention in mentions:
        kinds.setdefault(mention.group, mention.etype)
    found: list[tuple[_Mention, str, int, int]] = []
    others: dict[int, set[int]] = {}  # sentence → its tokens in non-person names
    for mention in mentions:
        family = GUM_TYPES.get(kinds[mention.group])
        if family is None or mention.last < 0 or mention.sentence[0].paragraph not in where:
            continue
        tokens = _name_tokens(mention)
        if tokens is None:
            continue
        first, last = tokens
        if mention.etype == "person" and all(
            t.xpos == "NNPS" for t in mention.sentence[first : last + 1]
        ):
            continue
        found.append((mention, family, first, last))
        if family != "PER":
            others.setdefault(id(mention.sentence), set()).update(range(first, last + 1))
    out = set()
    for mention, family, head, tail in found:
        sentence = mention.sentence
        first, last = head, tail
        while last > first and (sentence[last].xpos == "POS" or sentence[last].upos == "PUNCT"):
            last -= 1  # "Church of Scientology 's" is the Church of Scientology
        if family == "PER":
            inside = others.get(id(sentence), set())
            while first <= last and (first in inside or _title(sentence[first].form)):
                first += 1
            if first > last:
                continue
        end = sentence[last].start + len(sentence[last].form)
        out.add(GumName(where[sentence[0].paragraph], sentence[first].start, end, family))
    return sorted(out, key=lambda n: (n.text, n.start, n.end, n.family))


def _title(word: str) -> bool:
    """A word of a title before a name (``President``, ``Dr.``) or not a name's word."""
    return word.rstrip(".") in TITLE_WORDS or not word[:1].isupper()


def _entities(mentions: list[_Mention], skip: set[int]) -> list[GumEntity]:
    """The named person/organization/place groups, each with its names (headline and
    body; the paragraphs in ``skip``, the date line, name no one)."""
    kinds: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    identities: dict[str, str | None] = {}
    named: set[str] = set()
    for mention in mentions:
        kinds.setdefault(mention.group, mention.etype)
        if mention.identity and not identities.get(mention.group):
            identities[mention.group] = mention.identity
        if mention.last < 0 or mention.sentence[0].paragraph in skip:
            continue
        where = _name_tokens(mention)
        if where is None:
            continue
        name = mention.sentence[where[0] : where[1] + 1]
        if mention.etype == "person" and all(t.xpos == "NNPS" for t in name):
            continue  # a group by a plural name (Muslims, Afghans) names no person
        named.add(mention.group)
        span = mention.sentence[mention.first : mention.last + 1]
        while len(span) > 1 and (span[-1].xpos == "POS" or span[-1].upos == "PUNCT"):
            span = span[:-1]  # "Trump 's" is Trump
        names.setdefault(mention.group, set()).update({_text(name), _text(span)})
    out = []
    for group in sorted(named, key=lambda g: (len(g), g)):
        if kinds[group] not in GUM_TYPES:
            continue
        identity = identities.get(group)
        if identity:
            # its Wikipedia title is a name too: "the US" is United_States, and a reader
            # who publishes "United States" for it named it right
            names[group].add(_TITLE_NOTE.sub("", identity.replace("_", " ")))
        out.append(GumEntity(group, GUM_TYPES[kinds[group]], frozenset(names[group]), identity))
    return out


def read_gum_folder(
    path: Path, genre: str = "news", *, as_written: bool = False
) -> list[GumDocument]:
    """Every ``GUM_<genre>_*.conllu`` document under ``path`` (the corpus root or its
    ``dep/`` folder), sorted by name."""
    folder = path / "dep" if (path / "dep").is_dir() else path
    files = sorted(folder.glob(f"GUM_{genre}_*.conllu"))
    documents = (d for f in files for d in read_gum(f, as_written=as_written))
    return sorted(documents, key=lambda d: d.name)


def split_of(documents: list[GumDocument]) -> dict[str, str]:
    """``tuning`` or ``held_out`` per document name: in name order, counting from 1,
    odd positions tune and even positions are held out (fixed before any scoring)."""
    return {
        doc.name: "tuning" if index % 2 == 1 else "held_out"
        for index, doc in enumerate(sorted(documents, key=lambda d: d.name), start=1)
    }
