"""Server time of a wizard step beside a plain formtools wizard and the step's floor.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cpas_bench
    .venv/bin/python scripts/bench_step.py

In-process (Django's test client: middleware, session, view, template; no network), on
the database of ``DATABASE_URL``, each figure the median of ``ROUNDS`` rounds of
``REQUESTS`` GETs, the four measured in turn in every round so that drift of the
machine's load spreads over all of them. ``scripts/bench.py`` (``make bench``) runs it on
its own database and prints its rows. All four load the database session of a wizard
whose first question is answered, with the same cookie each time:

- "bare": ``/health/live/`` (middleware only, no session read);
- "floor": a view that loads the same database session (Django's plain database
  engine) and renders a small form with its CSRF token: what any form page costs;
- "plain": django-formtools' ``NamedUrlSessionWizardView`` on Django's database sessions,
  with our forms and templates and nothing else (its storage, no policies);
- "step": our wizard's second page (``/fr/request/identification/``), with sessions
  encrypted (``cpasonline.sessions``) and every policy.

Targets (docs/architecture.md's performance notes in the README): step ≤ 1.3 x floor and
≤ 0.7 x plain. The bench-only views and URLs live here, never in the product.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpasonline.settings")

import django

django.setup()

from django import forms  # noqa: E402
from django.conf import settings  # noqa: E402
from django.template import engines  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import path  # noqa: E402
from formtools.wizard.views import NamedUrlSessionWizardView  # noqa: E402

from wizard.steps import STEP_TITLES, STEPS  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_STEP_ROUNDS", 7))
REQUESTS = int(os.environ.get("BENCH_STEP_REQUESTS", 150))
PLAIN_ENGINE = "django.contrib.sessions.backends.db"


class PlainWizard(NamedUrlSessionWizardView):
    """formtools as its documentation shows it: our forms and templates, nothing else."""

    form_list = STEPS[:3]

    def get_template_names(self):
        return [f"wizard/steps/{self.steps.current}.html", "wizard/wizard.html"]

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context["step_title"] = STEP_TITLES[self.steps.current]
        context["timeout"] = {"minutes": 60, "warn": False}  # the first page's notice
        return context

    def done(self, form_list, **kwargs):  # never reached here
        raise NotImplementedError


class SmallForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect, label="A question"
    )


FLOOR_TEMPLATE = engines["django"].from_string(
    '<!DOCTYPE html><html lang="fr"><title>Floor</title><form method="post">'
    "{% csrf_token %}{{ form }}<button>Continue</button></form></html>"
)


def floor(request):
    from django.http import HttpResponse

    request.session.get("wizard_bench_plain_wizard")  # load the database session
    return HttpResponse(FLOOR_TEMPLATE.render({"form": SmallForm()}, request))


from cpasonline import urls as product_urls  # noqa: E402

plain_wizard = PlainWizard.as_view(url_name="bench_plain_step")
urlpatterns = [
    path("bench/plain/<slug:step>/", plain_wizard, name="bench_plain_step"),
    path("bench/floor/", floor),
    *product_urls.urlpatterns,
]


def expect(status: int, response, url: str) -> None:
    if response.status_code != status:
        raise RuntimeError(f"{url} answered {response.status_code}, not {status}")


def answered(client: Client, base: str) -> None:
    """A wizard whose first question is answered, in this client's session."""
    expect(200, client.get(f"{base}eligibility/"), base)
    current = "request_wizard-current_step" if "request" in base else "plain_wizard-current_step"
    response = client.post(
        f"{base}eligibility/",
        {current: "eligibility", "eligibility-already_helped": "no"},
    )
    expect(302, response, base)
    expect(200, client.get(f"{base}identification/"), base)


def timed(client: Client, url: str) -> float:
    """Milliseconds per GET, over REQUESTS GETs."""
    started = time.perf_counter()
    for _ in range(REQUESTS):
        response = client.get(url)
    elapsed = time.perf_counter() - started
    expect(200, response, url)
    return 1000 * elapsed / REQUESTS


def main() -> None:
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        ours = Client()
        answered(ours, "/fr/request/")
        with override_settings(SESSION_ENGINE=PLAIN_ENGINE):
            plain = Client()  # its middleware is built at its first request, plain engine
            answered(plain, "/bench/plain/")
        measures = {
            "bare": (ours, "/health/live/"),
            "floor": (plain, "/bench/floor/"),
            "plain": (plain, "/bench/plain/identification/"),
            "step": (ours, "/fr/request/identification/"),
        }
        times: dict[str, list[float]] = {name: [] for name in measures}
        for _ in range(ROUNDS):
            for name, (client, url) in measures.items():
                times[name].append(timed(client, url))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(
        json.dumps(
            {
                **{name: round(value, 3) for name, value in medians.items()},
                "engine": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
                "session_engine": settings.SESSION_ENGINE,
            }
        )
    )


if __name__ == "__main__":
    main()
