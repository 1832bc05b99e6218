# syntax=docker/dockerfile:1
# Stage 1: build a virtualenv with the project's dependencies (same steps as `make install`).
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN python -m venv /venv
COPY pyproject.toml README.md ./
RUN /venv/bin/python -m pip install --upgrade pip && /venv/bin/python -m pip install .
COPY . .
# Static files are collected at build time, hashed and compressed for whitenoise.
RUN DJANGO_ENV=production SECRET_KEY=build-only-not-secret ALLOWED_HOSTS=localhost \
    STATIC_ROOT=/app/staticfiles /venv/bin/python manage.py collectstatic --noinput

# Stage 2: the runtime image, without build tools, running as a non-root user.
FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH="/venv/bin:$PATH" \
    DJANGO_ENV=production STATIC_ROOT=/app/staticfiles
RUN groupadd --system forum && useradd --system --gid forum --home-dir /app --shell /usr/sbin/nologin forum
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=forum:forum /app /app
USER forum
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "config.wsgi:application", "--config", "config/gunicorn.conf.py"]
