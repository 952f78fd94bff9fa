"""The document model the extraction stages share (``ingest/extraction/document.py``)
and its parse-tree helpers (``ingest/extraction/syntax.py``), on sentences written
for these tests. No database is touched."""

from datetime import date

from ingest.extraction import syntax


def test_an_article_without_a_publication_date_counts_from_its_dateline(article):
    a = article(
        "NAIROBI, March 4, 2024 - Kenyan President William Ruto hosted Ugandan President Yoweri Museveni.", None
    )
    assert a.published == date(2024, 3, 4)
    assert {p.name for p in a.people.persons} == {"William Ruto", "Yoweri Museveni"}
    assert a.meetings == [] and a.context == []


def test_entities_of_a_sentence_and_the_people_in_focus(article):
    a = article("Ruto flew to Kampala on Monday. Kenyan President William Ruto met Ugandan President Yoweri Museveni.")
    first, second = a.sents
    assert {e.text for e in a.ents_in(first)} >= {"Kampala", "Monday"}
    assert all(e.start >= second.start for e in a.ents_in(second))
    people = list(a.people.persons)
    a.remember(people[:1])
    assert a.context == []  # one person is no meeting's company
    a.remember(people)
    assert a.context == people


def test_conjuncts_and_the_clause_of_a_trigger(article):
    a = article("Kenyan President William Ruto, who spoke by phone on May 12, met Yoweri Museveni and Paul Kagame.")
    met = next(t for t in a.doc if t.lower_ == "met")
    clause = {t.lower_ for t in syntax.clause_of(met)}
    assert "met" in clause and "phone" not in clause  # the relative clause is another event
    obj = next(t for t in met.children if t.dep_ == "dobj")
    assert {t.text for t in syntax.with_conjuncts(obj)} >= {"Museveni", "Kagame"}
