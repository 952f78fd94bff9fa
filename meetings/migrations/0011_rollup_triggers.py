from django.db import migrations

# In a migration of its own: the rollups' unique constraints, which the upserts
# below need, are only created when the migration that adds the tables ends.

# Rollup counts kept by triggers: each statement on meetings, attendances, topics of
# meetings, MeetingCountry and MeetingPair adds its rows' counts (minus for removed
# rows) to the rollups in one upsert per rollup, grouped and in key order so that
# concurrent writers lock rows in the same order.
PER_MEETING = [  # (source table, rollup table, key column)
    ("meetings_attendance", "meetings_participantcount", "participant_id"),
    ("meetings_meetingtopic", "meetings_topiccount", "topic_id"),
    ("meetings_meetingcountry", "meetings_countrycount", "country_id"),
]
MONTH = "date_trunc('month', r.date)::date"


def _upsert(rollup, keys, rows, sign, meeting_columns=True):
    """Add ``sign`` for each row of ``rows`` (aliased r) to its count in ``rollup``."""
    grouped = [f"r.{k}" for k in keys]
    columns = list(keys)
    join = ""
    if meeting_columns:
        join = "JOIN meetings_meeting m ON m.id = r.meeting_id"
        grouped += ["m.kind", "m.status"]
        columns += ["kind", "status"]
    n = len(grouped)
    order = ", ".join(str(i + 1) for i in range(n))
    return f"""
        INSERT INTO {rollup} ({", ".join(columns)}, count)
        SELECT {", ".join(grouped)}, {sign} * count(*) FROM {rows} r {join}
        GROUP BY {order} ORDER BY {order}
        ON CONFLICT ({", ".join(columns)}) DO UPDATE SET count = {rollup}.count + excluded.count;"""


def _changed(key):
    """Rows of an update whose meeting or key changed, as (old, new) subqueries."""
    where = f"WHERE (o.meeting_id, o.{key}) IS DISTINCT FROM (n.meeting_id, n.{key})"
    return (
        f"(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id {where})",
        f"(SELECT n.* FROM old_rows o JOIN new_rows n ON n.id = o.id {where})",
    )


def _source_function(source, rollup, keys, meeting_columns=True):
    old, new = _changed(keys[0]) if len(keys) == 1 else ("old_rows", "new_rows")
    return f"""
CREATE FUNCTION {source}_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN {_upsert(rollup, keys, "new_rows", 1, meeting_columns)}
    ELSIF TG_OP = 'DELETE' THEN {_upsert(rollup, keys, "old_rows", -1, meeting_columns)}
    ELSE {_upsert(rollup, keys, old, -1, meeting_columns)} {_upsert(rollup, keys, new, 1, meeting_columns)}
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER {source}_rollup_inserted AFTER INSERT ON {source}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {source}_rollup();
CREATE TRIGGER {source}_rollup_deleted AFTER DELETE ON {source}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {source}_rollup();
CREATE TRIGGER {source}_rollup_updated AFTER UPDATE ON {source}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {source}_rollup();
"""


def _month_upsert(rows, sign):
    return f"""
        INSERT INTO meetings_monthcount (month, kind, status, count)
        SELECT {MONTH}, r.kind, r.status, {sign} * count(*) FROM {rows} r
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (month, kind, status) DO UPDATE SET count = meetings_monthcount.count + excluded.count;"""


def _moved(source, rollup, key):
    """An edit of a meeting's kind or status moves its rows' counts to the new pair."""
    return f"""
        INSERT INTO {rollup} ({key}, kind, status, count)
        SELECT c.{key}, x.kind, x.status, sum(x.sign) FROM (
            SELECT o.id, o.kind, o.status, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.kind, o.status) IS DISTINCT FROM (n.kind, n.status)
            UNION ALL
            SELECT n.id, n.kind, n.status, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.kind, o.status) IS DISTINCT FROM (n.kind, n.status)
        ) x JOIN {source} c ON c.meeting_id = x.id
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT ({key}, kind, status) DO UPDATE SET count = {rollup}.count + excluded.count;"""


MONTH_CHANGED = f"WHERE ({MONTH.replace('r.', 'o.')}, o.kind, o.status) IS DISTINCT FROM ({MONTH.replace('r.', 'n.')}, n.kind, n.status)"
SQL = (
    "".join(_source_function(source, rollup, (key,)) for source, rollup, key in PER_MEETING)
    + _source_function("meetings_meetingpair", "meetings_paircount", ("first_id", "second_id"), meeting_columns=False)
    + f"""
CREATE FUNCTION meetings_meeting_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN {_month_upsert("new_rows", 1)}
    ELSIF TG_OP = 'DELETE' THEN {_month_upsert("old_rows", -1)}
    ELSE {_month_upsert(f"(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id {MONTH_CHANGED})", -1)}
        {_month_upsert(f"(SELECT n.* FROM old_rows o JOIN new_rows n ON n.id = o.id {MONTH_CHANGED})", 1)}
        {"".join(_moved(source, rollup, key) for source, rollup, key in PER_MEETING)}
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER meeting_rollup_inserted AFTER INSERT ON meetings_meeting
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_meeting_rollup();
CREATE TRIGGER meeting_rollup_deleted AFTER DELETE ON meetings_meeting
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_meeting_rollup();
CREATE TRIGGER meeting_rollup_updated AFTER UPDATE ON meetings_meeting
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_meeting_rollup();
"""
    + _month_upsert("meetings_meeting", 1)
    + "".join(_upsert(rollup, (key,), source, 1) for source, rollup, key in PER_MEETING)
    + _upsert("meetings_paircount", ("first_id", "second_id"), "meetings_meetingpair", 1, meeting_columns=False)
)

UNDO_SQL = (
    "".join(
        f"DROP TRIGGER {source}_rollup_{event} ON {source};"
        for source in [s for s, _, _ in PER_MEETING] + ["meetings_meetingpair"]
        for event in ("inserted", "deleted", "updated")
    )
    + "".join(f"DROP FUNCTION {source}_rollup();" for source in [s for s, _, _ in PER_MEETING] + ["meetings_meetingpair"])
    + "".join(f"DROP TRIGGER meeting_rollup_{event} ON meetings_meeting;" for event in ("inserted", "deleted", "updated"))
    + "DROP FUNCTION meetings_meeting_rollup();"
)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0010_rollups")]

    operations = [migrations.RunSQL(SQL, UNDO_SQL)]
