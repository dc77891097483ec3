"""Copies and near-copies of a report (store/copies.py): their events merge whatever their dates,
and the event counts documents and outlets honestly. Texts and names are invented."""

from __future__ import annotations

from _store_records import event, record, state
from sqlalchemy import select

from sagwan.store import open_store
from sagwan.store.copies import signature, similarity
from sagwan.store.schema import document_fingerprints, events

BODY = ("북한과 러시아는 지난주 평양에서 새 군사 협력 협정을 맺었다고 가상통신이 전했다. "
        "양측 대표단은 이틀 동안 회담하며 포탄과 위성 기술의 이전 문제를 논의한 것으로 알려졌다. "
        "회담에 참석한 한 관계자는 협정문이 아직 공개되지 않았다고 밝혔다. "
        "중국 외교부는 이 문제에 대해 논평하지 않았으며 일본 정부는 깊은 우려를 표명했다. "
        "전문가들은 이번 협정이 지역 안보 질서에 장기적인 영향을 줄 수 있다고 분석했다.")
OTHER = ("러시아 국방장관이 평양을 방문해 북한 지도부와 회담했다고 다른통신이 보도했다. "
         "방문 일정은 사흘이며 양국은 합동 훈련 계획을 검토할 예정이라고 통신은 덧붙였다. "
         "서울의 한 연구원은 이 방문이 두 나라 관계의 변화를 보여 준다고 평가했다. "
         "미국 국무부 대변인은 관련 보도를 주시하고 있다고 말했다.")


def _report(doc_id: str, text: str, date: str | None, **kw) -> dict:
    return record(doc_id, text=text, actors=[state("PRK", "북한", 0), state("RUS", "러시아", 4)],
                  events=[event("e1", "AGREE", ["PRK", "RUS"], [], date, sentence=(0, 40)),
                          event("e2", "CONSULT", ["PRK", "RUS"], [], None, sentence=(41, 90))], **kw)


def _chronicle(s) -> list[tuple]:
    with s.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(events.c.type, events.c.date, events.c.n_documents,
                                                      events.c.n_outlets).order_by(events.c.type, events.c.date))]


def test_near_copies_are_recognised_and_other_texts_are_not():
    original = signature(BODY)
    assert similarity(original, signature(BODY + "\n이 기사는 재배포된 사본입니다.")) >= 0.8
    assert similarity(original, signature(BODY.replace("이틀", "사흘"))) >= 0.8      # one word edited
    assert similarity(original, signature(OTHER)) < 0.3
    assert signature("짧은 기사.") is None       # too short to tell a copy from a common phrase


def test_copies_merge_whatever_their_dates_and_count_outlets_once(db_url):
    copies = [_report("a", BODY, "2024-06", outlet=None),
              _report("b", BODY + "\n재배포.", None),                          # the copy's coder found no date
              _report("c", BODY + "\n다른 줄.", "2024-06-20", outlet="Wire B")]  # another outlet's copy
    with open_store(db_url) as s:
        s.add_records(copies)
        assert _chronicle(s) == [("AGREE", "2024-06-20", 3, 2), ("CONSULT", None, 3, 2)]
        with s.engine.connect() as conn:
            assert len({r[0] for r in conn.execute(select(document_fingerprints.c.cluster))}) == 1


def test_a_different_report_of_the_same_dyad_stays_apart(db_url):
    with open_store(db_url) as s:
        s.add_records([_report("a", BODY, None), _report("z", OTHER, None)])
        assert _chronicle(s) == [("AGREE", None, 1, 1), ("AGREE", None, 1, 1),
                                 ("CONSULT", None, 1, 1), ("CONSULT", None, 1, 1)]


def test_the_grouping_does_not_depend_on_arrival_order(db_url, tmp_path):
    recs = [_report("a", BODY, "2024-06"), _report("b", BODY + "\n사본.", None), _report("z", OTHER, "2024-06-03"),
            _report("c", BODY + "\n또 다른 사본.", "2024-05")]
    with open_store(db_url) as s:
        s.add_records(recs)
        forward = _chronicle(s)
    with open_store(str(tmp_path / "reverse.db")) as s:
        s.add_records(list(reversed(recs)))
        assert _chronicle(s) == forward
    # a, b, c are copies (one outlet: none is named); z's reports stay their own, its dated
    # agreement too: the copies' dates (2024-06, 2024-05) do not all contain it
    assert forward == [("AGREE", "2024-06", 3, 1), ("AGREE", "2024-06-03", 1, 1),
                       ("CONSULT", None, 1, 1), ("CONSULT", None, 3, 1)]
