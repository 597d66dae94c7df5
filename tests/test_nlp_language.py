"""The language gate of enrichment (``reads_as_english``) on scripts whose words are
not all letters: Bengali or Hindi vowel signs are combining marks, so spaCy does not
call such words ``is_alpha``; they must still count as words of another language."""

from __future__ import annotations

import pytest

from dateline.enrich.nlp import NlpModel, reads_as_english

BENGALI = (
    "বাংলাদেশের রাজধানী ঢাকায় আজ সকালে একটি বড় সমাবেশ অনুষ্ঠিত হয়েছে। সরকারের মন্ত্রীরা "
    "সেখানে বক্তৃতা দিয়েছেন এবং জনগণের সঙ্গে কথা বলেছেন। শহরের রাস্তায় অনেক মানুষ জড়ো "
    "হয়েছিল এবং পুলিশ নিরাপত্তা ব্যবস্থা জোরদার করেছিল। "
) * 3
HINDI = (
    "भारत की राजधानी दिल्ली में आज सुबह एक बड़ी बैठक हुई। सरकार के मंत्रियों ने वहां भाषण "
    "दिया और लोगों से बात की। शहर की सड़कों पर बहुत लोग जमा हुए और पुलिस ने सुरक्षा बढ़ा दी। "
) * 3


@pytest.mark.parametrize("text", [BENGALI, HINDI], ids=["bengali", "hindi"])
def test_text_in_an_abugida_is_not_english(text: str) -> None:
    doc = NlpModel.shared().nlp.tokenizer(text)
    # most of its words are not is_alpha: the gate must count them anyway
    assert sum(not t.is_alpha for t in doc if not t.is_punct) > len(doc) // 3
    assert reads_as_english(doc) is False


def test_english_stays_english() -> None:
    text = "The minister said on Monday that the talks in Dhaka would go on next week. " * 4
    assert reads_as_english(NlpModel.shared().nlp.tokenizer(text)) is True
