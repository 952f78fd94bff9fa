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


def test_the_sentence_of_a_token_is_the_one_the_parse_gives(article):
    a = article("Petro landed in Quito on Friday. He met President Daniel Noboa at the palace. They spoke of trade.")
    for token in a.doc:
        assert a.sentence_of(token).start == token.sent.start
        assert a.sents[a.sentence_index[token.i]].start <= token.i < a.sents[a.sentence_index[token.i]].end
    assert a.sentence_starting_at(a.sents[1].start) == 1
    assert a.sentence_starting_at(a.sents[1].start + 1) is None


def test_acronyms_are_marked_in_capitals_only_and_phrases_in_any_case(nlp):
    from ingest.nlp import TOPICS_KEY, parse

    (doc,) = parse(nlp, ["The EU and the eu envoy met at the United Nations to discuss climate change."])
    marked = {(s.text, s.label_) for s in doc.spans[TOPICS_KEY]}
    assert ("EU", "ORGANISATION") in marked and ("eu", "ORGANISATION") not in marked
    assert ("United Nations", "ORGANISATION") in marked
    assert [s.start for s in doc.spans[TOPICS_KEY]] == sorted(s.start for s in doc.spans[TOPICS_KEY])
