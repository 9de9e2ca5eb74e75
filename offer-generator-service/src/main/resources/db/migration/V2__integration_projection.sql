-- The project's integrations as integration-service publishes them on mailoo.integrations.v1, so a generator can
-- only be linked to a MARKET integration of its own project.
CREATE TABLE integration_ref (
    integration_id text PRIMARY KEY,
    project_uid    text NOT NULL,
    type           text NOT NULL,
    version        bigint NOT NULL
);
