// The one-line hints printed when a service cannot be reached (exit 3).

/** What to run to bring the services up, with Docker or without it. */
export const START_SERVICES_HINT = 'start it with `docker compose up -d`, or without Docker `bash scripts/services.sh start`';
