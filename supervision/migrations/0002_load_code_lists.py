from django.db import migrations


def load(apps, schema_editor):
    from supervision import reference

    reference.load_thresholds(apps.get_model("supervision", "StaffingThreshold"))
    reference.load_groups(apps.get_model("supervision", "ProfessionalGroup"))
    reference.load_person_day_rules(apps.get_model("supervision", "PersonDayRule"))


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
