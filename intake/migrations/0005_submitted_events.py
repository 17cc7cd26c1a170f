# Every request's history starts with its submission (docs/lifecycle.md): the requests
# submitted before that line was written get it now, at their submission instant.

from django.db import migrations

BACKFILL = """
INSERT INTO intake_requestevent (aid_request_id, at, kind, cpas_id, actor_id, data)
SELECT r.id, r.submitted_at, 'submitted', r.designated_cpas_id, NULL, '{}'
FROM intake_aidrequest r
WHERE NOT EXISTS (
    SELECT 1 FROM intake_requestevent e WHERE e.aid_request_id = r.id AND e.kind = 'submitted'
)
"""


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0004_follow_up_from_backoffice'),
    ]

    operations = [
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
    ]
