# Production image: gunicorn serving the app (config/gunicorn.conf.py, as `make run`), static
# files through WhiteNoise; the same image runs the task worker (docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Catalogues and static files are build output, made once into the image.
RUN python scripts/compile_messages.py \
 && DJANGO_SECRET_KEY=build-only DATABASE_URL=postgresql://build@localhost/build \
    python manage.py collectstatic --noinput

RUN useradd --system --uid 10001 app && mkdir -p /app/var/media && chown -R app /app/var
USER app

EXPOSE 8000
ENV GUNICORN_BIND=0.0.0.0:8000 GUNICORN_ACCESS_LOG=-
CMD ["gunicorn", "--config", "config/gunicorn.conf.py", "config.wsgi:application"]
