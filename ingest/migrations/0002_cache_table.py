"""The table of the database cache (settings.CACHES when no PARLEY_CACHE_URL is set),
where the throttles of every web process count: created with the schema, so that a
fresh database, the test database included, has it."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("ingest", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
