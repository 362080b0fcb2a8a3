"""The project's URLconf plus two routes the memory guard has never heard of: one view that
declares it streams its body, one that does not."""

from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

import lebrq.urls


class BodyLengthView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    def post(self, request):
        return Response({"read": len(request.body)})


class StreamingBodyLengthView(BodyLengthView):
    streams_request_body = True

    def post(self, request):
        return Response({"declared": int(request.META["CONTENT_LENGTH"])})


urlpatterns = [
    path("api/somewhere/new-upload", StreamingBodyLengthView.as_view()),
    path("api/uploads/not-streaming", BodyLengthView.as_view()),
    *lebrq.urls.urlpatterns,
]
