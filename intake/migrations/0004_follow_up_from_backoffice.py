# The follow-up records come from backoffice 0004, over the tables it renamed: their
# creation here is in the state only (docs/architecture.md).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0003_aid_request_open_covering'),
        ('routing', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('backoffice', '0004_follow_up_moves_to_intake'),
    ]

    operations = [
        migrations.AlterField(
            model_name='aidrequest',
            name='state',
            field=models.CharField(choices=[('new', 'New (unread)'), ('read', 'Read'), ('registered', 'Registered'), ('decided', 'Decided')], default='new', max_length=12, verbose_name='state'),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='MeritsDecision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('outcome', models.CharField(choices=[('granted', 'Granted'), ('refused', 'Refused'), ('other', 'Other (withdrawn, no follow-up…)')], max_length=10, verbose_name='decision')),
                        ('decided_on', models.DateField(verbose_name='decided on')),
                        ('recorded_at', models.DateTimeField(verbose_name='recorded at')),
                        ('aid_request', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='merits_decision', to='intake.aidrequest')),
                        ('cpas', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='routing.cpas', verbose_name='CPAS')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                    ],
                    options={
                        'verbose_name': 'decision on the merits',
                        'verbose_name_plural': 'decisions on the merits',
                    },
                ),
                migrations.CreateModel(
                    name='RequestEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(verbose_name='at')),
                        ('kind', models.CharField(choices=[('submitted', 'Submitted online'), ('alert_sent', 'CPAS alerted by email'), ('read', 'Read'), ('registered', 'Registered'), ('competent', 'Declared competent'), ('transferred', 'Transferred'), ('decided', 'Decision on the merits'), ('retrieved', 'Retrieved by the social software')], max_length=20, verbose_name='event')),
                        ('data', models.JSONField(blank=True, default=dict)),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                        ('aid_request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='intake.aidrequest')),
                        ('cpas', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='routing.cpas', verbose_name='CPAS')),
                    ],
                    options={
                        'verbose_name': 'history event',
                        'verbose_name_plural': 'history events',
                        'ordering': ['at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CompetenceDecision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('competent', models.BooleanField(verbose_name='competent')),
                        ('notified_on', models.DateField(blank=True, null=True, verbose_name='applicant notified on')),
                        ('decided_at', models.DateTimeField(verbose_name='recorded at')),
                        ('aid_request', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='competence_decisions', to='intake.aidrequest')),
                        ('cpas', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='routing.cpas', verbose_name='CPAS')),
                        ('decided_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                        ('transferred_to', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='routing.cpas', verbose_name='transferred to')),
                    ],
                    options={
                        'verbose_name': 'competence decision',
                        'verbose_name_plural': 'competence decisions',
                        'indexes': [models.Index(condition=models.Q(('competent', False)), fields=['cpas', 'aid_request'], name='competence_decision_transfer')],
                        'constraints': [models.UniqueConstraint(fields=('aid_request', 'cpas'), name='competence_decision_once_per_cpas'), models.CheckConstraint(condition=models.Q(models.Q(('competent', True), ('transferred_to__isnull', True)), models.Q(('competent', False), ('transferred_to__isnull', False)), _connector='OR'), name='competence_decision_transfer_iff_not_competent')],
                    },
                ),
                migrations.CreateModel(
                    name='ReadMark',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('read_at', models.DateTimeField(verbose_name='read at')),
                        ('aid_request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='read_marks', to='intake.aidrequest')),
                        ('cpas', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='routing.cpas', verbose_name='CPAS')),
                        ('read_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='read by')),
                    ],
                    options={
                        'verbose_name': 'read mark',
                        'verbose_name_plural': 'read marks',
                        'constraints': [models.UniqueConstraint(fields=('aid_request', 'cpas'), name='read_mark_once_per_cpas')],
                    },
                ),
                migrations.CreateModel(
                    name='RegisterCounter',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField()),
                        ('last_number', models.PositiveIntegerField(default=0)),
                        ('cpas', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='routing.cpas')),
                    ],
                    options={
                        'constraints': [models.UniqueConstraint(fields=('cpas', 'year'), name='register_counter_per_year')],
                    },
                ),
                migrations.CreateModel(
                    name='RegisterEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('number', models.PositiveIntegerField(verbose_name='register number')),
                        ('reception_date', models.DateField(verbose_name='reception date')),
                        ('registered_at', models.DateTimeField(verbose_name='registered at')),
                        ('aid_request', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='register_entries', to='intake.aidrequest')),
                        ('cpas', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='routing.cpas', verbose_name='CPAS')),
                        ('registered_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='registered by')),
                    ],
                    options={
                        'verbose_name': 'register entry',
                        'verbose_name_plural': 'register entries',
                        'ordering': ['cpas', 'year', 'number'],
                        'constraints': [models.UniqueConstraint(fields=('cpas', 'year', 'number'), name='register_number_unique'), models.UniqueConstraint(fields=('cpas', 'aid_request'), name='register_once_per_cpas')],
                    },
                ),
            ],
        ),
    ]
