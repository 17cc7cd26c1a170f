# Every request is in its CPAS's register from its reception (docs/register.md): the
# requests that nobody had registered by a click are entered now, per CPAS and year of R
# in the order of reception, after the numbers already given, and marked late (entered
# after the day of reception). The "registered" state is no longer given: those
# requests had been opened to be registered, so they are "read" (or "new" without a read
# mark). Nothing else of the requests changes.

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    AidRequest = apps.get_model("intake", "AidRequest")
    ReadMark = apps.get_model("intake", "ReadMark")
    RegisterCounter = apps.get_model("intake", "RegisterCounter")
    RegisterEntry = apps.get_model("intake", "RegisterEntry")
    RequestEvent = apps.get_model("intake", "RequestEvent")

    read = ReadMark.objects.values("aid_request_id")
    AidRequest.objects.filter(state="registered", pk__in=read).update(state="read")
    AidRequest.objects.filter(state="registered").update(state="new")

    now = timezone.now()
    today = timezone.localdate(now)
    counters = {(c.cpas_id, c.year): c for c in RegisterCounter.objects.all()}
    entered = set(RegisterEntry.objects.values_list("aid_request_id", "cpas_id"))
    entries, events = [], []
    unregistered = AidRequest.objects.order_by("cpas_id", "reception_date", "submitted_at", "pk")
    for row in unregistered.values_list("pk", "cpas_id", "reception_date").iterator(chunk_size=2000):
        pk, cpas_id, reception = row
        if (pk, cpas_id) in entered:
            continue
        key = (cpas_id, reception.year)
        if key not in counters:
            counters[key] = RegisterCounter.objects.create(
                cpas_id=cpas_id, year=reception.year, last_number=0
            )
        counter = counters[key]
        counter.last_number += 1
        late = today > reception
        entries.append(
            RegisterEntry(
                cpas_id=cpas_id,
                year=reception.year,
                number=counter.last_number,
                aid_request_id=pk,
                reception_date=reception,
                channel="online",
                registered_at=now,
                late=late,
            )
        )
        events.append(
            RequestEvent(
                aid_request_id=pk,
                at=now,
                kind="registered",
                cpas_id=cpas_id,
                data={"number": counter.last_number, "year": reception.year, "late": late},
            )
        )
    RegisterEntry.objects.bulk_create(entries, batch_size=2000)
    RequestEvent.objects.bulk_create(events, batch_size=2000)
    for counter in counters.values():
        counter.save(update_fields=["last_number"])


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0007_register_links_transfers"),
    ]

    operations = [
        migrations.RunPython(forwards, reverse_code=migrations.RunPython.noop),
    ]
