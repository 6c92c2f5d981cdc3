from django.contrib import admin

from digital_services import models

for model in (
    models.DigitalService,
    models.ServiceFeature,
    models.ServiceChannel,
    models.Rollout,
    models.MonthlyFigure,
    models.OfflineRate,
    models.AgeStructure,
    models.ServicePath,
    models.PathStep,
    models.StepChange,
    models.Pilot,
    models.GuidanceContact,
    models.ChatIntent,
    models.ChatDailyStat,
    models.CounsellingSegment,
    models.SegmentHistory,
    models.CounsellingChannel,
    models.SystemRequirement,
):
    admin.site.register(model)
