"""Extraction as a pipeline of small stages, each a plain function free of Django.

``document``: the model passed from stage to stage (an ``Article`` per parsed Doc, and
the ``Candidate`` meetings assembled from its sentences); ``syntax``: parse-tree helpers.

1. ``text``: the article body without its page furniture (datelines, bylines, credits,
   "Read more" lines, section labels, share buttons), offsets kept into the original;
   ``body``: which tokens of the parsed article stand in that body.
2. Mentions: ``ingest.people`` with ``mentions``: which mentions name the same person.
3. ``events``: which tokens of a sentence are meeting triggers; ``arguments``: who takes
   part in each, with ``references`` for pronouns, group words and 'the meeting';
   ``summits``: sessions and their attendees.
4. Attributes: ``attributes`` (kind, date, place, host) and ``status``: whether the meeting
   a trigger reports was held, is planned, was cancelled or refused, or did not happen at
   all; cues in ``ingest/data/status.json``.
5. ``coreference``: mentions of one meeting across sentences merged, different meetings
   kept apart.
6. ``output``: the ``ExtractedMeeting`` the rest of Parley stores.

``ingest.extract`` walks the sentences and calls the stages in this order.
"""
