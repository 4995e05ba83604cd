from django.utils import translation

from couplespace.languages import Text, in_reader_language, reader_language

TITLE = {"en": "Why security matters", "zh-hans": "为什么安全感重要"}


def test_a_text_is_read_in_the_language_of_the_page():
    with translation.override("zh-hans"):
        assert (in_reader_language(TITLE), str(Text(TITLE))) == ("为什么安全感重要",) * 2
    with translation.override("en"):
        assert (in_reader_language(TITLE), str(Text(TITLE))) == ("Why security matters",) * 2


def test_a_language_we_do_not_speak_reads_the_default_one():
    with translation.override("fr"):
        assert (reader_language(), in_reader_language(TITLE)) == ("en", "Why security matters")


def test_a_text_missing_in_the_readers_language_falls_back_to_the_default_one():
    with translation.override("zh-hans"):
        assert in_reader_language({"en": "Only in English"}) == "Only in English"
        assert in_reader_language({}) == ""
