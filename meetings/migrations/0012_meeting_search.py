import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

# Meeting.search is the full-text vector of what the ``q`` filter searches: the
# summary, the evidence sentences, the people's names and the topics. A row trigger
# computes it whenever a meeting is written; statement triggers on mentions,
# attendances and topics (and renames of people and topics) rewrite the meetings they
# touched, so every writer, the admin and SQL included, keeps it right.
SQL = """
CREATE FUNCTION meetings_search_vector(meeting bigint, summary text) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('english', concat_ws(' ', summary,
        (SELECT string_agg(evidence, ' ') FROM meetings_mention WHERE meeting_id = meeting),
        (SELECT string_agg(p.name, ' ') FROM meetings_attendance a
            JOIN meetings_participant p ON p.id = a.participant_id WHERE a.meeting_id = meeting),
        (SELECT string_agg(t.name, ' ') FROM meetings_meetingtopic mt
            JOIN meetings_topic t ON t.id = mt.topic_id WHERE mt.meeting_id = meeting)))
$$;

CREATE FUNCTION meetings_meeting_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search := meetings_search_vector(NEW.id, NEW.summary);
    RETURN NEW;
END $$;
CREATE TRIGGER meeting_search BEFORE INSERT OR UPDATE ON meetings_meeting
    FOR EACH ROW EXECUTE FUNCTION meetings_meeting_search();

CREATE FUNCTION meetings_refresh_search(meetings bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE meetings_meeting SET search = NULL WHERE id = ANY(meetings);  -- the row trigger computes it
$$;

CREATE FUNCTION meetings_parts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM meetings_refresh_search(ARRAY(SELECT DISTINCT meeting_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM meetings_refresh_search(ARRAY(SELECT DISTINCT meeting_id FROM old_rows));
    ELSE
        PERFORM meetings_refresh_search(ARRAY(
            SELECT meeting_id FROM old_rows UNION SELECT meeting_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;
"""

PARTS = ["meetings_mention", "meetings_attendance", "meetings_meetingtopic"]
for table in PARTS:
    SQL += f"""
CREATE TRIGGER {table}_search_inserted AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_parts_changed();
CREATE TRIGGER {table}_search_deleted AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_parts_changed();
CREATE TRIGGER {table}_search_updated AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meetings_parts_changed();
"""

SQL += """
CREATE FUNCTION meetings_participant_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM meetings_refresh_search(ARRAY(SELECT meeting_id FROM meetings_attendance WHERE participant_id = NEW.id));
    RETURN NULL;
END $$;
CREATE TRIGGER participant_renamed AFTER UPDATE OF name ON meetings_participant
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION meetings_participant_renamed();

CREATE FUNCTION meetings_topic_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM meetings_refresh_search(ARRAY(SELECT meeting_id FROM meetings_meetingtopic WHERE topic_id = NEW.id));
    RETURN NULL;
END $$;
CREATE TRIGGER topic_renamed AFTER UPDATE OF name ON meetings_topic
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION meetings_topic_renamed();

UPDATE meetings_meeting SET search = NULL;
"""

UNDO_SQL = (
    "".join(
        f"DROP TRIGGER {table}_search_{event} ON {table};\n"
        for table in PARTS
        for event in ("inserted", "deleted", "updated")
    )
    + """
DROP TRIGGER topic_renamed ON meetings_topic;
DROP FUNCTION meetings_topic_renamed();
DROP TRIGGER participant_renamed ON meetings_participant;
DROP FUNCTION meetings_participant_renamed();
DROP FUNCTION meetings_parts_changed();
DROP FUNCTION meetings_refresh_search(bigint[]);
DROP TRIGGER meeting_search ON meetings_meeting;
DROP FUNCTION meetings_meeting_search();
DROP FUNCTION meetings_search_vector(bigint, text);
"""
)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0011_rollup_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="search",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="Summary, evidence, people and topics; kept by triggers (migration 0010).",
                null=True,
            ),
        ),
        migrations.RunSQL(SQL, UNDO_SQL),
        migrations.AddIndex(
            model_name="meeting",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search"], name="meeting_search_idx"),
        ),
        migrations.AddIndex(
            model_name="participant",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.search.SearchVector("name_key", config="simple"),
                name="participant_name_words_idx",
            ),
        ),
    ]
