# The CoupleSpace image: one image for web (gunicorn), worker and beat.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/app/var
WORKDIR /app

COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir . && useradd --create-home couplespace
COPY . .
# Static files are collected without any of the site's secrets (IMAGE_BUILD, see deploy/build).
RUN deploy/build && chown -R couplespace /app/var

USER couplespace
EXPOSE 8000
CMD ["gunicorn", "couplespace.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
