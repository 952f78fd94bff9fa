"""Load every country from ISO 3166-1, named as news names them."""

from django.db import migrations
from django.utils.text import slugify


def load_countries(apps, schema_editor):
    from meetings.countries import all_countries

    Country = apps.get_model("meetings", "Country")
    existing = set(Country.objects.values_list("iso2", flat=True))
    Country.objects.bulk_create(
        Country(iso2=iso2, iso3=iso3, name=name, slug=slugify(name))
        for iso2, iso3, name in all_countries()
        if iso2 not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(load_countries, migrations.RunPython.noop)]
