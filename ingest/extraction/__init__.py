"""Extraction as a pipeline of small stages, each a plain function free of Django.

1. ``text``: the article body without its page furniture (datelines, bylines, credits,
   "Read more" lines, section labels, share buttons), offsets kept into the original.

``status``, an attribute stage: whether the meeting a trigger reports was held, is planned,
was cancelled or refused, or did not happen at all; cues in ``ingest/data/status.json``.
"""
