import hashlib

import factory
from django.utils.text import slugify

from meetings import models


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Participant

    name = factory.Sequence(lambda n: f"Person Number{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    country = factory.LazyFunction(lambda: models.Country.objects.get(iso2="FR"))
    role = "Minister"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Topic

    name = factory.Sequence(lambda n: f"topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Location

    name = factory.Sequence(lambda n: f"City {n}")
    country = factory.LazyFunction(lambda: models.Country.objects.get(iso2="FR"))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Article

    url = factory.Sequence(lambda n: f"https://news.example.org/{n}")
    title = factory.Sequence(lambda n: f"Leaders meet, part {n}")
    text = factory.Sequence(lambda n: f"Two leaders met for the {n}th time.")
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Meeting

    date = factory.Faker("date_between", start_date="-5y", end_date="today")
    location = factory.SubFactory(LocationFactory)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Attendance

    meeting = factory.SubFactory(MeetingFactory)
    participant = factory.SubFactory(ParticipantFactory)
