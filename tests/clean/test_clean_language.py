from __future__ import annotations

import pytest

from sagwan.clean.language import detect_language


@pytest.mark.parametrize(("text", "code"), [
    ("태국 외교부는 협상을 재개한다고 밝혔다.", "ko"),
    ("VOA와 CNN 등 외신은 태국 정부 발표를 보도했다.", "ko"),
    ("Thailand said it would reopen border talks with Cambodia.", "en"),
    ("タイ政府はカンボジアとの国境交渉を再開すると発表した。", "ja"),
    ("泰国政府宣布将恢复与柬埔寨的边界谈判。", "zh"),
    ("Таиланд заявил, что возобновит переговоры с Камбоджей.", "ru"),
])
def test_language_codes(text, code):
    assert detect_language(text) == code


def test_no_letters_no_language():
    assert detect_language("2024 — 3.5% / 12:00") is None
