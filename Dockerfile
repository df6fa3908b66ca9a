# Commune technical-support bot (Telegram + Zalo), SQLite in a volume.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    BOT_DATABASE=/var/lib/commune-bot/bot.sqlite3 \
    BOT_LISTEN=0.0.0.0:8080

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY data ./data
RUN pip install --no-cache-dir . \
    && useradd --system --uid 10001 --home-dir /var/lib/commune-bot --create-home bot

USER 10001
WORKDIR /var/lib/commune-bot
VOLUME ["/var/lib/commune-bot"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD ["python", "-c", "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4); sys.exit(0)"]
ENTRYPOINT ["commune-bot"]
CMD ["run"]
