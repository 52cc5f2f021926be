"""The tokenizer: CJK characters and pairs, lower-cased Latin words, digits as words."""

from portal.search.tokens import query_phrases, tokenize


def test_cjk_runs_give_characters_and_adjacent_pairs_interleaved():
    assert tokenize("商会员") == ["商", "商会", "会", "会员", "员"]


def test_latin_words_are_lower_cased_and_digits_are_words():
    assert tokenize("The Chamber, 2026年") == ["the", "chamber", "2026", "年"]


def test_full_width_letters_and_digits_are_made_plain():
    assert tokenize("ＡＢＣ１２") == ["abc12"]


def test_punctuation_and_spaces_split_runs():
    assert tokenize("党建，工作") == ["党", "党建", "建", "工", "工作", "作"]


def test_markup_characters_are_not_tokens():
    assert tokenize('<script>alert("x")</script>') == ["script", "alert", "x", "script"]


def test_short_query_runs_are_single_tokens_and_longer_ones_phrases():
    assert query_phrases("商 商会 chamber") == [["商"], ["商会"], ["chamber"]]
    assert query_phrases("营商环境") == [["营", "营商", "商", "商环", "环", "环境", "境"]]


def test_a_query_of_punctuation_has_no_phrases():
    assert query_phrases(" ，。!? ") == []
