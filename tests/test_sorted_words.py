"""The sorted word index answers like a dict of its lines, before and after it builds one."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.kinds.casing_lexicon import read_sorted_words
from cleaner.kinds.sorted_words import SortedWords, checked_lines, sort_key, sorted_file_text
from cleaner.packs import builtin_pack_dir

LINES = st.lists(st.text(alphabet="aAbBzZ İiı ß\u0307é", min_size=1, max_size=6).filter(lambda s: "\n" not in s),
                 max_size=40)


def as_dict(lines) -> dict[str, str]:
    """What the index must answer: lowercase form -> the last line (in sorted order) with it."""
    ordered = sorted(set(lines), key=sort_key)
    return dict(zip(map(str.lower, ordered), ordered))


@settings(max_examples=300, deadline=None)
@given(LINES, st.lists(st.text(alphabet="aAbBzZ İiı ß\u0307é", max_size=6), max_size=20), st.integers(1, 12))
def test_lookups_match_a_dict_of_the_lines_in_both_modes(lines, probes, step):
    expected = as_dict(lines)
    words = SortedWords.of(lines, step=step)
    probes = [*probes, *expected]
    assert [words.get(p) for p in probes] == [expected.get(p) for p in probes]
    assert words.among(set(probes)) == expected.keys() & set(probes)
    words.build_table()
    assert [words.get(p) for p in probes] == [expected.get(p) for p in probes]
    assert words.among(set(probes)) == expected.keys() & set(probes)


def test_many_lookups_build_the_table_and_keep_answering():
    lines = [f"Name{i:05d}" for i in range(6000)]
    words = SortedWords.of(lines, step=64)
    assert words.table is None
    for i in range(0, 6000, 1):
        assert words.get(f"name{i:05d}") == f"Name{i:05d}"
    assert words.table is not None and words.get("name00042") == "Name00042" and words.get("name") is None


def test_lines_with_a_space_are_the_multi_word_names():
    words = SortedWords.of(["Kyiv", "New York", "Rio de Janeiro", "Nepal", "Zug Am See"])
    assert words.lines_with(" ") == ["New York", "Rio de Janeiro", "Zug Am See"]
    assert SortedWords.of(["A b c"]).lines_with(" ") == ["A b c"] and SortedWords("").lines_with(" ") == []


def test_the_shipped_word_files_are_searched_as_they_are():
    for name in ("casing-names.txt", "casing-common.txt"):
        data = (builtin_pack_dir() / name).read_bytes()
        lines = checked_lines(data)
        assert lines is not None, f"{name}: checksum does not match: rerun scripts/build_casing_lexicon.py"
        assert lines.split("\n") == sorted(set(lines.split("\n")), key=sort_key), name


def test_an_edited_word_file_is_sorted_when_read(tmp_path):
    """A line added, a stray space or a comment after the build: the checksum fails, the file is
    cleaned and sorted, and every name is still found."""
    text = sorted_file_text("# names\n", ["Kyiv", "Lviv", "Nepal"])
    assert checked_lines(text.encode()) == "Kyiv\nLviv\nNepal"
    path = tmp_path / "names.txt"
    path.write_text(text.replace("Kyiv", "Kyiv ") + "# a comment\nAbkhazia\n", encoding="utf-8")
    assert checked_lines(path.read_bytes()) is None
    words = read_sorted_words(str(path))
    assert [words.get(w) for w in ("kyiv", "abkhazia", "nepal", "paris")] == ["Kyiv", "Abkhazia", "Nepal", None]
