"""The per-article stage's fast paths give what the slow, obvious code gave.

Each fast path (issue 9: a 10k build within 2x a minimal pipeline's CPU) replaced
code that was simple to trust; these tests keep that code as the reference and
compare on generated input, so a fast path that drifts fails here.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import sys
import typing
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit
from zoneinfo import ZoneInfo

import nh3
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from dateline.emit.body import body_html
from dateline.emit.feeds import _rfc2822
from dateline.emit.html import PageRenderer, human_date
from dateline.emit.jsonld import (
    _ORJSON_EXPONENT_BYTES,
    _has_exponent,
    document,
    dumps,
    dumps_bytes,
    script_bytes,
    script_json,
    script_text,
)
from dateline.emit.summary import ZULU, _index_json, _index_text, _zulu
from dateline.emit.topics import topics_of
from dateline.emit.urls import FeedUrls
from dateline.enrich import default_enrichers, enrich
from dateline.errors import ReadError, ValidationFailed
from dateline.model.article import ArticleGraph
from dateline.model.base import Ref, SchemaModel
from dateline.model.entities import GeoCoordinates, Person, Place
from dateline.model.types import absolute_url
from dateline.pipeline import ArticleTask, ArticleWorker, process_article
from dateline.read import discover
from dateline.read.draft import NO_META, Draft
from dateline.read.files import inside
from dateline.read.markdown import (
    _ANY_TAG,
    _BLOCK_TAG,
    _BLOCKS,
    _FRONT,
    _LONE_BRACKETS,
    _collapsed,
    _counted_blocks,
    _escape_lone_brackets,
    _front_matter,
    _paragraph_texts,
    _read_blocks,
    block_texts,
    only_paragraphs,
    render_markdown,
)
from dateline.read.yamlmeta import _check_shape, _check_tree, _construct
from dateline.settings import Settings, load_settings
from dateline.validate.graph import _refs

from .conftest import DATA, copy_test_site


class _ReferenceBlockText(HTMLParser):
    """What the reader used before :func:`block_texts`: the standard library's parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self._parts.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.blocks.append(text)
        self._parts = []


def _reference(rendered: str) -> list[str]:
    parser = _ReferenceBlockText()
    parser.feed(rendered)
    parser.close()
    parser._flush()
    return parser.blocks


MARKDOWN_SAMPLES = [
    "Plain paragraph.\n\nAnother one, with *emphasis* and `code < b && c > d`.",
    "# Heading\n\n- one\n- two &amp; three\n\n> quoted <b>not html</b>\n",
    "```\n<script>alert(1)</script>\n```\n\n    indented & code\n",
    '[a link](http://x.org/?a=1&b="2" "title > with <angles>") and ![alt > text](i.png)',
    "1. first\n2. second\n\n***\n\nline  \nbreak\\\nend &copy; &#169; &#xA9; &bogus;",
    "Setext\n======\n\nText with a trailing backslash\\",
    "<div>raw html is text here</div>\n\n<!-- and a comment -->",
]


@pytest.mark.parametrize("source", MARKDOWN_SAMPLES)
def test_block_texts_match_the_html_parser_on_samples(source: str) -> None:
    rendered = render_markdown(source)
    assert block_texts(rendered) == _reference(rendered)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200)
    | st.text(alphabet="#*_-+=>.)0123456789 <>&;[]()!`~|\\:ab\n\"'", max_size=200)
)
def test_block_texts_match_the_html_parser(source: str) -> None:
    rendered = render_markdown(source)
    assert block_texts(rendered) == _reference(rendered)
    # the reader tells the page whether the body is paragraphs alone, found as it
    # takes the blocks apart: what only_paragraphs counts
    blocks, paragraphs = _read_blocks(rendered)
    assert paragraphs is only_paragraphs(rendered)
    assert blocks == _counted_blocks(rendered)
    assert _escape_lone_brackets(source) == _lone_brackets_escaped(source)


def _lone_brackets_escaped(source: str) -> str:
    """_escape_lone_brackets before its first look for a ``[``."""
    last_close = source.rfind("]")
    if source.count("[", last_close + 1) < _LONE_BRACKETS:
        return source
    head, tail = source[: last_close + 1], source[last_close + 1 :]
    return head + tail.replace("[", "\\[")


@pytest.mark.parametrize("source", ["[" * 1001, "a] " + "[" * 1200 + "b", "[]" * 900])
def test_lone_brackets_are_escaped_as_before(source: str) -> None:
    assert _escape_lone_brackets(source) == _lone_brackets_escaped(source)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40) | st.text(alphabet="e-0123456789x. E", max_size=40).map(str.encode))
def test_exponents_found_without_the_pattern_are_those_it_finds(data: bytes) -> None:
    """dumps_bytes looks for orjson's exponents by each ``e-``, not by the pattern."""
    assert _has_exponent(data) is (_ORJSON_EXPONENT_BYTES.search(data) is not None)


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
    st.integers(min_value=-86399, max_value=86399),
    st.booleans(),
    st.sampled_from([0, 0, 7]),
)
def test_feed_dates_written_out_are_what_strftime_writes(
    moment: dt.datetime, seconds: int, whole_minutes: bool, micro: int
) -> None:
    """The RSS date of a feed entry, written field by field: ``strftime``'s own
    ``%H:%M:%S %z``, for offsets of whole minutes and of seconds."""
    offset = dt.timedelta(seconds=int(seconds / 60) * 60 if whole_minutes else seconds)
    aware = moment.replace(tzinfo=dt.timezone(offset + dt.timedelta(microseconds=micro)))
    days, months = "Mon Tue Wed Thu Fri Sat Sun".split(), "Jan Feb Mar Apr May Jun".split()
    months += "Jul Aug Sep Oct Nov Dec".split()
    expected = (
        f"{days[aware.weekday()]}, {aware.day:02d} {months[aware.month - 1]} "
        f"{aware.year:04d} {aware:%H:%M:%S %z}"
    )
    assert _rfc2822(aware) == expected


def test_every_whitespace_but_the_space_is_unprintable() -> None:
    """What lets :func:`_collapsed` skip splitting: ``isprintable`` refuses every
    character ``str.split`` splits on, but the space."""
    spaces = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c != " "]
    assert len(spaces) > 20
    assert not any(c.isprintable() for c in spaces)


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("ab \t\n\r\x0b\x0c\x1c\x85\xa0\u2002\u3000\u2028\u200b\0<>&"),
        max_size=60,
    )
)
def test_blocks_counted_without_splitting_are_those_split(text: str) -> None:
    """Blocks already collapsed are kept as they are, with their spaces counted: the
    same texts and counts as splitting every block."""
    for block in text.split("\0"):
        if block and _collapsed(block):
            assert " ".join(block.split()) == block
            assert block.count(" ") + 1 == len(block.split())
    rendered = "".join(f"<p>{html.escape(part, quote=False)}</p>\n" for part in text.split("\0"))
    text = html.unescape(_ANY_TAG.sub("", _BLOCK_TAG.sub("\0", rendered)))
    slow = [(" ".join(w), len(w)) for b in text.split("\0") if (w := b.split())]
    assert _counted_blocks(rendered) == slow
    assert [t for t, _ in _counted_blocks(rendered)] == _reference(rendered)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("ab  \u2013<>&\"'"), min_size=1, max_size=30).filter(
            lambda t: t.strip()
        ),
        min_size=1,
        max_size=6,
    )
)
def test_paragraphs_split_at_their_tags_are_the_blocks_the_tags_give(paragraphs: list[str]) -> None:
    """A body of paragraphs alone is split at the tags between them, not taken apart
    tag by tag: the same texts, counts and answer (paragraphs alone) as the tags give."""
    rendered = render_markdown("\n\n".join(f"a{p}" for p in paragraphs))
    assert _paragraph_texts(rendered) is not None  # the fast path is the one taken
    text = html.unescape(_ANY_TAG.sub("", _BLOCK_TAG.sub("\0", rendered)))
    slow = [(" ".join(w), len(w)) for b in text.split("\0") if (w := b.split())]
    assert _read_blocks(rendered) == (slow, True)
    assert [t for t, _ in slow] == _reference(rendered)


@pytest.mark.parametrize(
    "rendered",
    [
        "<p>a</p>\n<hr />\n<p>b</p>\n",
        "<p>a <em>b</em></p>\n",
        "<h1>a</h1>\n<p>b</p>\n",
        "<p>a</p>\n<p>b</p>",
        "<p>a</p><p>b</p>\n",
        "",
    ],
)
def test_other_html_is_not_split_at_paragraph_tags(rendered: str) -> None:
    assert _paragraph_texts(rendered) is None
    assert [t for t, _ in _read_blocks(rendered)[0]] == _reference(rendered)


def _slow_absolute_url(value: str) -> str:
    """The character-by-character encoding the fast path skips."""
    from dateline.model.types import _HEX2, _URL_CHARS  # noqa: PLC0415 - the reference only

    head, _, rest = value.partition("://")
    host, slash, path = rest.partition("/")
    out = []
    for i, char in enumerate(slash + path):
        if char == "%" and not _HEX2.match(slash + path, i + 1):
            out.append("%25")
        elif char in _URL_CHARS:
            out.append(char)
        else:
            out.append(quote(char, safe=""))
    return f"{head}://{host}{''.join(out)}"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abz09-._~:/?#@!$&'()*+,;=%\"<>{} é\u00a0\u2028", max_size=40))
def test_absolute_url_encodes_as_the_slow_path(path: str) -> None:
    value = "https://example.org/" + path
    try:
        fast = absolute_url(value)
    except PydanticCustomError:
        assert any(c.isspace() for c in value)
        return
    assert not any(c.isspace() for c in value)
    assert fast == _slow_absolute_url(value)


@pytest.mark.parametrize(
    "doc",
    [
        {"@graph": [{"headline": "a </script> & <!-- b", "x": "\u2028\u2029"}]},
        {"@graph": [{"headline": "plain", "n": 1, "l": [], "d": {}}]},
    ],
)
def test_script_text_of_the_dumped_document_is_script_json(doc: dict[str, object]) -> None:
    text = script_text(dumps(doc))
    assert text == script_json(doc)
    assert json.loads(text) == doc
    assert "</script" not in text
    assert script_bytes(dumps_bytes(doc)) == text.encode("utf-8")


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([1e-5, 1.5e-7, 0.00012, 35.6892, -0.0, 1e16, 1e-10])
    | st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _JSON, max_size=4))
def test_dumps_writes_what_json_writes(doc: dict[str, object]) -> None:
    """The JSON-LD files are byte-identical to the standard library's text."""
    assert dumps(doc) == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    assert dumps_bytes(doc) == (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode()


@pytest.mark.parametrize(
    "doc",
    [
        {"big": 2**80, "nested": {"x": [1e-05, "e-5 0.00001"]}},
        {"small": [1e-05, 1.5e-07]},
        {"text": "e-5 and 0.00001 are words here", "n": 2.5},
    ],
)
def test_dumps_takes_what_orjson_refuses(doc: dict[str, object]) -> None:
    assert dumps(doc) == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    assert dumps_bytes(doc) == dumps(doc).encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(
        min_value=dt.datetime(1, 1, 1),
        max_value=dt.datetime(9999, 12, 31),
        timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=3, minutes=30))]),
    ),
    st.sampled_from([None, "Asia/Tehran", "UTC", "Etc/GMT+3", "America/New_York"]),
)
def test_dates_told_without_strftime_are_strftimes(moment: dt.datetime, zone: str | None) -> None:
    """A page's and a summary's "5 July 2024, 23:02 Tehran time", as strftime told it."""
    shown = moment.astimezone(ZoneInfo(zone)) if zone is not None else moment
    try:
        reference = f"{shown.day} {shown:%B %Y, %H:%M}"
    except OverflowError:  # out of the zone's range: the same error either way
        with pytest.raises(OverflowError):
            human_date(moment, zone)
        return
    assert human_date(moment, zone).startswith(reference + " ")


def _index_text_by_text(index: dict[str, object], *fields: str | None) -> str:
    """What a summary kept of its index node when the node was serialised to be compared."""
    text = dumps(index)[:-1]
    made = _index_json(*fields)  # type: ignore[arg-type]
    if text == made:
        return ""
    zulu = (*fields[:3], _zulu(fields[3]), _zulu(fields[4]), fields[5])
    return ZULU if text == _index_json(*zulu) else text  # type: ignore[arg-type]


_WORDS = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=8)


@settings(max_examples=300, deadline=None)
@given(
    headline=_WORDS | st.just("e-5 0.0000"),
    published=st.sampled_from(["2024-07-05T23:02:00+00:00", "2024-07-05", "2024-07-05T23:02:00Z"]),
    modified=st.none() | st.sampled_from(["2024-07-06T01:00:00+00:00", "2024-07-06T01:00:00Z"]),
    language=st.sampled_from(["en", "fa", 'e"n']),
    order=st.booleans(),
    extra=st.booleans(),
)
def test_index_nodes_told_by_items_are_those_told_by_text(
    headline: str,
    published: str,
    modified: str | None,
    language: str,
    order: bool,
    extra: bool,
) -> None:
    url = "https://ex.org/articles/a.html"
    node: dict[str, object] = {"@id": url + "#article", "@type": "NewsArticle"}
    if order:
        node |= {"url": url, "headline": headline}
    else:
        node |= {"headline": headline, "url": url}
    node["datePublished"] = published.replace("+00:00", "Z") if extra else published
    if modified is not None:
        node["dateModified"] = modified.replace("+00:00", "Z")
    node["inLanguage"] = language
    fields = (url + "#article", url, headline, published, modified, language)
    expected = _index_text_by_text(node, *fields)
    assert _index_text(list(node.items()), *fields) == expected


def _all_refs(model: SchemaModel) -> list[tuple[str, Ref]]:
    """Every field of the node looked at, as the graph check did before it knew which."""
    out: list[tuple[str, Ref]] = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        values = value if isinstance(value, list) else [value]
        out.extend((info.alias or name, v) for v in values if isinstance(v, Ref))
    return out


def test_the_link_check_sees_every_link_of_the_test_site() -> None:
    settings = load_settings(DATA / "site" / "dateline.toml").model_copy(update={"enrich": False})
    seen = 0
    for path in discover(settings.content_dir):
        graph = process_article(path, settings).graph
        assert graph is not None
        for node in (graph.article, *graph.nodes):
            assert _refs(node) == _all_refs(node)
            seen += len(_refs(node))
    assert seen > 10


_YAML = st.recursive(
    st.none() | st.integers() | st.text(alphabet="ab &:", max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("xyz", max_size=2), inner),
    max_leaves=30,
)


def _outcome(check: object, text: str) -> tuple[str, int | None] | None:
    node = yaml.SafeLoader(text).get_single_node()
    try:
        check(node, Path("front.md"), 1)  # type: ignore[operator]
    except ReadError as exc:
        return exc.code, exc.line
    return None


@settings(max_examples=200, deadline=None)
@given(_YAML, st.integers(min_value=0, max_value=60))
def test_the_tree_check_finds_what_the_shape_check_finds(value: object, nesting: int) -> None:
    text = yaml.safe_dump({"k": value}) + "deep: " + "[" * nesting + "]" * nesting + "\n"
    assert "*" not in text
    assert _outcome(_check_tree, text) == _outcome(_check_shape, text)


def test_inside_follows_links_of_the_root_and_of_the_file(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "a.md").write_text("x")
    outside = tmp_path / "outside.md"
    outside.write_text("x")
    (real / "sub" / "out.md").symlink_to(outside)
    (tmp_path / "root-link").symlink_to(real)
    root_link = tmp_path / "root-link"
    for root in (real, root_link, real / "sub" / "..", root_link / "sub" / ".."):
        assert inside(root / "sub" / "a.md", root), root
        assert inside(real / "sub" / "a.md", root), root
        assert not inside(root / "sub" / "out.md", root), root
        assert not inside(outside, root), root
    # a root reached through a link and then '..' is where the link leads, not beside it
    (tmp_path / "elsewhere" / "deep").mkdir(parents=True)
    (tmp_path / "hop").symlink_to(tmp_path / "elsewhere" / "deep")
    assert not inside(real / "sub" / "a.md", tmp_path / "hop" / ".." / "real")
    assert inside(tmp_path / "elsewhere" / "x.md", tmp_path / "hop" / "..")


def test_a_rebuild_shows_the_notices_of_reused_articles_only_when_asked(tmp_path: Path) -> None:
    """Reused articles' notices are not read back unless ``--notices`` asks for them;
    warnings and errors are, always."""
    from click.testing import CliRunner  # noqa: PLC0415 - this test only

    from dateline.cli import main  # noqa: PLC0415 - this test only

    config = copy_test_site(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, ["build", "--config", str(config), "--notices", "--jobs", "1"])
    assert first.exit_code == 0, first.output
    notices = [line for line in first.output.splitlines() if ": notice " in line]
    warnings = [line for line in first.output.splitlines() if ": warning " in line]
    assert notices  # the check can fail
    again = runner.invoke(main, ["build", "--config", str(config), "--notices"])
    assert "0 built," in again.output
    assert [line for line in again.output.splitlines() if ": notice " in line] == notices
    quiet = runner.invoke(main, ["build", "--config", str(config)])
    assert quiet.exit_code == 0
    assert ": notice " not in quiet.output
    assert [line for line in quiet.output.splitlines() if ": warning " in line] == warnings


def _cleaned_by_nh3(rendered: str) -> str:
    """What :func:`body_html` made of every Markdown body before its fast path."""
    from dateline.emit.body import _ALLOWED_TAGS  # noqa: PLC0415 - the reference only

    return nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        attribute_filter=lambda tag, attribute, value: (
            urljoin(PAGE, value) if attribute == "href" else value
        ),
        url_schemes={"http", "https", "mailto"},
    ).strip()


PAGE = "https://example.org/articles/a.html"


def _body(source: str) -> str:
    draft = Draft(path=Path("a.md"), paragraphs=(), found=NO_META, body_markdown=source)
    return body_html(draft, PAGE)


@pytest.mark.parametrize("source", MARKDOWN_SAMPLES)
def test_body_html_is_what_nh3_makes_on_samples(source: str) -> None:
    assert _body(source) == _cleaned_by_nh3(render_markdown(source))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200)
    | st.text(alphabet="#*_-+=>.)0123456789 <>&;[]()!`~|\\:ab\n\"'\r\xa0\x00\x0c", max_size=200)
)
def test_body_html_is_what_nh3_makes(source: str) -> None:
    """The body nh3 is skipped for (it would change nothing) is nh3's, on any text."""
    assert _body(source) == _cleaned_by_nh3(render_markdown(source))


_YAML_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.dates()
    | st.datetimes(timezones=st.none() | st.timezones())
    | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=3) | st.integers() | st.booleans(), inner, max_size=3)
    ),
    max_leaves=20,
)

YAML_SAMPLES = [
    "a: 1\nb: 0o17\nc: 0x1f\nd: 1_000\ne: .inf\nf: ~\ng: yes\nh: 2024-07-05\n",
    "i: 2024-07-05 10:00:00+03:30\nj: 2024-07-05T10:00:00.5Z\nk: '2024-07-05'\n",
    "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",  # a merge key: the loader's
    "s: !!set {a, b}\no: !!omap [{a: 1}]\nbin: !!binary aGk=\n",
    "? [a, b]\n: complex key\n",
    "= : a value key\n",
    "a: 1\na: 2\n",  # a repeated key: the last wins, as with the loader
    "tags: [x, 'y', \"z\"]\nnested: {k: [1, {m: null}]}\n",
    "date: 2024-13-45\n",  # no such date: the loader's error
]


def _constructed(text: str, fast: bool) -> object:
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        assert node is not None
        return _construct(node, loader, fast and "*" not in text)
    except Exception as exc:  # whatever the loader raises (a date PyYAML cannot read
        # back raises AttributeError), the one walk must raise too
        return type(exc)
    finally:
        loader.dispose()


@pytest.mark.parametrize("text", YAML_SAMPLES)
def test_yaml_built_in_one_walk_is_the_loaders_on_samples(text: str) -> None:
    assert repr(_constructed(text, True)) == repr(_constructed(text, False))


@settings(max_examples=300, deadline=None)
@given(_YAML_VALUES)
def test_yaml_built_in_one_walk_is_the_loaders(value: object) -> None:
    text = yaml.safe_dump({"k": value}, allow_unicode=True)
    fast, slow = _constructed(text, True), _constructed(text, False)
    assert repr(fast) == repr(slow)


class _ReferencePages:
    """What rendered article pages before :class:`PageRenderer` wrote them in code: the
    Jinja template ``article.html`` (kept in ``tests/data/reference/``) and its values."""

    def __init__(self, settings: Settings) -> None:
        from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader  # noqa: PLC0415

        self.settings = settings
        self.env = Environment(
            loader=ChoiceLoader(
                [FileSystemLoader(DATA / "reference"), PackageLoader("dateline", "templates")]
            ),
            autoescape=True,
            keep_trailing_newline=True,
        )

    def render(self, graph: ArticleGraph, body: str) -> str:
        from dateline.emit.html import (  # noqa: PLC0415 - the reference only
            _standfirst,
            entity_key,
            human_date,
            kind_label,
            named_entities,
        )

        article = graph.article
        nodes = {n.id: n for n in graph.nodes}
        names = {n.id: n.name for n in graph.nodes}
        publisher = names.get(article.publisher.id, "")
        topics = topics_of(self.settings, graph)
        author_pages = {t.name: t.page for t in topics if t.kind == "author"}
        authors = [
            {"name": node.name, "url": author_pages.get(node.name)}
            for a in article.author
            if isinstance(node := nodes.get(a.id), Person)
        ]
        tag_pages = {t.name: t.page for t in topics if t.kind == "tag"}
        section = next((t for t in topics if t.kind == "section"), None)
        events = [
            {
                "name": e.name,
                "when": human_date(e.start_date, graph.timezone) if e.start_date else None,
                "where": ", ".join(names.get(r.id, "") for r in e.location) or None,
            }
            for e in graph.events()
        ]
        named = []
        for node in named_entities(graph):
            key = entity_key(self.settings, node.id)
            url = f"{self.settings.base_url}id/{key}.html" if key else None
            named.append({"name": node.name, "kind": kind_label(node.type), "url": url})
        source = None
        if article.is_based_on:
            host = urlsplit(article.is_based_on).hostname or article.is_based_on
            source = {"url": article.is_based_on, "name": publisher or host.removeprefix("www.")}
        return self.env.get_template("article.html").render(
            site=self.settings,
            article=article,
            published=article.date_published.isoformat(),
            published_text=human_date(article.date_published, graph.timezone),
            modified=article.date_modified.isoformat() if article.date_modified else None,
            modified_text=human_date(article.date_modified, graph.timezone)
            if article.date_modified
            else None,
            authors=authors,
            publisher=publisher,
            feeds=FeedUrls.for_site(self.settings.base_url),
            topics=topics,
            section_url=section.page if section else None,
            tags=[{"name": t, "url": tag_pages.get(t)} for t in article.keywords],
            source=source,
            standfirst=_standfirst(article.description, article.article_body),
            jsonld_url=graph.id,
            jsonld=script_json(document(graph)),
            body=body,
            events=events,
            named=named,
            style=self.env.get_template("_style.html").render(),
        )


def _pages_agree(settings: Settings, path: Path) -> None:
    result = process_article(path, settings)
    assert result.graph is not None, result.findings
    assert result.body is not None
    reference = _ReferencePages(settings).render(result.graph, result.body)
    assert PageRenderer(settings).render(result.graph, result.body) == reference
    text = dumps(document(result.graph))
    assert PageRenderer(settings).render(result.graph, result.body, text) == reference
    # what a build writes: the page made around the document's and the body's bytes
    made = PageRenderer(settings).render_bytes(
        result.graph,
        result.body.encode("utf-8"),
        dumps_bytes(document(result.graph)),
        human_date(result.graph.article.date_published, result.graph.timezone),
    )
    assert made == reference.encode("utf-8")


@pytest.mark.parametrize("topics", [["section"], ["section", "tag", "author"]])
def test_article_pages_are_the_templates_on_the_test_site(
    tmp_path: Path, topics: list[str]
) -> None:
    settings = load_settings(copy_test_site(tmp_path))
    settings = settings.model_copy(update={"topic_feeds": topics})
    for path in sorted(settings.content_dir.glob("*.md")) + sorted(
        settings.content_dir.glob("*.txt")
    ):
        _pages_agree(settings, path)


_TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs", "Cc", "Cn", "Co"])
    | st.sampled_from("<>&'\"-"),
    min_size=1,
    max_size=30,
).filter(lambda t: " ".join(t.split()) == t and "\u2028" not in t and "\u2029" not in t)


@settings(max_examples=60, deadline=None)
@given(
    title=_TEXT,
    summary=st.none() | _TEXT,
    section=st.none() | _TEXT,
    tags=st.lists(_TEXT, max_size=3),
    authors=st.lists(_TEXT, max_size=2),
    site_title=_TEXT,
)
def test_article_pages_are_the_templates(
    tmp_path_factory: pytest.TempPathFactory,
    title: str,
    summary: str | None,
    section: str | None,
    tags: list[str],
    authors: list[str],
    site_title: str,
) -> None:
    folder = tmp_path_factory.mktemp("page")
    front = {"title": title, "date": "2024-07-05T23:02:00+03:30", "tags": tags}
    front |= {"summary": summary} if summary else {}
    front |= {"section": section} if section else {}
    front |= {"author": authors} if authors else {}
    article = folder / "a.md"
    front_matter = json.dumps(front, ensure_ascii=False)
    article.write_text(f"---\n{front_matter}\n---\nTEHRAN - Body & <text>.\n", "utf-8")
    settings = Settings(
        title=site_title,
        base_url="https://ex.org/",
        content_dir=folder,
        output_dir=folder / "out",
        enrich=False,
        topic_feeds=["section", "tag", "author"],
        publisher={"name": site_title, "url": "https://ex.org/"},
    )
    _pages_agree(settings, article)


def _same_graphs(fast: ArticleGraph, checked: ArticleGraph) -> None:
    assert fast == checked
    for made, reference in ((fast, checked), (fast.article, checked.article)):
        assert type(made) is type(reference)
        assert list(made.__dict__.items()) == list(reference.__dict__.items())
        assert made.model_fields_set == reference.model_fields_set
        assert made.model_dump(mode="json") == reference.model_dump(mode="json")
    assert fast.graph() == checked.graph()


def _assembled(settings: Settings, path: Path, checked: bool) -> ArticleGraph:
    from dateline.model.assemble import assemble  # noqa: PLC0415
    from dateline.model.layers import Layer, merge_layers  # noqa: PLC0415
    from dateline.pipeline import written_layers  # noqa: PLC0415
    from dateline.read.readers import read_article  # noqa: PLC0415

    draft = read_article(path, settings.max_file_bytes, root=settings.content_dir)
    layers = written_layers(draft, settings)
    layers[Layer.ENRICHMENT] = enrich(draft, merge_layers(layers), default_enrichers(settings))
    merged = merge_layers(layers)
    return assemble(merged, draft.body_text, path, settings, draft.word_count, checked=checked)


def test_graphs_made_without_validating_again_are_the_validated_ones(tmp_path: Path) -> None:
    settings = load_settings(copy_test_site(tmp_path))
    paths = sorted(settings.content_dir.glob("*.md")) + sorted(settings.content_dir.glob("*.txt"))
    assert paths
    for path in paths:
        _same_graphs(_assembled(settings, path, False), _assembled(settings, path, True))


@settings(max_examples=40, deadline=None)
@given(
    date=st.sampled_from(
        [
            "2024-07-05T23:02:00+03:30",
            "2024-07-05",
            "2024-07-05T10:00:00",
            "0999-01-01T00:00:00Z",
            "3001-01-01T00:00:00Z",
            "1000-01-01T00:00:00Z",
        ]
    ),
    updated=st.none() | st.sampled_from(["2024-07-06T08:00:00Z", "0100-07-06", "2024-07-06"]),
    slug=st.none() | st.sampled_from(["a-b", "ok1", "-bad", "Upper"]),
    source=st.none() | st.sampled_from(["https://e.org/a b", "https://e.org/é?x=1", "ftp://x"]),
    title=_TEXT,
    language=st.none() | st.sampled_from(["en", "fa-IR", "e"]),
)
def test_articles_made_without_validating_again_are_the_validated_ones(
    tmp_path_factory: pytest.TempPathFactory,
    date: str,
    updated: str | None,
    slug: str | None,
    source: str | None,
    title: str,
    language: str | None,
) -> None:
    folder = tmp_path_factory.mktemp("assemble")
    front: dict[str, object] = {"title": title, "date": date}
    for key, value in (("updated", updated), ("slug", slug), ("source", source)):
        if value is not None:
            front[key] = value
    if language is not None:
        front["language"] = language
    article = folder / "a.md"
    article.write_text(f"---\n{yaml.safe_dump(front)}---\nTEHRAN - Body.\n", "utf-8")
    settings = Settings(
        title="S",
        base_url="https://ex.org/",
        content_dir=folder,
        output_dir=folder / "out",
        enrich=False,
        publisher={"name": "S", "url": "https://ex.org/"},
    )
    outcomes: list[ArticleGraph | ValidationFailed | ReadError] = []
    for checked in (False, True):
        try:
            outcomes.append(_assembled(settings, article, checked))
        except (ValidationFailed, ReadError) as exc:
            outcomes.append(exc)
    fast, validated = outcomes
    if isinstance(validated, ArticleGraph):
        assert isinstance(fast, ArticleGraph)
        _same_graphs(fast, validated)
    else:
        assert not isinstance(fast, ArticleGraph)
        assert type(fast) is type(validated)
        assert [f.as_dict() for f in fast.findings()] == [f.as_dict() for f in validated.findings()]


def test_cache_entries_made_with_the_summary_json_are_those_made_without(tmp_path: Path) -> None:
    """A worker makes each summary's JSON once, for the state the build holds and for
    the cache entry (``CacheEntry.to_bytes(summary)``): the very bytes of an entry
    that serialises its summary itself, and the same JSON where orjson refuses the
    entry (an integer past 64 bits) and json writes it."""
    from dateline.pipeline import ArticleTask, ArticleWorker  # noqa: PLC0415
    from dateline.write.cache import CacheEntry, summary_bytes  # noqa: PLC0415

    settings = load_settings(copy_test_site(tmp_path))
    worker = ArticleWorker(settings)
    made = 0
    for path in sorted(settings.content_dir.glob("*.md")):
        entry = worker(ArticleTask(path, path.name, "k")).entry
        if entry is None:
            continue
        made += 1
        assert entry.to_bytes(summary_bytes(entry.summary)) == entry.to_bytes()
        huge = CacheEntry(
            entry.key,
            entry.summary,
            entry.body,
            [*entry.graph, {"@id": "#n", "value": 2**70}],
            entry.findings,
            entry.files,
        )
        spliced = huge.to_bytes(summary_bytes(huge.summary))
        assert json.loads(spliced) == json.loads(huge.to_bytes())
        assert CacheEntry.from_bytes(spliced, "k", entry.body) == huge
    assert made


def test_findings_about_the_article_leave_its_path_out_whichever_path_object_names_it(
    tmp_path: Path,
) -> None:
    """The cache keeps a finding about the article itself without its path (told by the
    very path object first, then by an equal one); any other file keeps its path."""
    from dateline.errors import Finding  # noqa: PLC0415
    from dateline.write.cache import finding_from_json, finding_to_json  # noqa: PLC0415

    own = tmp_path / "content" / "a.md"
    for named in (own, Path(str(own)), tmp_path / "content" / "b.yaml"):
        finding = Finding("code", "message", named, severity="notice")
        saved = finding_to_json(finding, tmp_path / "content", own)
        assert ("path" in saved) is (named != own)
        assert finding_from_json(saved, tmp_path / "content", own=own) == finding


def _mentions(annotation: object, target: object) -> bool:
    """Whether a field typed ``annotation`` can hold ``target`` (``float | None``,
    ``list[GeoCoordinates]``, ``Annotated[float, …]``…)."""
    return annotation is target or any(_mentions(a, target) for a in typing.get_args(annotation))


def _schema_models() -> set[type[SchemaModel]]:
    found: set[type[SchemaModel]] = set()
    todo: list[type[SchemaModel]] = [SchemaModel]
    while todo:
        model = todo.pop()
        if model not in found:
            found.add(model)
            todo.extend(model.__subclasses__())
    return found


def test_coordinates_are_the_only_floats_an_article_graph_holds() -> None:
    """An article's document is searched for what orjson writes otherwise than json
    (tiny floats) only when its graph ``holds_floats``, which looks at places'
    coordinates alone: a float field anywhere else must be told there too."""
    models = _schema_models()
    floats = {
        (m.__name__, n)
        for m in models
        for n, f in m.model_fields.items()
        if _mentions(f.annotation, float)
    }
    assert floats == {("GeoCoordinates", "latitude"), ("GeoCoordinates", "longitude")}
    holders = {
        (m, n)
        for m in models
        for n, f in m.model_fields.items()
        if _mentions(f.annotation, GeoCoordinates)
    }
    assert holders
    assert all(issubclass(m, Place) and n == "geo" for m, n in holders)


def test_a_places_tiny_coordinates_are_written_as_json_writes_them(tmp_path: Path) -> None:
    settings = load_settings(copy_test_site(tmp_path))
    article = settings.content_dir / "null-island.md"
    article.write_text(
        "---\ntitle: A quiet day on Null Island\ndate: 2024-07-05T10:00:00Z\n"
        "entities:\n  - id: null-island\n    type: Place\n    name: Null Island\n"
        "    geo: {latitude: 0.00001, longitude: -0.000025}\nabout: [null-island]\n---\n"
        "Nothing happened on Null Island today.\n",
        encoding="utf-8",
    )
    output = ArticleWorker(settings)(ArticleTask(article, "null-island.md", "key"))
    assert output.result.ok, output.result.findings
    written = next(data for name, data in output.files.items() if name.endswith(".jsonld"))
    assert b"1e-05" in written  # json's way (orjson writes 1e-5)
    assert (
        written == (json.dumps(json.loads(written), ensure_ascii=False, indent=2) + "\n").encode()
    )


_FRONT_PIECES = [
    "-",
    "-",
    "-",
    ".",
    ".",
    "\n",
    "\n",
    "\r",
    " ",
    "\t",
    "a",
    "---\n",
    "...\n",
    "\n---",
]


@settings(max_examples=2000, deadline=None)
@given(st.booleans(), st.lists(st.sampled_from(_FRONT_PIECES), max_size=25))
def test_front_matter_found_by_its_lines_is_what_the_pattern_finds(
    opened: bool, pieces: list[str]
) -> None:
    """Front matter found by looking for its closing line (``str.find``) is the pattern's
    match: the same text and end, and none where it finds none."""
    text = ("---" if opened else "") + "".join(pieces)
    match = _FRONT.match(text)
    assert _front_matter(text) == ((match.group(1), match.end()) if match else None)


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: a\n---\nbody",
        "---\n---\n",
        "--- \t\r\ntitle: a\r\n... \r\nbody",
        "---\ntitle: a\n----\n--- x\n---",
        "---\ntitle: a\n.. .\n...",
        "---\ntitle: a\n",
        "----\ntitle: a\n---\n",
        "title: a\n---\n",
    ],
)
def test_front_matter_found_by_its_lines_on_samples(text: str) -> None:
    match = _FRONT.match(text)
    assert _front_matter(text) == ((match.group(1), match.end()) if match else None)
