#!/bin/bash
# Creates one database per service, owned by POSTGRES_USER, on the first start of an empty data directory.
# Databases come from POSTGRES_DATABASES (space or comma separated). Shared by the Helm chart and docker-compose.
set -euo pipefail
databases="${POSTGRES_DATABASES:-}"
for db in ${databases//,/ }; do
  if psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '${db}'" | grep -q 1; then
    echo "database ${db} exists"
  else
    echo "creating database ${db}"
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
      -c "CREATE DATABASE \"${db}\" OWNER \"${POSTGRES_USER}\""
  fi
done
