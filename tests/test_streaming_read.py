"""A JSONL file is read a line at a time, with exactly the records, lines and errors of reading
it whole (the memory of reading 100,000 submissions is one line, not the file three times)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bdp_lod.errors import InputError
from bdp_lod.sources.submission import submission_items


def _write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(lines))
    return path


def test_lines_keep_their_numbers_past_blank_lines_a_bom_and_crlf(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", [
        b"\xef\xbb\xbf" + json.dumps({"n": 1}).encode() + b"\r\n",
        b"\n",
        b"   \n",
        json.dumps({"n": "\u2028 \u0142"}, ensure_ascii=False).encode() + b"\n",
        json.dumps({"n": 3}).encode(),  # no newline at the end
    ])
    items = [(data, origin.index, origin.line) for data, origin in submission_items(path)]
    assert items == [({"n": 1}, 0, 1), ({"n": "\u2028 \u0142"}, 1, 4), ({"n": 3}, 2, 5)]


def test_a_byte_that_is_not_utf8_is_refused_before_any_record_even_after_a_malformed_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", [b'{"n": 1}\n', b'{"n": \n', b'{"n": "\xa3"}\n'])
    items = submission_items(path)
    with pytest.raises(InputError) as caught:
        next(items)
    assert (caught.value.detail, caught.value.line) == ("not UTF-8 text (byte 0xa3)", 3)


def test_a_malformed_line_is_named_with_its_column_as_in_the_line_alone(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", [b'{"n": 1}\n', b'{"n": \n'])
    with pytest.raises(InputError) as caught:
        list(submission_items(path))
    assert (caught.value.detail, caught.value.line) == ("malformed JSON: Expecting value (column 7)", 2)


def test_a_bad_byte_on_the_first_line_after_a_bom_is_the_byte_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", [b'\xef\xbb\xbf{"n": "\xa3"}\n'])
    with pytest.raises(InputError) as caught:
        list(submission_items(path))
    assert (caught.value.detail, caught.value.line) == ("not UTF-8 text (byte 0xa3)", 1)


def test_lines_blank_only_to_unicode_are_skipped_without_counting_as_records(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", [
        "\u00a0\u3000\n".encode(), b"\x1c\x1f \n", b'{"n": 1}\n', "\u2028\n".encode(), b'{"n": 2}\n',
    ])
    assert [(data, origin.index, origin.line) for data, origin in submission_items(path)] == [
        ({"n": 1}, 0, 3), ({"n": 2}, 1, 5),
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_records_read_by_workers_from_raw_lines_fail_at_the_first_bad_line_of_the_first_bad_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    """The parent hands JSONL lines out undecoded; a worker's error is raised in input order,
    so the first file's malformed line wins over the second file's bad byte."""
    from bdp_lod import records

    monkeypatch.setattr(records, "READ_CHUNK", 2)
    good = [json.dumps({"n": i}).encode() + b"\n" for i in range(5)]
    first = _write(tmp_path / "a.jsonl", [*good, b"[" * 300 + b"\n", b'{"n": \n'])
    second = _write(tmp_path / "b.jsonl", [*good, b'{"n": "\xa3"}\n'])
    with pytest.raises(InputError) as caught:
        records.prepare([first, second], workers=workers)
    assert (caught.value.file, caught.value.line, caught.value.detail) == (
        str(first), 6, "JSON nested more than 200 levels deep (arrays and objects inside one another); refused",
    )
    with pytest.raises(InputError) as caught:
        records.prepare([second, first], workers=workers)
    assert (caught.value.file, caught.value.line, caught.value.detail) == (str(second), 6, "not UTF-8 text (byte 0xa3)")
