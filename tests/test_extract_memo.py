from mapper.extract import _memo, extract_mentions
from mapper.extract.casualties import read_casualties
from mapper.models import Article


def test_a_reader_reads_a_sentence_once_until_forget():
    calls: list[str] = []

    @_memo.per_article
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    assert [length("ab"), length("ab"), length("abc")] == [2, 2, 3]
    assert calls == ["ab", "abc"]
    _memo.forget()
    assert length("ab") == 2
    assert calls == ["ab", "abc", "ab"]


def test_nothing_read_in_one_article_is_kept_for_the_next():
    from _extract_places import gazetteer

    sentence = "A roadside bomb killed two soldiers in Kirkuk on Monday."
    read_casualties(sentence)
    assert any(sentence in seen for seen in _memo._MEMORIES)
    extract_mentions(Article(id="a", text="Nothing happened."), gazetteer=gazetteer())
    assert not any(sentence in seen for seen in _memo._MEMORIES)


def test_memory_is_bounded_outside_extraction():
    @_memo.per_article
    def echo(text: str) -> str:
        return text

    for i in range(_memo._LIMIT + 10):
        echo(str(i))
    assert all(len(seen) <= _memo._LIMIT for seen in _memo._MEMORIES)
