-- The grid managers' workspace (网格化管理): managers, every grid code ever allocated, the audit trail
-- and the grids version (meta), whose row every grid change locks first.
CREATE TABLE grid_managers (
  id text PRIMARY KEY,              -- gm-0001 …
  name text NOT NULL,
  phone text,
  active boolean NOT NULL DEFAULT true,
  created_at text NOT NULL
);

CREATE TABLE grid_codes (
  code text PRIMARY KEY,            -- 15 digits: village code (12) + sequence (3)
  status text NOT NULL,             -- active | retired
  created_at text NOT NULL,
  retired_at text,
  parents jsonb NOT NULL DEFAULT '[]',
  children jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE grid_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at text NOT NULL,
  actor text NOT NULL,
  actor_name text NOT NULL,
  action text NOT NULL,
  grid_codes jsonb NOT NULL,        -- array of the grids it touched
  changes jsonb NOT NULL,
  note text
);
CREATE INDEX grid_events_at ON grid_events (at);
CREATE INDEX grid_events_codes ON grid_events USING gin (grid_codes);
CREATE TRIGGER grid_events_no_update BEFORE UPDATE ON grid_events
  FOR EACH ROW EXECUTE FUNCTION refuse_update();

CREATE TABLE meta (
  name text PRIMARY KEY,            -- grids_version
  value bigint NOT NULL
);
INSERT INTO meta (name, value) VALUES ('grids_version', 1);
