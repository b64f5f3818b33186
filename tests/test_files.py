"""Reading and writing files byte-faithfully: encodings, BOMs, line endings, modes, links, races."""

from __future__ import annotations

import os
import stat

import pytest

from cleaner import files
from cleaner.files import FileError, read_source, write_source


def round_trip(path, new_text_of=lambda text: text.replace("kyiv", "Kyiv"), **kwargs) -> bytes:
    source = read_source(str(path), **kwargs)
    write_source(source, new_text_of(source.text))
    return path.read_bytes()


def test_plain_utf8_round_trip(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("take kyiv, café\n".encode())
    assert round_trip(path) == "take Kyiv, café\n".encode()


def test_utf8_bom_is_kept(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbftake kyiv\n")
    source = read_source(str(path))
    assert (source.text, source.encoding, source.bom) == ("take kyiv\n", "utf-8", True)
    assert round_trip(path) == b"\xef\xbb\xbftake Kyiv\n"


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                        ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_bom_marked_unicode_round_trips_in_its_encoding(tmp_path, codec, bom):
    path = tmp_path / "a.txt"
    path.write_bytes(bom + "take kyiv\r\nnaïve\r\n".encode(codec))
    source = read_source(str(path))
    assert source.encoding == codec and source.bom and source.text == "take kyiv\r\nnaïve\r\n"
    assert round_trip(path) == bom + "take Kyiv\r\nnaïve\r\n".encode(codec)


def test_crlf_mixed_endings_and_missing_final_newline_are_kept(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"one kyiv\r\ntwo\nthree\rfour")
    assert read_source(str(path)).text == "one kyiv\r\ntwo\nthree\rfour"
    assert round_trip(path) == b"one Kyiv\r\ntwo\nthree\rfour"


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\n"])
def test_empty_and_whitespace_only_files(tmp_path, data):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert read_source(str(path)).text == data.decode()
    assert round_trip(path) == data


def test_latin1_is_refused_with_a_hint(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("café\n".encode("latin-1"))
    with pytest.raises(FileError) as caught:
        read_source(str(path))
    assert str(path) in str(caught.value) and "not valid UTF-8" in str(caught.value)
    assert "--encoding" in str(caught.value)


def test_named_encoding_reads_and_writes_back_in_that_encoding(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("café in kyiv\n".encode("cp1252"))
    assert round_trip(path, encoding="cp1252") == "café in Kyiv\n".encode("cp1252")


def test_text_that_the_named_encoding_cannot_hold_is_not_written(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"kyiv\n")
    source = read_source(str(path), encoding="latin-1")
    with pytest.raises(FileError, match="cannot be written as"):
        write_source(source, "Kyiv \u2014 city\n")
    assert path.read_bytes() == b"kyiv\n"


def test_unknown_encoding_name(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x")
    with pytest.raises(FileError, match="unknown encoding"):
        read_source(str(path), encoding="klingon-8")


def test_utf16_named_without_a_bom_needs_a_byte_order(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("hi".encode("utf-16-le"))
    with pytest.raises(FileError, match="byte order mark"):
        read_source(str(path), encoding="utf-16")
    source = read_source(str(path), encoding="utf-16-le")
    assert (source.text, source.bom) == ("hi", False)


def test_binary_with_nul_bytes_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"GIF89a\x00\x01\x02")
    with pytest.raises(FileError, match="binary"):
        read_source(str(path))


def test_missing_directory_fifo_and_too_big(tmp_path):
    with pytest.raises(FileError, match="No such file"):
        read_source(str(tmp_path / "missing.txt"))
    with pytest.raises(FileError, match="is a directory"):
        read_source(str(tmp_path))
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        with pytest.raises(FileError, match="not a regular file"):
            read_source(str(tmp_path / "pipe"))
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 101)
    with pytest.raises(FileError, match="more than --max-size 100"):
        read_source(str(big), max_size=100)
    assert read_source(str(big), max_size=101).text == "x" * 101


def call_unprivileged(function) -> str:
    """``function()`` in a forked child that has dropped root privileges; its ``str`` result.

    Root reads every file whatever its mode, so permission errors can only be seen by an
    ordinary user. When the tests do not run as root, ``function`` simply runs here.
    """
    if os.geteuid() != 0:
        return str(function())
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        status = 1
        try:
            os.close(reader)
            os.setgid(65534)
            os.setuid(65534)
            os.write(writer, str(function()).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    chunks = []
    while chunk := os.read(reader, 65536):
        chunks.append(chunk)
    os.close(reader)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the unprivileged child failed"
    return b"".join(chunks).decode()


def world_accessible_folder():
    """A folder an unprivileged user can enter (pytest's tmp_path is private to its owner)."""
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="mtclean-"))
    folder.chmod(0o777)
    return folder


def test_unreadable_file():
    import shutil

    folder = world_accessible_folder()
    try:
        path = folder / "secret.txt"
        path.write_bytes(b"kyiv\n")
        path.chmod(0)

        def attempt():
            try:
                read_source(str(path))
            except FileError as error:
                return str(error)
            return "read"
        assert call_unprivileged(attempt) == f"{path}: Permission denied"
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755])
def test_permission_bits_are_kept(tmp_path, mode):
    path = tmp_path / "a.txt"
    path.write_bytes(b"kyiv\n")
    path.chmod(mode)
    round_trip(path)
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_symlink_target_is_rewritten_and_the_link_stays(tmp_path):
    target = tmp_path / "real" / "a.txt"
    target.parent.mkdir()
    target.write_bytes(b"kyiv\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    round_trip(link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"Kyiv\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.txt"]  # no temporary file left


@pytest.mark.parametrize("edited", [b"kyiv, edited by someone else\n", b"kiev\n"])  # a new size, the same size
def test_a_change_on_disk_after_reading_blocks_the_write(tmp_path, edited):
    path = tmp_path / "a.txt"
    path.write_bytes(b"kyiv\n")
    source = read_source(str(path))
    path.write_bytes(edited)
    with pytest.raises(FileError, match="changed on disk"):
        write_source(source, "Kyiv\n")
    assert path.read_bytes() == edited


def test_a_change_during_the_write_blocks_the_rename(tmp_path, monkeypatch):
    """The seam runs after the temporary file is complete, just before the check and rename."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"kyiv\n")
    source = read_source(str(path))

    def edit_concurrently(target):
        with open(target, "ab") as handle:
            handle.write(b"appended\n")
    monkeypatch.setattr(files, "before_replace", edit_concurrently)
    with pytest.raises(FileError, match="changed on disk"):
        write_source(source, "Kyiv\n")
    assert path.read_bytes() == b"kyiv\nappended\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # the temporary file is gone


def test_names_with_spaces_non_ascii_and_a_dash(tmp_path):
    for name in ("my notes.txt", "résumé – draft.txt", "-"):
        path = tmp_path / name
        path.write_bytes(b"kyiv\n")
        assert round_trip(path) == b"Kyiv\n"


def test_read_stdin_uses_the_same_policy():
    import io

    source = files.read_stdin(io.BytesIO(b"\xef\xbb\xbfa\r\n"))
    assert (source.path, source.text, source.bom) == ("-", "a\r\n", True)
    with pytest.raises(FileError, match="binary"):
        files.read_stdin(io.BytesIO(b"a\x00b"))


def test_owner_and_group_are_kept(tmp_path):
    """As root the rewritten file keeps another user's ownership; otherwise it stays ours."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"kyiv\n")
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)
    before = path.stat()
    round_trip(path)
    after = path.stat()
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert after.st_ino != before.st_ino  # really replaced, not rewritten in place
