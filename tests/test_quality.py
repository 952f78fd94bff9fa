"""Extraction quality held at the figures the project promises, scored by the shared
scorer: the five seed articles and Parley's own gold set."""

import importlib.util
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

SHARED = settings.BASE_DIR.parent / "shared"
DEMO = settings.BASE_DIR / "ingest" / "data" / "demo"


def scorer():
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.fail(f"{path} is missing: the shared evaluation files must sit beside the repo")
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_extract(articles: Path, tmp_path: Path) -> list[dict]:
    out = tmp_path / "pred.jsonl"
    call_command("extract", input=articles, output=out)
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_seed_articles(tmp_path):
    score = scorer()
    pred = run_extract(SHARED / "seeds" / "articles.jsonl", tmp_path)
    summary, details = score.score(score.read_jsonl(SHARED / "eval" / "seeds-gold.jsonl"), pred)
    report = "\n".join(details)
    assert summary["f1"] == 1.0, report
    assert summary["date_acc"] >= 6 / 7, report
    assert summary["location_acc"] == 1.0, report
    assert summary["kind_acc"] == 1.0 and summary["status_acc"] == 1.0, report
    assert summary["topic_recall"] >= 0.6, report


def test_own_gold_set(tmp_path):
    score = scorer()
    gold = score.read_jsonl(DEMO / "gold.jsonl")
    assert len(gold) >= 30
    pred = run_extract(DEMO / "articles.jsonl", tmp_path)
    summary, details = score.score(gold, pred)
    assert summary["f1"] >= 0.9, "\n".join(details)


def test_extract_output_has_the_documented_fields(tmp_path):
    pred = run_extract(SHARED / "seeds" / "articles.jsonl", tmp_path)
    meeting = pred[0]["meetings"][0]
    assert set(meeting) >= {
        "participants", "date", "date_precision", "date_reason", "location",
        "location_reason", "kind", "status", "host", "topics", "evidence", "confidence",
    }  # fmt: skip
    assert set(meeting["participants"][0]) >= {"name", "role", "country"}


# Floors a little under today's dev-set figures (score.py, 60 articles, 204 meetings):
# F1 0.484, P 0.607, date 0.738, location 0.493, kind 0.683, status 0.963, country 0.621.
# They catch a regression; the aims (F1 and precision 0.85, ...) are far above.
DEV_FLOORS = {
    "f1": 0.86,
    "precision": 0.92,
    "date_acc": 0.93,
    "location_acc": 0.88,
    "kind_acc": 0.93,
    "status_acc": 0.97,
    "country_acc": 0.96,
}


def test_development_set_holds_its_floors(tmp_path):
    score = scorer()
    pred = run_extract(SHARED / "eval" / "dev" / "articles.jsonl", tmp_path)
    summary, _ = score.score(score.read_jsonl(SHARED / "eval" / "dev" / "gold.jsonl"), pred)
    below = {name: summary[name] for name, floor in DEV_FLOORS.items() if summary[name] < floor}
    assert not below, f"below the floors: {below}; all: {summary}"
