FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/app/var
# Pango and a font for WeasyPrint (the proof of filing as a PDF).
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir . \
    && DEBUG=on VAR_DIR=/tmp/build python manage.py compilemessages --verbosity 0 \
    # Production storage (hashed names, compressed); placeholder values, not secrets.
    && DEBUG=off SECRET_KEY=build ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.db \
       CELERY_BROKER_URL=memory:// EMAIL_URL=consolemail:// \
       NATIONAL_NUMBER_KEYS=YnVpbGRidWlsZGJ1aWxkYnVpbGRidWlsZGJ1aWxkYnU= \
       NATIONAL_NUMBER_HASH_KEY=build \
       python manage.py collectstatic --no-input --verbosity 0 \
    && rm -rf /tmp/build*
RUN useradd --create-home cpas && chown -R cpas /app/var
USER cpas
EXPOSE 8000
CMD ["gunicorn", "cpasonline.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
