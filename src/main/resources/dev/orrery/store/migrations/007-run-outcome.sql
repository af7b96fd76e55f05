-- Schema 7: why a run ended when it did not end by itself. A run whose runner died (kill -9, power loss) is
-- closed by the next process that takes the plan's lock over, with outcome 'interrupted (...)'; NULL for a
-- run that finished normally.
ALTER TABLE runs ADD COLUMN outcome TEXT;
