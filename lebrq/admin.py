"""The admin site's branding: the venue desk staff run the day from (issue 14)."""

from django.contrib import admin

SITE_HEADER = "LeBrq — venue desk"

admin.site.site_header = SITE_HEADER
admin.site.site_title = "LeBrq venue desk"
admin.site.index_title = "Today's desk"
