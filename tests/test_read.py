"""Readers: date lines, datelines, site chrome, front matter, sidecars, encodings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.enrich import find_dateline
from dateline.errors import ReadError, ValidationFailed
from dateline.read import READERS, discover, discover_names, read_article
from dateline.read.datetext import parse_date_line

from .conftest import ROOT

UTC = dt.UTC


def tz(minutes: int) -> dt.timezone:
    return dt.timezone(dt.timedelta(minutes=minutes))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("July 5, 2024 - 23:2", dt.datetime(2024, 7, 5, 23, 2)),
        ("Published 12 March 2024 14:05 GMT", dt.datetime(2024, 3, 12, 14, 5, tzinfo=UTC)),
        ("March 12, 2024 2:05 PM EDT", dt.datetime(2024, 3, 12, 14, 5, tzinfo=tz(-240))),
        ("2024-03-12 14:05", dt.datetime(2024, 3, 12, 14, 5)),
        ("2024-03-12T14:05:00+02:00", dt.datetime(2024, 3, 12, 14, 5, tzinfo=tz(120))),
        ("Tuesday, 12 March 2024", dt.date(2024, 3, 12)),
        ("Updated: 5 Jul 2024, 09:30 IST", dt.datetime(2024, 7, 5, 9, 30, tzinfo=tz(330))),
        ("12.03.2024 14:05 CET", dt.datetime(2024, 3, 12, 14, 5, tzinfo=tz(60))),
        ("Mar. 3, 2021 at 4:15 p.m. EST", dt.datetime(2021, 3, 3, 16, 15, tzinfo=tz(-300))),
        ("December 12, 2023 12:30 AM", dt.datetime(2023, 12, 12, 0, 30)),
    ],
)
def test_date_lines_publishers_print(line: str, expected: dt.datetime | dt.date) -> None:
    parsed = parse_date_line(line)
    assert parsed is not None
    assert parsed.value == expected
    assert type(parsed.value) is type(expected)
    assert parsed.text == line


@pytest.mark.parametrize(
    "line",
    [
        "TEHRAN – During a meeting on July 5, 2024, the two sides met.",
        "In December 2023, Iran and the EAEU signed a free trade agreement.",
        "February 30, 2024 10:00",  # no such day
        "July 5, 2024 - 25:61",  # no such time
        "",
    ],
)
def test_sentences_and_impossible_dates_are_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    ("paragraph", "place", "agency"),
    [
        ("TEHRAN – During a meeting", "TEHRAN", None),
        ("WASHINGTON (Reuters) - The U.S.", "WASHINGTON", "Reuters"),
        ("KYIV, Ukraine — Russia launched", "KYIV", None),
        ("NEW DELHI, March 12 (PTI): India", "NEW DELHI", "PTI"),
        ("BRUSSELS, 12 March (AFP) – The", "BRUSSELS", "AFP"),
        ("Nairobi — Kenya's president", "Nairobi", None),
        ("GENEVA: The UN said", "GENEVA", None),
        ("ST. PETERSBURG, Russia (AP) — The", "ST. PETERSBURG", "AP"),
        # letters beyond ASCII (a reviewer's datelines were not recognised)
        ("ZÜRICH — The mayor opened", "ZÜRICH", None),
        ("Zürich — The mayor opened", "Zürich", None),
        ("SÃO PAULO — Brazil's central bank", "SÃO PAULO", None),
        ("KRAKÓW, Poland — The city", "KRAKÓW", None),
        ("DÜSSELDORF (Reuters) - The", "DÜSSELDORF", "Reuters"),
        ("ŁÓDŹ, Poland — Workers", "ŁÓDŹ", None),
    ],
)
def test_dateline_styles(paragraph: str, place: str, agency: str | None) -> None:
    found = find_dateline(paragraph)
    assert found is not None
    assert (found.place, found.agency) == (place, agency)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The president said - nothing",
        "During a meeting with Putin",
        "I - me",
        "The mayor — said",
    ],
)
def test_ordinary_sentences_have_no_dateline(paragraph: str) -> None:
    assert find_dateline(paragraph) is None


def test_seed_text_reader_finds_headline_date_and_drops_site_chrome() -> None:
    draft = read_article(ROOT / "content" / "000_92e7f391879ebd38.txt", 1_000_000)
    assert draft.found.title == (
        "Iran, Russia relations remains unchanging: Mokhber delivers Leader’s message to Putin"
    )
    assert draft.found.date == dt.datetime(2024, 7, 5, 23, 2)
    assert draft.found.date_text == "July 5, 2024 - 23:2"
    assert len(draft.paragraphs) == 9
    assert draft.paragraphs[0].text.startswith("TEHRAN – During a meeting")
    assert draft.paragraphs[0].line == 5
    assert draft.paragraphs[-1].text.endswith("as an observer member.")
    assert "Leave a Comment" not in draft.body_text
    assert "\u00a0" not in draft.body_text
    # the sidecar was picked up
    assert draft.sidecar.timezone == "Asia/Tehran"


def test_hard_wrapped_paragraphs_are_joined(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nMay 1, 2024\n\nKYIV — One\nline two.\n\nNext.\n", encoding="utf-8")
    draft = read_article(path, 10_000)
    assert [p.text for p in draft.paragraphs] == ["KYIV — One line two.", "Next."]
    assert [p.line for p in draft.paragraphs] == [5, 8]


def test_markdown_front_matter_is_the_editors_layer(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\ntitle: A *title*\ndate: 2024-03-12T14:05:00+00:00\nauthor: Jane Roe\n"
        "tags: [a, b]\n---\n\nKYIV — Body with **bold** and a [link](https://example.org/).\n\n"
        "Second paragraph.\n",
        encoding="utf-8",
    )
    draft = read_article(path, 10_000)
    assert draft.front_matter.title == "A *title*"
    assert draft.front_matter.author is not None
    assert draft.front_matter.author[0].name == "Jane Roe"
    assert draft.front_matter.tags == ["a", "b"]
    assert [p.text for p in draft.paragraphs] == [
        "KYIV — Body with bold and a link.",
        "Second paragraph.",
    ]
    assert draft.body_markdown is not None


def test_front_matter_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: ok\ndate: [unclosed\n---\nBody\n", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_article(path, 10_000)
    assert info.value.code == "yaml_syntax"
    assert info.value.path == path
    assert info.value.line is not None
    assert info.value.line >= 3


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("---\ntitle: A story\ndate: 2026-11-20 10:00\n\nBody text.\n", "never closed"),
        ('+++\ntitle = "A story"\n+++\nBody text.\n', "TOML"),
    ],
)
def test_front_matter_that_cannot_be_read_says_so(tmp_path: Path, text: str, says: str) -> None:
    """A reviewer's unclosed front matter was reported as a missing headline and date,
    both of which were written."""
    path = tmp_path / "open.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_article(path, 10_000)
    assert (info.value.code, info.value.line) == ("front_matter_unclosed", 1)
    assert says in info.value.message
    assert "---" in str(info.value.hint)


def test_unknown_front_matter_key_suggests_the_right_one(tmp_path: Path) -> None:
    path = tmp_path / "typo.md"
    path.write_text("---\ntitle: ok\nsumary: oops\n---\nBody\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        read_article(path, 10_000)
    (finding,) = info.value.findings()
    assert finding.code == "unknown_property"
    assert finding.field == "sumary"
    assert finding.line == 3
    assert finding.hint is not None
    assert "summary" in finding.hint


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Headline\n\nMay 1, 2024\n\nBody é.\n".encode(), "Body é."),
        (b"\xef\xbb\xbf" + "Headline\n\nBody é.\n".encode(), "Body é."),
        ("Headline\n\nBody é.\n".encode("utf-16"), "Body é."),
        (
            "Headline\n\nBody \u00e9t\u00e9 \u00e0 Paris, d\u00e9j\u00e0.\n".encode("cp1252"),
            "Body \u00e9t\u00e9 \u00e0 Paris, d\u00e9j\u00e0.",
        ),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "cp1252"],
)
def test_encodings(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert read_article(path, 10_000).paragraphs[-1].text == expected


def test_control_characters_are_removed_at_the_door(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Head\x00line\x1b\n\nBody\x0b text\n", encoding="utf-8")
    draft = read_article(path, 10_000)
    assert draft.found.title == "Headline"
    assert draft.paragraphs[0].text == "Body text"


@pytest.mark.parametrize(
    ("content", "code"),
    [("", "empty_article"), ("\n\n\u00a0\n", "empty_article"), ("Only a headline\n", "empty_body")],
)
def test_empty_articles_are_refused_clearly(tmp_path: Path, content: str, code: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_article(path, 10_000)
    assert info.value.code == code


def test_files_over_the_size_cap_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Headline\n\n" + "word " * 1000, encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_article(path, 1000)
    assert info.value.code == "file_too_large"


def test_discover_uses_the_reader_table_and_skips_hidden_files(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "a.yaml", "notes.rst", ".hidden.txt", ".git/x.txt", "sub/c.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["a.md", "b.txt", "sub/c.txt"]
    assert set(READERS) == {".txt", ".md", ".markdown"}


def test_a_readme_in_content_is_the_editors_notes_not_an_article(tmp_path: Path) -> None:
    """A reviewer's README.md of notes for editors failed every build (no headline, no
    date, exit 1): README files are not read; a story that only mentions one is."""
    for name in ["README.md", "sub/readme.txt", "Readme.markdown", "readme-notes.md", "a.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["a.md", "readme-notes.md"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_date_line_parser_never_fails_and_only_returns_real_dates(line: str) -> None:
    parsed = parse_date_line(line)
    if parsed is not None:
        assert isinstance(parsed.value, dt.date)
        assert parsed.text == line.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_dateline_finder_never_fails_and_points_inside_the_text(paragraph: str) -> None:
    found = find_dateline(paragraph)
    if found is not None:
        assert 0 < found.end <= len(paragraph)
        assert found.place in paragraph


def test_discovered_names_are_the_paths_sorted_by_their_parts(tmp_path: Path) -> None:
    """The plan lists articles as text: the same files, in the order of their paths'
    parts (a folder's articles after a file whose name sorts before the folder's)."""
    for name in ["a.md", "a-b.md", "a/z.md", "a/b/c.md", "a.b/d.txt", "ä.md", "A.md", "b.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    paths = discover(tmp_path)
    assert discover_names(tmp_path) == [str(p) for p in paths]
    assert paths == sorted(paths, key=lambda p: p.parts)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "A.md", "a/b/c.md", "a/z.md", "a-b.md", "a.b/d.txt", "a.md", "b.md", "ä.md"
    ]  # fmt: skip


# --- front matter in its common shapes, read without the YAML parser --------------------

_KEYS = st.sampled_from(["title", "date", "author", "tags", "summary", "slug", "x_1", "Title"])
_WORDS = st.sampled_from(
    ["Energy", "North Korea", "U.S.", "a-b", "yes", "No", "NULL", "on", "Off", "true", "x1e3",
     "1.5", "12", "0x1F", ".inf", "a:b", "a: b", "a #b", "#a", "a,b", " a", "a ", "a  b", "",
     "~", "-a", "é", "a'b", "2024-01-01", "Priya Nair", "TRUE", "null x"]
)  # fmt: skip
_MOMENT_TEXTS = [
    "2024-07-05", "2024-07-05T23:02:00+03:30", "2024-07-05T23:02:00Z", "2024-07-05T23:02:00",
    "2024-07-05T23:02:00-00:00", "2024-07-05T23:02:00-05:00", "2024-07-05T23:02:00+00:00",
    "2024-13-45", "2024-02-30", "2024-07-05T25:00:00", "2024-07-05T23:60:00",
    "2024-07-05T23:02:00+24:00", "2024-07-05T23:02:00-03:30", "2024-7-5",
    "2024-07-05 23:02:00", "2024-07-05T23:02:00.5Z", "0000-01-01",
]  # fmt: skip
_MOMENTS = st.sampled_from(_MOMENT_TEXTS)
_VALUES = st.one_of(
    st.text(max_size=12).map(lambda text: f'"{text}"'),
    st.lists(_WORDS, max_size=4).map(lambda words: "[" + ", ".join(words) + "]"),
    _WORDS,
    _MOMENTS,
    st.text(alphabet="ab .-_:#1'\"[]{}!&*|>%@`\\\t", max_size=8),
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(_KEYS, st.sampled_from([": ", ": ", ": ", ":", ":  "]), _VALUES), max_size=3)
)
def test_common_front_matter_is_read_as_yaml_reads_it(
    lines: list[tuple[str, str, str]],
) -> None:
    """Front matter in the shapes most articles use is read without the YAML parser
    (a third of reading an article); whatever it reads so, it reads as the parser
    does (values, their types and time zones, each key's line), and it leaves
    every other text, good or bad, to the parser and its errors."""
    from dateline.read.yamlmeta import _simple_mapping, _yaml_mapping  # noqa: PLC0415

    text = "".join(f"{key}{colon}{value}\n" for key, colon, value in lines)
    simple = _simple_mapping(text, 1)
    if simple is None:
        return
    data, where = _yaml_mapping(text, Path("a.md"), 1)
    assert repr(simple[0]) == repr(data)
    assert simple[1] == where


@pytest.mark.parametrize("moment", _MOMENT_TEXTS)
def test_a_date_or_time_is_read_as_yaml_reads_it(moment: str) -> None:
    """Dates and times, offsets east and west, Z, none, and dates no calendar has
    (those go to the parser, whose error names them)."""
    from dateline.read.yamlmeta import _simple_mapping, _yaml_mapping  # noqa: PLC0415

    text = f"date: {moment}\n"
    simple = _simple_mapping(text, 1)
    try:
        parsed = _yaml_mapping(text, Path("a.md"), 1)
    except ReadError:
        assert simple is None
        return
    assert simple is None or repr(simple) == repr(parsed)


def test_generated_news_front_matter_takes_the_short_way() -> None:
    """The shapes the short way reads are those of real front matter (title, date
    with offset, author, tags, summary, slug), else the test above would hold for
    a path no article takes."""
    from bench.bench import article_text  # noqa: PLC0415

    from dateline.read.yamlmeta import _simple_mapping, _yaml_mapping  # noqa: PLC0415

    for number in range(30):
        front = article_text(number, seed=1)[1].split("---\n")[1]
        simple = _simple_mapping(front, 1)
        assert simple is not None, front
        assert repr(simple) == repr(_yaml_mapping(front, Path("a.md"), 1))
