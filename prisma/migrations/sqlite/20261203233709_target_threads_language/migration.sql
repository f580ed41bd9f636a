-- Plain ADD COLUMNs (not the generator's table rebuild), so this composes with other branches' migrations.
ALTER TABLE "DeliveryTarget" ADD COLUMN "threads" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "DeliveryTarget" ADD COLUMN "language" TEXT;
ALTER TABLE "PlannedDigest" ADD COLUMN "threads" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "PlannedDigest" ADD COLUMN "language" TEXT;
