# The follow-up records belong to the request core (docs/architecture.md): their tables
# are renamed to intake_*, then the models leave this app's state; intake 0004 takes
# them into its state over the same tables. No row is copied.

from django.db import migrations

MOVED = [
    "competencedecision",
    "meritsdecision",
    "readmark",
    "registercounter",
    "registerentry",
    "requestevent",
]


class Migration(migrations.Migration):

    dependencies = [
        ('backoffice', '0003_competence_decision_transfer_index'),
    ]

    operations = [
        *(migrations.AlterModelTable(name=name, table=f"intake_{name}") for name in MOVED),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='meritsdecision',
                    name='aid_request',
                ),
                migrations.RemoveField(
                    model_name='meritsdecision',
                    name='cpas',
                ),
                migrations.RemoveField(
                    model_name='meritsdecision',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='readmark',
                    name='aid_request',
                ),
                migrations.RemoveField(
                    model_name='readmark',
                    name='cpas',
                ),
                migrations.RemoveField(
                    model_name='readmark',
                    name='read_by',
                ),
                migrations.RemoveField(
                    model_name='registercounter',
                    name='cpas',
                ),
                migrations.RemoveField(
                    model_name='registerentry',
                    name='aid_request',
                ),
                migrations.RemoveField(
                    model_name='registerentry',
                    name='cpas',
                ),
                migrations.RemoveField(
                    model_name='registerentry',
                    name='registered_by',
                ),
                migrations.RemoveField(
                    model_name='requestevent',
                    name='actor',
                ),
                migrations.RemoveField(
                    model_name='requestevent',
                    name='aid_request',
                ),
                migrations.RemoveField(
                    model_name='requestevent',
                    name='cpas',
                ),
                migrations.DeleteModel(
                    name='CompetenceDecision',
                ),
                migrations.DeleteModel(
                    name='MeritsDecision',
                ),
                migrations.DeleteModel(
                    name='ReadMark',
                ),
                migrations.DeleteModel(
                    name='RegisterCounter',
                ),
                migrations.DeleteModel(
                    name='RegisterEntry',
                ),
                migrations.DeleteModel(
                    name='RequestEvent',
                ),
            ],
        ),
    ]
