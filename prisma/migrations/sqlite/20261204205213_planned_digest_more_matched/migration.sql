-- A plain ADD COLUMN (not the generator's table rebuild): the ledger's rows stay where they are.
ALTER TABLE "PlannedDigest" ADD COLUMN "moreMatched" INTEGER NOT NULL DEFAULT 0;
