from __future__ import annotations

from rest_framework import serializers

from knowledge_mgmt.models import Indicator, Target
from portal.models import Organisation


class IndicatorSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    numerator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    denominator = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "value_type",
            "decimals",
            "direction",
            "source",
            "source_url",
            "licence",
            "public",
            "themes",
            "obtained",
            "computation",
            "numerator",
            "denominator",
            "breakdown_label",
            "periodicity",
            "first_year",
            "last_year",
            "sotkanet_id",
            "source_data_updated",
            "updated_at",
        ]
        read_only_fields = fields


class TargetSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    organisation = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all())

    class Meta:
        model = Target
        fields = ["id", "indicator", "organisation", "year", "value", "note"]


class ReportRequestSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    language = serializers.ChoiceField(choices=[("fi", "fi"), ("sv", "sv")], default="fi")
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)


class JobStartedSerializer(serializers.Serializer):
    job = serializers.IntegerField()
    status_url = serializers.CharField()
    download_url = serializers.CharField()
