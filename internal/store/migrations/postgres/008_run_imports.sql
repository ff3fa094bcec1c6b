-- A plan's count of resources it imports: ones an interrupted apply
-- created in AWS but never wrote to the state (package adopt).

ALTER TABLE runs ADD COLUMN plan_import INTEGER NOT NULL DEFAULT 0;
