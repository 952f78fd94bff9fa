"""Curator actions on the meeting record; each is one atomic write."""

from django.db import transaction

from meetings.models import Attendance, Participant


@transaction.atomic
def participant_merge(*, target: Participant, others: list[Participant]) -> Participant:
    """Fold ``others`` into ``target``: their attendances, names and missing details.

    Where both attended the same meeting, the target's attendance stays and takes
    the other's role or side if it had none.
    """
    others = [p for p in others if p.pk != target.pk]
    if not others:
        return target
    aliases = set(target.aliases)
    for other in Participant.objects.select_for_update().filter(pk__in=[p.pk for p in others]):
        for attendance in Attendance.objects.filter(participant=other):
            kept = Attendance.objects.filter(meeting_id=attendance.meeting_id, participant=target).first()
            if kept is None:
                attendance.participant = target
                attendance.save(update_fields=["participant"])
                continue
            kept.role = kept.role or attendance.role
            kept.side = kept.side or attendance.side
            kept.save(update_fields=["role", "side"])
            attendance.delete()
        aliases.update(other.aliases)
        aliases.add(other.name.lower())
        target.country = target.country or other.country
        target.role = target.role or other.role
        other.delete()
    aliases.discard(target.name.lower())
    target.aliases = sorted(aliases)
    target.save(update_fields=["aliases", "country", "role"])
    return target
