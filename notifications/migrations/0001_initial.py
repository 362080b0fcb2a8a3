# The app's starting point: mail and webhook migrations each depend on it.
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = []
