from rest_framework import serializers

from uploads.links import media_url
from uploads.models import MediaFile


class MediaFileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = MediaFile
        fields = ["id", "kind", "url", "size", "sha256", "content_type", "original_name", "created_at"]
        read_only_fields = fields

    def get_url(self, media) -> str:
        return self.context["request"].build_absolute_uri(media_url(media))


# Shapes for the OpenAPI schema; the bytes themselves are parsed by the upload handlers.
class FileUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class FilesUploadSerializer(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), max_length=10)


class MediaFileListSerializer(serializers.Serializer):
    items = MediaFileSerializer(many=True)
