"""The people rules applied to a stored database: suspected duplicates for a curator,
and the merges and countries the current rules decide, without re-ingesting."""

from dataclasses import dataclass

from ingest.services import stored_official
from meetings.models import Country, Participant
from meetings.names import same_person
from meetings.services import participant_merge


@dataclass
class Pair:
    kept: Participant
    other: Participant

    def __str__(self):
        return f"{_label(self.kept)}  <->  {_label(self.other)}"


def _label(p: Participant) -> str:
    country = p.country.iso2 if p.country_id else "-"
    return f"{p.name} ({country}, {p.meeting_count} meetings, #{p.pk})"


def _by_surname() -> dict[str, list[Participant]]:
    """People grouped by surname, most meetings first, in one query."""
    groups: dict[str, list[Participant]] = {}
    people = Participant.objects.with_meeting_counts().select_related("country").order_by("-meeting_count", "pk")
    for p in people:
        groups.setdefault(p.surname_key, []).append(p)
    return groups


def suspected_duplicates() -> list[Pair]:
    """Different records with the same surname and compatible first names (or one
    without a first name): what a curator should look at."""
    pairs = []
    for group in _by_surname().values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if same_person(tuple(a.name_key.split()), tuple(b.name_key.split())):
                    pairs.append(Pair(a, b))
    return pairs


def one_person(a: Participant, b: Participant) -> bool:
    """Two records the current rules take for one person: the same known office holder,
    or the same full name (whatever country was guessed for each)."""
    official = stored_official(a)
    if official is not None or stored_official(b) is not None:
        return official is stored_official(b)
    return a.name_key == b.name_key and len(a.name_key.split()) > 1


def people_merges() -> list[Pair]:
    """The records to fold into another, the one with most meetings kept."""
    merges = []
    for group in _by_surname().values():
        merged = set()
        for i, a in enumerate(group):
            if a.pk in merged:
                continue
            for b in group[i + 1 :]:
                if b.pk not in merged and one_person(a, b):
                    merges.append(Pair(a, b))
                    merged.add(b.pk)
    return merges


def country_fixes() -> list[tuple[Participant, Country | None]]:
    """Known office holders stored with another country than theirs. Those who also
    held an international office are left alone: their country depends on the date."""
    countries = Country.objects.in_bulk(field_name="iso2")
    fixes = []
    for p in Participant.objects.select_related("country").order_by("pk"):
        official = stored_official(p)
        if official is not None and official.country and not any(o.organisation for o in official.offices):
            want = countries.get(official.country)
            if want is not None and want.pk != p.country_id:
                fixes.append((p, want))
    return fixes


def reapply(dry_run: bool = False) -> tuple[list[Pair], list[tuple[Participant, Country | None]]]:
    """Merge the records that are one person, then give known office holders their
    country. Running it again finds nothing more to do."""
    merges = people_merges()
    if not dry_run:
        for pair in merges:
            participant_merge(target=pair.kept, others=[pair.other])
    fixes = country_fixes()
    if not dry_run:
        for person, country in fixes:
            Participant.objects.filter(pk=person.pk).update(country=country)
    return merges, fixes
