# The CoupleSpace image: one image for web (gunicorn), worker and beat. Each container runs a
# script from deploy/ (the rehearsal, `make rehearse`, runs the same scripts on one machine).
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
CMD ["deploy/web"]
