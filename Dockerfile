# Production image: gunicorn for web, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# WeasyPrint needs Pango; gettext compiles the message catalogues.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml requirements.lock ./
RUN pip install -c requirements.lock .
COPY . .
# collectstatic and compilemessages need settings but no database or real secret.
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv -v0 \
    && DEBUG=1 STATIC_MANIFEST=1 STATIC_ROOT=/app/staticfiles python manage.py collectstatic --noinput -v0 \
    && useradd --system --home /app portal && mkdir -p /app/var/media && chown -R portal /app/var
USER portal
ENV STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/app/var/media
EXPOSE 8000
# --timeout 60: no import, conversion or report runs in a request any more (they are jobs, issue 11),
# so the slowest request is an upload stored untouched (50 MB limit) or a large CSV/XLSX list
# export; 60 s covers those on a slow link, and a request that still hangs is killed instead of
# holding a worker. --graceful-timeout 30: a deploy lets running requests finish.
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--graceful-timeout", "30", "--access-logfile", "-"]
