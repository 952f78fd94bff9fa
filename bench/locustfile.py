"""What bench/load.py sends: an analyst browsing the dashboard and a script using the API."""

import random

from locust import HttpUser, between, task

PEOPLE = ["vladimir-putin", "xi-jinping", "joe-biden", "narendra-modi", "recep-tayyip-erdogan"]
TOPICS = ["trade", "security", "energy", "war-in-ukraine", "terrorism"]


class Analyst(HttpUser):
    wait_time = between(0.1, 0.5)

    @task(3)
    def dashboard(self):
        self.client.get("/", name="/")

    @task(2)
    def filtered_dashboard(self):
        self.client.get(f"/?topic={random.choice(TOPICS)}", name="/?topic=")

    @task(2)
    def meetings_api(self):
        self.client.get("/api/meetings/?page_size=50", name="/api/meetings/")

    @task(2)
    def stats(self):
        kind = random.choice(["summary", "over-time", "top-participants", "top-topics", "network"])
        self.client.get(f"/api/stats/{kind}/", name="/api/stats/*")

    @task(1)
    def person(self):
        with self.client.get(f"/people/{random.choice(PEOPLE)}/", name="/people/*", catch_response=True) as r:
            if r.status_code == 404:
                r.success()  # not every demo set has every leader

    @task(1)
    def health(self):
        self.client.get("/health/", name="/health/")
