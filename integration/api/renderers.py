from __future__ import annotations

import csv
import io

from rest_framework.renderers import BaseRenderer

from portal.exports import safe_cell


class CSVRenderer(BaseRenderer):
    """``?format=csv``: a list of flat dicts as CSV (UTF-8 with BOM), formula-like cells neutralised."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        if isinstance(data, dict):  # an error
            data = [data]
        buffer = io.StringIO()
        rows = list(data or [])
        if rows:
            writer = csv.writer(buffer)
            header = list(rows[0].keys())
            writer.writerow(header)
            for row in rows:
                writer.writerow([safe_cell(row.get(key)) for key in header])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


class DownloadRenderer(BaseRenderer):
    """For views that answer a finished ``HttpResponse`` file (``portal.exports``): the renderer only
    takes part in ``?format=`` negotiation; error bodies come out as plain ``key: message`` lines."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        lines = [f"{key}: {value}" for key, value in data.items()] if isinstance(data, dict) else [str(data)]
        return "\n".join(lines).encode("utf-8")


class CSVDownloadRenderer(DownloadRenderer):
    media_type = "text/csv"
    format = "csv"


class XLSXDownloadRenderer(DownloadRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
