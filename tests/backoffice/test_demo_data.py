import io

import pytest
from django.core.management import call_command

from backoffice.access import requests_visible_to
from backoffice.models import User

pytestmark = pytest.mark.django_db


def test_demo_data_fills_the_demo_inbox_once(settings):
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())
    demo = User.objects.get(username="demo")
    assert requests_visible_to(demo).count() == 5
